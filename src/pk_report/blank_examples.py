"""The Exempel sheet of ``pk-report mall``: a small filled-in register the tool never reads.

One block per table, in the workbook's order: a heading, the header row and a few rows as a
clerk types them (years and amounts as numbers, dates as date cells). Column widths belong to a
sheet, not to a block, so the sheet is a grid of narrow columns and each of a block's columns
spans as many of them as its own width needs: ”Kön” is narrow under ”Deltagare” while
”Namn” is wide under ”Kurser”.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap

from pk_report import schema
from pk_report.blank_style import (AMOUNT_FORMAT, DATE_FORMAT, TEXT_FORMAT, column_width, font,
                                   header_alignment, print_setup)

GRID = 3  # width of one grid column, in Excel's width units
WIDEST = 30  # a longer text wraps within its column
LINE = 15.0  # points per line of Calibri 11

# One small, consistent register: a course, two sessions of which one moved, participants,
# forms, a cost; `validera` finds no error in it (a test reads the blocks back as a register).
EXAMPLES: dict[str, list[list[object]]] = {
    "kurser": [[2009, "grund", "Grundutbildning för nämnd- och styrelseledamöter", None,
                "Nya ledamöter", "ja", 2, 10, 60, "Kommunens organisation och ledamotens uppdrag."]],
    "tillfallen": [["2009-GR-1", "grund", dt.date(2009, 3, 12), None, "heldag", "genomförd"],
                   ["2009-GR-2", "grund", dt.date(2009, 10, 8), None, "heldag", "framflyttad",
                    "Krockade med budgetarbetet", "2010-03"]],
    "deltagare": [["2009-GR-1", "Anna Andersson", "kvinna", "Tekniska nämnden", "fack",
                   "ledamot", "ja"],
                  ["2009-GR-1", "Bo Berg", "man", "Kommunfullmäktige", "fullmäktige",
                   "ersättare", "nej"]],
    "utvarderingar": [["2009-GR-1", None, None, "kvinna", "Utmärkt", "Bra och konkret."],
                      [None, "grund", 2009, None, 3]],
    "idi": [["2009-GR-1", "Relator"]],
    "kostnader": [[2009, "grund", "Föreläsare", 12000], [2009, None, "Trycksaker", 2350.5]],
    "styrgrupp": [[2009, "Eva Ek", "S", "ordförande"]],
    "sammantraden": [[dt.date(2009, 2, 10), "Planering av året"]],
    "texter": [[2009, "inledning", "Styrgruppen har under året …"]],
    "installningar": [["kommun", "Exempelköping"], ["anonymitetsgräns", 5]],
    "betygsskala": [[1, "Underkänt", "nej"], [2, "Godkänt", "nej"], [3, "Mer än godkänt", "ja"],
                    [4, "Utmärkt", "ja"]],
}


def spans(table: schema.Table) -> list[int]:
    """How many grid columns each of the table's columns spans in its block."""
    return [math.ceil((min(column_width(c), WIDEST) + 1) / GRID) for c in table.columns]


def write_examples(ws) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    widest = max(sum(spans(t)) for t in schema.TABLES.values())
    ws.append(["Exempel: så kan bladen se ut ifyllda. Det här bladet läses aldrig som data; "
               "skriv dina egna rader på bladen med tabellernas namn."])
    ws["A1"].font = font(bold=True)
    ws["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=widest)
    ws.row_dimensions[1].height = 2 * LINE
    fill = PatternFill("solid", fgColor="DDE6F0")
    for name, rows in EXAMPLES.items():
        table = schema.TABLES[name]
        ws.append([])
        ws.append([f"Bladet {table.label}: {table.help[0].lower()}{table.help[1:]}"])
        ws.cell(row=ws.max_row, column=1).font = font(italic=True)
        widths = spans(table)
        header = [c.label for c in table.columns]
        _block_row(ws, table, widths, header, header=True)
        for cell in ws[ws.max_row]:
            if cell.value is not None:
                cell.fill = fill
        for row in rows:
            _block_row(ws, table, widths, row + [None] * (len(table.columns) - len(row)))
    for j in range(1, widest + 1):
        ws.column_dimensions[get_column_letter(j)].width = GRID
    print_setup(ws, widest * GRID, "1:1")


def _block_row(ws, table: schema.Table, widths: list[int], values: list[object],
               header: bool = False) -> None:
    """One row of a block: each value in the first grid column of its span, the span merged,
    text wrapped within it, and the row as high as its longest wrapped text."""
    from openpyxl.styles import Alignment

    row = ws.max_row + 1
    start, lines = 1, 1
    for column, span, value in zip(table.columns, widths, values):
        cell = ws.cell(row=row, column=start)
        cell.value = value
        cell.font = font(bold=header)
        if isinstance(value, str) or header:
            cell.number_format = TEXT_FORMAT
            cell.alignment = (header_alignment(column) if header else
                              Alignment(wrap_text=True, vertical="top"))
            # characters per line: Calibri fits about 1.1 a width unit, less in bold with an indent
            chars = span * GRID - 3 if header else int(span * GRID * 1.1)
            lines = max(lines, len(textwrap.wrap(str(value), chars)) or 1)
        else:  # a number or a date as Excel holds it: aligned right, as Excel shows it
            cell.alignment = Alignment(horizontal="right", indent=1, vertical="top")
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif column.kind == schema.AMOUNT:
                cell.number_format = AMOUNT_FORMAT
        if span > 1:
            ws.merge_cells(start_row=row, start_column=start, end_row=row,
                           end_column=start + span - 1)
        start += span
    ws.row_dimensions[row].height = LINE * lines
