"""Adding an import's rows to a CSV-folder register: each file in its own encoding (UTF-8 with
or without BOM, or Windows-1252), delimiter and line endings, every existing byte kept.

A column the file lacks (``svar_id`` in an older ``utvarderingar.csv``) is added to the header
line only: the rows above it keep their bytes and read as empty there, the new rows have it.
A cell an import marks present (``narvarande``) is changed on its own line.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pk_report.errors import DataError
from pk_report.importing.plan import ImportPlan
from pk_report.readers.csvfolder import decode, line_start, sniff_delimiter
from pk_report.schema import TABLES

_BREAK = re.compile(r"\r\n|\r|\n")
BOM = b"\xef\xbb\xbf"


def csv_files(plan: ImportPlan) -> dict[Path, tuple[bytes, list[int]]]:
    """Per file that changes: its new bytes and the line numbers of the rows added."""
    out = {}
    for table in dict.fromkeys([r.table for r in plan.rows] + [u.table for u in plan.updates]):
        raw = plan.register.tables[table]
        path = Path(raw.file)
        rows = [r.values for r in plan.rows if r.table == table]
        updates = [u for u in plan.updates if u.table == table]
        out[path] = _rewritten(path, table, raw.header_row, dict(raw.columns), rows, updates)
    return out


def _rewritten(path: Path, table: str, header_row: int, columns: dict[str, int],
               rows: list[dict], updates) -> tuple[bytes, list[int]]:
    data = path.read_bytes()
    bom = data.startswith(BOM)
    _, encoding = decode(data)
    text = data[len(BOM) if bom else 0:].decode(encoding)  # as it is, not normalised
    found = _BREAK.search(text)
    newline = found.group(0) if found else "\r\n"
    delimiter = sniff_delimiter(text, set(TABLES[table].column_names))
    start, end = line_start(text, header_row - 1), line_start(text, header_row)
    header_line = _BREAK.sub("", text[start:end])
    width = len(next(csv.reader([header_line], delimiter=delimiter)))
    default = {c.name: c.default for c in TABLES[table].columns}
    needed = [c for c in TABLES[table].column_names if c not in columns
              and any(str(r.get(c, "")) not in ("", default[c]) for r in rows)]
    if needed:
        for name in needed:
            columns[name] = width
            width += 1
        text = text[:start] + header_line + "".join(delimiter + n for n in needed) \
            + text[start + len(header_line):]
    for update in updates:
        text = _changed_cell(text, update.row, columns[update.column], update.value, delimiter,
                             newline, path)
    if text and not text.endswith(("\n", "\r")):
        text += newline
    first = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    for values in rows:
        fields = [""] * width
        for column, position in columns.items():
            value = values.get(column, "")
            fields[position] = "" if value is None else str(value)
        writer.writerow(fields)
    added = buffer.getvalue()
    numbers = list(range(first, first + len(rows)))  # one line each unless a value has a break
    return (BOM if bom else b"") + _encoded(text + added, encoding, path), numbers


def _changed_cell(text: str, row: int, position: int, value: str, delimiter: str,
                  newline: str, path: Path) -> str:
    start, end = line_start(text, row - 1), line_start(text, row)
    line = text[start:end]
    body = _BREAK.sub("", line)
    fields = next(csv.reader([body], delimiter=delimiter))
    if position >= len(fields):
        fields += [""] * (position + 1 - len(fields))
    fields[position] = value
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(fields)
    return text[:start] + buffer.getvalue() + line[len(body):] + text[end:]


def _encoded(text: str, encoding: str, path: Path) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise DataError(f"{path.name} är sparad som Windows-1252, som inte kan skriva tecknet "
                        f"”{bad}” i det som skulle importeras. Inget har skrivits. Spara filen "
                        "som ”CSV UTF-8” i Excel och importera igen.") from None
