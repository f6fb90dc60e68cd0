"""Print what the data says, literally: never rich markup, control characters shown escaped
and flagged, escaped once in the report, one Unicode normal form, any terminal width."""

import copy
import json
import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import read_sample, write_csv_folder, write_workbook
from pk_report.cli import app
from pk_report.pipeline import inspect

runner = CliRunner()
WIDE = {"COLUMNS": "250"}


def with_names(tmp_path, *names, form="csv"):
    tables = copy.deepcopy(read_sample())
    rows = tables["kurser"]
    j = rows[0].index("namn")
    for row, name in zip(rows[1:], names):
        row[j] = name
    if form == "xlsx":
        return write_workbook(tmp_path / "register.xlsx", tables)
    return write_csv_folder(tmp_path / "data", tables)


def run(*argv, env=None):
    result = runner.invoke(app, [str(a) for a in argv], env=env or WIDE)
    assert "Traceback" not in result.output and "Internt fel" not in result.output, result.output
    return result


def test_data_is_never_markup(tmp_path):
    data = with_names(tmp_path, "Ledarskap [/] styrning", "Ledarskap [del 1]", "[bold red]Röd[/]")
    result = run("stats", "--per", "tillfalle", "--data", data)
    assert result.exit_code == 0
    for name in ("Ledarskap [/] styrning", "Ledarskap [del 1]", "[bold red]Röd[/]"):
        assert name in result.stdout, name


def test_paths_are_never_markup(tmp_path):
    folder = tmp_path / "Register [kopia]"
    result = run("validera", "--data", folder / "x.xlsx")
    assert result.exit_code in (1, 2)
    assert "Register [kopia]" in result.output


def test_a_problem_quoting_markup_is_shown_literally(tmp_path):
    tables = copy.deepcopy(read_sample())
    tables["kurser"][1][tables["kurser"][0].index("planerade_tillfallen")] = "[red]fyra[/]"
    result = run("validera", "--data", write_csv_folder(tmp_path / "d", tables))
    assert result.exit_code == 1 and "[red]fyra[/]" in result.output


HOSTILE = "Kurs \x1b]8;;http://x\x07länk\x1b]8;;\x07 \x1b[2J\x9b31m slut"


def test_control_characters_are_shown_escaped_and_flagged(tmp_path):
    data = with_names(tmp_path, HOSTILE)
    result = run("validera", "--data", data)
    assert result.exit_code == 0  # a warning: the report can be written without them
    assert "styrtecken" in result.output and "\\x1b" in result.output and "\\x9b" in result.output
    for argv in (["validera"], ["stats", "--per", "tillfalle", "2008"], ["build", "2008"]):
        out = run(*argv, "--data", data).output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), argv


def test_a_control_character_in_a_workbook_is_flagged_too(tmp_path):
    """Excel writes a control character as _x0007_ in the XML; calamine reads it back."""
    from helpers import patch_parts

    book = with_names(tmp_path, "KLOCKA", form="xlsx")
    patch_parts(book, lambda name, data: data.replace(b"KLOCKA", b"Kurs _x0007_ _x001B_[31m")
                if "sheet" in name else data)
    problems = inspect(book).problems
    assert any("styrtecken" in p.message and p.row == 2 and p.sheet == "kurser" for p in problems)


@pytest.mark.parametrize("char,encoding", [("\x00", "utf-8"), ("\x1b", "cp1252")])
def test_the_text_check_reads_the_whole_file(tmp_path, char, encoding):
    """NUL (any file) and controls in what only Windows-1252 decodes are caught after 64 KB."""
    tables = copy.deepcopy(read_sample())
    data = write_csv_folder(tmp_path / "d", tables, encoding=encoding)
    path = data / "deltagare.csv"
    text = path.read_bytes()
    assert len(text) > 70_000
    path.write_bytes(text[:-20] + char.encode("latin-1") + text[-20:])
    problems = inspect(data).errors
    assert any(p.table == "deltagare" and "binära tecken" in p.message for p in problems)


def test_brackets_are_escaped_once_everywhere(tmp_path):
    from docx import Document

    data = with_names(tmp_path, "Ledarskap [del 1]", "Ledarskap [del 2]")
    md = run("build", "2008", "--data", data).stdout
    assert "Ledarskap \\[del 1\\]" in md and "\\\\\\[" not in md
    overview = md[md.index("## Genomförda"):md.index("##", md.index("## Genomförda") + 3)]
    assert any(line.startswith("- Ledarskap \\[del 1\\] ") for line in overview.splitlines())
    html, docx = tmp_path / "r.html", tmp_path / "r.docx"
    assert run("build", "2008", "--data", data, "-o", html).exit_code == 0
    assert run("build", "2008", "--data", data, "-o", docx).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "Ledarskap [del 1]" in page and "\\[" not in page
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "Ledarskap [del 1]" in text and "\\[" not in text


def nfd(tables):
    return {name: [[unicodedata.normalize("NFD", c) for c in row] for row in rows]
            for name, rows in tables.items()}


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_register_written_in_nfd_reads_as_nfc(tmp_path, form):
    """macOS writes 'å' as 'a' and a combining ring: 2,347 errors before."""
    tables = nfd(read_sample())
    data = write_csv_folder(tmp_path / "d", tables) if form == "csv" \
        else write_workbook(tmp_path / "r.xlsx", tables)
    assert not inspect(data).errors
    ours = json.loads(run("stats", "-f", "json", "--data", data).stdout)
    sample = json.loads(run("stats", "-f", "json").stdout)
    assert ours == sample


def test_nfc_and_nfd_names_are_one_person(tmp_path):
    tables = copy.deepcopy(read_sample())
    rows = tables["deltagare"]
    j = rows[0].index("namn")
    session = rows[1][rows[0].index("tillfalle_id")]
    same = [r for r in rows[1:] if r[rows[0].index("tillfalle_id")] == session][:2]
    same[0][j] = unicodedata.normalize("NFC", "Åsa Öberg")
    same[1][j] = unicodedata.normalize("NFD", "Åsa Öberg")
    d = inspect(write_csv_folder(tmp_path / "d", tables)).dataset.deltagare
    people = d[d["namn"] == "Åsa Öberg"]
    assert len(people) == 2 and people["person"].nunique() == 1


def test_file_and_sheet_names_in_nfd_are_matched(tmp_path):
    tables = read_sample()
    data = write_csv_folder(tmp_path / "d", tables)
    (data / "tillfallen.csv").rename(data / unicodedata.normalize("NFD", "tillfällen.csv"))
    assert not inspect(data).errors
    book = write_workbook(tmp_path / "r.xlsx", {unicodedata.normalize("NFD", "Tillfällen")
                                               if k == "tillfallen" else k: v
                                               for k, v in tables.items()})
    assert not inspect(book).errors


def test_a_narrow_terminal_never_breaks_an_id():
    out = run("stats", "2009", env={"COLUMNS": "20"}).stdout
    ids = [line.split()[1] for line in out.splitlines() if line.startswith("Id ")]
    assert "stiftelse_bidrag" in ids, out  # the longest id, folded before
    assert all(re.fullmatch(r"[a-z_]+", i) for i in ids)


def test_a_zero_width_terminal_still_shows_everything(tmp_path):
    out = run("validera", env={"COLUMNS": "0"}).output
    assert "Inga fel och" in out and "Negativt belopp" in out
    bad = copy.deepcopy(read_sample())
    bad["kurser"][1][bad["kurser"][0].index("ar")] = "tjugo"
    result = run("build", "2009", "--data", write_csv_folder(tmp_path / "d", bad),
                 env={"COLUMNS": "0"})
    assert result.exit_code == 1 and re.search(r"Datan har \d+ fel", " ".join(result.output.split()))
