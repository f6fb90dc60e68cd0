"""Parsing one text cell into a typed value, one function per kind of column.

Each parser returns ``(value, None)`` or ``(None, message)``; the message is Swedish and says
what to write instead. ``parse_column`` applies a parser to a column's distinct values only, so
validation costs one Python call per distinct value, not per row.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pk_report import schema
from pk_report.names import norm_name
from pk_report.readers.raw import EXCEL_ERROR
from pk_report.year_span import SpanError, parse_span

Parsed = tuple[object, str | None]

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_INT_TEXT = re.compile(r"^[+-]?\d+(\.0+)?$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})( \d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$", re.ASCII)
_MONTH_NAME = re.compile(r"^([^\W\d_]+)\.?\s+([0-9]{4})$")  # "februari 2015", "feb. 2015"


def foreign_digit(text: str) -> str | None:
    """The first digit in ``text`` that is not one of ASCII's 0-9 (a Bengali ৪ looks like 8,
    and int() would read it as 4), or None."""
    if text.isascii():
        return None
    return next((c for c in text if c.isdigit() and not c.isascii()), None)


def foreign_digit_message(char: str) -> str:
    import unicodedata

    name = unicodedata.name(char, "okänt tecken")
    return (f"Tecknet ”{char}” (U+{ord(char):04X}, {name}) ser ut som en siffra men är inte "
            "en av 0–9, så värdet läses inte. Skriv om värdet från tangentbordet.")


def _ascii_digits_only(parse: Callable[[str], Parsed]) -> Callable[[str], Parsed]:
    """``parse``, refusing any number written with digits other than 0-9."""
    @functools.wraps(parse)
    def checked(text: str) -> Parsed:
        char = foreign_digit(text)
        if char is not None:
            return None, foreign_digit_message(char)
        return parse(text)

    return checked


def parse_text(text: str) -> Parsed:
    return text, None


MAX_INTEGER = 10**9  # no count, grade or year in a register comes near it
MAX_AMOUNT = 10**12  # kronor; below it a float holds every öre exactly
_TOO_BIG_DIGITS = 19  # more digits than int64 holds: refused before any conversion


@_ascii_digits_only
def parse_int(text: str) -> Parsed:
    """An integer, exactly (never through float: 9007199254740993 stays itself), within
    ±``MAX_INTEGER``; '12', '12,0', '1 200' are integers, '12,5' is not."""
    clean = _SPACES.sub("", text).replace(",", ".")
    if _INT_TEXT.match(clean):
        digits = clean.split(".")[0]
        if len(digits.lstrip("+-").lstrip("0")) >= _TOO_BIG_DIGITS or abs(int(digits)) >= MAX_INTEGER:
            return None, (f"Talet är orimligt stort. Skriv ett heltal mindre än "
                          f"{_grouped(MAX_INTEGER)}.")
        return int(digits), None
    if _NUMBER.match(clean):
        return None, "Ett antal måste vara ett heltal. Skriv det utan decimaler."
    return None, "Inte ett tal. Skriv ett heltal, t.ex. 12."


@_ascii_digits_only
def parse_amount(text: str) -> Parsed:
    """Kronor, parsed as a Decimal and bounded by ``MAX_AMOUNT``, given on as a float (within
    the bound a float holds every öre)."""
    from decimal import Decimal

    clean = _SPACES.sub("", text)
    if clean.lower().endswith("kr"):
        clean = clean[:-2]
    clean = clean.replace(",", ".")
    if clean.endswith(":-"):
        clean = clean[:-2]
    if not _NUMBER.match(clean):
        return None, "Inte ett belopp. Skriv kronor, t.ex. 731 322 eller 731 322,00."
    whole = clean.split(".")[0].lstrip("+-").lstrip("0")
    if len(whole) >= _TOO_BIG_DIGITS or abs(Decimal(clean)) >= MAX_AMOUNT:
        return None, (f"Beloppet är orimligt stort. Skriv kronor, mindre än "
                      f"{_grouped(MAX_AMOUNT)} kronor.")
    return float(Decimal(clean)), None


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


@_ascii_digits_only
def parse_date(text: str) -> Parsed:
    m = _ISO_DATE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), None
        except ValueError:
            return None, "Datumet finns inte i almanackan. Kontrollera månad och dag."
    return None, "Inte ett datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2009-03-12."


def _swedish_month(name: str) -> int | None:
    """1..12 for a Swedish month name, whole or abbreviated as Babel writes it ("feb.")."""
    from babel.dates import get_month_names

    name = name.lower()
    for width in ("wide", "abbreviated"):
        for number, month in get_month_names(width, locale="sv").items():
            if month.lower().rstrip(".") == name:
                return number
    return None


@_ascii_digits_only
def parse_month_or_date(text: str) -> Parsed:
    """A month stays a month ("2010-03"; also "2010-3" and "mars 2010"), a date a date."""
    m = _MONTH.match(text)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{int(m[2]):02d}", None
    named = _MONTH_NAME.match(text)
    if named and (month := _swedish_month(named[1])):
        return f"{named[2]}-{month:02d}", None
    value, message = parse_date(text)
    if value is None:
        return None, ("Inte ett datum eller en månad. Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM, t.ex. "
                      "2010-03 (eller mars 2010).")
    return value.isoformat(), None


def choice_parser(choices: dict[str, object], what: str) -> Callable[[str], Parsed]:
    """``what`` is the column as the clerk's sheet names it; the allowed values are listed as
    a clerk writes them (”fullmäktige”, not the id ”fullmaktige”)."""
    from pk_report.swedish import join

    allowed = join(list(dict.fromkeys(schema.WORDS.get(str(v), str(v)) for v in choices.values())),
                   "eller")

    def parse(text: str) -> Parsed:
        value = choices.get(norm_name(text))
        if value is None:
            return None, f"Okänt värde för ”{what}”. Skriv {allowed}."
        return value, None

    return parse


def parser_for(column: schema.Column, label: str | None = None) -> Callable[[str], Parsed]:
    """The parser of ``column``; ``label`` is its header in the clerk's sheet, for messages."""
    label = label or column.name
    if column.kind == schema.INT:
        return parse_int
    if column.kind == schema.AMOUNT:
        return parse_amount
    if column.kind == schema.DATE:
        return parse_date
    if column.kind == schema.MONTH_OR_DATE:
        return parse_month_or_date
    if column.kind == schema.BOOL:
        bools = choice_parser(schema.YES_NO, label)
        return lambda text: (bools(text)[0], None) if bools(text)[1] is None else (
            None, "Skriv ja eller nej (eller j/n, x, 1/0).")
    if column.kind == schema.CHOICE and column.choices:
        return choice_parser(column.choices, label)
    if column.kind == schema.YEAR_OR_PERIOD:
        return parse_year_or_period
    return parse_text


@_ascii_digits_only
def parse_year_or_period(text: str) -> Parsed:
    """2009 (an int) or a period '2007-2010' (as written by ``YearSpan.key``)."""
    try:
        return parse_span(text).key, None
    except SpanError as exc:
        return None, str(exc)


@dataclass(frozen=True)
class ParsedColumn:
    """A column's typed values (object array), which rows are empty, and the bad cells as
    (position, message) pairs, positions counted from 0 in the column."""

    values: np.ndarray
    empty: np.ndarray
    bad: list[tuple[int, str]]
    codes: np.ndarray  # per row, the position of its text in ``uniques``
    uniques: np.ndarray  # the distinct texts
    typed_uniques: np.ndarray  # the typed value of each distinct text


def _excel_error_message(text: str) -> str:
    return f"Cellen innehåller Excel-felet {text}. Rätta formeln eller skriv in värdet för hand."


def parse_column(texts: pd.Series, parse: Callable[[str], Parsed], default: object = None,
                 ) -> ParsedColumn:
    """Each distinct text parsed once, then spread to its rows by the factorize codes.

    An empty cell becomes ``default`` (parsed, when it is text) without error. Free text needs
    no parsing: only Excel error values are flagged.
    """
    codes, uniques = pd.factorize(texts.to_numpy(dtype=object), sort=False)
    free_text = parse is parse_text
    values, messages = [], []
    for text in uniques:
        if text == "":
            values.append("" if free_text and default is None else default)
            messages.append(None)
        elif text[:1] in ("#", "E") and EXCEL_ERROR.match(text):
            values.append(None)
            messages.append(_excel_error_message(text))
        elif free_text:
            values.append(text)
            messages.append(None)
        else:
            value, message = parse(text)
            values.append(value)
            messages.append(message)
    value_array = np.empty(len(values), dtype=object)
    value_array[:] = values
    empty_code = next((i for i, u in enumerate(uniques) if u == ""), -2)
    bad_codes = {i: m for i, m in enumerate(messages) if m is not None}
    bad = []
    if bad_codes:
        for pos in np.flatnonzero(np.isin(codes, list(bad_codes))):
            bad.append((int(pos), bad_codes[codes[pos]]))
    return ParsedColumn(value_array[codes] if len(codes) else np.empty(0, dtype=object),
                        codes == empty_code, bad, codes, np.asarray(uniques, dtype=object),
                        value_array)
