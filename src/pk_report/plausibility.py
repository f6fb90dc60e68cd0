"""Warnings only the computed figures can give: data valid cell by cell that makes a figure
impossible, such as more evaluation forms than the persons the response rate counts them
against (a rate over 100 procent)."""

from __future__ import annotations

import pandas as pd

from pk_report.problems import WARNING, Problem, rows_text
from pk_report.readers.raw import RawTable


def figure_warnings(courses: pd.DataFrame, evaluations: RawTable | None,
                    typed: pd.DataFrame | None = None) -> list[Problem]:
    """One warning per course and year whose forms outnumber the response rate's base, placed
    on the rows of ``evaluations`` it rests on (``typed``: the validated utvarderingar, whose
    index is those row numbers and whose ar and kurs_id are filled in from the sessions)."""
    if evaluations is None:
        return []
    problems = []
    late = courses[courses["utvarderingar"] > courses["svarsbas"]]
    for row in late.itertuples(index=False):
        forms, base = int(row.utvarderingar), int(row.svarsbas)
        # the base is the politicians only when no session was counted by antal_deltagare
        whom = "deltagande politiker" if row.unika_politiker and not row.huvudantal \
            else "deltagare"
        if base:
            rate = f"svarsfrekvensen blir {row.svarsfrekvens}\u00a0procent"
        else:
            rate = "svarsfrekvensen kan inte räknas"
        rows = _rows_of(typed, row.ar, row.kurs_id)
        where = f" ({rows_text(rows)} {_in_sheet(evaluations)})" if rows else ""
        problems.append(evaluations.problem(
            min(rows) if rows else None, None, None,
            f"Kursen ”{row.kurs}” {row.ar} har {forms} utvärderingar men {base} {whom} att "
            f"räkna dem mot, så {rate}. Kontrollera att utvärderingarna{where} hör till rätt "
            "kurs och år, och att deltagarna och deras roll är ifyllda.", WARNING))
    return problems


def _rows_of(typed: pd.DataFrame | None, ar: int, kurs_id: str) -> list[int]:
    if typed is None or typed.empty:
        return []
    mine = ((typed["ar"] == ar).fillna(False).to_numpy(dtype=bool)
            & (typed["kurs_id"] == kurs_id).to_numpy(dtype=bool))
    return [int(r) for r in typed.index[mine]]


def _in_sheet(raw: RawTable) -> str:
    from pathlib import Path

    return f"på bladet ”{raw.sheet}”" if raw.sheet else f"i filen {Path(raw.file).name}"
