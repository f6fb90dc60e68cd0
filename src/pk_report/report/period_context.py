"""The period report's template context (``build 2008-2010``): typed and documented.

Like ``ReportContext`` the figures are computed before the templates see them; the templates
(``templates/period*.md.j2``) only choose the words. Every table has one column per year of the
period; a year the register does not have (``PeriodYear.present`` false) is printed as
”saknas”, never as zeros.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pk_report.report.charts import Chart
from pk_report.report.context import MarkdownText


@dataclass(frozen=True)
class PeriodYear:
    ar: int
    present: bool  # false: the register has nothing at all for the year


@dataclass(frozen=True)
class FigureRow:
    """A table row: one value per year of the period (``None``: undefined, or a missing year).

    ``kind`` says how a value is printed: ``antal`` (731 322), ``procent`` (65 %), ``kronor``
    (digits; the heading says kr) or ``text`` (printed as it is)."""

    label: str
    kind: str
    values: list


@dataclass(frozen=True)
class Trend:
    """A figure's development over the years of the period that have it.

    ``points`` are (year, value) pairs in order; ``direction`` is ``upp`` (rose every step),
    ``ned`` (fell every step), ``lika`` (the same every year), ``blandad`` or ``ensam`` (one
    year only, nothing to compare). ``words`` is true when every value may be written in words
    (all twelve or less, Språkrådet's rule for numbers side by side)."""

    subject: str  # "Antalet deltagare", the sentence's subject
    kind: str  # antal, procent, kronor
    points: list[tuple[int, int | float]]

    @property
    def direction(self) -> str:
        values = [v for _, v in self.points]
        if len(values) < 2:
            return "ensam"
        steps = [b - a for a, b in zip(values, values[1:])]
        if all(s == 0 for s in steps):
            return "lika"
        if all(s > 0 for s in steps):
            return "upp"
        if all(s < 0 for s in steps):
            return "ned"
        return "blandad"

    @property
    def steps(self) -> list[tuple[int, int | float, int]]:
        """(year, value, sign of the change from the year before) after the first point."""
        return [(y, v, (v > p) - (v < p)) for (_, p), (y, v) in zip(self.points, self.points[1:])]

    @property
    def words(self) -> bool:
        return self.kind == "antal" and all(0 <= v <= 12 for _, v in self.points)

    @property
    def lowest(self) -> tuple[int, int | float]:
        return min(self.points, key=lambda p: (p[1], p[0]))

    @property
    def highest(self) -> tuple[int, int | float]:
        return max(self.points, key=lambda p: (p[1], -p[0]))


@dataclass(frozen=True)
class CourseYears:
    """A course (by kurs_id) across the period: per year the participants (persons) when it
    was given, else its status (inställd, framflyttad, ej genomförd), else ``None`` when the
    course is not in that year's register."""

    kurs_id: str
    namn: str
    cells: list  # int | str | None per year


@dataclass(frozen=True)
class PlanCourse:
    """A course of the year's training plan that was not given that year."""

    ar: int
    namn: str
    status: str  # inställd, framflyttad, ej genomförd
    given_later: int | None  # a later year of the period when the same kurs_id was given


@dataclass(frozen=True)
class PlanSummary:
    """The training plans of the period's years taken together."""

    courses: int  # courses in the plan, counted once per year
    given: int
    cancelled: int
    postponed: int
    not_given: int  # courses with no session at all
    missed: list[PlanCourse]


@dataclass(frozen=True)
class BoardChange:
    """Persons per kind of board in the last year of the period against the first."""

    first: int
    last: int
    rose: list[tuple[str, int, int]]  # politicians: (definite label, first year's, last year's)
    fell: list[tuple[str, int, int]]
    officials: Trend  # officials (persons) over the years of the period that have data


@dataclass(frozen=True)
class PeriodContext:
    """The whole period report's context (``templates/period.md.j2``).

    ``years`` are every year of the period, ``missing`` those the register lacks; the tables
    ``key_figures``, ``boards``, ``genders`` and ``costs`` have one value per year.
    ``given_by_year`` names the courses given each year; ``texts`` are the clerk's ``texter``
    whose ``ar`` is the period (e.g. 2008-2010): ``inledning``, ``allmant``, ``avslutning``.
    """

    first: int
    last: int
    label: str  # "2008–2010"
    kommun: str
    years: list[PeriodYear]
    missing: list[int]
    key_figures: list[FigureRow]
    trends: list[Trend]
    given_by_year: dict[int, list[str]]
    courses: list[CourseYears]
    plan: PlanSummary
    boards: list[FigureRow]
    board_change: BoardChange | None
    genders: list[FigureRow]
    women_share: list[tuple[int, int]]  # (year, percent women among persons of known kön)
    costs: list[FigureRow]
    texts: dict[str, list[MarkdownText]]
    charts: dict[str, Chart] = field(default_factory=dict)  # by name, when charts are drawn

    @property
    def present(self) -> list[int]:
        return [y.ar for y in self.years if y.present]
