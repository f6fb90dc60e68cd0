"""The same answer is never added twice: importing an export again adds nothing, and a later
export of the same form that has grown adds only its new answers (workbook and CSV folder)."""

import pytest

from import_helpers import csv_register, figures, google_export, invoke, xlsx_register

MAKERS = {"csv": csv_register, "xlsx": xlsx_register}


@pytest.mark.parametrize("kind", MAKERS)
def test_twice_is_once_and_a_grown_export_adds_only_the_new(tmp_path, kind):
    register = MAKERS[kind](tmp_path)
    before = figures(register, 2010, "steg1")["utvarderingar"]
    first = google_export(tmp_path / "svar.csv", 10)
    args = ["--data", str(register), "--tillfalle", "2010-S1-1", "--ja"]
    assert invoke("importera", str(first), *args).exit_code == 0
    assert figures(register, 2010, "steg1")["utvarderingar"] == before + 10
    again = invoke("importera", str(first), *args)
    assert again.exit_code == 0
    assert "Tio svar fanns redan i registret" in again.stderr
    assert "Inget nytt att lägga till" in again.stderr
    assert figures(register, 2010, "steg1")["utvarderingar"] == before + 10
    grown = google_export(tmp_path / "svar-senare.csv", 14)  # the same form, four more answers
    result = invoke("importera", str(grown), *args)
    assert result.exit_code == 0, result.stderr
    assert "fyra rader läggs till" in result.stderr and "Tio svar fanns redan" in result.stderr
    assert figures(register, 2010, "steg1")["utvarderingar"] == before + 14


def test_identical_answers_without_an_id_are_each_kept_once(tmp_path):
    """An export without response ids: two identical answers are two answers, and importing it
    again still adds nothing (identified by content and how many came before)."""
    from pk_report.importing.plan import Options, build_plan
    from pk_report.importing.register import load_register

    from import_helpers import export

    register = csv_register(tmp_path)
    answers = [{"betyg": "4", "kon": "K"}, {"betyg": "4", "kon": "K"}, {"betyg": "2"}]
    view = load_register(register)
    plan = build_plan(export(answers, ids=False), view, Options(tillfalle="2010-S1-1"))
    ids = [r.values["svar_id"] for r in plan.rows]
    assert len(ids) == 3 and len(set(ids)) == 3
    view.svar_ids |= set(ids)
    again = build_plan(export(answers + [{"betyg": "4", "kon": "K"}], ids=False), view,
                       Options(tillfalle="2010-S1-1"))
    assert len(again.rows) == 1 and again.sessions["2010-S1-1"].already_imported == 3


def test_each_import_keeps_its_own_copy_even_within_one_second(tmp_path):
    from pk_report.importing.safety import copy_name

    workbook = tmp_path / "register.xlsx"
    workbook.write_bytes(b"x")
    first = copy_name(workbook, "2026-03-12-193005")
    assert first.name == "register.före-import-2026-03-12-193005.xlsx"
    first.write_bytes(b"x")
    assert copy_name(workbook, "2026-03-12-193005").name == \
        "register.före-import-2026-03-12-193005-2.xlsx"
    folder = csv_register(tmp_path)
    (folder / "före-import-2026-03-12-193005").mkdir()
    assert copy_name(folder, "2026-03-12-193005").name == "före-import-2026-03-12-193005-2"
