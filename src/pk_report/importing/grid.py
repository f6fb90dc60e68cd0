"""An export as a grid of text cells, whatever file it came in: the safe, low-level read.

An .xlsx is measured by the register's own guards before calamine parses it (cached values
only: no formula is ever evaluated). A CSV is decoded as UTF-8 (with or without BOM), UTF-16
(with BOM, or without one when its zero bytes say so: Teams writes it so) or Windows-1252,
and split with the delimiter that gives the most regular table. Every cell becomes NFC text
with control characters replaced by a space.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from pk_report.readers import guards
from pk_report.swedish import integer
from pk_report.textsafe import CONTROL, nfc

from .model import ImportFormatError

MAX_EXPORT_BYTES = 100 * 1024**2  # an export of 100 000 answers is a few tens of MB
MAX_ROWS = 500_000
MAX_COLUMNS = 5_000
MAX_CELL_CHARS = 32_767  # what a cell of Excel holds
DELIMITERS = (";", ",", "\t")
SNIFF_LINES = 40
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
MAX_CELLS = 10_000_000  # rows x columns of the sheet read, measured before it is parsed
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Grid:
    """The cells of an export, row by row, with where each row is in the clerk's program."""

    path: Path
    rows: list[list[str]]
    numbers: list[int]          # Excel row or first CSV line of each row
    sheet: str = ""             # the sheet read, for a workbook
    encoding: str = ""          # for a CSV
    delimiter: str = ""         # for a CSV

    @property
    def is_workbook(self) -> bool:
        return bool(self.sheet)

    def cell(self, i: int, j: int) -> str:
        row = self.rows[i]
        return row[j] if j < len(row) else ""

    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def fail(path: Path, text: str) -> ImportFormatError:
    return ImportFormatError(f"{path.name}: {text}")


def column_letter(j: int) -> str:
    """0 -> 'A', 26 -> 'AA'."""
    letters = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def letter_index(text: str) -> int | None:
    """'A' -> 0, 'AA' -> 26; None when the text is no column letter."""
    t = text.strip().upper()
    if not t or len(t) > 3 or not t.isascii() or not t.isalpha():
        return None
    return guards.column_number(t.encode()) - 1


def cell_text(value: object) -> str:
    """A workbook or CSV value as the clerk sees it: 4.0 is '4', a date '2010-11-09 18:00:00'."""
    if value is None or value == "":
        return ""
    if type(value) is str and value.isascii() and value.isprintable():
        return value.strip()  # the common case: nothing to compose, no control character
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace("e+", "E+")
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    text = nfc(str(value))
    if CONTROL.search(text):
        text = CONTROL.sub(" ", text)
    return text.strip()


def read_grid(path: Path, *, delimiter: str | None = None, sheet: str | None = None) -> Grid:
    """Read the export at ``path`` (its content decides how, not its suffix)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail(path, f"Filen går inte att öppna ({exc.strerror or exc}). Kontrollera "
                         "sökvägen.") from exc
    if size == 0:
        raise fail(path, "Filen är tom (0 byte). Exportera svaren på nytt.")
    if size > MAX_EXPORT_BYTES:
        raise fail(path, f"Filen är {size // 1024**2} MB, mer än en export av svar eller "
                         f"närvaro rimligen är ({MAX_EXPORT_BYTES // 1024**2} MB). Kontrollera "
                         "att det är rätt fil.")
    with open(path, "rb") as fh:
        data = fh.read(MAX_EXPORT_BYTES + 1)
    if data.startswith(_ZIP_MAGIC):
        return _read_workbook(path, sheet)
    if data.startswith(_OLE_MAGIC):
        raise fail(path, "Filen är en äldre Excel-arbetsbok (.xls), som inte läses. Öppna den i "
                         "Excel och spara den som Excel-arbetsbok (.xlsx), eller exportera svaren "
                         "på nytt som .xlsx eller .csv.")
    return _read_csv(path, data, delimiter)


# -- workbooks ---------------------------------------------------------------------------------

def _read_workbook(path: Path, wanted: str | None) -> Grid:
    from pk_report.readers.isolate import run_inline

    try:
        with guards.open_zip(path) as archive:
            if "mimetype" in archive.namelist() and b"opendocument" in archive.read(
                    "mimetype")[:100]:
                raise fail(path, "Filen är ett OpenDocument-kalkylark (.ods), som importen inte "
                                 "läser. Spara den som Excel-arbetsbok (.xlsx) eller som CSV.")
            names = list(guards.xlsx_parts(archive).sheets)
            if not names:
                raise fail(path, "Arbetsboken har inga blad. Exportera svaren på nytt.")
            chosen = _choose_sheet(path, names, wanted)
            plan = guards.plan_xlsx(archive, lambda _names: [chosen])
            if plan.cells > MAX_CELLS:
                raise fail(path, f"Bladet ”{chosen}” spänner över "
                                 f"{integer(plan.cells)} celler, långt mer än en export av "
                                 "svar har. Kontrollera att det är rätt fil.")
        rows, first_row, first_col = run_inline(_calamine_sheet, str(path), chosen)
    except guards.Refused as exc:
        raise fail(path, str(exc)) from exc
    except ImportFormatError:
        raise
    except Exception as exc:  # a broken zip member: a bad CRC, a truncated stream
        raise fail(path, f"Arbetsboken går inte att läsa ({type(exc).__name__}: {exc}). "
                         "Öppna den i Excel och spara den på nytt, eller exportera svaren "
                         "på nytt.") from exc
    if len(rows) > MAX_ROWS:
        raise fail(path, f"Bladet ”{chosen}” har fler än {integer(MAX_ROWS)} rader; det är "
                         "ingen export av svar. Kontrollera att det är rätt fil.")
    text_rows = [[""] * first_col + [cell_text(v) for v in row] for row in rows]
    numbers = list(range(first_row + 1, first_row + 1 + len(text_rows)))
    return _trimmed(Grid(path, text_rows, numbers, sheet=chosen))


def _choose_sheet(path: Path, names: list[str], wanted: str | None) -> str:
    if wanted is None:
        return names[0]
    for name in names:
        if name.strip().casefold() == wanted.strip().casefold():
            return name
    listed = ", ".join(f"”{n}”" for n in names)
    raise fail(path, f"Arbetsboken har inget blad ”{wanted}” (den har {listed}). Rätta "
                     "”blad” i kartan.")


def _calamine_sheet(file: str, sheet: str) -> tuple[list[list[object]], int, int]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(file)
    names = {nfc(n): n for n in workbook.sheet_names}
    found = workbook.get_sheet_by_name(names.get(sheet, sheet))
    cells = found.to_python(skip_empty_area=False)
    start = found.start or (0, 0)
    return cells, start[0], start[1]


# -- CSV ---------------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a text export, or None when it is no text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return nfc(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            return None
    if len(data) >= 4 and b"\x00" in data[:4096]:
        head = data[:4096]
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd > len(head) // 4 and even == 0:
            codec = "utf-16-le"
        elif even > len(head) // 4 and odd == 0:
            codec = "utf-16-be"
        else:
            return None
        try:
            return nfc(data.decode(codec)), codec
        except UnicodeDecodeError:
            return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        codec = "utf-8-sig"
    else:
        codec = "utf-8"
    if b"\x00" in data:
        return None
    try:
        return nfc(data.decode("utf-8")), codec
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if CONTROL.search(text.replace("\x1a", "")):
        return None
    return nfc(text), "cp1252"


def _records(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The CSV's records and the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows, numbers, line = [], [], 0
    too_long = ("en cell är längre än en cell i Excel rymmer (32\u00a0767 tecken), ofta för "
                "att ett citattecken aldrig avslutas")
    try:
        for record in reader:
            if any(len(c) > MAX_CELL_CHARS for c in record):
                raise ImportFormatError(f"rad {line + 1}: {too_long}")
            rows.append(record)
            numbers.append(line + 1)
            line = reader.line_num
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as exc:  # the csv module's own limit, whatever it is set to
        why = too_long if "field larger" in str(exc) else "raden går inte att dela upp"
        raise ImportFormatError(f"rad {line + 1}: {why}") from exc
    return rows, numbers


def sniff(text: str) -> str:
    """The delimiter whose split of the first lines is widest and most regular."""
    head = text[:200_000]
    best, best_score = ",", (-1, -1)
    for delim in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delim))[:SNIFF_LINES]
        except csv.Error:
            continue
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common) * (common > 1), common)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(path: Path, data: bytes, delimiter: str | None) -> Grid:
    decoded = decode(data)
    if decoded is None:
        raise fail(path, "Filen är varken en arbetsbok (.xlsx) eller en textfil (CSV) i "
                         "UTF-8, UTF-16 eller Windows-1252. Exportera svaren på nytt som .xlsx "
                         "eller .csv.")
    text, encoding = decoded
    if delimiter:
        delim = delimiter
    elif encoding.startswith("utf-16") and "\t" in text[:10_000]:
        delim = "\t"  # Teams: UTF-16 with tabs, and commas inside its dates
    else:
        delim = sniff(text)
    try:
        rows, numbers = _records(text, delim)
    except ImportFormatError as exc:
        raise fail(path, f"{exc.message}. Kontrollera citattecknen på raden, eller öppna "
                         "filen i Excel och spara den som CSV på nytt.") from exc
    if len(rows) > MAX_ROWS:
        raise fail(path, f"Filen har fler än {integer(MAX_ROWS)} rader; det är ingen export av "
                         "svar. Kontrollera att det är rätt fil.")
    clean = [[cell_text(c) for c in r] for r in rows]
    return _trimmed(Grid(path, clean, numbers, encoding=encoding, delimiter=delim))


def _trimmed(grid: Grid) -> Grid:
    """Trailing empty cells dropped; a grid wider than any export is refused."""
    for row in grid.rows:
        while row and row[-1] == "":
            row.pop()
    if grid.width() > MAX_COLUMNS:
        raise fail(grid.path, f"Filen har fler än {integer(MAX_COLUMNS)} kolumner; det är ingen "
                              "export av svar. Kontrollera att det är rätt fil.")
    return grid
