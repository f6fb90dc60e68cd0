"""Swedish for Typer's own words: help headings and usage errors.

Typer (which carries its own copy of Click) writes "Usage:", "Options", "Show this message and
exit." and its error messages in English, and ships no Swedish catalogue. The command classes
here translate at the two places those words pass: the help formatter, and the usage error
that Typer prints before exit code 2. Nothing here imports more than Typer already has.
"""

from __future__ import annotations

import importlib
import re
from contextlib import contextmanager

from typer.core import TyperCommand, TyperGroup

# Typer 0.28 carries its own Click (typer._click), older ones use click: take the one its
# command class is built on.
_click = importlib.import_module(TyperCommand.__mro__[1].__module__.rpartition(".")[0])
UsageError = _click.exceptions.UsageError

HELP_TEXT = "Visa den här hjälpen och avsluta."
SECTIONS = {"Options": "Flaggor", "Arguments": "Argument", "Commands": "Kommandon"}
NOTES = [("[required]", "[krävs]"), ("[default: ", "[standard: ")]
_QUOTED = re.compile(r"^(['\"])(.*)\1 is not")
_EXTRA = re.compile(r"extra argument(?:s|\(s\))? \((.*)\)")
_REQUIRED = re.compile(r"\{([^{}]+)\}")  # Typer 0.28 writes a required argument as {ÅR}
_NO_COMMAND = re.compile(r"^No such command (['\"])(.*)\1\.")


class _SwedishFormatter:
    """Click's HelpFormatter with Swedish headings; everything else passed through."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        self._inner.write_usage(prog, _REQUIRED.sub(r"\1", args),
                                "Användning: " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str):
        with self._inner.section(SECTIONS.get(name, name)):
            yield

    def write_dl(self, rows, *args, **kwargs) -> None:
        def swedish(text: str) -> str:
            for english, ours in NOTES:
                text = text.replace(english, ours)
            return text

        self._inner.write_dl([(term, swedish(text)) for term, text in rows], *args, **kwargs)


def _formatter(formatter):
    return formatter if isinstance(formatter, _SwedishFormatter) else _SwedishFormatter(formatter)


class SwedishUsageError(UsageError):
    """A usage error shown in Swedish, with the usage line and where to read more."""

    def show(self, file=None) -> None:
        import sys

        out = file or sys.stderr
        if self.ctx is not None:
            out.write(f"{self.ctx.get_usage()}\nSe {self.ctx.command_path} --help.\n\n")
        out.write(f"Fel: {self.message}\n")


def _hint(param) -> str:
    if param is None:
        return "värdet"
    if getattr(param, "param_type_name", "") == "argument":
        return param.metavar or param.name.upper()
    return max(param.opts, key=len)


def message_for(exc) -> str:
    """The Swedish message for one of Click's usage errors."""
    from pk_report.swedish import join

    def or_list(items) -> str:
        return join(list(items), "eller")

    exceptions = _click.exceptions
    if isinstance(exc, exceptions.NoSuchOption):
        close = f" Menade du {or_list(exc.possibilities)}?" if exc.possibilities else ""
        return f"Okänd flagga: {exc.option_name}.{close}"
    if isinstance(exc, exceptions.MissingParameter):
        kind = "Argumentet" if getattr(exc.param, "param_type_name", "") == "argument" else "Flaggan"
        return f"{kind} {_hint(exc.param)} saknas."
    if isinstance(exc, exceptions.BadParameter):
        quoted = _QUOTED.match(exc.message)
        value = f": ”{quoted.group(2)}”" if quoted else ""
        choices = getattr(getattr(exc.param, "type", None), "choices", None)
        if choices:
            return f"Ogiltigt värde för {_hint(exc.param)}{value}. Välj {or_list(choices)}."
        if isinstance(getattr(exc.param, "type", None), _click.types.IntParamType):
            return f"Ogiltigt värde för {_hint(exc.param)}{value}. Skriv ett heltal, t.ex. 2009."
        return f"Ogiltigt värde för {_hint(exc.param)}{value}."
    if isinstance(exc, exceptions.BadOptionUsage) and "requires an argument" in exc.message:
        return f"Flaggan {exc.option_name} behöver ett värde."
    extra = _EXTRA.search(exc.message)
    if extra:
        words = extra.group(1)
        return f"{'Oväntade' if ' ' in words else 'Oväntat'} argument: {words}."
    unknown = _NO_COMMAND.match(exc.message)
    if unknown and exc.ctx is not None:
        commands = or_list(exc.ctx.command.list_commands(exc.ctx))
        return f"Okänt kommando: ”{unknown.group(2)}”. Välj {commands}."
    if exc.message == "Missing command.":
        return "Ange ett kommando."
    return exc.message


def _swedish(exc):
    if isinstance(exc, (SwedishUsageError, _click.exceptions.NoArgsIsHelpError)):
        return exc
    return SwedishUsageError(message_for(exc), exc.ctx)


class _Swedish:
    """What both command classes share: Swedish help headings and usage errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = "[FLAGGOR]"

    def format_help(self, ctx, formatter) -> None:
        super().format_help(ctx, _formatter(formatter))

    def format_usage(self, ctx, formatter) -> None:
        super().format_usage(ctx, _formatter(formatter))

    def get_short_help_str(self, limit: int = 45) -> str:
        """The command's whole first paragraph in the list of commands, never cut with "...":
        the help formatter wraps it to the terminal's width instead."""
        import inspect

        text = inspect.cleandoc(self.short_help or self.help or "")
        return " ".join(text.split("\n\n")[0].split())

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as exc:
            raise _swedish(exc) from None


class SwedishCommand(_Swedish, TyperCommand):
    pass


class SwedishGroup(_Swedish, TyperGroup):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "KOMMANDO [ARGUMENT]..."

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            raise _swedish(exc) from None

