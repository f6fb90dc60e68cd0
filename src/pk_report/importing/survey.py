"""What Forms and Google Forms exports share: from question columns to an Export."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .assemble import PERSONAL, answers, letters
from .model import Export
from .grid import Grid, column_letter
from .mapping import Mapping, resolve
from .questions import Question, recognise


def questions_of(grid: Grid, indices: Iterable[int], header: list[str]) -> list[Question]:
    out = []
    for j in indices:
        values = tuple(grid.cell(i, j) for i in range(1, len(grid.rows)))
        letter = column_letter(j) if grid.is_workbook else str(j + 1)
        out.append(Question(j, header[j] if j < len(header) else "", values, letter))
    return out


def survey_export(grid: Grid, kind: str, identity: str, questions: list[Question],
                  personal: dict[str, int], response_id: Callable[[list[str]], str],
                  mapping: Mapping | None, scale: Iterable[str]) -> Export:
    """Fields from the mapping first, the rest recognised among the questions."""
    header = grid.rows[0] if grid.rows else []
    names = [header[j] if j < len(header) else "" for j in range(grid.width())]
    mapped = resolve(mapping, names, grid) if mapping else {}
    mapped.pop("svar", None)
    taken = set(mapped.values())
    free = [q for q in questions if q.index not in taken]
    if "betyg" in mapped or (mapping and mapping.target == "deltagare"):
        found = _optional(free, scale, mapped)
    else:
        found = {f: q.index for f, q in recognise(free, grid.path.name, scale).items()
                 if f not in mapped}
    columns = {**found, **mapped}
    target = (mapping.target if mapping and mapping.target else "utvarderingar")
    if target == "deltagare":
        for f, j in personal.items():
            columns.setdefault(f, j)
    else:
        for f in PERSONAL:
            columns.pop(f, None)
    read = answers(grid, 1, columns, response_id)
    if "email" in columns:  # Forms writes "anonymous" where it collected no address
        read = tuple(_without_placeholder(a) for a in read)
    return Export(path=grid.path, kind=kind, target=target, form_identity=identity,
                  columns={f: names[j] for f, j in columns.items()},
                  column_letters=letters(columns, grid.is_workbook), answers=read,
                  recode=dict(mapping.recode) if mapping else {}, sheet=grid.sheet)


def _optional(free: list[Question], scale: Iterable[str], mapped: dict[str, int]
              ) -> dict[str, int]:
    """Gender, comment and session recognised when the grade is mapped (or not wanted)."""
    from .questions import COMMENT_WORDS, SESSION_WORDS, header_has, is_gender

    found: dict[str, int] = {}
    for q in free:
        if "kon" not in mapped and "kon" not in found and is_gender(q):
            found["kon"] = q.index
        elif "tillfalle" not in mapped and "tillfalle" not in found and \
                header_has(q, SESSION_WORDS):
            found["tillfalle"] = q.index
        elif "kommentar" not in mapped and "kommentar" not in found and \
                header_has(q, COMMENT_WORDS):
            found["kommentar"] = q.index
    return found


def _without_placeholder(answer):
    from dataclasses import replace

    email = answer.values.get("email", "")
    if email.casefold() in ("anonymous", "anonym", "anonyme", "anonimo", "anónimo") or \
            "@" not in email:
        values = dict(answer.values)
        values.pop("email", None)
        return replace(answer, values=values)
    return answer
