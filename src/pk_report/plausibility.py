"""Warnings only the computed figures can give: data valid cell by cell that makes a figure
impossible, or a sentence of the report misleading. Each comes from the same figures and rules
the report uses, so ``validera`` and the report cannot disagree:

- more evaluation forms than the persons the response rate counts them against (a rate over
  100 procent);
- more persons signed up than were invited;
- a year compared with a previous year that has far fewer courses held in the register
  (``years.far_fewer``);
- a common cost (kostnader without kurs_id) that every earlier year had, at least two of them,
  missing in a later year: the year's total would otherwise look cheaper than it was;
- a year with courses but no steering-group members, or no meetings, in the register: the
  report says nothing of them rather than that there were none.
"""

from __future__ import annotations

import pandas as pd

from pk_report import swedish
from pk_report.problems import WARNING, Problem, rows_text
from pk_report.readers.raw import RawTable
from pk_report.years import far_fewer


def figure_warnings(courses: pd.DataFrame, evaluations: RawTable | None,
                    typed: pd.DataFrame | None = None, kurser: RawTable | None = None,
                    kostnader: RawTable | None = None, costs: pd.DataFrame | None = None,
                    steering: dict[str, tuple[RawTable | None, pd.DataFrame]] | None = None
                    ) -> list[Problem]:
    """Every warning of this module; ``evaluations`` (with ``typed``, the validated
    utvarderingar), ``kurser`` and ``kostnader`` (with ``costs``, the validated table) locate
    them; ``steering`` holds styrgrupp and sammantraden (raw, validated) by table name."""
    problems = _late_forms(courses, evaluations, typed)
    if steering is not None:
        problems += _steering_gaps(courses, steering)
    if kurser is not None:
        problems += _more_signed_up_than_invited(courses, kurser)
        problems += _sparse_previous_years(courses, kurser)
    if kostnader is not None and costs is not None:
        problems += _missing_common_costs(costs, kostnader)
    return problems


def _missing_common_costs(costs: pd.DataFrame, kostnader: RawTable) -> list[Problem]:
    """A common cost post that each earlier year with common costs had (two years or more)
    and a later year lacks."""
    c = costs.dropna(subset=["ar", "belopp"])
    c = c[((c["kurs_id"] == "") & (c["belopp"] > 0)).to_numpy(dtype=bool)]
    posts: dict[int, dict[str, str]] = {}
    for ar, post in zip(c["ar"], c["post"]):
        if post and post.strip():
            posts.setdefault(int(ar), {})[" ".join(post.lower().split())] = post.strip()
    years = sorted(posts)
    problems = []
    for i, year in enumerate(years):
        earlier = years[:i]
        if len(earlier) < 2:
            continue
        always = set.intersection(*(set(posts[y]) for y in earlier))
        for key in sorted(always - set(posts[year])):
            name = posts[earlier[-1]][key]
            problems.append(kostnader.problem(
                None, "post", name,
                f"Den gemensamma kostnaden ”{name}” finns för {swedish.join([str(y) for y in earlier])}"
                f" men inte för {year}. Lägg in den för {year} om den fanns; annars ser årets "
                "totala kostnad lägre ut i jämförelsen än den var.", WARNING))
    return problems


def _late_forms(courses: pd.DataFrame, evaluations: RawTable | None,
                typed: pd.DataFrame | None = None) -> list[Problem]:
    """One warning per course and year whose forms outnumber the response rate's base, placed
    on the rows of ``evaluations`` it rests on (``typed``: the validated utvarderingar, whose
    index is those row numbers and whose ar and kurs_id are filled in from the sessions)."""
    if evaluations is None:
        return []
    problems = []
    late = courses[courses["utvarderingar"] > courses["svarsbas"]]
    for row in late.itertuples(index=False):
        forms, base = int(row.utvarderingar), int(row.svarsbas)
        # the base is the politicians only when no session was counted by antal_deltagare
        whom = "deltagande politiker" if row.unika_politiker and not row.huvudantal \
            else "deltagare"
        if base:
            rate = f"svarsfrekvensen blir {row.svarsfrekvens}\u00a0procent"
        else:
            rate = "svarsfrekvensen kan inte räknas"
        rows = _rows_of(typed, row.ar, row.kurs_id)
        where = f" ({rows_text(rows)} {_in_sheet(evaluations)})" if rows else ""
        problems.append(evaluations.problem(
            min(rows) if rows else None, None, None,
            f"Kursen ”{row.kurs}” {row.ar} har {forms} utvärderingar men {base} {whom} att "
            f"räkna dem mot, så {rate}. Kontrollera att utvärderingarna{where} hör till rätt "
            "kurs och år, och att deltagarna och deras roll är ifyllda.", WARNING))
    return problems


def _rows_of(typed: pd.DataFrame | None, ar: int, kurs_id: str) -> list[int]:
    if typed is None or typed.empty:
        return []
    mine = ((typed["ar"] == ar).fillna(False).to_numpy(dtype=bool)
            & (typed["kurs_id"] == kurs_id).to_numpy(dtype=bool))
    return [int(r) for r in typed.index[mine]]


def _in_sheet(raw: RawTable) -> str:
    from pathlib import Path

    return f"på bladet ”{raw.sheet}”" if raw.sheet else f"i filen {Path(raw.file).name}"


def _course_row(kurser: RawTable, ar: int, kurs_id: str) -> int | None:
    """The row of kurser where the course of ``ar`` is, as the clerk sees it."""
    frame = kurser.frame
    if "ar" not in frame or "kurs_id" not in frame:
        return None
    years = pd.to_numeric(frame["ar"], errors="coerce")
    found = frame.index[(years == ar).to_numpy() & (frame["kurs_id"] == kurs_id).to_numpy()]
    return int(found[0]) if len(found) else None


def _more_signed_up_than_invited(courses: pd.DataFrame, kurser: RawTable) -> list[Problem]:
    invited = pd.to_numeric(courses["inbjudna"], errors="coerce")
    over = courses[(invited < courses["anmalda_personer"]).to_numpy(dtype=bool)]
    problems = []
    for row in over.itertuples(index=False):
        signed, invited = int(row.anmalda_personer), int(row.inbjudna)
        problems.append(kurser.problem(
            _course_row(kurser, int(row.ar), row.kurs_id), "inbjudna", str(row.inbjudna),
            f"Kursen ”{row.kurs}” {row.ar} har {swedish.count(signed, 'person', [invited])}"
            f" anmälda men bara {swedish.number_word(invited, among=[signed])} inbjudna. "
            "Kontrollera inbjudna och deltagarnas tillfällen.", WARNING))
    return problems


def _sparse_previous_years(courses: pd.DataFrame, kurser: RawTable) -> list[Problem]:
    """A year whose report compares it with an earlier year with far fewer courses held."""
    held = courses.assign(held=courses["status"] == "genomförd").groupby("ar")["held"].sum()
    years = sorted(int(y) for y in held.index)
    problems = []
    for previous, year in zip(years, years[1:]):
        before, now = int(held[previous]), int(held[year])
        if far_fewer(before, now):
            problems.append(kurser.problem(
                None, "ar", str(previous),
                f"Rapporten för {year} jämförs med {previous}, men registret har bara "
                f"{swedish.count(before, 'kurs', [now])} som genomfördes {previous}, mot "
                f"{swedish.number_word(now, among=[before])} under {year}. Skillnaderna mot "
                f"{previous} speglar då mest vad som har registrerats. Lägg in övriga kurser "
                f"för {previous} om de finns; annars säger rapporten att jämförelsen haltar.",
                WARNING))
    return problems


STEERING_GAPS = {
    "styrgrupp": ("inga ledamöter i styrgruppen", "ledamöterna"),
    "sammantraden": ("inga sammanträden med styrgruppen", "sammanträdena"),
}


def _steering_gaps(courses: pd.DataFrame,
                   steering: dict[str, tuple[RawTable | None, pd.DataFrame]]) -> list[Problem]:
    """A year with courses but no rows for it in styrgrupp or sammantraden. An empty table says
    only that nothing was recorded, so the report leaves the sentence out; the clerk is told."""
    years = sorted({int(y) for y in courses["ar"].dropna()})
    problems = []
    for name, (raw, typed) in steering.items():
        column = "ar" if name == "styrgrupp" else "datum"
        values = typed[column].dropna() if typed is not None and column in typed else []
        present = {int(v) if name == "styrgrupp" else v.year for v in values}
        what, them = STEERING_GAPS[name]
        for year in years:
            if year in present:
                continue
            message = (f"Registret har {what} för {year}, men det året har kurser. Rapporten "
                       f"säger då ingenting om {them}. Fyll i {them} för {year} om de finns.")
            problems.append(raw.problem(None, None, None, message, WARNING) if raw is not None
                            else Problem(name, "", None, None, None, message, None, WARNING))
    return problems
