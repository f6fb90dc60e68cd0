"""Year totals and the change against the previous year that has data."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pk_report.breakdowns import attendances
from pk_report.schema import ORGTYP_ORDER
from pk_report.dataset import Dataset
from pk_report.metrics import NOT_GIVEN
from pk_report.rounding import percent


@dataclass(frozen=True)
class YearTotals:
    """The year's figures; ``courses`` is the slice of course figures for the year."""

    ar: int
    members: pd.DataFrame
    meetings: int
    courses: pd.DataFrame
    given: int
    cancelled: int
    postponed: int
    not_given: int
    participants: int
    politicians: int
    officials: int
    evaluations: int
    response_base: int
    response_rate: int | None
    very_satisfied: int | None
    dissatisfied: int
    course_cost: float
    common_cost: float
    total_cost: float
    by_orgtyp: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class YearChange:
    """This year against ``previous``: differences in participants, response rate and cost."""

    previous: YearTotals
    participants: int
    by_orgtyp: dict[str, int]
    response_rate_points: int | None
    total_cost: float


def year_totals(ds: Dataset, courses: pd.DataFrame, ar: int) -> YearTotals:
    mode = ds.settings.avrundning
    c = courses[courses["ar"] == ar]
    members = ds.styrgrupp[ds.styrgrupp["ar"] == ar]
    meetings = sum(1 for d in ds.sammantraden["datum"] if d is not None and d.year == ar)
    costs = ds.kostnader.dropna(subset=["ar", "belopp"])
    costs = costs[costs["ar"] == ar]
    common = float(costs.loc[costs["kurs_id"] == "", "belopp"].sum())
    course_cost = float(costs.loc[costs["kurs_id"] != "", "belopp"].sum())
    a = attendances(ds)
    counts = a.loc[(a["ar"] == ar).to_numpy(dtype=bool), "organisationstyp"].value_counts()
    by_org = {key: int(counts[key]) for key in ORGTYP_ORDER if counts.get(key, 0)}
    evaluations = int(c["utvarderingar"].sum())
    base = int(c.loc[c["utvarderingar"] > 0, "svarsbas"].sum())
    return YearTotals(
        ar=ar, members=members, meetings=meetings, courses=c,
        given=int((c["status"] == "genomförd").sum()),
        cancelled=int((c["status"] == "inställd").sum()),
        postponed=int((c["status"] == "framflyttad").sum()),
        not_given=int((c["status"] == NOT_GIVEN).sum()),
        participants=int(c["deltagare"].sum()), politicians=int(c["politiker"].sum()),
        officials=int(c["tjansteman"].sum()), evaluations=evaluations, response_base=base,
        response_rate=percent(evaluations, base, mode),
        very_satisfied=percent(int(c["mycket_nojda"].sum()), evaluations, mode),
        dissatisfied=int(c["missnojda"].sum()),
        course_cost=course_cost, common_cost=common, total_cost=course_cost + common,
        by_orgtyp={k: int(v) for k, v in by_org.items()},
    )


def year_change(ds: Dataset, courses: pd.DataFrame, totals: YearTotals) -> YearChange | None:
    """Against the latest earlier year with any course in the data, if there is one."""
    earlier = sorted(int(y) for y in courses["ar"].unique() if y < totals.ar)
    if not earlier:
        return None
    prev = year_totals(ds, courses, earlier[-1])
    keys = list(dict.fromkeys([*totals.by_orgtyp, *prev.by_orgtyp]))
    rate = None
    if totals.response_rate is not None and prev.response_rate is not None:
        rate = totals.response_rate - prev.response_rate
    return YearChange(prev, totals.participants - prev.participants,
                      {k: totals.by_orgtyp.get(k, 0) - prev.by_orgtyp.get(k, 0) for k in keys},
                      rate, totals.total_cost - prev.total_cost)
