"""A starting mapping for an export the tool does not recognise (``importera FIL --prova``).

The columns found, each with its distinct values (the most common first, at most twenty), as
TOML comments; the fields the tool can guess filled in; and, for the grade column it guesses,
one recoding line per answer with an empty value for the clerk to fill in.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

from pk_report.swedish import number_word

from .assemble import header_names
from .model import ImportFormatError
from .grid import Grid, column_letter, read_grid
from .questions import (COMMENT_WORDS, GENDER_VALUES, SESSION_WORDS, Question, header_has,
                        fits_scale, fold, is_gender)

MAX_VALUES = 20
MAX_SHOWN = 60
_SUB_HEADERS = {"response", "open-ended response", "svar", "öppet svar", "other (please "
                "specify)", "annat (ange)"}
_NAME_WORDS = ("namn", "name", "förnamn", "efternamn", "first name", "last name")
_EMAIL_WORDS = ("e-post", "email", "e-mail", "mejl")
GRADE_WORDS = ("betyg", "nöjd", "helhet", "sammantaget", "grade", "satisf", "overall", "rating")
_ID_WORDS = ("response id", "respondent id", "svars-id", "svarsid", "id", "respons-id")


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _shown(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= MAX_SHOWN else flat[:MAX_SHOWN - 1] + "…"


def _header_rows(grid: Grid) -> int:
    """Two when the second row is SurveyMonkey's sub-headers ('Response', option texts under
    a question title), else one."""
    if len(grid.rows) < 3:
        return 1
    second = [fold(c) for c in grid.rows[1] if c]
    return 2 if second and sum(c in _SUB_HEADERS for c in second) * 3 >= len(second) else 1


def starting_mapping(path: Path) -> str:
    grid = read_grid(path)
    if not any(any(c for c in r) for r in grid.rows):
        raise ImportFormatError(f"{path.name}: filen har inga ifyllda celler. Exportera svaren "
                                "på nytt.")
    rows = _header_rows(grid)
    names = header_names(grid, 0, rows)
    data = [r for r in grid.rows[rows:] if any(c for c in r)]
    questions = []
    for j, name in enumerate(names):
        values = tuple(r[j] if j < len(r) else "" for r in data)
        letter = column_letter(j) if grid.is_workbook else str(j + 1)
        questions.append(Question(j, name, values, letter))
    guesses = _guesses(questions)
    return _text(path, grid, rows, questions, guesses)


def _guesses(questions: list[Question]) -> dict[str, Question]:
    found: dict[str, Question] = {}

    def take(field: str, test) -> None:
        if field in found:
            return
        used = {q.index for q in found.values()}
        for q in questions:
            if q.index not in used and q.header and test(q):
                found[field] = q
                return

    take("kon", is_gender)
    take("betyg", lambda q: fits_scale(q) and header_has(q, GRADE_WORDS))
    take("betyg", lambda q: header_has(q, GRADE_WORDS) and 2 <= _distinct(q) <= 12)
    take("betyg", lambda q: fits_scale(q) and _distinct(q) >= 2)
    take("tillfalle", lambda q: header_has(q, SESSION_WORDS) or
         fold(q.header).startswith(("tillf", "kurstillf")))
    take("kommentar", lambda q: header_has(q, COMMENT_WORDS))
    take("svar", lambda q: fold(q.header) in _ID_WORDS)
    take("betyg", lambda q: 2 <= _distinct(q) <= 7 and
         len(q.answered()) >= len(q.values) // 2 and not header_has(q, _NAME_WORDS))
    return found


def _text(path: Path, grid: Grid, rows: int, questions: list[Question],
          guesses: dict[str, Question]) -> str:
    kind = "utvarderingar" if "betyg" in guesses else "deltagare"
    out = [
        f"# Karta för att importera {_shown(path.name)} med pk-report importera --karta.",
        "# Skapad av --prova: kontrollera varje rad och fyll i det som saknas.",
        "# Rader som börjar med # är kommentarer och läses inte.",
        "",
        f"rubrikrader = {rows}          # antal rubrikrader överst i filen",
    ]
    if grid.delimiter:
        delim = "\\t" if grid.delimiter == "\t" else grid.delimiter
        out.append(f'avgransare = "{delim}"        # tecknet mellan kolumnerna')
    if grid.sheet:
        out.append(f"blad = {_toml(grid.sheet)}")
    out += [f'till = "{kind}"   # "utvarderingar" (svar på utvärderingen) eller "deltagare" '
            "(närvaro)",
            "",
            "# Vilken kolumn är vilket fält: kolumnens rubrik inom citattecken, eller dess "
            "bokstav/nummer.",
            "# Fält som inte finns i filen lämnas bortkommenterade.",
            "[kolumner]"]
    fields = [("betyg", "betyget (krävs för utvärderingar)"), ("kon", "kön"),
              ("kommentar", "fritextsvar"), ("tillfalle", "vilket tillfälle svaret gäller"),
              ("svar", "svarets id i verktyget (gör att samma svar aldrig läggs in två gånger)"),
              ("namn", "deltagarens namn (bara närvaro; utvärderingar är anonyma)"),
              ("email", "e-post (bara närvaro; används för att känna igen personen, sparas "
                        "inte)")]
    for name, what in fields:
        q = guesses.get(name)
        if q is not None:
            out.append(f"{name} = {_toml(q.header)}   # {what}")
        else:
            out.append(f'# {name} = ""   # {what}')
    out += ["", "# Kolumnerna i filen och deras svar (de vanligaste först):"]
    for q in questions:
        out.extend(_describe(q))
    out += ["", "# Omkodning: svaret i filen = värdet i registret. För betyget är värdet "
                "betygsskalans",
            "# siffra (1–4 med standardskalan) eller etikett, för kön kvinna, man eller annat.",
            "# Ett tomt värde \"\" räknas som inte ifyllt."]
    out += _recoding("betyg", guesses.get("betyg"), lambda v: fits_scale(
        Question(0, "", (v,))), '# "Mycket bra" = "4"')
    out += _recoding("kon", guesses.get("kon"), lambda v: fold(v) in GENDER_VALUES,
                     '# "F" = "kvinna"')
    session = guesses.get("tillfalle")
    if session is not None:
        out += ["", "# Tillfället: svaret i filen = tillfällets tillfalle_id i registret.",
                "[omkodning.tillfalle]"]
        out += [f"{_toml(v)} = \"\"" for v, _n in
                Counter(session.answered()).most_common(MAX_VALUES)]
    else:
        out += ["", "# Så här kodas tillfällen om, när filen har en kolumn för tillfället:",
                "# [omkodning.tillfalle]", '# "Kväll 9 november" = "2010-S1-1"']
    out.append("")
    return "\n".join(out)


def _recoding(name: str, q: Question | None, fits, example: str) -> list[str]:
    out = ["", f"[omkodning.{name}]"]
    if q is None:
        return out + [example]
    todo = [v for v, _n in Counter(q.answered()).most_common(MAX_VALUES) if not fits(v)]
    if not todo:
        return out + ["# Svaren passar redan; ingen omkodning behövs."]
    return out + [f"{_toml(v)} = \"\"" for v in todo]


def _describe(q: Question) -> list[str]:
    counts = Counter(q.answered())
    distinct = len(counts)
    head = f"#   {q.letter}: {_toml(_shown(q.header)) if q.header else '(ingen rubrik)'}"
    if not distinct:
        return [head + " – inga svar"]
    answered = sum(counts.values())
    if distinct == len(q.values) and distinct > 3:
        # an id, a time, an address or a name: nothing to map, and nothing to copy here
        return [head + " – ett eget värde på varje rad (som ett id, en tid eller ett namn)"]
    if (answered > 3 and distinct * 5 > answered * 4) or header_has(q, COMMENT_WORDS):
        # free text (or names): not copied either, a mapping needs no answers from it
        filled = "ifyllt" if answered == 1 else "ifyllda"
        return [head + f" – fritext, {_count(answered)} {filled} svar"]
    if distinct == 1:
        value = _shown(next(iter(counts)))
        if answered == len(q.values):
            return [head + f" – samma svar på alla rader: {value}"]
        rows = len(q.values)
        return [head + f" – bara svaret ”{value}”, på {number_word(answered, 'en', [rows])} "
                       f"av {number_word(rows, 'en', [answered])} rader"]
    shown = ", ".join(f"{_shown(v)} ({n})" for v, n in counts.most_common(MAX_VALUES))
    more = f" … och {_count(distinct - MAX_VALUES)} till" if distinct > MAX_VALUES else ""
    lines = textwrap.wrap(shown + more, 92, break_long_words=False, break_on_hyphens=False)
    return [head + f" – {_count(distinct)} olika svar:", *(f"#       {t}" for t in lines)]


def _count(n: int) -> str:
    return number_word(n, "ett")


def _distinct(q: Question) -> int:
    return len(set(q.answered()))
