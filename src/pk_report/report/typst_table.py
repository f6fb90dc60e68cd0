"""The PDF's tables, written as Typst code from pandoc's document tree (never by editing the
Typst source pandoc writes: a code block holding ``table(columns:`` changes nothing here).

Every text of a cell is a Typst string literal (``"…"``), so no data is ever Typst markup or
code; emphasis, links and line breaks are Typst functions around those strings. The table
is a ``figure`` of kind ``table`` as pandoc's Typst writer makes it, so the template's show
rules for tables and table figures apply unchanged.

Columns (issue 20): when the whole table fits the line every column is ``auto`` (as wide as
its content); when it does not, each figure column's heading is broken between its words
into lines no wider than its widest figure or its longest word (”Kronor per⏎deltagare”),
the column stays ``auto`` (Typst measures it in the real font, so a figure never wraps), and
the text columns share the rest (``fr``). Nothing in a table cell is hyphenated.
"""

from __future__ import annotations

from pk_report.report.table_widths import CELL_EM, LINE_EM, text_em
from pk_report.report.tree import Node, safe_url, stringify

_ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center",
          "AlignDefault": "left"}
_WRAP = {"Emph": "emph", "Strong": "strong", "Underline": "underline", "Strikeout": "strike",
         "Superscript": "super", "Subscript": "sub", "SmallCaps": "smallcaps"}


def string(text: str) -> str:
    """``text`` as a Typst string literal: nothing in it is markup or code."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def inlines(items: list) -> str:
    """Inlines as one Typst code expression (content or string)."""
    parts = [p for p in (_inline(i) for i in items) if p]
    if not parts:
        return '""'
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ").join()"


def _inline(node: Node) -> str:
    t, c = node["t"], node.get("c")
    if t == "Str":
        return string(c)
    if t in ("Space", "SoftBreak"):
        return '" "'
    if t == "LineBreak":
        return "linebreak()"
    if t in _WRAP:
        return f"{_WRAP[t]}({inlines(c)})"
    if t == "Span":
        return inlines(c[1])
    if t == "Quoted":
        mark = "”" if c[0]["t"] == "DoubleQuote" else "’"
        return f"({string(mark)}, {inlines(c[1])}, {string(mark)}).join()"
    if t == "Code":
        return f"raw({string(c[1])})"
    if t == "Link":
        target = c[2][0]
        if target.startswith("#") and safe_url(target, {target[1:]}):
            return f"link(label({string(target[1:])}), {inlines(c[1])})"
        if safe_url(target, set()):
            return f"link({string(target)}, {inlines(c[1])})"
        return inlines(c[1])
    return string(stringify(node)) if stringify(node) else ""


def blocks(items: list) -> str:
    """A cell's blocks as one content expression; paragraphs apart by a line break."""
    parts = []
    for block in items:
        if block["t"] in ("Plain", "Para"):
            parts.append(inlines(block["c"]))
        elif stringify(block):
            parts.append(string(stringify(block)))
    if not parts:
        return "[]"
    joined = parts[0] if len(parts) == 1 else \
        "(" + ", linebreak(), ".join(parts) + ").join()"
    return f"[#{{{joined}}}]"


def _cell(cell: list) -> str:
    _attr, _align, rowspan, colspan, content = cell
    body = blocks(content)
    if rowspan == 1 and colspan == 1:
        return body
    return f"table.cell(rowspan: {int(rowspan)}, colspan: {int(colspan)}, {body})"


def _rows(rows: list) -> list[str]:
    return [", ".join(_cell(cell) for cell in row[1]) + "," for row in rows]


def _texts(rows: list) -> list[list[str]]:
    return [[stringify(cell[4]) for cell in row[1]] for row in rows]


def columns(header: list[list[str]], body: list[list[str]], numeric: list[bool],
            line: float = LINE_EM) -> tuple[list[str], list[float | None]]:
    """Each column's Typst width, and for each figure column whose heading is to wrap the
    width (in ems of the metrics) its heading's lines may take (see the module's description).
    """
    n = len(numeric)
    whole, figure, word = [0.0] * n, [0.0] * n, [0.0] * n
    for rows, bold in ((header, True), (body, False)):
        for row in rows:
            for i, text in enumerate(row[:n]):
                width = text_em(text, bold)
                whole[i] = max(whole[i], width)
                if bold:
                    word[i] = max([word[i]] + [text_em(w, bold) for w in text.split()])
                else:
                    figure[i] = max(figure[i], width)
    if sum(CELL_EM + w for w in whole) <= line or all(numeric):
        return ["auto"] * n, [None] * n
    texts = [max(whole[i], 1.0) for i in range(n) if not numeric[i]]
    share = iter(f"{w / min(texts):.2f}fr" for w in texts)
    widths = ["auto" if numeric[i] else next(share) for i in range(n)]
    return widths, [max(figure[i], word[i]) if numeric[i] else None for i in range(n)]


def heading_lines(text: str, width: float) -> list[str]:
    """A heading broken between its words into lines no wider than ``width`` (bold ems)."""
    lines: list[str] = []
    for w in text.split():
        if lines and text_em(f"{lines[-1]} {w}", bold=True) <= width:
            lines[-1] += f" {w}"
        else:
            lines.append(w)
    return lines


def _header(rows: list, wrap: list[float | None]) -> list[str]:
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row[1]):
            width = wrap[i] if i < len(wrap) else None
            text = stringify(cell[4])
            if width is None or cell[2] != 1 or cell[3] != 1 or \
                    len(heading_lines(text, width)) < 2:
                cells.append(_cell(cell))
            else:
                lines = ", linebreak(), ".join(string(t) for t in heading_lines(text, width))
                cells.append(f"[#{{({lines}).join()}}]")
        out.append(", ".join(cells) + ",")
    return out


def typst_table(table: Node) -> str:
    """A pandoc Table node as Typst code (a figure of kind table)."""
    _attr, caption, specs, head, bodies, foot = table["c"]
    body_rows: list = []
    for body in bodies:
        body_rows += list(body[2]) + list(body[3])
    body_rows += list(foot[1])
    numeric = [spec[0]["t"] == "AlignRight" for spec in specs]
    widths, wrap = columns(_texts(head[1]), _texts(body_rows), numeric)
    lines = ["#figure(", "  text(hyphenate: false, align(left)[#table(",
             f"    columns: ({', '.join(widths)},),",
             f"    align: ({', '.join(_ALIGN.get(s[0]['t'], 'left') for s in specs)},),"]
    if head[1]:
        lines.append("    table.header(" + " ".join(_header(head[1], wrap)) + "),")
        lines.append("    table.hline(),")
    lines += ["    " + row for row in _rows(body_rows)]
    lines.append("  )]),")
    caption_text = stringify(caption[1]) if caption and len(caption) > 1 else ""
    if caption_text:
        lines.append(f"  caption: {blocks(caption[1])},")
    lines.append("  kind: table,")
    lines.append(")")
    return "\n".join(lines)
