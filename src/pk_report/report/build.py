"""The core of ``pk-report build``: load, build the context, render, write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from pk_report.errors import UsageError
from pk_report.year_span import YearSpan
from pk_report.report.convert import convert, format_for
from pk_report.writing import write_atomic, write_stdout
from pk_report.pipeline import load
from pk_report.report.render import render_markdown

PERIOD_TEMPLATE = "period.md.j2"
TITLE = "Rapport från styrgruppen för politikerutbildning avseende genomförda utbildningsinsatser {year}"


def report_bytes(year: int | YearSpan, data: Path | None, fmt: str, templates: Path | None,
                 with_comments: bool, announce: Callable | None = None) -> bytes:
    """The report of a year, or of a period (``YearSpan`` 2008-2010), in ``fmt``."""
    span = year if isinstance(year, YearSpan) else YearSpan(year, year)
    loaded = load(data)
    if announce:
        announce(loaded)
    if span.is_period:
        from pk_report.report.period_build import build_period_context

        context = build_period_context(loaded.dataset, span, loaded.figures)
        markdown = render_markdown(context, templates, PERIOD_TEMPLATE)
    else:
        from pk_report.report.context_build import build_context

        context = build_context(loaded.dataset, span.first, with_comments, loaded.figures)
        markdown = render_markdown(context, templates)
    if fmt == "md":
        return markdown.encode("utf-8")
    return convert(markdown, fmt, TITLE.format(year=span.label), templates)


def build_report(year: int | YearSpan, data: Path | None, output: Path | None, fmt: str | None,
                 templates: Path | None, with_comments: bool, announce: Callable | None = None) -> None:
    fmt = format_for(output, fmt)
    if output is None and fmt == "docx" and sys.stdout.isatty():
        raise UsageError("Ett Word-dokument är binärt och skrivs inte till terminalen. Ange "
                         "-o rapport.docx, eller skicka utdata vidare: pk-report build ÅR "
                         "--format docx > rapport.docx")
    data_bytes = report_bytes(year, data, fmt, templates, with_comments, announce)
    if output is None:
        write_stdout(data_bytes)
    else:
        write_atomic(output, data_bytes)
