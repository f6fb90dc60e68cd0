"""The workbook `pk-report mall` writes, checked with openpyxl (issue 15 points 3–5): dropdowns
that show a clerk's words and never refuse what the tool accepts, nytt_datum as text, an
example sheet the tool ignores, wide text columns, instructions that print on A4."""

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from pk_report import schema
from pk_report.blank_workbook import EXAMPLE_SHEET, workbook_bytes
from pk_report.cells import parser_for
from pk_report.cli import app
from pk_report.pipeline import inspect

runner = CliRunner()


@pytest.fixture(scope="module")
def mall(tmp_path_factory):
    path = tmp_path_factory.mktemp("mall") / "mall.xlsx"
    path.write_bytes(workbook_bytes())
    return path


def validations(wb):
    """(table, column, validation) for every column of every data sheet."""
    from openpyxl.utils import column_index_from_string

    for table in schema.TABLES.values():
        ws = wb[table.name]
        for dv in ws.data_validations.dataValidation:
            letter = str(dv.sqref).split(":")[0].rstrip("0123456789")
            yield table, table.columns[column_index_from_string(letter) - 1], dv


def test_no_validation_ever_refuses_a_value(mall):
    found = list(validations(load_workbook(mall)))
    assert len(found) == sum(len(t.columns) for t in schema.TABLES.values())
    for table, column, dv in found:
        assert dv.errorStyle in ("information", "warning") or not dv.showErrorMessage, \
            (table.name, column.name, dv.errorStyle)  # Excel's default is "stop"
        assert dv.showInputMessage and dv.prompt, (table.name, column.name)
        assert dv.sqref and str(dv.sqref).endswith("2001")


def test_lists_show_the_words_a_clerk_writes_and_the_tool_accepts_them(mall):
    lists = {(t.name, c.name): dv.formula1.strip('"').split(",")
             for t, c, dv in validations(load_workbook(mall)) if dv.type == "list"}
    assert lists[("deltagare", "organisationstyp")] == [
        "stadsdel", "fack", "bolag", "kommunstyrelse", "fullmäktige", "stiftelse", "övrigt"]
    assert lists[("deltagare", "kon")] == ["kvinna", "man", "annat"]
    assert lists[("tillfallen", "status")] == ["genomförd", "inställd", "framflyttad"]
    assert "Utmärkt" in lists[("utvarderingar", "betyg")]
    for (table, name), values in lists.items():
        column = schema.TABLES[table].column(name)
        if column.kind == schema.GRADE:
            continue  # resolved against the register's own scale; checked below
        for value in values:
            assert parser_for(column)(value)[1] is None, (table, name, value)


def test_betyg_is_never_a_stop_list(mall):
    [(_, _, dv)] = [x for x in validations(load_workbook(mall)) if x[1].name == "betyg"]
    assert dv.errorStyle == "information" and "betygsskala" in dv.error


def test_values_outside_the_lists_are_still_read(tmp_path, mall):
    """What a list would refuse as 'stop': K, avbokad, KS, Facknämnd, a grade of the
    register's own scale as its label."""
    wb = load_workbook(mall)
    rows = {"kurser": [[2009, "k", "Kurs"]],
            "tillfallen": [["t1", "k", "2009-03-01", None, None, "genomförd"],
                           ["t2", "k", "2009-04-01", None, None, "avbokad"]],
            "deltagare": [["t1", "A", "K", None, "KS"], ["t1", "B", "kvinna", None, "Facknämnd"],
                          ["t1", "C", "M", None, "fullmäktige"]],
            "utvarderingar": [["t1", None, None, "K", "Toppen"]] * 3,
            "betygsskala": [[1, "Dåligt", "nej"], [2, "Toppen", "ja"]]}
    for name, table_rows in rows.items():
        for row in table_rows:
            wb[name].append(row)
    book = tmp_path / "ifylld.xlsx"
    wb.save(book)
    loaded = inspect(book)
    assert not loaded.errors, [str(p) for p in loaded.errors]
    assert not [p for p in loaded.problems if EXAMPLE_SHEET in str(p)]


def test_nytt_datum_and_ids_are_text_columns(mall):
    wb = load_workbook(mall)
    ws = wb["tillfallen"]
    headers = [c.value for c in ws[1]]
    for name in ("nytt_datum", "tillfalle_id", "kurs_id"):
        letter = "ABCDEFGHI"[headers.index(name)]
        assert ws.column_dimensions[letter].number_format == "@"
        assert ws[f"{letter}2"].number_format == "@" and ws[f"{letter}2001"].number_format == "@"
    assert ws["C2"].number_format == "yyyy-mm-dd"  # datum: a real date
    assert wb["deltagare"]["B2"].number_format == "@"


def test_a_month_typed_into_the_mall_is_reported_as_a_month(tmp_path, mall):
    """In the text column Excel keeps '2015-02' as text; the report says 'februari 2015'."""
    wb = load_workbook(mall)
    wb["kurser"].append([2009, "k", "Kurs"])
    wb["tillfallen"].append(["t1", "k", "2009-03-01"])
    wb["tillfallen"].append(["t2", "k", "2009-10-01", None, None, "framflyttad", None, "2015-02"])
    wb["deltagare"].append(["t1", "A"])
    book = tmp_path / "r.xlsx"
    wb.save(book)
    result = runner.invoke(app, ["build", "2009", "--data", str(book)])
    assert result.exit_code == 0, result.output
    assert "februari 2015" in result.stdout and "1 februari 2015" not in result.stdout


def test_example_sheet_is_valid_data_and_never_read(tmp_path, mall):
    """Its blocks, each heading 'Bladet NAME: …' then a header and rows, make a register
    without errors; in the mall itself the sheet is skipped without a word."""
    ws = load_workbook(mall)[EXAMPLE_SHEET]
    blocks, current = {}, None
    for row in ws.iter_rows(values_only=True):
        first = row[0]
        if isinstance(first, str) and first.startswith("Bladet "):
            current = first.split()[1].rstrip(":")
            blocks[current] = []
        elif current and any(v is not None for v in row):
            blocks[current].append(list(row))
        else:
            current = None if not any(v is not None for v in row) else current
    assert set(blocks) == set(schema.TABLES)
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in blocks.items():
        assert rows[0][:len(schema.TABLES[name].columns)] == schema.TABLES[name].column_names
        assert len(rows) >= 2, name
        sheet = wb.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book = tmp_path / "exempel.xlsx"
    wb.save(book)
    loaded = inspect(book)
    assert not loaded.errors, [str(p) for p in loaded.errors]
    assert loaded.row_counts["tillfallen"] == 2
    empty = inspect(mall)
    assert not [p for p in empty.problems if EXAMPLE_SHEET in str(p) or "Instruktioner" in str(p)]


def test_text_columns_are_wide_enough_for_a_course_name(mall):
    wb = load_workbook(mall)
    kurser = wb["kurser"]
    headers = [c.value for c in kurser[1]]
    width = {h: kurser.column_dimensions["ABCDEFGHIJ"[i]].width for i, h in enumerate(headers)}
    # a width unit is one digit; a name in Calibri fits about 1.15 characters per unit, so 45
    # units show "Grundutbildning stiftelser med egen förvaltning" and longer names whole
    assert width["namn"] >= 45 and width["beskrivning"] >= 50
    for table in schema.TABLES.values():
        ws = wb[table.name]
        for i, column in enumerate(table.columns):
            letter = "ABCDEFGHIJ"[i]
            assert ws.column_dimensions[letter].width >= len(column.name) + 2
            if column.kind == schema.TEXT:
                assert ws.column_dimensions[letter].width >= 16, (table.name, column.name)


def test_instructions_print_on_a4_in_width(mall):
    ws = load_workbook(mall)["Instruktioner"]
    setup = ws.page_setup
    assert str(setup.paperSize) == "9"  # A4
    assert setup.orientation == "portrait"
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows  # the column headings repeat on every page
    texts = [c.value for c in ws["F"] if c.value]
    assert all(ws.cell(row=c.row, column=6).alignment.wrap_text for c in ws["F"][5:] if c.value)
    assert any("fullmäktige" in str(t) for t in texts)
    assert sum(ws.column_dimensions[x].width for x in "ABCDEF") <= 130
