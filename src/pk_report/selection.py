"""Choosing years and courses: ``stats [YEAR] --course X`` as the contract defines it."""

from __future__ import annotations

import pandas as pd

from pk_report.errors import UsageError
from pk_report.year_span import YearSpan


def select_year(courses: pd.DataFrame, year: int | YearSpan | None, years: list[int]
                ) -> pd.DataFrame:
    """The courses of a year or of a span of years (``YearSpan``); at least one of the years
    must be in the data."""
    if year is None:
        return courses
    span = year if isinstance(year, YearSpan) else YearSpan(year, year)
    if not set(span.years) & set(years):
        raise UsageError(f"Det finns inga uppgifter för {span.label}. Datan har åren "
                         f"{', '.join(str(y) for y in years)}; ange ett av dem.")
    return courses[courses["ar"].isin(span.years)]


def select_course(courses: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """``query`` matches a kurs_id or a tema exactly (case ignored), else a unique part of a name."""
    if not query:
        return courses
    q = query.strip().casefold()
    exact = (courses["kurs_id"].str.casefold() == q) | (courses["tema"].str.casefold() == q)
    if exact.any():
        return courses[exact]
    partial = courses["kurs"].str.casefold().str.contains(q, regex=False)
    ids = list(dict.fromkeys(courses.loc[partial, "kurs_id"]))
    if len(ids) == 1:
        return courses[courses["kurs_id"] == ids[0]]
    if ids:
        listing = "; ".join(f"{i} ({courses.loc[courses['kurs_id'] == i, 'kurs'].iloc[0]})"
                            for i in ids)
        raise UsageError(f"”{query}” passar flera kurser: {listing}. Ange kurs_id.")
    listing = ", ".join(dict.fromkeys(courses["kurs_id"]))
    themes = ", ".join(t for t in dict.fromkeys(courses["tema"]) if t)
    raise UsageError(f"Ingen kurs passar ”{query}”. Kurser: {listing}."
                     + (f" Teman: {themes}." if themes else "") + " Ange ett kurs_id eller tema.")
