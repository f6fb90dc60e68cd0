"""The template context: everything a report template may use, typed and documented.

Templates get one ``ReportContext``; figures are already computed (``metrics``), and the
templates only choose words. Text from the data is escaped for Markdown when printed, except
``MarkdownText`` (the clerk's own Markdown: descriptions and ``texter``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class MarkdownText(str):
    """The clerk's own Markdown, printed as written."""


@dataclass(frozen=True)
class Member:
    namn: str
    parti: str
    roll: str  # ordförande, vice ordförande, ledamot, ersättare


@dataclass(frozen=True)
class Satisfaction:
    """How satisfied a group was: the grade distribution and the shares derived from it."""

    evaluations: int
    very_satisfied: int | None  # percent of evaluations counted as mycket nöjd
    dissatisfied: int  # forms with the lowest grade
    grades: dict[str, int]  # label -> forms, in scale order
    top_labels: list[str]  # labels counted as mycket nöjd, e.g. ["Mer än godkänt", "Utmärkt"]
    mode_label: str | None  # the most common grade's label
    very_satisfied_forms: int = 0  # forms with a grade counted as mycket nöjd
    lowest_label: str = ""  # the lowest grade's label, "Underkänt"
    level: str = ""  # samtliga, merparten (75 % or more), flertalet (over half), blandade
    top_given: list[str] = field(default_factory=list)  # top_labels that some form gave

    @property
    def highest_is_mode(self) -> bool:
        """Whether the scale's highest grade is the most common one: only then may the text
        call those who gave a grade counted as mycket nöjd "mycket nöjda" (issue 19 point 7);
        else it uses the scale's own words."""
        if not self.grades:
            return False
        labels = list(self.grades)
        return self.grades[labels[-1]] > 0 and self.mode_label == labels[-1]

    @property
    def mode_is_top(self) -> bool:
        """Whether the most common grade is one counted as mycket nöjd."""
        return self.mode_label in self.top_labels


@dataclass(frozen=True)
class GenderSatisfaction:
    """Women against men; present only when both groups are large enough to compare
    (``breakdowns.gender_verdict``, docs/beslut.md)."""

    women: int  # percent mycket nöjda among women
    men: int
    women_forms: int
    men_forms: int
    verdict: str = "lika"  # 'kvinnor' or 'man' (who was more satisfied, a clear gap) or 'lika'


@dataclass(frozen=True)
class Cancellation:
    """Sessions of a course that were not held, grouped by what happened to them."""

    sessions: int
    kind: str  # "for_fa" (too few sign-ups), "orsak" (a stated reason), "okand", "flyttad"
    reason: str = ""
    new_date: str = ""  # '2010-03' or '2010-03-09'
    signed_up: int = 0

    @property
    def reason_early(self) -> str:
        """The reason right after the verb when it is a decision named as a noun: ' efter
        styrgruppens beslut' ("flyttades fram efter styrgruppens beslut och förläggs ..."), or a
        decision to do just what the sentence says: ' efter beslut av styrgruppen' (never
        "flyttades fram eftersom styrgruppen beslöt att flytta fram", issue 19 point 10)."""
        kind, text = decision(self.reason)
        if kind == "eftersom" and _circular(text):
            return f" efter beslut av {_VERB_DECISION.match(text).group(1)}"
        return f" efter {text}" if kind == "efter" else ""

    @property
    def reason_late(self) -> str:
        """The reason at the sentence's end (issue 19 point 13): a clause (', eftersom
        styrgruppen beslöt att ...', ', eftersom föreläsaren blev sjuk'), else the clerk's
        words as a sentence of their own ('. Orsaken angavs som ”Lokalen”'); ISO dates in it
        as dates ('23 juni 2009')."""
        kind, text = decision(self.reason)
        if kind == "eftersom":
            return "" if _circular(text) else f", eftersom {_dates(text)}"
        if not self.reason or kind == "efter":
            return ""
        clause = reason_clause(self.reason)
        if clause:
            return f", eftersom {_dates(clause)}"
        return f". Orsaken angavs som \u201d{_dates(self.reason)}\u201d"


_NOUN_DECISION = re.compile(r"^\w+s beslut\b", re.IGNORECASE)  # "Styrgruppens beslut ..."
_VERB_DECISION = re.compile(r"^(\w+(?: \w+)?) (beslöt|beslutade|har beslutat)\b", re.IGNORECASE)
_SAME_ACT = re.compile(r"\s+att (flytta fram|skjuta upp|ställa in|avboka)"
                       r"(?: (?:utbildningen|kursen|tillfället|tillfällena))?\.?\s*", re.IGNORECASE)
# a reason that reads as a clause: it has a finite verb the tool knows
_FINITE = re.compile(r"\b(var|blev|hade|har|kunde|kom|fick|saknades|ställdes|flyttades|"
                     r"avbokades|uteblev|insjuknade|behövdes|krockade|sammanföll)\b", re.IGNORECASE)
_SICK = re.compile(r"^(\w+) (sjuk|sjuka|förhindrad|förhindrade)$", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _circular(text: str) -> bool:
    """A decision to do what the sentence already says ('beslöt att flytta fram utbildningen')."""
    verb = _VERB_DECISION.match(text.strip())
    return bool(verb and _SAME_ACT.fullmatch(text.strip()[verb.end():]))


def _dates(text: str) -> str:
    """ISO dates written as dates: '2009-06-23' -> '23 juni 2009'."""
    from pk_report.swedish import date_text

    def one(m: re.Match) -> str:
        try:
            return date_text(m.group(1))
        except ValueError:
            return m.group(1)
    return _ISO.sub(one, text)


def reason_clause(reason: str) -> str:
    """The clerk's reason as a subordinate clause to follow 'eftersom', when it reads as one
    ('Föreläsaren var sjuk' -> 'föreläsaren var sjuk'; 'Föreläsaren sjuk' -> 'föreläsaren blev
    sjuk'); '' when it does not ('Lokalbrist')."""
    text = reason.strip().rstrip(".").strip()
    sick = _SICK.match(text)
    if sick:
        text = f"{sick.group(1)} blev {sick.group(2)}"
    else:
        verb = _FINITE.search(text)
        if not verb or verb.start() == 0:  # no finite verb, or no subject before it
            return ""
    # a subordinate clause puts "inte" before the finite verb ("kunde inte" -> "inte kunde")
    text = re.sub(_FINITE.pattern + r" (inte|aldrig)\b", r"\2 \1", text, flags=re.IGNORECASE)
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def decision(reason: str) -> tuple[str, str]:
    """A reason that is a decision, as words to follow 'efter' ("Styrgruppens beslut" ->
    ('efter', 'styrgruppens beslut')) or 'eftersom' ("Styrgruppen beslöt att ..." ->
    ('eftersom', 'styrgruppen beslöt att ...')); ('', reason) for any other reason. The first
    letter is made small unless the first word is an abbreviation ("KS beslöt")."""
    text = reason.strip()
    kind = "efter" if _NOUN_DECISION.match(text) else \
        "eftersom" if _VERB_DECISION.match(text) else ""
    if kind and len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return kind, text


@dataclass(frozen=True)
class Comment:
    """A free-text comment of the evaluations, identical ones merged (``--med-kommentarer``)."""

    text: str
    count: int  # forms with this very comment

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class CourseSection:
    """One course of the year with every figure the report may state about it.

    *deltagare* are persons, *deltaganden* attendances (a person once per session): ``persons``,
    ``politicians``, ``officials``, ``women_persons``, ``men_persons`` and ``signed_up_persons``
    count persons; ``attendances`` (= ``participants``), ``women``, ``men`` and ``signed_up``
    count attendances or sign-up rows, as ``stats`` does.
    """

    kurs_id: str
    namn: str
    malgrupp: str
    i_plan: bool
    status: str  # genomförd, inställd, framflyttad, ej genomförd
    beskrivning: MarkdownText
    texter: list[MarkdownText]  # the clerk's texts for the course, under its description
    planned: int | None
    held: int
    formats: list[str]  # omfattning of held sessions, e.g. ["två dagar"]
    per_session: list[int]  # participants per held session, when they differ notably
    participants: int  # attendances (deltaganden), the contract's deltagare; = attendances
    politicians: int  # persons in a political role
    officials: int  # persons who are officials (chef, tjänsteman)
    officials_by_kind: list[str]  # ["19 stadsdelschefer", "10 fackförvaltningschefer", ...]
    unique_persons: int  # persons (deltagare), head counts included; = persons
    invited: int | None
    signed_up: int  # sign-up rows over all sessions (stats' anmalda)
    women: int  # attendances, as the contract counts them
    men: int
    women_persons: int  # unique persons, for running text
    men_persons: int
    evaluations: int
    response_base: int
    response_base_politicians: bool  # the base is the participating politicians
    response_rate: int | None
    satisfaction: Satisfaction | None  # None too when the evaluations are hidden
    gender: GenderSatisfaction | None
    idi: dict[str, int]
    cancellations: list[Cancellation]
    cost: float | None
    cost_per_participant: int | None  # per attendance, as stats' kostnad_per_deltagare
    comments: list[Comment] = field(default_factory=list)  # most frequent first
    cost_per_person: int | None = None  # per deltagare (person): the report's "Kr per deltagare"
    signed_up_persons: int = 0  # distinct persons signed up to any of the course's sessions
    extents: list[tuple[int, str]] = field(default_factory=list)  # [(4, "om två dagar")]
    units: list[str | None] = field(default_factory=list)  # per extent: its sessions as units
    # of time ("sex halvdagar", "en kväll"), or None ("om två dagar" follows "tillfällen")
    seasons: list[tuple[int, str]] = field(default_factory=list)  # [(4, "våren"), (2, "hösten")]
    unit_words: list[str | None] = field(default_factory=list)  # per extent: "en heldag"
    politicians_by_kind: list[tuple[int, str]] = field(default_factory=list)  # persons per kind
    # of board, when from more than one: [(88, "stadsdelsnämnderna"), (51, "facknämnderna"), ...]
    # False when a head count is one of several held sessions: who came then is unknown, so how
    # many distinct persons the course had is unknown (``unique_persons`` counts them all)
    postponed_from: int | None = None  # an earlier year when the same kurs_id was postponed
    evaluation_texts: list[MarkdownText] = field(default_factory=list)  # the clerk's texts
    # about the evaluation (avsnitt KURS_ID/utvardering), under the evaluation's figures
    persons_known: bool = True
    # forms collected per session (tied to two or more held sessions): the response rate's base
    # is then the attendances (DATAFORMAT.md), and ``evaluated_sessions`` how many had forms
    head_counted_total: int = 0  # participants known only by head counts (antal_deltagare)
    idi_threshold: int = 5  # anonymitetsgrans: IDI styles under it are "övriga typer"
    # fewer evaluations than anonymitetsgrans: only their count is told, no grade, share or
    # comment (anonymity.py)
    evaluations_hidden: bool = False
    idi_folded_small: bool = True  # every folded style was under it (else one was folded to
    # protect another, and the folded are "redovisas inte")
    officials_noun: str = "tjänsteman"  # what the officials are called: "förvaltnings- och
    # bolagschef" when all are chiefs of förvaltningar and bolag (swedish.NOUNS)
    persons_at_least: int = 0  # the persons the report counts (metrics' kanda_personer): the
    # least the course can have had where ``persons_known`` is false
    response_per_session: bool = False
    evaluated_sessions: int = 0
    head_counted: list[int] = field(default_factory=list)  # held sessions (1, 2, ... in date
    # order) known only by their head count (antal_deltagare)

    @property
    def persons(self) -> int:
        """Deltagare: distinct persons (head counts included)."""
        return self.unique_persons

    @property
    def officials_plural(self) -> str:
        """'tjänstemän', 'förvaltnings- och bolagschefer'."""
        from pk_report.swedish import NOUNS

        return NOUNS[self.officials_noun][1]

    @property
    def attendances(self) -> int:
        """Deltaganden: a person once per session."""
        return self.participants


@dataclass(frozen=True)
class OrgRow:
    """One row of the participation table: persons (deltagare, once per course) of a group."""

    label: str  # "politiker från stadsdelsnämnder", "tjänstemän"
    definite: str  # "stadsdelsnämnderna", for running text
    participants: int  # persons this year
    previous: int | None  # the same figure the previous year, if the data has it
    group: str = ""  # years.GROUPS: an organisationstyp, "tjansteman" or "okand"


@dataclass(frozen=True)
class Dominant:
    """At the courses aimed at both nämnder and bolag, politicians from the nämnder were at
    least twice as many as from the bolag (docs/beslut.md)."""

    larger: str  # "nämnderna", or "stadsdelsnämnderna"/"facknämnderna" when only one took part
    especially: str | None  # "stadsdelsnämnderna" when they clearly led among the nämnder
    smaller: str  # "bolagsstyrelserna"
    as_before: list[int]  # earlier years in the data where the same held (all of them), or []


@dataclass(frozen=True)
class GradeTable:
    """The grade distribution per course: ``labels`` in scale order; per row the course's name,
    its evaluations, the forms per grade and the percent per grade. Courses with fewer
    evaluations than the anonymity threshold are left out (``left_out`` of them)."""

    labels: list[str]
    rows: list[tuple[str, int, list[int], list[int]]]
    left_out: int
    threshold: int
    # some shown row's top grades add up to a share other than the text's (the text truncates,
    # the table rounds each cell by the largest remainder): said once under the table
    text_rounds_down: bool = False


@dataclass(frozen=True)
class ReportContext:
    """The whole report's context.

    ``plan_given`` / ``extra_given``: courses held, in and outside the training plan;
    ``plan_not_given``: courses of the plan with no session held; ``sections``: one per course
    held. ``texts`` holds the clerk's ``inledning``, ``allmant`` and ``avslutning``.
    """

    year: int
    kommun: str
    members: list[Member]
    meetings: int
    plan_given: list[CourseSection]
    extra_given: list[CourseSection]
    plan_not_given: list[CourseSection]
    extra_not_given: list[CourseSection]
    participants: int  # attendances (deltaganden) of the year
    participation: list[OrgRow]  # persons per group; they add up to ``persons``
    previous_year: int | None
    dominant: Dominant | None
    increased: list[OrgRow]  # politicians' groups with more persons than the previous year
    overall: Satisfaction | None
    evaluations: int
    response_rate: int | None
    total_cost: float
    common_cost: float
    previous_cost: float | None
    texts: dict[str, list[MarkdownText]]
    with_comments: bool = False
    # forms of courses under anonymitetsgrans that ``overall`` leaves out (anonymity.py)
    overall_left_out: int = 0
    anonymity_threshold: int = 5
    persons: int = 0  # deltagare of the year: each course's persons, summed
    attendances: int = 0  # deltaganden of the year (= participants)
    previous_persons: int | None = None
    decreased: list[OrgRow] = field(default_factory=list)  # politicians' groups with fewer
    unchanged: list[OrgRow] = field(default_factory=list)  # politicians' groups as many
    officials_change: OrgRow | None = None  # the officials' row, when it changed
    given: int = 0  # courses held this year
    previous_given: int | None = None  # courses held the previous year in the data
    previous_sparse: bool = False  # the previous year has far fewer courses held (years.far_fewer)
    # that year, when so: the report does not compare with it (no previous column, no change)
    thin_year: int | None = None
    # Filled in by report.chart_build: the grade distribution per course and the IDI styles
    # with the anonymity rule applied (tables beside the charts), and the charts by name.
    grades: GradeTable | None = None
    idi_tables: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    charts: dict = field(default_factory=dict)
    # (course name, head count) of the year's courses whose persons are unknown: attendances
    # known only as a number, not counted in ``persons``
    # (course, the least persons it can have had) where a head count is one of several sessions
    uncounted: list[tuple[str, int]] = field(default_factory=list)
    # The comparison with the previous year leaves out the kinds of board (``left_out``, their
    # definite names) that a course with head counts was aimed at in either year, naming those
    # courses (``left_out_courses``: (name, year)); ``unattributed`` are head counts of courses
    # with nobody registered, from any board: (name, year, n)
    left_out: list[str] = field(default_factory=list)
    common_credits: list[tuple[str, float]] = field(default_factory=list)  # (post, amount) of
    # the year's negative common costs (repaid fees): rows of their own, not netted silently
    left_out_courses: list[tuple[str, int]] = field(default_factory=list)
    unattributed: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def sections(self) -> list[CourseSection]:
        return self.plan_given + self.extra_given

    @property
    def uncounted_total(self) -> int:
        return sum(n for _, n in self.uncounted)
