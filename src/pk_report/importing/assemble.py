"""From a grid, its header and the columns of each field, to the answers of an Export."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from .model import Answer
from .grid import Grid, column_letter

PERSONAL = ("namn", "email")  # never read for evaluations: they are anonymous


def digest(*parts: str) -> str:
    """A short, stable hash of texts (a form's identity, an answer without an id)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def header_names(grid: Grid, first: int, count: int) -> list[str]:
    """Each column's name from ``count`` header rows starting at row ``first``: the rows'
    texts joined with ' / ', an empty cell of an upper row taking its left neighbour's text
    (a merged title over several columns, as SurveyMonkey writes)."""
    width = grid.width()
    rows = [grid.rows[i] if i < len(grid.rows) else [] for i in range(first, first + count)]
    parts: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(rows):
        carried = ""
        for j in range(width):
            text = row[j] if j < len(row) else ""
            last = depth == len(rows) - 1
            if text:
                carried = text
            elif not last and carried:
                text = carried
            if text and text not in parts[j]:
                parts[j].append(text)
    return [" / ".join(p) for p in parts]


def letters(columns: dict[str, int], workbook: bool) -> dict[str, str]:
    """Field -> the column as the clerk sees it: a letter in a workbook, a number in a CSV."""
    return {f: column_letter(j) if workbook else str(j + 1) for f, j in columns.items()}


def answers(grid: Grid, first_data: int, columns: dict[str, int],
            response_id: Callable[[list[str]], str],
            keep: Callable[[list[str]], bool] = lambda row: True) -> tuple[Answer, ...]:
    """One Answer per non-empty data row: the fields' raw texts and the response's id."""
    out = []
    for i in range(first_data, len(grid.rows)):
        row = grid.rows[i]
        if not any(c.strip() for c in row) or not keep(row):
            continue
        values = {f: (row[j] if j < len(row) else "").strip() for f, j in columns.items()}
        out.append(Answer(grid.numbers[i], response_id(row), values))
    return tuple(out)
