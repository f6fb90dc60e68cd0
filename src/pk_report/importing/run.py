"""``pk-report importera``'s core: read the export, plan, preview, ask, write safely, validate.

The command line only parses options and passes ``say`` (a line to stderr) and ``ask`` (a
yes/no question on the terminal, or None when there is no terminal to ask on)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pk_report.errors import EXIT_DATA, EXIT_USAGE, UsageError
from pk_report.importing.plan import ImportPlan, Options, build_plan
from pk_report.problems import Problem


@dataclass
class ImportResult:
    exit_code: int = 0
    plan: ImportPlan | None = None
    written: bool = False
    copy: Path | None = None
    added: dict[str, list[int]] = field(default_factory=dict)  # table -> rows as the clerk sees
    caused: list[Problem] = field(default_factory=list)  # problems the import caused
    mapping: Path | None = None  # the starting mapping --prova wrote


def _problem_key(p: Problem) -> tuple:
    return (p.table, Path(p.file).name, p.sheet, p.row, p.column, p.value, p.message, p.level)


def run_import(file: Path, data: Path | None, options: Options, mapping: Path | None = None,
               try_only: bool = False, yes: bool = False,
               ask: Callable[[str], bool] | None = None,
               say: Callable[[str], None] = print) -> ImportResult:
    from pk_report.importing.export import ImportFormatError, read_export
    from pk_report.importing.preview import preview_lines
    from pk_report.importing.register import load_register
    from pk_report.importing.safety import refuse_unwritable
    from pk_report.sources import locate

    file = Path(file)
    if not file.is_file():
        raise UsageError(f"Hittar inte exporten {file}. Ange sökvägen till filen du laddade ned "
                         "från Forms, Google Formulär eller Teams.")
    if mapping is not None and not Path(mapping).is_file():
        raise UsageError(f"Hittar inte kartan {mapping}. Rätta sökvägen efter --karta, eller kör "
                         f"pk-report importera {file.name} --prova för att få en att fylla i.")
    source = locate(data)
    if source.origin == "exempeldata" and not try_only:
        raise UsageError("Ange registret att importera till med --data (eller miljövariabeln "
                         "PK_REPORT_DATA); den medföljande exempeldatan skrivs aldrig om.")
    if not try_only:
        refuse_unwritable(source.path)
    register = load_register(data)
    scale = [str(v) for v in register.scale.labels] + list(register.scale.labels.values())
    try:
        export = read_export(file, mapping, scale)
    except ImportFormatError:
        if not (try_only and mapping is None):
            raise
        return ImportResult(0, mapping=_write_starting_mapping(file, say))
    plan = build_plan(export, register, replace(options, mapping=mapping is not None))
    for line in preview_lines(plan):
        say(line)
    result = ImportResult(0, plan)
    if try_only:
        say("Provkörning (--prova): inget har skrivits.")
        return result
    if not plan.changes:
        say("Inget nytt att lägga till; registret är orört.")
        return result
    if not yes:
        if ask is None:
            say("Ingen terminal att fråga på, så inget har skrivits. Kör kommandot igen med --ja "
                "för att skriva utan att bli tillfrågad.")
            result.exit_code = EXIT_USAGE
            return result
        if not ask(f"Skriva ändringarna till {register.path.name}?"):
            say("Inget har skrivits.")
            return result
    after = _write(plan, result)
    before = {_problem_key(p) for p in register.problems}
    result.caused = [p for p in after.problems if _problem_key(p) not in before]
    if any(p.is_error for p in result.caused):
        result.exit_code = EXIT_DATA
    return result


def _write_starting_mapping(file: Path, say: Callable[[str], None]) -> Path:
    from pk_report.importing.export import starting_mapping
    from pk_report.writing import write_atomic

    target = file.with_name(f"{file.stem}.karta.toml")
    if target.exists():
        raise UsageError(f"pk-report känner inte igen {file.name}, och kartan {target} finns "
                         f"redan. Fyll i den och kör pk-report importera {file} --karta "
                         f"{target} --prova.")
    write_atomic(target, starting_mapping(file).encode("utf-8"))
    say(f"pk-report känner inte igen {file.name} som en export från Forms, Google Formulär eller "
        f"Teams. Skrev en karta att börja från: {target}. Fyll i vilka kolumner som är betyg, "
        f"kön och tillfälle och kör pk-report importera {file} --karta {target} --prova.")
    return target


def _write(plan: ImportPlan, result: ImportResult):
    """Write the plan (a copy of the register kept first) and give the register as it is now."""
    from pk_report.importing.register import load_register
    from pk_report.importing.safety import copy_name, refuse_open, stamp
    from pk_report.writing import keep_copy, write_atomic

    register = plan.register.path
    when = stamp()
    if register.is_dir():
        from pk_report.importing.write_csv import csv_files

        files = csv_files(plan)
        refuse_open(list(files))
        folder = copy_name(register, when)
        folder.mkdir()
        for path in files:
            keep_copy(path, folder / path.name)
        for path, (data, _) in files.items():
            write_atomic(path, data, register=True)
        result.added = {_table_of(plan, p): rows for p, (_, rows) in files.items()}
        result.copy = folder
    else:
        from pk_report.importing.write_xlsx import workbook_bytes

        refuse_open([register])
        data, result.added, new_columns = workbook_bytes(register, plan)
        result.copy = copy_name(register, when)
        keep_copy(register, result.copy)
        write_atomic(register, data, register=True)
    result.written = True
    if register.is_dir():  # cheap to read back: read what was written
        return load_register(register)
    from pk_report.importing.after import read_after
    from pk_report.importing.register import index_register

    return index_register(read_after(plan.register.read, plan, result.added, new_columns))


def _table_of(plan: ImportPlan, path: Path) -> str:
    return next(name for name, raw in plan.register.tables.items() if Path(raw.file) == path)
