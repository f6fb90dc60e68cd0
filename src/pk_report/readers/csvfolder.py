"""Reading a folder of CSV files, one per table: encoding and delimiter detected."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pk_report.names import norm_name
from pk_report.problems import WARNING, Problem
from pk_report.readers import guards
from pk_report.readers.raw import (MAX_TITLE_ROWS, Header, RawTable, build_raw_table,
                                    find_header, plain_text, raw_table)
from pk_report.schema import IGNORED_SHEETS, TABLES
from pk_report.textsafe import CONTROL, nfc

DELIMITERS = ";,\t"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
SNIFF_LINES = 12  # the header may have up to ten title rows above it


def decode(data: bytes) -> tuple[str | None, str]:
    """(text, encoding) for UTF-8 with or without BOM, else Windows-1252; (None, why) if neither.

    The whole file is looked at, not only its start: a NUL anywhere means it is no text file,
    and so does a control character in what only Windows-1252 can decode (UTF-8 text with a
    stray control character is text; the cell is reported). The text is returned in NFC.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        return None, "binary"
    try:
        return nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, "unknown"
    if CONTROL.search(text):
        return None, "binary"
    return nfc(text), "cp1252"


def first_lines(text: str, n: int) -> list[str]:
    """The first ``n`` lines, broken where pandas' parser breaks them (LF, CRLF, CR only),
    without splitting the whole text (it may be many megabytes)."""
    head = text[:line_start(text, n)]
    lines = _LINE_BREAK.split(head)
    if lines and lines[-1] == "" and head.endswith(("\n", "\r")):
        lines.pop()
    return lines[:n]


def line_start(text: str, n: int) -> int:
    """Where line ``n`` (counted from 0) starts, lines broken as pandas' parser breaks them;
    the end of the text when it has fewer lines."""
    if n == 0:
        return 0
    for count, brk in enumerate(_LINE_BREAK.finditer(text), start=1):
        if count == n:
            return brk.end()
    return len(text)


def count_lines(text: str) -> int:
    """Lines as pandas' parser sees them: ended by LF, CRLF or CR, the last one maybe not."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)


def sniff_delimiter(text: str, known: set[str]) -> str:
    """The delimiter that splits a header line among the top lines into the most known column
    names; failing that, the one that occurs most (title rows may have none)."""
    lines = [line for line in first_lines(text, SNIFF_LINES) if line.strip()]
    best, best_score = ";", (-1, -1)
    for delim in DELIMITERS:
        rows = list(csv.reader(lines, delimiter=delim))
        hits = max((len({norm_name(c) for c in row} & known) for row in rows), default=0)
        score = (hits, max((line.count(delim) for line in lines), default=0))
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv_folder(folder: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    entries = sorted(folder.iterdir())
    if not any(p.suffix.lower() == ".csv" for p in entries):
        return tables, [Problem("", str(folder), None, None, None,
                                f"Mappen {folder} innehåller inga CSV-filer, så det finns inget "
                                "register att läsa där. Ange mappen med registrets CSV-filer (en "
                                "per tabell) eller en arbetsbok (.xlsx), med --data eller "
                                "PK_REPORT_DATA.")]
    wide = [p for p in entries if p.suffix.lower() == ".csv" and p.is_file() and _utf16(p)]
    if wide:  # Excel's "Unicode text": every table saved so, one cause, said once and first
        from pk_report.swedish import join

        names = join([p.name for p in wide])
        return tables, [Problem("", str(folder), None, None, None,
                                f"{'Filen' if len(wide) == 1 else 'Filerna'} {names} är "
                                f"sparad{'' if len(wide) == 1 else 'e'} som UTF-16 (Excels "
                                "”Unicode-text”), som inte läses. Spara "
                                f"{'den' if len(wide) == 1 else 'dem'} som ”CSV UTF-8 "
                                "(kommaavgränsad)” i Excel (Arkiv > Spara som) och försök igen.")]
    for path in entries:
        if path.suffix.lower() != ".csv" or path.is_dir():
            continue
        key = norm_name(nfc(path.stem))
        if not path.is_file():  # a named pipe or a device: reading it could wait for ever
            if key in TABLES:
                problems.append(Problem(key, str(path), None, None, None,
                                        f"{path.name} är ingen vanlig fil (utan t.ex. en namngiven "
                                        "pipe eller en enhet) och läses inte. Spara tabellen som "
                                        "en vanlig CSV-fil med samma namn.", None))
            continue
        if key in IGNORED_SHEETS:  # the workbook's Instruktioner sheet, saved as CSV too
            continue
        if key not in TABLES:
            problems.append(Problem("", str(path), None, None, path.name,
                                    f"Filen {path.name} hör inte till dataformatet och läses inte. "
                                    "Byt namn på den om den skulle ha lästs.", None, WARNING))
            continue
        if key in tables:
            problems.append(Problem(key, str(path), None, None, None,
                                    f"Tabellen {key} finns i två filer (även "
                                    f"{Path(tables[key].file).name}). Ta bort den ena.", None))
            continue
        raw, found = read_csv_file(path, key)
        problems.extend(found)
        if raw is not None:
            tables[key] = raw
    return tables, problems


def _utf16(path: Path) -> bool:
    """Whether the file is UTF-16 text: its byte-order mark, or (without one) a NUL in every
    other byte of its start, as ASCII text in UTF-16 has."""
    try:
        with path.open("rb") as fh:
            start = fh.read(4096)
    except OSError:
        return False
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    pairs = start[: len(start) // 2 * 2]
    return len(pairs) >= 8 and (pairs[1::2].count(0) > 0.9 * len(pairs) // 2
                                or pairs[0::2].count(0) > 0.9 * len(pairs) // 2)


def read_csv_file(path: Path, key: str) -> tuple[RawTable | None, list[Problem]]:
    file = str(path)
    try:
        guards.check_file_size(path)
        data = path.read_bytes()
    except guards.Refused as exc:
        return None, [Problem(key, file, None, None, None, str(exc))]
    except OSError as exc:
        return None, [Problem(key, file, None, None, None,
                              f"Filen går inte att läsa ({exc.strerror}). Kontrollera att den "
                              "finns och att du har behörighet.")]
    text, encoding = decode(data)
    if text is None:
        return None, [Problem(key, file, None, None, None,
                              "Filen är inte en textfil i UTF-8 eller Windows-1252 (den innehåller "
                              "binära tecken). Spara tabellen på nytt från Excel som ”CSV UTF-8” "
                              "eller ”CSV (semikolonavgränsad)”.")]
    if not text.strip():
        return None, [Problem(key, file, None, None, None,
                              "Filen är tom. Den ska ha en rubrikrad med kolumnnamnen, se "
                              "pk-report mall.")]
    table = TABLES[key]
    delimiter = sniff_delimiter(text, set(table.column_names))
    fast = _read_fast(table, text, delimiter, file, plain_text(data, text))
    if fast is not None:
        return fast
    return _read_careful(table, text, delimiter, file)


def _read_careful(table, text: str, delimiter: str, file: str):
    """The csv module, record by record: any file, with each record's first line number.

    The csv module's limit on a field (131,072 characters) is raised to the size of the largest
    file read, so a long cell is read and then reported where it starts (``cell_problems``),
    instead of ending the file's reading.
    """
    if csv.field_size_limit() < guards.MAX_FILE_BYTES:
        csv.field_size_limit(guards.MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    numbers: list[int] = []
    start = 1
    try:
        for record in reader:
            rows.append(record)
            numbers.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        return None, [Problem(table.name, file, start, None, None,
                              f"Raden går inte att tolka som CSV ({exc}). Kontrollera citattecknen "
                              "på raden.")]
    return build_raw_table(table, rows, numbers, file, None)


def _read_fast(table, text: str, delimiter: str, file: str, plain: bool = False):
    """pandas' C parser for the rows below the header, when every record is one line.

    Returns None when the file needs the careful path (a record over several lines, ragged
    rows, a header not found among the first lines): row numbers must match the file. Every
    record being one line, a ``plain`` file (``raw.plain_text``) needs no screen per column.
    """
    import pandas as pd

    lines = first_lines(text, MAX_TITLE_ROWS + 1)
    head = [[c.strip() for c in r] for r in csv.reader(lines, delimiter=delimiter)]
    if len(head) != len(lines):
        return None
    header = find_header(table, head, list(range(1, len(head) + 1)), file, None)
    if not isinstance(header, Header) or not header.positions:
        return None
    skip = header.index + 1
    body = text[line_start(text, skip):]
    if not body:
        return None
    columns = sorted(header.positions.items(), key=lambda kv: kv[1])
    try:
        # The rows above are cut off here rather than by skiprows: after lines skipped that end
        # in a bare CR, pandas' C parser drops the next line's leading empty cell.
        frame = pd.read_csv(io.StringIO(body), sep=delimiter, header=None,
                            usecols=[j for _, j in columns], dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=False, engine="c")
    except Exception:  # ragged or odd rows: the csv module path reports them by line
        return None
    if len(frame) != count_lines(body):
        return None
    if list(frame.columns) != [j for _, j in columns]:  # pandas renumbers when a row is short
        return None
    try:
        data = {name: [cell.strip() for cell in frame[j].tolist()] for name, j in columns}
    except AttributeError:  # a short row: pandas fills its missing cells with NaN
        return None
    numbers = range(skip + 1, skip + 1 + len(frame))
    return raw_table(table, header, data, numbers, file, None, screen=not plain)
