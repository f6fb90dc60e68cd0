"""The report as pandoc's document tree (JSON), made safe and finished before any writer runs.

- ``sanitize``: nothing the Markdown says can read a file, reach the network or inject raw
  output. Raw blocks and inlines become their text; an image is kept only when the build
  handed its bytes in (``images``, the tool's own charts), any other image becomes its alt
  text.
- ``title_block``: the report's first heading is the document's title (metadata), not a
  heading; the other headings move up one level and never skip a level.
- ``fit_tables``: column widths from the content (``table_widths``): figures never wrap, the
  name column takes the rest.

Every writer (DOCX, HTML, Typst) gets the same tree, so the three documents agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from pk_report.report.table_widths import column_widths

Node = dict

def walk(value: object, visit: Callable[[Node], list[Node] | None]) -> object:
    """Depth-first rewrite: ``visit`` returns None (keep the node) or a list to splice in its
    place (a node's children are visited first)."""
    if isinstance(value, list):
        out: list = []
        for item in value:
            item = walk(item, visit)
            if isinstance(item, dict) and "t" in item:
                replaced = visit(item)
                if replaced is not None:
                    out.extend(replaced)
                    continue
            out.append(item)
        return out
    if isinstance(value, dict):
        return {k: walk(v, visit) for k, v in value.items()}
    return value


def nodes(value: object) -> Iterator[Node]:
    """Every node in ``value``, depth first."""
    if isinstance(value, list):
        for item in value:
            yield from nodes(item)
    elif isinstance(value, dict):
        if "t" in value:
            yield value
        for v in value.values():
            yield from nodes(v)


def stringify(value: object) -> str:
    """The text of inlines or blocks, as a reader hears it."""
    parts: list[str] = []

    def add(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                add(item)
        elif isinstance(value, dict) and "t" in value:
            t, c = value["t"], value.get("c")
            if t == "Str":
                parts.append(c)
            elif t in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif t in ("Code", "Math", "RawInline"):
                parts.append(c[1])
            elif t in ("Image", "Link"):
                add(c[1])
            elif t == "Quoted":
                add(c[1])
            elif t in ("Para", "Plain"):
                if parts:
                    parts.append(" ")
                add(c)
            elif c is not None:
                add(c)

    add(value)
    return "".join(parts).strip()


def text_inlines(text: str) -> list[Node]:
    """Plain text as inlines (words and spaces)."""
    out: list[Node] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


# --- sanitize --------------------------------------------------------------------------------

def sanitize(tree: dict, allowed: Mapping[str, str]) -> dict:
    """Raw output becomes text; images not in ``allowed`` (source -> new source) become their
    alt text, allowed ones get their new source (a data: URI, or a file name for Typst)."""

    def visit(node: Node) -> list[Node] | None:
        t = node["t"]
        if t == "RawBlock":
            return [{"t": "CodeBlock", "c": [["", [], []], node["c"][1]]}]
        if t == "RawInline":
            return [{"t": "Code", "c": [["", [], []], node["c"][1]]}]
        if t == "Image":
            attr, alt, (src, title) = node["c"]
            if src in allowed:
                node["c"] = [attr, alt, [allowed[src], title]]
                return None
            return [{"t": "Span", "c": [["", [], []], alt]}]
        if t == "Figure" and not any(n["t"] == "Image" for n in nodes(node["c"][2])):
            # A figure whose image was dropped: its text as a paragraph.
            return [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in node["c"][2]]
        return None

    tree["blocks"] = walk(tree["blocks"], visit)
    return tree


# --- title and headings ----------------------------------------------------------------------

def _letters(text: str) -> str:
    """Only letters and digits: the paragraph naming the municipality is found also when
    pandoc has turned its ``--`` into a dash and its quotes into curly ones."""
    return "".join(ch for ch in text if ch.isalnum())


def title_block(tree: dict, kommun: str = "") -> dict:
    """Drop the first heading (the title goes into the metadata) and, right after it, a
    paragraph that only names the municipality (the title block shows it); every other heading
    moves up a level, and no heading is more than one level below the one before it."""
    blocks = tree["blocks"]
    if blocks and blocks[0]["t"] == "Header" and blocks[0]["c"][0] == 1:
        blocks = blocks[1:]
        if kommun and blocks and blocks[0]["t"] == "Para" and \
                _letters(stringify(blocks[0])) == _letters(kommun):
            blocks = blocks[1:]
    level = 0
    for block in blocks:
        if block["t"] == "Header":
            wanted = max(1, block["c"][0] - 1)
            level = min(wanted, level + 1)
            block["c"][0] = level
    tree["blocks"] = blocks
    return tree


# --- tables ----------------------------------------------------------------------------------

def _rows(table: Node) -> tuple[list[list[str]], list[list[str]]]:
    """(header rows, body and foot rows) of a table, each a list of cell texts."""
    _attr, _caption, _specs, head, bodies, foot = table["c"]

    def texts(rows: list) -> list[list[str]]:
        return [[stringify(cell[4]) for cell in row[1]] for row in rows]

    body = []
    for _battr, _heads, inter, rows in bodies:
        body += texts(inter) + texts(rows)
    return texts(head[1]), body + texts(foot[1])


def fit_tables(tree: dict) -> dict:
    """Relative column widths (pandoc's ColWidth) on every table, from its content."""
    for node in nodes(tree["blocks"]):
        if node["t"] != "Table":
            continue
        specs = node["c"][2]
        header, body = _rows(node)
        numeric = [spec[0]["t"] == "AlignRight" for spec in specs]
        widths = column_widths(header, body, numeric)
        node["c"][2] = [[spec[0], {"t": "ColWidth", "c": round(w, 4)}]
                        for spec, w in zip(specs, widths)]
    return tree


# --- metadata --------------------------------------------------------------------------------

def meta_inlines(*lines: str) -> dict:
    """Metadata value: lines of plain text separated by line breaks."""
    out: list[Node] = []
    for line in lines:
        if out:
            out.append({"t": "LineBreak"})
        out += text_inlines(line)
    return {"t": "MetaInlines", "c": out}


def meta_string(text: str) -> dict:
    return {"t": "MetaString", "c": text}
