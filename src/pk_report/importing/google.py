"""Google Forms responses (.csv): a timestamp first, the e-mail column when collected, then
one column per question (a grid question as ``Fråga [rad]``, checkboxes joined with ", ")."""

from __future__ import annotations

from collections.abc import Iterable

from .assemble import digest
from .model import Export
from .forms import is_datetime
from .grid import Grid
from .mapping import Mapping
from .questions import fold
from .survey import questions_of, survey_export

TIMESTAMP_HEADERS = {"timestamp", "tidstämpel", "tidsstämpel", "tidsstempel", "tidsstempel",
                     "zeitstempel", "aikaleima", "horodateur", "marca temporal",
                     "marca de tiempo", "indicação de data e hora", "informazioni cronologiche"}
EMAIL_HEADERS = {"email address", "e-postadress", "e-post", "email", "e-mail", "e-mailadresse",
                 "e-postadresse", "username", "användarnamn", "brukernavn", "e-mail-adresse",
                 "sähköpostiosoite", "adresse e-mail"}
SCORE_HEADERS = {"score", "poäng", "resultat", "poeng", "punktzahl", "pisteet"}


def looks_like(grid: Grid) -> bool:
    if not grid.rows or not grid.rows[0]:
        return False
    first = fold(grid.rows[0][0])
    values = [r[0] for r in grid.rows[1:] if r and any(c.strip() for c in r)]
    timestamps = bool(values) and all(is_datetime(v) for v in values)
    return (first in TIMESTAMP_HEADERS and (timestamps or not values)) or \
        (timestamps and len(grid.rows[0]) > 1 and first.startswith(("time", "tid")))


def read(grid: Grid, mapping: Mapping | None, scale: Iterable[str] = ()) -> Export:
    header = grid.rows[0]
    personal: dict[str, int] = {}
    skip = {0}
    for j, h in enumerate(header[1:], start=1):
        name = fold(h)
        if name in EMAIL_HEADERS and "email" not in personal:
            personal["email"] = j
            skip.add(j)
        elif name in SCORE_HEADERS:
            skip.add(j)
    question_columns = [j for j in range(grid.width()) if j not in skip]
    questions = questions_of(grid, question_columns, header)
    identity = "google"  # not the titles: a question added or put right keeps the answers

    def response_id(row: list[str]) -> str:
        # No id in the export: the timestamp and the answers given (never the e-mail) stand for
        # it, sorted and without blanks so that a question added later changes nothing.
        given = sorted(row[j] for j in question_columns if j < len(row) and row[j])
        return f"{row[0] if row else ''}|{digest(*given)}"

    return survey_export(grid, "google", identity, questions, personal, response_id, mapping,
                         scale)
