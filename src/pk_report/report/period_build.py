"""Building the period report's context (``build 2008-2010``) from the data and its figures."""

from __future__ import annotations

import pandas as pd

from pk_report.dataset import Dataset
from pk_report.errors import DataError
from pk_report.metrics import NOT_GIVEN, Figures
from pk_report.period import (HEAD_COUNTS, OFFICIALS, YearFigures, persons_by_board,
                              persons_by_gender, year_figures)
from pk_report.report.context import MarkdownText
from pk_report.report.context_build import ORG_DEFINITE, ORG_LABELS
from pk_report.report.period_context import (BoardChange, CourseYears, FigureRow, PeriodContext,
                                             PeriodYear, PlanCourse, PlanSummary, Trend)
from pk_report.rounding import percent
from pk_report.schema import ORGTYP_ORDER, TEXT_SECTIONS
from pk_report.year_span import YearSpan

HEAD_COUNT_LABEL = "uppgift saknas (endast antal)"
GENDER_LABELS = {"kvinnor": "kvinnor", "män": "män", "annat": "annat kön", "okänt": "okänt kön"}


def build_period_context(ds: Dataset, span: YearSpan, figures: Figures) -> PeriodContext:
    present = [y for y in span.years if y in set(ds.years)]
    if not present:
        years = ", ".join(str(y) for y in ds.years) or "inga"
        raise DataError(f"Datan har inga uppgifter för {span.label}. År i datan: {years}. "
                        "Ange en period med något av dem, eller fyll i åren i registret.")
    courses = figures.courses[figures.courses["ar"].isin(span.years).to_numpy(dtype=bool)]
    per_year = year_figures(ds, figures.courses, span)
    boards = persons_by_board(ds, figures.courses, span)
    genders = persons_by_gender(ds, figures.courses, span)
    politicians = {y: sum(row[g] for g in ORGTYP_ORDER) for y, row in boards.items()}
    officials = {y: row[OFFICIALS] for y, row in boards.items()}
    return PeriodContext(
        first=span.first, last=span.last, label=span.label, kommun=ds.settings.kommun,
        years=[PeriodYear(y.ar, y.present) for y in per_year],
        missing=[y.ar for y in per_year if not y.present],
        key_figures=_key_figures(per_year, politicians, officials),
        trends=_trends(per_year),
        given_by_year={y: list(courses.loc[((courses["ar"] == y) &
                                            (courses["status"] == "genomförd")).to_numpy(dtype=bool),
                                           "kurs"]) for y in present},
        courses=_courses(courses, per_year),
        plan=_plan(courses),
        boards=_board_rows(boards, per_year), board_change=_board_change(boards),
        genders=_gender_rows(genders, per_year),
        women_share=_women_share(genders, ds.settings.avrundning),
        costs=_cost_rows(per_year), texts=_texts(ds, span),
    )


def _row(label: str, kind: str, per_year: list[YearFigures], value) -> FigureRow:
    return FigureRow(label, kind, [value(y) if y.present else None for y in per_year])


def _key_figures(per_year: list[YearFigures], politicians: dict[int, int],
                 officials: dict[int, int]) -> list[FigureRow]:
    rows = [
        _row("Kurser i utbildningsplanen", "antal", per_year, lambda y: y.kurser_i_plan),
        _row("Genomförda kurser", "antal", per_year, lambda y: y.genomforda_kurser),
        _row("Inställda kurser", "antal", per_year, lambda y: y.installda_kurser),
        _row("Framflyttade kurser", "antal", per_year, lambda y: y.framflyttade_kurser),
        _row("Kurser utan tillfällen", "antal", per_year, lambda y: y.ej_genomforda_kurser),
        _row("Genomförda tillfällen", "antal", per_year, lambda y: y.genomforda_tillfallen),
        _row("Deltagare", "antal", per_year, lambda y: y.unika_personer),
        _row("Deltaganden", "antal", per_year, lambda y: y.deltagare),
        _row("Politiker", "antal", per_year, lambda y: politicians[y.ar]),
        _row("Tjänstemän", "antal", per_year, lambda y: officials[y.ar]),
        _row("Utvärderingar", "antal", per_year, lambda y: y.utvarderingar),
        _row("Svarsfrekvens", "procent", per_year, lambda y: y.svarsfrekvens),
        _row("Mycket nöjda", "procent", per_year, lambda y: y.andel_mycket_nojda),
        _row("Total kostnad (kr)", "kronor", per_year, lambda y: y.kostnad),
        _row("Kostnad per deltagare (kr)", "kronor", per_year, lambda y: y.kostnad_per_person),
        _row("Styrgruppens sammanträden", "antal", per_year, lambda y: y.sammantraden),
    ]
    return [r for r in rows if r.label != "Kurser utan tillfällen" or any(r.values)]


TRENDS = [("Antalet genomförda kurser", "antal", "genomforda_kurser"),
          ("Antalet deltagare", "antal", "unika_personer"),
          ("Antalet deltaganden", "antal", "deltagare"),
          ("Svarsfrekvensen", "procent", "svarsfrekvens"),
          ("Andelen mycket nöjda", "procent", "andel_mycket_nojda"),
          ("Den totala kostnaden", "kronor", "kostnad"),
          ("Kostnaden per deltagare", "kronor", "kostnad_per_person")]


def _trends(per_year: list[YearFigures]) -> list[Trend]:
    out = []
    for subject, kind, key in TRENDS:
        points = [(y.ar, getattr(y, key)) for y in per_year
                  if y.present and getattr(y, key) is not None]
        out.append(Trend(subject, kind, points))
    return out


def _status_word(status: str) -> str:
    return {"inställd": "inställd", "framflyttad": "framflyttad"}.get(status, "ej genomförd")


def _courses(courses: pd.DataFrame, per_year: list[YearFigures]) -> list[CourseYears]:
    """One row per kurs_id, in the order courses first appear; the latest name is used."""
    order = list(dict.fromkeys(courses.sort_values("ar", kind="stable")["kurs_id"]))
    cells: dict[str, dict[int, object]] = {k: {} for k in order}
    names: dict[str, str] = {}
    for row in courses.sort_values("ar", kind="stable").itertuples(index=False):
        names[row.kurs_id] = row.kurs
        cells[row.kurs_id][int(row.ar)] = int(row.unika_personer) if row.status == "genomförd" \
            else _status_word(row.status)
    return [CourseYears(k, names[k], [cells[k].get(y.ar) for y in per_year]) for k in order]


def _plan(courses: pd.DataFrame) -> PlanSummary:
    plan = courses[courses["i_plan"].to_numpy(dtype=bool)]
    given = courses[(courses["status"] == "genomförd").to_numpy(dtype=bool)]
    given_years = {}
    for kurs_id, ar in zip(given["kurs_id"], given["ar"]):
        given_years.setdefault(kurs_id, []).append(int(ar))
    missed = []
    for row in plan.sort_values("ar", kind="stable").itertuples(index=False):
        if row.status != "genomförd":
            later = [y for y in sorted(given_years.get(row.kurs_id, [])) if y > row.ar]
            missed.append(PlanCourse(int(row.ar), row.kurs, _status_word(row.status),
                                     later[0] if later else None))
    status = plan["status"]
    return PlanSummary(len(plan), int((status == "genomförd").sum()),
                       int((status == "inställd").sum()), int((status == "framflyttad").sum()),
                       int((status == NOT_GIVEN).sum()), missed)


def _board_rows(boards: dict[int, dict[str, int]], per_year: list[YearFigures]
                ) -> list[FigureRow]:
    """Politicians per kind of board, officials on their own row, head counts apart; a row
    only when some year has anyone in it."""
    keys = [(ORG_LABELS[k], k) for k in ORGTYP_ORDER] + [("tjänstemän", OFFICIALS),
                                                          (HEAD_COUNT_LABEL, HEAD_COUNTS)]
    rows = []
    for label, key in keys:
        values = [boards[y.ar][key] if y.present else None for y in per_year]
        if any(values):
            rows.append(FigureRow(label, "antal", values))
    totals = [sum(boards[y.ar].values()) if y.present else None for y in per_year]
    return rows + [FigureRow("totalt", "antal", totals)]


def _board_change(boards: dict[int, dict[str, int]]) -> BoardChange | None:
    """Politicians per kind of board, the last year of the period that has data against the
    first; officials apart."""
    years = sorted(boards)
    if len(years) < 2:
        return None
    first, last = boards[years[0]], boards[years[-1]]
    rose, fell = [], []
    for key in ORGTYP_ORDER:
        a, b = first.get(key, 0), last.get(key, 0)
        if b > a:
            rose.append((ORG_DEFINITE[key], a, b))
        elif b < a:
            fell.append((ORG_DEFINITE[key], a, b))
    officials = Trend("Antalet tjänstemän", "antal", [(y, boards[y][OFFICIALS]) for y in years])
    return BoardChange(years[0], years[-1], rose, fell, officials)


def _gender_rows(genders: dict[int, dict[str, int]], per_year: list[YearFigures]
                 ) -> list[FigureRow]:
    rows = []
    for key, label in list(GENDER_LABELS.items()) + [(HEAD_COUNTS, HEAD_COUNT_LABEL)]:
        values = [genders[y.ar][key] if y.present else None for y in per_year]
        if any(values) or key in ("kvinnor", "män"):
            rows.append(FigureRow(label, "antal", values))
    return rows


def _women_share(genders: dict[int, dict[str, int]], mode: str) -> list[tuple[int, int]]:
    """Percent women among the persons whose kön is registered, per year that has any."""
    out = []
    for year in sorted(genders):
        row = genders[year]
        known = row["kvinnor"] + row["män"] + row["annat"]
        share = percent(row["kvinnor"], known, mode)
        if share is not None:
            out.append((year, share))
    return out


def _cost_rows(per_year: list[YearFigures]) -> list[FigureRow]:
    return [_row("Kurserna", "kronor", per_year, lambda y: y.kurskostnad),
            _row("Gemensamma kostnader", "kronor", per_year, lambda y: y.gemensam_kostnad),
            _row("Totalt", "kronor", per_year, lambda y: y.kostnad),
            _row("Per deltagare", "kronor", per_year, lambda y: y.kostnad_per_person)]


def _texts(ds: Dataset, span: YearSpan) -> dict[str, list[MarkdownText]]:
    t = ds.texter
    mine = t[(t["ar"] == span.key).to_numpy(dtype=bool)]
    out: dict[str, list[MarkdownText]] = {s: [] for s in TEXT_SECTIONS}
    for avsnitt, text in zip(mine["avsnitt"], mine["text"]):
        if avsnitt in out:
            out[avsnitt].append(MarkdownText(text))
    return out
