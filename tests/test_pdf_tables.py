"""Issue 20 point 2 and issue 18 point 11: the PDF's tables are Typst code written from the
document tree. The name column takes the remaining width, figure columns their content's
width, headings of figure columns wrap on purpose between their words, nothing in a cell is
hyphenated, and every text is a Typst string (never markup or code)."""

from __future__ import annotations

import re

from pk_report.report.tree import MAX_DEPTH, shallow
from pk_report.report.typst_table import columns, heading_lines, string, typst_table

LONG = "Den kommunala organisationen och dess nämnder"
HEADER = ["Kurs", "Utvärderingar", "Underkänt", "Godkänt", "Mer än godkänt", "Utmärkt"]


def _cell(text: str) -> list:
    words = [{"t": "Str", "c": w} for w in text.split()]
    inlines = [x for w in words for x in (w, {"t": "Space"})][:-1]
    return [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines}]]


def _table(header: list[str], rows: list[list[str]], caption: str = "") -> dict:
    specs = [[{"t": "AlignLeft"}, {"t": "ColWidthDefault"}]] + \
        [[{"t": "AlignRight"}, {"t": "ColWidthDefault"}]] * (len(header) - 1)
    cap = [None, [{"t": "Plain", "c": [{"t": "Str", "c": caption}]}]] if caption else [None, []]
    return {"t": "Table", "c": [
        ["", [], []], cap, specs,
        [["", [], []], [[["", [], []], [_cell(h) for h in header]]]],
        [[["", [], []], 0, [], [[["", [], []], [_cell(c) for c in row]] for row in rows]]],
        [["", [], []], []]]}


def test_a_wide_table_gives_the_name_column_the_rest_and_figures_their_width():
    body = [[f"{LONG} {i}", "187", "2 %", "10 %", "39 %", "49 %"] for i in range(3)]
    widths, wrap = columns([HEADER], body, [False] + [True] * 5)
    assert widths[0].endswith("fr") and widths[1:] == ["auto"] * 5
    assert heading_lines("Mer än godkänt", wrap[4]) == ["Mer än", "godkänt"]
    assert heading_lines("Kronor per deltagare", 6.0) == ["Kronor per", "deltagare"]


def test_a_table_that_fits_is_as_wide_as_its_content():
    widths, wrap = columns([["Deltagare", "2008", "2009"]], [["Politiker", "12", "14"]],
                           [False, True, True])
    assert widths == ["auto"] * 3 and wrap == [None] * 3


def test_the_typst_table_is_unhyphenated_with_wrapped_headings_and_string_cells():
    body = [[f"{LONG} {i}", "187", "2 %", "10 %", "39 %", "49 %"] for i in range(3)]
    code = typst_table(_table(HEADER, body, caption="Tabell 1. Betyg"))
    assert "text(hyphenate: false" in code and "kind: table" in code
    assert re.search(r"columns: \([\d.]+fr, auto, auto, auto, auto, auto,\)", code)
    assert '("Mer än", linebreak(), "godkänt").join()' in code
    assert '"organisationen"' in code and 'caption: [#{"Tabell 1. Betyg"}]' in code


def test_cell_text_is_never_typst_markup_or_code():
    hostile = '#read("/etc/passwd") ] ) $x$ @ref <lbl> \\ " *fet*'
    code = typst_table(_table(["Kurs", "Kr"], [[hostile, "1"]]))
    assert string("#read(\"x\")") == '"#read(\\"x\\")"'
    assert '"#read(\\"/etc/passwd\\")"' in code and '"\\\\"' in code
    assert string("a\nb\x1b") == '"a\\u{a}b\\u{1b}"'


def test_a_code_block_that_looks_like_a_table_is_left_alone():
    from pk_report.report.pdf import tables_as_typst

    block = {"t": "CodeBlock", "c": [["", [], []], "align(center)[#table(\n  columns: (1fr,),"]}
    tree = {"blocks": [block, _table(["Kurs", "Kr"], [["A", "1"]])]}
    out = tables_as_typst(tree)["blocks"]
    assert out[0] == block and out[1]["t"] == "RawBlock"
    assert "columns: (auto, auto,)" in out[1]["c"][1]


def _depth(blocks: list, depth: int = 0) -> int:
    most = depth
    for block in blocks:
        if block["t"] == "BulletList":
            for item in block["c"]:
                most = max(most, _depth(item, depth + 1))
        elif block["t"] == "BlockQuote":
            most = max(most, _depth(block["c"], depth + 1))
    return most


def test_deep_nesting_gives_up_its_frame_but_keeps_the_text():
    blocks = [{"t": "Para", "c": [{"t": "Str", "c": "botten"}]}]
    for i in range(100):
        blocks = [{"t": "BulletList", "c": [[{"t": "Plain", "c": [{"t": "Str", "c": f"n{i}"}]},
                                             *blocks]]}]
    blocks = [{"t": "BlockQuote", "c": blocks}]
    out = shallow(blocks)
    assert _depth(out) == MAX_DEPTH
    assert "botten" in str(out) and "n0" in str(out) and "n99" in str(out)
