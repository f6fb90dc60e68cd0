"""A CSV folder exported from pk-report's workbook (issue 15 point 10): its Instruktioner and
Exempel sheets saved as CSV too are skipped without a word, and a missing table names the CSV
file to create and its header row, not the workbook that mall writes."""

from helpers import read_sample, write_csv_folder, write_workbook
from pk_report.pipeline import inspect


def test_exported_instructions_and_examples_are_not_warned_about(tmp_path):
    folder = write_csv_folder(tmp_path / "d", read_sample())
    (folder / "Instruktioner.csv").write_text("Blad;Kolumn;Förklaring\nkurser;ar;År\n",
                                              encoding="utf-8")
    (folder / "Exempel.csv").write_text("Tabell;ar;kurs_id\nkurser;2009;intro\n", encoding="utf-8")
    (folder / "anteckningar.csv").write_text("x\n", encoding="utf-8")
    loaded = inspect(folder)
    mentioned = [p.message for p in loaded.problems if "hör inte till dataformatet" in p.message]
    assert mentioned == ["Filen anteckningar.csv hör inte till dataformatet och läses inte. Byt "
                         "namn på den om den skulle ha lästs."]
    assert not loaded.errors


def test_a_workbook_example_sheet_is_skipped(tmp_path):
    tables = read_sample()
    tables["Exempel"] = [["Tabell", "ar", "kurs_id"], ["kurser", "2009", "intro"]]
    loaded = inspect(write_workbook(tmp_path / "r.xlsx", tables))
    assert not [p for p in loaded.problems if "Exempel" in p.message]


def test_missing_csv_table_names_the_file_and_its_header(tmp_path):
    tables = read_sample()
    del tables["kostnader"]
    folder = write_csv_folder(tmp_path / "register", tables)
    [problem] = [p for p in inspect(folder).errors if p.table == "kostnader"]
    assert problem.message == ("Tabellen kostnader saknas. Lägg till filen ”kostnader.csv” i "
                               "mappen register, med rubrikraden ar;kurs_id;post;belopp (samma "
                               "avgränsare som de andra filerna).")
    assert "mall" not in problem.message


def test_missing_sheet_still_points_to_mall(tmp_path):
    tables = read_sample()
    del tables["kostnader"]
    [problem] = [p for p in inspect(write_workbook(tmp_path / "r.xlsx", tables)).errors
                 if p.table == "kostnader"]
    assert "bladet ”kostnader”" in problem.message and "pk-report mall" in problem.message
