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
    col: int | None = None  # the column's position in the sheet, 0 = Excel's column A

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def place(self) -> str:
        """'kurser.csv, rad 4, kolumn ”ar”' – the location in Swedish."""
        parts = [(Path(self.file).name or self.file) if self.file else "(inga filer)"]
        if self.sheet:
            parts.append(f"blad ”{self.sheet}”")
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column and self.col is not None:
            parts.append(f"kolumn {column_letter(self.col)} (”{self.column}”)")
        elif self.column:
            parts.append(f"kolumn ”{self.column}”")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" (värde: ”{self.value}”)" if self.value not in (None, "") else ""
        return f"{self.level.capitalize()}: {self.place()}{value}: {self.message}"


def column_letter(index: int) -> str:
    """Excel's name of the column at ``index`` (0 = A, 25 = Z, 26 = AA). openpyxl has it too,
    but importing openpyxl would cost every command a tenth of a second for five lines."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def rows_text(rows) -> str:
    """'rad 4', 'rad 2–31', 'rad 2, 5 och 9–12': row numbers as ranges, in order."""
    from pk_report.swedish import join

    numbers = sorted(set(int(r) for r in rows))
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in spans]
    return ("rad " if len(numbers) == 1 else "raderna ") + join(parts)


def sort_key(order: dict[str, int]):
    """Problems by file, then sheet (tables in ``order``; others first), row and column: the
    order in which the clerk walks through the workbook."""
    def key(p: Problem):
        return (p.file, order.get(p.table, -1), p.sheet or "", p.row if p.row is not None else -1,
                p.col if p.col is not None else -1)
    return key


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]
