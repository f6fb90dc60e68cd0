"""A year or an inclusive range of years: ``2009``, ``2007-2010`` or ``2007–2010``.

The command line (``build ÅR``, ``stats [ÅR]``) and the ``ar`` column of ``texter`` (where a
period carries the clerk's texts for a period report) read years with ``parse_span``. Pure
Python, so that ``--help`` stays instant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIRST_YEAR, LAST_YEAR = 1900, 2100  # as validate_cells.YEAR_RANGE
LONGEST = 20  # years in one period report
DASHES = "-\u2013\u2014\u2212"  # hyphen, en dash, em dash, minus sign
_SPAN = re.compile(rf"^\s*([0-9]+)\s*(?:[{DASHES}]\s*([0-9]+)\s*)?$")
_WHOLE = re.compile(r"^\s*([0-9]+)(?:\.0+)?\s*$")  # 2009, or 2009.0 from an Excel number cell


class SpanError(ValueError):
    """Not a year or a period; the message is Swedish and says what to write."""


@dataclass(frozen=True, order=True)
class YearSpan:
    """Years ``first`` to ``last``, both included; one year when they are equal."""

    first: int
    last: int

    @property
    def years(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    @property
    def is_period(self) -> bool:
        return self.last > self.first

    @property
    def key(self) -> int | str:
        """How ``texter.ar`` holds it: the year as an int, a period as '2007-2010'."""
        return f"{self.first}-{self.last}" if self.is_period else self.first

    @property
    def label(self) -> str:
        """For running text and titles: '2009' or '2007–2010' (en dash)."""
        return f"{self.first}\u2013{self.last}" if self.is_period else str(self.first)

    def __str__(self) -> str:
        return str(self.key)


def parse_span(text: str | int) -> YearSpan:
    """``2009``, ``2007-2010`` (also with an en dash or spaces): a ``YearSpan``.

    Raises ``SpanError`` with a Swedish message that says what to write instead.
    """
    if isinstance(text, int):
        return _checked(text, text)
    whole = _WHOLE.match(text)
    if whole:
        year = _year(whole[1])
        return _checked(year, year)
    match = _SPAN.match(text)
    if not match:
        raise SpanError("Skriv ett heltal, t.ex. 2009. En period skrivs med bindestreck, "
                        "t.ex. 2007-2010.")
    first, last = _year(match[1]), _year(match[2])
    return _checked(first, last)


def _year(digits: str) -> int:
    """The digits as a year; far too many digits are refused before any conversion (Python
    refuses to convert more than 4 300 of them)."""
    significant = digits.lstrip("0")
    if len(significant) > 6:
        count = f"{len(significant):,}".replace(",", "\u00a0")
        raise SpanError(f"Året har {count} siffror. Skriv året med fyra siffror, t.ex. 2009.")
    return int(digits)


def _checked(first: int, last: int) -> YearSpan:
    for year in (first, last):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise SpanError(f"Året {year} ser fel ut. Skriv året med fyra siffror, t.ex. 2009.")
    if last < first:
        raise SpanError(f"Perioden slutar före den börjar. Skriv det tidigaste året först, "
                        f"t.ex. {last}-{first}.")
    if last - first + 1 > LONGEST:
        raise SpanError(f"En period kan vara högst {LONGEST} år. Skriv en kortare period, "
                        f"t.ex. {last - 3}-{last}.")
    return YearSpan(first, last)
