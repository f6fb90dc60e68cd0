"""The core of ``pk-report build``: load, build the context, render, write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from pk_report.errors import UsageError
from pk_report.report.convert import DocumentInfo, convert, format_for
from pk_report.writing import write_atomic, write_stdout
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
    return convert(markdown, fmt, document_info(loaded.dataset.settings, year), templates)


def document_info(settings, year: int) -> DocumentInfo:
    """The title block from installningar: kommun, datum and diarienummer."""
    from pk_report import swedish

    datum = swedish.date_text(settings.datum) if settings.datum else ""
    return DocumentInfo(TITLE.format(year=year), settings.kommun, datum, settings.diarienummer)


def build_report(year: int, data: Path | None, output: Path | None, fmt: str | None,
                 templates: Path | None, with_comments: bool, announce: Callable | None = None) -> None:
    fmt = format_for(output, fmt)
    if output is None and fmt in ("docx", "pdf") and sys.stdout.isatty():
        kind = "Ett Word-dokument" if fmt == "docx" else "En PDF-fil"
        raise UsageError(f"{kind} är binärt och skrivs inte till terminalen. Ange "
                         f"-o rapport.{fmt}, eller skicka utdata vidare: pk-report build ÅR "
                         f"--format {fmt} > rapport.{fmt}")
    data_bytes = report_bytes(year, data, fmt, templates, with_comments, announce)
    if output is None:
        write_stdout(data_bytes)
    else:
        write_atomic(output, data_bytes)
