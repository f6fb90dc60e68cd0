"""The core of ``pk-report stats``: load, compute, select, format."""

from __future__ import annotations

from pathlib import Path

from pk_report.pipeline import Loaded, load
from pk_report.selection import select_course, select_year
from pk_report.stats_output import PER_TITLES, per_table, stats_text
from pk_report.stats_per import CAPTIONS, per_terminal
from pk_report.year_span import YearSpan


def stats_output(data: Path | None, year: YearSpan | int | None, course: str | None,
                 per: str | None, fmt: str) -> tuple[Loaded, object]:
    loaded = load(data)
    ds = loaded.dataset
    courses = loaded.figures.courses
    courses = select_year(courses, year, ds.years)
    courses = select_course(courses, course)
    courses = courses.sort_values(["ar"], kind="stable")
    span = YearSpan(year, year) if isinstance(year, int) else year
    if per == "ar":
        from pk_report.stats_years import year_span_of, year_table

        return loaded, year_table(ds, courses, year_span_of(ds, span), course is None, fmt)
    if per in CAPTIONS and fmt == "tabell":
        output = per_terminal(per_table(ds, loaded.figures.sessions, courses, per), courses, per,
                              PER_TITLES[per])
    else:
        output = stats_text(ds, loaded.figures.sessions, courses, per, fmt)
    if fmt == "tabell" and span is not None:
        output = _with_missing_years(output, span, ds.years)
    return loaded, output


def _with_missing_years(output, span: YearSpan, years: list[int]):
    """The terminal tables, after a line naming the years of the span the register lacks."""
    missing = [str(y) for y in span.years if y not in years]
    if not missing:
        return output
    from rich.console import Group
    from rich.text import Text

    from pk_report.swedish import join

    return Group(Text(f"Registret har inga uppgifter för {join(missing)}."), output)
