"""The ``ÅR`` argument of ``build`` and ``stats``: a year or a period (``2007-2010``).

A Click parameter type, so that a bad value is a usage error (exit code 2) shown like Typer's
own, in Swedish, with the usage line above it.
"""

from __future__ import annotations

import importlib

from pk_report.cli_swedish import SwedishUsageError, _click
from pk_report.year_span import SpanError, YearSpan, parse_span


_types = importlib.import_module(f"{_click.__name__}.types")


class YearsType(_types.ParamType):
    name = "år"

    def convert(self, value, param, ctx) -> YearSpan:
        if isinstance(value, YearSpan):
            return value
        try:
            return parse_span(str(value))
        except SpanError as exc:
            hint = (param.metavar or "ÅR").strip("[]") if param is not None else "ÅR"
            shown = str(value) if len(str(value)) <= 30 else str(value)[:20] + "…"
            raise SwedishUsageError(f"Ogiltigt värde för {hint}: ”{shown}”. {exc}", ctx) from None


YEARS = YearsType()
