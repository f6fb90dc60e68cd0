"""The workbook `pk-report mall` writes, checked with openpyxl: tabs and headers in the clerk's
Swedish, in the order a clerk fills them (issue 21); dropdowns that show a clerk's words and
never refuse what the tool accepts, nytt_datum as text, wide text columns (issue 15); every
sheet printing one page wide with its header row and a footer, every cell in the workbook's
font, the example sheet as one block per table with numbers and dates as Excel holds them."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from pk_report import schema
from pk_report.blank_examples import EXAMPLES, GRID, spans
from pk_report.blank_style import FONT, PORTRAIT_UNITS, column_width
from pk_report.blank_workbook import EXAMPLE_SHEET, GUIDE_SHEET, workbook_bytes
from pk_report.cells import parser_for
from pk_report.cli import app
from pk_report.names import norm_name
from pk_report.pipeline import inspect

runner = CliRunner()
TABLES = list(schema.TABLES.values())


@pytest.fixture(scope="module")
def mall(tmp_path_factory):
    path = tmp_path_factory.mktemp("mall") / "mall.xlsx"
    path.write_bytes(workbook_bytes())
    return path


@pytest.fixture(scope="module")
def wb(mall):
    return load_workbook(mall)


def validations(wb):
    """(table, column, validation) for every column of every data sheet."""
    from openpyxl.utils import column_index_from_string

    for table in TABLES:
        ws = wb[table.label]
        for dv in ws.data_validations.dataValidation:
            letter = str(dv.sqref).split(":")[0].rstrip("0123456789")
            yield table, table.columns[column_index_from_string(letter) - 1], dv


# --- names (point 1) -------------------------------------------------------------------------

def test_every_label_is_its_contract_name_read_loosely():
    """What lets a register keep the old names: the reader maps both spellings to one name."""
    for table in TABLES:
        assert table.name in schema.TABLE_LABELS and norm_name(table.label) == table.name
        for column in table.columns:
            assert column.name in schema.COLUMN_LABELS, column.name  # never the plain id
            assert norm_name(column.label) == column.name, column.label
    assert schema.column_label("kon") == "Kön" and schema.table_label("tillfallen") == "Tillfällen"
    assert schema.column_label("tillfalle_id") == "Tillfälle-ID"
    assert schema.column_label("mycket_nojd") == "Mycket nöjd"


def test_tabs_and_headers_are_written_as_a_clerk_writes_them(wb):
    assert wb.sheetnames == [GUIDE_SHEET, *(t.label for t in TABLES), EXAMPLE_SHEET]
    assert wb.sheetnames[1:4] == ["Kurser", "Tillfällen", "Deltagare"]
    assert "Sammanträden" in wb.sheetnames and "Utvärderingar" in wb.sheetnames
    for table in TABLES:
        assert [c.value for c in wb[table.label][1]] == [c.label for c in table.columns]
    assert [c.value for c in wb["Deltagare"][1]][2] == "Kön"
    assert [c.value for c in wb["Tillfällen"][1]][0] == "Tillfälle-ID"
    assert [c.value for c in wb["Betygsskala"][1]][2] == "Mycket nöjd"


def test_input_help_and_instructions_use_the_same_words(wb):
    for table, column, dv in validations(wb):
        assert dv.promptTitle == column.label, (table.name, column.name)
    guide = wb[GUIDE_SHEET]
    rows = [[c.value for c in row] for row in guide.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[:2] == ["Blad", "Kolumn"]) + 1
    listed = [(row[0], row[1]) for row in rows[start:] if row[0]]
    assert listed == [(t.label + (" (valfri)" if t.optional else ""), c.label)
                      for t in TABLES for c in t.columns]


def test_no_help_text_names_a_column_or_table_by_its_plain_id():
    """'fyll i Kurs-ID och År', never 'kurs_id och ar': the words the clerk sees on the tabs."""
    plain = {n for n, label in {**schema.COLUMN_LABELS, **schema.TABLE_LABELS}.items()
             if label.lower() != n}
    texts = [c.help for t in TABLES for c in t.columns] + [t.help for t in TABLES]
    for text in texts:
        words = set(re.findall(r"[\w/]+", text)) | set(re.findall(r"\w+", text))
        assert not words & plain, (text, words & plain)


# --- the order a clerk fills them (point 5) --------------------------------------------------

def test_instructions_come_first_and_say_in_two_lines_where_to_start(wb):
    guide = wb.worksheets[0]
    assert guide.title == GUIDE_SHEET
    first, second = guide["A2"].value, guide["A3"].value
    assert first.startswith("Börja på bladet Kurser") and wb.sheetnames[1] == "Kurser"
    assert "Tillfällen" in second and "Deltagare" in second and "Utvärderingar" in second
    assert guide["A2"].font.b and guide["A3"].font.b  # the two lines stand out
    # the sessions' own sheets follow each other, the optional ones come after the others
    order = [t.name for t in TABLES]
    assert order[:5] == ["kurser", "tillfallen", "deltagare", "utvarderingar", "idi"]
    optional = [i for i, t in enumerate(TABLES) if t.optional and t.name != "idi"]
    assert min(optional) > max(i for i, t in enumerate(TABLES) if not t.optional)


# --- printing (point 2) ----------------------------------------------------------------------

def test_every_sheet_prints_one_page_wide_with_header_rows_and_a_footer(wb):
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert str(setup.paperSize) == "9", ws.title  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows, ws.title
        assert ws.oddFooter.center.text == "&A – Sida &P av &N", ws.title
    for table in TABLES:
        ws = wb[table.label]
        assert ws.print_title_rows in ("1:1", "$1:$1")
        wide = sum(column_width(c) for c in table.columns) > PORTRAIT_UNITS
        assert ws.page_setup.orientation == ("landscape" if wide else "portrait"), table.name
    assert wb["Kurser"].page_setup.orientation == "landscape"
    assert wb["Sammanträden"].page_setup.orientation == "portrait"


def test_long_text_wraps_instead_of_widening_the_printed_page(wb):
    """A description past the last column would widen the print range and shrink the page."""
    ws = wb["Kurser"]
    letter = get_column_letter(schema.TABLES["kurser"].column_names.index("beskrivning") + 1)
    assert ws[f"{letter}2"].alignment.wrap_text and ws[f"{letter}2001"].alignment.wrap_text
    assert ws["A1"].alignment.wrap_text  # a header of two words takes two lines


def test_instructions_print_on_a4_in_width(wb):
    ws = wb[GUIDE_SHEET]
    assert ws.page_setup.orientation == "portrait"
    texts = [c.value for c in ws["F"] if c.value]
    assert all(ws.cell(row=c.row, column=6).alignment.wrap_text for c in ws["F"][7:] if c.value)
    assert any("fullmäktige" in str(t) for t in texts)
    assert sum(ws.column_dimensions[x].width for x in "ABCDEF") <= 130


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice saknas")
def test_libreoffice_prints_each_empty_data_sheet_on_one_page(tmp_path, mall):
    """Rendered as a clerk would print it: each data sheet's footer is on exactly one page."""
    pypdf = pytest.importorskip("pypdf")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profil", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(mall)],
                   check=True, capture_output=True, timeout=300)
    pages = [p.extract_text() for p in pypdf.PdfReader(tmp_path / "mall.pdf").pages]
    for table in TABLES:
        on = [i for i, text in enumerate(pages) if f"{table.label} – Sida" in text]
        assert len(on) == 1, (table.label, on)
    assert len([t for t in pages if f"{EXAMPLE_SHEET} – Sida" in t]) == 1
    assert len(pages) <= len(TABLES) + 4  # the 19 pages of issue 21 were 14 after it


# --- fonts (point 3) -------------------------------------------------------------------------

def test_every_cell_names_the_workbooks_font(wb):
    assert wb._fonts[0].name == FONT  # the default style's font
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if type(cell).__name__ != "MergedCell":
                    assert cell.font.name == FONT, (ws.title, cell.coordinate)
    assert wb["Kurser"]["A1"].font.b and wb[GUIDE_SHEET]["A1"].font.b


# --- checks and formats ----------------------------------------------------------------------

def test_no_validation_ever_refuses_a_value(wb):
    found = list(validations(wb))
    assert len(found) == sum(len(t.columns) for t in TABLES)
    for table, column, dv in found:
        assert dv.errorStyle in ("information", "warning") or not dv.showErrorMessage, \
            (table.name, column.name, dv.errorStyle)  # Excel's default is "stop"
        assert dv.showInputMessage and dv.prompt, (table.name, column.name)
        assert dv.sqref and str(dv.sqref).endswith("2001")


def test_belopp_warns_like_the_year_columns(wb):
    checks = {(t.name, c.name): dv for t, c, dv in validations(wb)}
    belopp, ar = checks[("kostnader", "belopp")], checks[("kostnader", "ar")]
    assert belopp.type == "decimal" and belopp.errorStyle == "warning" == ar.errorStyle
    assert belopp.showErrorMessage and float(belopp.formula1) < 0  # a credit is negative
    assert wb["Kostnader"]["D2"].number_format == "#,##0.00"


def test_lists_show_the_words_a_clerk_writes_and_the_tool_accepts_them(wb):
    lists = {(t.name, c.name): dv.formula1.strip('"').split(",")
             for t, c, dv in validations(wb) if dv.type == "list"}
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


def test_betyg_is_never_a_stop_list(wb):
    [(_, _, dv)] = [x for x in validations(wb) if x[1].name == "betyg"]
    assert dv.errorStyle == "information" and "Betygsskala" in dv.error


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
            wb[schema.table_label(name)].append(row)
    book = tmp_path / "ifylld.xlsx"
    wb.save(book)
    loaded = inspect(book)
    assert not loaded.errors, [str(p) for p in loaded.errors]
    assert not [p for p in loaded.problems if EXAMPLE_SHEET in str(p)]


def test_nytt_datum_and_ids_are_text_columns(wb):
    ws = wb["Tillfällen"]
    headers = [c.value for c in ws[1]]
    for name in ("Nytt datum", "Tillfälle-ID", "Kurs-ID"):
        letter = get_column_letter(headers.index(name) + 1)
        assert ws.column_dimensions[letter].number_format == "@"
        assert ws[f"{letter}2"].number_format == "@" and ws[f"{letter}2001"].number_format == "@"
    assert ws["C2"].number_format == "yyyy-mm-dd"  # datum: a real date
    assert wb["Deltagare"]["B2"].number_format == "@"


def test_a_month_typed_into_the_mall_is_reported_as_a_month(tmp_path, mall):
    """In the text column Excel keeps '2015-02' as text; the report says 'februari 2015'."""
    wb = load_workbook(mall)
    wb["Kurser"].append([2009, "k", "Kurs"])
    wb["Tillfällen"].append(["t1", "k", "2009-03-01"])
    wb["Tillfällen"].append(["t2", "k", "2009-10-01", None, None, "framflyttad", None, "2015-02"])
    wb["Deltagare"].append(["t1", "A"])
    book = tmp_path / "r.xlsx"
    wb.save(book)
    result = runner.invoke(app, ["build", "2009", "--data", str(book)])
    assert result.exit_code == 0, result.output
    assert "februari 2015" in result.stdout and "1 februari 2015" not in result.stdout


def test_text_columns_are_wide_enough_for_a_course_name(wb):
    kurser = wb["Kurser"]
    names = schema.TABLES["kurser"].column_names
    width = {n: kurser.column_dimensions[get_column_letter(i + 1)].width
             for i, n in enumerate(names)}
    # a width unit is one digit; a name in Calibri fits about 1.15 characters per unit, so 45
    # units show "Grundutbildning stiftelser med egen förvaltning" and longer names whole
    assert width["namn"] >= 45 and width["beskrivning"] >= 50
    for table in TABLES:
        ws = wb[table.label]
        for i, column in enumerate(table.columns):
            width = ws.column_dimensions[get_column_letter(i + 1)].width
            # the header wraps between words: its longest word fits, in bold
            assert width >= max(len(w) for w in column.label.split()) + 2, column.label
            if column.kind == schema.TEXT:
                assert width >= 16, (table.name, column.name)


# --- the example sheet (point 4) -------------------------------------------------------------

def example_blocks(ws) -> dict[str, list[list[object]]]:
    """{table: [header, *rows]} read from the sheet: each block's values stand in the first
    grid column of their spans, at the header's positions."""
    blocks, current, positions = {}, None, []
    for row in ws.iter_rows():
        first = row[0].value
        if isinstance(first, str) and first.startswith("Bladet "):
            label = first.removeprefix("Bladet ").split(":")[0]
            current = next(t.name for t in TABLES if t.label == label)
            blocks[current], positions = [], []
        elif current and not positions:
            positions = [c.column - 1 for c in row if c.value is not None]
            blocks[current].append([row[j].value for j in positions])
        elif current and any(c.value is not None for c in row):
            blocks[current].append([row[j].value for j in positions])
        else:
            current = None
    return blocks


def test_example_sheet_is_valid_data_and_never_read(tmp_path, mall, wb):
    """Its blocks, each a heading 'Bladet Kurser: …' then a header and rows, make a register
    without errors; in the mall itself the sheet is skipped without a word."""
    blocks = example_blocks(wb[EXAMPLE_SHEET])
    assert list(blocks) == [t.name for t in TABLES]
    book = Workbook()
    book.remove(book.active)
    for name, rows in blocks.items():
        assert rows[0] == [c.label for c in schema.TABLES[name].columns]
        assert len(rows) >= 2, name
        sheet = book.create_sheet(schema.table_label(name))
        for row in rows:
            sheet.append(row)
    path = tmp_path / "exempel.xlsx"
    book.save(path)
    loaded = inspect(path)
    assert not loaded.errors, [str(p) for p in loaded.errors]
    assert loaded.row_counts["tillfallen"] == 2
    empty = inspect(mall)
    assert not [p for p in empty.problems if EXAMPLE_SHEET in str(p) or GUIDE_SHEET in str(p)]


def test_example_numbers_and_dates_are_stored_as_excel_holds_them(wb):
    blocks = example_blocks(wb[EXAMPLE_SHEET])
    kinds = {schema.INT: (int, float), schema.AMOUNT: (int, float), schema.DATE: (dt.datetime,)}
    seen = set()
    for name, (header, *rows) in blocks.items():
        for row in rows:
            for column, value in zip(schema.TABLES[name].columns, row):
                if value is not None and column.kind in kinds:
                    assert isinstance(value, kinds[column.kind]), (name, column.name, value)
                    seen.add(column.kind)
    assert seen == set(kinds)
    assert blocks["kostnader"][2][3] == 2350.5
    ws = wb[EXAMPLE_SHEET]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float, dt.datetime)):
                assert cell.alignment.horizontal != "left", cell.coordinate
                assert cell.number_format != "@", cell.coordinate
            if isinstance(cell.value, dt.datetime):
                assert cell.number_format == "yyyy-mm-dd"


def test_each_example_block_has_its_own_column_widths(wb):
    """Kön is narrow under Deltagare while Namn is wide under Kurser (the 50-wide name column
    of issue 21 held "kon"): each value spans the grid columns its own column needs."""
    ws = wb[EXAMPLE_SHEET]
    merged = {(r.min_row, r.min_col): r.max_col - r.min_col + 1 for r in ws.merged_cells.ranges}
    widths = {t.name: [s * GRID for s in spans(t)] for t in TABLES}
    deltagare, kurser = schema.TABLES["deltagare"], schema.TABLES["kurser"]
    assert widths["deltagare"][deltagare.column_names.index("kon")] <= 12
    assert widths["kurser"][kurser.column_names.index("namn")] >= 30
    for row in ws.iter_rows(min_row=2):
        first = row[0].value
        if isinstance(first, str) and first.startswith("Bladet "):
            label = first.removeprefix("Bladet ").split(":")[0]
            table = next(t for t in TABLES if t.label == label)
            starts = [1]
            for span in spans(table)[:-1]:
                starts.append(starts[-1] + span)
            header = row[0].row + 1
            for r in range(header, header + 1 + len(EXAMPLES[table.name])):
                for start, span in zip(starts, spans(table)):
                    assert merged.get((r, start), 1) == span, (table.name, r, start)
    assert all(ws.column_dimensions[get_column_letter(j)].width == GRID
               for j in range(1, max(sum(spans(t)) for t in TABLES) + 1))
