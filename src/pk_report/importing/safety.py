"""What must hold before an import writes: a register it can rewrite safely (no .ods), not open
in Excel or LibreOffice, and a copy of what it was kept beside it under a dated name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pk_report.errors import DataError, UsageError

COPY_WORD = "före-import"


def refuse_unwritable(register: Path) -> None:
    """An .ods register, or anything but an .xlsx/.xlsm workbook or a CSV folder."""
    suffix = register.suffix.lower()
    if register.is_dir():
        return
    if suffix == ".ods":
        raise UsageError(f"{register.name} är en OpenDocument-arbetsbok (.ods), som pk-report "
                         "inte kan skriva om utan att riskera formateringen. Spara registret som "
                         ".xlsx (Arkiv > Spara som > Excel 2007-365) eller som en mapp med "
                         "CSV-filer och importera till den.")
    if suffix not in (".xlsx", ".xlsm"):
        raise UsageError(f"{register.name} går inte att importera till. Ange en arbetsbok "
                         "(.xlsx, .xlsm) eller en mapp med CSV-filer med --data.")


def lock_files(path: Path) -> list[Path]:
    """The owner files Excel (``~$NAME``, also with the name's first two characters replaced,
    as Office does for long names) and LibreOffice (``.~lock.NAME#``) leave beside an open
    file."""
    names = {f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"}
    return [path.parent / n for n in sorted(names) if (path.parent / n).exists()]


def refuse_open(files: list[Path]) -> None:
    for path in files:
        for lock in lock_files(path):
            program = "LibreOffice" if lock.name.startswith(".~lock.") else "Excel"
            raise DataError(f"{path.name} är öppen i {program} (låsfilen {lock.name} finns "
                            "bredvid). Stäng filen och kör importen igen; inget har skrivits. "
                            f"Har {program} stängts utan att städa, ta bort låsfilen.")


def stamp(now: dt.datetime | None = None) -> str:
    """'2026-12-04-171205': when, in a file name that sorts."""
    return (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")


def copy_name(path: Path, when: str) -> Path:
    """``register.före-import-2026-12-04-171205.xlsx`` beside a workbook; for a CSV folder, the
    folder ``före-import-…`` inside it (the reader reads only the .csv files at its top)."""
    for n in range(1, 100):
        stamp_n = when if n == 1 else f"{when}-{n}"  # two imports within one second
        copy = path / f"{COPY_WORD}-{stamp_n}" if path.is_dir() else \
            path.with_name(f"{path.stem}.{COPY_WORD}-{stamp_n}{path.suffix}")
        if not copy.exists():
            return copy
    raise DataError(f"För många kopior av {path.name} från samma sekund. Vänta en sekund och "
                    "försök igen.")
