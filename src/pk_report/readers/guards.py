"""Checks made before any parser sees a file, so a hostile file is refused, not obeyed.

python-calamine allocates a dense grid for a sheet's used range, and a vector as long as the
shared-string table claims to be, and aborts the whole process when either allocation fails
(cells at A1 and ZZ1000000 in a 5 KB file are enough, or ``uniqueCount="4000000000"``); a zip
may unpack to gigabytes. Sizes, ratios, the used range of every sheet that will be read and
the shared strings are therefore measured from the zip and the XML first, and the workbook's
whole cost is bounded, not only each sheet's.

Every scan here is linear in the XML: no pattern can backtrack over more than one tag.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pk_report.readers import sheet_measure
from pk_report.readers.sheet_measure import column_number, sheet_extent  # noqa: F401
from pk_report.textsafe import nfc

MAX_FILE_BYTES = 300 * 1024**2
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_RATIO = 200  # unpacked / packed, per member of a size worth checking
MAX_CELLS = 40_000_000  # rows x columns of the used ranges of all sheets read, together
MAX_SHARED_STRINGS = 10_000_000  # entries of the shared-string table, claimed or real
MAX_SHARED_STRING_BYTES = MAX_FILE_BYTES  # the table's XML, unpacked
MAX_SHARED_TEXT = 256 * 1024**2  # text copied out of the shared strings into the cells read
SHORTEST_SHARED_STRING = len(b"<si/>")

_ERROR_TAG = re.compile(rb'<c\b[^<>]*\bt="e"[^<>]*>')
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_TAG = re.compile(rb"<(?:\w+:)?(?:Relationship|sheet)\b[^<>]*>")
_SST = re.compile(rb"<(?:\w+:)?sst\b[^<>]*>")
_SHARED_STRINGS_TYPE = b"/sharedStrings"


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
        archive.close()
        raise Refused("Arbetsboken packas upp till mer än 2 GB och läses inte. "
                      "Kontrollera att det är rätt fil.")
    for m in members:
        if m.file_size > 10 * 1024**2 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            archive.close()
            raise Refused(f"Delen {m.filename} i arbetsboken är misstänkt hårt packad "
                          f"({m.file_size // 1024**2} MB ur {m.compress_size // 1024} kB) och "
                          "läses inte. Spara arbetsboken på nytt från Excel.")
    return archive


@dataclass
class XlsxParts:
    """Where a workbook's parts are: each sheet's XML by sheet name, the shared strings."""

    sheets: dict[str, str] = field(default_factory=dict)
    shared_strings: str | None = None


def _attribute(tag: bytes, name: bytes) -> bytes | None:
    """The attribute named exactly ``name`` (as calamine matches it: no other prefix), in
    either kind of quotes, with space around ``=`` allowed."""
    m = re.search(rb"""\s""" + re.escape(name) + rb"""\s*=\s*(?:"([^"]*)"|'([^']*)')""", tag)
    if m is None:
        return None
    return m.group(1) if m.group(1) is not None else m.group(2)


def _part_path(target: bytes) -> str:
    """A sheet's part as calamine finds it: "/xl/..." and "xl/..." as they are, anything else
    under "xl/"."""
    t = target.decode("utf-8", "replace")
    if t.startswith("/xl/"):
        return t[1:]
    return t if t.startswith("xl/") else "xl/" + t


def xlsx_parts(archive: zipfile.ZipFile) -> XlsxParts:
    """The sheets (name -> XML part) and the shared-string part, from workbook.xml and its
    relationships."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError as exc:
        raise Refused("Arbetsboken saknar sin innehållsförteckning (xl/workbook.xml). "
                      "Spara den på nytt från Excel.") from exc
    parts = XlsxParts()
    targets = {}
    for tag in _TAG.findall(rels):
        rid, target = _attribute(tag, b"Id"), _attribute(tag, b"Target")
        if rid and target:
            targets[rid] = _part_path(target)
            if (_attribute(tag, b"Type") or b"").endswith(_SHARED_STRINGS_TYPE):
                parts.shared_strings = targets[rid]
    for tag in _TAG.findall(book):
        if not re.match(rb"<(?:\w+:)?sheet\b", tag):
            continue
        name = _attribute(tag, b"name")
        rid = _attribute(tag, b"r:id") or _attribute(tag, b"relationships:id")
        if name is not None and rid and rid in targets:
            shown = nfc(_unescape(name.decode("utf-8", "replace")))
            if shown in parts.sheets:
                raise Refused(f"Arbetsboken har två blad som heter ”{shown}”, så det går inte att "
                              "veta vilket som ska läsas. Byt namn på det ena i Excel och spara "
                              "igen.", shown)
            parts.sheets[shown] = targets[rid]
    if parts.shared_strings is None and "xl/sharedStrings.xml" in archive.namelist():
        parts.shared_strings = "xl/sharedStrings.xml"
    return parts


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part."""
    return xlsx_parts(archive).sheets


_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(m: re.Match) -> str:
    ref = m.group(1)
    if ref in _NAMED:
        return _NAMED[ref]
    try:
        return chr(int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:]))
    except (ValueError, OverflowError):
        return m.group(0)


def _unescape(text: str) -> str:
    """An attribute's value as an XML parser gives it: named and numeric references too (a
    sheet called ``&#107;urser`` is calamine's ”kurser”)."""
    return _ENTITY.sub(_entity, text)


def check_sheet_extent(height: int, width: int, sheet: str) -> None:
    if height > 1_048_576 or width > 16_384 or height * width > MAX_CELLS:
        raise Refused(f"Bladet ”{sheet}” har celler utspridda över {_digits(height)} rader och "
                      f"{_digits(width)} kolumner, långt mer än en registerfil har. Ta bort de "
                      "celler som ligger långt ut (Ctrl+End visar den sista) och spara igen.",
                      sheet)


def error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """The sheet's error cells {(row, col): '#REF!'}, rows and columns 1-based as in Excel.

    One pass over the error cells' tags; each one's value is looked for only up to the next
    cell, so rows of self-closing error cells (``<c r="Z1" t="e"/>``) cost no more than others.
    """
    errors: dict[tuple[int, int], str] = {}
    if b't="e"' not in xml:
        return errors
    for m in _ERROR_TAG.finditer(xml):
        ref = _REF.search(m.group(0))
        if not ref:
            continue
        text = "#FEL"
        if not m.group(0).endswith(b"/>"):
            end = xml.find(b"<c", m.end())
            value = _VALUE.search(xml, m.end(), end if end >= 0 else len(xml))
            if value:
                text = value.group(1).decode("utf-8", "replace")
        errors[(int(ref.group(2)), column_number(ref.group(1)))] = text
    return errors


_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_PLAIN_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c\b[^<>]*>")


def uncomputed_formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """Cells with a formula but no computed value (``<c r="B2"><f>A1+1</f></c>``, as openpyxl
    or a script writes them): calamine reads them as empty. {(row, col): formula}."""
    found: dict[tuple[int, int], str] = {}
    if not _PLAIN_FORMULA.search(xml):  # (a prefixed <x:f> is not looked for: the old
        return found                     # message then); a regex beats 'in' on "<" bytes
    for m in _FORMULA.finditer(xml):
        start = max(xml.rfind(b"<c ", 0, m.start()), xml.rfind(b":c ", 0, m.start()))
        end = xml.find(b"c>", m.end())
        if start < 0 or end < 0:
            continue
        cell = xml[start:end]
        if b"<v" in cell or b":v>" in cell or b":v " in cell:
            continue
        tag = _CELL_START.match(xml, xml.rfind(b"<", 0, start + 1))
        ref = _REF.search(tag.group(0)) if tag else None
        if ref:
            text = re.sub(rb"<[^<>]*>", b"", xml[m.start():end]).decode("utf-8", "replace")
            found[(int(ref.group(2)), column_number(ref.group(1)))] = text.rstrip("</")[:60]
    return found


def scan_xlsx_sheet(xml: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """Refuse a sheet whose used range is absurd; return its error cells."""
    check_sheet_extent(*sheet_extent(xml), sheet)
    return error_cells(xml)


def shared_string_count(archive: zipfile.ZipFile, member: str | None) -> int:
    """How many entries calamine will allocate for the shared-string table: the larger of what
    the table claims (``uniqueCount``, which calamine reserves up front) and what it holds.

    A small table is bounded by its size (an entry takes at least five bytes); a large one is
    counted as it is unpacked, in chunks, never held whole.
    """
    if member is None:
        return 0
    try:
        info = archive.getinfo(_member(archive, member))
    except KeyError:
        return 0
    if info.file_size > MAX_SHARED_STRING_BYTES:
        raise Refused(f"Arbetsbokens teckensträngstabell är {info.file_size // 1024**2} MB, långt "
                      "mer än en registerfil har. Spara arbetsboken på nytt från Excel.")
    with archive.open(info) as fh:
        chunk = fh.read(64 * 1024)
        sst = _SST.search(chunk)
        unique = _attribute(sst.group(0), b"uniqueCount") if sst else None
        claimed = int(unique) if unique and unique.isdigit() else 0
        if info.file_size // SHORTEST_SHARED_STRING <= MAX_SHARED_STRINGS:
            return claimed
        found, tail = 0, b""
        while chunk:
            data = tail + chunk  # a tag cut by the chunk's edge is counted once, here
            found += data.count(b"<si") + data.count(b":si")
            tail = data[-2:]
            chunk = fh.read(4 * 1024 * 1024)
    return max(claimed, found)


@dataclass
class WorkbookPlan:
    """What reading an .xlsx will cost, measured before calamine sees it, and what the XML says
    that calamine does not (the error cells)."""

    sheet_names: list[str]
    error_cells: dict[str, dict[tuple[int, int], str]]
    cells: int
    shared_strings: int
    formulas: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)


def plan_xlsx(archive: zipfile.ZipFile, wanted: Callable[[list[str]], list[str]]) -> WorkbookPlan:
    """Measure every sheet ``wanted`` picks from the sheet names and the shared strings; refuse
    the workbook when any sheet, or all of them together, or the strings (their number, and
    the text the cells copy out of them) are beyond bound."""
    parts = xlsx_parts(archive)
    names = list(parts.sheets)
    strings = shared_string_count(archive, parts.shared_strings)
    if strings > MAX_SHARED_STRINGS:
        raise Refused(f"Arbetsbokens teckensträngstabell har {_digits(strings)} poster, långt "
                      "mer än en registerfil har. Spara arbetsboken på nytt från Excel (Arkiv > "
                      "Spara som > Excel-arbetsbok).")
    lengths = shared_string_lengths(archive, parts.shared_strings)
    longest = max(lengths, default=0)
    errors: dict[str, dict[tuple[int, int], str]] = {}
    sizes: dict[str, int] = {}
    texts: dict[str, int] = {}
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    for sheet in wanted(names):
        xml = read_member(archive, parts.sheets[sheet])
        try:
            height, width = sheet_extent(xml)
        except sheet_measure.Unusual:
            raise Refused(f"Bladet ”{sheet}” innehåller kommentarer eller CDATA bland cellerna, "
                          "vilket Excel aldrig skriver. Spara arbetsboken på nytt från Excel.",
                          sheet) from None
        check_sheet_extent(height, width, sheet)
        sizes[sheet] = height * width
        texts[sheet] = sheet_measure.shared_text(xml, lengths, longest, MAX_SHARED_TEXT)
        errors[sheet] = error_cells(xml)
        formulas[sheet] = uncomputed_formulas(xml)
        del xml
    total = sum(sizes.values())
    if total > MAX_CELLS:
        raise Refused(f"Bladen i arbetsboken spänner tillsammans över {_digits(total)} celler "
                      f"(störst: {_largest(sizes)}), långt mer än en registerfil har. Ta bort de "
                      "celler som ligger långt ut på bladen (Ctrl+End visar den sista) och spara "
                      "igen.")
    text = sum(texts.values())
    if text > MAX_SHARED_TEXT:
        raise Refused(f"Cellerna i arbetsboken upprepar sammanlagt {_digits(text // 1024**2)} MB "
                      f"text ur teckensträngstabellen (mest: {_largest(texts)}), långt mer än en "
                      "registerfil har. Kontrollera att det är rätt fil; spara den annars på nytt "
                      "från Excel.")
    return WorkbookPlan(names, errors, total, strings, formulas)


def check_ods(archive: zipfile.ZipFile) -> None:
    """Refuse an .ods whose repeated rows and cells would expand beyond bound, before they are
    expanded (815 bytes once gave 3.1 million errors)."""
    from pk_report.readers.ods_measure import ods_cells

    sizes = ods_cells(archive)
    total = sum(sizes.values())
    if total > MAX_CELLS:
        raise Refused(f"Bladen i arbetsboken spänner tillsammans över {_digits(total)} ifyllda "
                      f"celler när upprepade rader och celler räknas ut (störst: "
                      f"{_largest(sizes)}), långt mer än en registerfil har. Ta bort de rader "
                      "som upprepas långt ner (Ctrl+End visar den sista) och spara igen.")


def _largest(sizes: dict[str, int]) -> str:
    largest = [f"”{s}”" for s in sorted(sizes, key=sizes.get, reverse=True)[:3] if sizes[s]]
    return largest[0] if len(largest) == 1 else f"{', '.join(largest[:-1])} och {largest[-1]}"


def shared_string_lengths(archive: zipfile.ZipFile, member: str | None) -> list[int]:
    """Each shared-string entry's size in bytes (its XML: at least its text)."""
    if member is None:
        return []
    try:
        name = _member(archive, member)
    except KeyError:
        return []
    return sheet_measure.entry_lengths(archive.read(name))


def _member(archive: zipfile.ZipFile, member: str) -> str:
    """The zip member calamine opens for ``member``: the one whose name matches it, ignoring
    ASCII case. Two such members would let the check measure one while calamine reads the
    other, so that is refused."""
    wanted = member.lower()
    found = {n for n in archive.namelist() if n.lower() == wanted}
    if len(found) > 1 or len(found) == 1 and len([i for i in archive.infolist()
                                                  if i.filename in found]) > 1:
        raise Refused(f"Arbetsboken har flera delar som heter {member}, så det går inte att veta "
                      "vilken som läses. Spara den på nytt från Excel.")
    if not found:
        raise KeyError(member)
    return found.pop()


def read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        return archive.read(_member(archive, member))
    except KeyError as exc:
        raise Refused(f"Arbetsboken saknar delen {member}. Spara den på nytt från Excel.") from exc
