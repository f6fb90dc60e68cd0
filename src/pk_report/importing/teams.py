"""Microsoft Teams attendance reports, found by their shape, in any language.

The current report has sections (``1. Summary`` with key/value rows, ``2. Participants`` with
one row per person, ``3. In-Meeting Activities`` with one row per join); the older one is one
list ``Full Name / User Action / Timestamp``. Titles and headers follow the account's language,
so the participants are found as the first block of rows that has a name column, a column of
e-mail addresses and a column of times. Everyone is read once however often they joined;
guests, unverified users, note-taking bots and the meeting's organizer are skipped and listed.
"""

from __future__ import annotations

import re

from .assemble import digest
from .model import Answer, Export, Skipped
from .forms import is_datetime
from .grid import Grid, column_letter
from .mapping import Mapping
from .questions import fold

_GUEST = re.compile(r"\((external|extern|extern användare|gäst|guest|gast|vieras|ulkoinen)\)",
                    re.IGNORECASE)
_UNVERIFIED = re.compile(r"\((unverified|overifierad|ej verifierad|nicht verifiziert|"
                         r"uverificeret|ubekreftet|vahvistamaton)\)", re.IGNORECASE)
_BOT = re.compile(r"notetaker|note taker|otter\.ai|fireflies|read\.ai|fathom|tl;?dv|"
                  r"\bbot\b|meeting notes|anteckningsbot|recorder|transkri", re.IGNORECASE)
ORGANIZER = {"organizer", "organisatör", "organisator", "organisaattori", "organisateur",
             "arrangör", "anordnare", "järjestäjä", "organizador", "organizzatore"}
ROLES = ORGANIZER | {"presenter", "attendee", "presentatör", "deltagare", "deltaker",
                     "teilnehmer", "osallistuja", "esittäjä", "moderator", "co-organizer",
                     "medorganisatör", "participant", "referent", "præsentationsvært"}
EMAIL_WORDS = ("email", "e-post", "e-mail", "sähköposti", "courriel")
_DURATION = re.compile(r"^(\d+\s*[a-zåäöt]+\s*)+$|^\d+:\d{2}(:\d{2})?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def _blocks(grid: Grid) -> list[tuple[int, int]]:
    """Runs of rows (start, end) with two or more cells, split by blank or one-cell rows."""
    out, start = [], None
    for i, row in enumerate(grid.rows):
        wide = sum(1 for c in row if c.strip()) >= 2
        if wide and start is None:
            start = i
        elif not wide and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(grid.rows)))
    return out


def _column(grid: Grid, start: int, end: int, j: int) -> list[str]:
    return [grid.cell(i, j) for i in range(start + 1, end)]


def _participants(grid: Grid) -> dict | None:
    """The participants block: header row, rows, and the name/e-mail/role columns."""
    for start, end in _blocks(grid):
        if end - start < 2:
            continue
        header = [fold(h) for h in grid.rows[start]]
        width = len(header)
        if width < 3:
            continue
        times = [j for j in range(width)
                 if _filled(grid, start, end, j) and
                 all(is_datetime(v) for v in _column(grid, start, end, j) if v)]
        mails = [j for j in range(width)
                 if _filled(grid, start, end, j) and
                 all(_EMAIL.match(v) for v in _column(grid, start, end, j) if v)]
        if not times:
            continue
        if width == 3 and not mails:  # the older list: Full Name, User Action, Timestamp
            actions = {fold(v) for v in _column(grid, start, end, 1) if v}
            if times == [2] and 1 <= len(actions) <= 6:
                return {"start": start, "end": end, "name": 0, "email": None, "role": None,
                        "layout": "lista"}
            continue
        if not mails or 0 in times or 0 in mails:
            continue
        durations = [j for j in range(width) if _filled(grid, start, end, j) and all(
            _DURATION.match(v) for v in _column(grid, start, end, j) if v)]
        role = next((j for j in range(width) if _filled(grid, start, end, j) and all(
            fold(v) in ROLES for v in _column(grid, start, end, j) if v)), None)
        if not durations and role is None:
            continue
        email = next((j for j in mails if any(w in header[j] for w in EMAIL_WORDS)), mails[0])
        return {"start": start, "end": end, "name": 0, "email": email, "role": role,
                "layout": "deltagare"}
    return None


def _filled(grid: Grid, start: int, end: int, j: int) -> bool:
    return any(_column(grid, start, end, j))


def looks_like(grid: Grid) -> bool:
    return _participants(grid) is not None and not _is_form(grid)


def _is_form(grid: Grid) -> bool:
    from . import forms, google

    return forms.looks_like(grid) or google.looks_like(grid)


def read(grid: Grid, mapping: Mapping | None) -> Export:
    found = _participants(grid)
    assert found is not None
    start, end = found["start"], found["end"]
    summary = [f"{r[0]}={r[1]}" for r in grid.rows[:start] if len(r) >= 2]
    first_time = next((c for c in grid.rows[start + 1] if is_datetime(c)), "")
    identity = "teams:" + digest(*(summary or [first_time]))
    guests = bool(mapping and mapping.guests)
    organizer = bool(mapping and mapping.organizer)
    seen: set[str] = set()
    answers: list[Answer] = []
    skipped: list[Skipped] = []
    for i in range(start + 1, end):
        name = grid.cell(i, found["name"]).strip()
        email = grid.cell(i, found["email"]).strip() if found["email"] is not None else ""
        if not name and not email:
            continue
        key = email.casefold() or fold(name)
        if key in seen:
            continue
        seen.add(key)
        reason = _skip_reason(name, grid.cell(i, found["role"]) if found["role"] is not None
                              else "", guests, organizer)
        if reason:
            skipped.append(Skipped(grid.numbers[i], name or email, reason))
            continue
        values = {"namn": _plain_name(name), "narvarande": "ja"}
        if email:
            values["email"] = email
        answers.append(Answer(grid.numbers[i], "", values))
    columns = {"namn": grid.rows[start][found["name"]]}
    letters = {"namn": _letter(grid, found["name"])}
    if found["email"] is not None:
        columns["email"] = grid.rows[start][found["email"]]
        letters["email"] = _letter(grid, found["email"])
    return Export(path=grid.path, kind="teams", target=mapping.target if mapping and
                  mapping.target else "deltagare", form_identity=identity, columns=columns,
                  column_letters=letters, answers=tuple(answers),
                  recode=dict(mapping.recode) if mapping else {}, skipped=tuple(skipped),
                  sheet=grid.sheet)


def _letter(grid: Grid, j: int) -> str:
    return column_letter(j) if grid.is_workbook else str(j + 1)


def _skip_reason(name: str, role: str, guests: bool, organizer: bool) -> str:
    if _BOT.search(name):
        return "anteckningsbot"
    guest = _GUEST.search(name)
    if guest and not guests:
        return f"gäst ({guest.group(1)})"
    unverified = _UNVERIFIED.search(name)
    if unverified and not guests:
        return f"overifierad ({unverified.group(1)})"
    if fold(role) in ORGANIZER and not organizer:
        return "mötets organisatör"
    return ""


def _plain_name(name: str) -> str:
    """The name without Teams' markers: 'Anna Ek (Extern)' -> 'Anna Ek'."""
    return _UNVERIFIED.sub("", _GUEST.sub("", name)).strip()
