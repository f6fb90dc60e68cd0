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
    (digits; the heading says kr) or ``text`` (printed as it is). ``key`` names the figure for
    code (the charts), so that a label can say what it counts without breaking them."""

    label: str
    kind: str
    values: list
    key: str = ""
    at_least: tuple = ()  # years whose value is a lower bound ("minst 582", as the year's report)


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
    at_least: tuple = ()  # years whose value is a lower bound ("minst 582")

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
    course is not in that year's register. A course whose persons are unknown (a head count
    at one of several sessions) has its attendances as text, "54 deltaganden"."""

    kurs_id: str
    namn: str  # the latest year's name
    cells: list  # int | str | None per year
    earlier_names: list[tuple[str, list[int]]] = field(default_factory=list)  # (name, years)
    # for the years the course had another name than ``namn``


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
    repeated: int = 0  # courses (kurs_id) in the plan of more than one year of the period


@dataclass(frozen=True)
class BoardSeries:
    """Persons of one group (politicians from a kind of board, or the officials) in each year
    of the period that has data: ``points`` are (year, persons)."""

    label: str  # "stadsdelsnämnderna"; "tjänstemän" for the officials
    points: list[tuple[int, int]]

    @property
    def steps(self) -> tuple[int, ...]:
        """The sign of each year's change from the year before: 1, -1 or 0."""
        values = [v for _, v in self.points]
        return tuple((b > a) - (b < a) for a, b in zip(values, values[1:]))

    @property
    def only(self) -> tuple[int, int] | None:
        """(year, persons) when the group took part in exactly one year."""
        found = [p for p in self.points if p[1]]
        return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class BoardChange:
    """How the persons per kind of board moved over every year of the period that has data
    (no year skipped). ``shapes`` are the politicians' groups that took part in more than one
    year, grouped by the same rise and fall (``BoardSeries.steps``); ``only`` those that took
    part in one year; ``officials`` the officials when any took part. Boards that a course with
    head counts was aimed at are ``left_out`` (their definite names), because of
    ``left_out_courses`` ((name, year)); ``unattributed`` are head counts of courses with nobody
    registered ((name, year, n)); ``sparse`` are (year, courses given, later year, courses
    given) where the earlier year has far fewer courses in the register (``years.far_fewer``)."""

    years: list[int]
    shapes: list[tuple[tuple[int, ...], list[BoardSeries]]]
    only: list[BoardSeries]
    officials: BoardSeries | None
    left_out: list[str] = field(default_factory=list)
    left_out_courses: list[tuple[str, int]] = field(default_factory=list)
    unattributed: list[tuple[str, int, int]] = field(default_factory=list)
    sparse: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Divergence:
    """A year when the cost per deltagare and per deltagande moved in opposite directions."""

    year: int
    before: int  # the year compared with
    person_rose: bool  # the cost per deltagare rose (and per deltagande fell), or the reverse
    visits: float  # attendances per person this year
    visits_before: float


@dataclass(frozen=True)
class CostPerAttendance:
    """The cost per deltagande over the period, stated beside the cost per deltagare when the
    two moved in opposite directions (``diverged``)."""

    trend: Trend
    diverged: list[Divergence]


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
    cost_per_attendance: CostPerAttendance | None = None  # when it moved unlike per deltagare
    # (year, attendances) known only as a head count at one of a course's several sessions:
    # not counted as deltagare, since how many were the same persons is unknown
    uncounted: list[tuple[int, int]] = field(default_factory=list)
    # per year, the forms of courses under anonymitetsgrans left out of its share very
    # satisfied (anonymity.py)
    hidden_forms: dict[int, int] = field(default_factory=dict)
    anonymity_threshold: int = 5
    # (year, courses given, later year, courses given): the earlier year has far fewer courses
    # in the register (years.far_fewer), so changes from it may be what was registered
    sparse: list[tuple[int, int, int, int]] = field(default_factory=list)
    # years whose response rate counts attendances while other compared years count persons:
    # the rate's trend is then not stated (the base changed, not the returns)
    rate_bases: list[int] = field(default_factory=list)
    # years where some courses' rates count attendances and others' persons: no year rate
    mixed_rate_bases: list[int] = field(default_factory=list)
    # the grades counted as mycket nöjd, for the definition under the key figures (issue 19
    # point 7): ["Mer än godkänt", "Utmärkt"]
    top_labels: list[str] = field(default_factory=list)

    @property
    def present(self) -> list[int]:
        return [y.ar for y in self.years if y.present]
