"""Building the ``ReportContext`` for a year from the validated data and its figures."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pandas as pd

from pk_report import swedish
from pk_report.anonymity import counted_in_aggregate, course_hidden, left_out_forms
from pk_report.breakdowns import (attendances, evaluations_of, gender_comparison, gender_verdict,
                                  grade_distribution, idi_small_folded, idi_styles)
from pk_report.report.context import (Cancellation, Comment, CourseSection, Dominant,
                                      GenderSatisfaction, MarkdownText, Member, OrgRow,
                                      ReportContext, Satisfaction)
from pk_report.dataset import Dataset
from pk_report.errors import DataError
from pk_report.metrics import Figures, figures_of, too_few_signups
from pk_report.rounding import percent
from pk_report.schema import EVALUATION, ORGTYP_ORDER
from pk_report.years import (GROUPS, OFFICIALS, UNKNOWN, course_groups, earlier_dominance,
                             head_counts, year_change, year_totals)

ORG_LABELS = {"stadsdel": "stadsdelsnämnder", "fack": "facknämnder", "bolag": "bolagsstyrelser",
              "kommunstyrelse": "kommunstyrelsen", "fullmaktige": "kommunfullmäktige",
              "stiftelse": "stiftelser", "ovrigt": "övriga"}
ORG_DEFINITE = {"stadsdel": "stadsdelsnämnderna", "fack": "facknämnderna",
                "bolag": "bolagsstyrelserna", "kommunstyrelse": "kommunstyrelsen",
                "fullmaktige": "kommunfullmäktige", "stiftelse": "stiftelserna",
                "ovrigt": "övriga organisationer"}
GROUP_LABELS = {"stadsdel": "politiker från stadsdelsnämnder",
                "fack": "politiker från facknämnder", "bolag": "politiker från bolagsstyrelser",
                "kommunstyrelse": "politiker från kommunstyrelsen",
                "fullmaktige": "politiker från kommunfullmäktige",
                "stiftelse": "politiker från stiftelser", "ovrigt": "övriga politiker",
                OFFICIALS: "tjänstemän", UNKNOWN: "nämnd eller styrelse okänd"}
GROUP_DEFINITE = {**ORG_DEFINITE, OFFICIALS: "tjänstemännen", UNKNOWN: "okända"}
CHIEF_NOUNS = {"stadsdel": "stadsdelschef", "fack": "fackförvaltningschef", "bolag": "bolagschef"}
ROLE_ORDER = {"ordförande": 0, "vice ordförande": 1, "ledamot": 2, "ersättare": 3}


def build_context(ds: Dataset, year: int, with_comments: bool = False,
                  figures: Figures | None = None) -> ReportContext:
    """The report's context for ``year``; ``figures`` are the metrics already computed by
    ``pipeline.inspect`` (computed here when not given)."""
    if year not in ds.years:
        years = ", ".join(str(y) for y in ds.years) or "inga"
        raise DataError(f"Datan har inga uppgifter för {year}. År i datan: {years}. "
                        "Ange ett av dem, eller fyll i året i registret.")
    figures = figures or figures_of(ds)
    sessions, courses = figures.sessions.copy(), figures.courses
    sessions["for_fa"] = too_few_signups(sessions, courses)
    totals = year_totals(ds, courses, year)
    change = year_change(ds, courses, totals)
    ev_year = evaluations_of(ds, year)
    # the anonymity gate (anonymity.py): the year's satisfaction only over courses that cannot
    # be worked out from it and the courses shown
    threshold = ds.settings.anonymitetsgrans
    forms = {str(k): int(n) for k, n in ev_year["kurs_id"].value_counts().items()}
    in_year = counted_in_aggregate(forms, threshold)
    aggregated = ev_year[ev_year["kurs_id"].isin(in_year).to_numpy(dtype=bool)]
    this = courses[courses["ar"] == year]
    attended = attendances(ds)
    groups = {name: dict(tuple(frame[frame["ar"] == year].groupby("kurs_id")))
              for name, frame in (("sessions", sessions), ("attended", attended),
                                  ("evaluations", ev_year))}
    empty = {"sessions": sessions.iloc[0:0], "attended": attended.iloc[0:0],
             "evaluations": ev_year.iloc[0:0]}
    texts, idi = _texts(ds, year), idi_styles(ds, year)
    small = idi_small_folded(ds, year)
    kinds = _politicians_by_kind(course_groups(ds, year))
    # postponed the year before (the latest earlier year in the data) and given this year
    before = change.previous.ar if change else None
    moved = courses[(courses["ar"] == before).to_numpy(dtype=bool)
                    & (courses["status"] == "framflyttad").to_numpy(dtype=bool)]
    postponed = {k: int(before) for k in moved["kurs_id"]}
    sections = [replace(_section(ds, row, *(groups[k].get(row.kurs_id, empty[k]) for k in groups),
                         texts.get(row.kurs_id, []), idi.get(row.kurs_id, {}), with_comments,
                         kinds.get(row.kurs_id, []), texts.get(row.kurs_id + EVALUATION, []),
                         postponed.get(row.kurs_id)),
                        idi_folded_small=small.get(row.kurs_id, True))
                for row in this.itertuples(index=False)]
    given = [s for s in sections if s.status == "genomförd"]
    not_given = [s for s in sections if s.status != "genomförd"]
    # a previous year the register has far fewer courses for is not compared at all (issue 19
    # point 5, docs/beslut.md): no change in figures, no column for it, only why
    thin = change.previous if change and change.previous_sparse else None
    if thin is not None:
        change = None
    participation = _participation(totals, change.previous if change else None)
    counted = head_counts(ds, courses, year) + (head_counts(ds, courses, change.previous.ar)
                                                 if change else [])
    aimed = [h for h in counted if h.boards]
    blurred = {b for h in aimed for b in h.boards}  # boards whose comparison a head count blurs
    political = [r for r in participation if r.group in ORGTYP_ORDER and r.previous is not None
                 and r.group not in blurred]
    left_out = [r for r in participation if r.group in blurred and r.previous is not None]
    # a group left out of the comparison keeps its figures in the table and chart: every column
    # adds up to its total and a year's figure is the same in every report; the sentence about
    # the comparison says why it is not compared (docs/beslut.md)
    return ReportContext(
        year=year, kommun=ds.settings.kommun, members=_members(ds, year),
        meetings=totals.meetings,
        plan_given=[s for s in given if s.i_plan], extra_given=[s for s in given if not s.i_plan],
        plan_not_given=[s for s in not_given if s.i_plan],
        extra_not_given=[s for s in not_given if not s.i_plan],
        participants=totals.participants, participation=participation,
        persons=totals.persons, attendances=totals.participants,
        previous_persons=change.previous.persons if change else None,
        previous_year=change.previous.ar if change else None,
        dominant=_dominant(totals, {y: v for y, v in earlier_dominance(ds, courses, year).items()
                                    if thin is None or y > thin.ar}),
        increased=[r for r in political if r.participants > r.previous],
        decreased=[r for r in political if r.participants < r.previous],
        unchanged=[r for r in political if r.participants == r.previous],
        officials_change=next((r for r in participation if r.group == OFFICIALS and r.previous
                               is not None and r.participants != r.previous), None),
        given=totals.given, previous_given=thin.given if thin else None,
        previous_sparse=thin is not None, thin_year=thin.ar if thin else None,
        overall=_satisfaction(ds, aggregated), evaluations=totals.evaluations,
        overall_left_out=left_out_forms(forms, in_year), anonymity_threshold=threshold,
        response_rate=totals.response_rate, total_cost=totals.total_cost,
        common_cost=totals.common_cost,
        previous_cost=change.previous.total_cost if change else None,
        texts=texts, with_comments=with_comments,
        common_credits=_common_credits(ds, year),
        uncounted=[(row.kurs, int(row.kanda_personer)) for row in this.itertuples(index=False)
                   if row.osakert_huvudantal],
        left_out=[r.definite for r in left_out] if change else [],
        left_out_courses=[(h.kurs, h.ar) for h in aimed] if change and left_out else [],
        unattributed=[(h.kurs, h.ar, h.n) for h in counted if not h.boards] if change else [],
    )


def _common_credits(ds: Dataset, year: int) -> list[tuple[str, float]]:
    """The year's negative common costs (no kurs_id): (post, amount)."""
    c = ds.kostnader.dropna(subset=["ar", "belopp"])
    c = c[((c["ar"] == year) & (c["kurs_id"] == "") & (c["belopp"] < 0)).to_numpy(dtype=bool)]
    return [(post or "Kreditering", float(amount)) for post, amount in zip(c["post"], c["belopp"])]


def _members(ds: Dataset, year: int) -> list[Member]:
    m = ds.styrgrupp[ds.styrgrupp["ar"] == year]
    members = [Member(n, p, r or "ledamot") for n, p, r in zip(m["namn"], m["parti"], m["roll"])]
    return sorted(members, key=lambda x: ROLE_ORDER.get(x.roll, 9))


def _texts(ds: Dataset, year: int, section: str | None = None) -> dict[str, list[MarkdownText]]:
    t = ds.texter[ds.texter["ar"] == year]
    out: dict[str, list[MarkdownText]] = {"inledning": [], "utbildningsinsatser": [],
                                          "allmant": [], "avslutning": []}
    for avsnitt, text in zip(t["avsnitt"], t["text"]):
        out.setdefault(avsnitt, []).append(MarkdownText(text))
    return out


def _participation(now, before) -> list[OrgRow]:
    """Persons (once per course) per group: politicians by kind of board, officials, and the
    persons of head counts; the rows add up to the year's persons."""
    rows = []
    for key in GROUPS:
        if now.persons_by_group.get(key) or (before and before.persons_by_group.get(key)):
            rows.append(OrgRow(GROUP_LABELS[key], GROUP_DEFINITE[key],
                               now.persons_by_group.get(key, 0),
                               None if before is None else before.persons_by_group.get(key, 0),
                               key))
    return rows


def _dominant(totals, earlier: dict[int, bool]) -> Dominant | None:
    """The nämnder against the bolag (``years.dominance``), and the earlier years where the
    same held, when it held in every earlier year that can tell."""
    d = totals.dominance
    if d is None:
        return None
    return Dominant(ORG_DEFINITE[d.only] if d.only else "nämnderna",
                    ORG_DEFINITE[d.leading] if d.leading else None, ORG_DEFINITE["bolag"],
                    sorted(earlier) if earlier and all(earlier.values()) else [])


def _satisfaction(ds: Dataset, evaluations: pd.DataFrame) -> Satisfaction | None:
    n = len(evaluations)
    if not n:
        return None
    grades = grade_distribution(ds, evaluations)
    labels = ds.scale.labels
    mode = max(grades, key=lambda v: (grades[v], v))
    good = int(evaluations["mycket_nojd"].sum())
    return Satisfaction(
        evaluations=n,
        very_satisfied=percent(good, n, ds.settings.avrundning),
        dissatisfied=int(evaluations["missnojd"].sum()),
        grades={labels[v]: c for v, c in grades.items()},
        top_labels=[labels[v] for v in sorted(ds.scale.very_satisfied) if v in labels],
        mode_label=labels[mode], very_satisfied_forms=good, lowest_label=labels[min(labels)],
        level=satisfaction_level(good, n),
        top_given=[labels[v] for v in sorted(ds.scale.very_satisfied) if grades.get(v)],
    )


def satisfaction_level(good: int, n: int) -> str:
    """The word for how many of ``n`` forms were mycket nöjd (docs/beslut.md): samtliga (all),
    merparten (at least three in four), flertalet (more than half), else blandade."""
    if good == n:
        return "samtliga"
    if 4 * good >= 3 * n:
        return "merparten"
    if 2 * good > n:
        return "flertalet"
    return "blandade"


def _gender(ds: Dataset, evaluations: pd.DataFrame) -> GenderSatisfaction | None:
    comparison = gender_comparison(ds, evaluations)
    verdict = gender_verdict(comparison, ds.settings.anonymitetsgrans) if comparison else None
    if verdict is None:
        return None
    return GenderSatisfaction(comparison.women.andel_mycket_nojda or 0,
                              comparison.men.andel_mycket_nojda or 0,
                              comparison.women.utvarderingar, comparison.men.utvarderingar, verdict)


def _politicians_by_kind(groups: pd.DataFrame) -> dict[str, list[tuple[int, str]]]:
    """Per course, its politicians per kind of board, when they came from more than one."""
    kinds = [k for k in ORGTYP_ORDER if k in groups.columns]
    out = {}
    for kurs_id, row in zip(groups.index, groups[kinds].to_numpy().tolist()):
        found = [(int(n), ORG_DEFINITE[k]) for k, n in zip(kinds, row) if n]
        if len(found) > 1:
            out[kurs_id] = found
    return out


def _section(ds: Dataset, row, own: pd.DataFrame, mine: pd.DataFrame, evaluations: pd.DataFrame,
             texter: list[MarkdownText], idi: dict[str, int], with_comments: bool,
             politicians_by_kind: list[tuple[int, str]],
             evaluation_texts: list[MarkdownText], postponed_from: int | None = None
             ) -> CourseSection:
    """One course; ``own``, ``mine`` and ``evaluations`` are its sessions, attendances and forms.

    The slices are small, so plain column lists are used where pandas would cost more per call
    than the work itself.
    """
    kurs_id = row.kurs_id
    order = sorted(range(len(own)), key=lambda i: (own["datum"].iat[i] is None, own["datum"].iat[i]
                                                   or 0))
    own = own.iloc[order]
    held = own[own["held"].to_numpy(dtype=bool)]
    roles, orgs = mine["roll"].tolist(), mine["organisationstyp"].tolist()
    persons = mine["person"].tolist()
    chiefs = Counter(o for o, _ in {(o, p) for r, o, p in zip(roles, orgs, persons) if r == "chef"})
    clerks = len({p for r, p in zip(roles, persons) if r == "tjänsteman"})
    officials_noun, officials = _officials(chiefs, clerks, int(row.unika_politiker),
                                           int(row.unika_tjansteman))
    extents = Counter(f for f in held["omfattning"] if f)
    counts = held["deltagare"].tolist()
    known = not int(row.osakert_huvudantal)
    at_least = int(row.kanda_personer)
    head_counted = [i for i, n in enumerate(held["huvudantal"].tolist(), 1) if n]
    persons_by_kon = {k: len(v) for k, v in _group_sets(mine["kon"], mine["person"]).items()}
    comments = []
    hidden = course_hidden(len(evaluations), ds.settings.anonymitetsgrans)
    if with_comments and not hidden:  # identical comments (but for spacing) once, with how many wrote them
        counted = Counter(" ".join(c.split()) for c in evaluations["kommentar"] if c and c.strip())
        comments = [Comment(text, n) for text, n in sorted(counted.items(), key=lambda t: -t[1])]
    return CourseSection(
        kurs_id=kurs_id, namn=row.kurs, malgrupp=row.malgrupp, i_plan=bool(row.i_plan),
        status=row.status, beskrivning=MarkdownText(row.beskrivning or ""),
        texter=texter,
        planned=row.planerade_tillfallen, held=int(row.genomforda_tillfallen),
        formats=list(dict.fromkeys(f for f in held["omfattning"] if f)),
        per_session=counts if not known or (2 <= len(counts) <= 3
                                            and max(counts) >= 2 * max(min(counts), 1)) else [],
        participants=int(row.deltagare), politicians=int(row.unika_politiker),
        officials=int(row.unika_tjansteman),
        officials_by_kind=officials if len(officials) > 1 else [],
        officials_noun=officials_noun,
        unique_persons=int(row.unika_personer), invited=row.inbjudna, signed_up=int(row.anmalda),
        women=int(row.kvinnor), men=int(row.man),
        women_persons=int(persons_by_kon.get("K", 0)), men_persons=int(persons_by_kon.get("M", 0)),
        evaluations=int(row.utvarderingar),
        response_base=int(row.svarsbas),
        response_base_politicians=int(row.unika_politiker) > 0 and not int(row.huvudantal),
        response_rate=row.svarsfrekvens,
        satisfaction=None if hidden else _satisfaction(ds, evaluations),
        gender=None if hidden else _gender(ds, evaluations), evaluations_hidden=hidden, idi=idi, idi_threshold=ds.settings.anonymitetsgrans,
        cancellations=_cancellations(own), cost=row.kostnad,
        cost_per_participant=row.kostnad_per_deltagare, comments=comments,
        cost_per_person=row.kostnad_per_person, signed_up_persons=int(row.anmalda_personer),
        extents=[(n, swedish.extent(f)) for f, n in extents.items()],
        units=[swedish.as_units(n, f) for f, n in extents.items()],
        unit_words=[swedish.unit_words(n, f) for f, n in extents.items()],
        seasons=_seasons(held["datum"].tolist()), politicians_by_kind=politicians_by_kind,
        persons_known=known, head_counted=head_counted if not known else [],
        head_counted_total=int(row.huvudantal), persons_at_least=at_least,
        evaluation_texts=evaluation_texts, postponed_from=postponed_from,
        response_per_session=bool(row.svarsbas_per_tillfalle)
        and int(row.svarsbas) != int(row.svarsbas_personer),
        evaluated_sessions=int(row.utvarderade_tillfallen),
    )


def _officials(chiefs: Counter, clerks: int, politicians: int, officials: int
               ) -> tuple[str, list[str]]:
    """What to call a course's officials and how to break them down (issue 19 points 15 and
    20): chiefs of förvaltningar and bolag only are "förvaltnings- och bolagschefer" (or
    förvaltningschefer, bolagschefer) by kind; otherwise "tjänstemän", as chiefs and the
    other officials ("två chefer och fyra andra tjänstemän"). Counts side by side with each
    other and with the politicians and officials they follow."""
    known = {"stadsdel", "fack", "bolag"}
    if not clerks and chiefs and set(chiefs) <= known:
        administrations, companies = bool(set(chiefs) & {"stadsdel", "fack"}), "bolag" in chiefs
        noun = ("förvaltnings- och bolagschef" if administrations and companies
                else "förvaltningschef" if administrations else "bolagschef")
        kinds = [(chiefs[o], CHIEF_NOUNS[o]) for o in ORGTYP_ORDER if chiefs.get(o)]
        return noun, swedish.counts(kinds, [politicians, officials])
    kinds = [(n, noun) for n, noun in ((sum(chiefs.values()), "chef"),
                                       (clerks, "annan tjänsteman" if chiefs else "tjänsteman"))
             if n]
    return "tjänsteman", swedish.counts(kinds, [politicians, officials])


TOO_FEW = re.compile(r"\b(för|alltför|otillräckligt|inte tillräckligt)\s+(få|lite|låg[at]?|"
                     r"antal|många)\s*(anmälda|anmälningar|anmälningarna|deltagare|sökande|"
                     r"hade anmält|har anmält|anmälde|antal anmälda)\b"
                     r"|\b(inga|ingen|få|lågt antal)\s+(anmälda|anmälningar|anmälde|sökande)\b")


def means_too_few(reason: str) -> bool:
    """Whether the clerk's typed reason says what ``min_anmalda`` would have derived: too few
    signed up ("För få anmälda.", "för få anmälningar", "otillräckligt antal deltagare")."""
    return bool(TOO_FEW.search(reason.lower()))


def _reason(text: str) -> str:
    """The clerk's reason as a phrase to quote: no surrounding space or closing full stop."""
    return text.strip().rstrip(".").strip()


def _cancellations(own: pd.DataFrame) -> list[Cancellation]:
    out: dict[tuple, Cancellation] = {}
    rows = own[~own["held"].to_numpy(dtype=bool)]
    for status, orsak, nytt, for_fa, anmalda in zip(
            rows["status"].tolist(), rows["orsak"].tolist(), rows["nytt_datum"].tolist(),
            rows["for_fa"].tolist(), rows["anmalda"].tolist()):
        orsak = _reason(orsak or "")
        if status == "framflyttad":
            key = ("flyttad", orsak, nytt or "")
        elif for_fa or means_too_few(orsak):
            key = ("for_fa", "", "")
        elif orsak:
            key = ("orsak", orsak, "")
        else:
            key = ("okand", "", "")
        prev = out.get(key)
        out[key] = Cancellation((prev.sessions if prev else 0) + 1, key[0], key[1], key[2],
                                (prev.signed_up if prev else 0) + int(anmalda))
    return list(out.values())


def _seasons(dates: list) -> list[tuple[int, str]]:
    """Held sessions per half of the year, 'våren' (January to June) and 'hösten', in that
    order; empty unless every session has a date."""
    if not dates or any(d is None for d in dates):
        return []
    spring = sum(1 for d in dates if d.month <= 6)
    return [(n, name) for n, name in ((spring, "våren"), (len(dates) - spring, "hösten")) if n]


def _group_sets(keys: pd.Series, values: pd.Series) -> dict:
    """Distinct ``values`` per key, as sets (a groupby costs more than this on small slices)."""
    out: dict = {}
    for k, v in zip(keys.tolist(), values.tolist()):
        out.setdefault(k, set()).add(v)
    return out
