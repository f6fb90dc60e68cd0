"""Checks made before any parser sees a file, so a hostile file is refused, not obeyed.

python-calamine allocates a dense grid for a sheet's used range and aborts the whole process
when that fails (cells at A1 and ZZ1000000 in a 5 KB file are enough), and a zip may unpack to
gigabytes. Sizes, ratios and the used range are therefore read from the zip and the sheet XML
first.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAX_FILE_BYTES = 300 * 1024**2
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_RATIO = 200  # unpacked / packed, per member of a size worth checking
MAX_CELLS = 40_000_000  # rows x columns of one sheet's used range

_ROW_TAG = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_WIDE_REF = re.compile(rb'r="([A-Z]{2,})\d')  # a literal prefix: the fast path of re
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)


class Refused(Exception):
    """The file is not safe or not sensible to parse; the message says why, in Swedish."""

    def __init__(self, message: str, sheet: str | None = None) -> None:
        super().__init__(message)
        self.sheet = sheet


def _digits(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise Refused("Filen är tom (0 byte). Spara den på nytt från Excel, med rubrikraden.")
    if size > MAX_FILE_BYTES:
        raise Refused(f"Filen är {size // 1024**2} MB, mer än vad en registerfil rimligen är "
                      f"({MAX_FILE_BYTES // 1024**2} MB). Kontrollera att det är rätt fil.")


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a workbook's zip after checking that it does not unpack to something enormous."""
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise Refused("Filen är ingen giltig arbetsbok (den går inte att öppna som .xlsx/.ods). "
                      "Öppna den i Excel och spara den på nytt som Excel-arbetsbok.") from exc
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        raise Refused("Arbetsboken packas upp till mer än 2 GB och läses inte. "
                      "Kontrollera att det är rätt fil.")
    for m in members:
        if m.file_size > 10 * 1024**2 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise Refused(f"Delen {m.filename} i arbetsboken är misstänkt hårt packad "
                          f"({m.file_size // 1024**2} MB ur {m.compress_size // 1024} kB) och "
                          "läses inte. Spara arbetsboken på nytt från Excel.")
    return archive


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part, from workbook.xml and its relationships."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError as exc:
        raise Refused("Arbetsboken saknar sin innehållsförteckning (xl/workbook.xml). "
                      "Spara den på nytt från Excel.") from exc
    targets = {}
    for tag in re.findall(rb"<Relationship\b[^>]*>", rels):
        rid = re.search(rb'\bId="([^"]+)"', tag)
        target = re.search(rb'\bTarget="([^"]+)"', tag)
        if rid and target:
            t = target.group(1).decode("utf-8", "replace").lstrip("/")
            targets[rid.group(1)] = t if t.startswith("xl/") else "xl/" + t
    parts = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", book):
        name = re.search(rb'\bname="([^"]*)"', tag)
        rid = re.search(rb'\br:id="([^"]+)"', tag) or re.search(rb'\b\w+:id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            parts[_unescape(name.group(1).decode("utf-8", "replace"))] = targets[rid.group(1)]
    return parts


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def scan_xlsx_sheet(xml: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """Refuse a sheet whose used range is absurd; return its error cells {(row, col): '#REF!'}.

    Rows and columns are 1-based as in Excel. Rows must come in order in a valid sheet, so the
    last <row> tag gives the height; columns of three letters or more are rare enough to scan.
    """
    last_row = xml.rfind(b"<row ")
    height = 0
    if last_row >= 0:
        m = _ROW_TAG.match(xml, last_row)
        height = int(m.group(1)) if m else 0
    big_rows = re.findall(rb'<row\b[^>]*?\br="(\d{7,})"', xml)
    if big_rows:
        height = max(height, *(int(r) for r in big_rows))
    wide = set(_WIDE_REF.findall(xml))
    width = max((column_number(w) for w in wide), default=26)
    if height > 1_048_576 or width > 16_384 or height * width > MAX_CELLS:
        raise Refused(f"Bladet ”{sheet}” har celler utspridda över {_digits(height)} rader och "
                      f"{_digits(width)} kolumner, långt mer än en registerfil har. Ta bort de "
                      "celler som ligger långt ut (Ctrl+End visar den sista) och spara igen.",
                      sheet)
    errors = {}
    if b't="e"' in xml:
        for m in _ERROR_CELL.finditer(xml):
            ref = _REF.search(m.group(1))
            value = _VALUE.search(m.group(2))
            if ref:
                key = (int(ref.group(2)), column_number(ref.group(1)))
                errors[key] = value.group(1).decode("utf-8", "replace") if value else "#FEL"
    return errors
