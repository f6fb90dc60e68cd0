"""Commands through CliRunner: exit codes, stdout/stderr, lazy imports, JSON = metrics layer."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from pk_report.cli import app
from pk_report.metrics import course_figures, stats_records

runner = CliRunner()
HEAVY = ("pandas", "numpy", "openpyxl", "matplotlib", "pypandoc", "python_calamine", "jinja2",
         "babel", "docx", "pydantic")


@pytest.mark.parametrize("argv", [["--help"], ["stats", "--help"], ["build", "--help"]])
def test_help_imports_nothing_heavy(argv):
    code = ("import sys\nfrom pk_report.cli import app\nsys.argv = ['pk-report', *%r]\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "print('LOADED', [m for m in %r if m in sys.modules])" % (argv, HEAVY))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout, out.stdout


def test_stats_json_is_the_metrics_layer(sample):
    result = runner.invoke(app, ["stats", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(json.dumps(stats_records(course_figures(sample))))


def test_stats_genus_2009():
    result = runner.invoke(app, ["stats", "2009", "--course", "genus", "--format", "json"])
    rows = json.loads(result.stdout)
    assert [r["kurs_id"] for r in rows] == ["genus_ks", "genus_namnder"]
    assert rows[1]["deltagare"] == 171 and rows[1]["svarsfrekvens"] == 74
    per = json.loads(runner.invoke(app, ["stats", "2009", "-k", "genus", "--per",
                                         "organisationstyp", "-f", "json"]).stdout)
    assert (per[1]["stadsdel"], per[1]["fack"], per[1]["bolag"]) == (88, 51, 32)
    table = runner.invoke(app, ["stats", "2009", "--course", "genus"])
    assert table.exit_code == 0 and "74\u00a0%" in table.stdout and "171" in table.stdout


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_stats_table_never_folds_or_cuts_an_id_or_a_figure(sample, columns):
    """At any terminal width every course (by id, or by its name shortened where that fits:
    issue 19 point 19), session id and figure is shown whole: the full table when it fits,
    else the names shortened, else without the names, else one card per row."""
    records = stats_records(course_figures(sample))
    courses = ([r["kurs_id"] for r in records if r["ar"] == 2009] if columns != 80 else
               ["Vidare…yrning", "Vidare…dagars", "Genusu…amöter", "Genusu…relser"])
    for argv, wanted in (
            (["stats", "2009"], courses + ["298\u00a0450", "65\u00a0%"]),
            (["stats", "2009", "--per", "tillfalle"], ["2009-GK-1", "2009-GN-3", "2009-03-30"])):
        result = runner.invoke(app, argv, env={"COLUMNS": str(columns)})
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert max(len(line.rstrip()) for line in lines) <= columns
        for text in wanted:
            assert any(text in line for line in lines), (columns, argv, text)
    wide = runner.invoke(app, ["stats", "2009", "--per", "kon"], env={"COLUMNS": "250"}).stdout
    assert "Deltaganden och andel mycket nöjda per kön" in wide and "Mycket nöjda kvinnor" in wide


def test_stats_csv_for_swedish_excel():
    result = runner.invoke(app, ["stats", "2009", "-k", "presidier", "-f", "csv"])
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    header, row = lines[0].split(";"), lines[1].split(";")
    assert header[:3] == ["ar", "kurs_id", "kurs"]
    assert dict(zip(header, row))["medelbetyg"] == "3,4"
    assert dict(zip(header, row))["i_plan"] == "ja"


@pytest.mark.parametrize("course,code,needle", [("xyz", 2, "Kurser:"),
                                               ("vidareutbildning", 2, "passar flera kurser"),
                                               ("Workshop", 0, "")])
def test_course_matching(course, code, needle):
    result = runner.invoke(app, ["stats", "--course", course])
    assert result.exit_code == code
    assert needle in " ".join(result.output.split())


@pytest.mark.parametrize("argv", [["--help"], ["validera", "--help"], ["stats", "--help"],
                                  ["build", "--help"], ["mall", "--help"]])
def test_help_is_swedish(argv):
    result = runner.invoke(app, argv, prog_name="pk-report")
    assert result.exit_code == 0
    assert result.stdout.startswith("Användning: pk-report")
    assert "Flaggor:" in result.stdout and "Visa den här hjälpen och avsluta." in result.stdout
    for english in ("Usage", "Options", "Show this message", "[required]", "{"):
        assert english not in result.stdout


@pytest.mark.parametrize("argv, message", [
    (["stats", "--format", "pdf"], "Fel: Ogiltigt värde för --format: ”pdf”. Välj tabell, csv "
                                   "eller json."),
    (["stats", "--formt", "json"], "Fel: Okänd flagga: --formt. Menade du --format?"),
    (["bygg", "2009"], "Fel: Okänt kommando: ”bygg”. Välj validera, stats, build, mall eller importera."),
    (["build"], "Fel: Argumentet ÅR saknas."),
    (["build", "tjugo"], "Fel: Ogiltigt värde för ÅR: ”tjugo”. Skriv ett heltal, t.ex. 2009."),
    (["stats", "2009", "extra"], "Fel: Oväntat argument: extra."),
    (["stats", "--format"], "Fel: Flaggan --format behöver ett värde."),
])
def test_usage_errors_are_swedish_and_exit_2(argv, message):
    result = runner.invoke(app, argv, prog_name="pk-report")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr
    if argv[0] != "stats" or argv[-1] != "--format":  # Click gives that one no context
        assert "Användning: pk-report" in result.stderr and "--help." in result.stderr


def test_bad_option_is_exit_2():
    assert runner.invoke(app, ["stats", "--format", "pdf"]).exit_code == 2
    assert runner.invoke(app, ["build"]).exit_code == 2


def test_validera_sample_and_announcement():
    result = runner.invoke(app, ["validera"])
    assert result.exit_code == 0
    assert "medföljande exempeldatan" in result.output
    assert "Inga fel och två varningar." in result.output


def test_build_and_stats_mention_the_warnings_validera_lists(tmp_path, sample_tables):
    """build and stats do not list warnings; they say how many and which command shows them
    (with the same --data), on stderr so that the report and the JSON stay clean."""
    from helpers import write_csv_folder

    folder = write_csv_folder(tmp_path / "min data", sample_tables)
    hint = f"Datan har två varningar; kör pk-report validera --data '{folder}' för att se dem."
    for argv in (["build", "2009"], ["stats", "--format", "json"]):
        result = runner.invoke(app, [*argv, "--data", str(folder)])
        assert result.exit_code == 0
        assert hint in result.stderr and "varning" not in result.stdout
    result = runner.invoke(app, ["validera", "--data", str(folder)])
    assert "Datan har" not in result.output and "Negativt belopp" in result.output


def test_env_variable_names_the_data(tmp_path, monkeypatch):
    monkeypatch.setenv("PK_REPORT_DATA", str(tmp_path / "saknas"))
    result = runner.invoke(app, ["validera"])
    assert result.exit_code == 2 and "Hittar inte" in result.output  # a usage error


def test_mall_refuses_to_overwrite_and_accepts_the_sample(tmp_path, sample_tables):
    from openpyxl import load_workbook

    from helpers import typed_cell
    from pk_report import schema
    from pk_report.names import norm_name

    target = tmp_path / "mall.xlsx"
    assert runner.invoke(app, ["mall", str(target)]).exit_code == 0
    assert runner.invoke(app, ["mall", str(target)]).exit_code == 2
    wb = load_workbook(target)
    assert "Instruktioner" in wb.sheetnames
    sheet = wb["Tillfällen"]  # the tabs and headers as a clerk writes them (issue 21)
    assert sheet.freeze_panes == "A2"
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation if dv.formula1]
    assert any("genomförd" in f for f in lists)
    assert any("kvinna,man,annat" in dv.formula1 for dv in wb["Deltagare"].data_validations.dataValidation
               if dv.formula1)  # the words a clerk writes (issue 15 point 3)
    for name, rows in sample_tables.items():
        ws = wb[schema.table_label(name)]
        columns = [norm_name(c.value) for c in ws[1]]
        for i, row in enumerate(rows[1:], start=2):
            values = dict(zip(rows[0], row))
            for j, column in enumerate(columns, start=1):
                ws.cell(row=i, column=j, value=typed_cell(values.get(column, ""), column))
    wb.save(target)
    result = runner.invoke(app, ["validera", "--data", str(target)])
    assert result.exit_code == 0, result.output
