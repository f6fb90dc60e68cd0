"""Step 2: validate raw tables into a typed ``Dataset`` and a list of every problem found.

Cell types are checked in ``validate_cells``; this module checks what ties the tables
together (ids, years, the grading scale, settings) and derives the columns the metrics use.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from pk_report import schema
from pk_report.dataset import Dataset, GradeScale, Settings
from pk_report.names import norm_name
from pk_report.problems import WARNING, Problem, errors
from pk_report.readers.raw import RawTable
from pk_report.sources import ReadResult
from pk_report.validate_cells import empty_table, type_table


class _Checker:
    def __init__(self, raws: dict[str, RawTable], typed: dict[str, pd.DataFrame]) -> None:
        self.raws, self.t, self.problems = raws, typed, []

    def add(self, table: str, rows, column: str | None, message, level: str = "fel") -> None:
        """One problem per row in ``rows``; ``message`` may be a function of the cell text."""
        raw = self.raws.get(table)
        if raw is None:
            return
        for row in rows:
            text = raw.frame[column].at[row] if column in raw.frame.columns else ""
            msg = message(text) if callable(message) else message
            self.problems.append(raw.problem(int(row), column, text, msg, level))


def validate(read: ReadResult) -> tuple[Dataset, list[Problem]]:
    problems = list(read.problems)
    typed: dict[str, pd.DataFrame] = {}
    for name in schema.TABLES:
        if name in read.tables:
            frame, found = type_table(read.tables[name])
            typed[name] = frame
            problems.extend(found)
        else:
            typed[name] = empty_table(name)
    check = _Checker(read.tables, typed)
    scale = _grade_scale(check)
    settings = _settings(check)
    _check_courses(check)
    _check_sessions(check)
    _check_participants(check)
    _check_evaluations(check, scale)
    _check_costs_and_texts(check)
    problems.extend(check.problems)
    return Dataset(typed, scale, settings), problems


def _suggest(value: str, candidates) -> str:
    close = difflib.get_close_matches(str(value), [str(c) for c in candidates], n=3, cutoff=0.6)
    return f" Menade du {', '.join(f'”{c}”' for c in close)}?" if close else ""


def _duplicates(check: _Checker, table: str, keys: list[str], what: str) -> None:
    frame = check.t[table]
    dup = frame.duplicated(subset=keys, keep="first") & (frame[keys[-1]] != "")
    check.add(table, frame.index[dup.to_numpy()], keys[-1],
              f"{what} finns redan på en tidigare rad. Ett id får bara förekomma en gång.")


def _check_courses(check: _Checker) -> None:
    _duplicates(check, "kurser", ["ar", "kurs_id"], "Kursen samma år")


def _course_keys(check: _Checker) -> set[tuple[int, str]]:
    k = check.t["kurser"]
    return set(zip(k["ar"], k["kurs_id"]))


def _check_sessions(check: _Checker) -> None:
    s = check.t["tillfallen"]
    _duplicates(check, "tillfallen", ["tillfalle_id"], "Tillfället")
    date_year = pd.array([d.year if d is not None else None for d in s["datum"]], dtype="Int64")
    year = pd.array(s["ar"], dtype="Int64")
    missing = year.isna() & date_year.isna()
    check.add("tillfallen", s.index[np.asarray(missing)], "ar",
              "Året saknas. Fyll i datum eller ar.")
    disagree = (~year.isna()) & (~date_year.isna()) & (year != date_year).fillna(False)
    check.add("tillfallen", s.index[np.asarray(disagree, dtype=bool)], "ar",
              "Året stämmer inte med datum. Rätta ar eller datum.")
    s["ar"] = year.fillna(date_year) if len(s) else year
    courses = _course_keys(check)
    unknown = [row for row, y, c in zip(s.index, s["ar"], s["kurs_id"])
               if c != "" and not pd.isna(y) and (int(y), c) not in courses]
    ids = {c for _, c in courses}
    check.add("tillfallen", unknown, "kurs_id",
              lambda v: f"Kursen ”{v}” finns inte i kurser för tillfällets år. Lägg till kursen "
                        f"eller rätta id:t.{_suggest(v, ids)}")
    moved = s["status"] == "framflyttad"
    check.add("tillfallen", s.index[(moved & (s["nytt_datum"].isna())).to_numpy()], "nytt_datum",
              "Framflyttat tillfälle utan nytt datum. Fyll i nytt_datum (t.ex. 2010-03) så "
              "att rapporten kan säga när det blir av.", WARNING)
    s["held"] = s["status"] == "genomförd"


def _check_participants(check: _Checker) -> None:
    d, s = check.t["deltagare"], check.t["tillfallen"]
    session = s.drop_duplicates("tillfalle_id").set_index("tillfalle_id")
    known = d["tillfalle_id"].isin(session.index)
    check.add("deltagare", d.index[(~known & (d["tillfalle_id"] != "")).to_numpy()], "tillfalle_id",
              lambda v: f"Tillfället ”{v}” finns inte i tillfallen. Rätta id:t eller lägg till "
                        f"tillfället.{_suggest(v, session.index)}")
    d["ar"] = d["tillfalle_id"].map(session["ar"])
    d["kurs_id"] = d["tillfalle_id"].map(session["kurs_id"])
    d["held"] = d["tillfalle_id"].isin(session.index[session["held"].to_numpy(dtype=bool)])
    d["politiker"] = d["roll"].isin(schema.POLITICAL_ROLES)
    d["narvarande"] = d["narvarande"].fillna(True).astype(bool)
    anonymous = (d["namn"] == "").to_numpy()
    person = d["namn"].astype(object).to_numpy(copy=True)
    person[anonymous] = ["\0rad" + str(i) for i in d.index[anonymous]]
    d["person"] = person
    counted = s[s["antal_deltagare"].notna()]
    has_rows = counted["tillfalle_id"].isin(d["tillfalle_id"].unique())
    check.add("tillfallen", counted.index[has_rows.to_numpy()], "antal_deltagare",
              "Tillfället har också rader i deltagare; antal_deltagare används inte. Töm cellen "
              "eller ta bort raderna.", WARNING)
    idi = check.t["idi"]
    check.add("idi", idi.index[(~idi["tillfalle_id"].isin(session.index)
                                & (idi["tillfalle_id"] != "")).to_numpy()], "tillfalle_id",
              lambda v: f"Tillfället ”{v}” finns inte i tillfallen. Rätta id:t.")
    idi["ar"] = idi["tillfalle_id"].map(session["ar"])
    idi["kurs_id"] = idi["tillfalle_id"].map(session["kurs_id"])


def _check_evaluations(check: _Checker, scale: GradeScale) -> None:
    e, s = check.t["utvarderingar"], check.t["tillfallen"]
    session = s.drop_duplicates("tillfalle_id").set_index("tillfalle_id")
    by_session = e["tillfalle_id"] != ""
    unknown = by_session & ~e["tillfalle_id"].isin(session.index)
    check.add("utvarderingar", e.index[unknown.to_numpy()], "tillfalle_id",
              lambda v: f"Tillfället ”{v}” finns inte i tillfallen. Rätta id:t.{_suggest(v, session.index)}")
    s_year = e["tillfalle_id"].map(session["ar"])
    s_course = e["tillfalle_id"].map(session["kurs_id"])
    own_year = pd.array(e["ar"], dtype="Int64")
    clash = by_session & ~unknown & (((e["kurs_id"] != "") & (e["kurs_id"] != s_course))
                                     | (~pd.isna(own_year) & (own_year != s_year)).fillna(False))
    check.add("utvarderingar", e.index[np.asarray(clash, dtype=bool)], "kurs_id",
              "Kurs eller år stämmer inte med tillfället. Töm kurs_id och ar när tillfalle_id är "
              "ifyllt, eller rätta dem.")
    loose = ~by_session
    lacking = loose & ((e["kurs_id"] == "") | pd.isna(own_year))
    check.add("utvarderingar", e.index[np.asarray(lacking, dtype=bool)], "tillfalle_id",
              "Utvärderingen hör varken till ett tillfälle eller till en kurs. Fyll i tillfalle_id, "
              "eller kurs_id och ar.")
    courses = _course_keys(check)
    loose_rows = e[np.asarray(loose & ~lacking, dtype=bool)]
    orphan = [row for row, y, c in zip(loose_rows.index, loose_rows["ar"], loose_rows["kurs_id"])
              if (int(y), c) not in courses]
    check.add("utvarderingar", orphan, "kurs_id",
              lambda v: f"Kursen ”{v}” finns inte i kurser det året. Rätta kurs_id eller ar.")
    e["ar"] = pd.array(np.where(by_session, s_year, own_year), dtype="Int64") if len(e) else own_year
    e["kurs_id"] = e["kurs_id"].where(~by_session, s_course)
    held_ids = session.index[session["held"].to_numpy(dtype=bool)]
    not_held = by_session & ~unknown & ~e["tillfalle_id"].isin(held_ids)
    check.add("utvarderingar", e.index[np.asarray(not_held, dtype=bool)], "tillfalle_id",
              "Utvärdering för ett tillfälle som inte genomfördes. Kontrollera tillfalle_id.", WARNING)
    labels = {norm_name(label): value for value, label in scale.labels.items()}
    codes, grades = pd.factorize(pd.Series(e["betyg"], dtype=object), use_na_sentinel=False)
    resolved = [_grade_value(g, scale, labels) for g in grades]
    allowed = ", ".join(f"{v} {lab}" for v, lab in scale.labels.items())
    bad = {i for i, (g, v) in enumerate(zip(grades, resolved)) if v is None and g not in ("", None)}
    if bad:
        check.add("utvarderingar", e.index[np.isin(codes, list(bad))], "betyg",
                  f"Betyget finns inte i betygsskalan ({allowed}). Skriv ett av värdena.")
    e["varde"] = pd.array([resolved[c] for c in codes], dtype="Int64")
    e["mycket_nojd"] = e["varde"].isin(list(scale.very_satisfied))
    e["missnojd"] = e["varde"].isin(list(scale.dissatisfied))


def _grade_value(grade, scale: GradeScale, labels: dict[str, int]) -> int | None:
    if grade in ("", None):
        return None
    text = str(grade).strip()
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return labels.get(norm_name(text))
    return int(number) if number.is_integer() and int(number) in scale.labels else None


def _check_costs_and_texts(check: _Checker) -> None:
    courses = _course_keys(check)
    c = check.t["kostnader"]
    bad = [row for row, y, k in zip(c.index, c["ar"], c["kurs_id"])
           if k != "" and y is not None and (int(y), k) not in courses]
    check.add("kostnader", bad, "kurs_id",
              lambda v: f"Kursen ”{v}” finns inte i kurser det året. Rätta kurs_id, eller töm "
                        "det för en gemensam kostnad.")
    negative = pd.to_numeric(c["belopp"], errors="coerce") < 0
    check.add("kostnader", c.index[negative.fillna(False).to_numpy()], "belopp",
              "Negativt belopp: räknas som en kreditering och minskar kostnaden. Kontrollera "
              "att det stämmer.", WARNING)
    t = check.t["texter"]
    t["avsnitt"] = [norm_name(a) if norm_name(a) in schema.TEXT_SECTIONS else a for a in t["avsnitt"]]
    wrong = [row for row, y, a in zip(t.index, t["ar"], t["avsnitt"])
             if a and y is not None and a not in schema.TEXT_SECTIONS and (int(y), a) not in courses]
    check.add("texter", wrong, "avsnitt",
              lambda v: "Okänt avsnitt. Skriv inledning, allmant, avslutning eller ett kurs_id "
                        "som finns i kurser samma år.")


def _grade_scale(check: _Checker) -> GradeScale:
    g = check.t["betygsskala"]
    if "betygsskala" not in check.raws or g.empty:
        return GradeScale.default()
    _duplicates(check, "betygsskala", ["varde"], "Värdet")
    _duplicates(check, "betygsskala", ["etikett"], "Etiketten")
    rows = [(v, lab, bool(good)) for v, lab, good in zip(g["varde"], g["etikett"], g["mycket_nojd"])
            if v is not None and lab]
    return GradeScale({v: lab for v, lab, _ in rows}, frozenset(v for v, _, good in rows if good))


def _settings(check: _Checker) -> Settings:
    values = dict(schema.SETTINGS)
    frame = check.t["installningar"]
    seen: set[str] = set()
    for row, key, value in zip(frame.index, frame["nyckel"], frame["varde"]):
        name = norm_name(key)
        if name not in schema.SETTINGS:
            check.add("installningar", [row], "nyckel",
                      f"Okänd inställning. Kända är {', '.join(schema.SETTINGS)}.", WARNING)
            continue
        if name in seen:
            check.add("installningar", [row], "nyckel", "Inställningen finns redan på en tidigare rad.")
        seen.add(name)
        values[name] = value
    rounding = schema.ROUNDING.get(norm_name(values["avrundning"]))
    if rounding is None:
        _setting_error(check, "avrundning", "Skriv nedat eller narmaste.")
        rounding = "nedat"
    threshold = str(values["anonymitetsgrans"]).strip()
    if not threshold.isdigit() or int(threshold) < 1:
        _setting_error(check, "anonymitetsgrans", "Skriv ett heltal, minst 1 (t.ex. 5).")
        threshold = "5"
    return Settings(values["kommun"].strip(), rounding, int(threshold))


def _setting_error(check: _Checker, key: str, message: str) -> None:
    frame = check.t["installningar"]
    rows = [row for row, k in zip(frame.index, frame["nyckel"]) if norm_name(k) == key]
    check.add("installningar", rows, "varde", message)
