"""Reading an .xlsx, .xlsm or .ods workbook through python-calamine."""

from __future__ import annotations

from pathlib import Path

from pk_report.names import norm_name
from pk_report.problems import WARNING, Problem
from pk_report.readers import guards
from pk_report.readers.raw import RawTable, build_raw_table
from pk_report.schema import IGNORED_SHEETS, TABLES

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    from python_calamine import CalamineWorkbook

    file = str(path)
    try:
        guards.check_file_size(path)
        with guards.open_zip(path) as archive:
            error_cells, parts = {}, {}
            if path.suffix.lower() != ".ods":
                parts = guards.xlsx_sheet_parts(archive)
            workbook = CalamineWorkbook.from_path(str(path)) if not parts else None
            sheet_names = list(parts) if parts else workbook.sheet_names
            wanted = _match_sheets(sheet_names)
            for sheet in wanted.values():
                if sheet in parts:
                    xml = _read_member(archive, parts[sheet])
                    error_cells[sheet] = guards.scan_xlsx_sheet(xml, sheet)
        if workbook is None:
            workbook = CalamineWorkbook.from_path(str(path))
    except guards.Refused as exc:
        return {}, [Problem("", file, None, None, None, str(exc), exc.sheet)]
    except Exception as exc:  # calamine raises its own types for broken content
        return {}, [Problem("", file, None, None, None,
                            f"Arbetsboken går inte att läsa ({type(exc).__name__}: {exc}). "
                            "Öppna den i Excel och spara den på nytt.")]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    readable = []
    for name in workbook.sheet_names:
        key = norm_name(name)
        if key in IGNORED_SHEETS:
            continue
        if key not in TABLES:
            problems.append(Problem("", file, None, None, name,
                                    f"Bladet ”{name}” hör inte till dataformatet och läses inte. "
                                    "Byt namn på det om det skulle ha lästs.", name, WARNING))
        elif wanted.get(key) != name:
            problems.append(Problem(key, file, None, None, name,
                                    f"Tabellen {key} finns på två blad (även ”{wanted[key]}”). "
                                    "Ta bort eller byt namn på det ena.", name))
        else:
            readable.append(name)
    if path.suffix.lower() == ".ods":
        from pk_report.readers.isolate import run_limited

        try:
            sheets = run_limited(_sheet_rows, str(path), readable)
        except guards.Refused as exc:
            return {}, [Problem("", file, None, None, None, str(exc))]
    else:
        sheets = _sheet_rows(str(path), readable, workbook)
    for name in readable:
        key = norm_name(name)
        found = sheets[name]
        if isinstance(found, str):
            problems.append(Problem(key, file, None, None, None,
                                    f"Bladet går inte att läsa ({found}). Kopiera innehållet till "
                                    "ett nytt blad och spara.", name))
            continue
        rows, first_row, first_col = found
        _restore_errors(rows, error_cells.get(name, {}), first_row, first_col)
        numbers = list(range(first_row + 1, first_row + 1 + len(rows)))
        raw, found_problems = build_raw_table(TABLES[key], rows, numbers, file, name, first_col)
        problems.extend(found_problems)
        if raw is not None:
            tables[key] = raw
    return tables, problems


def _sheet_rows(path: str, names: list[str], workbook=None) -> dict[str, object]:
    """Sheet name -> (canonical text rows, first row, first column), or the error's text."""
    from python_calamine import CalamineWorkbook

    workbook = workbook or CalamineWorkbook.from_path(path)
    out: dict[str, object] = {}
    for name in names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            cells = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            out[name] = f"{type(exc).__name__}: {exc}"
            continue
        start = sheet.start or (0, 0)
        out[name] = (cells, start[0], start[1])
    return out


def _match_sheets(names: list[str]) -> dict[str, str]:
    """Contract table -> the first sheet whose name loosely matches it."""
    wanted: dict[str, str] = {}
    for name in names:
        key = norm_name(name)
        if key in TABLES and key not in wanted:
            wanted[key] = name
    return wanted


def _read_member(archive, member: str) -> bytes:
    try:
        return archive.read(member)
    except KeyError as exc:
        raise guards.Refused(f"Arbetsboken saknar delen {member}. Spara den på nytt från Excel.") from exc


def _restore_errors(rows: list[list[str]], errors: dict[tuple[int, int], str], first_row: int,
                    first_col: int) -> None:
    """Put the error text ('#REF!') back where calamine reads an error cell as empty."""
    for (row, col), text in errors.items():
        i, j = row - 1 - first_row, col - 1 - first_col
        if 0 <= i < len(rows):
            line = rows[i]
            if j >= len(line):
                line.extend([""] * (j + 1 - len(line)))
            if j >= 0:
                line[j] = text
