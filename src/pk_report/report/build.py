"""The core of ``pk-report build``: load, build the context, draw the charts, render, write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pk_report.errors import OutputError, UsageError
from pk_report.year_span import YearSpan
from pk_report.report.convert import DocumentInfo, convert, format_for
from pk_report.writing import refuse_inputs, write_atomic, write_stdout
from pk_report.pipeline import load
from pk_report.report.render import render_markdown

PERIOD_TEMPLATE = "period.md.j2"
TITLE = "Rapport från styrgruppen för politikerutbildning avseende genomförda utbildningsinsatser {year}"
CHART_FOLDER = "diagram"  # inside the converter's document; Markdown files get NAME_diagram


@dataclass
class Built:
    """The report in its format, and for Markdown the chart files to write beside it
    ({relative path: PNG bytes})."""

    data: bytes
    images: dict[str, bytes] = field(default_factory=dict)
    title_gaps: list[str] = field(default_factory=list)  # installningar keys the title lacks


def build_document(year: int | YearSpan, data: Path | None, fmt: str, templates: Path | None,
                   with_comments: bool, announce: Callable | None = None,
                   chart_folder: str | None = None) -> Built:
    """The report of a year, or of a period (``YearSpan`` 2008-2010), in ``fmt``; with charts
    under ``chart_folder`` (a relative path) unless it is ``None``."""
    span = year if isinstance(year, YearSpan) else YearSpan(year, year)
    loaded = load(data)
    if announce:
        announce(loaded)
    if span.is_period:
        from pk_report.report.period_build import build_period_context

        context = build_period_context(loaded.dataset, span, loaded.figures)
        main = PERIOD_TEMPLATE
    else:
        from pk_report.report.chart_build import with_tables
        from pk_report.report.context_build import build_context

        context = build_context(loaded.dataset, span.first, with_comments, loaded.figures)
        context = with_tables(context, loaded.dataset)
        main = None
    charts = []
    if chart_folder is not None:
        from pk_report.report.chart_build import annual_charts, period_charts

        made = period_charts(context) if span.is_period else annual_charts(context)
        charts = [c.placed(chart_folder) for c in made]
        context = replace(context, charts={c.lookup: c for c in charts})
    markdown = render_markdown(context, templates, main) if main else \
        render_markdown(context, templates)
    from pk_report.report.charts import SCREEN_WIDTH, WIDTH

    width = SCREEN_WIDTH if fmt == "html" else WIDTH  # a web page's charts: legible on a phone
    images = {c.path: c.png(width) for c in charts if c.markdown in markdown}  # the ones shown
    if fmt == "md":
        return Built(markdown.encode("utf-8"), images)
    info = document_info(loaded.dataset.settings, span.label)
    gaps = [key for key, value in (("kommun", info.kommun), ("datum", info.datum),
                                   ("diarienummer", info.diarienummer)) if not value]
    return Built(convert(markdown, fmt, info, templates, images=images), title_gaps=gaps)


def document_info(settings, label: object) -> DocumentInfo:
    """The title block from installningar: kommun, datum and diarienummer."""
    from pk_report import swedish

    datum = swedish.date_text(settings.datum) if settings.datum else ""
    return DocumentInfo(TITLE.format(year=label), settings.kommun, datum, settings.diarienummer)


def report_bytes(year: int | YearSpan, data: Path | None, fmt: str, templates: Path | None,
                 with_comments: bool, announce: Callable | None = None,
                 charts: bool | None = None) -> bytes:
    """The report as bytes; charts by default in a document, never in bare Markdown (whose
    charts would have to be files beside it)."""
    charts = fmt != "md" if charts is None else charts
    return build_document(year, data, fmt, templates, with_comments, announce,
                          CHART_FOLDER if charts else None).data


def chart_folder_for(output: Path | None, fmt: str, without_charts: bool) -> str | None:
    """Where the report's charts go: inside a Word, HTML or PDF document; beside a Markdown
    file in a folder named after it (rapport.md: rapport_diagram/); nowhere for Markdown to
    stdout or with --utan-diagram."""
    if without_charts:
        return None
    if fmt != "md":
        return CHART_FOLDER
    return None if output is None else f"{output.stem}_diagram"


def refuse_chart_folder(output: Path, folder: Path, data: Path | None,
                        templates: Path | None) -> None:
    """UsageError when the charts of a Markdown report would land in the register, the
    templates or the files that ship with pk-report (``writing.refuse_inputs``)."""
    try:
        refuse_inputs(folder, data, templates)
    except UsageError as exc:
        raise UsageError(
            f"Diagrammen till {output.name} skulle skrivas i mappen {folder}, men där ligger "
            "det som rapporten läses från (registret, mallarna eller pk-reports egna filer), "
            "och där skrivs aldrig något. Ge rapporten ett annat namn med -o (diagrammen hamnar i NAMN_diagram "
            "bredvid den), eller bygg med --utan-diagram.") from exc


FORMAT_NAMES = {"md": "Markdown", "docx": "Word-dokument", "html": "webbsida", "pdf": "PDF"}


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


def build_report(year: int | YearSpan, data: Path | None, output: Path | None, fmt: str | None,
                 templates: Path | None, with_comments: bool, announce: Callable | None = None,
                 without_charts: bool = False) -> str | None:
    """Build and write the report; with ``output``, return the line that says what was written."""
    fmt = output_format(output, fmt)
    if output is not None:  # before anything is read: the register is never the output
        from pk_report.sources import locate

        refuse_inputs(output, locate(data).path, templates)
        charts = chart_folder_for(output, fmt, without_charts)
        if fmt == "md" and charts is not None:  # refused where -o would be, and for the same
            refuse_chart_folder(output, output.parent / charts, locate(data).path, templates)
    if output is None and fmt in ("docx", "pdf") and sys.stdout.isatty():
        kind = "Ett Word-dokument" if fmt == "docx" else "En PDF-fil"
        raise UsageError(f"{kind} är binärt och skrivs inte till terminalen. Ange "
                         f"-o rapport.{fmt}, eller skicka utdata vidare: pk-report build ÅR "
                         f"--format {fmt} > rapport.{fmt}")
    built = build_document(year, data, fmt, templates, with_comments, announce,
                           chart_folder_for(output, fmt, without_charts))
    if output is None:
        write_stdout(built.data)
        return None
    folder = output.parent if str(output.parent) else Path(".")
    if built.images and not folder.is_dir():
        from pk_report.writing import missing_folder

        raise missing_folder(folder)
    for relative, png in built.images.items():
        target = folder / relative
        try:
            target.parent.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"Kan inte skapa mappen {target.parent} för diagrammen "
                              f"({exc.strerror}). Välj en annan plats, eller bygg med "
                              "--utan-diagram.") from exc
        write_atomic(target, png)
    write_atomic(output, built.data)
    span = year if isinstance(year, YearSpan) else YearSpan(year, year)
    what = f"{span.label} års rapport" if not span.is_period else f"rapporten för {span.label}"
    charts = f", diagrammen i {folder / next(iter(built.images)).split('/')[0]}" if built.images else ""
    said = f"Skrev {output} ({FORMAT_NAMES.get(fmt, fmt.upper())}, {what}{charts})."
    return said + title_gaps_note(built.title_gaps)


def title_gaps_note(gaps: list[str]) -> str:
    """A second line when the document's title block lacks kommun, datum or diarienummer."""
    if not gaps:
        return ""
    from pk_report import swedish

    names = swedish.join([f"”{g}”" for g in gaps])
    return (f"\nTitelblocket saknar {names}. Fyll i {'den' if len(gaps) == 1 else 'dem'} på "
            "bladet installningar (kolumnerna nyckel och varde) och bygg igen.")
