"""Which kind of export a file is, from its content; and reading it through a mapping."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import forms, google, teams
from .assemble import PERSONAL, answers, digest, header_names, letters
from .model import Export, ImportFormatError
from .grid import Grid, read_grid
from .mapping import Mapping, load_mapping, resolve
from .questions import fold, shell_name


def read(path: Path, mapping_path: Path | None = None, scale: Iterable[str] = ()) -> Export:
    mapping = load_mapping(mapping_path) if mapping_path is not None else None
    grid = read_grid(path, delimiter=mapping.delimiter if mapping else None,
                     sheet=mapping.sheet if mapping else None)
    if not any(any(c for c in r) for r in grid.rows):
        raise ImportFormatError(f"{path.name}: filen har inga ifyllda celler. Exportera svaren "
                                "på nytt.")
    plain = mapping is None or (mapping.header_rows == 1 and mapping.skip_rows == 0)
    if plain and google.looks_like(grid) and not any(any(c for c in r) for r in grid.rows[1:]):
        raise ImportFormatError(f"{path.name}: exporten har rubriker men inga svar ännu. "
                                "Exportera igen när någon har svarat.")
    roles = forms.fixed_columns(grid) if plain else None
    if roles is not None:
        return forms.read(grid, mapping, scale, roles)
    if plain and google.looks_like(grid):
        return google.read(grid, mapping, scale)
    if teams.looks_like(grid):
        return teams.read(grid, mapping)
    if mapping is not None:
        return read_mapped(grid, mapping)
    raise ImportFormatError(
        f"{path.name} känns inte igen som en export från Microsoft Forms, Google Formulär eller "
        f"Teams närvarorapport. Kör pk-report importera {shell_name(path.name)} --prova för att "
        "få en karta att fylla i, och importera sedan med --karta KARTA.toml.")


def read_mapped(grid: Grid, mapping: Mapping) -> Export:
    first = mapping.skip_rows
    data = first + mapping.header_rows
    if len(grid.rows) <= first:
        raise ImportFormatError(f"{grid.path.name}: filen har färre rader än kartans "
                                "hoppa_over och rubrikrader. Rätta kartan.")
    names = header_names(grid, first, mapping.header_rows)
    columns = resolve(mapping, names, grid)
    response = columns.pop("svar", None)
    target = mapping.target or ("utvarderingar" if "betyg" in columns else
                                "deltagare" if {"namn", "email"} & set(columns) else "")
    if not target:
        raise ImportFormatError(
            f"Kartan {mapping.path.name} anger varken betyg eller namn under [kolumner], så det "
            "går inte att veta om filen är utvärderingar eller närvaro. Ange betyg = \"…\" "
            "(utvärderingar) eller namn = \"…\" (deltagare), eller till = \"…\".")
    if target == "utvarderingar":
        for f in PERSONAL:
            columns.pop(f, None)

    def response_id(row: list[str]) -> str:
        if response is not None:
            return row[response] if response < len(row) else ""
        return ""

    identity = "karta:" + digest(*(fold(n) for n in names))
    read = answers(grid, data, columns, response_id)
    return Export(path=grid.path, kind="karta", target=target, form_identity=identity,
                  columns={f: names[j] for f, j in columns.items()},
                  column_letters=letters(columns, grid.is_workbook), answers=read,
                  recode=dict(mapping.recode), sheet=grid.sheet)
