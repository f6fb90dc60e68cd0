"""Writing into a workbook keeps every other sheet, value, format, dropdown, defined name and
column width as it was (compared cell by cell), and the new rows follow the sheet's last row
in its own columns, whatever their order or Swedish names."""

import datetime as dt

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from helpers import read_sample
from import_helpers import google_export, invoke

# The clerk's own headers, in their own order, under a title row.
EVAL_HEADERS = ["Kön", "Betyg", "Tillfälle-ID", "Kommentar", "Kurs ID", "År", "Egen notering"]
ORDER = ["kon", "betyg", "tillfalle_id", "kommentar", "kurs_id", "ar"]


def clerk_workbook(path):
    sample = read_sample()
    wb = Workbook()
    wb.remove(wb.active)
    notes = wb.create_sheet("Anteckningar")
    notes["A1"] = "Att göra"
    notes["A1"].font = Font(bold=True, color="FF0000")
    notes["B2"] = dt.date(2010, 3, 4)
    notes["B2"].number_format = "yyyy-mm-dd"
    notes["C3"] = "=1+1"
    notes.merge_cells("D1:E2")
    notes.column_dimensions["A"].width = 31
    for name, rows in sample.items():
        ws = wb.create_sheet("Utvärderingar" if name == "utvarderingar" else name)
        if name == "utvarderingar":
            ws.append(["Utvärderingar 2008–2010"])
            ws.append(EVAL_HEADERS)
            index = {c: i for i, c in enumerate(rows[0])}
            for row in rows[1:]:
                ws.append([int(row[index[c]]) if c == "betyg" else row[index[c]] or None
                           for c in ORDER] + ["klar"])
            for cell in ws[2]:
                cell.fill = PatternFill("solid", fgColor="DDE6F0")
            ws.column_dimensions["C"].width = 17.5
            dv = DataValidation(type="list", formula1='"kvinna,man,annat"', allow_blank=True)
            ws.add_data_validation(dv)
            dv.add("A3:A2000")
            ws.freeze_panes = "A3"
        else:
            for row in rows:
                ws.append(row)
    wb.defined_names["Betygen"] = DefinedName("Betygen", attr_text="'Utvärderingar'!$B$3:$B$900")
    wb.save(path)
    return path


def snapshot(path):
    wb = load_workbook(path)
    cells = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:  # a cell iteration makes up
                    continue
                cells[(ws.title, c.coordinate)] = (
                    c.value, c.number_format, repr(c.font), repr(c.fill), repr(c.border),
                    repr(c.alignment), repr(c.protection))
    sheets = {ws.title: {
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "validations": [(str(dv.sqref), dv.type, dv.formula1) for dv in
                        ws.data_validations.dataValidation],
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes} for ws in wb.worksheets}
    names = {n: d.attr_text for n, d in wb.defined_names.items()}
    return wb.sheetnames, cells, sheets, names


def test_every_other_cell_format_dropdown_name_and_width_is_kept(tmp_path):
    register = clerk_workbook(tmp_path / "register.xlsx")
    order, cells, sheets, names = snapshot(register)
    last = load_workbook(register)["Utvärderingar"].max_row
    export = google_export(tmp_path / "svar.csv", 5)
    result = invoke("importera", str(export), "--data", str(register), "--tillfalle",
                    "2010-S1-1", "--ja")
    assert result.exit_code == 0, result.stderr
    order2, cells2, sheets2, names2 = snapshot(register)
    assert order2 == order and sheets2 == sheets and names2 == names
    new_column = "H"  # svar_id, after the clerk's own last column
    added = {k: v for k, v in cells2.items() if k not in cells or cells[k] != v}
    expected_rows = set(range(last + 1, last + 6))
    for (sheet, coordinate), _ in added.items():
        assert sheet == "Utvärderingar", (sheet, coordinate)
        row = int("".join(ch for ch in coordinate if ch.isdigit()))
        assert row in expected_rows or coordinate == f"{new_column}2", coordinate
    assert all(cells2[k] == v for k, v in cells.items() if k in cells2)
    ws = load_workbook(register)["Utvärderingar"]
    assert ws[f"{new_column}2"].value == "Svar-ID"  # the sheet's own style of header
    assert ws[f"{new_column}2"].fill.fgColor.rgb == ws["G2"].fill.fgColor.rgb == "00DDE6F0"
    first = last + 1
    assert [ws.cell(first, j).value for j in range(1, 9)][:4] == ["K", 4, "2010-S1-1", "Kommentar 0"]
    assert ws.cell(first, 7).value is None  # the clerk's own column is left alone
    assert len(ws.cell(first, 8).value) == 16


def test_a_formula_looking_comment_stays_text(tmp_path):
    from import_helpers import xlsx_register

    register = xlsx_register(tmp_path)
    path = tmp_path / "svar.csv"
    path.write_text("Tidstämpel,Hur nöjd är du med utbildningen?,Övriga synpunkter\n"
                    "2010/11/09 21:01:02 CET,Utmärkt,=HYPERLINK(\"http://x\")\n", encoding="utf-8")
    result = invoke("importera", str(path), "--data", str(register), "--tillfalle", "2010-S1-1",
                    "--ja")
    assert result.exit_code == 0, result.stderr
    ws = load_workbook(register)["utvarderingar"]
    cell = ws.cell(ws.max_row, 6)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_a_workbook_with_shapes_openpyxl_would_drop_is_refused(tmp_path):
    import zipfile

    from import_helpers import xlsx_register

    register = xlsx_register(tmp_path)
    shape = (b'<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
             b'spreadsheetDrawing"><xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr/></xdr:sp>'
             b'</xdr:twoCellAnchor></xdr:wsDr>')
    with zipfile.ZipFile(register, "a") as archive:
        archive.writestr("xl/drawings/drawing1.xml", shape)
    before = register.read_bytes()
    result = invoke("importera", str(google_export(tmp_path / "svar.csv", 3)), "--data",
                    str(register), "--tillfalle", "2010-S1-1", "--ja")
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())
    assert "former eller textrutor" in err and "Inget har skrivits" in err
    assert register.read_bytes() == before
    assert not list(tmp_path.glob("*före-import*"))
