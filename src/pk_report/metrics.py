"""Step 3: every figure per session and per course and year, computed once.

The definitions are DATAFORMAT.md's "How figures are counted"; ``STATS_KEYS`` are the keys of
``pk-report stats --format json``, in order. Everything is grouped with pandas: no Python loop
over participant rows.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from pk_report import schema
from pk_report.dataset import Dataset
from pk_report.rounding import half_up, percent

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


def participant_sessions(ds: Dataset, sessions: pd.DataFrame) -> np.ndarray:
    """For each row of deltagare, the position of its session in ``sessions`` (-1 if none)."""
    index = pd.Index(sessions["tillfalle_id"].astype(object))
    return index.get_indexer(ds.deltagare["tillfalle_id"].astype(object))


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
    s["tjansteman"] = count(present & d["roll"].isin(schema.OFFICIAL_ROLES).to_numpy(dtype=bool))
    kon = d["kon"].to_numpy(dtype=object)
    s["kvinnor"] = count(present & (kon == "K"))
    s["man"] = count(present & (kon == "M"))
    head_count = pd.to_numeric(s["antal_deltagare"], errors="coerce").fillna(0).astype("int64")
    counted = s["anmalda"] == 0
    s["huvudantal"] = np.where(counted, head_count, 0)
    s["deltagare"] = s["deltagare"] + s["huvudantal"]
    return s


def _unique_per_course(course: np.ndarray, person: np.ndarray, n_courses: int) -> np.ndarray:
    """Distinct persons per course position (rows with course -1 are left out)."""
    ok = course >= 0
    codes, uniques = pd.factorize(person[ok])
    if not len(uniques):
        return np.zeros(n_courses, dtype="int64")
    pairs = np.unique(course[ok].astype("int64") * len(uniques) + codes)
    return np.bincount(pairs // len(uniques), minlength=n_courses).astype("int64")


def course_figures(ds: Dataset, sessions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per course and year with every key of ``STATS_KEYS`` (plus helper columns)."""
    if sessions is None:
        sessions = session_figures(ds)
    mode = ds.settings.avrundning
    k = ds.kurser.rename(columns={"namn": "kurs"})
    courses = k[["ar", "kurs_id", "kurs", "tema", "malgrupp", "i_plan", "planerade_tillfallen",
                 "min_anmalda", "inbjudna", "beskrivning"]].copy()
    courses["ar"] = courses["ar"].astype("int64")
    courses = courses.set_index(["ar", "kurs_id"])
    keys = ["ar", "kurs_id"]
    s = sessions.dropna(subset=["ar"]).assign(ar=lambda f: f["ar"].astype("int64"))
    held = s[s["held"]]
    by_status = s.groupby(keys + ["status"]).size().unstack(fill_value=0)
    for status, column in [("genomförd", "genomforda_tillfallen"), ("inställd", "installda_tillfallen"),
                           ("framflyttad", "framflyttade_tillfallen")]:
        courses[column] = by_status[status] if status in by_status else 0
    courses["antal_tillfallen"] = s.groupby(keys).size()
    courses["anmalda"] = s.groupby(keys)["anmalda"].sum()
    for column in COUNTS[1:] + ["huvudantal"]:
        courses[column] = held.groupby(keys)[column].sum()
    d = ds.deltagare
    pos = participant_sessions(ds, sessions)
    session_course = courses.index.get_indexer(
        pd.MultiIndex.from_arrays([sessions["ar"].astype("Int64"), sessions["kurs_id"]]))
    course = np.where(pos >= 0, session_course[pos], -1)
    held_row = np.where(pos >= 0, sessions["held"].to_numpy(dtype=bool)[pos], False)
    attended = d["narvarande"].to_numpy(dtype=bool) & held_row
    person = d["person"].to_numpy(dtype=object)
    politician = d["politiker"].to_numpy(dtype=bool)
    courses["personer"] = _unique_per_course(np.where(attended, course, -1), person, len(courses))
    courses["unika_politiker"] = _unique_per_course(np.where(attended & politician, course, -1),
                                                    person, len(courses))
    count_cols = ["genomforda_tillfallen", "installda_tillfallen", "framflyttade_tillfallen",
                  "antal_tillfallen", "anmalda", *COUNTS[1:], "huvudantal", "personer",
                  "unika_politiker"]
    courses[count_cols] = courses[count_cols].fillna(0).astype("int64")
    courses["unika_personer"] = courses["personer"] + courses["huvudantal"]
    base = np.where(courses["unika_politiker"] > 0, courses["unika_politiker"], courses["personer"])
    courses["svarsbas"] = base + courses["huvudantal"]

    e = ds.utvarderingar.dropna(subset=["ar", "varde"])
    e = e.assign(ar=e["ar"].astype("int64"), varde=e["varde"].astype("int64"))
    grouped = e.groupby(keys, sort=False).agg(utvarderingar=("varde", "size"),
                                               mycket_nojda=("mycket_nojd", "sum"),
                                               missnojda=("missnojd", "sum"),
                                               betygssumma=("varde", "sum"))
    for column in grouped.columns:
        courses[column] = grouped[column]
    for column in ["utvarderingar", "mycket_nojda", "missnojda", "betygssumma"]:
        courses[column] = courses[column].fillna(0).astype("int64")
    courses["svarsfrekvens"] = _objects(courses, [percent(a, b, mode) for a, b in
                                        zip(courses["utvarderingar"], courses["svarsbas"])])
    courses["andel_mycket_nojda"] = _objects(courses, [percent(a, b, mode) for a, b in
                                             zip(courses["mycket_nojda"], courses["utvarderingar"])])
    courses["medelbetyg"] = _objects(courses, [
        half_up(Fraction(int(s_), int(n)), 1) if n else None
        for s_, n in zip(courses["betygssumma"], courses["utvarderingar"])])

    c = ds.kostnader.dropna(subset=["ar", "belopp"])
    c = c.assign(ar=c["ar"].astype("int64"), belopp=c["belopp"].astype(float))
    costs = c[c["kurs_id"] != ""].groupby(keys)["belopp"].sum()
    courses["kostnad"] = costs.reindex(courses.index)
    courses["kostnad"] = _objects(courses, [None if pd.isna(v) else _whole(v)
                                            for v in courses["kostnad"]])
    courses["kostnad_per_deltagare"] = _objects(courses, [
        half_up(Fraction(v).limit_denominator(100) / n) if v is not None and n else None
        for v, n in zip(courses["kostnad"], courses["deltagare"])])
    courses["status"] = _course_status(courses)
    courses["i_plan"] = courses["i_plan"].fillna(True).astype(bool)
    for column in ["planerade_tillfallen", "inbjudna", "min_anmalda"]:
        courses[column] = _objects(courses, [None if pd.isna(v) else int(v)
                                             for v in courses[column]])
    return courses.reset_index()


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
