"""stats --per and the default table (issue 15 point 7): the unknown-gender group computed,
counts as JSON ints, ASCII keys in the contract's spelling, no participants for a session that
was not held, course names in a wide terminal."""

import json

import pytest
from typer.testing import CliRunner

from helpers import minimal_tables, write_csv_folder
from pk_report.cli import app

runner = CliRunner()


@pytest.fixture
def register(tmp_path):
    people = ([{"tillfalle_id": "t1", "namn": f"K{i}", "kon": "K", "roll": "ordförande"}
               for i in range(6)]
              + [{"tillfalle_id": "t1", "namn": f"O{i}", "kon": "", "roll": "vice ordförande"}
                 for i in range(5)]
              + [{"tillfalle_id": "t1", "namn": f"M{i}", "kon": "man", "roll": "tjänsteman"}
                 for i in range(5)]
              + [{"tillfalle_id": "t2", "namn": f"X{i}", "kon": "K"} for i in range(4)])
    forms = ([{"tillfalle_id": "t1", "kon": "K", "betyg": "4"}] * 6
             + [{"tillfalle_id": "t1", "kon": "", "betyg": "4"}] * 5
             + [{"tillfalle_id": "t1", "kon": "M", "betyg": "2"}] * 5)
    tables = minimal_tables(
        kurser=[{"ar": 2009, "kurs_id": "k", "namn": "Ledarskap och styrning för nämnder"}],
        tillfallen=[{"tillfalle_id": "t1", "kurs_id": "k", "datum": "2009-03-01"},
                    {"tillfalle_id": "t2", "kurs_id": "k", "datum": "2009-04-01",
                     "status": "inställd"}],
        deltagare=people, utvarderingar=forms)
    return write_csv_folder(tmp_path / "d", tables)


def stats(register, *args):
    result = runner.invoke(app, ["stats", "2009", *args, "--data", str(register)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_per_kon_counts_the_unknown_group_as_ints(register):
    [row] = json.loads(stats(register, "--per", "kon", "-f", "json"))
    assert row == {"ar": 2009, "kurs_id": "k", "kurs": "Ledarskap och styrning för nämnder",
                   "kvinnor": 6, "man": 5, "annat": 0, "okant": 5,
                   "mycket_nojda_kvinnor": 100, "mycket_nojda_man": 0,
                   "mycket_nojda_annat": None, "mycket_nojda_okant": 100}
    assert '"kvinnor": 6,' in stats(register, "--per", "kon", "-f", "json")  # not 6.0


@pytest.mark.parametrize("per", ["kon", "roll", "organisationstyp", "tillfalle"])
def test_per_keys_are_ascii_and_every_count_an_int(register, per):
    text = stats(register, "--per", per, "-f", "json")
    rows = json.loads(text)
    for row in rows:
        assert all(key.isascii() and key == key.lower() and " " not in key for key in row)
        assert not any(isinstance(v, float) for v in row.values()), row
    assert len({tuple(row) for row in rows}) == 1  # the same keys in every row
    header = stats(register, "--per", per, "-f", "csv").lstrip("\ufeff").splitlines()[0]
    assert header.split(";") == list(rows[0])  # CSV: the same keys


def test_per_roll_keys(register):
    [row] = json.loads(stats(register, "--per", "roll", "-f", "json"))
    assert {k: row[k] for k in ("ordforande", "vice_ordforande", "ledamot", "ersattare", "chef",
                                "tjansteman")} == {"ordforande": 6, "vice_ordforande": 5,
                                                   "ledamot": 0, "ersattare": 0, "chef": 0,
                                                   "tjansteman": 5}


def test_per_tillfalle_has_no_participants_for_a_cancelled_session(register):
    held, cancelled = json.loads(stats(register, "--per", "tillfalle", "-f", "json"))
    assert held["deltagare"] == 16 and held["kvinnor"] == 6 and held["man"] == 5
    assert cancelled["status"] == "inställd" and cancelled["anmalda"] == 4
    assert all(cancelled[k] is None for k in ("deltagare", "politiker", "tjansteman", "kvinnor",
                                              "man"))
    table = runner.invoke(app, ["stats", "2009", "--per", "tillfalle", "--data", str(register)],
                          env={"COLUMNS": "200"}).stdout
    line = next(line for line in table.splitlines() if "t2" in line)
    assert line.split()[-5:] == ["–"] * 5


def test_default_table_shows_course_names_when_wide():
    wide = runner.invoke(app, ["stats", "2009"], env={"COLUMNS": "200"}).stdout
    assert "Kurs " in wide and "Vidareutbildning i modellen ledning och styrning" in wide
    narrow = runner.invoke(app, ["stats", "2009"], env={"COLUMNS": "80"}).stdout
    # issue 19 point 19: at 80 columns the name, shortened, rather than the internal id
    assert "Vidare…yrning" in narrow and "presidier" not in narrow
    assert max(len(line) for line in narrow.splitlines()) <= 80
    assert "Deltag." not in narrow and "Deltaganden" in narrow
