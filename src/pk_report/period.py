"""Figures per year over a span of years: the period report's key figures and ``stats --per ar``.

A year of the span that the register does not have at all is *missing* (``present`` false,
every figure ``None``), never a row of zeros. The counts follow DATAFORMAT.md: ``deltagare``,
``politiker``, ``tjansteman``, ``kvinnor`` and ``man`` count attendances; ``unika_personer``
counts each person once per course (summed over the year's courses). The report's words,
*deltagare* for persons and *deltaganden* for attendances, are chosen in the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from pk_report.anonymity import counted_in_aggregate
from pk_report.breakdowns import attendances
from pk_report.dataset import Dataset
from pk_report.metrics import NOT_GIVEN
from pk_report.rounding import divide_half_up, percent
from pk_report.schema import KON_LABELS, ORGTYP_ORDER
from pk_report.year_span import YearSpan
from pk_report.years import OFFICIALS, all_course_groups

STATUSES = ["genomförd", "inställd", "framflyttad", NOT_GIVEN]  # a course's status, in order

# stats --per ar: the contract's keys where the figure is the contract's, summed over the
# year's courses; course counts under keys of the same style (docs/beslut.md).
YEAR_KEYS = [
    "ar", "kurser", "kurser_i_plan", "genomforda_kurser", "installda_kurser",
    "framflyttade_kurser", "ej_genomforda_kurser", "planerade_tillfallen",
    "genomforda_tillfallen", "installda_tillfallen", "framflyttade_tillfallen", "inbjudna",
    "anmalda", "deltagare", "unika_personer", "politiker", "tjansteman", "kvinnor", "man",
    "utvarderingar", "svarsfrekvens", "andel_mycket_nojda", "medelbetyg", "kostnad",
    "kostnad_per_deltagare",
]


@dataclass(frozen=True)
class YearFigures:
    """One year of a span. Every figure is ``None`` when the register lacks the year."""

    ar: int
    present: bool
    kurser: int | None = None
    kurser_i_plan: int | None = None
    genomforda_kurser: int | None = None
    installda_kurser: int | None = None
    framflyttade_kurser: int | None = None
    ej_genomforda_kurser: int | None = None
    # the courses of the year's training plan by status (the report's key figures; not keys of
    # stats --per ar): genomförd, inställd, framflyttad, ej genomförd
    plan_status: dict[str, int] | None = None
    planerade_tillfallen: int | None = None
    genomforda_tillfallen: int | None = None
    installda_tillfallen: int | None = None
    framflyttade_tillfallen: int | None = None
    inbjudna: int | None = None
    anmalda: int | None = None
    deltagare: int | None = None  # attendances (the contract's word)
    unika_personer: int | None = None  # persons, once per course
    personer: int | None = None  # the report's deltagare: kanda_personer summed (metrics)
    osakert_huvudantal: int | None = None  # head counts not counted as persons (metrics)
    politiker: int | None = None
    tjansteman: int | None = None
    kvinnor: int | None = None
    man: int | None = None
    utvarderingar: int | None = None
    svarsbas: int | None = None
    svarsfrekvens: int | None = None  # over the courses that were evaluated (svarsbas)
    # some evaluated course's forms were collected per session and its politicians' attendances
    # outnumber its persons, so the year's rate is counted (partly) on attendances
    svarsbas_deltaganden: bool = False
    # some evaluated courses are counted on attendances and others on persons: the year's rate
    # adds the two bases, so it is no figure to set beside another year's
    svarsbas_blandad: bool = False
    ej_utvarderade: int | None = None  # courses given without any evaluation: not in the rate
    andel_mycket_nojda: int | None = None
    medelbetyg: float | None = None
    kurskostnad: float | None = None
    gemensam_kostnad: float | None = None
    kostnad: float | None = None
    kostnad_per_deltagare: int | None = None  # kostnad ÷ deltagare, as the contract
    kostnad_per_person: int | None = None  # kostnad ÷ personer, for the report
    sammantraden: int | None = None

    def record(self) -> dict:
        """The ``stats --per ar`` row: JSON-ready, ``None`` where undefined or missing."""
        return {key: _plain(getattr(self, key)) for key in YEAR_KEYS}


def missing_years(span: YearSpan, ds: Dataset) -> list[int]:
    """The years of ``span`` the register has nothing at all for."""
    have = set(ds.years)
    return [y for y in span.years if y not in have]


def year_figures(ds: Dataset, courses: pd.DataFrame, span: YearSpan,
                 with_common_costs: bool = True) -> list[YearFigures]:
    """One ``YearFigures`` per year of ``span`` from the course figures ``courses`` (the metrics'
    table, or a selection of it). Common costs (kostnader without kurs_id) count towards the
    year's cost when ``with_common_costs``; a selection of courses has none."""
    have = set(ds.years)
    costs = ds.kostnader.dropna(subset=["ar", "belopp"])
    common = costs[(costs["kurs_id"] == "").to_numpy(dtype=bool)]
    meetings = pd.Series([d.year for d in ds.sammantraden["datum"] if d is not None],
                         dtype="int64").value_counts()
    out = []
    for ar in span.years:
        if ar not in have:
            out.append(YearFigures(ar, False))
            continue
        c = courses[(courses["ar"] == ar).to_numpy(dtype=bool)]
        common_cost = float(common.loc[(common["ar"] == ar).to_numpy(dtype=bool), "belopp"].sum()) \
            if with_common_costs else 0.0
        out.append(_one_year(ds, c, ar, common_cost, int(meetings.get(ar, 0))))
    return out


def _one_year(ds: Dataset, c: pd.DataFrame, ar: int, common_cost: float, meetings: int
              ) -> YearFigures:
    mode = ds.settings.avrundning
    status = c["status"]

    def total(column: str) -> int:
        return int(pd.to_numeric(c[column]).sum()) if len(c) else 0

    def optional_total(column: str) -> int | None:
        values = [int(v) for v in c[column] if v is not None and not pd.isna(v)]
        return sum(values) if values else None

    forms = total("utvarderingar")
    evaluated = (c["utvarderingar"] > 0).to_numpy(dtype=bool)
    on_attendances = evaluated & (c["svarsbas"] != c["svarsbas_personer"]).to_numpy(dtype=bool)
    base = int(pd.to_numeric(c.loc[(c["utvarderingar"] > 0).to_numpy(dtype=bool),
                                   "svarsbas"]).sum()) if len(c) else 0
    course_cost = float(sum(v for v in c["kostnad"] if v is not None and not pd.isna(v)))
    cost = _whole(course_cost + common_cost)
    attended, persons = total("deltagare"), total("kanda_personer")
    return YearFigures(
        ar=ar, present=True, kurser=len(c), kurser_i_plan=int(c["i_plan"].sum()),
        genomforda_kurser=int((status == "genomförd").sum()),
        installda_kurser=int((status == "inställd").sum()),
        framflyttade_kurser=int((status == "framflyttad").sum()),
        ej_genomforda_kurser=int((status == NOT_GIVEN).sum()),
        plan_status={s: int((status[c["i_plan"].to_numpy(dtype=bool)] == s).sum())
                     for s in STATUSES},
        planerade_tillfallen=optional_total("planerade_tillfallen"),
        genomforda_tillfallen=total("genomforda_tillfallen"),
        installda_tillfallen=total("installda_tillfallen"),
        framflyttade_tillfallen=total("framflyttade_tillfallen"),
        inbjudna=optional_total("inbjudna"), anmalda=total("anmalda"), deltagare=attended,
        unika_personer=total("unika_personer"), personer=persons,
        osakert_huvudantal=total("osakert_huvudantal"), politiker=total("politiker"), tjansteman=total("tjansteman"),
        kvinnor=total("kvinnor"), man=total("man"), utvarderingar=forms, svarsbas=base,
        svarsfrekvens=percent(forms, base, mode),
        svarsbas_deltaganden=bool(on_attendances.any()) if len(c) else False,
        svarsbas_blandad=bool(on_attendances.any() and (evaluated & ~on_attendances).any())
        if len(c) else False,
        ej_utvarderade=int(((status == "genomförd").to_numpy(dtype=bool)
                            & (c["utvarderingar"] == 0).to_numpy(dtype=bool)).sum()),
        andel_mycket_nojda=percent(total("mycket_nojda"), forms, mode),
        medelbetyg=divide_half_up(10 * total("betygssumma"), forms) / 10 if forms else None,
        kurskostnad=_whole(course_cost), gemensam_kostnad=_whole(common_cost), kostnad=cost,
        kostnad_per_deltagare=_per_head(cost, attended),
        # persons a lower bound (a head count at one of several sessions): no cost per person
        kostnad_per_person=None if total("osakert_huvudantal") else _per_head(cost, persons),
        sammantraden=meetings,
    )


def anonymous_years(ds: Dataset, courses: pd.DataFrame, per_year: list[YearFigures]
                    ) -> tuple[list[YearFigures], dict[int, int]]:
    """The years' share very satisfied and mean grade through the anonymity gate
    (anonymity.py), for the published period report: a year's courses under anonymitetsgrans
    are left out when their forms together are also under it. Also the forms left out per year.
    ``stats --per ar`` keeps the exact figures (docs/beslut.md)."""
    threshold, mode = ds.settings.anonymitetsgrans, ds.settings.avrundning
    out, left_out = [], {}
    for y in per_year:
        c = courses[(courses["ar"] == y.ar).to_numpy(dtype=bool)] if y.present else courses.iloc[0:0]
        forms = {k: int(n) for k, n in zip(c["kurs_id"].tolist(), c["utvarderingar"].tolist())}
        counted = counted_in_aggregate(forms, threshold)
        if len(counted) == len(forms):
            out.append(y)
            continue
        kept = c[c["kurs_id"].isin(counted).to_numpy(dtype=bool)]
        n = int(pd.to_numeric(kept["utvarderingar"]).sum())
        good = int(pd.to_numeric(kept["mycket_nojda"]).sum())
        grade_sum = int(pd.to_numeric(kept["betygssumma"]).sum())
        left_out[y.ar] = y.utvarderingar - n
        out.append(replace(y, andel_mycket_nojda=percent(good, n, mode),
                           medelbetyg=divide_half_up(10 * grade_sum, n) / 10 if n else None))
    return out, left_out


def _per_head(cost: float, heads: int) -> int | None:
    """Whole kronor from öre, half up (as metrics' kostnad_per_deltagare)."""
    return divide_half_up(round(cost * 100), 100 * heads) if heads else None


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(float(value), 2)


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Persons by group: each person counted once per course, summed over the year's courses.

HEAD_COUNTS = "endast_antal"  # sessions counted by antal_deltagare: no breakdown


def persons_by_board(ds: Dataset, courses: pd.DataFrame, span: YearSpan
                     ) -> dict[int, dict[str, int]]:
    """Per year: politicians (persons) per kind of board, officials (persons) under
    ``OFFICIALS`` whatever their board, and head counts under ``HEAD_COUNTS``; each person
    counted once per course in one group, by the same rule as the annual report
    (``years.all_course_groups``), so the two reports give a year the same figures."""
    order = ORGTYP_ORDER + [OFFICIALS]
    groups = all_course_groups(ds)
    years = groups.index.get_level_values("ar")
    counted = {(ar, g): int(groups.loc[years == ar, g].sum()) for ar in span.years for g in order}
    return _with_head_counts(ds, courses, span, pd.Series(counted, dtype="int64"), order)


def persons_by_gender(ds: Dataset, courses: pd.DataFrame, span: YearSpan
                      ) -> dict[int, dict[str, int]]:
    """Per year: persons by kön ('kvinnor', 'män', 'annat', 'okänt'), head counts apart."""
    a = attendances(ds)
    a = a[a["ar"].isin(span.years).to_numpy(dtype=bool)]
    counted = _persons(a.assign(grupp=a["kon"].map(KON_LABELS)), "grupp")
    return _with_head_counts(ds, courses, span, counted, list(KON_LABELS.values()))


def _persons(a: pd.DataFrame, column: str) -> pd.Series:
    """Distinct persons per (ar, kurs_id, group), summed per (ar, group)."""
    if a.empty:
        return pd.Series(dtype="int64")
    per_course = a.groupby(["ar", "kurs_id", column])["person"].nunique()
    return per_course.groupby(level=["ar", column]).sum()


def _with_head_counts(ds: Dataset, courses: pd.DataFrame, span: YearSpan, counted: pd.Series,
                      order: list[str]) -> dict[int, dict[str, int]]:
    have = set(ds.years)
    heads = (courses["kanda_personer"] - courses["personer"]).groupby(courses["ar"]).sum()
    out: dict[int, dict[str, int]] = {}
    for ar in span.years:
        if ar not in have:
            continue
        row = {g: int(counted.get((ar, g), 0)) for g in order}
        row[HEAD_COUNTS] = int(heads.get(ar, 0))
        out[ar] = row
    return out
