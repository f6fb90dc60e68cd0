"""The command line: parse options, call one core function, print, pick the exit code.

Nothing heavy (pandas, openpyxl, pandoc, matplotlib) is imported at module level, so
``pk-report --help`` stays instant; each command imports what it needs.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from pk_report.cli_swedish import SwedishCommand, SwedishGroup
from pk_report.cli_years import YEARS
from pk_report.errors import EXIT_DATA, PkReportError

EXIT_INTERNAL = 70  # a bug in pk-report, never a data or usage problem

app = typer.Typer(
    help="Årsrapporten från styrgruppen för politikerutbildning, direkt ur registrets kalkylark.",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False, cls=SwedishGroup,
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command
)


class State:
    debug = False


def _debug(value: bool) -> bool:
    State.debug = State.debug or value
    return value


def _version(value: bool) -> None:
    """Eager: ``pk-report --version`` alone prints the version, before any command is asked for."""
    if value:
        from pk_report import __version__

        typer.echo(f"pk-report {__version__}")
        raise typer.Exit(0)


DEBUG_HELP = "Visa hela felspåret vid fel."
# --debug is accepted before the command and after it (on every command)
DebugOption = Annotated[bool, typer.Option("--debug", help=DEBUG_HELP, callback=_debug,
                                           is_eager=True)]


class StatsFormat(str, Enum):
    tabell = "tabell"
    csv = "csv"
    json = "json"


class Per(str, Enum):
    organisationstyp = "organisationstyp"
    roll = "roll"
    kon = "kon"
    tillfalle = "tillfalle"
    ar = "ar"


class ReportFormat(str, Enum):
    md = "md"
    docx = "docx"
    html = "html"
    pdf = "pdf"


DataOption = Annotated[Optional[Path], typer.Option(
    "--data", "-d", metavar="SÖKVÄG", help="Arbetsbok (.xlsx, .xlsm, .ods) eller mapp med CSV-filer. Utan den: "
    "miljövariabeln PK_REPORT_DATA, annars den medföljande exempeldatan.")]


@app.callback()
def _main(debug: DebugOption = False,
          version: Annotated[bool, typer.Option("--version", help="Visa versionen och avsluta.",
                                                callback=_version, is_eager=True)] = False) -> None:
    State.debug = debug  # before the command's own --debug, which can only turn it on


def _fail(exc: BaseException) -> None:
    """Turn an exception into a Swedish message and an exit code (the CLI's one edge)."""
    from pk_report.console import err_console, print_error, print_internal, print_problems

    if isinstance(exc, BrokenPipeError):  # the reader of our output has gone: nothing to say
        from pk_report.writing import reader_gone

        reader_gone()
        raise typer.Exit(0)
    if State.debug:
        raise exc
    if isinstance(exc, PkReportError):
        if exc.problems:
            print_problems(exc.problems, err_console())
        print_error(exc.message)
        raise typer.Exit(exc.exit_code)
    print_internal(exc)
    raise typer.Exit(EXIT_INTERNAL)


def _announce(loaded, mention_warnings: bool = True) -> None:
    """Where the data came from, one dim line on stderr (plain, so build needs no rich), and
    how many warnings the data has: build and stats do not list them, validera does."""
    from pk_report.textsafe import plain_wanted

    color = False if plain_wanted() else None  # NO_COLOR, TERM=dumb: not even dim
    typer.secho(loaded.source.describe(), err=True, dim=True, color=color)
    if mention_warnings and loaded.problems:
        from pk_report.swedish import count

        n = len(loaded.problems)
        typer.secho(f"Datan har {count(n, 'varning')}; kör {loaded.source.validate_command()} "
                    f"för att se {'den' if n == 1 else 'dem'}.", err=True, fg="yellow",
                    color=color)


@app.command("validera", cls=SwedishCommand)
def validera(data: DataOption = None, debug: DebugOption = False) -> None:
    """Kontrollera datan och lista varje problem med fil, blad, rad och kolumn."""
    try:
        from pk_report.console import console, print_problems, print_summary
        from pk_report.pipeline import inspect

        loaded = inspect(data)
        _announce(loaded, mention_warnings=False)
        out = console()
        print_summary(loaded, out)
        print_problems(loaded.problems, out)
        code = EXIT_DATA if loaded.errors else 0
    except (PkReportError, Exception) as exc:
        _fail(exc)
    raise typer.Exit(code)


@app.command("stats", cls=SwedishCommand)
def stats(
    year: Annotated[Optional[str], typer.Argument(metavar="[ÅR]", click_type=YEARS,
                    help="År eller period (2007-2010); utan år visas alla år i datan.")] = None,
    course: Annotated[Optional[str], typer.Option("--course", "--kurs", "-k", metavar="KURS",
                      help="kurs_id, tema eller en unik del av kursens namn.")] = None,
    per: Annotated[Optional[Per], typer.Option("--per", help="Dela upp deltagarna, eller "
                   "visa en rad per år (ar).")] = None,
    fmt: Annotated[StatsFormat, typer.Option("--format", "-f",
                   help="tabell i terminalen, csv för Excel, json för program.")] = StatsFormat.tabell,
    data: DataOption = None,
    debug: DebugOption = False,
) -> None:
    """Visa siffrorna per kurs och år som tabell, CSV eller JSON."""
    try:
        from pk_report.stats_command import stats_output

        loaded, output = stats_output(data, year, course, per.value if per else None, fmt.value)
        _announce(loaded)
        if isinstance(output, str):  # csv (with a BOM, for Excel) or json: UTF-8 as it is
            from pk_report.writing import write_stdout

            write_stdout((("\ufeff" if fmt is StatsFormat.csv else "") + output).encode("utf-8"))
        else:
            from pk_report.console import console

            console().print(output)
    except (PkReportError, Exception) as exc:
        _fail(exc)


@app.command("build", cls=SwedishCommand)
def build(
    year: Annotated[str, typer.Argument(metavar="ÅR", click_type=YEARS, help="Rapportens år, "
                    "t.ex. 2009, eller en period, t.ex. 2007-2010.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FIL",
                      help="Skriv till fil; formatet tas från filändelsen (.md, .docx, .html, .pdf).")] = None,
    fmt: Annotated[Optional[ReportFormat], typer.Option("--format", "-f",
                   help="md, docx, html eller pdf (annars från filändelsen, eller md).")] = None,
    mallar: Annotated[Optional[Path], typer.Option("--mallar", metavar="MAPP",
                      help="Mapp med egna mallar; saknade filer tas från de medföljande.")] = None,
    med_kommentarer: Annotated[bool, typer.Option("--med-kommentarer",
                               help="Ta med deltagarnas fritextkommentarer i rapporten.")] = False,
    utan_diagram: Annotated[bool, typer.Option("--utan-diagram",
                            help="Utan diagram (annars i Word/HTML, och bredvid en .md-fil).")] = False,
    data: DataOption = None,
    debug: DebugOption = False,
) -> None:
    """Skriv årets rapport: Markdown till skärmen, eller Word, HTML eller PDF med -o."""
    try:
        from pk_report.report.build import build_report
        from pk_report.writing import check_name

        check_name(output)
        written = build_report(year, data, output, fmt.value if fmt else None, mallar,
                               med_kommentarer, announce=_announce,
                               without_charts=utan_diagram)
        if written:
            typer.echo(written, err=True)
    except (PkReportError, Exception) as exc:
        _fail(exc)


@app.command("mall", cls=SwedishCommand)
def mall(
    file: Annotated[Optional[Path], typer.Argument(metavar="[FIL]", help="Arbetsboken som ska skrivas.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    mallar: Annotated[Optional[Path], typer.Option("--mallar", metavar="MAPP",
                      help="Kopiera i stället rapportmallarna till den här mappen.")] = None,
    debug: DebugOption = False,
) -> None:
    """Skriv en tom arbetsbok att börja från (eller kopiera rapportmallarna med --mallar)."""
    try:
        from pk_report.console import err_console

        if mallar is not None:
            from pk_report.report.own_templates import export_templates

            written = export_templates(mallar, force)
            err_console().print(f"Kopierade {len(written)} mallar till {mallar}. Ändra dem och "
                                f"använd dem med pk-report build ÅR --mallar {mallar}.",
                                highlight=False)
            return
        from pk_report.blank_workbook import write_blank_workbook

        target = file or Path("pk-report-mall.xlsx")
        write_blank_workbook(target, force)
        err_console().print(f"Skrev {target}. Fyll i bladen och kontrollera med "
                            f"pk-report validera --data {target}.", highlight=False)
    except (PkReportError, Exception) as exc:
        _fail(exc)


ImportDataOption = Annotated[Optional[Path], typer.Option(
    "--data", "-d", metavar="SÖKVÄG", help="Registret att importera till: arbetsbok (.xlsx, .xlsm) "
    "eller mapp med CSV-filer. Utan den: miljövariabeln PK_REPORT_DATA.")]


class Till(str, Enum):
    utvarderingar = "utvarderingar"
    deltagare = "deltagare"


@app.command("importera", cls=SwedishCommand)
def importera(
    file: Annotated[Path, typer.Argument(metavar="FIL", help="Exporten: svar från Microsoft "
                    "Forms (.xlsx), Google Formulär (.csv), en närvarolista från Teams (.csv) "
                    "eller en annan fil tillsammans med --karta.")],
    tillfalle: Annotated[Optional[str], typer.Option("--tillfalle", "-t", metavar="ID",
                         help="Tillfället svaren eller närvaron hör till (tillfalle_id).")] = None,
    kurs: Annotated[Optional[str], typer.Option("--kurs", "-k", metavar="ID",
                    help="Kursen, för utvärderingar som hör till en hel kurs (med --ar).")] = None,
    ar: Annotated[Optional[int], typer.Option("--ar", metavar="ÅR",
                  help="Kursens år, tillsammans med --kurs.")] = None,
    karta: Annotated[Optional[Path], typer.Option("--karta", metavar="KARTA.toml",
                     help="Karta för en export pk-report inte känner igen (se docs/import.md).")] = None,
    till: Annotated[Optional[Till], typer.Option("--till", help="Tabellen raderna ska till, "
                    "om gissningen är fel.")] = None,
    prova: Annotated[bool, typer.Option("--prova", help="Visa bara vad som skulle hända; "
                     "skriv inget (utom en karta att börja från för en okänd fil).")] = False,
    ja: Annotated[bool, typer.Option("--ja", help="Skriv utan att fråga (för skript).")] = False,
    data: ImportDataOption = None,
    debug: DebugOption = False,
) -> None:
    """Läs in en export från Forms, Google Formulär eller Teams till registret, utan att skriva av."""
    try:
        from pk_report.console import err_console, print_problems
        from pk_report.importing.plan import Options
        from pk_report.importing.run import run_import

        def say(line: str) -> None:
            typer.echo(line, err=True)

        ask = None
        if sys.stdin.isatty() and sys.stderr.isatty():
            def ask(question: str) -> bool:  # j/ja (or y/yes) writes; anything else does not
                typer.echo(f"{question} [j/N] ", err=True, nl=False)
                return sys.stdin.readline().strip().lower() in ("j", "ja", "y", "yes")

        options = Options(tillfalle, kurs, ar, till.value if till else None)
        result = run_import(file, data, options, karta, prova, ja, ask, say)
        if result.written:
            from pk_report.importing.preview import rows_text

            rows = sum(len(r) for r in result.added.values())
            changed = len(result.plan.updates)
            say(f"Skrev {result.plan.register.path}: {rows_text(rows, changed)}"
                + f". Registret som det var före importen finns kvar som {result.copy}.")
            if result.caused:
                say("Efter importen har registret nya problem:")
                print_problems(result.caused, err_console())
            else:
                say("Registret kontrollerades efter importen: importen gav inga nya problem.")
        code = result.exit_code
    except (PkReportError, Exception) as exc:
        _fail(exc)
    raise typer.Exit(code)


def main() -> None:
    """The console script: run the command, then leave without tearing the interpreter down.

    Every file is written and closed by then; tearing down pandas and numpy would only add
    about 0.1 s to each command (docs/beslut.md). Output is flushed first, and a reader that
    closed the pipe early (``| head``) is not an error. A terminal that cannot show '•' or '–'
    (Latin-1) gets '*' and '-'.
    """
    import os

    from pk_report.textsafe import fall_back_where_the_terminal_cannot_show

    fall_back_where_the_terminal_cannot_show(sys.stdout, sys.stderr)
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader has gone, or the stream is closed
            pass
    os._exit(code)
