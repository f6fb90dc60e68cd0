"""Parsing one text cell into a typed value, one function per kind of column.

Each parser returns ``(value, None)`` or ``(None, message)``; the message is Swedish and says
what to write instead. ``parse_column`` applies a parser to a column's distinct values only, so
validation costs one Python call per distinct value, not per row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from pk_report import schema
from pk_report.names import norm_name
from pk_report.readers.raw import EXCEL_ERROR

Parsed = tuple[object, str | None]

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_INT_TEXT = re.compile(r"^[+-]?\d+(\.0+)?$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})( \d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_text(text: str) -> Parsed:
    return text, None


def parse_int(text: str) -> Parsed:
    clean = _SPACES.sub("", text).replace(",", ".")
    if _INT_TEXT.match(clean):
        return int(float(clean)), None
    if _NUMBER.match(clean):
        return None, "Ett antal måste vara ett heltal. Skriv det utan decimaler."
    return None, "Inte ett tal. Skriv ett heltal, t.ex. 12."


def parse_amount(text: str) -> Parsed:
    clean = _SPACES.sub("", text)
    if clean.lower().endswith("kr"):
        clean = clean[:-2]
    clean = clean.replace(",", ".")
    if clean.endswith(":-"):
        clean = clean[:-2]
    if _NUMBER.match(clean):
        return float(clean), None
    return None, "Inte ett belopp. Skriv kronor, t.ex. 731 322 eller 731 322,00."


def parse_date(text: str) -> Parsed:
    m = _ISO_DATE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), None
        except ValueError:
            return None, "Datumet finns inte i almanackan. Kontrollera månad och dag."
    return None, "Inte ett datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2009-03-12."


def parse_month_or_date(text: str) -> Parsed:
    m = _MONTH.match(text)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{m[2]}", None
    value, message = parse_date(text)
    if value is None:
        return None, "Inte ett datum eller en månad. Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM, t.ex. 2010-03."
    return value.isoformat(), None


def choice_parser(choices: dict[str, object], what: str) -> Callable[[str], Parsed]:
    allowed = ", ".join(dict.fromkeys(str(v) for v in choices.values()))

    def parse(text: str) -> Parsed:
        value = choices.get(norm_name(text))
        if value is None:
            return None, f"Okänt värde för {what}. Tillåtna värden: {allowed}."
        return value, None

    return parse


def parser_for(column: schema.Column) -> Callable[[str], Parsed]:
    if column.kind == schema.INT:
        return parse_int
    if column.kind == schema.AMOUNT:
        return parse_amount
    if column.kind == schema.DATE:
        return parse_date
    if column.kind == schema.MONTH_OR_DATE:
        return parse_month_or_date
    if column.kind == schema.BOOL:
        bools = choice_parser(schema.YES_NO, column.name)
        return lambda text: (bools(text)[0], None) if bools(text)[1] is None else (
            None, "Skriv ja eller nej (eller j/n, x, 1/0).")
    if column.kind == schema.CHOICE and column.choices:
        return choice_parser(column.choices, column.name)
    return parse_text


def parse_column(texts: pd.Series, parse: Callable[[str], Parsed], default: object = None,
                 ) -> tuple[np.ndarray, pd.Series]:
    """Typed values (object array) and, per row, the error message or None.

    An empty cell becomes ``default`` (parsed, when it is text) without error.
    """
    if parse is parse_text:
        return _text_column(texts, default)
    codes, uniques = pd.factorize(texts, sort=False)
    values, messages = [], []
    for text in uniques:
        if text == "":
            values.append(default)
            messages.append(None)
        elif EXCEL_ERROR.match(text):
            values.append(None)
            messages.append(f"Cellen innehåller Excel-felet {text}. Rätta formeln eller skriv in "
                            "värdet för hand.")
        else:
            value, message = parse(text)
            values.append(value)
            messages.append(message)
    value_array = np.empty(len(values), dtype=object)
    value_array[:] = values
    message_array = np.empty(len(messages), dtype=object)
    message_array[:] = messages
    if len(codes) == 0:
        return np.empty(0, dtype=object), pd.Series([], dtype=object, index=texts.index)
    return value_array[codes], pd.Series(message_array[codes], index=texts.index)


def _text_column(texts: pd.Series, default: object) -> tuple[np.ndarray, pd.Series]:
    """Free text needs no parsing: only Excel error values are flagged (checked per distinct
    value, so a column of 100,000 names costs one pass of factorize)."""
    values = texts.to_numpy(dtype=object, copy=True)
    messages = pd.Series(None, index=texts.index, dtype=object)
    codes, uniques = pd.factorize(texts, sort=False)
    errors = [i for i, u in enumerate(uniques) if u[:1] in ("#", "E") and EXCEL_ERROR.match(u)]
    for i in np.flatnonzero(np.isin(codes, errors)) if errors else []:
        messages.iloc[i] = (f"Cellen innehåller Excel-felet {values[i]}. Rätta formeln eller "
                            "skriv in värdet för hand.")
        values[i] = None
    if default not in (None, ""):
        values[values == ""] = default
    return values, messages
