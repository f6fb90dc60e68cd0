"""Building the period report's context (``build 2008-2010``) from the data and its figures."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pk_report import swedish
from pk_report.dataset import Dataset
from pk_report.errors import DataError
from pk_report.metrics import NOT_GIVEN, Figures
from pk_report.period import (HEAD_COUNTS, OFFICIALS, YearFigures, anonymous_years,
                              persons_by_board, persons_by_gender, year_figures)
from pk_report.report.context import MarkdownText
from pk_report.report.context_build import ORG_DEFINITE, ORG_LABELS
from pk_report.report.period_context import (BoardChange, BoardSeries, CostPerAttendance,
                                             CourseYears, Divergence, FigureRow, PeriodContext,
                                             PeriodYear, PlanCourse, PlanSummary, Trend)
from pk_report.rounding import percent
from pk_report.schema import ORGTYP_ORDER, TEXT_SECTIONS
from pk_report.year_span import YearSpan
from pk_report.years import far_fewer, head_counts

# persons known only as a head count: by board, their board is unknown; by gender, their
# gender (register words such as "endast antal" never reach the board, reader's finding 5)
HEAD_COUNT_LABEL = "nämnd eller styrelse okänd"
HEAD_COUNT_GENDER_LABEL = "kön okänt"
GENDER_LABELS = {"kvinnor": "kvinnor", "män": "män", "annat": "annat kön", "okänt": "okänt kön"}


def build_period_context(ds: Dataset, span: YearSpan, figures: Figures) -> PeriodContext:
    present = [y for y in span.years if y in set(ds.years)]
    if not present:
        years = ", ".join(str(y) for y in ds.years) or "inga"
        raise DataError(f"Datan har inga uppgifter för {span.label}. År i datan: {years}. "
                        "Ange en period med något av dem, eller fyll i åren i registret.")
    courses = figures.courses[figures.courses["ar"].isin(span.years).to_numpy(dtype=bool)]
    per_year, hidden_forms = anonymous_years(ds, figures.courses,
                                             year_figures(ds, figures.courses, span))
    boards = persons_by_board(ds, figures.courses, span)
    genders = persons_by_gender(ds, figures.courses, span)
    politicians = {y: sum(row[g] for g in ORGTYP_ORDER) for y, row in boards.items()}
    sparse = _sparse(per_year)
    thin = {before for before, _, _, _ in sparse}
    # a thin year and every year before it are not compared with the later years
    compared = [y for y in per_year if not thin or y.ar > max(thin)]
    rate_bases = _rate_bases(compared)
    officials = {y: row[OFFICIALS] for y, row in boards.items()}
    return PeriodContext(
        first=span.first, last=span.last, label=span.label, kommun=ds.settings.kommun,
        years=[PeriodYear(y.ar, y.present) for y in per_year],
        missing=[y.ar for y in per_year if not y.present],
        key_figures=_key_figures(per_year, politicians, officials),
        trends=_trends(compared, rate_bases),
        cost_per_attendance=_cost_per_attendance(compared),
        given_by_year={y: list(courses.loc[((courses["ar"] == y) &
                                            (courses["status"] == "genomförd")).to_numpy(dtype=bool),
                                           "kurs"]) for y in present},
        courses=_courses(courses, per_year),
        plan=_plan(courses),
        boards=_board_rows(boards, per_year),
        board_change=_board_change(ds, figures.courses,
                                   {y: v for y, v in boards.items() if not thin or y > max(thin)},
                                   sparse),
        sparse=sparse, rate_bases=rate_bases,
        mixed_rate_bases=[y.ar for y in per_year if y.present and y.svarsbas_blandad],
        genders=_gender_rows(genders, per_year),
        women_share=_women_share(genders, ds.settings.avrundning),
        costs=_cost_rows(per_year), texts=_texts(ds, span),
        top_labels=[ds.scale.labels[v] for v in sorted(ds.scale.very_satisfied)
                    if v in ds.scale.labels],
        hidden_forms=hidden_forms, anonymity_threshold=ds.settings.anonymitetsgrans,
        uncounted=[(y.ar, y.osakert_huvudantal) for y in per_year
                   if y.present and y.osakert_huvudantal],
    )


def _row(label: str, kind: str, per_year: list[YearFigures], value, key: str = "") -> FigureRow:
    return FigureRow(label, kind, [value(y) if y.present else None for y in per_year], key)


def _key_figures(per_year: list[YearFigures], politicians: dict[int, int],
                 officials: dict[int, int]) -> list[FigureRow]:
    """The period's key figures. The courses of the training plan and those outside it are
    told apart, each with what became of them ("varav"), so that no row of all courses sits
    under the plan's row as if it were part of it."""
    rows = _course_rows(per_year) + [
        _row("Genomförda tillfällen", "antal", per_year, lambda y: y.genomforda_tillfallen),
        replace(_row("Deltagare (personer)", "antal", per_year, lambda y: y.personer,
                     "deltagare"), at_least=_at_least(per_year)),
        _row("Deltaganden", "antal", per_year, lambda y: y.deltagare, "deltaganden"),
        _row("Politiker", "antal", per_year, lambda y: politicians[y.ar]),
        _row("Tjänstemän", "antal", per_year, lambda y: officials[y.ar]),
        _row("Utvärderingar", "antal", per_year, lambda y: y.utvarderingar),
        _row("Svarsfrekvens" + EVALUATED if _some_not_evaluated(per_year) else "Svarsfrekvens",
             "procent", per_year, lambda y: None if y.svarsbas_blandad else y.svarsfrekvens,
             "svarsfrekvens"),
        _row("Mycket nöjda", "procent", per_year, lambda y: y.andel_mycket_nojda,
             "mycket_nojda"),
        _row("Total kostnad (kr)", "kronor", per_year, lambda y: y.kostnad),
        _row("Kostnad per deltagare (kr)", "kronor", per_year, lambda y: y.kostnad_per_person),
        _row("Kostnad per deltagande (kr)", "kronor", per_year, lambda y: y.kostnad_per_deltagare),
        _row("Styrgruppens sammanträden", "antal", per_year, lambda y: y.sammantraden),
    ]
    return rows


VARAV = [("genomförd", "– varav genomförda"), ("inställd", "– varav inställda"),
         ("framflyttad", "– varav framflyttade"), (NOT_GIVEN, "– varav ej genomförda")]


def _course_rows(per_year: list[YearFigures]) -> list[FigureRow]:
    """Courses in the plan and outside it, each with its "varav" rows (genomförda always, the
    others when some year has any), then the courses given in all."""
    def outside(y: YearFigures, status: str) -> int:
        total = {"genomförd": y.genomforda_kurser, "inställd": y.installda_kurser,
                 "framflyttad": y.framflyttade_kurser, NOT_GIVEN: y.ej_genomforda_kurser}
        return total[status] - y.plan_status[status]

    rows = []
    for label, count, part in [
            ("Kurser i utbildningsplanen", lambda y: y.kurser_i_plan,
             lambda y, status: y.plan_status[status]),
            ("Kurser utanför planen", lambda y: y.kurser - y.kurser_i_plan, outside)]:
        head = _row(label, "antal", per_year, count)
        if label != "Kurser i utbildningsplanen" and not any(head.values):
            continue
        rows.append(head)
        for status, varav in VARAV:
            row = _row(varav, "antal", per_year, lambda y, s=status: part(y, s))
            if status == "genomförd" or any(row.values):
                rows.append(row)
    rows.append(_row("Genomförda kurser totalt", "antal", per_year,
                     lambda y: y.genomforda_kurser))
    return rows


TRENDS = [("Antalet genomförda kurser", "antal", "genomforda_kurser"),
          ("Antalet deltagare", "antal", "personer"),
          ("Antalet deltaganden", "antal", "deltagare"),
          ("Svarsfrekvensen", "procent", "svarsfrekvens"),
          ("Andelen mycket nöjda", "procent", "andel_mycket_nojda"),
          ("Den totala kostnaden", "kronor", "kostnad"),
          ("Kostnaden per deltagare", "kronor", "kostnad_per_person")]


EVALUATED = " (kurser som utvärderades)"


def _at_least(per_year: list[YearFigures]) -> tuple:
    """The years whose persons are a lower bound (a head count at one of a course's sessions):
    the year's own report says "minst", and so does the period's table and text."""
    return tuple(y.ar for y in per_year if y.present and y.osakert_huvudantal)


def _some_not_evaluated(per_year: list[YearFigures]) -> bool:
    """Whether some year had a course given without evaluations, which its response rate
    leaves out (the rate counts the courses that were evaluated)."""
    return any(y.ej_utvarderade for y in per_year if y.present)


def _rate_bases(per_year: list[YearFigures]) -> list[int]:
    """The years whose response rate is counted on attendances (forms collected per session),
    when the compared years do not all count it on the same base; else empty. A trend in the
    rate is then not stated: it could move only because the base did."""
    years = [y for y in per_year if y.present and y.svarsfrekvens is not None
             and not y.svarsbas_blandad]
    on_attendances = [y.ar for y in years if y.svarsbas_deltaganden]
    return on_attendances if 0 < len(on_attendances) < len(years) else []


def _trends(per_year: list[YearFigures], rate_bases: list[int] | None = None) -> list[Trend]:
    out = []
    for subject, kind, key in TRENDS:
        if key == "svarsfrekvens" and rate_bases:
            continue
        if key == "svarsfrekvens" and _some_not_evaluated(per_year):
            subject = "Svarsfrekvensen för de kurser som utvärderades"
        points = [(y.ar, getattr(y, key)) for y in per_year
                  if y.present and getattr(y, key) is not None
                  and not (key == "svarsfrekvens" and y.svarsbas_blandad)]
        out.append(Trend(subject, kind, points,
                         _at_least(per_year) if key == "personer" else ()))
    return out


def _cost_per_attendance(per_year: list[YearFigures]) -> CostPerAttendance | None:
    """The cost per deltagande, when it moved the other way than the cost per deltagare in
    some year (the same persons at more sessions make each person dearer, each attendance
    cheaper): its trend, and per such year the attendances per person then and the year
    before."""
    years = [y for y in per_year if y.present and y.kostnad_per_person is not None
             and y.kostnad_per_deltagare is not None]
    opposite = []
    for before, now in zip(years, years[1:]):
        person = (now.kostnad_per_person > before.kostnad_per_person) - \
            (now.kostnad_per_person < before.kostnad_per_person)
        visit = (now.kostnad_per_deltagare > before.kostnad_per_deltagare) - \
            (now.kostnad_per_deltagare < before.kostnad_per_deltagare)
        if person * visit < 0:
            opposite.append(Divergence(now.ar, before.ar, person > 0,
                                       now.deltagare / now.personer,
                                       before.deltagare / before.personer))
    if not opposite:
        return None
    trend = Trend("Kostnaden per deltagande", "kronor",
                  [(y.ar, y.kostnad_per_deltagare) for y in years])
    return CostPerAttendance(trend, opposite)


def _status_word(status: str) -> str:
    return {"inställd": "inställd", "framflyttad": "framflyttad"}.get(status, "ej genomförd")


def _courses(courses: pd.DataFrame, per_year: list[YearFigures]) -> list[CourseYears]:
    """One row per kurs_id, in the order courses first appear; the latest name is used."""
    order = list(dict.fromkeys(courses.sort_values("ar", kind="stable")["kurs_id"]))
    cells: dict[str, dict[int, object]] = {k: {} for k in order}
    names: dict[str, str] = {}
    for row in courses.sort_values("ar", kind="stable").itertuples(index=False):
        names[row.kurs_id] = row.kurs
        cells[row.kurs_id][int(row.ar)] = _course_cell(row)
    return [CourseYears(k, names[k], [cells[k].get(y.ar) for y in per_year],
                        _earlier_names(courses[(courses["kurs_id"] == k).to_numpy(dtype=bool)],
                                       names[k]))
            for k in order]


def _earlier_names(rows: pd.DataFrame, latest: str) -> list[tuple[str, list[int]]]:
    """The names a course had in earlier years of the period, when not its latest name."""
    out: dict[str, list[int]] = {}
    for name, ar in zip(rows["kurs"], rows["ar"]):
        if name != latest:
            out.setdefault(name, []).append(int(ar))
    return [(name, sorted(years)) for name, years in out.items()]


def _course_cell(row) -> int | str:
    """Persons when the course was given and they are known, else its attendances said as
    such (a head count at one of several sessions), else what became of it."""
    if row.status != "genomförd":
        return _status_word(row.status)
    if row.osakert_huvudantal:
        return f"minst {swedish.integer(int(row.kanda_personer))}"
    return int(row.unika_personer)


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
    repeated = int((plan["kurs_id"].value_counts() > 1).sum())
    return PlanSummary(len(plan), int((status == "genomförd").sum()),
                       int((status == "inställd").sum()), int((status == "framflyttad").sum()),
                       int((status == NOT_GIVEN).sum()), missed, repeated)


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


def _board_change(ds: Dataset, courses: pd.DataFrame, boards: dict[int, dict[str, int]],
                  sparse: list[tuple[int, int, int, int]]) -> BoardChange | None:
    """Politicians per kind of board and the officials over every year of the period that has
    data; a kind of board that a course with head counts was aimed at is left out (its
    unknown participants could change any rise or fall), and head counts with nobody
    registered are named."""
    years = sorted(boards)
    if len(years) < 2:
        return None
    counted = [h for y in years for h in head_counts(ds, courses, y)]
    blurred = {b for h in counted for b in h.boards}
    shapes: dict[tuple[int, ...], list[BoardSeries]] = {}
    only = []
    for key in ORGTYP_ORDER:
        series = BoardSeries(ORG_DEFINITE[key], [(y, boards[y].get(key, 0)) for y in years])
        if key in blurred or not any(v for _, v in series.points):
            continue
        if series.only:
            only.append(series)
        else:
            shapes.setdefault(series.steps, []).append(series)
    officials = BoardSeries("tjänstemän", [(y, boards[y][OFFICIALS]) for y in years])
    left_out = [ORG_DEFINITE[k] for k in ORGTYP_ORDER if k in blurred]
    return BoardChange(
        years, list(shapes.items()), only,
        officials if any(v for _, v in officials.points) else None, left_out,
        [(h.kurs, h.ar) for h in counted if h.boards],
        [(h.kurs, h.ar, h.n) for h in counted if not h.boards], sparse)


def _sparse(per_year: list[YearFigures]) -> list[tuple[int, int, int, int]]:
    """Consecutive years with data where the earlier has far fewer courses given."""
    years = [y for y in per_year if y.present]
    return [(a.ar, a.genomforda_kurser, b.ar, b.genomforda_kurser) for a, b in zip(years, years[1:])
            if far_fewer(a.genomforda_kurser, b.genomforda_kurser)]


def _gender_rows(genders: dict[int, dict[str, int]], per_year: list[YearFigures]
                 ) -> list[FigureRow]:
    rows = []
    for key, label in list(GENDER_LABELS.items()) + [(HEAD_COUNTS, HEAD_COUNT_GENDER_LABEL)]:
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
            _row("Per deltagare", "kronor", per_year, lambda y: y.kostnad_per_person),
            _row("Per deltagande", "kronor", per_year, lambda y: y.kostnad_per_deltagare)]


def _texts(ds: Dataset, span: YearSpan) -> dict[str, list[MarkdownText]]:
    t = ds.texter
    mine = t[(t["ar"] == span.key).to_numpy(dtype=bool)]
    out: dict[str, list[MarkdownText]] = {s: [] for s in TEXT_SECTIONS}
    for avsnitt, text in zip(mine["avsnitt"], mine["text"]):
        if avsnitt in out:
            out[avsnitt].append(MarkdownText(text))
    return out
