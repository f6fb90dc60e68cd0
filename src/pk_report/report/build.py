"""The core of ``pk-report build``: load, build the context, render, write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from pk_report.errors import UsageError
from pk_report.report.convert import convert, format_for
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
    return convert(markdown, fmt, TITLE.format(year=year), templates)


FORMAT_NAMES = {"md": "Markdown", "docx": "Word-dokument", "html": "webbsida"}


def output_format(output: Path | None, fmt: str | None) -> str:
    """The format asked for; an output name without an extension (``-o rapport``) is refused
    with the names it could have had, rather than guessed (docs/beslut.md)."""
    if fmt is None and output is not None and not output.suffix and not output.is_dir():
        from pk_report.report.convert import FORMATS
        from pk_report.swedish import join

        suffixes = {}
        for suffix, name in FORMATS.items():
            suffixes.setdefault(name, suffix)
        options = [f"-o {output}{suffix} ({FORMAT_NAMES.get(name, name.upper())})"
                   for name, suffix in suffixes.items()]
        raise UsageError(f"Filnamnet ”{output.name}” har ingen filändelse, så formatet är okänt. "
                         f"Skriv {join(options, 'eller')}, eller välj format med --format.")
    return format_for(output, fmt)


def build_report(year: int, data: Path | None, output: Path | None, fmt: str | None,
                 templates: Path | None, with_comments: bool, announce: Callable | None = None
                 ) -> str | None:
    """Build and write the report; with ``output``, return the line that says what was written."""
    fmt = output_format(output, fmt)
    if output is None and fmt == "docx" and sys.stdout.isatty():
        raise UsageError("Ett Word-dokument är binärt och skrivs inte till terminalen. Ange "
                         "-o rapport.docx, eller skicka utdata vidare: pk-report build ÅR "
                         "--format docx > rapport.docx")
    data_bytes = report_bytes(year, data, fmt, templates, with_comments, announce)
    if output is None:
        write_stdout(data_bytes)
        return None
    write_atomic(output, data_bytes)
    return f"Skrev {output} ({FORMAT_NAMES.get(fmt, fmt.upper())}, {year} års rapport)."
