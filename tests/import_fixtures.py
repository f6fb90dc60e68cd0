"""Exports as the survey and meeting tools write them, made from the bundled sample's sessions.

Each function writes one export (and, for the tools without a layout of their own, its
mapping) into a folder and returns a ``Fixture``: where the file is, the session(s) it belongs
to, and what the register should hold after importing it, in the register's own terms
(``kon`` K/M/"" and ``betyg`` 1–4 for evaluations; ``namn`` for attendance). The answers are
the sample's own answers for those sessions (``sample_data/utvarderingar.csv``), so importing
an export into a register from which the session's rows were removed gives the sample's
figures back.

``upto`` keeps only the first answers: an earlier export of the same form, for tests of
importing a grown export.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pk_report.bundled import sample_data_dir

EVENINGS = ("2010-S1-1", "2010-S1-2", "2010-S1-3", "2010-S1-4")  # the 2010 evening sessions
LABELS = {"1": "Underkänt", "2": "Godkänt", "3": "Mer än godkänt", "4": "Utmärkt"}
GENDER_SV = {"K": "Kvinna", "M": "Man", "": "Vill inte uppge"}
GENDER_EN = {"K": "Woman", "M": "Man", "": "Prefer not to say"}
LIKERT = ("Instämmer helt", "Instämmer delvis", "Tar delvis avstånd", "Tar helt avstånd")


@dataclass
class Fixture:
    path: Path
    sessions: tuple[str, ...]
    expected: list[dict[str, str]]      # register terms, one per answer or person, in order
    mapping: Path | None = None
    skipped: list[str] = field(default_factory=list)   # display names a reader should skip
    personal: list[str] = field(default_factory=list)  # names/addresses that must never be
                                                       # stored in utvarderingar


def _sample(table: str) -> list[dict[str, str]]:
    with open(sample_data_dir() / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def sample_evaluations(session: str) -> list[dict[str, str]]:
    """The sample's evaluations of a session: tillfalle_id, kon, betyg, kommentar."""
    return [{"tillfalle_id": r["tillfalle_id"], "kon": r["kon"], "betyg": r["betyg"],
             "kommentar": r["kommentar"]}
            for r in _sample("utvarderingar") if r["tillfalle_id"] == session]


def sample_participants(session: str, present: bool = True) -> list[dict[str, str]]:
    """The sample's sign-ups of a session (only those present, by default)."""
    return [r for r in _sample("deltagare") if r["tillfalle_id"] == session and
            (not present or r["narvarande"] != "nej")]


def session_date(session: str) -> dt.date:
    for r in _sample("tillfallen"):
        if r["tillfalle_id"] == session:
            return dt.date.fromisoformat(r["datum"])
    raise KeyError(session)


def _evening(session: str, minutes: int) -> dt.datetime:
    return dt.datetime.combine(session_date(session), dt.time(21, 0)) + \
        dt.timedelta(minutes=minutes)


def _limit(rows: list, upto: int | None) -> list:
    return rows if upto is None else rows[:upto]


# -- Microsoft Forms (.xlsx) -------------------------------------------------------------------

FORMS_EN = ("ID", "Start time", "Completion time", "Email", "Name")
FORMS_SV = ("ID", "Starttid", "Tid för slutförande", "E-post", "Namn", "Senaste ändringstid")


def _workbook(path: Path, sheet: str, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for cell in ws["B"][1:] + ws["C"][1:]:
        cell.number_format = "m/d/yy h:mm:ss"
    wb.save(path)


def forms_english(folder: Path, session: str = "2010-S1-1", upto: int | None = None) -> Fixture:
    """A Forms export from an English-language account: anonymous responses, the grade as the
    scale's labels, a Likert question (one column per statement), gender and a comment."""
    answers = _limit(sample_evaluations(session), upto)
    statements = ("Innehållet var relevant för mitt uppdrag", "Tiden räckte till")
    header = [*FORMS_EN, "Vilket betyg ger du utbildningen som helhet?",
              *statements, "Kön", "Övriga synpunkter"]
    rows: list[list[object]] = [header]
    for i, a in enumerate(answers):
        start = _evening(session, 3 * i)
        rows.append([i + 1, start, start + dt.timedelta(minutes=2), "anonymous", None,
                     LABELS[a["betyg"]], LIKERT[i % 4], LIKERT[(i + 1) % 4],
                     GENDER_SV[a["kon"]], a["kommentar"] or None])
    path = folder / f"Utvärdering av kvällen(1-{len(answers)}).xlsx"
    _workbook(path, "Sheet1", rows)
    return Fixture(path, (session,), [_register(a) for a in answers])


def forms_swedish(folder: Path, session: str = "2010-S1-2", upto: int | None = None) -> Fixture:
    """A Forms export from a Swedish account, of a form that required sign-in (so e-mail and
    name are filled: they must never reach the register), with ``Senaste ändringstid``, the
    grade as the numbers 1–4, and the gender question before the grade."""
    answers = _limit(sample_evaluations(session), upto)
    header = [*FORMS_SV, "Kön", "Betyg på kvällen (1 = underkänt, 4 = utmärkt)",
              "Vad tar du med dig?"]
    rows: list[list[object]] = [header]
    personal = []
    for i, a in enumerate(answers):
        start = _evening(session, 2 * i)
        email, name = f"ledamot{i + 1}@kommun.example", f"Ledamot Nummer{i + 1}"
        personal += [email, name]
        rows.append([i + 1, start, start + dt.timedelta(minutes=4), email, name, None,
                     GENDER_SV[a["kon"]], int(a["betyg"]), a["kommentar"] or None])
    path = folder / "Kvällsutvärdering.xlsx"
    _workbook(path, "Blad1", rows)
    return Fixture(path, (session,), [_register(a) for a in answers], personal=personal)


def forms_quiz(folder: Path, session: str = "2010-S1-3", upto: int | None = None) -> Fixture:
    """A Forms quiz: ``Total points``, ``Quiz feedback`` and per-question ``Points - …`` and
    ``Feedback - …`` columns (points 1–4 that look like grades, and must not be taken for
    one), the questions in another order than the form's."""
    answers = _limit(sample_evaluations(session), upto)
    quiz = "Vilket år antogs kommunallagen?"
    header = [*FORMS_EN, "Total points", "Quiz feedback", "Gender", f"Points - {quiz}",
              f"Feedback - {quiz}", quiz, "Hur nöjd är du med kvällen?"]
    rows: list[list[object]] = [header]
    for i, a in enumerate(answers):
        start = _evening(session, i)
        right = i % 3 != 0
        rows.append([i + 1, start, start + dt.timedelta(minutes=6), "anonymous", None,
                     4 if right else 1, None, GENDER_EN[a["kon"]], 4 if right else 1,
                     "Rätt!" if right else "Se bilderna från kvällen.",
                     "2017" if right else "1991", LABELS[a["betyg"]].upper()])
    path = folder / "Quiz steg 1.xlsx"
    _workbook(path, "Sheet1", rows)
    return Fixture(path, (session,), [_register(a, comment=False) for a in answers])


def forms_bulk(folder: Path, count: int = 5000, session: str = "2010-S1-1") -> Fixture:
    """A large Forms export for the benchmark: the session's sample answers over and over,
    ``count`` responses in all, each with its own number and times."""
    base = sample_evaluations(session)
    answers = [base[i % len(base)] for i in range(count)]
    header = [*FORMS_EN, "Vilket betyg ger du utbildningen som helhet?", "Kön",
              "Övriga synpunkter"]
    rows: list[list[object]] = [header]
    for i, a in enumerate(answers):
        start = _evening(session, 0) + dt.timedelta(seconds=7 * i)
        rows.append([i + 1, start, start + dt.timedelta(minutes=2), "anonymous", None,
                     LABELS[a["betyg"]], GENDER_SV[a["kon"]], a["kommentar"] or None])
    path = folder / f"Utvärdering, många svar(1-{count}).xlsx"
    _workbook(path, "Sheet1", rows)
    return Fixture(path, (session,), [_register(a) for a in answers])


# -- Google Forms (.csv) -----------------------------------------------------------------------

def google_csv(folder: Path, session: str = "2010-S1-4", upto: int | None = None) -> Fixture:
    """A Google Forms CSV (UTF-8, commas): ``Tidstämpel``, the collected e-mail address, a grid
    question (``Fråga [rad]``), checkboxes joined with ", ", a comment over two lines."""
    answers = _limit(sample_evaluations(session), upto)
    header = ["Tidstämpel", "E-postadress", "Hur var kvällen? [Innehållet]",
              "Hur var kvällen? [Upplägget]", "Vilket betyg ger du kvällen?",
              "Vad var mest givande?", "Kön", "Övriga kommentarer"]
    rows = [header]
    personal = []
    for i, a in enumerate(answers):
        when = _evening(session, 5 * i)
        email = f"svarande{i + 1}@example.org"
        personal.append(email)
        best = ", ".join(["Föreläsningen", "Diskussionen"][: 1 + i % 2])
        comment = a["kommentar"]
        if i == 1:
            comment = "Bra kväll.\nMer tid för frågor, tack!"
        rows.append([when.strftime("%Y/%m/%d %-I:%M:%S %p") + " CET", email,
                     ["Mycket bra", "Bra"][i % 2], ["Bra", "Mindre bra"][i % 2],
                     a["betyg"], best, GENDER_SV[a["kon"]], comment])
    path = folder / "Utvärdering kväll 4 (svar).csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    expected = [_register(a) for a in answers]
    if len(expected) > 1:
        expected[1]["kommentar"] = "Bra kväll.\nMer tid för frågor, tack!"
    return Fixture(path, (session,), expected, personal=personal)


# -- Microsoft Teams attendance (.csv, UTF-16 with tabs) --------------------------------------

TEAMS_EN = {
    "summary": "1. Summary", "title": "Meeting title", "count": "Attended participants",
    "start": "Start time", "end": "End time", "participants": "2. Participants",
    "header": ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email",
               "Participant ID (UPN)", "Role"],
    "activities": "3. In-Meeting Activities",
    "activity_header": ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"],
    "organizer": "Organizer", "attendee": "Attendee", "guest": "(External)",
    "unverified": "(Unverified)",
}
TEAMS_SV = {
    "summary": "1. Sammanfattning", "title": "Mötesrubrik", "count": "Deltagare som deltog",
    "start": "Starttid", "end": "Sluttid", "participants": "2. Deltagare",
    "header": ["Namn", "Första anslutning", "Senaste utträde", "Tid i mötet", "E-post",
               "Deltagar-ID (UPN)", "Roll"],
    "activities": "3. Aktiviteter i mötet",
    "activity_header": ["Namn", "Anslutningstid", "Lämnade", "Varaktighet", "E-post", "Roll"],
    "organizer": "Organisatör", "attendee": "Deltagare", "guest": "(Extern)",
    "unverified": "(Overifierad)",
}
NEW_PERSON = "P1999"  # in no session of the sample: a person the register does not know


def _teams_time(moment: dt.datetime) -> str:
    return moment.strftime("%-m/%-d/%y, %-I:%M:%S %p")


def _utf16(path: Path, rows: list[list[str]]) -> None:
    text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode("utf-16"))  # with BOM, little-endian, as Teams writes it


def teams_report(folder: Path, session: str = "2010-S1-1", language: str = "en") -> Fixture:
    """The current attendance report, in English or Swedish: the persons present at the session
    in the sample, a new person, one person who left and rejoined, an organizer, a guest, an
    unverified caller and a note-taking bot."""
    words = TEAMS_EN if language == "en" else TEAMS_SV
    people = [p["namn"] for p in sample_participants(session)] + [NEW_PERSON]
    start = dt.datetime.combine(session_date(session), dt.time(18, 0))
    end = start + dt.timedelta(hours=2, minutes=30)
    rows = [[words["summary"]], [words["title"], "Politikerutbildning steg 1 – kväll"],
            [words["count"], str(len(people) + 4)], [words["start"], _teams_time(start)],
            [words["end"], _teams_time(end)], [], [words["participants"]], words["header"]]

    def person(name: str, email: str, role: str, k: int) -> list[str]:
        join = start + dt.timedelta(seconds=20 * k)
        return [name, _teams_time(join), _teams_time(end), "2h 29m", email, email, role]

    rows.append(person("Kansliet Utbildning", "utbildning@kommun.example", words["organizer"],
                       0))
    for k, name in enumerate(people, start=1):
        rows.append(person(name, f"{name.lower()}@kommun.example", words["attendee"], k))
    extras = [f"Eva Gäst {words['guest']}", f"+46701234567 {words['unverified']}",
              "Fireflies.ai Notetaker"]
    for k, name in enumerate(extras, start=len(people) + 1):
        rows.append(person(name, "", words["attendee"], k))
    rows += [[], [words["activities"]], words["activity_header"]]
    for k, name in enumerate(people[:3]):
        join = start + dt.timedelta(seconds=20 * k)
        email = f"{name.lower()}@kommun.example"
        rows.append([name, _teams_time(join), _teams_time(join + dt.timedelta(minutes=40)),
                     "40m", email, words["attendee"]])
        rows.append([name, _teams_time(join + dt.timedelta(minutes=45)), _teams_time(end),
                     "1h 45m", email, words["attendee"]])
    path = folder / f"meetingAttendanceReport({session}).csv"
    _utf16(path, rows)
    return Fixture(path, (session,), [{"namn": n} for n in people],
                   skipped=["Kansliet Utbildning", *extras])


def teams_list(folder: Path, session: str = "2010-S1-2") -> Fixture:
    """The older attendance list: ``Full Name``, ``User Action``, ``Timestamp``, one row per
    join and leave (a person who rejoined appears four times), a guest among them."""
    people = [p["namn"] for p in sample_participants(session)]
    start = dt.datetime.combine(session_date(session), dt.time(18, 0))
    rows = [["Full Name", "User Action", "Timestamp"]]
    for k, name in enumerate(people):
        rows.append([name, "Joined", _teams_time(start + dt.timedelta(seconds=15 * k))])
        if k == 0:
            rows.append([name, "Left", _teams_time(start + dt.timedelta(minutes=30))])
            rows.append([name, "Joined", _teams_time(start + dt.timedelta(minutes=32))])
        rows.append([name, "Left", _teams_time(start + dt.timedelta(hours=2, seconds=k))])
    rows.append(["Olle Gäst (External)", "Joined", _teams_time(start)])
    path = folder / "AttendanceList.csv"
    _utf16(path, rows)
    return Fixture(path, (session,), [{"namn": n} for n in people],
                   skipped=["Olle Gäst (External)"])


# -- Tools without a layout of their own: a mapping says which column is which -----------------

LIME_CODES = {"1": "A4", "2": "A3", "3": "A2", "4": "A1"}  # LimeSurvey's codes, best first
LIME_SESSIONS = {s: f"T{i}" for i, s in enumerate(EVENINGS, start=1)}


def limesurvey(folder: Path, sessions: tuple[str, ...] = ("2010-S1-3", "2010-S1-4"),
               upto: int | None = None) -> Fixture:
    """A LimeSurvey response export with question codes as headers and answer codes as values,
    saved by Swedish Excel (``;``, Windows-1252); the session is a question of the form. The
    mapping recodes grades, gender and sessions."""
    answers = _limit([a for s in sessions for a in sample_evaluations(s)], upto)
    rows = [["id", "submitdate", "lastpage", "startlanguage", "seed", "tillf", "betyg", "kon",
             "kommentar"]]
    for i, a in enumerate(answers, start=1):
        when = _evening(a["tillfalle_id"], i)
        rows.append([str(i), when.strftime("%Y-%m-%d %H:%M:%S"), "2", "sv", str(1000 + i),
                     LIME_SESSIONS[a["tillfalle_id"]], LIME_CODES[a["betyg"]],
                     {"K": "F", "M": "M", "": ""}[a["kon"]], a["kommentar"]])
    path = folder / "results-survey482911.csv"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\r\n").writerows(rows)
    mapping = folder / "limesurvey.toml"
    session_lines = "\n".join(f'"{code}" = "{s}"' for s, code in LIME_SESSIONS.items())
    mapping.write_text(f"""# LimeSurvey: frågekoder som rubriker, svarskoder som värden
rubrikrader = 1
avgransare = ";"
till = "utvarderingar"

[kolumner]
betyg = "betyg"
kon = "kon"
kommentar = "kommentar"
tillfalle = "tillf"
svar = "id"

[omkodning.betyg]
"A1" = "4"
"A2" = "3"
"A3" = "2"
"A4" = "1"

[omkodning.kon]
"F" = "kvinna"
"M" = "man"

[omkodning.tillfalle]
{session_lines}
""", encoding="utf-8")
    expected = [{**_register(a), "tillfalle_id": a["tillfalle_id"]} for a in answers]
    return Fixture(path, tuple(sessions), expected, mapping=mapping)


MONKEY_SCALE = {"4": "Mycket nöjd", "3": "Ganska nöjd", "2": "Ganska missnöjd",
                "1": "Mycket missnöjd"}


def surveymonkey(folder: Path, session: str = "2010-S1-1", upto: int | None = None) -> Fixture:
    """A SurveyMonkey CSV with its two header rows (question titles, then ``Response`` or each
    option of a multiple-choice question under its title), respondents' names, e-mail and IP
    addresses, and its own grade words, which the mapping recodes."""
    answers = _limit(sample_evaluations(session), upto)
    top = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
           "Email Address", "First Name", "Last Name", "Custom Data 1",
           "Hur nöjd är du med utbildningen som helhet?", "Kön", "Vad var bäst?", "", "",
           "Övriga synpunkter"]
    sub = ["", "", "", "", "", "", "", "", "", "Response", "Response", "Föreläsningen",
           "Diskussionerna", "Other (please specify)", "Open-Ended Response"]
    rows = [top, sub]
    personal = []
    for i, a in enumerate(answers):
        when = _evening(session, 4 * i)
        first, last, email = "Förnamn", f"Efternamn{i + 1}", f"person{i + 1}@example.net"
        personal += [email, f"Efternamn{i + 1}"]
        rows.append([str(11826000000 + i), "404000001", when.strftime("%m/%d/%Y %I:%M:%S %p"),
                     (when + dt.timedelta(minutes=3)).strftime("%m/%d/%Y %I:%M:%S %p"),
                     f"192.0.2.{i + 1}", email, first, last, "", MONKEY_SCALE[a["betyg"]],
                     GENDER_SV[a["kon"]], "Föreläsningen" if i % 2 else "",
                     "Diskussionerna", "", a["kommentar"]])
    path = folder / "Data_All_101109.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    mapping = folder / "surveymonkey.toml"
    mapping.write_text("""# SurveyMonkey: två rubrikrader
rubrikrader = 2

[kolumner]
betyg = "Hur nöjd är du med utbildningen som helhet?"
kon = "Kön"
kommentar = "Övriga synpunkter"
svar = "Respondent ID"

[omkodning.betyg]
"Mycket nöjd" = "4"
"Ganska nöjd" = "3"
"Ganska missnöjd" = "2"
"Mycket missnöjd" = "1"
""", encoding="utf-8")
    return Fixture(path, (session,), [_register(a) for a in answers], mapping=mapping,
                   personal=personal)


def _register(a: dict[str, str], comment: bool = True) -> dict[str, str]:
    out = {"kon": a["kon"], "betyg": a["betyg"]}
    if comment:
        out["kommentar"] = a["kommentar"]
    return out


ALL_EVALUATIONS = (forms_english, forms_swedish, forms_quiz, google_csv, limesurvey,
                   surveymonkey)
ALL_ATTENDANCE = (teams_report, teams_list)
