"""Reading an .xlsx, .xlsm or .ods workbook through python-calamine.

An .xlsx is measured first (``guards.plan_xlsx``: every sheet that will be read and the shared
strings, together), so calamine only ever parses what is bounded, in this process. An .ods
cannot be measured without parsing it, so it is parsed isolated (``isolate.run_limited``).
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from pk_report.names import norm_name
from pk_report.problems import WARNING, Problem
from pk_report.readers import guards
from pk_report.readers.raw import RawTable, build_raw_table
from pk_report.schema import IGNORED_SHEETS, TABLES
from pk_report.textsafe import nfc

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
_XLSX_MARK = "xl/workbook.xml"
_ODS_MARKS = ("mimetype", "content.xml")


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    from pk_report.readers.isolate import run_inline, run_limited

    file = str(path)
    try:
        guards.check_file_size(path)
        with guards.open_zip(path) as archive:
            ods = workbook_kind(archive) == "ods"
            plan = None if ods else guards.plan_xlsx(archive, lambda names: list(
                _match_sheets(names).values()))
            if ods:
                guards.check_ods(archive)
        read = run_limited if ods else run_inline
        with _named_for_calamine(path, ".ods" if ods else ".xlsx") as typed:
            sheet_names, sheets = read(_read_sheets, str(typed))
    except guards.Refused as exc:
        return {}, [Problem("", file, None, None, None, str(exc), exc.sheet)]
    except Exception as exc:  # a broken zip member: a bad CRC, a truncated stream
        return {}, [Problem("", file, None, None, None,
                            f"Arbetsboken går inte att läsa ({type(exc).__name__}: {exc}). "
                            "Öppna den i Excel och spara den på nytt.")]
    twice = sorted({n for n in sheet_names if sheet_names.count(n) > 1})
    if twice:  # an .ods (an .xlsx is refused by the guard): which one is read is unknowable
        return {}, [Problem("", file, None, None, None,
                            f"Arbetsboken har två blad som heter ”{twice[0]}”, så det går inte att "
                            "veta vilket som ska läsas. Byt namn på det ena och spara igen.",
                            twice[0])]
    tables: dict[str, RawTable] = {}
    readable, problems = _classify(list(dict.fromkeys(sheet_names)), file)
    for name in readable:
        key = norm_name(name)
        found = sheets[name]
        if isinstance(found, str):
            problems.append(Problem(key, file, None, None, None,
                                    f"Bladet går inte att läsa ({found}). Kopiera innehållet till "
                                    "ett nytt blad och spara.", name))
            continue
        rows, first_row, first_col = found
        if plan is not None:
            _restore_errors(rows, plan.error_cells.get(name, {}), first_row, first_col)
            problems.extend(_formula_problems(key, file, name, plan.formulas.get(name, {})))
        numbers = list(range(first_row + 1, first_row + 1 + len(rows)))
        raw, found_problems = build_raw_table(TABLES[key], rows, numbers, file, name, first_col)
        problems.extend(found_problems)
        if raw is not None:
            tables[key] = raw
    return tables, problems


def workbook_kind(archive) -> str:
    """"xlsx" or "ods", from what the zip holds (never from the file's name): an .xlsx has
    xl/workbook.xml, an .ods its mimetype and content.xml. A zip with both is refused, since
    the guards would measure one and calamine might read the other; one with neither too."""
    names = {name.replace("\\", "/").lower() for name in archive.namelist()}
    xlsx = _XLSX_MARK in names
    ods = any(mark in names for mark in _ODS_MARKS)
    if xlsx and ods:
        raise guards.Refused("Arbetsboken innehåller både en Excel-arbetsbok (xl/workbook.xml) "
                             "och ett OpenDocument-kalkylark (content.xml) och läses inte, "
                             "eftersom det inte går att veta vilket som gäller. Öppna den i "
                             "kalkylprogrammet och spara den på nytt som .xlsx.")
    if not xlsx and not ods:
        raise guards.Refused("Arbetsboken saknar sin innehållsförteckning (xl/workbook.xml i en "
                             ".xlsx, content.xml i en .ods). Öppna den i kalkylprogrammet och "
                             "spara den på nytt som .xlsx.")
    return "ods" if ods else "xlsx"


@contextmanager
def _named_for_calamine(path: Path, suffix: str):
    """The workbook under a name whose extension is exactly ``suffix``: calamine picks its
    parser from the extension, case-sensitively, and tries every format in turn for any other
    (an .ods named .XLSX would be parsed in this process, unmeasured). A file otherwise named
    is read from a private copy."""
    if path.suffix == suffix or (suffix == ".xlsx" and path.suffix == ".xlsm"):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="pk-report-") as folder:
        copy = Path(folder) / ("arbetsbok" + suffix)
        shutil.copyfile(path, copy)
        yield copy


def _classify(sheet_names: list[str], file: str) -> tuple[list[str], list[Problem]]:
    """The sheets to read (one per contract table), and a problem for each other sheet."""
    wanted = _match_sheets(sheet_names)
    readable, problems = [], []
    for name in sheet_names:
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
    return readable, problems


def _read_sheets(path: str) -> tuple[list[str], dict[str, object]]:
    """The workbook's sheet names (NFC, each as often as it occurs), and for each sheet to read: (rows of cells, first row,
    first column), or the error's text. Runs in a child process for an .ods."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(path)
    every = [nfc(name) for name in workbook.sheet_names]
    names = {nfc(name): name for name in workbook.sheet_names}
    out: dict[str, object] = {}
    for name in _match_sheets(list(names)).values():
        try:
            sheet = workbook.get_sheet_by_name(names[name])
            cells = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            out[name] = f"{type(exc).__name__}: {exc}"
            continue
        start = sheet.start or (0, 0)
        out[name] = (cells, start[0], start[1])
    return every, out


def _match_sheets(names: list[str]) -> dict[str, str]:
    """Contract table -> the first sheet whose name loosely matches it."""
    wanted: dict[str, str] = {}
    for name in names:
        key = norm_name(name)
        if key in TABLES and key not in wanted:
            wanted[key] = name
    return wanted


def _formula_problems(key: str, file: str, sheet: str,
                      formulas: dict[tuple[int, int], str]) -> list[Problem]:
    from pk_report.problems import column_letter

    return [Problem(key, file, row, None, None,
                    f"Cellen {column_letter(col - 1)}{row} har formeln ={formula} men inget "
                    "uträknat värde (arbetsboken är skriven av ett program som inte räknar ut "
                    "formler), så den läses som tom. Öppna arbetsboken i Excel och spara den, så "
                    "räknas värdena ut.", sheet)
            for (row, col), formula in sorted(formulas.items())]


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
