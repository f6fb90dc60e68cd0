"""The core of ``pk-report stats``: load, compute, select, format."""

from __future__ import annotations

from pathlib import Path

from pk_report.pipeline import Loaded, load
from pk_report.selection import select_course, select_year
from pk_report.stats_output import stats_text


def stats_output(data: Path | None, year: int | None, course: str | None, per: str | None,
                 fmt: str) -> tuple[Loaded, object]:
    loaded = load(data)
    ds = loaded.dataset
    courses = loaded.figures.courses
    courses = select_year(courses, year, ds.years)
    courses = select_course(courses, course)
    courses = courses.sort_values(["ar"], kind="stable")
    return loaded, stats_text(ds, loaded.figures.sessions, courses, per, fmt)
