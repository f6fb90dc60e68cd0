"""Issue 14 points 2 and 3: ``stats 2008-2010``, ``stats --per ar`` against hand-computed
figures, years missing from the register said to be missing, and year ranges on the command
line (a bad one is a usage error)."""

import json

import pytest
from typer.testing import CliRunner

from period_register import register
from pk_report.cli import app
from pk_report.year_span import SpanError, YearSpan, parse_span

runner = CliRunner()


@pytest.mark.parametrize("text, span", [("2009", YearSpan(2009, 2009)),
                                        ("2007-2010", YearSpan(2007, 2010)),
                                        ("2007–2010", YearSpan(2007, 2010)),
                                        (" 2007 - 2010 ", YearSpan(2007, 2010)),
                                        ("2009.0", YearSpan(2009, 2009)),
                                        ("2009-2009", YearSpan(2009, 2009))])
def test_a_year_or_a_period_is_read(text, span):
    assert parse_span(text) == span


@pytest.mark.parametrize("text, words", [("2010-2007", "slutar före den börjar"),
                                         ("1800-2010", "1800 ser fel ut"),
                                         ("1980-2010", "högst 20 år"),
                                         ("2007-", "Skriv ett heltal"),
                                         ("2007/2010", "bindestreck")])
def test_a_bad_period_says_what_to_write(text, words):
    with pytest.raises(SpanError, match=words):
        parse_span(text)


@pytest.mark.parametrize("command", ["stats", "build"])
def test_a_bad_range_on_the_command_line_is_a_swedish_usage_error(command):
    result = runner.invoke(app, [command, "2010-2007"], prog_name="pk-report")
    assert result.exit_code == 2
    assert "Fel: Ogiltigt värde för ÅR: ”2010-2007”. Perioden slutar före den börjar." \
        in result.stderr
    assert "Användning: pk-report" in result.stderr and "Traceback" not in result.stderr


BY_HAND = {
    2008: {"ar": 2008, "kurser": 2, "kurser_i_plan": 1, "genomforda_kurser": 1,
           "installda_kurser": 1, "framflyttade_kurser": 0, "ej_genomforda_kurser": 0,
           "planerade_tillfallen": 2, "genomforda_tillfallen": 2, "installda_tillfallen": 1,
           "framflyttade_tillfallen": 0, "inbjudna": None, "anmalda": 6, "deltagare": 5,
           "unika_personer": 3, "politiker": 4, "tjansteman": 1, "kvinnor": 3, "man": 2,
           "utvarderingar": 2, "svarsfrekvens": 50, "andel_mycket_nojda": 50,  # forms from both sessions: 2 of 4 attendances
           "medelbetyg": 3.0, "kostnad": 1500, "kostnad_per_deltagare": 300},
    2010: {"ar": 2010, "kurser": 1, "kurser_i_plan": 1, "genomforda_kurser": 1,
           "installda_kurser": 0, "framflyttade_kurser": 0, "ej_genomforda_kurser": 0,
           "planerade_tillfallen": None, "genomforda_tillfallen": 1, "installda_tillfallen": 0,
           "framflyttade_tillfallen": 0, "inbjudna": 40, "anmalda": 0, "deltagare": 10,
           "unika_personer": 10, "politiker": 0, "tjansteman": 0, "kvinnor": 0, "man": 0,
           "utvarderingar": 5, "svarsfrekvens": 50, "andel_mycket_nojda": 80,
           "medelbetyg": 2.8, "kostnad": 2000, "kostnad_per_deltagare": 200},
}


def test_stats_per_year_is_counted_as_by_hand(tmp_path):
    folder = register(tmp_path)
    result = runner.invoke(app, ["stats", "2008-2010", "--per", "ar", "-f", "json",
                                 "--data", str(folder)])
    assert result.exit_code == 0, result.output
    rows = {r["ar"]: r for r in json.loads(result.stdout)}
    assert rows[2008] == BY_HAND[2008]
    assert rows[2010] == BY_HAND[2010]
    # 2009 is not in the register: a row of nulls, never zeros
    assert rows[2009]["ar"] == 2009 and set(rows[2009].values()) == {2009, None}
    assert list(rows[2008]) == list(BY_HAND[2008])


def test_stats_per_year_in_csv_and_in_the_terminal(tmp_path):
    folder = register(tmp_path)
    csv_out = runner.invoke(app, ["stats", "2008-2010", "--per", "ar", "-f", "csv",
                                  "--data", str(folder)]).stdout_bytes.decode("utf-8-sig")
    lines = csv_out.splitlines()
    assert lines[0].split(";")[:3] == ["ar", "kurser", "kurser_i_plan"]
    row = dict(zip(lines[0].split(";"), lines[1].split(";")))
    assert row["medelbetyg"] == "3" and row["kostnad"] == "1500"
    assert lines[2] == "2009" + ";" * (len(lines[0].split(";")) - 1)
    table = runner.invoke(app, ["stats", "2008-2010", "--per", "ar", "--data", str(folder)],
                          env={"COLUMNS": "120"}).stdout
    line_2009 = next(line for line in table.splitlines() if line.startswith("2009"))
    assert "saknas" in line_2009 and "0" not in line_2009.replace("2009", "")
    assert "1 500" in table.replace("\u00a0", " ")


def test_stats_per_year_of_a_course_leaves_common_costs_out(tmp_path):
    folder = register(tmp_path)
    rows = json.loads(runner.invoke(app, ["stats", "--per", "ar", "-k", "a", "-f", "json",
                                          "--data", str(folder)]).stdout)
    assert [r["ar"] for r in rows] == [2008, 2009, 2010]
    assert rows[0]["kostnad"] == 1000 and rows[0]["kurser"] == 1
    assert rows[2]["kurser"] == 0 and rows[2]["kostnad"] == 0  # in the register, not given


def test_stats_of_a_period_gives_the_courses_of_those_years(sample):
    result = runner.invoke(app, ["stats", "2009-2010", "-f", "json"])
    rows = json.loads(result.stdout)
    assert {r["ar"] for r in rows} == {2009, 2010}
    from pk_report.metrics import course_figures, stats_records

    wanted = [r for r in stats_records(course_figures(sample)) if r["ar"] in (2009, 2010)]
    assert rows == json.loads(json.dumps(wanted))


def test_stats_of_the_sample_per_year(sample):
    """The sample's 2009: seed 000's total cost, five courses given of nine."""
    rows = {r["ar"]: r for r in json.loads(runner.invoke(
        app, ["stats", "2008-2010", "--per", "ar", "-f", "json"]).stdout)}
    assert rows[2009]["kostnad"] == 731322 and rows[2009]["genomforda_kurser"] == 5
    assert rows[2009]["kurser"] == 9
    courses = json.loads(runner.invoke(app, ["stats", "2009", "-f", "json"]).stdout)
    for key in ("deltagare", "unika_personer", "politiker", "utvarderingar"):
        assert rows[2009][key] == sum(c[key] for c in courses)


def test_a_missing_year_in_a_range_is_named_and_an_empty_range_refused(tmp_path):
    folder = register(tmp_path)
    table = runner.invoke(app, ["stats", "2008-2010", "--data", str(folder)]).stdout
    assert "Registret har inga uppgifter för 2009." in table
    none = runner.invoke(app, ["stats", "2001-2003", "--data", str(folder)])
    assert none.exit_code == 2 and "inga uppgifter för 2001–2003" in none.stderr
