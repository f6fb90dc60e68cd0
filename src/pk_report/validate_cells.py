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
    typed: np.ndarray  # the typed value of each distinct text

    def isin(self, values) -> np.ndarray:
        """Per row, whether its typed value is one of ``values``."""
        return np.isin(self.typed, list(values))[self.codes] if len(self.codes) else \
            np.zeros(0, dtype=bool)

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
        label = raw.headers.get(column.name) or column.label  # as the clerk's sheet names it
        parse = _in_range(parser_for(column, label), column, raw.name)
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
                                            f"Obligatorisk uppgift saknas. Fyll i ”{label}”."))
        data[column.name] = parsed.values
        distinct[column.name] = Distinct(parsed.codes, parsed.uniques, parsed.typed_uniques)
    typed = pd.DataFrame(data, index=frame.index, copy=False)
    return typed, problems, distinct


def _in_range(parse, column: schema.Column, table: str):
    """``parse`` with the column's range checked too: a year of four digits, no negative count
    (the grading scale's values may be anything). Checked per distinct text, like the parse."""
    if column.kind != schema.INT or (table == "betygsskala" and column.name != "ar"):
        return parse
    if column.name == "ar":
        low, high = YEAR_RANGE
        message = "Året ser fel ut. Skriv året med fyra siffror, t.ex. 2009."
    else:
        low, high = 0, None
        message = "Ett antal kan inte vara negativt."

    def checked(text: str):
        value, problem = parse(text)
        if problem is None and value is not None and (value < low or (high and value > high)):
            return None, message
        return value, problem
    return checked


def empty_table(name: str) -> pd.DataFrame:
    """A typed, empty frame for a table that is missing (optional tables)."""
    return pd.DataFrame({c.name: pd.Series([], dtype=object) for c in schema.TABLES[name].columns},
                        index=pd.Index([], name="rad"))
