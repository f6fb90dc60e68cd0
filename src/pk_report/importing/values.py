"""An export's answers as the register's values: grades on the register's scale, gender in the
contract's words, the session an answer belongs to. The mapping's recoding comes first; an
answer that maps to nothing is collected (``Unknown``), so that the import can stop naming
every such value at once, with the mapping line that would recode it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pk_report.dataset import GradeScale
from pk_report.importing.export import Answer, Export
from pk_report.names import norm_name
from pk_report.schema import KON, YES_NO

# Answers that say nothing about gender: okänt, as a blank is (issue 22).
NO_GENDER = {"vill inte uppge", "vill ej uppge", "vill inte svara", "prefer not to say",
             "okänt", "okant", "uppger ej", "-"}
MORE_GENDER = {"female": "K", "woman": "K", "kvinnlig": "K", "male": "M", "manlig": "M",
               "other": "X", "non-binary": "X", "icke-binär": "X", "ickebinär": "X"}
_LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*[-–—:.)]?\s*(.*)$")
FIELD_WORDS = {"betyg": "betyg", "kon": "kön", "tillfalle": "tillfälle",
               "narvarande": "närvaro"}


def fold(text: str) -> str:
    """How the mapping's recoding is keyed: case ignored, spaces collapsed."""
    return " ".join(str(text).casefold().split())


def recoded(export: Export, field: str, raw: str) -> str | None:
    """The mapping's value for ``raw`` in ``field``, or None when the mapping says nothing."""
    table = export.recode.get(field) or {}
    if not table:
        return None
    for key in (raw.casefold().strip(), fold(raw)):
        if key in table:
            return table[key]
    folded = {fold(k): v for k, v in table.items()}
    return folded.get(fold(raw))


@dataclass(frozen=True)
class Unknown:
    """An answer the register has no value for."""

    field: str
    value: str
    row: int


class GradeMatcher:
    """A grade on the register's scale from its value ('4', '4.0') or its label ('Utmärkt'),
    case and spaces ignored; also '4 – Utmärkt' and '4 Utmärkt' where number and label agree."""

    def __init__(self, scale: GradeScale) -> None:
        self.scale = scale
        self.labels = {norm_name(label): value for value, label in scale.labels.items()}

    def __call__(self, text: str) -> int | None:
        text = str(text).strip()
        if not text:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            pass
        else:
            value = int(number) if number.is_integer() else None
            return value if value in self.scale.labels else None
        found = self.labels.get(norm_name(text))
        if found is not None:
            return found
        match = _LEADING_NUMBER.match(text)
        if match and match.group(2):
            value = int(match.group(1))
            if self.labels.get(norm_name(match.group(2))) == value:
                return value
        return None


def grade_of(export: Export, matcher: GradeMatcher, answer: Answer) -> int | None | Unknown:
    """The grade's value; None when the answer has none; ``Unknown`` when nothing matches."""
    raw = answer.values.get("betyg", "").strip()
    if not raw:
        return None
    mapped = recoded(export, "betyg", raw)
    value = matcher(mapped if mapped is not None else raw)
    return value if value is not None else Unknown("betyg", raw, answer.row)


def gender_of(export: Export, raw: str, row: int) -> str | Unknown:
    """'K', 'M', 'X' or '' (okänt) from the mapping, the contract's words or their English."""
    raw = raw.strip()
    mapped = recoded(export, "kon", raw)
    text = fold(mapped if mapped is not None else raw)
    if not text or text in NO_GENDER:
        return ""
    found = KON.get(text) or MORE_GENDER.get(text)
    if found is None and norm_name(text) in NO_GENDER:
        return ""
    return found if found is not None else Unknown("kon", raw, row)


def present_of(export: Export, raw: str, row: int) -> bool | Unknown:
    """Whether an attendance row says the person came (default: yes)."""
    raw = raw.strip()
    mapped = recoded(export, "narvarande", raw)
    text = fold(mapped if mapped is not None else raw)
    if not text:
        return True
    if text in YES_NO:
        return YES_NO[text]
    return {"yes": True, "no": False, "närvarande": True, "frånvarande": False}.get(
        text, Unknown("narvarande", raw, row))


def session_of(export: Export, raw: str, row: int, sessions) -> str | Unknown:
    """The ``tillfalle_id`` a mapped session column names: recoded first, then matched to the
    register's ids exactly, else loosely (case, spaces, hyphens)."""
    raw = raw.strip()
    mapped = recoded(export, "tillfalle", raw)
    text = (mapped if mapped is not None else raw).strip()
    if text in sessions:
        return text
    loose = {norm_name(s): s for s in sessions}
    found = loose.get(norm_name(text))
    return found if found is not None else Unknown("tillfalle", raw, row)


def mapping_lines(field: str, values: list[str], hint: str) -> str:
    """The TOML lines the clerk adds to the mapping, one per value, with ``hint`` to replace."""
    lines = [f"[omkodning.{field}]"]
    lines += [f"{toml_string(v)} = {toml_string(hint)}" for v in values]
    return "\n".join(lines)


def toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'
