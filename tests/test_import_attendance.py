"""Attendance: one row per person however often they joined; a person signed up to the session
is marked present, never added twice; a person known from other sessions gets organisation,
kind of board, role and gender copied; a new person is added, listed, and named by validera;
an e-mail address is used to match and never stored; guests are listed and left out."""

import pytest

from pk_report.importing.export import Skipped

from import_helpers import csv_register, export, figures, invoke, xlsx_register

MAKERS = {"csv": csv_register, "xlsx": xlsx_register}


def teams_like(path):
    return export([
        {"namn": "P0366", "email": "p0366@kommun.se"},          # signed up, marked nej
        {"namn": "P0895", "email": "p0895@kommun.se"},          # known from 2010
        {"namn": "P0895", "email": "P0895@Kommun.se"},          # ... joined again
        {"namn": "Nya Personen", "email": "nya.personen@kommun.se"},
        {"namn": "P0332"},                                       # signed up and present
    ], target="deltagare", kind="teams", path=path,
        skipped=[Skipped(9, "Gäst Gästsson (External)", "gäst (External)")])


@pytest.fixture
def teams(monkeypatch, tmp_path):
    path = tmp_path / "narvaro.csv"
    path.write_text("inte läst: read_export ersätts\n", encoding="utf-8")
    made = teams_like(path)
    monkeypatch.setattr("pk_report.importing.export.read_export", lambda *a, **k: made)
    return path


@pytest.mark.parametrize("kind", MAKERS)
def test_attendance_matches_copies_and_adds(tmp_path, teams, kind):
    register = MAKERS[kind](tmp_path)
    before = figures(register, 2009, "presidier")
    result = invoke("importera", str(teams), "--data", str(register), "--tillfalle", "2009-VL-1",
                    "--ja")
    assert result.exit_code == 0, result.stderr
    err = " ".join(result.stderr.split())
    assert "Två personer var redan anmälda (en markeras som närvarande), en känd från andra " \
           "tillfällen" in err
    assert "en ny i registret" in err and "”Nya Personen”" in err
    assert "gäst (External): ”Gäst Gästsson (External)”" in err
    assert "två rader tillagda och en ändrad" in err
    after = figures(register, 2009, "presidier")
    assert after["anmalda"] == before["anmalda"] + 2
    assert after["deltagare"] == before["deltagare"] + 3
    # validera names the new person, whose kind of board and role the clerk must fill in
    checked = invoke("validera", "--data", str(register))
    text = " ".join(checked.stdout.split())
    assert "(värde: ”Nya Personen”): Personen har varken" in text
    assert "P0895" not in text.split("Varningar")[-1]


def test_the_rows_hold_copied_details_and_no_email(tmp_path, teams):
    register = csv_register(tmp_path)
    assert invoke("importera", str(teams), "--data", str(register), "--tillfalle", "2009-VL-1",
                  "--ja").exit_code == 0
    text = (register / "deltagare.csv").read_text(encoding="utf-8")
    assert "@" not in text
    lines = text.splitlines()
    assert "2009-VL-1;P0366;K;Hamnen stadsdelsnämnd;stadsdel;ledamot;ja" in lines
    assert lines[-2:] == ["2009-VL-1;P0895;M;Kortedala stadsdelsnämnd;stadsdel;ledamot;ja",
                          "2009-VL-1;Nya Personen;;;;;ja"]
    assert sum(line.startswith("2009-VL-1;P0332;") for line in lines) == 1


def test_attendance_twice_adds_nothing(tmp_path, teams):
    register = csv_register(tmp_path)
    args = ["importera", str(teams), "--data", str(register), "--tillfalle", "2009-VL-1", "--ja"]
    assert invoke(*args).exit_code == 0
    first = (register / "deltagare.csv").read_bytes()
    again = invoke(*args)
    assert again.exit_code == 0 and "Inget nytt att lägga till" in again.stderr
    assert (register / "deltagare.csv").read_bytes() == first


def test_attendance_needs_a_session_not_a_course(tmp_path, teams):
    register = csv_register(tmp_path)
    result = invoke("importera", str(teams), "--data", str(register), "--kurs", "presidier",
                    "--ar", "2009", "--ja")
    assert result.exit_code == 2 and "--tillfalle" in result.stderr
