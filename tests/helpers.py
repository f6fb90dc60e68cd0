"""Building data sets for tests: CSV folders and workbooks from rows or from the sample."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from pk_report import schema
from pk_report.bundled import sample_data_dir

REQUIRED = [name for name, t in schema.TABLES.items() if not t.optional]


def read_sample() -> dict[str, list[list[str]]]:
    """The bundled sample as {table: [header, *rows]} of text."""
    out = {}
    for path in sorted(sample_data_dir().glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            out[path.stem] = list(csv.reader(fh, delimiter=";"))
    return out


def write_csv_folder(folder: Path, tables: dict[str, list[list[str]]], encoding: str = "utf-8",
                     delimiter: str = ";") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", encoding=encoding, newline="") as fh:
            csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return folder


def typed_cell(text: str, column: str):
    """What Excel would hold for this text: numbers as numbers, ISO dates as date cells."""
    if column in ("datum",) and len(text) == 10 and text[4] == "-":
        return dt.date.fromisoformat(text)
    if column in ("ar", "planerade_tillfallen", "min_anmalda", "inbjudna", "antal_deltagare",
                  "betyg", "varde") and text.lstrip("-").isdigit():
        return float(text)
    return text if text != "" else None


def write_workbook(path: Path, tables: dict[str, list[list[str]]], typed: bool = True,
                   title_rows: int = 0) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(name)
        for i in range(title_rows):
            ws.append([f"Registret {name}" if i == 0 else None])
        header = rows[0]
        ws.append(header)
        for row in rows[1:]:
            ws.append([typed_cell(v, c) if typed else v for v, c in zip(row, header)])
    wb.save(path)
    return path


def minimal_tables(**tables: list[dict]) -> dict[str, list[list[str]]]:
    """Hand-made small data: every required table present (empty unless given)."""
    out = {}
    for name in REQUIRED + [n for n in tables if n not in REQUIRED]:
        columns = schema.TABLES[name].column_names
        rows = tables.get(name, [])
        out[name] = [columns] + [[str(r.get(c, "")) for c in columns] for r in rows]
    return out


def patch_parts(path: Path, patch) -> Path:
    """Rewrite a workbook's zip members: ``patch(name, data)`` returns the new bytes (or the
    same), for files no spreadsheet program would write."""
    import zipfile

    source = path.read_bytes()
    import io

    with zipfile.ZipFile(io.BytesIO(source)) as zin, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, patch(item.filename, zin.read(item.filename)))
    return path
