"""``pk-report mall``: an empty workbook a clerk can start from, written with openpyxl.

One sheet per table with its header row frozen, an instruction sheet explaining every column,
dropdowns for every closed list and date validation on date columns.
"""

from __future__ import annotations

import io
from pathlib import Path

from pk_report import schema
from pk_report.errors import UsageError
from pk_report.writing import write_atomic

ROWS = 2000  # rows that get dropdowns and date checks
KIND_TEXT = {schema.TEXT: "text", schema.INT: "heltal", schema.DATE: "datum ÅÅÅÅ-MM-DD",
             schema.MONTH_OR_DATE: "datum eller månad (ÅÅÅÅ-MM)", schema.BOOL: "ja/nej",
             schema.AMOUNT: "kronor", schema.GRADE: "betyg", schema.CHOICE: "val ur lista",
             schema.YEAR_OR_PERIOD: "år eller period (ÅÅÅÅ-ÅÅÅÅ)"}


def dropdown_values(column: schema.Column) -> list[str] | None:
    """The values a clerk picks from, in the contract's spelling."""
    if column.kind == schema.BOOL:
        return ["ja", "nej"]
    if column.kind == schema.GRADE:
        return [str(v) for v, _, _ in schema.DEFAULT_SCALE]
    if column.name == "kon":
        return ["K", "M", "X"]
    if column.name == "status":
        return ["genomförd", "inställd", "framflyttad"]
    if column.name == "organisationstyp":
        return list(schema.ORGTYP_ORDER)
    if column.kind == schema.CHOICE and column.choices:
        return list(dict.fromkeys(column.choices.values()))
    return None


def workbook_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    guide = wb.active
    guide.title = "Instruktioner"
    guide.append(["pk-report: registret för styrgruppens politikerutbildning"])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(["Fyll i ett blad per tabell. Rubrikraden får inte ändras (stora/små bokstäver "
                  "och å/ä/ö spelar ingen roll). Kontrollera med: pk-report validera --data FIL"])
    guide.append([])
    guide.append(["Blad", "Kolumn", "Obligatorisk", "Typ", "Standard", "Förklaring"])
    for cell in guide[4]:
        cell.font = Font(bold=True)
    for table in schema.TABLES.values():
        for column in table.columns:
            guide.append([table.name + (" (valfri)" if table.optional else ""), column.name,
                          "ja" if column.required else "", KIND_TEXT[column.kind],
                          column.default, column.help])
    for letter, width in zip("ABCDEF", (18, 22, 13, 26, 12, 80)):
        guide.column_dimensions[letter].width = width
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for table in schema.TABLES.values():
        ws = wb.create_sheet(table.name)
        ws.append(table.column_names)
        for j, column in enumerate(table.columns, 1):
            cell = ws.cell(row=1, column=j)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=False)
            letter = get_column_letter(j)
            ws.column_dimensions[letter].width = max(14, len(column.name) + 4)
            rng = f"{letter}2:{letter}{ROWS + 1}"
            values = dropdown_values(column)
            if values:
                dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                    allow_blank=True, showErrorMessage=True,
                                    errorTitle="Ogiltigt värde",
                                    error="Välj ett värde i listan.")
            elif column.kind == schema.DATE:
                dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)",
                                    formula2="DATE(2100,12,31)", allow_blank=True,
                                    showErrorMessage=True, errorTitle="Ogiltigt datum",
                                    error="Skriv ett datum, t.ex. 2009-03-12.")
            elif column.kind == schema.INT:
                dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                    allow_blank=True, showErrorMessage=True,
                                    errorTitle="Ogiltigt tal", error="Skriv ett heltal.")
            else:
                dv = None
            if dv is not None:
                dv.promptTitle = column.name
                dv.prompt = column.help[:250]
                dv.showInputMessage = True
                ws.add_data_validation(dv)
                dv.add(rng)
            if column.kind == schema.DATE:
                for row in range(2, ROWS + 2):
                    ws.cell(row=row, column=j).number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_blank_workbook(target: Path, force: bool) -> None:
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(f"{target.name}: mallen skrivs som Excel-arbetsbok. Ge filen ändelsen "
                         ".xlsx.")
    if target.exists() and not force:
        raise UsageError(f"{target} finns redan. Ange --force för att skriva över den, eller "
                         "välj ett annat filnamn.")
    write_atomic(target, workbook_bytes())
