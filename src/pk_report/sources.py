"""Where the data is (--data, PK_REPORT_DATA, or the bundled sample) and reading it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pk_report.bundled import sample_data_dir
from pk_report.errors import DataError, UsageError
from pk_report.problems import Problem
from pk_report.readers.raw import RawTable
from pk_report.schema import TABLES, as_written

ENV_VAR = "PK_REPORT_DATA"


@dataclass
class Source:
    path: Path
    origin: str  # "--data", "PK_REPORT_DATA" or "exempeldata"

    def describe(self) -> str:
        if self.origin == "exempeldata":
            return "Använder den medföljande exempeldatan (ange --data för dina egna filer)."
        return f"Läser {self.path} (från {self.origin})."

    def given_by(self) -> str:
        """How the user named the path, and what to change: for a usage error's message."""
        if self.origin == "exempeldata":
            return ("den medföljande exempeldatan", "Installera pk-report på nytt")
        if self.origin == ENV_VAR:
            return (f"från miljövariabeln {ENV_VAR}", f"Rätta {ENV_VAR}, eller ange en annan "
                    "sökväg med --data")
        return ("angiven med --data", "Rätta sökvägen efter --data")

    def validate_command(self) -> str:
        """The command that lists this data's problems, as the user would type it."""
        if self.origin == "--data":
            import shlex

            return f"pk-report validera --data {shlex.quote(str(self.path))}"
        return "pk-report validera"


@dataclass
class ReadResult:
    source: Source
    tables: dict[str, RawTable]
    problems: list[Problem] = field(default_factory=list)


def locate(data: Path | None) -> Source:
    if data is not None:
        return Source(Path(data), "--data")
    env = os.environ.get(ENV_VAR)
    if env:
        return Source(Path(env), ENV_VAR)
    return Source(sample_data_dir(), "exempeldata")


def read_source(source: Source) -> ReadResult:
    from pk_report.readers.csvfolder import read_csv_folder
    from pk_report.readers.workbook import WORKBOOK_SUFFIXES, read_workbook

    check_readable(source)
    path = source.path
    if path.is_dir():
        tables, problems = read_csv_folder(path)
    elif path.suffix.lower() in WORKBOOK_SUFFIXES:
        tables, problems = read_workbook(path)
    elif path.suffix.lower() == ".csv":
        raise DataError(f"{path} är en enskild CSV-fil. Ange mappen som innehåller alla "
                        "CSV-filerna (en per tabell) med --data.")
    else:
        raise DataError(f"{path.name} är varken en arbetsbok (.xlsx, .xlsm, .ods) eller en mapp "
                        "med CSV-filer. Spara registret i något av de formaten och försök igen.")
    if not any(p.table == "" and p.is_error for p in problems):
        for name, table in TABLES.items():
            if name not in tables and not table.optional and not _located(problems, name):
                problems.append(Problem(name, str(path), None, None, None,
                                        _missing_table(name, path, tables)))
    return ReadResult(source, tables, problems)


def _missing_table(name: str, path: Path, tables: dict[str, RawTable]) -> str:
    """What to add for a missing table: a sheet (and mall shows one) or, in a CSV folder, the
    file by name with its header row (mall writes a workbook, no help there)."""
    columns = TABLES[name].column_names
    if path.is_file():  # named as the workbook names its other sheets: kostnader or Kostnader
        table = TABLES[name]
        plain = as_written(name, table.label, {n: raw.sheet for n, raw in tables.items()})
        header = (c.name if plain == name else c.label for c in table.columns)
        return (f"Tabellen {plain} saknas. Lägg till bladet ”{plain}” med rubrikraden "
                f"{', '.join(header)} (pk-report mall skriver en arbetsbok med alla blad).")
    return (f"Tabellen {name} saknas. Lägg till filen ”{name}.csv” i mappen {path.name or path}, med "
            f"rubrikraden {';'.join(columns)} (samma avgränsare som de andra filerna).")


def check_readable(source: Source) -> None:
    """A path the user gave (--data, PK_REPORT_DATA) that is missing or unreadable is a usage
    error (exit 2): say which path, where it came from, why, and what to do."""
    path = source.path
    given, fix = source.given_by()
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            with os.scandir(path) as entries:
                next(entries, None)
        elif stat.S_ISREG(mode):  # never open a pipe or a device: that could block
            with open(path, "rb"):
                pass
    except FileNotFoundError:
        raise UsageError(f"Hittar inte {path} ({given}): den finns inte. {fix}; den ska vara en "
                         "arbetsbok (.xlsx, .xlsm, .ods) eller en mapp med CSV-filer.") from None
    except PermissionError:
        raise UsageError(f"Kan inte läsa {path} ({given}): du har inte behörighet att läsa "
                         "den. Be den som äger den om läsbehörighet, eller kopiera registret "
                         "till en egen mapp och ange kopian.") from None
    except OSError as exc:
        raise UsageError(f"Kan inte läsa {path} ({given}): {exc.strerror or exc}. {fix}, eller "
                         "kontrollera att enheten är ansluten.") from None


def _located(problems: list[Problem], name: str) -> bool:
    return any(p.table == name and p.is_error for p in problems)
