"""The data reading an export yields: one answer or person per row, and the export itself.

``export.py`` re-exports these names with ``read_export``; the reading modules import them
from here, so that nothing imports ``export`` back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError

# Canonical field names an export row can carry (raw text, stripped; "" when absent):
FIELDS = ("betyg", "kon", "kommentar", "tillfalle", "kurs_id", "ar",
          "namn", "email", "organisation", "organisationstyp", "roll", "narvarande")


class ImportFormatError(DataError):
    """An export cannot be read or recognised; the message names file, row and column."""


@dataclass(frozen=True)
class Answer:
    """One response (evaluations) or one person (attendance) of an export, as read."""
    row: int                    # the row as the clerk's program shows it (Excel row / CSV line)
    response_id: str            # stable id of this answer within its export ("" if none)
    values: dict[str, str]      # canonical field -> raw text (only fields present)


@dataclass(frozen=True)
class Skipped:
    row: int
    who: str                    # a display name, for the preview only (never stored)
    reason: str                 # Swedish: "gäst (External)", "inspelningsbot", ...


@dataclass(frozen=True)
class Export:
    path: Path
    kind: str                   # "forms", "google", "teams", "karta"
    target: str                 # "utvarderingar" or "deltagare" (the guess; --till overrides)
    form_identity: str          # stable id of the form/meeting (not of a person), salts svar_id
    columns: dict[str, str]     # canonical field -> the export's header text (for messages)
    column_letters: dict[str, str]  # canonical field -> column letter/number as the clerk sees it
    answers: tuple[Answer, ...]
    recode: dict[str, dict[str, str]] = field(default_factory=dict)
                                # field -> {raw value (casefolded, stripped) -> register value}
    skipped: tuple[Skipped, ...] = ()
    sheet: str = ""             # sheet name for .xlsx exports, "" for CSV
