"""``pk-report mall``: an empty workbook a clerk can start from, written with openpyxl.

The tabs and headers are the contract's names as a clerk writes them (``Tillfällen``, ``Kön``:
``schema.TABLE_LABELS`` and ``COLUMN_LABELS``), in the order a clerk fills them, after an
instruction sheet that says where to start. Every sheet prints on A4 one page wide, with its
header row on every page and a footer naming the sheet and the page; every cell names the
workbook's font. An example sheet (``blank_examples.py``) is never read.

Dropdowns show the words a clerk writes (with å, ä, ö) and only suggest: the tool accepts more
spellings than a list can hold (``K`` and ``kvinna``, ``avbokad``, ``KS``, a grade of the
register's own scale), so no validation ever refuses a value; a list informs, a date or number
check warns. Columns where Excel would turn text into something else (``Nytt datum`` "2015-02"
into 1 February 2015, an id "2009-1" into a date) are formatted as text.
"""

from __future__ import annotations

import io
from pathlib import Path

from pk_report import schema
from pk_report.blank_style import (AMOUNT_FORMAT, DATE_FORMAT, FONT, TEXT_FORMAT, column_width,
                                   font, header_alignment, print_setup)
from pk_report.errors import UsageError
from pk_report.writing import write_atomic

ROWS = 2000  # rows that get dropdowns, checks and formats
EXAMPLE_SHEET = "Exempel"  # in schema.IGNORED_SHEETS: never read as data
GUIDE_SHEET = "Instruktioner"  # likewise
GUIDE_WIDTHS = {"A": 16, "B": 21, "C": 6, "D": 17, "E": 10, "F": 46}
KIND_TEXT = {schema.TEXT: "text", schema.INT: "heltal", schema.DATE: "datum ÅÅÅÅ-MM-DD",
             schema.MONTH_OR_DATE: "datum eller månad (ÅÅÅÅ-MM)", schema.BOOL: "ja/nej",
             schema.AMOUNT: "kronor", schema.GRADE: "betyg (siffra eller text)",
             schema.CHOICE: "ett ord ur listan",
             schema.YEAR_OR_PERIOD: "år eller period (ÅÅÅÅ-ÅÅÅÅ)"}
def dropdown_values(column: schema.Column) -> list[str] | None:
    """The words a clerk picks from, spelled as a clerk writes them (å, ä, ö). The tool accepts
    these and more (docs/beslut.md), so the list only suggests."""
    if column.kind == schema.BOOL:
        return ["ja", "nej"]
    if column.kind == schema.GRADE:
        return [label for _, label, _ in schema.DEFAULT_SCALE]
    if column.name == "kon":
        return ["kvinna", "man", "annat"]
    if column.name == "status":
        return ["genomförd", "inställd", "framflyttad"]
    if column.name == "organisationstyp":
        return [schema.WORDS.get(o, o) for o in schema.ORGTYP_ORDER]
    if column.kind == schema.CHOICE and column.choices:
        return list(dict.fromkeys(column.choices.values()))
    return None


def _validation(column: schema.Column):
    """The cell check of a column: a list that informs, or a date/number check that warns;
    never Excel's default 'stop', which would refuse a value the tool accepts."""
    from openpyxl.worksheet.datavalidation import DataValidation

    values = dropdown_values(column)
    if values:
        also = (f"Du kan också skriva ett annat värde i betygsskalan (bladet "
                f"{schema.table_label('betygsskala')})." if column.kind == schema.GRADE else
                "Andra stavningar som verktyget känner igen går också bra.")
        dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                            errorStyle="information", errorTitle="Inte i listan",
                            error=f"Värdet finns inte i listan. {also} Kontrollera med "
                                  "pk-report validera.")
    elif column.kind == schema.DATE:
        dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)",
                            formula2="DATE(2100,12,31)", errorStyle="warning",
                            errorTitle="Inget datum", error="Skriv ett datum, t.ex. 2009-03-12.")
    elif column.kind == schema.INT:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                            errorStyle="warning", errorTitle="Inget heltal",
                            error="Skriv ett heltal, t.ex. 12.")
    elif column.kind == schema.AMOUNT:  # a credit is negative: any number, never text
        dv = DataValidation(type="decimal", operator="between", formula1="-999999999999",
                            formula2="999999999999", errorStyle="warning",
                            errorTitle="Inget belopp",
                            error="Skriv ett belopp i kronor som tal, t.ex. 12000 eller 2350,50 "
                                  "(negativt för en kreditering).")
    else:
        dv = DataValidation()  # any value: only the prompt below
    dv.allow_blank = True
    dv.showErrorMessage = dv.type is not None
    dv.promptTitle = column.label[:32]
    dv.prompt = column.help[:250]
    dv.showInputMessage = True
    return dv


def workbook_bytes() -> bytes:
    from openpyxl import Workbook

    from pk_report.blank_examples import write_examples

    wb = Workbook()
    _instructions(wb.active)
    for table in schema.TABLES.values():  # the order a clerk fills them (schema.py)
        _data_sheet(wb.create_sheet(table.label), table)
    write_examples(wb.create_sheet(EXAMPLE_SHEET))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _instructions(guide) -> None:
    from openpyxl.styles import Alignment

    guide.title = GUIDE_SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    first, second = (schema.TABLES[n].label for n in ("kurser", "tillfallen"))
    guide.append(["pk-report: registret för styrgruppens politikerutbildning"])
    guide["A1"].font = font(bold=True, size=14)
    lines = [
        (f"Börja på bladet {first}: en rad per kurs i årets utbildningsplan. Fyll sedan i "
         f"bladen från vänster till höger, i den ordning saker händer under året.", True),
        (f"Efter varje utbildningstillfälle: en rad på {second}, en rad per anmäld person på "
         f"{schema.table_label('deltagare')} och en rad per inlämnad utvärdering på "
         f"{schema.table_label('utvarderingar')}.", True),
        ("Rubrikraden ska stå kvar (stora och små bokstäver och å, ä, ö spelar ingen roll). "
         "Kontrollera med: pk-report validera --data FIL", False),
        (f"Bladet {EXAMPLE_SHEET} visar ifyllda rader; det läses aldrig som data. Rullistorna "
         "föreslår värden men stoppar inga: verktyget godtar fler stavningar (t.ex. K eller "
         "kvinna, KS för kommunstyrelse, avbokad för inställd).", False),
    ]
    for text, bold in lines:
        guide.append([text])
        row = guide.max_row
        guide.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        cell = guide.cell(row=row, column=1)
        cell.alignment = wrap
        cell.font = font(bold=bold)
        guide.row_dimensions[row].height = 30
    guide.append([])
    guide.append(["Blad", "Kolumn", "Krävs", "Typ", "Standard", "Förklaring"])
    header = guide.max_row
    for cell in guide[header]:
        cell.font = font(bold=True)
    for table in schema.TABLES.values():
        for column in table.columns:
            guide.append([table.label + (" (valfri)" if table.optional else ""), column.label,
                          "ja" if column.required else "", KIND_TEXT[column.kind],
                          schema.WORDS.get(column.default, column.default), column.help])
            for cell in guide[guide.max_row]:
                cell.alignment = wrap
                cell.font = font()
            guide.row_dimensions[guide.max_row].height = _height(guide[guide.max_row])
    for letter, width in GUIDE_WIDTHS.items():
        guide.column_dimensions[letter].width = width
    _name_font(guide)
    guide.freeze_panes = f"A{header + 1}"
    # portrait like any other document; its text columns wrap, so it shrinks little
    print_setup(guide, sum(GUIDE_WIDTHS.values()), f"{header}:{header}", portrait=True)


def _name_font(ws) -> None:
    """Every written cell that has no font of its own gets the workbook's, by name."""
    from openpyxl.cell.cell import MergedCell

    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell, MergedCell) and cell.font.name != FONT:
                cell.font = font(bold=bool(cell.font and cell.font.b),
                                 italic=bool(cell.font and cell.font.i))


def _height(cells) -> float:
    """A row's height in points for its wrapped text: neither Excel nor LibreOffice grows a
    row that openpyxl wrote, so wrapped lines would overlap the next row."""
    import textwrap

    lines = 1
    for cell in cells:
        chars = int(GUIDE_WIDTHS.get(cell.column_letter, 10) * 1.15)  # Calibri is narrow
        lines = max(lines, len(textwrap.wrap(str(cell.value or ""), chars)))
    return 15.0 * lines


def _data_sheet(ws, table: schema.Table) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor="DDE6F0")
    ws.append([column.label for column in table.columns])
    wraps = False
    for j, column in enumerate(table.columns, 1):
        cell = ws.cell(row=1, column=j)
        cell.font = font(bold=True)
        cell.fill = header_fill
        cell.alignment = header_alignment(column)
        letter = get_column_letter(j)
        width = column_width(column)
        ws.column_dimensions[letter].width = width
        wraps = wraps or len(column.label) + 3 > width
        dv = _validation(column)
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{ROWS + 1}")
        number_format = _number_format(column)
        wrap = Alignment(wrap_text=True, vertical="top") if column.kind == schema.TEXT else None
        if number_format:
            ws.column_dimensions[letter].number_format = number_format  # rows past ROWS too
        for row in range(2, ROWS + 2):
            cell = ws.cell(row=row, column=j)
            if number_format:
                cell.number_format = number_format
            if wrap:
                cell.alignment = wrap  # a long text wraps instead of running off the page
    if wraps:
        ws.row_dimensions[1].height = 30  # two lines: "Planerade / tillfällen"
    ws.freeze_panes = "A2"
    print_setup(ws, sum(column_width(c) for c in table.columns), "1:1")


def _number_format(column: schema.Column) -> str | None:
    """Text where Excel would otherwise change what the clerk typed: a month "2015-02" into a
    date (``nytt_datum``), an id such as "2009-1" into a date, a leading zero away."""
    if column.kind == schema.DATE:
        return DATE_FORMAT
    if column.kind == schema.AMOUNT:
        return AMOUNT_FORMAT
    if column.kind in (schema.TEXT, schema.MONTH_OR_DATE):
        return TEXT_FORMAT
    return None


def write_blank_workbook(target: Path, force: bool) -> None:
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(f"{target.name}: mallen skrivs som Excel-arbetsbok. Ge filen ändelsen "
                         ".xlsx.")
    if target.exists() and not force:
        raise UsageError(f"{target} finns redan. Ange --force för att skriva över den, eller "
                         "välj ett annat filnamn.")
    write_atomic(target, workbook_bytes())
