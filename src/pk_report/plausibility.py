"""Warnings only the computed figures can give: data valid cell by cell that makes a figure
impossible, such as more evaluation forms than the persons the response rate counts them
against (a rate over 100 procent)."""

from __future__ import annotations

import pandas as pd

from pk_report.problems import WARNING, Problem
from pk_report.readers.raw import RawTable


def figure_warnings(courses: pd.DataFrame, evaluations: RawTable | None) -> list[Problem]:
    """One warning per course and year whose forms outnumber the response rate's base."""
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
        problems.append(evaluations.problem(
            None, "kurs_id", row.kurs_id,
            f"Kursen ”{row.kurs}” {row.ar} har {forms} utvärderingar men {base} {whom} att "
            f"räkna dem mot, så {rate}. Kontrollera att utvärderingarna hör till rätt kurs och "
            "år, och att deltagarna och deras roll är ifyllda.", WARNING))
    return problems
