"""Never an internal error on ordinary conditions: out-of-range numbers, long CSV cells, errors
in the clerk's templates, a broken or unwritable template cache, a Latin-1 terminal."""

import copy
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import read_sample, write_csv_folder
from pk_report.cells import parse_amount, parse_int
from pk_report.cli import app
from pk_report.pipeline import inspect

runner = CliRunner()


def test_integers_are_exact_and_bounded():
    assert parse_int("1 234 567") == (1234567, None)
    assert parse_int("999999999") == (999999999, None)
    assert parse_int("12,0") == (12, None)
    for text in ("9007199254740993", "1" + "0" * 20, "9" * 5000, "-" + "9" * 30):
        value, problem = parse_int(text)
        assert value is None and "orimligt stort" in problem, text


def test_amounts_are_decimal_and_bounded():
    assert parse_amount("731 322,50 kr") == (731322.5, None)
    assert parse_amount("-4 500:-") == (-4500.0, None)
    for text in ("1" + "0" * 25, "1000000000000", "9" * 400 + ",5"):
        value, problem = parse_amount(text)
        assert value is None and "orimligt stort" in problem, text


def edited(tmp_path, table, row, column, value, extra=None):
    tables = copy.deepcopy(read_sample())
    tables.update(extra or {})
    rows = tables[table]
    rows[row - 1][rows[0].index(column)] = value
    return write_csv_folder(tmp_path / "data", tables)


@pytest.mark.parametrize("table,row,column,value,extra", [
    ("kostnader", 2, "belopp", "1" + "0" * 25, None),  # decimal.InvalidOperation
    ("tillfallen", 2, "antal_deltagare", "1" + "0" * 20, None),  # printed as -9 223 372 …
    ("installningar", 4, "varde", "²", None),  # str.isdigit, not int()
    ("betygsskala", 2, "varde", "1" + "0" * 20,  # OverflowError
     {"betygsskala": [["varde", "etikett", "mycket_nojd"], ["1", "Dålig", "nej"],
                      ["2", "Bra", "ja"]]}),
])
def test_out_of_range_numbers_are_located_problems(tmp_path, table, row, column, value, extra):
    data = edited(tmp_path, table, row, column, value, extra)
    assert any(p.table == table and p.row == row for p in inspect(data).errors)
    for argv in (["validera"], ["build", "2009"], ["stats"]):
        result = runner.invoke(app, [*argv, "--data", str(data)])
        assert result.exit_code == 1, (argv, result.output)
        assert "Internt fel" not in result.output and "Traceback" not in result.output


def test_a_csv_cell_over_the_field_limit_is_located_and_the_rest_read(tmp_path):
    data = edited(tmp_path, "kurser", 3, "beskrivning", "lång " * 30_000)
    problems = inspect(data).errors
    assert [(p.table, p.row, p.column) for p in problems] == [("kurser", 3, "beskrivning")]
    assert "fler än en cell i Excel rymmer" in problems[0].message


def test_an_unclosed_quote_is_located_where_it_starts(tmp_path):
    data = write_csv_folder(tmp_path / "data", read_sample())
    lines = (data / "deltagare.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace(";", ';"', 1)  # a quote that is never closed
    lines += lines[5:] * 40  # enough rows after it to pass Excel's limit for a cell
    (data / "deltagare.csv").write_text("".join(lines), encoding="utf-8")
    problems = inspect(data).errors
    assert problems and problems[0].table == "deltagare" and problems[0].row == 5
    assert "citattecken" in problems[0].message
    assert len(problems) < 5, problems  # no cascade of follow-on errors


def own(tmp_path, text: str, name: str = "rapport.md.j2") -> Path:
    folder = tmp_path / "mina mallar"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"# Rubrik\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("text,needle", [
    ("{{ 1/0 }}", "division med noll"),
    ('{% include "saknas.md.j2" %}', "saknas.md.j2"),
    ('{% include "rapport.md.j2" %}', "tar med sig själv"),
    ('{{ 3 | antal("äpple") }}', "äpple"),
    ("{{ 3 | okand }}", "okänt filter"),
    ("{{ nope }}", "nope"),
])
def test_an_error_in_the_clerks_template_names_file_and_line(tmp_path, text, needle):
    folder = own(tmp_path, text)
    result = runner.invoke(app, ["build", "2009", "--mallar", str(folder)])
    flat = " ".join(result.output.split())
    assert result.exit_code == 1, flat
    assert needle in flat and "rapport.md.j2" in flat and "rad 3" in flat, flat
    assert "Internt fel" not in flat and "Traceback" not in flat


def test_an_error_in_an_included_template_names_that_template(tmp_path):
    folder = own(tmp_path, "Summa: {{ total_cost / 0 }}", "kostnader.md.j2")
    flat = " ".join(runner.invoke(app, ["build", "2009", "--mallar", str(folder)]).output.split())
    assert "kostnader.md.j2" in flat and "rad 3" in flat and "division med noll" in flat


def build_md(env: dict) -> tuple[int, str]:
    result = runner.invoke(app, ["build", "2009"], env=env)
    return result.exit_code, result.stdout


def cache_files(base: Path) -> list[Path]:
    return sorted((base / "pk-report" / "jinja").glob("*.cache"))


def test_a_truncated_cache_file_never_fails_a_build(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    code, first = build_md(env)
    assert code == 0 and cache_files(tmp_path)
    for path in cache_files(tmp_path):
        path.write_bytes(path.read_bytes()[:30])  # past the magic, into the pickled checksum
    assert build_md(env) == (0, first)
    assert build_md(env) == (0, first)  # the broken entries were rewritten


def test_a_full_disk_under_the_cache_never_fails_a_build(tmp_path, monkeypatch):
    import jinja2.bccache

    def full(self, f):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(jinja2.bccache.Bucket, "write_bytecode", full)
    code, out = build_md({"XDG_CACHE_HOME": str(tmp_path)})
    assert code == 0 and out.startswith("# Rapport")
    assert not list((tmp_path / "pk-report" / "jinja").glob("*.tmp"))


def test_no_folders_are_made_under_a_home_that_does_not_exist(tmp_path):
    missing = tmp_path / "finns-inte"
    code, out = build_md({"XDG_CACHE_HOME": None, "LOCALAPPDATA": None, "HOME": str(missing)})
    assert code == 0 and out.startswith("# Rapport")
    assert not missing.exists()


def test_no_cache_without_a_home(monkeypatch):
    from pk_report.report.render import cache_base

    for name in ("HOME", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    assert cache_base() is None  # Path.home() would have fallen back on the password database
    code, out = build_md({})
    assert code == 0 and out.startswith("# Rapport")


def test_a_latin1_terminal_gets_characters_it_can_show(tmp_path):
    data = write_csv_folder(tmp_path / "data", read_sample())  # one warning: a • line
    env = {**os.environ, "PYTHONIOENCODING": "iso-8859-1"}
    seen = {}
    for argv in (["validera"], ["stats"]):
        proc = subprocess.run([sys.executable, "-m", "pk_report", *argv, "--data", str(data)],
                              env=env, capture_output=True, timeout=60)
        seen[argv[0]] = (proc.stdout + proc.stderr).decode("iso-8859-1")
        assert proc.returncode == 0, seen[argv[0]]
        assert "UnicodeEncodeError" not in seen[argv[0]] and "Internt fel" not in seen[argv[0]]
    assert "* kostnader.csv" in seen["validera"] and "värde" in seen["validera"]
    assert "Kurser 2009" in seen["stats"]
