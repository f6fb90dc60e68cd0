"""How the workbook of ``pk-report mall`` looks and prints: its font, number formats, column
widths and page setup, shared by its data sheets (``blank_workbook.py``) and its example sheet
(``blank_examples.py``)."""

from __future__ import annotations

from pk_report import schema

FONT = "Calibri"  # the workbook's own font (openpyxl's and Excel's default), named in every cell
FONT_SIZE = 11
FOOTER = "&A – Sida &P av &N"  # "Kurser – Sida 1 av 2"
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "#,##0.00"  # Swedish Excel shows 2 350,50
# Wide enough for what a clerk writes there: a course's whole name, a board, a reason.
WIDTHS = {"namn": 45, "beskrivning": 50, "malgrupp": 28, "organisation": 30, "orsak": 30,
          "kommentar": 45, "text": 60, "post": 30, "anteckning": 40, "tema": 16,
          "omfattning": 16, "organisationstyp": 19, "roll": 18, "etikett": 20, "avsnitt": 24,
          "nyckel": 20, "kon": 10}
KIND_WIDTHS = {schema.TEXT: 16, schema.INT: 8, schema.DATE: 12, schema.MONTH_OR_DATE: 13,
               schema.BOOL: 8, schema.AMOUNT: 14, schema.GRADE: 16, schema.CHOICE: 14,
               schema.YEAR_OR_PERIOD: 10}
# What fits across A4 at 100 %, in column width units (a digit of Calibri 11) with the margins
# below: wider sheets turn to landscape, and what is wider still is scaled to the page's width.
PORTRAIT_UNITS = 92
# Columns a clerk fills with numbers or dates, which Excel aligns right: so is their header.
NUMERIC = {schema.INT, schema.AMOUNT, schema.DATE, schema.YEAR_OR_PERIOD}


def font(**style) -> object:
    """The workbook's font, bold or italic or larger as asked: a font without a name is shown
    in the spreadsheet's fallback font (LibreOffice's Cambria)."""
    from openpyxl.styles import Font

    return Font(name=FONT, size=style.pop("size", FONT_SIZE), **style)


def column_width(column: schema.Column) -> int:
    """Wide enough for what a clerk writes, and for the longest word of the header (a header
    of two words wraps onto two lines)."""
    word = max(len(w) for w in column.label.split())
    return max(WIDTHS.get(column.name, KIND_WIDTHS[column.kind]), word + 3)


def header_alignment(column: schema.Column):
    """A header stands over its values: right-aligned over numbers and dates, wrapped."""
    from openpyxl.styles import Alignment

    if column.kind in NUMERIC:
        return Alignment(horizontal="right", indent=1, wrap_text=True, vertical="top")
    return Alignment(wrap_text=True, vertical="top")


def print_setup(ws, units: float, title_rows: str, portrait: bool = False) -> None:
    """A4, one page wide (landscape when the columns are wider than a portrait page), as many
    pages down as needed, the header rows on every page, and the footer 'Blad – Sida N av M'.
    Only cells with text wrapped in them are ever fitted: a text running past the last column
    would widen the print range and shrink the whole page."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = units > PORTRAIT_UNITS and not portrait
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.8, header=0.3,
                                  footer=0.3)
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.font = FONT
    ws.oddFooter.center.size = 9
