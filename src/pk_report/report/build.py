"""The core of ``pk-report build``: load, build the context, render, write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from pk_report.errors import UsageError
from pk_report.report.convert import convert, format_for
from pk_report.writing import refuse_inputs, write_atomic, write_stdout
from pk_report.pipeline import load
from pk_report.report.render import render_markdown

TITLE = "Rapport från styrgruppen för politikerutbildning avseende genomförda utbildningsinsatser {year}"


def report_bytes(year: int, data: Path | None, fmt: str, templates: Path | None,
                 with_comments: bool, announce: Callable | None = None) -> bytes:
    from pk_report.report.context_build import build_context

    loaded = load(data)
    if announce:
        announce(loaded)
    context = build_context(loaded.dataset, year, with_comments, loaded.figures)
    markdown = render_markdown(context, templates)
    if fmt == "md":
        return markdown.encode("utf-8")
    return convert(markdown, fmt, TITLE.format(year=year), templates)


def build_report(year: int, data: Path | None, output: Path | None, fmt: str | None,
                 templates: Path | None, with_comments: bool, announce: Callable | None = None) -> None:
    fmt = format_for(output, fmt)
    if output is not None:  # before anything is read: the register is never the output
        from pk_report.sources import locate

        refuse_inputs(output, locate(data).path, templates)
    if output is None and fmt == "docx" and sys.stdout.isatty():
        raise UsageError("Ett Word-dokument är binärt och skrivs inte till terminalen. Ange "
                         "-o rapport.docx, eller skicka utdata vidare: pk-report build ÅR "
                         "--format docx > rapport.docx")
    data_bytes = report_bytes(year, data, fmt, templates, with_comments, announce)
    if output is None:
        write_stdout(data_bytes)
    else:
        write_atomic(output, data_bytes)
