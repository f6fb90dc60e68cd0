"""``pk-report stats --per ar``: one row per year of a span, in every format.

JSON and CSV keep the contract's keys (``period.YEAR_KEYS``); a year the register does not
have is a row of ``null`` (an empty cell in CSV, ”saknas” in the terminal), never zeros.
"""

from __future__ import annotations

import pandas as pd

from pk_report.dataset import Dataset
from pk_report.period import YEAR_KEYS, year_figures
from pk_report.stats_output import FittedTable, to_csv, to_json
from pk_report.year_span import YearSpan

TERMINAL_KEYS = ["ar", "genomforda_kurser", "genomforda_tillfallen", "unika_personer",
                 "deltagare", "politiker", "tjansteman", "utvarderingar", "svarsfrekvens",
                 "andel_mycket_nojda", "kostnad"]
HEADINGS = {"kurser": "Kurser", "kurser_i_plan": "I plan", "genomforda_kurser": "Kurser givna",
            "installda_kurser": "Kurser inställda", "framflyttade_kurser": "Kurser framflyttade",
            "ej_genomforda_kurser": "Kurser ej givna", "genomforda_tillfallen": "Tillf.",
            "unika_personer": "Personer", "deltagare": "Deltaganden", "politiker": "därav pol.",
            "tjansteman": "därav tjm.", "utvarderingar": "Utv.", "kostnad": "Kostnad (kr)"}
CAPTION = ("Personer: varje person en gång per kurs (de där bara antalet är känt räknas med). "
           "Deltaganden: en person vid varje tillfälle hen deltog vid; därav pol. och därav "
           "tjm.: politikernas och tjänstemännens. Svar räknas för de kurser som utvärderades "
           "(utvärderingar mot deltagande politiker, mot deras deltaganden där utvärderingarna "
           "lämnades vid varje tillfälle); en kurs utan utvärderingar räknas inte.")
MISSING = "saknas"  # in the first figure's column; the rest of the row is empty


def year_span_of(ds: Dataset, span: YearSpan | None) -> YearSpan:
    """The span asked for, or every year from the first to the last the register has."""
    if span is not None:
        return span
    years = ds.years
    return YearSpan(years[0], years[-1]) if years else YearSpan(0, -1)


def year_table(ds: Dataset, courses: pd.DataFrame, span: YearSpan, with_common_costs: bool,
               fmt: str):
    """The year table as JSON or CSV text, or a rich renderable for the terminal."""
    records = [y.record() for y in year_figures(ds, courses, span, with_common_costs)]
    if fmt == "json":
        return to_json(records)
    frame = pd.DataFrame(records, columns=YEAR_KEYS)
    if fmt == "csv":
        return to_csv(frame.astype(object).where(frame.notna(), None))
    from rich.console import Group
    from rich.text import Text

    return Group(YearTable(frame, records), Text(CAPTION))


class YearTable(FittedTable):
    """The terminal's year table: Swedish headings; a missing year says so in every cell."""

    def __init__(self, frame: pd.DataFrame, records: list[dict]):
        super().__init__(frame.astype(object).where(frame.notna(), None), TERMINAL_KEYS,
                         "Per år")
        self.headings = [HEADINGS.get(k, h) for k, h in zip(self.keys, self.headings)]
        for row, record in zip(self.rows, records):
            if record["kurser"] is None:
                row[1:] = [MISSING] + [""] * (len(row) - 2)
        self.widest = [max([len(h)] + [len(r[i]) for r in self.rows])
                       for i, h in enumerate(self.headings)]
