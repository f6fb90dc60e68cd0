"""Problems found in the clerk's data: data, not exceptions (like frictionless's CellError)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "fel"
WARNING = "varning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as the clerk sees it in Excel.

    ``row`` is the row number Excel (or a text editor, for CSV) shows; ``None`` when the
    problem concerns a whole table or column. ``column`` is the header as the clerk wrote it.
    """

    table: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    sheet: str | None = None
    level: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def place(self) -> str:
        """'kurser.csv, rad 4, kolumn ”ar”' – the location in Swedish."""
        parts = [Path(self.file).name if self.file else "(inga filer)"]
        if self.sheet:
            parts.append(f"blad ”{self.sheet}”")
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column:
            parts.append(f"kolumn ”{self.column}”")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" (värde: ”{self.value}”)" if self.value not in (None, "") else ""
        return f"{self.level.capitalize()}: {self.place()}{value}: {self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]
