"""Captions and their numbers (issue 20 point 5): "Figur N." under a chart, "Tabell N." above a
table, in every format.

- Word: pandoc's native numbering writes SEQ fields (so Word can build a list of figures and
  of tables); ``word.py`` names them ``Figur`` and ``Tabell`` and puts a full stop after the
  number.
- PDF: Typst numbers its figures itself (``rapport.typ`` sets the full stop).
- HTML: the numbers are written into ``<figcaption>`` and ``<caption>`` here.

Every caption is trimmed first: no space before its text, none doubled.
"""

from __future__ import annotations

from pk_report.report.tree import nodes

NBSP = "\u00a0"


def _caption_inlines(node: dict) -> list | None:
    """The inlines of a Figure's or Table's caption (its first Plain/Para), or None."""
    caption = node["c"][1]
    blocks = caption[1] if isinstance(caption, list) and len(caption) == 2 else []
    for block in blocks:
        if block["t"] in ("Plain", "Para"):
            return block["c"]
    return None


def _trim(inlines: list) -> None:
    while inlines and inlines[0]["t"] in ("Space", "SoftBreak"):
        inlines.pop(0)
    while inlines and inlines[-1]["t"] in ("Space", "SoftBreak"):
        inlines.pop()
    i = 1
    while i < len(inlines):
        if inlines[i]["t"] == "Space" and inlines[i - 1]["t"] == "Space":
            inlines.pop(i)
        else:
            i += 1


def tidy(tree: dict) -> dict:
    """Every caption without leading, trailing or doubled spaces."""
    for node in nodes(tree["blocks"]):
        if node["t"] in ("Figure", "Table"):
            inlines = _caption_inlines(node)
            if inlines:
                _trim(inlines)
    return tree


def numbered(tree: dict) -> dict:
    """Each captioned figure and table with its number written before its caption
    ("Figur 2. Betygen per kurs 2009"), counted separately in document order."""
    counts = {"Figure": 0, "Table": 0}
    words = {"Figure": "Figur", "Table": "Tabell"}
    for node in nodes(tree["blocks"]):
        if node["t"] in counts:
            inlines = _caption_inlines(node)
            if inlines:
                counts[node["t"]] += 1
                inlines[:0] = [{"t": "Str", "c": f"{words[node['t']]}{NBSP}{counts[node['t']]}."},
                               {"t": "Space"}]
    return tree
