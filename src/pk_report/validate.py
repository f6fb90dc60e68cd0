"""Step 2: validate raw tables into a typed ``Dataset`` and a list of every problem found.

Cell types are checked in ``validate_cells``; this module checks what ties the tables
together (ids, years, the grading scale, settings) and derives the columns the metrics use.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from pk_report import schema
from pk_report.anonymity import MIN_THRESHOLD
from pk_report.cells import foreign_digit, foreign_digit_message, parse_date
from pk_report.dataset import Dataset, GradeScale, Settings
from pk_report.names import norm_name
from pk_report.problems import WARNING, Problem
from pk_report.readers.raw import RawTable
from pk_report.sources import ReadResult
from pk_report.suggest import Suggester
from pk_report.swedish import quote
from pk_report.validate_cells import Distinct, empty_table, type_table
from pk_report.validate_persons import check_person_names, person_codes, unfinished_persons


class _Checker:
    def __init__(self, raws: dict[str, RawTable], typed: dict[str, pd.DataFrame],
                 distinct: dict[tuple[str, str], Distinct]) -> None:
        self.raws, self.t, self.distinct, self.problems = raws, typed, distinct, []

    def isin(self, table: str, column: str, values) -> np.ndarray:
        """Per row of ``table``, whether its typed ``column`` is one of ``values``."""
        found = self.distinct.get((table, column))
        if found is not None:
            return found.isin(values)
        return self.t[table][column].isin(list(values)).to_numpy(dtype=bool)

    def lookup(self, table: str, column: str, index: pd.Index) -> np.ndarray:
        """Per row of ``table``, the position of its ``column`` text in ``index`` (-1 if none)."""
        found = self.distinct.get((table, column))
        if found is not None:
            return found.lookup(index)
        return index.get_indexer(self.t[table][column].to_numpy(dtype=object))

    def header(self, table: str, column: str) -> str:
        """”Kön”: a column as the clerk's sheet names it (as the sheet would name it, when
        it does not: ”kon” among plain names, else ”Kön” as the mall writes it)."""
        raw = self.raws.get(table)
        written = raw.headers if raw is not None else {}
        return quote(written.get(column) or schema.as_written(column, schema.column_label(column),
                                                              written))

    def on(self, table: str) -> str:
        """'på bladet ”Tillfällen”' or 'i filen tillfallen.csv': where the clerk finds a table."""
        raw = self.raws.get(table)
        if raw is None:
            return f"i tabellen {schema.table_label(table)}"
        return f"på bladet {quote(raw.sheet)}" if raw.sheet else f"i filen {Path(raw.file).name}"

    def given(self, table: str, column: str) -> np.ndarray:
        """Per row of ``table``, whether the clerk wrote anything in ``column``: a cell that
        holds text but did not parse has its own message, so nothing that follows from its
        being empty is said again (one cause, one message)."""
        raw = self.raws.get(table)
        rows = len(self.t[table])
        if raw is None or column not in raw.frame.columns:
            return np.zeros(rows, dtype=bool)
        return (raw.frame[column].to_numpy(dtype=object) != "").astype(bool)

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
    distinct: dict[tuple[str, str], Distinct] = {}
    for name in schema.TABLES:
        if name in read.tables:
            frame, found, columns = type_table(read.tables[name])
            typed[name] = frame
            problems.extend(found)
            distinct.update({(name, column): d for column, d in columns.items()})
        else:
            typed[name] = empty_table(name)
    for name in ("deltagare", "utvarderingar"):  # an empty kön is okänt, a group of its own
        typed[name]["kon"] = typed[name]["kon"].fillna("")
    check = _Checker(read.tables, typed, distinct)
    scale = _grade_scale(check)
    settings = _settings(check)
    _check_courses(check)
    _check_sessions(check)
    sessions = _Sessions(check.t["tillfallen"])
    _check_participants(check, sessions)
    unfinished_persons(check)
    _check_evaluations(check, scale, sessions)
    _check_costs_and_texts(check)
    problems.extend(check.problems)
    return Dataset(typed, scale, settings), problems




def _duplicates(check: _Checker, table: str, keys: list[str], what: str,
                fix: str = "Ett id får bara förekomma en gång.") -> None:
    """Every repeat of a key, each naming the row where the key first occurs."""
    frame = check.t[table]
    dup = (frame.duplicated(subset=keys, keep="first") & (frame[keys[-1]] != "")).to_numpy()
    if not dup.any():
        return
    first = frame.index.to_series().groupby([frame[k] for k in keys], dropna=False,
                                            sort=False).transform("first").to_numpy()
    for row, where in zip(frame.index[dup], first[dup]):
        check.add(table, [row], keys[-1], f"{what} finns redan på rad {where}. {fix}")


def _check_courses(check: _Checker) -> None:
    _duplicates(check, "kurser", ["ar", "kurs_id"], "Kursen samma år")


def _course_keys(check: _Checker) -> set[tuple[int, str]]:
    k = check.t["kurser"]
    return set(zip(k["ar"], k["kurs_id"]))


def _in_courses(check: _Checker, years, ids) -> np.ndarray:
    """Per row, whether (year, kurs_id) is a course in kurser; rows without a year are not."""
    k = check.t["kurser"]
    known = pd.MultiIndex.from_arrays([pd.array(k["ar"], dtype="Int64"),
                                       k["kurs_id"].to_numpy(dtype=object)]).unique()
    year = pd.array(years, dtype="Int64")
    if not len(year):
        return np.zeros(0, dtype=bool)
    wanted = pd.MultiIndex.from_arrays([year, np.asarray(ids, dtype=object)])
    return (known.get_indexer(wanted) >= 0) & ~np.asarray(year.isna(), dtype=bool)


def _check_sessions(check: _Checker) -> None:
    s = check.t["tillfallen"]
    _duplicates(check, "tillfallen", ["tillfalle_id"], "Tillfället")
    dated = s["datum"].notna().to_numpy(dtype=bool)
    date_year = pd.arrays.IntegerArray(
        np.fromiter((d.year if d is not None else 0 for d in s["datum"]), dtype="int64",
                    count=len(s)), ~dated)
    year = pd.array(s["ar"], dtype="Int64")
    missing = np.asarray(year.isna() & date_year.isna(), dtype=bool) \
        & ~check.given("tillfallen", "datum") & ~check.given("tillfallen", "ar")
    check.add("tillfallen", s.index[missing], "ar",
              f"Året saknas. Fyll i {check.header('tillfallen', 'datum')} eller "
              f"{check.header('tillfallen', 'ar')}.")
    disagree = (~year.isna()) & (~date_year.isna()) & (year != date_year).fillna(False)
    check.add("tillfallen", s.index[np.asarray(disagree, dtype=bool)], "ar",
              f"Året stämmer inte med datumet. Rätta {check.header('tillfallen', 'ar')} eller "
              f"{check.header('tillfallen', 'datum')}.")
    s["ar"] = year.fillna(date_year) if len(s) else year
    kurs = s["kurs_id"].to_numpy(dtype=object)
    unknown = s.index[(kurs != "") & ~pd.isna(s["ar"]).to_numpy(dtype=bool)
                      & ~np.asarray(disagree, dtype=bool)  # the year is wrong: said above
                      & ~_in_courses(check, s["ar"], kurs)]
    courses = Suggester(dict.fromkeys(check.t["kurser"]["kurs_id"]))
    check.add("tillfallen", unknown, "kurs_id",
              lambda v: f"Kursen ”{v}” finns inte {check.on('kurser')} för tillfällets år. "
                        f"Lägg till kursen eller rätta id:t.{courses.sentence(v)}")
    moved = (s["status"] == "framflyttad").to_numpy(dtype=bool)
    check.add("tillfallen", s.index[moved & ~check.given("tillfallen", "nytt_datum")], "nytt_datum",
              f"Framflyttat tillfälle utan nytt datum. Fyll i "
              f"{check.header('tillfallen', 'nytt_datum')} (t.ex. 2010-03) så att rapporten kan "
              "säga när det blir av.", WARNING)
    s["held"] = s["status"] == "genomförd"


class _Sessions:
    """The sessions by id, looked up once per table: each row's position, then plain takes."""

    def __init__(self, s: pd.DataFrame) -> None:
        first = ~s["tillfalle_id"].duplicated().to_numpy()
        self.rows = s.index[first]  # row in tillfallen of each distinct id
        self.ids = pd.Index(s["tillfalle_id"].to_numpy(dtype=object)[first])
        self.ar = pd.array(s["ar"], dtype="Int64")[first]
        self.kurs_id = s["kurs_id"].to_numpy(dtype=object)[first]
        self.held = s["held"].to_numpy(dtype=bool)[first]
        self.suggest = Suggester(self.ids)

    def take(self, values, pos: np.ndarray, missing):
        """``values`` at ``pos``, and ``missing`` where the id is unknown (pos -1)."""
        if not len(values):
            if isinstance(values, np.ndarray):
                return np.full(len(pos), missing, dtype=values.dtype if missing is False else object)
            return pd.array([missing] * len(pos), dtype=values.dtype)
        taken = values[np.where(pos >= 0, pos, 0)]
        taken[pos < 0] = missing
        return taken


def _unknown_ids(frame: pd.DataFrame, pos: np.ndarray) -> pd.Index:
    """Rows whose tillfalle_id is filled in but not found (an empty id is another problem)."""
    missing = np.flatnonzero(pos < 0)
    ids = frame["tillfalle_id"].to_numpy(dtype=object)[missing]
    return frame.index[missing[ids != ""]]


def _check_participants(check: _Checker, sessions: _Sessions) -> None:
    d = check.t["deltagare"]
    pos = check.lookup("deltagare", "tillfalle_id", sessions.ids)
    check.add("deltagare", _unknown_ids(d, pos), "tillfalle_id",
              lambda v: f"Tillfället ”{v}” finns inte {check.on('tillfallen')}. Rätta id:t "
                        f"eller lägg till tillfället.{sessions.suggest.sentence(v)}")
    d["tillfalle_rad"] = pos
    d["ar"] = sessions.take(sessions.ar, pos, pd.NA)
    d["kurs_id"] = sessions.take(sessions.kurs_id, pos, None)
    d["held"] = sessions.take(sessions.held, pos, False).astype(bool)
    d["politiker"] = check.isin("deltagare", "roll", schema.POLITICAL_ROLES)
    d["tjansteman"] = check.isin("deltagare", "roll", schema.OFFICIAL_ROLES)
    d["kvinna"] = check.isin("deltagare", "kon", ["K"])
    d["man"] = check.isin("deltagare", "kon", ["M"])
    d["narvarande"] = d["narvarande"].fillna(True).astype(bool)
    names = check.distinct.get(("deltagare", "namn"))
    codes, uniques = ((names.codes, names.uniques) if names is not None
                      else pd.factorize(d["namn"].to_numpy(dtype=object)))
    d["person"] = person_codes(codes, uniques)
    check_person_names(check, d, codes, uniques)
    s = check.t["tillfallen"]
    counted = s[s["antal_deltagare"].notna()]
    rows_per_session = np.bincount(pos[pos >= 0], minlength=len(sessions.ids))
    has_rows = rows_per_session[sessions.ids.get_indexer(counted["tillfalle_id"])] > 0 \
        if len(counted) \
        else np.zeros(0, dtype=bool)
    check.add("tillfallen", counted.index[has_rows], "antal_deltagare",
              f"Tillfället har också rader {check.on('deltagare')}, så "
              f"{check.header('tillfallen', 'antal_deltagare')} används inte. Töm cellen eller ta "
              "bort raderna.", WARNING)
    idi = check.t["idi"]
    ipos = check.lookup("idi", "tillfalle_id", sessions.ids)
    check.add("idi", _unknown_ids(idi, ipos), "tillfalle_id",
              lambda v: f"Tillfället ”{v}” finns inte {check.on('tillfallen')}. Rätta id:t."
                        f"{sessions.suggest.sentence(v)}")
    idi["ar"] = sessions.take(sessions.ar, ipos, pd.NA)
    idi["kurs_id"] = sessions.take(sessions.kurs_id, ipos, None)


EVAL_TILLFALLE, EVAL_KURS, EVAL_AR = (("utvarderingar", c) for c in ("tillfalle_id", "kurs_id", "ar"))


def _check_evaluations(check: _Checker, scale: GradeScale, sessions: _Sessions) -> None:
    e = check.t["utvarderingar"]
    by_session = (e["tillfalle_id"] != "").to_numpy(dtype=bool)
    pos = check.lookup("utvarderingar", "tillfalle_id", sessions.ids)
    unknown = by_session & (pos < 0)
    check.add("utvarderingar", e.index[unknown], "tillfalle_id",
              lambda v: f"Tillfället ”{v}” finns inte {check.on('tillfallen')}. Rätta id:t."
                        f"{sessions.suggest.sentence(v)}")
    e["tillfalle_rad"] = pos
    s_year = sessions.take(sessions.ar, pos, pd.NA)
    s_course = sessions.take(sessions.kurs_id, pos, None)
    own_year = pd.array(e["ar"], dtype="Int64")
    kurs = e["kurs_id"].to_numpy(dtype=object)
    clash = by_session & ~unknown & (((kurs != "") & (kurs != s_course))
                                     | (~own_year.isna() & (own_year != s_year)).fillna(False)
                                     .to_numpy(dtype=bool))
    check.add("utvarderingar", e.index[clash], "kurs_id",
              f"Kurs eller år stämmer inte med tillfället. Töm {check.header(*EVAL_KURS)} och "
              f"{check.header(*EVAL_AR)} när {check.header(*EVAL_TILLFALLE)} är ifyllt, eller "
              "rätta dem.")
    loose = ~by_session
    lacking = loose & ((kurs == "") | (own_year.isna().astype(bool)
                                       & ~check.given("utvarderingar", "ar")))
    check.add("utvarderingar", e.index[lacking], "tillfalle_id",
              f"Utvärderingen hör varken till ett tillfälle eller till en kurs. Fyll i "
              f"{check.header(*EVAL_TILLFALLE)}, eller {check.header(*EVAL_KURS)} och "
              f"{check.header(*EVAL_AR)}.")
    candidates = np.flatnonzero(loose & ~lacking & ~own_year.isna().astype(bool))
    orphan = e.index[candidates[~_in_courses(check, own_year[candidates], kurs[candidates])]]
    check.add("utvarderingar", orphan, "kurs_id",
              lambda v: f"Kursen ”{v}” finns inte {check.on('kurser')} det året. Rätta "
                        f"{check.header(*EVAL_KURS)} eller {check.header(*EVAL_AR)}.")
    year = own_year.copy()
    year[by_session] = s_year[by_session]
    e["ar"] = year
    e["kurs_id"] = np.where(by_session, s_course, kurs) if len(e) else e["kurs_id"]
    not_held = by_session & ~unknown & ~sessions.take(sessions.held, pos, False).astype(bool)
    check.add("utvarderingar", e.index[not_held], "tillfalle_id",
              f"Utvärdering för ett tillfälle som inte genomfördes. Kontrollera "
              f"{check.header(*EVAL_TILLFALLE)}.", WARNING)
    codes, grades = pd.factorize(pd.Series(e["betyg"], dtype=object), use_na_sentinel=False)
    labels = {norm_name(label): value for value, label in scale.labels.items()}
    resolved = [_grade_value(g, scale, labels) for g in grades]
    allowed = ", ".join(f"{v} {lab}" for v, lab in scale.labels.items())
    foreign = {i: c for i, g in enumerate(grades) if (c := foreign_digit(str(g or "")))}
    for i, char in foreign.items():  # '৪' is 4 to float(): the grade would be read silently
        check.add("utvarderingar", e.index[codes == i], "betyg", foreign_digit_message(char))
    bad = {i for i, (g, v) in enumerate(zip(grades, resolved))
           if v is None and g not in ("", None) and i not in foreign}
    if bad:
        check.add("utvarderingar", e.index[np.isin(codes, list(bad))], "betyg",
                  f"Betyget finns inte i betygsskalan ({allowed}). Skriv ett av värdena.")
    by_code = np.array([-1 if v is None else v for v in resolved], dtype="int64")
    values = by_code[codes] if len(codes) else np.zeros(0, dtype="int64")
    e["varde"] = pd.arrays.IntegerArray(np.where(values < 0, 0, values), values < 0)
    e["mycket_nojd"] = e["varde"].isin(list(scale.very_satisfied))
    e["missnojd"] = e["varde"].isin(list(scale.dissatisfied))


def _grade_value(grade, scale: GradeScale, labels: dict[str, int]) -> int | None:
    if grade in ("", None):
        return None
    text = str(grade).strip()
    if foreign_digit(text):
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return labels.get(norm_name(text))
    return int(number) if number.is_integer() and int(number) in scale.labels else None


def _check_costs_and_texts(check: _Checker) -> None:
    c = check.t["kostnader"]
    kurs = c["kurs_id"].to_numpy(dtype=object)
    bad = c.index[(kurs != "") & c["ar"].notna().to_numpy(dtype=bool)
                  & ~_in_courses(check, c["ar"], kurs)]
    courses = _course_keys(check)
    check.add("kostnader", bad, "kurs_id",
              lambda v: f"Kursen ”{v}” finns inte {check.on('kurser')} det året. Rätta "
                        f"{check.header('kostnader', 'kurs_id')}, eller töm det för en gemensam "
                        "kostnad.")
    negative = pd.to_numeric(c["belopp"], errors="coerce") < 0
    check.add("kostnader", c.index[negative.fillna(False).to_numpy()], "belopp",
              "Negativt belopp: räknas som en kreditering och minskar kostnaden. Kontrollera "
              "att det stämmer.", WARNING)
    t = check.t["texter"]
    named = schema.TEXT_SECTIONS + schema.YEAR_SECTIONS
    t["avsnitt"] = [schema.text_section(a, named) for a in t["avsnitt"]]
    wrong = [row for row, y, a in zip(t.index, t["ar"], t["avsnitt"])
             if a and isinstance(y, int) and a not in named
             and (y, a.removesuffix(schema.EVALUATION)) not in courses]
    check.add("texter", wrong, "avsnitt",
              lambda v: "Okänt avsnitt. Skriv inledning, utbildningsinsatser, allmant, avslutning, "
                        f"id:t för en kurs som finns {check.on('kurser')} samma år, eller id:t "
                        "följt av /utvardering för kursens utvärdering.")
    for_period = [row for row, y, a in zip(t.index, t["ar"], t["avsnitt"])
                  if a and isinstance(y, str) and a not in schema.TEXT_SECTIONS]
    check.add("texter", for_period, "avsnitt",
              "En periods texter kan bara vara inledning, allmant eller avslutning. Skriv ett "
              "av dem, eller ange ett enskilt år för en kurs text.")


def _grade_scale(check: _Checker) -> GradeScale:
    g = check.t["betygsskala"]
    if "betygsskala" not in check.raws or g.empty:
        return GradeScale.default()
    fix = "Varje betyg får bara stå en gång i skalan."
    _duplicates(check, "betygsskala", ["varde"], "Värdet", fix)
    _duplicates(check, "betygsskala", ["etikett"], "Etiketten", fix)
    rows = [(v, lab, bool(good)) for v, lab, good in zip(g["varde"], g["etikett"], g["mycket_nojd"])
            if v is not None and lab]
    return GradeScale({v: lab for v, lab, _ in rows}, frozenset(v for v, _, good in rows if good))


def _settings(check: _Checker) -> Settings:
    values = dict(schema.SETTINGS)
    frame = check.t["installningar"]
    seen: dict[str, int] = {}
    for row, key, value in zip(frame.index, frame["nyckel"], frame["varde"]):
        name = norm_name(key)
        if name not in schema.SETTINGS:
            check.add("installningar", [row], "nyckel",
                      f"Okänd inställning. Kända är {', '.join(schema.SETTINGS)}.", WARNING)
            continue
        if name in seen:
            check.add("installningar", [row], "nyckel", f"Inställningen finns redan på rad "
                      f"{seen[name]}. Ta bort den ena raden.")
        seen.setdefault(name, int(row))
        values[name] = value
    rounding = schema.ROUNDING.get(norm_name(values["avrundning"]))
    if rounding is None:
        _setting_error(check, "avrundning", "Skriv nedat eller narmaste.")
        rounding = "nedat"
    from pk_report.cells import parse_int

    threshold, problem = parse_int(str(values["anonymitetsgrans"]).strip())
    if problem is not None or threshold < 1:  # '²' is a digit to str.isdigit, not to int()
        _setting_error(check, "anonymitetsgrans", "Skriv ett heltal, minst 1 (t.ex. 5).")
        threshold = 5
    elif threshold < MIN_THRESHOLD:  # under three, one evaluator could be picked out
        check.add("installningar", [r for r, k in zip(frame.index, frame["nyckel"])
                                    if norm_name(k) == "anonymitetsgrans"], "varde",
                  f"Anonymitetsgränsen {threshold} är för låg för en rapport som publiceras; "
                  f"rapporten använder {MIN_THRESHOLD}. Skriv minst {MIN_THRESHOLD} "
                  "(standard är 5).", WARNING)
        threshold = MIN_THRESHOLD
    return Settings(values["kommun"].strip(), rounding, threshold,
                    _settings_date(check, values["datum"]), values["diarienummer"].strip())


def _settings_date(check: _Checker, value: object) -> dt.date | None:
    """The optional ``datum``: an ISO date or a date cell (read as its ISO text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    parsed, message = parse_date(text)
    if message:
        _setting_error(check, "datum", message)
    return parsed


def _setting_error(check: _Checker, key: str, message: str) -> None:
    frame = check.t["installningar"]
    rows = [row for row, k in zip(frame.index, frame["nyckel"]) if norm_name(k) == key]
    check.add("installningar", rows, "varde", message)
