"""Microsoft Forms responses (.xlsx), recognised by their fixed columns' places and values.

Forms writes ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name`` and, on some
forms, ``Last modified time`` first, named in the exporting account's language; then one column
per question (a Likert question one per statement); a quiz adds ``Total points``,
``Points - …`` and ``Feedback - …`` columns, which are not answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Export
from .grid import Grid
from .mapping import Mapping
from .questions import fold
from .survey import questions_of, survey_export

FIXED_SPAN = 6
ID_HEADERS = {"id", "svars-id", "id-nummer"}
EMAIL_HEADERS = {"email", "e-mail", "e-post", "e-postadress", "email address", "e-mailadresse",
                 "e-postadresse", "sähköposti", "courrier", "correo electrónico"}
NAME_HEADERS = {"name", "namn", "navn", "nimi", "nom", "nombre"}
MODIFIED_HEADERS = {"last modified time", "senaste ändringstid", "senast ändrad",
                    "tid för senaste ändring", "senast ändrad tid", "sidst ændret",
                    "sist endret", "letzte änderung", "viimeksi muokattu"}
_DATETIME = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ ,T]+\d{1,2}[:.]\d{2}")
_QUIZ = re.compile(r"^(points|poäng|poeng|point|punkte|pisteet|feedback|respons|"
                   r"återkoppling)\s*[-–—:]\s*\S", re.IGNORECASE)
_QUIZ_TOTALS = {"total points", "totalpoäng", "totalt antal poäng", "poäng totalt",
                "quiz feedback", "feedback för test", "testfeedback", "total poeng",
                "point i alt", "gesamtpunktzahl"}


def is_datetime(text: str) -> bool:
    return bool(_DATETIME.match(text.strip()))


def fixed_columns(grid: Grid) -> dict[str, int] | None:
    """The fixed columns' places, or None when the sheet is no Forms export."""
    if not grid.is_workbook or len(grid.rows) < 2:
        return None
    filled = [r for r in grid.rows[1:] if any(c.strip() for c in r)]

    def _data(_grid: Grid, j: int) -> list[str]:
        return [r[j] if j < len(r) else "" for r in filled]

    header = [fold(h) for h in grid.rows[0][:FIXED_SPAN]]
    span = min(FIXED_SPAN, len(header))
    roles: dict[str, int] = {}
    datetimes = []
    for j in range(span):
        values = [v for v in _data(grid, j) if v]
        if "id" not in roles and (header[j] in ID_HEADERS or j == 0) and values and \
                all(v.isdigit() for v in values) and len(set(values)) == len(values):
            roles["id"] = j
        elif values and all(is_datetime(v) for v in values):
            datetimes.append(j)
        elif header[j] in EMAIL_HEADERS or (values and all(
                "@" in v or v.casefold().startswith("anonym") for v in values)):
            roles.setdefault("email", j)
        elif header[j] in NAME_HEADERS:
            roles.setdefault("name", j)
    if "id" not in roles or len(datetimes) < 2 or roles["id"] > datetimes[0]:
        return None
    roles["start"], roles["completion"] = datetimes[0], datetimes[1]
    if "name" not in roles and roles.get("email") == 3 and span > 4 and 4 not in datetimes:
        roles["name"] = 4  # Forms' own place for it, whatever the account's language calls it
    if len(datetimes) > 2:
        roles["modified"] = datetimes[2]
    elif len(header) > 5 and header[5] in MODIFIED_HEADERS and not any(_data(grid, 5)):
        roles["modified"] = 5  # "Last modified time", empty on every response
    return roles


def looks_like(grid: Grid) -> bool:
    return fixed_columns(grid) is not None


def is_quiz_column(header: str) -> bool:
    h = fold(header)
    return h in _QUIZ_TOTALS or bool(_QUIZ.match(h))


def read(grid: Grid, mapping: Mapping | None, scale: Iterable[str] = (),
         roles: dict[str, int] | None = None) -> Export:
    roles = roles or fixed_columns(grid)
    assert roles is not None
    header = grid.rows[0]
    fixed = set(roles.values())
    question_columns = [j for j in range(grid.width())
                        if j not in fixed and not is_quiz_column(grid.cell(0, j))]
    questions = questions_of(grid, question_columns, header)
    # Not the questions' titles: a typo put right between two exports must not make every
    # answer new. An answer is told apart by its number, start and completion time together.
    identity = "forms"
    cols = (roles["id"], roles["start"], roles["completion"])

    def response_id(row: list[str]) -> str:
        # The ID counts from 1 on every copy of a form; the times tell copies apart.
        return "|".join(row[j] if j < len(row) else "" for j in cols)

    personal = {f: roles[r] for f, r in (("email", "email"), ("namn", "name")) if r in roles}
    return survey_export(grid, "forms", identity, questions, personal, response_id, mapping,
                         scale)
