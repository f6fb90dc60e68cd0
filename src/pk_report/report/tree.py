"""The report as pandoc's document tree (JSON), made safe and finished before any writer runs.

- ``sanitize``: nothing the Markdown says can read a file, reach the network, run a script
  or inject raw output, in any format. An allow-list, not a deny-list: raw blocks and inlines
  become their text (math and citations too); an image is kept only when the build handed its
  bytes in (``images``, the tool's own charts), any other image becomes its alt text; a link
  is kept only to http, https or mailto, or to an anchor the document has, any other becomes
  its text; the only attributes left are a heading's identifier and an image's ``alt`` and a
  ``width``/``height`` that is a plain length or percentage. Event handlers, ``style``,
  classes and every attribute of a span or div are gone before a writer runs. Lists and
  quotes nested deeper than eight levels give up their frame (``shallow``).
- ``title_block``: the report's first heading is the document's title (metadata), not a
  heading; the other headings move up one level and never skip a level.
- ``fit_tables``: column widths from the content (``table_widths``): figures never wrap, the
  name column takes the rest.

Every writer (DOCX, HTML, Typst) gets the same tree, so the three documents agree.
"""

from __future__ import annotations

import re
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


def text_inlines(text: str, keep_edges: bool = False) -> list[Node]:
    """Plain text as inlines (words and spaces); with ``keep_edges``, a space at either end
    stays a space."""
    out: list[Node] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    if keep_edges and text[:1].isspace():
        out.insert(0, {"t": "Space"})
    if keep_edges and text[-1:].isspace() and text.strip():
        out.append({"t": "Space"})
    return out


# --- sanitize --------------------------------------------------------------------------------

NO_ATTR = ["", [], []]
# The URL schemes a report links to: the web and e-mail. Nothing with whitespace or controls
# in it (a browser drops a tab inside "java\tscript:").
_URL = re.compile(r"(?:https?://[^\s/?#\\]+|mailto:[^\s:/]+@)[^\s\x00-\x1f\x7f]*", re.I)
_ANCHOR = re.compile(r"#([\w.:-]+)")
# A length or percentage as the report writes one (Typst, CSS and pandoc's DOCX all read it).
LENGTH = re.compile(r"\d{1,4}(?:\.\d{1,4})?(?:%|cm|mm|in|pt|px|em)")
_IMAGE_KEYS = {"alt": None, "width": LENGTH, "height": LENGTH}


def safe_url(target: str, anchors: set[str]) -> bool:
    """Whether a link may point to ``target``: http(s), mailto, or an anchor that exists."""
    anchor = _ANCHOR.fullmatch(target)
    if anchor:
        return anchor[1] in anchors
    return bool(_URL.fullmatch(target))


def _image_attr(attr: list) -> list:
    """An image keeps its ``alt`` and a plain ``width``/``height``; no id, no class."""
    kept = []
    for key, value in attr[2]:
        rule = _IMAGE_KEYS.get(key)
        if key in _IMAGE_KEYS and (rule is None or rule.fullmatch(value)) and \
                key not in dict(kept):
            kept.append([key, value])
    return ["", [], kept]


def _heading_attr(attr: list) -> list:
    """A heading keeps its identifier (the target of the document's own links), only that."""
    return [attr[0] if _ANCHOR.fullmatch("#" + attr[0]) else "", [], []]


def sanitize(tree: dict, allowed: Mapping[str, str]) -> dict:
    """The tree made safe (see the module's description). ``allowed`` maps each image source
    the build handed in to its new source (a data: URI, or a file name for Typst)."""
    anchors: set[str] = set()

    def clean(node: Node) -> list[Node] | None:
        t = node["t"]
        c = node.get("c")
        if t == "RawBlock":
            return [{"t": "CodeBlock", "c": [NO_ATTR, c[1]]}]
        if t == "RawInline":
            return [{"t": "Code", "c": [NO_ATTR, c[1]]}]
        if t == "Math":
            return text_inlines(c[1], keep_edges=True)
        if t == "Cite":
            return c[1]
        if t == "Header":
            if not stringify(c[2]):
                return []  # an empty heading: nothing to read, and PDF/UA refuses it
            node["c"] = [c[0], _heading_attr(c[1]), c[2]]
            if node["c"][1][0]:
                anchors.add(node["c"][1][0])
            return None
        if t == "Image":
            attr, alt, (src, title) = c
            if src in allowed:
                node["c"] = [_image_attr(attr), alt, [allowed[src], title]]
                return None
            return [{"t": "Span", "c": [NO_ATTR, alt]}]
        if t == "Figure" and not any(n["t"] == "Image" for n in nodes(c[2])):
            # A figure whose image was dropped: its text as a paragraph.
            return [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in c[2]]
        if isinstance(c, list) and c and _is_attr(c[0]):
            c[0] = NO_ATTR  # spans, divs, code, tables, figures …: no attributes at all
        if t == "Table":
            _table_parts_plain(c)
        return None

    blocks = walk(tree["blocks"], clean)

    def links(node: Node) -> list[Node] | None:
        if node["t"] != "Link":
            return None
        _attr, text, (target, title) = node["c"]
        if not safe_url(target, anchors):
            return [{"t": "Span", "c": [NO_ATTR, text]}]
        node["c"] = [NO_ATTR, text, [target, title]]
        return None

    tree["blocks"] = shallow(walk(blocks, links))
    return tree


MAX_DEPTH = 8  # lists, quotes and divs inside each other; deeper ones give up their frame
_CONTAINERS = ("BulletList", "OrderedList", "BlockQuote", "Div", "DefinitionList")


def shallow(blocks: list, depth: int = 0) -> list:
    """Containers nested deeper than ``MAX_DEPTH`` become their content, in order: a list of
    a hundred levels reads the same, and Typst refuses a document nested that deep."""
    out = []
    for block in blocks:
        t = block.get("t")
        if t not in _CONTAINERS:
            out.append(block)
            continue
        parts = _parts(block)
        if depth >= MAX_DEPTH:  # each item its own paragraph, no longer run together
            for part in parts:
                out += [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b
                        for b in shallow(part, depth)]
            continue
        parts = [shallow(part, depth + 1) for part in parts]
        if depth + 1 >= MAX_DEPTH:  # an item's text apart from the paragraphs lifted into it
            parts = [[{"t": "Para", "c": b["c"]} if b["t"] == "Plain" and len(part) > 1 else b
                      for b in part] for part in parts]
        _set_parts(block, parts)
        out.append(block)
    return out


def _parts(block: Node) -> list[list]:
    t, c = block["t"], block["c"]
    if t == "BulletList":
        return list(c)
    if t == "OrderedList":
        return list(c[1])
    if t == "BlockQuote":
        return [c]
    if t == "Div":
        return [c[1]]
    out = []  # DefinitionList: each term as a paragraph, then its definitions
    for term, definitions in c:
        out.append([{"t": "Para", "c": term}])
        out += definitions
    return out


def _set_parts(block: Node, parts: list[list]) -> None:
    t = block["t"]
    if t == "BulletList":
        block["c"] = parts
    elif t == "OrderedList":
        block["c"][1] = parts
    elif t == "BlockQuote":
        block["c"] = parts[0]
    elif t == "Div":
        block["c"][1] = parts[0]
    else:
        terms, i = [], 0
        for _term, definitions in block["c"]:
            term = parts[i][0]["c"]
            terms.append([term, parts[i + 1:i + 1 + len(definitions)]])
            i += 1 + len(definitions)
        block["c"] = terms


def _table_parts_plain(c: list) -> None:
    """A table's head, bodies, foot, rows and cells without attributes."""
    _attr, _caption, _specs, head, bodies, foot = c
    rows = list(head[1]) + list(foot[1])
    head[0] = foot[0] = NO_ATTR
    for body in bodies:
        body[0] = NO_ATTR
        rows += list(body[2]) + list(body[3])
    for row in rows:
        row[0] = NO_ATTR
        for cell in row[1]:
            cell[0] = NO_ATTR


def _is_attr(value: object) -> bool:
    """Whether ``value`` is pandoc's Attr: [identifier, [classes], [[key, value], …]]."""
    return isinstance(value, list) and len(value) == 3 and isinstance(value[0], str) and \
        isinstance(value[1], list) and isinstance(value[2], list)


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
