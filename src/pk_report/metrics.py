"""Step 3: every figure per session and per course and year, computed once.

The definitions are DATAFORMAT.md's "How figures are counted"; ``STATS_KEYS`` are the keys of
``pk-report stats --format json``, in order. Everything is grouped with pandas: no Python loop
over participant rows.

Persons and attendances. The contract's counts (``deltagare``, ``politiker``, ``tjansteman``,
``kvinnor``, ``man``, ``anmalda``) count *attendances* (deltaganden: a person once per session)
and sign-up rows; ``stats`` keeps them so. The report speaks of *deltagare* as distinct persons,
so ``course_figures`` also carries, per course (a row without ``namn`` is a person of its own,
a head count from ``antal_deltagare`` adds that many persons of unknown role):

- ``unika_personer``: distinct persons present at a held session (the contract's key);
- ``unika_politiker`` / ``unika_tjansteman``: the same for the political roles / officials;
- ``anmalda_personer``: distinct persons signed up to any of the course's sessions;
- ``osakert_huvudantal``: the head counts of a course with more than one held session (0
  otherwise). Who came to a head-counted session is unknown, so how many of them also came to
  the course's other sessions is unknown too: such a course's persons are somewhere between
  its largest session and the sum;
- ``kanda_personer``: the persons the report counts, one rule for every year (issue 19 point
  4): ``unika_personer`` where that is exact (no head count, or a single held session), else
  the least the course can have had: its registered persons or its largest head count,
  whichever is more ("minst 40");
- ``kostnad_per_person``: ``kostnad`` divided by ``unika_personer``, whole kronor half up (the
  report's "Kr per deltagare"; ``kostnad_per_deltagare`` divides by attendances, as the
  contract says); ``None`` when the course's persons are unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pk_report.dataset import Dataset
from pk_report.rounding import divide_half_up, percent

STATS_KEYS = [
    "ar", "kurs_id", "kurs", "tema", "i_plan", "status", "planerade_tillfallen",
    "genomforda_tillfallen", "installda_tillfallen", "framflyttade_tillfallen", "inbjudna",
    "anmalda", "deltagare", "unika_personer", "politiker", "tjansteman", "kvinnor", "man",
    "utvarderingar", "svarsfrekvens", "andel_mycket_nojda", "medelbetyg", "kostnad",
    "kostnad_per_deltagare",
]
TEXT_KEYS = {"kurs_id", "kurs", "tema", "i_plan", "status", "medelbetyg", "kostnad"}
NOT_GIVEN = "ej genomförd"  # a course of the year with no sessions at all
COUNTS = ["anmalda", "deltagare", "politiker", "tjansteman", "kvinnor", "man"]


def session_rows(ds: Dataset, table: str, sessions: pd.DataFrame, rows: pd.DataFrame | None = None
                 ) -> np.ndarray:
    """For each row of ``table`` (deltagare or utvarderingar; ``rows`` if a subset of it), the
    position of its session in ``sessions`` (-1 if none).

    Validation has already looked each row up among the distinct sessions (``tillfalle_rad``);
    that is reused when ``sessions`` are those, in that order.
    """
    frame = ds.tables[table] if rows is None else rows
    ids = sessions["tillfalle_id"].to_numpy(dtype=object)
    if "tillfalle_rad" in frame:
        distinct = ds.tillfallen["tillfalle_id"].drop_duplicates().to_numpy(dtype=object)
        if len(distinct) == len(ids) and (distinct == ids).all():
            return frame["tillfalle_rad"].to_numpy(dtype="int64")
    return pd.Index(ids).get_indexer(frame["tillfalle_id"].to_numpy(dtype=object))


def participant_sessions(ds: Dataset, sessions: pd.DataFrame) -> np.ndarray:
    """For each row of deltagare, the position of its session in ``sessions`` (-1 if none)."""
    return session_rows(ds, "deltagare", sessions)


def session_figures(ds: Dataset) -> pd.DataFrame:
    """One row per session: its course, status and head counts (DATAFORMAT.md's definitions).

    Counted with one lookup of each participant's session and a bincount per figure.
    """
    s = ds.tillfallen[["tillfalle_id", "kurs_id", "ar", "datum", "omfattning", "status", "orsak",
                       "nytt_datum", "antal_deltagare", "held"]]
    s = s.drop_duplicates("tillfalle_id").copy()
    d = ds.deltagare
    pos = participant_sessions(ds, s)
    known = pos >= 0
    present = known & d["narvarande"].to_numpy(dtype=bool)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(pos[mask], minlength=len(s)).astype("int64")

    s["anmalda"] = count(known)
    s["deltagare"] = count(present)
    s["politiker"] = count(present & d["politiker"].to_numpy(dtype=bool))
    s["tjansteman"] = count(present & d["tjansteman"].to_numpy(dtype=bool))
    s["kvinnor"] = count(present & d["kvinna"].to_numpy(dtype=bool))
    s["man"] = count(present & d["man"].to_numpy(dtype=bool))
    head_count = pd.to_numeric(s["antal_deltagare"], errors="coerce").fillna(0).astype("int64")
    counted = s["anmalda"] == 0
    s["huvudantal"] = np.where(counted, head_count, 0)
    s["deltagare"] = s["deltagare"] + s["huvudantal"]
    return s


def _unique_per_course(course: np.ndarray, person: np.ndarray, n_persons: int,
                       n_courses: int) -> np.ndarray:
    """Distinct persons per course position; ``person`` are codes 0..n_persons-1 and rows with
    course -1 are left out."""
    ok = course >= 0
    if not n_persons or not ok.any():
        return np.zeros(n_courses, dtype="int64")
    pairs = np.sort(course[ok].astype("int64") * n_persons + person[ok])
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = pairs[1:] != pairs[:-1]
    return np.bincount(pairs[first] // n_persons, minlength=n_courses).astype("int64")


def _positions(index: pd.MultiIndex, ar: pd.Series, kurs_id: pd.Series) -> np.ndarray:
    """Position in ``index`` (courses by year and id) of each (ar, kurs_id) pair, -1 if none."""
    keys = pd.MultiIndex.from_arrays([pd.array(ar, dtype="Int64"), kurs_id.astype(object)])
    return index.get_indexer(keys)


def _per_course(pos: np.ndarray, n: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Count (or sum of integer ``weights``) per course position; rows at -1 are left out."""
    ok = pos >= 0
    w = None if weights is None else weights[ok]
    return np.bincount(pos[ok], weights=w, minlength=n).astype("int64")


@dataclass(frozen=True)
class Figures:
    """The metrics layer's two tables, computed once per command (``pipeline.inspect``)."""

    sessions: pd.DataFrame  # session_figures: one row per session
    courses: pd.DataFrame  # course_figures: one row per course and year


def figures_of(ds: Dataset) -> Figures:
    sessions = session_figures(ds)
    return Figures(sessions, course_figures(ds, sessions))


def course_figures(ds: Dataset, sessions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per course and year with every key of ``STATS_KEYS`` (plus helper columns).

    Each figure is a bincount over the course position of its rows: one lookup per table,
    no group-by and no index alignment per column. Validation guarantees that (ar, kurs_id)
    is unique in kurser.
    """
    if sessions is None:
        sessions = session_figures(ds)
    mode = ds.settings.avrundning
    k = ds.kurser.rename(columns={"namn": "kurs"})
    courses = k[["ar", "kurs_id", "kurs", "tema", "malgrupp", "i_plan", "planerade_tillfallen",
                 "min_anmalda", "inbjudna", "beskrivning"]].copy()
    courses["ar"] = courses["ar"].astype("int64")
    index = pd.MultiIndex.from_arrays([courses["ar"], courses["kurs_id"].astype(object)])
    n = len(courses)
    col: dict[str, np.ndarray] = {}

    sc = _positions(index, sessions["ar"], sessions["kurs_id"])
    status = sessions["status"].to_numpy(dtype=object)
    held = sessions["held"].to_numpy(dtype=bool)
    for value, column in [("genomförd", "genomforda_tillfallen"), ("inställd", "installda_tillfallen"),
                          ("framflyttad", "framflyttade_tillfallen")]:
        col[column] = _per_course(np.where(status == value, sc, -1), n)
    col["antal_tillfallen"] = _per_course(sc, n)
    col["anmalda"] = _per_course(sc, n, sessions["anmalda"].to_numpy(dtype="int64"))
    for column in COUNTS[1:] + ["huvudantal"]:
        col[column] = _per_course(np.where(held, sc, -1), n, sessions[column].to_numpy(dtype="int64"))

    d = ds.deltagare
    pos = participant_sessions(ds, sessions)
    course = np.where(pos >= 0, sc[pos], -1)
    attended = d["narvarande"].to_numpy(dtype=bool) & np.where(pos >= 0, held[pos], False)
    person = d["person"].to_numpy(dtype="int64")
    n_persons = int(person.max()) + 1 if len(person) else 0
    person, course = person[attended], course[attended]
    politician = d["politiker"].to_numpy(dtype=bool)[attended]
    col["personer"] = _unique_per_course(course, person, n_persons, n)
    col["unika_politiker"] = _unique_per_course(np.where(politician, course, -1), person,
                                                n_persons, n)
    official = d["tjansteman"].to_numpy(dtype=bool)[attended]
    col["unika_tjansteman"] = _unique_per_course(np.where(official, course, -1), person,
                                                 n_persons, n)
    signed = pos >= 0
    col["anmalda_personer"] = _unique_per_course(
        np.where(pos >= 0, sc[pos], -1)[signed], d["person"].to_numpy(dtype="int64")[signed],
        n_persons, n)
    col["unika_personer"] = col["personer"] + col["huvudantal"]
    col["osakert_huvudantal"] = np.where(col["genomforda_tillfallen"] > 1, col["huvudantal"], 0)
    largest = np.zeros(n, dtype="int64")  # the largest head count of a held session
    counted = held & (sessions["huvudantal"].to_numpy(dtype="int64") > 0) & (sc >= 0)
    np.maximum.at(largest, sc[counted], sessions["huvudantal"].to_numpy(dtype="int64")[counted])
    col["kanda_personer"] = np.where(col["osakert_huvudantal"] > 0,
                                     np.maximum(col["personer"], largest), col["unika_personer"])

    e = ds.utvarderingar.dropna(subset=["ar", "varde"])
    rad = session_rows(ds, "utvarderingar", sessions, e)
    ec = np.where(rad >= 0, sc[rad], -1)
    # the unit the forms were collected on: per session when tied to two or more held sessions
    form_session = np.where((rad >= 0) & np.where(rad >= 0, held[np.maximum(rad, 0)], False),
                            rad, -1)
    col["utvarderade_tillfallen"] = _unique_per_course(
        np.where(form_session >= 0, ec, -1), np.maximum(form_session, 0), max(len(sessions), 1), n)
    per_session = col["utvarderade_tillfallen"] >= 2
    col["svarsbas_per_tillfalle"] = per_session
    persons_base = np.where(col["unika_politiker"] > 0, col["unika_politiker"], col["personer"])
    attendance_base = np.where(col["politiker"] > 0, col["politiker"],
                               col["deltagare"] - col["huvudantal"])
    col["svarsbas_personer"] = persons_base + col["huvudantal"]
    col["svarsbas"] = np.where(per_session, attendance_base, persons_base) + col["huvudantal"]
    loose = np.flatnonzero(rad < 0)  # tied to a course and year, not to a session
    if len(loose):
        ec[loose] = _positions(index, e["ar"].iloc[loose], e["kurs_id"].iloc[loose])
    col["utvarderingar"] = _per_course(ec, n)
    col["mycket_nojda"] = _per_course(ec, n, e["mycket_nojd"].to_numpy(dtype=bool))
    col["missnojda"] = _per_course(ec, n, e["missnojd"].to_numpy(dtype=bool))
    col["betygssumma"] = _per_course(ec, n, e["varde"].to_numpy(dtype="int64"))

    c = ds.kostnader.dropna(subset=["ar", "belopp"])
    c = c[(c["kurs_id"] != "").to_numpy(dtype=bool)]
    cc = _positions(index, c["ar"], c["kurs_id"])
    amounts = np.bincount(cc[cc >= 0], weights=c["belopp"].to_numpy(dtype=float)[cc >= 0],
                          minlength=n)
    has_cost = _per_course(cc, n) > 0

    courses = courses.assign(**col)
    forms, base = col["utvarderingar"].tolist(), col["svarsbas"].tolist()
    courses["svarsfrekvens"] = _objects(courses, [percent(a, b, mode) for a, b in
                                        zip(forms, base)])
    courses["andel_mycket_nojda"] = _objects(courses, [percent(a, b, mode) for a, b in
                                             zip(col["mycket_nojda"].tolist(), forms)])
    courses["medelbetyg"] = _objects(courses, [  # one decimal, half up
        divide_half_up(10 * total, m) / 10 if m else None
        for total, m in zip(col["betygssumma"].tolist(), forms)])
    kostnad = [_whole(v) if has else None for v, has in zip(amounts.tolist(), has_cost.tolist())]
    courses["kostnad"] = _objects(courses, kostnad)
    courses["kostnad_per_deltagare"] = _objects(courses, [  # whole kronor from öre, half up
        divide_half_up(round(v * 100), 100 * m) if v is not None and m else None
        for v, m in zip(kostnad, col["deltagare"].tolist())])
    courses["kostnad_per_person"] = _objects(courses, [
        divide_half_up(round(v * 100), 100 * m) if v is not None and m and not unsure else None
        for v, m, unsure in zip(kostnad, col["unika_personer"].tolist(),
                                col["osakert_huvudantal"].tolist())])
    courses["status"] = _course_status(courses)
    courses["i_plan"] = courses["i_plan"].fillna(True).astype(bool)
    for column in ["planerade_tillfallen", "inbjudna", "min_anmalda"]:
        courses[column] = _objects(courses, [None if pd.isna(v) else int(v)
                                             for v in courses[column]])
    return courses.reset_index(drop=True)


def _objects(frame: pd.DataFrame, values: list) -> pd.Series:
    """A column that keeps Python ints and None (a float column would turn None into NaN)."""
    return pd.Series(values, index=frame.index, dtype=object)


def _whole(value: float) -> int | float:
    """Kronor as an int when whole, else as given (öre are kept, never invented)."""
    return int(value) if float(value).is_integer() else round(float(value), 2)


def _course_status(c: pd.DataFrame) -> list[str]:
    out = []
    for held, moved, cancelled in zip(c["genomforda_tillfallen"], c["framflyttade_tillfallen"],
                                      c["installda_tillfallen"]):
        if held:
            out.append("genomförd")
        elif moved:
            out.append("framflyttad")
        elif cancelled:
            out.append("inställd")
        else:
            out.append(NOT_GIVEN)
    return out


def too_few_signups(sessions: pd.DataFrame, courses: pd.DataFrame) -> pd.Series:
    """Per session: cancelled with no reason given and fewer sign-ups than ``min_anmalda``."""
    minimum = sessions.merge(courses[["ar", "kurs_id", "min_anmalda"]], on=["ar", "kurs_id"],
                             how="left")["min_anmalda"]
    minimum = pd.to_numeric(minimum, errors="coerce").to_numpy()
    return pd.Series((sessions["status"].to_numpy() == "inställd")
                     & (sessions["orsak"].to_numpy() == "")
                     & (sessions["anmalda"].to_numpy() < np.nan_to_num(minimum, nan=-1)),
                     index=sessions.index)


def stats_records(courses: pd.DataFrame) -> list[dict]:
    """The ``stats`` output: one dict per course and year, JSON-ready, keys as the contract."""
    records = []
    for row in courses[STATS_KEYS].itertuples(index=False):
        rec = {}
        for key, value in zip(STATS_KEYS, row):
            value = _plain(value)
            if isinstance(value, float) and key not in TEXT_KEYS and value.is_integer():
                value = int(value)
            if key == "kostnad" and isinstance(value, float) and value.is_integer():
                value = int(value)
            rec[key] = value
        records.append(rec)
    return records


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value
