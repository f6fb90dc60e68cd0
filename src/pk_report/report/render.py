"""Step 4: Markdown from the Jinja2 templates (the clerk's own first, then the bundled ones).

Escaping is Jinja's own mechanism with Markdown in place of HTML: the environment autoescapes,
and ``_finalize`` turns every printed value into ``Markup`` escaped for Markdown (the clerk's
own Markdown, ``MarkdownText``, as written). A macro's, a ``{% set %}`` block's or a caller's
output is already ``Markup``, so printing it does not escape it a second time (a course named
``Ledarskap [del 1]`` was shown as ``\\[del 1\\]`` in the overview's list).

An error in the clerk's templates (``--mallar``) is the clerk's to fix: it becomes a
``DataError`` naming the template file and line. The compiled templates are cached where a
cache may be written, and the cache never fails a build.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import asdict
from pathlib import Path

import jinja2
from markupsafe import Markup

from pk_report import swedish
from pk_report.bundled import templates_dir
from pk_report.errors import DataError, UsageError
from pk_report.report.context import MarkdownText, ReportContext
from pk_report.textsafe import md_inline, xml_text

MAIN_TEMPLATE = "rapport.md.j2"


def _finalize(value: object) -> object:
    """Every value printed from the data, escaped for Markdown once; the clerk's Markdown and
    what is already escaped (a macro's output) as they are."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, MarkdownText):
        return Markup(xml_text(value))  # control characters never reach the report
    return Markup(md_inline(value))


def _md(value: object) -> Markup:
    """The ``md`` filter: escaped once, and marked so, so printing it does not escape it again."""
    return value if isinstance(value, Markup) else Markup(md_inline(value))


def _join(items, separator: str = "", attribute=None) -> object:
    """Jinja's ``join`` without its HTML escaping: plain text when no item is escaped already,
    else each plain item escaped for Markdown."""
    values = [getattr(i, attribute) if attribute else i for i in items]
    if any(isinstance(v, Markup) for v in values):
        return Markup(_md(separator)).join(_md(v) for v in values)
    return str(separator).join(str(v) for v in values)


class _SafeCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that never fails a build: an unreadable or truncated entry is dropped
    and rewritten, a write that fails (a full disk) is skipped."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()
            try:
                os.remove(self._get_cache_filename(bucket))
            except OSError:
                pass

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except Exception:  # jinja removes its temporary file; the next run tries again
            pass


def cache_base() -> Path | None:
    """The user's cache folder, only where it exists or its home does: ``XDG_CACHE_HOME``,
    ``LOCALAPPDATA`` (Windows), or ``~/.cache`` in an existing ``HOME``. None otherwise, and
    then nothing is created anywhere."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg) and os.path.isdir(xdg):
        return Path(xdg)
    local = os.environ.get("LOCALAPPDATA", "")
    if os.name == "nt" and local and os.path.isdir(local):
        return Path(local)
    home = os.environ.get("HOME", "")
    if home and os.path.isabs(home) and os.path.isdir(home):
        return Path(home) / ".cache"
    return None


def _private(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a link) that this user owns and nobody else
    may write: only then can no one else plant compiled code in it."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid()
            and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def private_cache(name: str) -> Path | None:
    """``<cache>/pk-report/<name>``, made if need be, when it and the folders above it up to
    the user's cache folder are each owned by this user and writable by no one else (checked
    on every call); None otherwise, and on Windows, where that cannot be checked."""
    base = cache_base()
    if base is None or not hasattr(os, "getuid"):
        return None
    folder = base / "pk-report" / name
    try:
        base.mkdir(mode=0o700, exist_ok=True)  # ~/.cache in an existing home, never its parents
        (base / "pk-report").mkdir(mode=0o700, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not all(_private(f) for f in (base, base / "pk-report", folder)):
        return None
    try:
        probe = folder / f".write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError:
        return None
    return folder


def matplotlib_home() -> None:
    """matplotlib's configuration and font cache given explicitly, before it is imported: the
    private cache folder, or else a temporary folder removed at exit. Left to itself it makes
    ``$HOME/.config`` and ``$HOME/.cache`` (even where HOME does not exist) and prints English
    warnings when it cannot."""
    import sys

    if "matplotlib" in sys.modules:
        return
    folder = private_cache("matplotlib")
    if folder is None:
        import atexit
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="pk-report-matplotlib-"))
        atexit.register(shutil.rmtree, folder, True)
    os.environ["MPLCONFIGDIR"] = str(folder)


def _bytecode_cache(fingerprint: str = "") -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache folder (keyed by each template's source, so the
    clerk's own templates are recompiled when they change, and by ``fingerprint``, the
    filters they were compiled against); none if it cannot be written.

    A cached file is run as Python, so the cache is used only where no one else can write
    (``private_cache``): a shared or pre-made ``XDG_CACHE_HOME`` is not used."""
    folder = private_cache("jinja")
    if folder is None:
        return None
    return _SafeCache(str(folder), f"__jinja2_{fingerprint}_%s.cache")


def _fingerprint(env: jinja2.Environment) -> str:
    """The filters as a compiled template sees them: their names and what Jinja passes them
    (a filter marked pass_eval_context is called with one more argument). Bytecode compiled
    against other filters, by another version of pk-report or of Jinja, is never loaded."""
    import hashlib

    from jinja2.utils import _PassArg

    parts = [jinja2.__version__] + [f"{name}:{_PassArg.from_obj(f)}"
                                    for name, f in sorted(env.filters.items())]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


class _ClerkLoader(jinja2.FileSystemLoader):
    """The clerk's templates folder: a template too large to be one, or not saved as UTF-8
    (Notepad's "ANSI" is Windows-1252), is refused with its file named."""

    def get_source(self, environment, template):
        from pk_report.report.own_templates import check_template

        for folder in self.searchpath:
            path = Path(folder) / template
            if path.is_file():
                check_template(path)
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            shown = Path(self.searchpath[0]) / template
            raise DataError(f"Mallen {shown} är inte sparad som UTF-8 (tecknet på position "
                            f"{exc.start} går inte att läsa; sparad som ANSI/Windows-1252?). "
                            "Spara den som UTF-8 (i Anteckningar: Spara som, Kodning: UTF-8), "
                            "eller ta bort den så används standardmallen.") from exc


def make_environment(own: Path | None = None) -> jinja2.Environment:
    """The one Jinja2 environment: StrictUndefined, trim_blocks, Swedish filters, Markdown
    escaping through autoescape and ``_finalize``."""
    loaders: list[jinja2.BaseLoader] = []
    if own is not None:
        if own.exists() and not own.is_dir():
            raise UsageError(f"{own} är en fil, inte en mapp. Ange mappen med dina mallar efter "
                             "--mallar (pk-report mall --mallar MAPP skapar en).")
        if not own.is_dir():
            raise UsageError(f"Mallmappen {own} finns inte. Skapa den med pk-report mall "
                             f"--mallar {own}.")
        loaders.append(_ClerkLoader(str(own)))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             autoescape=True, finalize=_finalize)
    env.filters.update({
        "antal": swedish.count, "tal": swedish.number_word, "ordningstal": swedish.ordinal,
        "siffror": swedish.integer, "procent": swedish.percent_text, "procentcell": swedish.percent_cell,
        "decimal": swedish.decimal, "kronor": swedish.kronor, "datum": swedish.date_text,
        "lista": swedish.join, "citat": swedish.quote, "versal": swedish.upper_first,
        "plural": swedish.plural, "md": _md, "join": _join, "andel": swedish.share,
        "datumtext": swedish.date_phrase,
        "markdown": MarkdownText,  # a macro's Markdown (a table), printed as it is
    })
    env.bytecode_cache = _bytecode_cache(_fingerprint(env))
    return env


def render_markdown(context: ReportContext, own: Path | None = None,
                    main: str = MAIN_TEMPLATE) -> str:
    """The report's Markdown from ``main`` (the annual report's, or ``period.md.j2``)."""
    env = make_environment(own)
    try:
        template = env.get_template(main)
        text = template.render(r=context, **{k: getattr(context, k) for k in asdict(context)})
    except jinja2.TemplateSyntaxError as exc:
        raise DataError(f"Mallen {_shown(exc.filename or exc.name, own)} har ett fel på rad "
                        f"{exc.lineno}: {_jinja_message(exc.message)}. Rätta mallen eller ta bort "
                        "den så används standardmallen.") from exc
    except jinja2.UndefinedError as exc:
        raise DataError(f"En mall använder något som inte finns{_where(exc, own)}: "
                        f"{_jinja_message(exc.message)}. Se docs/mallar.md för vad mallarna kan "
                        "använda.") from exc
    except DataError:
        raise
    except Exception as exc:  # a RecursionError too
        frame = _frame(exc)
        if own is None or frame is None or not _inside(frame[0], own):
            raise  # an error of the bundled templates is pk-report's bug
        raise DataError(f"Mallen {_shown(frame[0], own)} går inte att använda (rad {frame[1]}: "
                        f"{_what(exc)}). Rätta mallen, eller ta bort den ur {own} så används "
                        "standardmallen.") from exc
    return _tidy(text)


def _shown(filename: str | None, own: Path | None) -> str:
    """A template's file as the clerk knows it: relative to the templates folder when in it."""
    if not filename:
        return "(okänd mall)"
    path = Path(filename)
    for folder in (own, templates_dir()):
        if folder is not None:
            try:
                return str(Path(folder) / path.resolve().relative_to(Path(folder).resolve()))
            except ValueError:
                continue
    return str(path)


def _frame(exc: BaseException) -> tuple[str, int] | None:
    """The innermost template frame of the traceback (file, line): Jinja rewrites its frames
    to the template's file and line."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _inside(filename: str, folder: Path) -> bool:
    try:
        Path(filename).resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _where(exc: BaseException, own: Path | None) -> str:
    """' (mina-mallar/kurs.md.j2, rad 12)', or nothing when no template frame is found."""
    frame = _frame(exc)
    return f" ({_shown(frame[0], own)}, rad {frame[1]})" if frame else ""


_JINJA_MESSAGES = [
    (re.compile(r"No filter named '([^']*)'.*"), "okänt filter ”{0}”"),
    (re.compile(r"No test named '([^']*)'.*"), "okänt test ”{0}”"),
    (re.compile(r"'([^']*)' is undefined"), "”{0}” finns inte"),
    (re.compile(r"'.*' has no attribute '([^']*)'"), "fältet ”{0}” finns inte"),
]


def _jinja_message(message: str | None) -> str:
    """Jinja's commonest messages in Swedish; any other as Jinja wrote it."""
    text = (message or "").strip().rstrip(".")
    for pattern, swedish_text in _JINJA_MESSAGES:
        m = pattern.fullmatch(text)
        if m:
            return swedish_text.format(*m.groups())
    return text


def _what(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"den tar med mallen {exc.name}, som inte finns"
    if isinstance(exc, RecursionError):
        return "den tar med sig själv, om och om igen"
    if isinstance(exc, ZeroDivisionError):
        return "division med noll"
    if isinstance(exc, KeyError):
        return f"okänt ord ”{exc.args[0] if exc.args else ''}”"
    return f"{type(exc).__name__}: {exc}"


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
