"""From an export and the register to a plan: the rows to add per table and the cells to change,
with what the preview shows. Nothing is written here; an answer the register has no value for
stops the import before anything is (``ImportStopped``)."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from pk_report.errors import DataError, UsageError
from pk_report.importing.export import Answer, Export, Skipped
from pk_report.importing.register import PERSON_FIELDS, KnownRow, RegisterView, person_key
from pk_report.importing.values import (FIELD_WORDS, GradeMatcher, Unknown, fold, gender_of,
                                        grade_of, mapping_lines, present_of, session_of)
from pk_report.problems import Problem
from pk_report.schema import YES_NO
from pk_report.suggest import Suggester
from pk_report.swedish import join, number_word

TARGETS = ("utvarderingar", "deltagare")
# Fields of an evaluation that say nothing about who answered: the content an answer without
# a response id is identified by (never a name or an e-mail address).
ANONYMOUS_FIELDS = ("tillfalle", "kurs_id", "ar", "kon", "betyg", "kommentar")


@dataclass(frozen=True)
class Options:
    tillfalle: str | None = None
    kurs: str | None = None
    ar: int | None = None
    till: str | None = None
    mapping: bool = False  # the clerk gave a mapping (--karta)


@dataclass
class NewRow:
    table: str
    values: dict[str, object]  # contract column -> value (betyg and ar as int, else text)
    source_row: int  # the export's row, for messages


@dataclass
class Update:
    table: str
    row: int  # the register's row as the clerk sees it
    column: str
    value: str


@dataclass
class SessionPreview:
    """What the import does for one session (or one course and year)."""

    label: str
    added: int = 0
    grades: Counter = field(default_factory=Counter)
    no_grade: int = 0
    already_imported: int = 0
    signed_up: int = 0  # persons already signed up (present already, or marked present now)
    marked_present: int = 0
    known: int = 0  # persons known from other sessions, added with their details copied
    new: list[str] = field(default_factory=list)  # persons new to the register


@dataclass
class ImportPlan:
    export: Export
    target: str
    register: RegisterView
    rows: list[NewRow] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    sessions: dict[str, SessionPreview] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.rows) + len(self.updates)

    @property
    def new_persons(self) -> list[str]:
        return [name for s in self.sessions.values() for name in s.new]


class ImportStopped(DataError):
    """Answers the register has no value for: nothing is written."""


def svar_id(form_identity: str, response_id: str, content: tuple[str, ...] = (),
            occurrence: int = 0) -> str:
    """A short hash that identifies one answer of one export: of the form's identity and the
    response's id, or, when the export has no id, of the answer's anonymous content and how
    many identical answers came before it. Never of a name or an e-mail address."""
    parts = [form_identity, "svar", response_id] if response_id else \
        [form_identity, "innehåll", *content, str(occurrence)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def build_plan(export: Export, register: RegisterView, options: Options) -> ImportPlan:
    target = options.till or export.target
    if target not in TARGETS:
        raise UsageError(f"--till {target} finns inte. Skriv --till utvarderingar eller "
                         "--till deltagare.")
    fixed = _fixed_session(register, options, target)
    plan = ImportPlan(export, target, register, skipped=list(export.skipped))
    unknown: list[Unknown] = []
    if target == "utvarderingar":
        _plan_evaluations(plan, fixed, unknown)
    else:
        _plan_attendance(plan, fixed, unknown)
    if unknown:
        raise _stopped(export, register, unknown, options.mapping or export.kind == "karta")
    return plan


# --- the session -------------------------------------------------------------------------

def _fixed_session(register: RegisterView, options: Options, target: str):
    """('tillfalle', id) or ('kurs', (kurs_id, year)) from the command line, or None."""
    if options.tillfalle is not None:
        if options.kurs is not None or options.ar is not None:
            raise UsageError("Ange antingen --tillfalle eller --kurs och --ar, inte båda.")
        sid = options.tillfalle.strip()
        if sid not in register.sessions:
            hint = Suggester(register.sessions).sentence(sid)
            raise UsageError(f"Tillfället ”{sid}” finns inte i registret. Rätta id:t efter "
                             f"--tillfalle (det ska stå i bladet tillfallen).{hint}")
        return ("tillfalle", sid)
    if options.kurs is not None or options.ar is not None:
        if options.kurs is None or options.ar is None:
            raise UsageError("--kurs och --ar hör ihop: ange båda, t.ex. --kurs genus --ar 2010.")
        if target == "deltagare":
            raise UsageError("Närvaro hör till ett tillfälle, inte till en hel kurs. Ange "
                             "--tillfalle ID i stället för --kurs och --ar.")
        kurs = options.kurs.strip()
        if (options.ar, kurs) not in register.courses:
            same_year = [c for y, c in register.courses if y == options.ar]
            hint = Suggester(same_year).sentence(kurs)
            raise UsageError(f"Kursen ”{kurs}” finns inte i registret år {options.ar}. Rätta "
                             f"--kurs eller --ar (kursen ska stå i bladet kurser).{hint}")
        return ("kurs", (kurs, options.ar))
    return None


def _session(plan: ImportPlan, fixed, answer: Answer, unknown: list[Unknown]):
    """The answer's session: the command line's, the mapped session column's, or the course
    and year the answer itself names."""
    if fixed is not None:
        return fixed
    raw = answer.values.get("tillfalle", "").strip()
    if raw:
        found = session_of(plan.export, raw, answer.row, plan.register.sessions)
        if isinstance(found, Unknown):
            unknown.append(found)
            return None
        return ("tillfalle", found)
    kurs, year = answer.values.get("kurs_id", "").strip(), answer.values.get("ar", "").strip()
    if kurs and year.isdigit() and plan.target == "utvarderingar":
        return ("kurs", (kurs, int(year)))
    raise UsageError(f"Exporten {plan.export.path.name} säger inte vilket tillfälle svaret på "
                     f"rad {answer.row} hör till. Ange --tillfalle ID (eller --kurs ID --ar ÅR "
                     "för en kurs), eller peka ut frågan om tillfälle i kartan (tillfalle = "
                     "”rubriken”).")


def _label(session) -> str:
    kind, value = session
    return value if kind == "tillfalle" else f"{value[0]} {value[1]}"


def _preview(plan: ImportPlan, session) -> SessionPreview:
    label = _label(session)
    if label not in plan.sessions:
        plan.sessions[label] = SessionPreview(label)
    return plan.sessions[label]


# --- evaluations -------------------------------------------------------------------------

def _plan_evaluations(plan: ImportPlan, fixed, unknown: list[Unknown]) -> None:
    export, register = plan.export, plan.register
    matcher = GradeMatcher(register.scale)
    seen: set[str] = set()
    occurrences: Counter = Counter()
    for answer in export.answers:
        session = _session(plan, fixed, answer, unknown)
        grade = grade_of(export, matcher, answer)
        gender = gender_of(export, answer.values.get("kon", ""), answer.row)
        for found in (grade, gender):
            if isinstance(found, Unknown):
                unknown.append(found)
        if session is None or isinstance(grade, Unknown) or isinstance(gender, Unknown):
            continue
        content = tuple(f"{f}={fold(answer.values.get(f, ''))}" for f in ANONYMOUS_FIELDS)
        if answer.response_id:
            key = svar_id(export.form_identity, answer.response_id)
        else:
            key = svar_id(export.form_identity, "", content, occurrences[content])
            occurrences[content] += 1
        preview = _preview(plan, session)
        if key in register.svar_ids or key in seen:
            preview.already_imported += 1
            continue
        if grade is None:
            preview.no_grade += 1
            continue
        seen.add(key)
        values: dict[str, object] = {"kon": gender, "betyg": grade,
                                     "kommentar": answer.values.get("kommentar", "").strip(),
                                     "svar_id": key}
        kind, where = session
        if kind == "tillfalle":
            values["tillfalle_id"] = where
        else:
            values["kurs_id"], values["ar"] = where
        plan.rows.append(NewRow("utvarderingar", values, answer.row))
        preview.added += 1
        preview.grades[grade] += 1


# --- attendance --------------------------------------------------------------------------

def _plan_attendance(plan: ImportPlan, fixed, unknown: list[Unknown]) -> None:
    export = plan.export
    people: dict[tuple, tuple[Answer, bool]] = {}  # (session, person) -> first answer, present
    for answer in export.answers:
        name = answer.values.get("namn", "").strip()
        email = answer.values.get("email", "").strip()
        if not name:
            plan.skipped.append(Skipped(answer.row, "", "utan namn (en e-postadress sparas "
                                                        "aldrig i registret)"))
            continue
        session = _session(plan, fixed, answer, unknown)
        present = present_of(export, answer.values.get("narvarande", ""), answer.row)
        gender = gender_of(export, answer.values.get("kon", ""), answer.row)
        for found in (present, gender):
            if isinstance(found, Unknown):
                unknown.append(found)
        if session is None or isinstance(present, Unknown) or isinstance(gender, Unknown):
            continue
        who = ("email", email.casefold()) if email else ("namn", person_key(name))
        key = (session, who)
        if key in people:  # joined more than once: one row, present if any row says so
            first, was_present = people[key]
            people[key] = (first, was_present or present)
        else:
            people[key] = (answer, present)
    for (session, _), (answer, present) in people.items():
        _plan_person(plan, session, answer, present)


def _known_rows(register: RegisterView, answer: Answer) -> list[KnownRow]:
    """The register's rows of the person: by e-mail (a register that uses it as the person's
    id), else by name."""
    email = answer.values.get("email", "").strip()
    if email and person_key(email) in register.persons:
        return register.persons[person_key(email)]
    return register.persons.get(person_key(answer.values.get("namn", "")), [])


def _plan_person(plan: ImportPlan, session, answer: Answer, present: bool) -> None:
    preview = _preview(plan, session)
    sid = session[1]
    known = _known_rows(plan.register, answer)
    here = [r for r in known if r.tillfalle_id == sid]
    if here:
        preview.signed_up += 1
        came = [YES_NO.get(fold(r.values.get("narvarande", "")) or "ja") for r in here]
        if present and not any(v is True for v in came):
            plan.updates.append(Update("deltagare", here[0].row, "narvarande", "ja"))
            preview.marked_present += 1
        return
    values: dict[str, object] = {"tillfalle_id": sid, "namn": answer.values["namn"].strip(),
                                 "narvarande": "ja" if present else "nej"}
    if known:
        for column in PERSON_FIELDS:
            filled = [r.values.get(column, "") for r in known if r.values.get(column, "")]
            values[column] = filled[-1] if filled else ""
        preview.known += 1
    else:
        values["kon"] = gender_of(plan.export, answer.values.get("kon", ""), answer.row)
        for column in ("organisation", "organisationstyp", "roll"):
            values[column] = answer.values.get(column, "").strip()
        preview.new.append(values["namn"])
    plan.rows.append(NewRow("deltagare", values, answer.row))
    preview.added += 1


# --- stopping ----------------------------------------------------------------------------

def _column_index(letter: str) -> int | None:
    """0-based, from 'C' or from '3' (a CSV file's third column, C when Excel opens it)."""
    if letter.isdigit():
        return int(letter) - 1 if int(letter) > 0 else None
    if not letter or not letter.isalpha():
        return None
    index = 0
    for ch in letter.upper():
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


def _stopped(export: Export, register: RegisterView, unknown: list[Unknown],
             mapped: bool) -> ImportStopped:
    first: dict[tuple[str, str], Unknown] = {}
    counts: Counter = Counter()
    for u in unknown:
        first.setdefault((u.field, u.value), u)
        counts[(u.field, u.value)] += 1
    problems = []
    for (name, value), u in first.items():
        header = export.columns.get(name, name)
        more = counts[(name, value)] - 1
        also = f" (och på {number_word(more)} {'rad' if more == 1 else 'rader'} till)" if more else ""
        problems.append(Problem("", str(export.path), u.row, header, value,
                                f"{_why(name, register)}{also}", export.sheet or None,
                                col=_column_index(export.column_letters.get(name, ""))))
    lines = []
    for name in dict.fromkeys(n for n, _ in first):
        values = [v for n, v in first if n == name]
        lines.append(mapping_lines(name, values, "?"))
    fields = join([FIELD_WORDS.get(n, n) for n in dict.fromkeys(n for n, _ in first)])
    where = ("Lägg till raderna i kartan" if mapped else
             "Skriv en karta (pk-report importera FIL --prova skriver en att börja från), lägg "
             "till raderna i den och ange den med --karta")
    message = (f"Importen stoppades: {number_word(len(first), 'ett')} svar ({fields}) går inte att översätta till registrets värden. Inget har skrivits. "
               f"{where}; byt ? mot rätt värde:\n\n" + "\n\n".join(lines))
    return ImportStopped(message, problems)


def _why(name: str, register: RegisterView) -> str:
    if name == "betyg":
        allowed = ", ".join(f"{v} {label}" for v, label in register.scale.labels.items())
        return f"Svaret finns inte i registrets betygsskala ({allowed}) eller i kartan."
    if name == "kon":
        return "Svaret är inte kvinna, man, annat eller ”Vill inte uppge”, och kartan säger inget."
    if name == "tillfalle":
        return "Tillfället finns inte i registret och kartan översätter det inte till ett id."
    return "Svaret går inte att tolka som ja eller nej, och kartan säger inget."
