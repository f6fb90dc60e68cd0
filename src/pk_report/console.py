"""Terminal presentation with rich: problem lists, summaries, messages.

What comes from the data or the command line (names, values, paths, messages that quote
them) is never rich markup: the consoles are made with ``markup=False`` and ``emoji=False``,
styles are given as ``Text`` spans, and control characters are shown escaped
(``textsafe.terminal``). A width of zero or less (``COLUMNS=0``) means unknown, not nothing.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pk_report.problems import Problem, errors, warnings
from pk_report.schema import TABLES
from pk_report.textsafe import plain_wanted, terminal

MIN_WIDTH = 20
UNKNOWN_WIDTH = 80


class _Console(Console):
    def print(self, *objects, crop: bool = False, **kwargs) -> None:
        """Never crop: a line wider than the terminal is the terminal's to wrap, so an id or a
        figure is never cut off (``COLUMNS=20``)."""
        super().print(*objects, crop=crop, **kwargs)

    def render_str(self, text: str, **kwargs):
        """Every string rendered (a table's cells, a title) with its control characters shown
        escaped; markup is off for the whole console."""
        return super().render_str(terminal(text), **kwargs)

    def on_broken_pipe(self) -> None:
        """The reader closed the pipe (``| head``): it has what it wanted, not an error (rich
        would exit with 1)."""
        from pk_report.writing import reader_gone

        reader_gone()


def _made(stderr: bool = False) -> Console:
    plain = {"color_system": None, "no_color": True} if plain_wanted() else {}
    out = _Console(stderr=stderr, highlight=False, markup=False, emoji=False, **plain)
    if out.width < MIN_WIDTH:
        out.width = UNKNOWN_WIDTH if out.width <= 0 else MIN_WIDTH
    return out


def console() -> Console:
    return _made()


def err_console() -> Console:
    return _made(stderr=True)


def print_summary(loaded, out: Console) -> None:
    table = Table(title="Inläst", title_justify="left", header_style="bold")
    table.add_column("Tabell")
    table.add_column("Rader", justify="right")
    for name, spec in TABLES.items():  # in the mall's order, named as its tabs are
        if name in loaded.row_counts:
            table.add_row(spec.label, str(loaded.row_counts[name]))
    out.print(table)
    years = loaded.dataset.years
    out.print(f"År i datan: {', '.join(str(y) for y in years) if years else 'inga'}")


def print_problems(problems: list[Problem], out: Console) -> None:
    errs, warns = errors(problems), warnings(problems)
    if not problems:
        out.print(Text("Inga problem hittades.", style="green"))
        return
    for title, group, style in (("Fel", errs, "red"), ("Varningar", warns, "yellow")):
        if not group:
            continue
        shown = f"{len(group):,}".replace(",", "\u00a0")
        out.print(Text(f"{title} ({shown})", style=f"bold {style}"))
        for p, more in _capped(group):
            if more:
                out.print(Text.assemble(("•", style), " ", terminal(more)), soft_wrap=True)
                continue
            value = f" (värde: ”{_short(p.value)}”)" if p.value else ""
            out.print(Text.assemble(("•", style), " ", (terminal(p.place()), "bold"),
                                    terminal(value), ": ", terminal(p.message)), soft_wrap=True)
    from pk_report.swedish import count, upper_first

    summary = f"{count(len(errs), 'fel')} och {count(len(warns), 'varning')}".replace("noll", "inga")
    out.print(upper_first(summary) + "."
              + (" Rätta felen och kör pk-report validera igen." if errs else ""))


SHOWN_PER_KIND = 3  # problems of one kind in one column shown before the rest are counted


def _kind(p: Problem) -> tuple:
    """The same problem in the same column (for a problem of a whole column, in any column):
    the message with its quoted parts and figures left out."""
    import re

    message = re.sub(r"\d[\d\u00a0 ]*", "#", re.sub(r"”[^”]*”", "””", p.message))
    return (p.file, p.sheet, p.table, p.column if p.row is not None else None, message)


def _capped(group: list[Problem]):
    """(problem, None) for each problem shown, and (None, '… och 199 998 rader till med samma
    fel') once in place of the rest of a kind: 200 000 rows of the same error are four lines."""
    from collections import Counter

    from pk_report.swedish import number_word

    totals = Counter(_kind(p) for p in group)
    seen: Counter = Counter()
    for p in group:
        kind = _kind(p)
        seen[kind] += 1
        if seen[kind] <= SHOWN_PER_KIND:
            yield p, None
        elif seen[kind] == SHOWN_PER_KIND + 1:
            rest = totals[kind] - SHOWN_PER_KIND
            level = "fel" if p.is_error else "varning"
            where = Path(p.file).name if p.file else ""
            if p.column and p.row is not None:
                where += f", kolumn ”{p.column}”"
                what = f"{number_word(rest)} {('rad', 'rader')[rest != 1]}"
            else:
                what = number_word(rest)
            yield None, f"… och {what} till med samma {level}" + (f" ({where})" if where else "")


def print_error(message: str) -> None:
    """'Fel: …' on stderr, the message as it is (it may quote data and paths)."""
    err_console().print(Text.assemble(("Fel:", "bold red"), " ", terminal(message)))


def print_internal(exc: BaseException) -> None:
    err_console().print(Text.assemble(
        ("Internt fel i pk-report:", "bold red"),
        f" {type(exc).__name__}: {terminal(exc)}. Kör samma kommando med --debug och skicka "
        "utskriften till den som förvaltar verktyget."))


def _short(value: str | None, limit: int = 40) -> str:
    if not value:
        return ""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
