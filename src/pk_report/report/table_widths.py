"""Column widths from a table's content, measured in the body font's own glyph widths.

The Word document's body font is Arial (``reference.docx``), which LibreOffice replaces with
the metric-compatible Liberation Sans: a width measured here is the width on the page in both.
A figure column gets the width of its widest figure or of the longest word of its (bold)
heading and is never narrowed, so a year or an amount never wraps; a text column gets its
longest text, and when the table is wider than the line the text columns share what the
figure columns leave, down to their longest word where there is room for it.
"""

from __future__ import annotations

LINE_EM = 41.2  # A4 with 2.5 cm margins: 16 cm of text, in ems of 11 pt
CELL_EM = 1.6  # a cell's left and right margins (2 × 0.19 cm) and some air for rounding
MIN_TEXT_EM = 5.0

# Arial's advance widths in thousandths of an em (regular, bold), as Liberation Sans has them.
_REGULAR = {**dict.fromkeys("0123456789", 556), **dict.fromkeys(" ", 278),
            **dict.fromkeys(".,:;'", 278), **dict.fromkeys("-()[]/", 333),
            "%": 889, "–": 556, "—": 1000, "”": 333, "\"": 355, "&": 667, "+": 584,
            **dict.fromkeys("ijl", 222), **dict.fromkeys("ftI", 278), "r": 333,
            **dict.fromkeys("ckszvxyJ", 500), "w": 722, "m": 833,
            **dict.fromkeys("abdeghnopqu" "åäöéü", 556),
            **dict.fromkeys("ABEKPSVXYÅÄ", 667), **dict.fromkeys("CDHNRUÖ", 722),
            **dict.fromkeys("GOQ", 778), "F": 611, "T": 611, "Z": 611, "L": 556, "M": 833,
            "W": 944}
_BOLD = {**_REGULAR, **dict.fromkeys("bdghnopqu" "öü", 611), **dict.fromkeys("aceskvxyåäé", 556),
         "f": 333, "t": 333, "r": 389, **dict.fromkeys("ijl", 278), "m": 889, "w": 778,
         **dict.fromkeys("ABCDHKNRUVXYÅÄÖ", 722), **dict.fromkeys("GOQ", 778), "T": 611,
         "F": 611, "L": 611, "E": 667, "P": 667, "S": 667, "M": 833, "W": 944}
_DEFAULT = 600


# The body font is DejaVu Sans at 10 pt (issue 20 point 9): its regular text is about 5 %
# wider than these Arial widths at 11 pt (bold headers about 10 %: left to point 2's headers).
_DEJAVU_REGULAR = 1.05


def text_em(text: str, bold: bool = False) -> float:
    """How wide ``text`` is, in ems of the body font."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(ch, _DEFAULT) for ch in text) / 1000 * (1 if bold else _DEJAVU_REGULAR)


def _longest_word(text: str, bold: bool) -> float:
    return max((text_em(word, bold) for word in text.split()), default=0.0)


def column_widths(header: list[list[str]], body: list[list[str]], numeric: list[bool],
                  line: float = LINE_EM) -> list[float]:
    """Each column's share of the line (the shares add up to less than one when the table is
    narrower than the line)."""
    n = len(numeric)
    widest, floor = [0.0] * n, [0.0] * n
    for rows, bold in ((header, True), (body, False)):
        for row in rows:
            for i, text in enumerate(row[:n]):
                floor[i] = max(floor[i], _longest_word(text, bold))
                if not bold:
                    widest[i] = max(widest[i], text_em(text))
    want = [CELL_EM + max(widest[i], floor[i]) for i in range(n)]
    if sum(want) > line:
        text = [i for i in range(n) if not numeric[i]]
        room = max(line - sum(want[i] for i in range(n) if numeric[i]), MIN_TEXT_EM * len(text))
        least = {i: min(CELL_EM + floor[i], want[i]) for i in text}
        if sum(least.values()) <= room:
            # each text column its longest word, the rest shared by how much more it wants
            extra = room - sum(least.values())
            more = {i: want[i] - least[i] for i in text}
            for i in text:
                want[i] = least[i] + extra * more[i] / (sum(more.values()) or 1)
        else:  # words longer than the room: they must break, the figures still must not
            for i in text:
                want[i] = room * least[i] / sum(least.values())
    return [w / max(sum(want), line) for w in want]
