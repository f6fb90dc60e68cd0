"""Evaluations stay anonymous: no e-mail address, name or respondent id of a person reaches
utvarderingar, in a CSV folder or a workbook; svar_id identifies the answer, not the person."""

import hashlib

from openpyxl import load_workbook

from pk_report.importing.plan import svar_id

from import_helpers import csv_register, google_export, invoke, xlsx_register

ARGS = ("--tillfalle", "2010-S1-1", "--ja")


def test_no_email_or_name_in_a_csv_register(tmp_path):
    register = csv_register(tmp_path)
    export = google_export(tmp_path / "svar.csv", 8)
    assert invoke("importera", str(export), "--data", str(register), *ARGS).exit_code == 0
    text = (register / "utvarderingar.csv").read_text(encoding="utf-8")
    assert "Kommentar 0" in text  # the answers are there
    assert "@" not in text and "Person Nummer" not in text and "kommun.se" not in text
    for name in ("deltagare.csv",):
        assert "Person Nummer" not in (register / name).read_text(encoding="utf-8")


def test_no_email_or_name_in_a_workbook_register(tmp_path):
    register = xlsx_register(tmp_path)
    export = google_export(tmp_path / "svar.csv", 8)
    assert invoke("importera", str(export), "--data", str(register), *ARGS).exit_code == 0
    cells = [str(c) for ws in load_workbook(register).worksheets
             for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert any(c == "Kommentar 3" for c in cells)
    assert not [c for c in cells if "@" in c or "Person Nummer" in c]


def test_svar_id_is_no_hash_of_a_person():
    """The same person answering two forms gets two unrelated ids, and an id depends on the
    form and the response only (the e-mail address is never an input)."""
    a = svar_id("forms:a", "7")
    assert a == svar_id("forms:a", "7") and a != svar_id("forms:b", "7")
    email = "anna@kommun.se"
    assert a not in hashlib.sha256(email.encode()).hexdigest()
