"""Terminal presentation with rich: problem lists, summaries, text and bytes to stdout."""

from __future__ import annotations


from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pk_report.problems import Problem, errors, warnings


def console() -> Console:
    return Console(highlight=False)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def print_summary(loaded, out: Console) -> None:
    table = Table(title="Inläst", title_justify="left", header_style="bold")
    table.add_column("Tabell")
    table.add_column("Rader", justify="right")
    for name, rows in sorted(loaded.row_counts.items()):
        table.add_row(name, str(rows))
    out.print(table)
    years = loaded.dataset.years
    out.print(f"År i datan: {', '.join(str(y) for y in years) if years else 'inga'}")


def print_problems(problems: list[Problem], out: Console) -> None:
    errs, warns = errors(problems), warnings(problems)
    if not problems:
        out.print("[green]Inga problem hittades.[/]")
        return
    for title, group, style in (("Fel", errs, "red"), ("Varningar", warns, "yellow")):
        if not group:
            continue
        out.print(f"[bold {style}]{title} ({len(group)})[/]")
        for p in group:
            value = f" (värde: ”{_short(p.value)}”)" if p.value else ""
            out.print(f"[{style}]•[/] [bold]{escape(p.place())}[/]{escape(value)}: "
                      f"{escape(p.message)}", soft_wrap=True)
    from pk_report.swedish import count, upper_first

    summary = f"{count(len(errs), 'fel')} och {count(len(warns), 'varning')}".replace("noll", "inga")
    out.print(upper_first(summary) + "."
              + (" Rätta felen och kör pk-report validera igen." if errs else ""))


def _file(path: str) -> str:
    from pathlib import Path

    return Path(path).name if path else ""


def _short(value: str | None, limit: int = 40) -> str:
    if not value:
        return ""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
