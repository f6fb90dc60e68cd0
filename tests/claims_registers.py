"""Two registers unlike the bundled sample, for reading built reports end to end (issue 19):

- ``forms_per_session``: a municipality that collects a form at every session of its courses,
  with people returning to later sessions, a course whose officials are chiefs and clerks, a
  cancelled session with a typed reason, and a course outside the plan that was cancelled;
- ``thin_previous_year``: a register whose previous year has a single course, a head count at
  one of a course's two sessions, and IDI profiles with two small styles.

Run ``python tests/claims_registers.py OUT`` to write both as CSV folders and build their
reports (Markdown) into OUT.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import minimal_tables, write_csv_folder


def _sessions(kurs_id, dates, **extra):
    return [{"tillfalle_id": f"{kurs_id}-{i}", "kurs_id": kurs_id, "datum": d, **extra}
            for i, d in enumerate(dates, 1)]


def _people(session_ids, names, **extra):
    return [{"tillfalle_id": s, "namn": n, **extra} for s in session_ids for n in names]


def forms_per_session() -> dict:
    kurser = [
        {"ar": 2011, "kurs_id": "intro", "namn": "Introduktion för nya ledamöter",
         "malgrupp": "nya ledamöter", "i_plan": "ja", "planerade_tillfallen": 3},
        {"ar": 2011, "kurs_id": "ledning", "namn": "Ledning och styrning",
         "malgrupp": "presidier och förvaltningsledningar", "i_plan": "ja",
         "planerade_tillfallen": 2},
        {"ar": 2011, "kurs_id": "media", "namn": "Mediaträning", "i_plan": "nej",
         "planerade_tillfallen": 1, "min_anmalda": 6},
    ]
    tillfallen = (_sessions("intro", ["2011-02-08", "2011-02-15", "2011-09-13"],
                            omfattning="kväll")
                  + _sessions("ledning", ["2011-03-10", "2011-10-06"], omfattning="heldag")
                  + [{"tillfalle_id": "ledning-3", "kurs_id": "ledning", "datum": "2011-11-17",
                      "omfattning": "heldag", "status": "inställd",
                      "orsak": "Föreläsaren sjuk"}]
                  + _sessions("media", ["2011-05-12"], status="inställd"))
    intro = [f"Ny {i}" for i in range(30)]
    deltagare = (_people(["intro-1", "intro-2"], intro, organisationstyp="stadsdel")
                 + _people(["intro-3"], intro[:18], organisationstyp="stadsdel")
                 + _people(["ledning-1", "ledning-2"], [f"Pres {i}" for i in range(14)],
                           organisationstyp="fack", roll="ordförande")
                 + _people(["ledning-1"], ["Chef A", "Chef B"], organisationstyp="bolag",
                           roll="chef")
                 + _people(["ledning-1"], ["Tj 1", "Tj 2", "Tj 3", "Tj 4"],
                           organisationstyp="fack", roll="tjänsteman")
                 + _people(["media-1"], ["M1", "M2"], narvarande="nej"))
    for row in deltagare:  # one kön per person
        row.setdefault("kon", "K" if sum(map(ord, row["namn"])) % 3 else "M")
    grades = ["4", "3", "3", "4", "2", "3", "4", "1"]
    forms = ([{"tillfalle_id": s, "betyg": grades[i % len(grades)]}
              for s, n in (("intro-1", 25), ("intro-2", 22), ("intro-3", 15))
              for i in range(n)]
             + [{"tillfalle_id": s, "betyg": g} for s in ("ledning-1", "ledning-2")
                for g in ["4"] * 6 + ["3"] * 4 + ["2"]])
    kostnader = [{"ar": 2011, "kurs_id": "intro", "belopp": "45210,50"},
                 {"ar": 2011, "kurs_id": "ledning", "belopp": "88000"},
                 {"ar": 2011, "kurs_id": "", "post": "Administration", "belopp": "30000"}]
    return dict(kurser=kurser, tillfallen=tillfallen, deltagare=deltagare,
                utvarderingar=forms, kostnader=kostnader)


def thin_previous_year() -> dict:
    kurser = [{"ar": 2011, "kurs_id": "gammal", "namn": "Grundkurs", "i_plan": "ja"}]
    tillfallen = _sessions("gammal", ["2011-04-05"], omfattning="kväll")
    deltagare = _people(["gammal-1"], [f"G{i}" for i in range(20)], organisationstyp="stadsdel")
    courses = {"a": ("Budgetprocessen", "stadsdel", 22), "b": ("Arbetsmiljöansvar", "fack", 16),
               "c": ("Bolagsstyrning", "bolag", 12)}
    for k, (name, org, n) in courses.items():
        kurser.append({"ar": 2012, "kurs_id": k, "namn": name, "i_plan": "ja"})
        tillfallen += _sessions(k, [f"2012-0{len(kurser)}-12"], omfattning="halvdag")
        deltagare += _people([f"{k}-1"], [f"{k.upper()}{i}" for i in range(n)],
                             organisationstyp=org)
    kurser.append({"ar": 2012, "kurs_id": "ks", "namn": "Kommunstyrelsens dag", "i_plan": "nej"})
    ks = _sessions("ks", ["2012-09-04", "2012-10-02"], omfattning="heldag")
    ks[0]["antal_deltagare"] = "31"
    tillfallen += ks
    deltagare += _people(["ks-2"], [f"KS{i}" for i in range(9)], organisationstyp="kommunstyrelse")
    idi = [{"tillfalle_id": "a-1", "stil": s}
           for s in ["Motivator"] * 5 + ["Producer"] * 5 + ["Processor"] * 2 + ["Relator"] * 2]
    forms = [{"ar": 2012, "kurs_id": "a", "betyg": g} for g in ["4"] * 9 + ["3"] * 7 + ["1"]]
    kostnader = [{"ar": 2011, "kurs_id": "", "post": "Styrgruppens sammanträden", "belopp": "9000"},
                 {"ar": 2012, "kurs_id": "a", "belopp": "30000"},
                 {"ar": 2012, "kurs_id": "", "post": "Administration", "belopp": "20000"}]
    return dict(kurser=kurser, tillfallen=tillfallen, deltagare=deltagare, idi=idi,
                utvarderingar=forms, kostnader=kostnader)


def write_all(out: Path) -> dict[str, Path]:
    return {name: write_csv_folder(out / name, minimal_tables(**make()))
            for name, make in (("forms_per_session", forms_per_session),
                               ("thin_previous_year", thin_previous_year))}


if __name__ == "__main__":
    from pk_report.report.build import report_bytes

    out = Path(sys.argv[1])
    folders = write_all(out)
    for name, year in (("forms_per_session", 2011), ("thin_previous_year", 2012)):
        text = report_bytes(year, folders[name], "md", None, False).decode("utf-8")
        (out / f"{name}.md").write_text(text, encoding="utf-8")
        print(out / f"{name}.md")
