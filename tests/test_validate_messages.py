"""validera's messages (issue 15 points 8 and 9): one cause, one message; columns named as the
clerk's sheet names them, with the Excel column letter; a repeated id names the first row;
problems listed by sheet and row."""

import pytest
from typer.testing import CliRunner

from helpers import minimal_tables, read_sample, write_csv_folder, write_workbook
from pk_report.cli import app
from pk_report.pipeline import inspect

COURSE = {"ar": 2009, "kurs_id": "k", "namn": "Kurs"}


def problems_at(folder, table, row):
    return [p for p in inspect(folder).problems if p.table == table and p.row == row]


@pytest.mark.parametrize("cells", [{"datum": "2009-13-45"}, {"datum": "12 mars"},
                                   {"ar": "tjugohundranio"}, {"datum": "2009-02-30", "ar": ""}])
def test_a_bad_date_or_year_is_one_message(tmp_path, cells):
    """A year that cannot be read is that cell's error, never also 'Året saknas'."""
    folder = write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=[COURSE], tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", **cells}]))
    found = problems_at(folder, "tillfallen", 2)
    assert len(found) == 1, [p.message for p in found]
    assert "Året saknas" not in found[0].message


def test_a_year_that_disagrees_with_the_date_is_one_message(tmp_path):
    """Not also 'the course is not in kurser for the session's year' (that year is wrong)."""
    folder = write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=[COURSE], tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "ar": "2007",
                                      "datum": "2009-03-01"}]))
    [problem] = problems_at(folder, "tillfallen", 2)
    assert problem.message.startswith("Året stämmer inte med datumet.")


def test_no_date_and_no_year_is_still_said_once(tmp_path):
    folder = write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=[COURSE], tillfallen=[{"tillfalle_id": "t", "kurs_id": "k"}]))
    [problem] = problems_at(folder, "tillfallen", 2)
    assert problem.message == "Året saknas. Fyll i ”datum” eller ”ar”."


@pytest.mark.parametrize("month", ["2015-02", "2015-2", "februari 2015", "feb 2015", "Feb. 2015"])
def test_a_month_in_nytt_datum_is_a_month(tmp_path, month):
    """No error, no 'utan nytt datum' warning, and the report says 'februari 2015', no day."""
    folder = write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=[COURSE],
        tillfallen=[{"tillfalle_id": "t1", "kurs_id": "k", "datum": "2009-03-01"},
                    {"tillfalle_id": "t2", "kurs_id": "k", "datum": "2009-11-01",
                     "status": "framflyttad", "nytt_datum": month}],
        deltagare=[{"tillfalle_id": "t1", "namn": "A"}]))
    assert problems_at(folder, "tillfallen", 3) == []
    report = CliRunner().invoke(app, ["build", "2009", "--data", str(folder)]).stdout
    assert "februari 2015" in report and " 1 februari 2015" not in report


def test_a_bad_nytt_datum_is_one_error_and_no_missing_warning(tmp_path):
    folder = write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=[COURSE],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2009-11-01",
                     "status": "framflyttad", "nytt_datum": "till våren"}]))
    [problem] = problems_at(folder, "tillfallen", 2)
    assert problem.is_error and problem.column == "nytt_datum"
    empty = write_csv_folder(tmp_path / "e", minimal_tables(
        kurser=[COURSE],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2009-11-01",
                     "status": "framflyttad"}]))
    [warning] = problems_at(empty, "tillfallen", 2)
    assert not warning.is_error and "utan nytt datum" in warning.message


def clerk_sheet(tmp_path):
    """The sample as a clerk might head it: Swedish headers, a title row, columns moved."""
    tables = read_sample()
    people = tables["deltagare"]
    rename = {"tillfalle_id": "Tillfälle ID", "kon": "Kön", "namn": "Namn"}
    people[0] = [rename.get(c, c) for c in people[0]]
    people[3][people[0].index("Kön")] = "kvinnlig"
    sessions = tables["tillfallen"]
    sessions[0] = [{"ar": "År", "datum": "Datum"}.get(c, c) for c in sessions[0]]
    ids = sessions[0].index("tillfalle_id")
    sessions[7][ids] = sessions[3][ids]  # a repeated id: rows 8 and 4 of the sheet
    return write_workbook(tmp_path / "register.xlsx", tables)


def test_columns_are_named_as_the_sheet_names_them_with_the_letter(tmp_path):
    book = clerk_sheet(tmp_path)
    [gender] = problems_at(book, "deltagare", 4)
    assert gender.place() == "register.xlsx, blad ”deltagare”, rad 4, kolumn C (”Kön”)"
    assert gender.message == "Okänt värde för ”Kön”. Skriv K, M eller X."
    out = " ".join(CliRunner().invoke(app, ["validera", "--data", str(book)]).output.split())
    assert "rad 4, kolumn C (”Kön”) (värde: ”kvinnlig”): Okänt värde för ”Kön”" in out


def test_a_repeated_id_names_the_row_it_repeats(tmp_path):
    book = clerk_sheet(tmp_path)
    [dup] = [p for p in problems_at(book, "tillfallen", 8) if "finns redan" in p.message]
    assert dup.message.startswith("Tillfället finns redan på rad 4.")
    assert dup.place().endswith("rad 8, kolumn A (”tillfalle_id”)")


def test_letters_follow_the_sheet_not_the_contract(tmp_path):
    """A column further right in the clerk's sheet (after a column of notes) keeps its letter."""
    tables = minimal_tables(kurser=[COURSE], tillfallen=[{"tillfalle_id": "t", "kurs_id": "k"}])
    tables["tillfallen"] = [["Anteckning"] + row for row in tables["tillfallen"]]
    folder = write_csv_folder(tmp_path / "d", tables)
    [problem] = problems_at(folder, "tillfallen", 2)
    assert problem.place() == "tillfallen.csv, rad 2, kolumn E (”ar”)"


def test_problems_are_listed_by_sheet_and_row(tmp_path):
    tables = read_sample()
    edits = [("deltagare", 5, "kon", "q"), ("deltagare", 2, "kon", "q"),
             ("kurser", 3, "inbjudna", "x"), ("tillfallen", 6, "status", "q"),
             ("kostnader", 2, "belopp", "x"), ("deltagare", 2, "roll", "q")]
    for table, row, column, value in edits:
        tables[table][row - 1][tables[table][0].index(column)] = value
    book = write_workbook(tmp_path / "r.xlsx", tables)
    places = [(p.sheet, p.row, p.column) for p in inspect(book).errors]
    assert places == [("kurser", 3, "inbjudna"), ("tillfallen", 6, "status"),
                      ("deltagare", 2, "kon"), ("deltagare", 2, "roll"),
                      ("deltagare", 5, "kon"), ("kostnader", 2, "belopp")]


def test_allowed_values_are_written_as_the_clerk_writes_them(tmp_path):
    folder = write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=[COURSE], tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2009-03-01"}],
        deltagare=[{"tillfalle_id": "t", "organisationstyp": "landsting"}]))
    [problem] = problems_at(folder, "deltagare", 2)
    assert problem.message.endswith("stiftelse eller övrigt.") and "fullmäktige" in problem.message
