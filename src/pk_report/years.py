"""Year totals and the change against the previous year that has data.

``participants``, ``politicians``, ``officials`` and ``by_orgtyp`` count attendances
(deltaganden), as the contract's ``deltagare`` does. ``persons`` and ``persons_by_group`` count
persons (deltagare in the report's sense) as the courses do: each person once per course, under
the group they attended that course as most often (see ``GROUPS``), summed over the year's
courses, plus the persons of head counts. So ``persons`` is the sum of the courses'
``kanda_personer`` (``unika_personer`` but for the head counts of a course with several
sessions, whose persons are unknown: ``uncounted``), and a person at two courses counts once
for each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pk_report.breakdowns import attendances
from pk_report.schema import ORGTYP_ORDER
from pk_report.dataset import Dataset
from pk_report.metrics import NOT_GIVEN
from pk_report.rounding import percent

OFFICIALS = "tjansteman"  # the group of officials (chef, tjänsteman), whatever their board
UNKNOWN = "okand"  # persons known only from a head count (antal_deltagare)
GROUPS = ORGTYP_ORDER + [OFFICIALS, UNKNOWN]  # politicians by organisationstyp, then the rest


@dataclass(frozen=True)
class Dominance:
    """At the courses that had politicians from both nämnder (stadsdel, fack) and bolag: the
    nämnder sent at least twice as many. ``leading`` is stadsdel or fack when that one sent at
    least one and a half times as many as the other (and ``None`` otherwise); ``only`` is set
    when just one kind of nämnd took part."""

    namnder: int
    bolag: int
    leading: str | None
    only: str | None


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
    by_orgtyp: dict[str, int] = field(default_factory=dict)  # attendances, every role
    persons: int = 0  # persons once per course, summed over the courses (head counts included)
    persons_by_group: dict[str, int] = field(default_factory=dict)  # GROUPS -> persons, no zeros
    uncounted: int = 0  # head counts of courses with several sessions (persons a lower bound)
    persons_at_least: bool = False  # some course's persons are the least it can have had
    dominance: Dominance | None = None  # nämnder against bolag at courses aimed at both
    mixed_courses: int = 0  # courses with politicians from both nämnder and bolag


@dataclass(frozen=True)
class YearChange:
    """This year against ``previous``: differences in participants, response rate and cost."""

    previous: YearTotals
    participants: int
    by_orgtyp: dict[str, int]
    response_rate_points: int | None
    total_cost: float
    persons: int = 0
    persons_by_group: dict[str, int] = field(default_factory=dict)
    previous_sparse: bool = False  # the previous year has far fewer courses held in the data


def far_fewer(previous: int, now: int) -> bool:
    """Whether ``previous`` courses held are far fewer than ``now``: at most half, and at least
    two fewer. Comparing with such a year mostly shows what was registered."""
    return 2 * previous <= now and now - previous >= 2


def all_course_groups(ds: Dataset) -> pd.DataFrame:
    """Persons present at a held session, per course and year (index ``ar``, ``kurs_id``) and
    group of ``GROUPS`` (every column; head counts not included).

    Each person counts once per course, under the group of most of their attendances there
    (ties: the earlier group in ``GROUPS``), so a course's groups add up to its persons.
    Counted once per dataset with integer keys and kept on it (the report asks for several
    years)."""
    cached = ds.__dict__.get("_course_groups")
    if cached is not None:
        return cached
    a = attendances(ds)
    codes = pd.Series(range(len(GROUPS)), index=GROUPS)
    group = np.where(a["tjansteman"].to_numpy(dtype=bool), codes[OFFICIALS],
                     codes.reindex(a["organisationstyp"].to_numpy(dtype=object))
                     .fillna(codes["ovrigt"]).to_numpy(dtype="int64"))
    course, keys = pd.MultiIndex.from_arrays([a["ar"].to_numpy(dtype="int64"),
                                              a["kurs_id"].to_numpy(dtype=object)]).factorize()
    person = a["person"].to_numpy(dtype="int64")
    n_groups, n_persons = len(GROUPS), int(person.max()) + 1 if len(person) else 1
    pair = course.astype("int64") * n_persons + person  # a person in a course
    triples, counts = np.unique(pair * n_groups + group, return_counts=True)
    pairs, groups = triples // n_groups, triples % n_groups
    order = np.lexsort((groups, -counts, pairs))  # per pair: most attendances, earlier group
    first = order[np.r_[True, pairs[order][1:] != pairs[order][:-1]]] if len(order) else order
    table = np.bincount((pairs[first] // n_persons) * n_groups + groups[first],
                        minlength=len(keys) * n_groups).reshape(len(keys), n_groups)
    index = pd.MultiIndex.from_tuples(list(keys), names=["ar", "kurs_id"]) if len(keys) else \
        pd.MultiIndex.from_arrays([[], []], names=["ar", "kurs_id"])
    result = pd.DataFrame(table.astype("int64"), index=index, columns=GROUPS)
    ds.__dict__["_course_groups"] = result
    return result


def course_groups(ds: Dataset, ar: int) -> pd.DataFrame:
    """``all_course_groups`` for the courses of ``ar`` (index ``kurs_id``), only the groups
    that have anyone."""
    table = all_course_groups(ds)
    part = table[(table.index.get_level_values("ar") == ar)].droplevel("ar")
    return part.loc[:, part.sum() > 0]


def persons_by_group(ds: Dataset, ar: int) -> dict[str, int]:
    """Persons per group of ``GROUPS`` over the year's courses (``course_groups`` summed)."""
    found = course_groups(ds, ar).sum()
    return {g: int(found[g]) for g in GROUPS if found.get(g, 0)}


@dataclass(frozen=True)
class HeadCount:
    """A course of the year with sessions known only by their head count: ``n`` participants
    whose boards are unknown; ``boards`` are the kinds of board (organisationstyp) of the
    course's registered politicians, the boards it was aimed at as far as the data tells
    (empty: nobody registered, so any board)."""

    ar: int
    kurs: str
    n: int
    boards: list[str]


def head_counts(ds: Dataset, courses: pd.DataFrame, ar: int) -> list[HeadCount]:
    """The year's courses with head counts (held sessions counted by ``antal_deltagare``)."""
    c = courses[(courses["ar"] == ar).to_numpy(dtype=bool) & (courses["huvudantal"] > 0)
                .to_numpy(dtype=bool)]
    if c.empty:
        return []
    groups = course_groups(ds, ar)
    out = []
    for kurs_id, name, n in zip(c["kurs_id"], c["kurs"], c["huvudantal"]):
        row = groups.loc[kurs_id] if kurs_id in groups.index else pd.Series(dtype="int64")
        out.append(HeadCount(ar, name, int(n), [k for k in ORGTYP_ORDER if row.get(k, 0)]))
    return out


def dominance(groups: pd.DataFrame) -> Dominance | None:
    """``Dominance`` over the courses of ``groups`` (``course_groups``) aimed at both, or None."""
    get = lambda key: groups[key] if key in groups else pd.Series(0, index=groups.index)  # noqa: E731
    stadsdel, fack, bolag = get("stadsdel"), get("fack"), get("bolag")
    mixed = ((stadsdel + fack) > 0) & (bolag > 0)
    if not mixed.any():
        return None
    s, f, b = int(stadsdel[mixed].sum()), int(fack[mixed].sum()), int(bolag[mixed].sum())
    if s + f < 2 * b:
        return None
    only = "stadsdel" if not f else "fack" if not s else None
    leading = None
    if only is None:
        leading = "stadsdel" if 2 * s >= 3 * f else "fack" if 2 * f >= 3 * s else None
    return Dominance(s + f, b, leading, only)


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
    per_course = course_groups(ds, ar)
    found = per_course.sum()
    groups = {g: int(found[g]) for g in GROUPS if found.get(g, 0)}
    head_counts = int((c["kanda_personer"] - c["personer"]).sum())  # persons beyond the named
    if head_counts:
        groups[UNKNOWN] = head_counts
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
        persons=sum(groups.values()), persons_by_group=groups,
        persons_at_least=bool(c["osakert_huvudantal"].sum()),
        uncounted=int(c["osakert_huvudantal"].sum()),
        dominance=dominance(per_course), mixed_courses=_mixed(per_course),
    )


def _mixed(groups: pd.DataFrame) -> int:
    namnd = sum(groups[k] for k in ("stadsdel", "fack") if k in groups)
    if "bolag" not in groups or not isinstance(namnd, pd.Series):
        return 0
    return int(((namnd > 0) & (groups["bolag"] > 0)).sum())


def earlier_dominance(ds: Dataset, courses: pd.DataFrame, ar: int) -> dict[int, bool]:
    """For each earlier year with a course aimed at both nämnder and bolag: whether the
    nämnder dominated then too ("liksom tidigare år")."""
    out = {}
    for year in sorted(int(y) for y in courses["ar"].unique() if y < ar):
        groups = course_groups(ds, year)
        if _mixed(groups):
            out[year] = dominance(groups) is not None
    return out


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
    groups = [g for g in GROUPS if g in totals.persons_by_group or g in prev.persons_by_group]
    return YearChange(prev, totals.participants - prev.participants,
                      {k: totals.by_orgtyp.get(k, 0) - prev.by_orgtyp.get(k, 0) for k in keys},
                      rate, totals.total_cost - prev.total_cost,
                      persons=totals.persons - prev.persons,
                      persons_by_group={g: totals.persons_by_group.get(g, 0)
                                        - prev.persons_by_group.get(g, 0) for g in groups},
                      previous_sparse=far_fewer(prev.given, totals.given))
