"""Typing each table's text cells by its column kinds, collecting every bad cell."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pk_report import schema
from pk_report.cells import parse_column, parser_for
from pk_report.problems import Problem
from pk_report.readers.raw import RawTable

YEAR_RANGE = (1900, 2100)


@dataclass(frozen=True)
class Distinct:
    """A column's distinct texts and, per row, which one it holds (from its one factorize), so
    that later lookups hash the few distinct texts instead of every row."""

    codes: np.ndarray
    uniques: np.ndarray

    def lookup(self, index: pd.Index) -> np.ndarray:
        """Per row, the position of its text in ``index`` (-1 if absent)."""
        return index.get_indexer(self.uniques)[self.codes] if len(self.codes) else \
            np.zeros(0, dtype=np.intp)


def type_table(raw: RawTable) -> tuple[pd.DataFrame, list[Problem], dict[str, Distinct]]:
    """A typed frame with every contract column (defaults filled in), the bad cells, and the
    distinct texts of each column that was read."""
    table = schema.TABLES[raw.name]
    problems: list[Problem] = []
    data: dict[str, object] = {}
    distinct: dict[str, Distinct] = {}
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
        parsed = parse_column(texts, parse, default)
        for pos, message in parsed.bad:
            problems.append(raw.problem(int(texts.index[pos]), column.name, texts.iat[pos], message))
        if column.required:
            for row in texts.index[parsed.empty]:
                problems.append(raw.problem(int(row), column.name, "",
                                            f"Obligatorisk uppgift saknas. Fyll i {column.name}."))
        data[column.name] = parsed.values
        distinct[column.name] = Distinct(parsed.codes, parsed.uniques)
    typed = pd.DataFrame(data, index=frame.index, copy=False)
    problems.extend(_check_ranges(raw, typed, table))
    return typed, problems, distinct


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
