"""Typing each table's text cells by its column kinds, collecting every bad cell."""

from __future__ import annotations

import pandas as pd

from pk_report import schema
from pk_report.cells import parse_column, parser_for
from pk_report.problems import Problem
from pk_report.readers.raw import RawTable

YEAR_RANGE = (1900, 2100)


def type_table(raw: RawTable) -> tuple[pd.DataFrame, list[Problem]]:
    """A typed frame with every contract column (defaults filled in) and the bad cells."""
    table = schema.TABLES[raw.name]
    problems: list[Problem] = []
    data: dict[str, object] = {}
    frame = raw.frame
    for column in table.columns:
        parse = parser_for(column)
        default = parse(column.default)[0] if column.default else None
        if column.kind == schema.TEXT and not column.default:
            default = ""
        if column.name not in frame.columns:
            data[column.name] = [default] * len(frame)
            continue
        texts = frame[column.name]
        values, messages = parse_column(texts, parse, default)
        bad = messages.notna()
        for row in messages.index[bad]:
            problems.append(raw.problem(int(row), column.name, texts.at[row], messages.at[row]))
        if column.required:
            for row in texts.index[(texts == "").to_numpy()]:
                problems.append(raw.problem(int(row), column.name, "",
                                            f"Obligatorisk uppgift saknas. Fyll i {column.name}."))
        data[column.name] = values
    typed = pd.DataFrame(data, index=frame.index)
    problems.extend(_check_ranges(raw, typed, table))
    return typed, problems


def _check_ranges(raw: RawTable, typed: pd.DataFrame, table: schema.Table) -> list[Problem]:
    problems = []
    for column in table.columns:
        if column.kind != schema.INT:
            continue
        values = pd.to_numeric(typed[column.name], errors="coerce")
        if column.name == "ar":
            bad = (values < YEAR_RANGE[0]) | (values > YEAR_RANGE[1])
            message = "Året ser fel ut. Skriv året med fyra siffror, t.ex. 2009."
        elif raw.name == "betygsskala":
            continue
        else:
            bad = values < 0
            message = "Ett antal kan inte vara negativt."
        for row in typed.index[bad.fillna(False).to_numpy()]:
            problems.append(raw.problem(int(row), column.name, raw.frame[column.name].at[row]
                                        if column.name in raw.frame else "", message))
    return problems


def empty_table(name: str) -> pd.DataFrame:
    """A typed, empty frame for a table that is missing (optional tables)."""
    return pd.DataFrame({c.name: pd.Series([], dtype=object) for c in schema.TABLES[name].columns},
                        index=pd.Index([], name="rad"))
