"""What python-calamine will build for an .ods, measured from content.xml before it is parsed.

An .ods compresses a row or a cell repeated a million times into one tag
(``table:number-rows-repeated``, ``table:number-columns-repeated``): 815 bytes can stand for
millions of cells, each of which becomes a cell, a value and perhaps a problem to report.
Repeats of empty rows and cells cost nothing (LibreOffice ends every sheet with a million
empty rows) and are not counted; repeats that hold something are, before anything is expanded.

The scan is linear: one pass over the row and cell tags.
"""

from __future__ import annotations

import re
import zipfile

_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^<>]*)>")
_REPEAT = {b"table-row": re.compile(rb'number-rows-repeated\s*=\s*["\'](\d+)'),
           b"table-cell": re.compile(rb'number-columns-repeated\s*=\s*["\'](\d+)'),
           b"covered-table-cell": re.compile(rb'number-columns-repeated\s*=\s*["\'](\d+)')}
_NAME = re.compile(rb'table:name\s*=\s*"([^"]*)"')


def _repeat(name: bytes, attrs: bytes) -> int:
    m = _REPEAT[name].search(attrs)
    return int(m.group(1)) if m and len(m.group(1)) < 12 else (10**12 if m else 1)


def ods_cells(archive: zipfile.ZipFile) -> dict[str, int]:
    """Each sheet's grid as calamine fills it (rows up to the last that holds something, times
    the widest such row), repeats counted, by sheet name."""
    try:
        xml = archive.read("content.xml")
    except KeyError:
        return {}
    sizes: dict[str, int] = {}
    sheet = ""
    row_repeat = height = width = col = 0
    row_used = 0  # columns up to the last cell in this row that holds something
    rows = 0
    for m in _TAG.finditer(xml):
        closing, name, attrs = m.groups()
        self_closing = attrs.endswith(b"/")
        if name == b"table":
            if closing:
                sizes[sheet] = height * width
            else:
                found = _NAME.search(attrs)
                sheet = found.group(1).decode("utf-8", "replace") if found else ""
                rows = height = width = 0
            continue
        if name == b"table-row":
            if closing or self_closing:
                if not closing:
                    row_repeat, col, row_used = _repeat(name, attrs), 0, 0
                rows += row_repeat
                if row_used:
                    height, width = rows, max(width, row_used)
                continue
            row_repeat, col, row_used = _repeat(name, attrs), 0, 0
            continue
        if closing:
            continue
        repeat = _repeat(name, attrs)
        col += repeat
        holds = not self_closing or b"value-type" in attrs or b"formula" in attrs
        if holds:
            row_used = col
    return sizes
