"""A register keeps its figures whatever way its names are written (issue 21 point 1): the
bundled sample typed into a blank `pk-report mall` workbook under its Swedish tabs and headers
(Tillfällen, Kön, Tillfälle-ID), and the sample as CSV files whose names are written with
å/ä/ö or without, in capitals, with space, hyphen or underscore, all give the CSV sample's
`stats --format json` byte for byte."""

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pk_report import schema
from pk_report.blank_workbook import workbook_bytes
from pk_report.bundled import sample_data_dir
from pk_report.cli import app
from pk_report.names import norm_name
from helpers import read_sample, write_csv_folder

runner = CliRunner()


def stats_json(data) -> bytes:
    result = runner.invoke(app, ["stats", "--format", "json", "--data", str(data)])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture(scope="module")
def sample_stats() -> bytes:
    return stats_json(sample_data_dir())


def as_typed(text: str, column: schema.Column):
    """What a clerk's typing leaves in a cell of the mall: years, counts and amounts as
    numbers, dates as date cells (the date columns are formatted as dates); the rest text."""
    if text == "":
        return None
    if column.kind == schema.DATE:
        return dt.date.fromisoformat(text)
    if column.kind in (schema.INT, schema.YEAR_OR_PERIOD) and text.isdigit():
        return int(text)
    if column.kind == schema.AMOUNT:
        value = Decimal(text.removesuffix("kr").replace(" ", "").replace("\u00a0", "")
                        .replace(",", "."))
        return int(value) if value == value.to_integral() else float(value)
    return text


def type_sample_into_mall(path):
    """A blank mall with the bundled sample typed into it, row by row, under its headers."""
    path.write_bytes(workbook_bytes())
    wb = load_workbook(path)
    for name, (header, *rows) in read_sample().items():
        table = schema.TABLES[name]
        ws = wb[table.label]
        sheet_header = [c.value for c in ws[1]]
        assert sheet_header == [c.label for c in table.columns]  # Tillfälle-ID, Kön, År …
        position = {norm_name(label): j for j, label in enumerate(sheet_header)}
        for i, row in enumerate(rows, start=2):
            for name_, text in zip(header, row):
                column = table.column(name_)
                ws.cell(row=i, column=position[name_] + 1, value=as_typed(text, column))
    return wb


def test_the_sample_typed_into_the_mall_gives_the_same_figures(tmp_path, sample_stats):
    path = tmp_path / "mall.xlsx"
    type_sample_into_mall(path).save(path)
    assert stats_json(path) == sample_stats
    # and a year of its own, which the report itself is written from
    one = runner.invoke(app, ["stats", "2009", "--format", "json", "--data", str(path)])
    assert one.stdout_bytes == runner.invoke(
        app, ["stats", "2009", "--format", "json", "--data", str(sample_data_dir())]).stdout_bytes


SPELLINGS = {
    "as the mall writes them": lambda name, label: label,
    "in capitals": lambda name, label: label.upper(),
    "without å, ä, ö": lambda name, label: label.translate(str.maketrans("åäöÅÄÖ", "aaoAAO")),
    "with underscores": lambda name, label: label.replace(" ", "_").replace("-", "_"),
    "with spaces": lambda name, label: label.replace("-", " "),
    "with hyphens, lower case": lambda name, label: label.lower().replace(" ", "-"),
    "with spaces around": lambda name, label: f" {label} ",
}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_names_written_any_way_the_contract_allows_give_the_same_figures(
        tmp_path, sample_stats, spelling):
    write = SPELLINGS[spelling]
    tables = {}
    for name, (header, *rows) in read_sample().items():
        file = write(name, schema.table_label(name)).strip()
        tables[file] = [[write(h, schema.column_label(h)) for h in header], *rows]
    folder = write_csv_folder(tmp_path / "register", tables)
    assert stats_json(folder) == sample_stats


def test_the_old_names_stay_valid(sample_stats):
    """The bundled sample itself is written with the contract's plain names (ar, kon,
    tillfallen.csv), as its workbook is: both are read as they always were."""
    header = (sample_data_dir() / "deltagare.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "kon" in header.split(";") and "tillfalle_id" in header.split(";")
    assert stats_json(sample_data_dir() / "register.xlsx") == sample_stats


def test_messages_name_the_mall_s_columns_and_sheets_as_it_writes_them(tmp_path):
    """validera quotes the sheet's own header (kolumn C (”Kön”)), and names what is missing
    as the mall would have written it: ”Namn”, bladet ”Kostnader” with År, Kurs-ID …"""
    path = tmp_path / "r.xlsx"
    wb = type_sample_into_mall(path)
    wb["Deltagare"]["C2"] = "kvinnlig"
    kurser = wb["Kurser"]
    kurser.delete_cols([c.value for c in kurser[1]].index("Namn") + 1)
    del wb["Kostnader"]
    wb.save(path)
    result = runner.invoke(app, ["validera", "--data", str(path)])
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "blad ”Deltagare”, rad 2, kolumn C (”Kön”) (värde: ”kvinnlig”)" in out
    assert "Okänt värde för ”Kön”" in out
    assert "Obligatorisk kolumn ”Namn” saknas" in out
    assert ("Lägg till bladet ”Kostnader” med rubrikraden År, Kurs-ID, Post, Belopp"
            in out)
