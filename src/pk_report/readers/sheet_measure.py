"""What python-calamine will build for one .xlsx sheet, measured from its XML first.

calamine places a cell at its ``r`` reference when it has one, and otherwise where the
previous cell and row leave it (the next column; after ``</row>`` the next row, or the row's own
``r``). It then allocates a grid from A1 to the furthest cell, and gives every cell that refers
to a shared string its own copy of that string. A sheet can therefore claim nothing (no ``r``
at all) and still ask for 549 GB, or be 97 KB and hold 6 GB of text through one long shared
string used a thousand times.

Most sheets (every one Excel, LibreOffice or openpyxl writes) give every cell an ``r`` first,
in order: for them a few linear byte scans give the extent exactly. Any other sheet is walked
tag by tag, the way calamine walks it. Every scan is linear in the XML.
"""

from __future__ import annotations

import re

_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")
_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])([^<>]*)>")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]*)(\d+)$")
_LAST_REF = re.compile(rb'<c r="([A-Z]+)(\d+)"')
_CELL_WITHOUT_R = re.compile(rb'<c(?! r=")')
_WIDE_REF = re.compile(rb'<c r="([^"0-9]{2,})\d')
_SHARED_VALUE = re.compile(
    rb"""\st\s*=\s*["']s["'][^<>]*>\s*<(?:[\w.-]+:)?v\b[^<>]*>\s*(\d+)\s*<""")
_LOOSE_TYPE = re.compile(rb"""\st\s+=|\st=\s""")


class Unusual(Exception):
    """Markup calamine reads differently from a plain scan (CDATA, comments): not measured."""


def _section(xml: bytes) -> tuple[int, int]:
    """Where the cells are: from <sheetData> to the last sheetData end tag (the rest of the
    sheet, before and after, never holds cells calamine reads)."""
    m = _SHEET_DATA.search(xml)
    if m is None:
        return 0, 0
    end = xml.rfind(b"sheetData>")
    return m.start(), (end if end > m.start() else len(xml))


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _greater(digits: bytes) -> bytes:
    """A pattern for a number of as many digits as ``digits`` but greater, followed by the
    reference's closing quote; built as a tree, so most numbers fail on their first digit."""
    first, rest = digits[0] - 48, len(digits) - 1
    options = []
    if first < 9:
        options.append(b"[%d-9]" % (first + 1) + (b"\\d{%d}" % rest if rest else b"") + b'"')
    if rest:
        options.append(b"%d(?:%s)" % (first, _greater(digits[1:])))
    return b"|".join(options) or b"(?!)"


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) of the grid calamine allocates for the sheet: from A1 to its furthest
    cell, counting empty cells too (an upper bound)."""
    start, end = _section(xml)
    if start == end:
        return 0, 0
    if xml.find(b"<c", start, end) < 0:
        return 0, 0
    # a "<c" not opening '<c r="' (one search: as exact as comparing the two counts, faster)
    if _CELL_WITHOUT_R.search(xml, start, end) or _prefixed(xml, start, end):
        return walk_extent(xml, start, end)
    last = xml.rfind(b'<c r="', start, end)
    m = _LAST_REF.match(xml, last)
    if m is None:
        return walk_extent(xml, start, end)
    digits = m.group(2)
    # one scan for anything unlike a sheet of at most 26 columns in order: a reference with
    # two letters or more, or a row below the last cell's
    below = b"\\d{%d}|%s" % (len(digits) + 1, _greater(digits))
    if not re.compile(rb'<c r="[^0-9"](?:[^0-9"]|%s)' % below).search(xml, start, end):
        return int(digits), 26
    if re.compile(rb'<c r="[^0-9"]*(?:%s)' % below).search(xml, start, end):
        return walk_extent(xml, start, end)  # a cell below the last one: not in order
    wide = set(_WIDE_REF.findall(xml, start, end))
    if any(not w.isalpha() or not w.isascii() for w in wide):
        return walk_extent(xml, start, end)
    return int(digits), max((column_number(w) for w in wide), default=26)


def _prefixed(xml: bytes, start: int, end: int) -> bool:
    """Whether a cell tag may carry a namespace prefix (``<x:c>``): a colon is rare in the
    cells of most sheets, so a one-byte search usually settles it."""
    return xml.find(b":", start, end) >= 0 and xml.find(b":c", start, end) >= 0


def walk_extent(xml: bytes, start: int, end: int) -> tuple[int, int]:
    """The extent found by walking every row and cell tag as calamine does."""
    if xml.find(b"<!", start, end) >= 0:
        raise Unusual
    row = col = height = width = 0
    for m in _TAG.finditer(xml, start, end):
        closing, name, attrs = m.groups()
        if name == b"row":
            if closing:
                row, col = row + 1, 0
                continue
            r = _r(attrs)
            if r is not None and r.isdigit():
                row = int(r) - 1
            if attrs.endswith(b"/"):
                row, col = row + 1, 0
            continue
        if closing:
            continue
        r = _r(attrs)
        ref = _REF.match(r) if r else None
        if ref:
            at_row, col = int(ref.group(2)) - 1, column_number(ref.group(1)) - 1
        else:
            at_row = row
        height, width = max(height, at_row + 1), max(width, col + 1)
        col += 1
    return height, width


def _r(attrs: bytes) -> bytes | None:
    m = _R_ATTR.search(attrs)
    return None if m is None else (m.group(1) if m.group(1) is not None else m.group(2))


def shared_text(xml: bytes, lengths: list[int], longest: int, limit: int) -> int:
    """Bytes of text calamine copies out of the shared strings for this sheet's cells (an
    upper bound): each cell of type ``s`` gets its own copy of the entry it names."""
    if not lengths:
        return 0
    start, end = _section(xml)
    values = xml.count(b"<v", start, end) + xml.count(b":v", start, end)
    if values * longest <= limit:
        return values * longest
    typed = xml.count(b't="s"', start, end) + xml.count(b"t='s'", start, end)
    if _LOOSE_TYPE.search(xml, start, end):
        typed = values
    found = [int(i) for i in _SHARED_VALUE.findall(xml, start, end)]
    total = sum(lengths[i] for i in found if i < len(lengths))
    return total + max(0, typed - len(found)) * longest


def entry_lengths(sst: bytes) -> list[int]:
    """The byte length of each shared-string entry's XML (at least its text's length)."""
    parts = re.split(rb"<(?:[\w.-]+:)?si(?=[\s/>])", sst)
    return [len(p) for p in parts[1:]]
