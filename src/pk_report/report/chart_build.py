"""The charts of the annual and the period report, made from the report's own context.

Each chart's figures, caption and alt text come from the same numbers as the report's text and
tables (the context), so the chart, its alt text and its table cannot disagree. The tables that
a chart needs beside it and the annual context did not have (the grade distribution per course,
the IDI styles with the anonymity rule applied) are made here too.
"""

from __future__ import annotations

from dataclasses import replace

from pk_report import swedish
from pk_report.breakdowns import hidden_groups
from pk_report.dataset import Dataset
from pk_report.report.charts import Chart
from pk_report.report.context import GradeTable, ReportContext
from pk_report.report.period_context import PeriodContext
from pk_report.rounding import parts_of_100, percent
from pk_report.schema import IDI_STYLES

IDI_AXES = {"Motivator": ("högre", "högre"), "Producer": ("högre", "lägre"),
            "Processor": ("lägre", "lägre"), "Relator": ("lägre", "högre")}


def with_tables(context: ReportContext, ds: Dataset) -> ReportContext:
    """The annual context with the grade table and the IDI tables filled in."""
    return replace(context, grades=grade_table(context, ds), idi_tables=idi_tables(context, ds))


def grade_table(context: ReportContext, ds: Dataset) -> GradeTable | None:
    threshold, mode = ds.settings.anonymitetsgrans, ds.settings.avrundning
    rated = [s for s in context.sections if s.satisfaction is not None or s.evaluations_hidden]
    if not rated:
        return None
    # the anonymity gate has left the satisfaction out of every course under the threshold
    shown = [s for s in rated if s.satisfaction is not None
             and s.satisfaction.evaluations >= threshold]
    labels = list(shown[0].satisfaction.grades) if shown else []
    rows, differs = [], False
    for s in shown:
        sat = s.satisfaction
        counts = [sat.grades[label] for label in labels]
        top = [i for i, label in enumerate(labels) if label in sat.top_labels]
        rest = [i for i in range(len(labels)) if i not in top]
        # each cell its share rounded, the row adding up to 100 by the largest remainder
        # (issue 19 point 6); the text's share may then differ, said under the table
        shares = parts_of_100(counts, [(top + rest, 100)])
        share = percent(sum(counts[i] for i in top), sat.evaluations, mode) or 0
        differs = differs or (bool(top) and sat.evaluations >= 10
                              and sum(shares[i] for i in top) != share)
        rows.append((s.namn, sat.evaluations, counts, shares))
    return GradeTable(labels, rows, len(rated) - len(shown), threshold, differs)


def idi_tables(context: ReportContext, ds: Dataset) -> dict[str, list[tuple[str, str]]]:
    """Per course with IDI profiles: (style, count as shown), a style with fewer profiles
    than the anonymity threshold (or one that would give such a style away) as ”färre än N”."""
    threshold = ds.settings.anonymitetsgrans
    out = {}
    for s in context.sections:
        if not s.idi:
            continue
        # idi_styles has left out the styles the rule hides; hidden_groups again for safety
        hidden = hidden_groups(s.idi, threshold) | {st for st in IDI_STYLES if st not in s.idi}
        out[s.kurs_id] = [(style, f"färre än {threshold}" if style in hidden
                           else swedish.integer(s.idi.get(style, 0))) for style in IDI_STYLES]
    return out


MIN_ROWS = 3  # a chart of fewer rows only repeats its table (docs/beslut.md)
MAX_ROWS = 12  # a chart of more rows would fill a page in small print: the table alone


def annual_charts(context: ReportContext) -> list[Chart]:
    """Participants per kind of board against the previous year; the grade distribution per
    course; cost per participant per course; the IDI styles of each course that has them.

    A chart that would say nothing is not drawn and its table stands alone (docs/beslut.md):
    one of fewer than ``MIN_ROWS`` or more than ``MAX_ROWS`` rows, a comparison with a previous year the report calls
    thin (its zeros would look like a collapse: the current year alone then), and an IDI grid
    where most styles are hidden by the anonymity rule."""
    charts = []
    if MIN_ROWS <= len(context.participation) <= MAX_ROWS:
        charts.append(_participation(context))
    if context.grades and MIN_ROWS <= len(context.grades.rows) <= MAX_ROWS:
        charts.append(_grades(context.year, context.grades))
    costed = [s for s in context.sections if s.cost is not None
              and s.cost_per_person is not None]
    if MIN_ROWS <= len(costed) <= MAX_ROWS:
        charts.append(_cost_per_participant(context.year, costed))
    for s in context.sections:
        cells = context.idi_tables.get(s.kurs_id)
        if cells and sum(shown.startswith("färre än") for _, shown in cells) * 2 <= len(cells):
            charts.append(_idi(s.kurs_id, s.namn, cells))
    return charts


def _participation(context: ReportContext) -> Chart:
    rows, year, before = context.participation, context.year, context.previous_year
    if context.previous_sparse:
        before = None  # a thin previous year is not drawn: its zeros would read as a collapse
    names = [swedish.upper_first(r.label) for r in rows]
    series = [(str(year), [r.participants for r in rows])]
    if before:
        # the years in the table's order (earlier first); the report's year stays the dark bar
        series.insert(0, (str(before), [r.previous for r in rows]))
        figures = [f"{n} {_int(r.participants)} ({_int(r.previous)})" for n, r in zip(names, rows)]
        alt = (f"Liggande stapeldiagram över deltagarna per slag av nämnd och styrelse {year}, "
               f"med {before} inom parentes: {swedish.join(figures)}.")
        caption = f"Deltagare per slag av nämnd och styrelse {before} och {year}"
    else:
        figures = [f"{n} {_int(r.participants)}" for n, r in zip(names, rows)]
        alt = (f"Liggande stapeldiagram över deltagarna per slag av nämnd och styrelse {year}: "
               f"{swedish.join(figures)}.")
        caption = f"Deltagare per slag av nämnd och styrelse {year}"
    return Chart("deltagare_per_organisation", caption, alt, "hbars",
                 {"categories": names, "series": series, "dark": len(series) - 1})


def _grades(year: int, table: GradeTable) -> Chart:
    parts = []
    for name, n, counts, shares in table.rows:
        grades = ", ".join(f"{label} {_grade_cell(n, c, p)}"
                           for label, c, p in zip(table.labels, counts, shares))
        parts.append(f"{name} ({swedish.count(n, 'utvärdering')}): {grades}")
    alt = (f"Liggande stapeldiagram där varje kurs är staplad till 100 procent av dess "
           f"utvärderingar {year}. " + "; ".join(parts) + ".")
    if table.left_out:
        alt += (f" {swedish.upper_first(swedish.count(table.left_out, 'kurs'))} med färre än "
                f"{table.threshold} utvärderingar visas inte.")
    return Chart("betyg_per_kurs", f"Betygen per kurs {year}, andel av utvärderingarna", alt,
                 "stacked_percent",
                 {"categories": [row[0] for row in table.rows], "segments": table.labels,
                  "counts": [row[2] for row in table.rows],
                  "labels": [[_grade_cell(row[1], c, p) for c, p in zip(row[2], row[3])]
                             for row in table.rows]})


SMALL_BASE = 10  # fewer evaluations than this: counts, never percent (as in the text)


def _grade_cell(n: int, count: int, share: int) -> str:
    """A grade's cell: '35 %', or the count ('5 av 7') when the course has fewer than ten
    evaluations."""
    return f"{count} av {n}" if n < SMALL_BASE else swedish.percent_cell(share)


def _cost_per_participant(year: int, costed) -> Chart:
    # per deltagare = per person, as the report's cost table (docs/beslut.md)
    figures = [f"{s.namn} {swedish.kronor(s.cost_per_person)}" for s in costed]
    alt = (f"Liggande stapeldiagram över kostnaden per deltagare för varje kurs {year}: "
           f"{swedish.join(figures)}.")
    return Chart("kostnad_per_deltagare", f"Kostnad per deltagare och kurs {year}", alt, "hbars",
                 {"categories": [s.namn for s in costed],
                  "series": [("Kronor per deltagare", [s.cost_per_person for s in costed])],
                  "suffix": "\u00a0kr"})


def _idi(kurs_id: str, name: str, cells: list[tuple[str, str]]) -> Chart:
    figures = [f"{style} {shown} ({IDI_AXES[style][0]} strävan att påverka, "
               f"{IDI_AXES[style][1]} strävan efter kontakt)" for style, shown in cells]
    alt = (f"Rutnät med IDI:s fyra beteendestilar för {name}, ordnade efter strävan att påverka "
           f"och styra andra (vågrätt) och strävan efter känslomässig kontakt (lodrätt), med "
           f"antalet deltagarprofiler i varje: {swedish.join(figures)}.")
    return Chart(f"idi_{_safe(kurs_id)}_{_short_hash(kurs_id)}", f"IDI-profiler i {name}", alt,
                 "quadrants",
                 {"cells": dict(cells)}, key=f"idi:{kurs_id}")


def period_charts(context: PeriodContext) -> list[Chart]:
    """Persons and attendances per year; response rate and share very satisfied per year;
    cost per year (courses and common costs)."""
    years = [y.ar for y in context.years]
    rows = {r.key: r.values for r in context.key_figures if r.key}
    costs = {r.label: r.values for r in context.costs}
    missing, label = context.missing, context.label
    note = (f" {swedish.join([str(y) for y in missing])} saknas i registret." if missing else "")

    def per_year(values, show) -> str:
        return swedish.join([f"{y} {show(v)}" for y, v in zip(years, values) if y not in missing])

    persons, visits = rows["deltagare"], rows["deltaganden"]
    people = Chart(
        "deltagare_per_ar", f"Deltagare och deltaganden per år {label}",
        f"Stapeldiagram per år med deltagare och deltaganden: "
        + swedish.join([f"{y} {_int(p)} deltagare och {_int(v)} deltaganden"
                        for y, p, v in zip(years, persons, visits) if y not in missing])
        + "." + note, "year_bars",
        {"years": years, "series": [("Deltagare", persons), ("Deltaganden", visits)],
         "missing": missing})
    rate, happy = rows["svarsfrekvens"], rows["mycket_nojda"]
    satisfaction = Chart(
        "nojdhet_per_ar", f"Svarsfrekvens och andel mycket nöjda per år {label}",
        f"Linjediagram per år. Svarsfrekvens: {per_year(rate, swedish.percent_cell)}. "
        f"Andel mycket nöjda: {per_year(happy, swedish.percent_cell)}." + note, "year_lines",
        {"years": years, "series": [("Svarsfrekvens", rate), ("Mycket nöjda", happy)],
         "missing": missing})
    courses, common, total = costs["Kurserna"], costs["Gemensamma kostnader"], costs["Totalt"]
    stacked = all((v or 0) >= 0 for v in courses + common)  # a net credit cannot be stacked
    cost = Chart(
        "kostnad_per_ar", f"Kostnad per år {label}",
        ("Staplat stapeldiagram" if stacked else "Stapeldiagram")
        + " per år med kurserna och styrgruppens gemensamma kostnader: "
        + swedish.join([f"{y} {_int(t)} kronor, varav kurserna {_int(c)} och gemensamt {_int(g)}"
                        for y, c, g, t in zip(years, courses, common, total) if y not in missing])
        + "." + note, "year_stacked" if stacked else "year_bars",
        {"years": years, "series": [("Kurserna", courses), ("Gemensamma kostnader", common)],
         "totals": total, "missing": missing, "suffix": "\u00a0kr"})
    # an all-zero (or all-missing) chart says nothing: its table stands alone (docs/beslut.md)
    return [c for c in (people, satisfaction, cost) if _says_something(c.data)]


def _says_something(data: dict) -> bool:
    return any(v for _label, values in data["series"] for v in values)


def _int(value) -> str:
    return "–" if value is None else swedish.integer(value)


def _short_hash(text: str) -> str:
    """Eight hex digits of the exact id: "s 4" and "s_4" share ``_safe`` but not this, so two
    courses never share a chart file."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _safe(text: str) -> str:
    """A file name part from a kurs_id: letters, digits, - and _ only."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)
