"""Adding an import's rows to a workbook register with openpyxl, keeping everything else.

The workbook is loaded whole (not read-only) and saved whole, so every other sheet, value,
style, data validation, defined name and column width is written back as it was read. New
rows go below the sheet's last row that holds a value, each value in the sheet's own column
for it (found by the reader's loose name matching), in the style of the row above. A column
the sheet lacks (``svar_id`` in an older register) is added after its last header.
"""

from __future__ import annotations

import io
from copy import copy
from pathlib import Path

from pk_report.importing.plan import ImportPlan
from pk_report.schema import TABLES, column_label
from pk_report.textsafe import nfc

def workbook_bytes(path: Path, plan: ImportPlan
                   ) -> tuple[bytes, dict[str, list[int]], dict[str, dict[str, tuple[int, str]]]]:
    """The workbook with the plan applied; the rows added per table (as Excel numbers); the
    columns added per table (contract column -> position, header)."""
    import warnings

    from openpyxl import load_workbook

    refuse_losses(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", keep_links=True)
    dropped = [str(w.message) for w in caught if "will be removed" in str(w.message)
               or "not supported" in str(w.message)]
    if dropped:
        raise _losing(path, "; ".join(sorted(set(dropped))))
    added: dict[str, list[int]] = {}
    new_columns: dict[str, dict[str, tuple[int, str]]] = {}
    for table in dict.fromkeys([r.table for r in plan.rows] + [u.table for u in plan.updates]):
        raw = plan.register.tables[table]
        ws = next(ws for ws in wb.worksheets if nfc(ws.title) == raw.sheet)
        columns = dict(raw.columns)  # contract column -> 0-based position
        rows = [r.values for r in plan.rows if r.table == table]
        new_columns[table] = _add_missing_columns(ws, raw.header_row, columns, rows, table)
        for update in (u for u in plan.updates if u.table == table):
            _set(ws.cell(row=update.row, column=columns[update.column] + 1), update.value)
        if rows:
            added[table] = _append(ws, raw.header_row, columns, rows)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), added, new_columns


# Parts of a workbook that openpyxl does not read, so a rewrite would silently drop them.
_LOST_PARTS = {"xl/slicers/": "utsnitt (slicers)", "xl/timelines/": "tidslinjer",
               "xl/ctrlProps/": "formulärkontroller", "xl/activeX/": "ActiveX-kontroller"}
_SHAPES = (b"<xdr:sp>", b"<xdr:sp ", b"<xdr:grpSp", b"<xdr:cxnSp")


def refuse_losses(path: Path) -> None:
    """A workbook holding what openpyxl cannot write back (shapes and text boxes, slicers,
    form controls): refused before anything is written, rather than rewritten without it."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        found = [what for prefix, what in _LOST_PARTS.items()
                 if any(n.startswith(prefix) for n in names)]
        for name in names:
            if name.startswith("xl/drawings/") and name.endswith(".xml") and \
                    any(s in archive.read(name) for s in _SHAPES):
                found.append("former eller textrutor")
                break
    if found:
        raise _losing(path, ", ".join(found))


def _losing(path: Path, what: str):
    from pk_report.errors import DataError

    return DataError(f"{path.name} innehåller något som pk-report inte kan skriva tillbaka "
                     f"({what}), och det skulle försvinna om arbetsboken skrevs om. Inget har "
                     "skrivits. Importera till en kopia utan det, eller till en mapp med "
                     "CSV-filer, och för över raderna själv.")


def _values_present(rows: list[dict], column: str, table: str) -> bool:
    """Whether any new row needs ``column``: a value other than empty or the column's default."""
    default = TABLES[table].column(column).default
    return any(str(r.get(column, "")) not in ("", default) for r in rows)


def _add_missing_columns(ws, header_row: int, columns: dict[str, int], rows: list[dict],
                         table: str) -> dict[str, tuple[int, str]]:
    needed = [c for c in TABLES[table].column_names
              if c not in columns and _values_present(rows, c, table)]
    added: dict[str, tuple[int, str]] = {}
    if not needed:
        return added
    headers = [cell for cell in ws[header_row] if cell.value not in (None, "")]
    last = max((c.column for c in headers), default=0)
    words = any(str(c.value) != str(c.value).lower() for c in headers)
    model = ws.cell(row=header_row, column=last) if last else None
    for name in needed:
        last += 1
        cell = ws.cell(row=header_row, column=last, value=column_label(name) if words else name)
        if model is not None and model.has_style:
            cell._style = copy(model._style)
        columns[name] = last - 1
        added[name] = (last - 1, cell.value)
    return added


def _last_row(ws, header_row: int) -> int:
    """The last row that holds a value (pre-formatted empty rows below it do not count)."""
    last = header_row
    for (row, _), cell in ws._cells.items():
        if row > last and cell.value not in (None, ""):
            last = row
    return last


def _append(ws, header_row: int, columns: dict[str, int], rows: list[dict]) -> list[int]:
    start = _last_row(ws, header_row) + 1
    above = start - 1 if start - 1 > header_row else None
    numbers = []
    for i, values in enumerate(rows):
        row = start + i
        for column, position in columns.items():
            value = values.get(column, "")
            if value in ("", None):
                continue
            cell = ws.cell(row=row, column=position + 1)
            if above is not None and not cell.has_style:
                model = ws.cell(row=above, column=position + 1)
                if model.has_style:
                    cell._style = copy(model._style)
            _set(cell, value)
        numbers.append(row)
    return numbers


def cell_value(value) -> object:
    """What a cell gets: a whole number as a number, else text without the characters XML
    cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _set(cell, value) -> None:
    """A value as a number or as text, never as a formula ('=1+1' from a comment stays text)."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
