"""Raw tables: every cell as canonical text, indexed by the row number the clerk sees.

Both the workbook and the CSV reader end here, so that the same data in either form gives the
same tables: a number cell 12.0 and the CSV text "12" are both "12", a date cell and the CSV
text "2009-03-12" are both "2009-03-12".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from pk_report.names import norm_name
from pk_report.problems import ERROR, WARNING, Problem
from pk_report.schema import Table, as_written, column_label
from pk_report.textsafe import BIDI, CONTROL, ODD, clean, controls_in, is_nfc, nfc, terminal

MAX_TITLE_ROWS = 10
MAX_CELL_CHARS = 32_767  # what one cell in Excel holds
EXCEL_ERROR = re.compile(r"^(#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)|Err:\d{3})$")


@dataclass
class RawTable:
    """One table of the contract as read: text cells, index = row number as Excel shows it."""

    name: str
    file: str
    sheet: str | None
    header_row: int
    headers: dict[str, str]  # contract column -> header as the clerk wrote it
    frame: pd.DataFrame
    ignored: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # contract column -> sheet position

    def problem(self, row: int | None, column: str | None, value: str | None, message: str,
                level: str = ERROR) -> Problem:
        header = (self.headers.get(column) or as_written(column, column_label(column), self.headers)
                  if column else None)
        return Problem(self.name, self.file, row, header, value, message, self.sheet, level,
                       self.columns.get(column) if column else None)


def cell_text(value: object) -> str:
    """The canonical text of one cell, whatever type the reader gave it."""
    if value is None:
        return ""
    if type(value) is str:
        return value.strip()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def columns_text(rows: list[list], positions: list[int]) -> list[list[str]]:
    """Columns ``positions`` of ``rows`` as canonical text (strings take the fast path; short
    rows read as empty cells)."""
    width = max(positions, default=-1) + 1
    if rows and min(map(len, rows)) < width:
        rows = [row if len(row) >= width else list(row) + [None] * (width - len(row))
                for row in rows]
    return [[c.strip() if type(c) is str else cell_text(c) for c in [row[j] for row in rows]]
            for j in positions]


@dataclass
class Header:
    """Where a table's header row is and which column holds which contract column."""

    index: int  # position of the header among the rows given
    row: int  # its row number as the clerk sees it
    positions: dict[str, int]
    headers: dict[str, str]
    ignored: list[str]
    problems: list[Problem]


def find_header(table: Table, head: list[list[str]], row_numbers: list[int], file: str,
                sheet: str | None, first_column: int = 0) -> Header | Problem:
    """The header among the first rows (as canonical text): the row with most known columns."""
    known = {c.name for c in table.columns}
    best, best_hits = None, 0
    for i, row in enumerate(head[: MAX_TITLE_ROWS + 1]):
        hits = len({norm_name(c) for c in row if c} & known)
        if hits > best_hits:
            best, best_hits = i, hits
    if best is None:
        # in a CSV file the plain names (as for a missing file), on a sheet the mall's
        wanted = ", ".join(c.name if sheet is None else c.label
                           for c in table.columns if c.required)
        return Problem(table.name, file, None, None, None,
                       f"Hittar ingen rubrikrad med kolumnerna ({wanted}) bland de "
                       f"{MAX_TITLE_ROWS + 1} första raderna. Skriv kolumnnamnen i en rad "
                       "överst i tabellen, se pk-report mall.", sheet)
    header_row = row_numbers[best]
    found = Header(best, header_row, {}, {}, [], [])
    for j, text in enumerate(head[best]):
        if not text:
            continue
        key = norm_name(text)
        if key not in known:
            found.ignored.append(text)
        elif key in found.positions:
            found.problems.append(Problem(table.name, file, header_row, text, None,
                                          f"Kolumnen finns två gånger (även ”{found.headers[key]}”). "
                                          "Ta bort eller byt namn på den ena.", sheet,
                                          col=first_column + j))
        else:
            found.positions[key] = j
            found.headers[key] = text
    return found


def raw_table(table: Table, header: Header, data: dict[str, list[str]] | pd.DataFrame,
              numbers, file: str, sheet: str | None, first_column: int = 0,
              screen: bool = True) -> tuple[RawTable, list[Problem]]:
    """The RawTable from the contract columns' text (in NFC); empty rows dropped; the problems
    of the header and of cells no register should hold (``cell_problems``), unless the caller
    knows there can be none (``screen=False``: a CSV file screened whole)."""
    problems = list(header.problems)
    if screen:
        data, found = cell_problems(table, header, data, numbers, file, sheet, first_column)
        problems.extend(found)
    frame = pd.DataFrame(data, dtype=object)
    frame.index = pd.Index(numbers, name="rad")
    if len(frame.columns):  # every cell is text here, so truth is "not empty"
        frame = frame[frame.to_numpy(dtype=object).astype(bool).any(axis=1)]
    else:
        frame = frame.iloc[0:0]
    raw = RawTable(table.name, file, sheet, header.row, header.headers, frame, header.ignored,
                   {name: first_column + j for name, j in header.positions.items()})
    for text in header.ignored:
        problems.append(raw.problem(header.row, None, text,
                                    f"Kolumnen ”{text}” ingår inte i dataformatet och läses inte. "
                                    "Byt namn på den om den skulle ha lästs.", WARNING))
    for column in table.columns:
        if column.required and column.name not in header.positions:
            missing = as_written(column.name, column.label, header.headers)
            problems.append(Problem(table.name, file, header.row, missing, None,
                                    f"Obligatorisk kolumn ”{missing}” saknas. Lägg till den "
                                    "i rubrikraden.", sheet))
    return raw, problems


def build_raw_table(table: Table, rows: list[list], row_numbers: list[int], file: str,
                    sheet: str | None, first_column: int = 0, screen: bool = True
                    ) -> tuple[RawTable | None, list[Problem]]:
    """Find the header among the first rows, then build the text frame of contract columns.

    ``rows`` hold cells as the reader gave them; ``row_numbers[i]`` is the number the clerk
    sees for rows[i]. Only the contract's columns are turned into text.
    """
    head = [[nfc(cell_text(c)) for c in row] for row in rows[: MAX_TITLE_ROWS + 1]]
    header = find_header(table, head, row_numbers, file, sheet, first_column)
    if isinstance(header, Problem):
        return None, [header]
    body = rows[header.index + 1:]
    names = list(header.positions)
    data = dict(zip(names, columns_text(body, [header.positions[n] for n in names])))
    return raw_table(table, header, data, row_numbers[header.index + 1:], file, sheet,
                     first_column, screen)


def _digits(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_C1 = re.compile("[\x80-\x9f]")
# Lead bytes of what no output may hold or should obey, beyond the controls: U+FFFE/U+FFFF
# (EF BF), lone surrogates (ED, shared with some Hangul), bidirectional overrides and isolates
# (E2 80, shared with dashes and quotation marks; E2 81). Only where one occurs is the text
# searched.
_ODD_LEADS = (b"\xef\xbf", b"\xed", b"\xe2\x80", b"\xe2\x81")


def _odd(data: bytes, text: str) -> bool:
    return any(lead in data for lead in _ODD_LEADS) and ODD.search(text) is not None


def screen_column(column: list[str]) -> tuple[list[str], bool, bool]:
    """(the column in NFC, whether a cell may hold a control character, whether a cell may be
    longer than ``MAX_CELL_CHARS``), from one join of the whole column: a clean column, as
    nearly every column is, costs a join and a few passes at C speed, never a Python call per
    cell.

    Joined with NUL, which composes with nothing, the column is in NFC exactly when each cell
    is. In its UTF-8 bytes a C0 control or DEL is a byte of its own (every byte of a longer
    character is 0x80 or more), so deleting every other byte leaves the NUL separators and the
    controls; a C1 control is looked for only where its lead byte 0xC2 occurs. The cells'
    lengths in bytes, between the NULs, bound their lengths in characters.
    """
    import numpy as np

    joined = "\x00".join(column)
    if not is_nfc(joined):
        column = [nfc(text) for text in column]
        joined = "\x00".join(column)
    data = joined.encode("utf-8", "surrogatepass")
    controls = len(data.translate(None, _OTHER_BYTES)) != max(len(column) - 1, 0) or (
        b"\xc2" in data and _C1.search(joined) is not None) or _odd(data, joined)
    long = False
    if len(data) > MAX_CELL_CHARS:
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0)
        long = bool((np.diff(ends, prepend=-1, append=len(data)) - 1).max() > MAX_CELL_CHARS)
    return column, controls, long


def _unseen_problem(table: str, file: str, row: int, header: str, text: str,
                    sheet: str | None, col: int | None) -> Problem:
    """A warning for a cell with characters that are not seen but act: controls (a terminal
    obeys them), U+FFFE/U+FFFF and lone surrogates (Word and the PDF refuse them), or
    bidirectional overrides (they turn the text shown around)."""
    found = controls_in(text)
    if found:
        return Problem(table, file, row, header, text,
                       f"Cellen innehåller styrtecken ({', '.join(found)}), som inte syns men "
                       "kan styra en terminal. De visas här som koder och tas inte med i "
                       "rapporten. Skriv om texten i cellen utan dem.", sheet, WARNING, col)
    if BIDI.search(text):
        return Problem(table, file, row, header, text,
                       "Cellen innehåller tecken som vänder textens riktning (" +
                       ", ".join(dict.fromkeys(terminal(c) for c in BIDI.findall(text))) +
                       "), så att den kan visas baklänges eller i fel ordning. De tas inte med "
                       "i rapporten. Skriv om texten i cellen utan dem.", sheet, WARNING, col)
    return Problem(table, file, row, header, text,
                   "Cellen innehåller tecken som inte är text (U+FFFE, U+FFFF eller ett halvt "
                   "teckenpar). De tas inte med i rapporten. Skriv om texten i cellen.", sheet,
                   WARNING, col)


def plain_text(data: bytes, text: str) -> bool:
    """Whether a whole file's cells are surely free of control characters and no longer than
    ``MAX_CELL_CHARS`` when each record is one line: no control byte, no line that long. One
    pass of C code over the bytes, so a CSV file read the fast way needs no screen per column.
    """
    import numpy as np

    if data.translate(None, _OTHER_BYTES) or (b"\xc2" in data and _C1.search(text)) \
            or _odd(data, text):
        return False
    if len(data) <= MAX_CELL_CHARS:
        return True
    # Lines taken between LFs only: a line ended by a bare CR joins the next one, so the
    # longest line is never underestimated (at worst the file is screened per column).
    breaks = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    return bool((np.diff(breaks, prepend=-1, append=len(data)) - 1).max() <= MAX_CELL_CHARS)


def cell_problems(table: Table, header: Header, data, numbers, file: str, sheet: str | None,
                  first_column: int = 0) -> tuple[dict[str, list[str]], list[Problem]]:
    """The columns in NFC, and the cells no register should hold: longer than Excel allows (an
    error: in a CSV file usually a quote never closed, which swallows the rest of the file) or
    with control characters (a warning: they are shown escaped and left out of the report).
    Each column is screened whole (``screen_column``); only a column that may hold such a cell
    is looked at cell by cell."""
    problems = []
    numbers = list(numbers)
    columns = {}
    for name in data:
        column, controls, long = screen_column(list(data[name]))
        columns[name] = column
        if not controls and not long:
            continue
        header_text = header.headers.get(name, name)
        col = first_column + header.positions[name] if name in header.positions else None
        for row, text in zip(numbers, column):
            if len(text) > MAX_CELL_CHARS:
                problems.append(Problem(
                    table.name, file, row, header_text, text[:40] + "…",
                    f"Cellen har {_digits(len(text))} tecken, fler än en cell i Excel rymmer "
                    f"({_digits(MAX_CELL_CHARS)}). " + (
                        "Ofta är det ett citattecken som aldrig avslutas, så att resten av "
                        "filen blir en enda cell: kontrollera citattecknen på raden."
                        if file.lower().endswith(".csv") else
                        "Korta texten, eller dela upp den på flera rader."), sheet, col=col))
            elif CONTROL.search(text) or ODD.search(text):
                problems.append(_unseen_problem(table.name, file, row, header_text, text, sheet,
                                                col))
        columns[name] = [clean(text) for text in column]  # the one cleaning: nothing after
    return columns, problems
