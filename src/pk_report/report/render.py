"""Step 4: Markdown from the Jinja2 templates (the clerk's own first, then the bundled ones)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import jinja2

from pk_report import swedish
from pk_report.bundled import templates_dir
from pk_report.report.context import MarkdownText, ReportContext
from pk_report.errors import DataError, UsageError
from pk_report.textsafe import md_inline

MAIN_TEMPLATE = "rapport.md.j2"


def _finalize(value: object) -> object:
    """Every value printed from the data is escaped for Markdown, except the clerk's Markdown."""
    if isinstance(value, MarkdownText) or not isinstance(value, str):
        return value
    return md_inline(value)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache folder (keyed by each template's source, so the
    clerk's own templates are recompiled when they change); none if it cannot be written."""
    import os

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pk-report" / "jinja"
    try:
        base.mkdir(parents=True, exist_ok=True)
        probe = base / ".write-test"
        probe.touch()
        probe.unlink()
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(base))


def make_environment(own: Path | None = None) -> jinja2.Environment:
    """The one Jinja2 environment: StrictUndefined, trim_blocks, Swedish filters."""
    loaders: list[jinja2.BaseLoader] = []
    if own is not None:
        if not own.is_dir():
            raise UsageError(f"Mallmappen {own} finns inte. Skapa den med pk-report mall "
                             f"--mallar {own}.")
        loaders.append(jinja2.FileSystemLoader(str(own)))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             autoescape=False, finalize=_finalize, bytecode_cache=_bytecode_cache())
    env.filters.update({
        "antal": swedish.count, "tal": swedish.number_word, "ordningstal": swedish.ordinal,
        "siffror": swedish.integer, "procent": swedish.percent_text, "procentcell": swedish.percent_cell,
        "decimal": swedish.decimal, "kronor": swedish.kronor, "datum": swedish.date_text,
        "lista": swedish.join, "citat": swedish.quote, "versal": swedish.upper_first,
        "plural": swedish.plural, "md": md_inline, "andel": swedish.share,
        "datumtext": swedish.date_phrase,
        "markdown": MarkdownText,  # a macro's Markdown (a table), printed as it is
    })
    return env


def render_markdown(context: ReportContext, own: Path | None = None,
                    main: str = MAIN_TEMPLATE) -> str:
    """The report's Markdown from ``main`` (the annual report's, or ``period.md.j2``)."""
    env = make_environment(own)
    try:
        template = env.get_template(main)
        text = template.render(r=context, **{k: getattr(context, k) for k in asdict(context)})
    except jinja2.TemplateSyntaxError as exc:
        raise DataError(f"Mallen {exc.filename or exc.name} har ett syntaxfel på rad {exc.lineno}: "
                        f"{exc.message}. Rätta mallen eller ta bort den så används standardmallen.") from exc
    except jinja2.UndefinedError as exc:
        raise DataError(f"En mall använder något som inte finns: {exc.message}. Se "
                        "docs/mallar.md för vad mallarna kan använda.") from exc
    return _tidy(text)


def _tidy(text: str) -> str:
    """At most one blank line in a row; one newline at the end."""
    lines, blank = [], False
    for line in text.splitlines():
        if not line.strip():
            if not blank and lines:
                lines.append("")
            blank = True
        else:
            lines.append(line.rstrip())
            blank = False
    return "\n".join(lines).rstrip() + "\n"
