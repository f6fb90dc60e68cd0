"""``pk-report mall``: an empty workbook a clerk can start from, written with openpyxl.

An instruction sheet that prints on A4, one sheet per table with its header row frozen, and an
example sheet the tool never reads. Dropdowns show the words a clerk writes (with å, ä, ö) and
only suggest: the tool accepts more spellings than a list can hold (``K`` and ``kvinna``,
``avbokad``, ``KS``, a grade of the register's own scale), so no validation ever refuses a
value; a list informs, a date or number check warns. Columns where Excel would turn text into
something else (``nytt_datum`` "2015-02" into 1 February 2015, an id "2009-1" into a date) are
formatted as text.
"""

from __future__ import annotations

import io
from pathlib import Path

from pk_report import schema
from pk_report.errors import UsageError
from pk_report.writing import write_atomic

ROWS = 2000  # rows that get dropdowns, checks and formats
EXAMPLE_SHEET = "Exempel"  # in schema.IGNORED_SHEETS: never read as data
KIND_TEXT = {schema.TEXT: "text", schema.INT: "heltal", schema.DATE: "datum ÅÅÅÅ-MM-DD",
             schema.MONTH_OR_DATE: "datum eller månad (ÅÅÅÅ-MM)", schema.BOOL: "ja/nej",
             schema.AMOUNT: "kronor", schema.GRADE: "betyg (siffra eller text)",
             schema.CHOICE: "ett ord ur listan",
             schema.YEAR_OR_PERIOD: "år eller period (ÅÅÅÅ-ÅÅÅÅ)"}
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
# Wide enough for what a clerk writes there: a course's whole name, a board, a reason.
WIDTHS = {"namn": 48, "beskrivning": 60, "malgrupp": 32, "organisation": 32, "orsak": 32,
          "kommentar": 48, "text": 60, "post": 32, "anteckning": 40, "tema": 16,
          "omfattning": 16, "organisationstyp": 18, "roll": 18, "etikett": 20}
GUIDE_WIDTHS = {"A": 14, "B": 21, "C": 6, "D": 17, "E": 10, "F": 46}


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
        also = ("Du kan också skriva ett annat värde i betygsskalan (bladet betygsskala)."
                if column.kind == schema.GRADE else
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
    else:
        dv = DataValidation()  # any value: only the prompt below
    dv.allow_blank = True
    dv.showErrorMessage = dv.type is not None
    dv.promptTitle = _title(column.name)
    dv.prompt = column.help[:250]
    dv.showInputMessage = True
    return dv


def _title(name: str) -> str:
    return name[:32]


def workbook_bytes() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    _instructions(wb.active)
    for table in schema.TABLES.values():
        _data_sheet(wb.create_sheet(table.name), table)
    _examples(wb.create_sheet(EXAMPLE_SHEET))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _a4(ws, landscape: bool = False, fit: bool = True) -> None:
    """Print on A4; with ``fit``, every column on the page (as many pages down as needed). A
    data sheet is not fitted: a long description runs past its column and would shrink the
    whole page to nothing."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True


def _instructions(guide) -> None:
    from openpyxl.styles import Alignment, Font

    guide.title = "Instruktioner"
    wrap = Alignment(wrap_text=True, vertical="top")
    guide.append(["pk-report: registret för styrgruppens politikerutbildning"])
    guide["A1"].font = Font(bold=True, size=14)
    lines = [
        "Fyll i ett blad per tabell, en rad per sak. Rubrikraden ska stå kvar (stora och små "
        "bokstäver och å, ä, ö spelar ingen roll). Kontrollera med: pk-report validera --data FIL",
        f"Bladet {EXAMPLE_SHEET} visar ifyllda rader; det läses aldrig som data. Rullistorna "
        "föreslår värden men stoppar inga: verktyget godtar fler stavningar (t.ex. K eller "
        "kvinna, KS för kommunstyrelse, avbokad för inställd).",
    ]
    for text in lines:
        guide.append([text])
        row = guide.max_row
        guide.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        guide.cell(row=row, column=1).alignment = wrap
        guide.row_dimensions[row].height = 30
    guide.append([])
    guide.append(["Blad", "Kolumn", "Krävs", "Typ", "Standard", "Förklaring"])
    header = guide.max_row
    for cell in guide[header]:
        cell.font = Font(bold=True)
    for table in schema.TABLES.values():
        for column in table.columns:
            guide.append([table.name + (" (valfri)" if table.optional else ""), column.name,
                          "ja" if column.required else "", KIND_TEXT[column.kind],
                          schema.WORDS.get(column.default, column.default), column.help])
            for cell in guide[guide.max_row]:
                cell.alignment = wrap
            guide.row_dimensions[guide.max_row].height = _height(guide[guide.max_row])
    for letter, width in GUIDE_WIDTHS.items():
        guide.column_dimensions[letter].width = width
    guide.freeze_panes = f"A{header + 1}"
    guide.print_title_rows = f"{header}:{header}"
    _a4(guide)


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
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor="DDE6F0")
    ws.append(table.column_names)
    for j, column in enumerate(table.columns, 1):
        cell = ws.cell(row=1, column=j)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        letter = get_column_letter(j)
        width = WIDTHS.get(column.name, 20 if column.kind == schema.TEXT else 14)
        ws.column_dimensions[letter].width = max(width, len(column.name) + 4)
        dv = _validation(column)
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{ROWS + 1}")
        number_format = _number_format(column)
        if number_format:
            ws.column_dimensions[letter].number_format = number_format  # rows past ROWS too
            for row in range(2, ROWS + 2):
                ws.cell(row=row, column=j).number_format = number_format
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _a4(ws, landscape=True, fit=False)


def _number_format(column: schema.Column) -> str | None:
    """Text where Excel would otherwise change what the clerk typed: a month "2015-02" into a
    date (``nytt_datum``), an id such as "2009-1" into a date, a leading zero away."""
    if column.kind == schema.DATE:
        return DATE_FORMAT
    if column.kind in (schema.TEXT, schema.MONTH_OR_DATE):
        return TEXT_FORMAT
    return None


# Filled-in rows for the example sheet: one small, consistent register (a course, two sessions
# of which one moved, participants, forms, a cost). Each table under its own heading.
EXAMPLES: dict[str, list[list[object]]] = {
    "kurser": [[2009, "grund", "Grundutbildning för nämnd- och styrelseledamöter", "", "Nya ledamöter",
                "ja", 2, 10, 60, "Kommunens organisation och ledamotens uppdrag."]],
    "tillfallen": [["2009-GR-1", "grund", "2009-03-12", "", "heldag", "genomförd", "", "", ""],
                   ["2009-GR-2", "grund", "2009-10-08", "", "heldag", "framflyttad",
                    "Krockade med budgetarbetet", "2010-03", ""]],
    "deltagare": [["2009-GR-1", "Anna Andersson", "kvinna", "Tekniska nämnden", "fack",
                   "ledamot", "ja"],
                  ["2009-GR-1", "Bo Berg", "man", "Kommunfullmäktige", "fullmäktige",
                   "ersättare", "nej"]],
    "utvarderingar": [["2009-GR-1", "", "", "kvinna", "Utmärkt", "Bra och konkret."],
                      ["", "grund", 2009, "", 3, ""]],
    "kostnader": [[2009, "grund", "Föreläsare", "12 000"], [2009, "", "Trycksaker", "2 350,50"]],
    "styrgrupp": [[2009, "Eva Ek", "S", "ordförande"]],
    "sammantraden": [["2009-02-10", "Planering av året"]],
    "betygsskala": [[1, "Underkänt", "nej"], [2, "Godkänt", "nej"], [3, "Mer än godkänt", "ja"],
                    [4, "Utmärkt", "ja"]],
    "idi": [["2009-GR-1", "Relator"]],
    "texter": [[2009, "inledning", "Styrgruppen har under året …"]],
    "installningar": [["kommun", "Exempelköping"], ["anonymitetsgrans", 5]],
}


def _examples(ws) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append([f"Exempel: så kan bladen se ut ifyllda. Det här bladet läses aldrig som data; "
               "skriv dina egna rader på bladen med tabellernas namn."])
    ws["A1"].font = Font(bold=True)
    widest: dict[int, int] = {}
    for name, rows in EXAMPLES.items():
        table = schema.TABLES[name]
        ws.append([])
        ws.append([f"Bladet {name}: {table.help.lower()}"])
        ws.cell(row=ws.max_row, column=1).font = Font(italic=True)
        header = table.column_names
        ws.append(header)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                cell.number_format = TEXT_FORMAT if isinstance(cell.value, str) else "General"
                cell.alignment = Alignment(horizontal="left")
        for row in [header, *rows]:
            for j, value in enumerate(row, 1):
                widest[j] = max(widest.get(j, 0), len(str(value)))
    for j, width in widest.items():
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 10), 50)
    _a4(ws, landscape=True)


def write_blank_workbook(target: Path, force: bool) -> None:
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(f"{target.name}: mallen skrivs som Excel-arbetsbok. Ge filen ändelsen "
                         ".xlsx.")
    if target.exists() and not force:
        raise UsageError(f"{target} finns redan. Ange --force för att skriva över den, eller "
                         "välj ett annat filnamn.")
    write_atomic(target, workbook_bytes())
