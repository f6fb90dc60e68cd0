"""Reading hostile workbooks: the whole workbook's cost is bounded before calamine parses it,
every scan is linear, and the risky parse is isolated on every platform (Windows has neither
``resource`` nor ``fork``)."""

import os
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import minimal_tables, patch_parts, read_sample, write_csv_folder, write_workbook
from pk_report.cli import app
from pk_report.pipeline import inspect
from pk_report.readers import guards, isolate

runner = CliRunner()


def validera(path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validera", "--data", str(path)])
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def far_cells_everywhere(path: Path) -> Path:
    """Every sheet claims a last cell at AL1048576: each passes the one-sheet bound (38 x
    1,048,576 < 40 million), together they are ten times it; calamine aborted on them."""
    write_workbook(path, read_sample())

    def far(name, data):
        if name.startswith("xl/worksheets/sheet"):
            return data.replace(b"</sheetData>", b'<row r="1048576"><c r="AL1048576" t="n">'
                                                 b'<v>1</v></c></row></sheetData>')
        return data
    return patch_parts(path, far)


def test_the_whole_workbook_is_bounded_not_each_sheet(tmp_path):
    path = far_cells_everywhere(tmp_path / "far.xlsx")
    assert path.stat().st_size < 100_000
    start = time.monotonic()
    code, out = validera(path)
    assert code == 1 and "tillsammans" in out and "Ctrl+End" in out
    assert time.monotonic() - start < 20


def shared_strings_workbook(path: Path, unique: str, entries: int) -> Path:
    """The sample workbook with a shared-string table (as Excel writes one) added."""
    write_workbook(path, read_sample())
    body = b"<si><t>x</t></si>" * entries
    sst = (f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{entries}" uniqueCount="{unique}">').encode() + body + b"</sst>"

    def add(name, data):
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://schemas'
                                b'.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
                                b' Target="sharedStrings.xml"/></Relationships>')
        return data
    patch_parts(path, add)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", sst)
    return path


def test_a_claimed_shared_string_count_is_bounded(tmp_path):
    """calamine reserves uniqueCount entries up front: four billion aborted the process."""
    path = shared_strings_workbook(tmp_path / "sst.xlsx", "4000000000", 3)
    code, out = validera(path)
    assert code == 1 and "teckensträngstabell" in out and "4 000 000 000" in out


def test_shared_strings_are_counted_when_the_table_is_large(tmp_path, monkeypatch):
    """A table that claims one entry but holds more than the bound is counted, not trusted."""
    monkeypatch.setattr(guards, "MAX_SHARED_STRINGS", 1000)
    path = shared_strings_workbook(tmp_path / "sst.xlsx", "1", 3000)
    problems = inspect(path).errors
    assert any("teckensträngstabell" in p.message and "3\u00a0000" in p.message for p in problems)
    ok = shared_strings_workbook(tmp_path / "ok.xlsx", "3", 300)
    assert not inspect(ok).errors


def self_closing_error_cells(size: int) -> bytes:
    cells = b"".join(b'<c r="Z%d" t="e"/>' % i for i in range(1, size // 18))
    return b'<worksheet><sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"


def test_the_error_cell_scan_is_linear():
    """Rows of self-closing error cells took 23 s for 118 KB: the pattern scanned on to the end
    for each cell. A generous guard: what is linear takes milliseconds."""
    xml = self_closing_error_cells(160_000)
    start = time.monotonic()
    found = guards.error_cells(xml)
    assert time.monotonic() - start < 5
    assert len(found) == xml.count(b"<c ")
    assert guards.error_cells(b'<row r="2"><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
                              b'<c r="C2" t="e"/><c r="D2"><v>7</v></c></row>') == {
        (2, 2): "#DIV/0!", (2, 3): "#FEL"}


def test_a_workbook_of_self_closing_error_cells_is_read_quickly(tmp_path):
    path = write_workbook(tmp_path / "fel.xlsx", read_sample())
    xml = self_closing_error_cells(160_000)
    patch_parts(path, lambda name, data: data.replace(
        b"</sheetData>", b'<row r="900">' + xml[xml.index(b"<c "):xml.index(b"</row>")]
        .replace(b'r="Z', b'r="AZ') + b"</row></sheetData>") if name.endswith("sheet1.xml") else data)
    start = time.monotonic()
    validera(path)
    assert time.monotonic() - start < 10


def ods(path: Path) -> Path:
    import pandas as pd

    path.parent.mkdir(parents=True, exist_ok=True)
    tables = minimal_tables(kurser=[{"ar": 2009, "kurs_id": "a", "namn": "Åsa Öberg"}])
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in tables.items():
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(writer, sheet_name=name, index=False)
    return path


def windows(monkeypatch, methods=("spawn",)):
    """This platform as Windows is: no ``resource`` module, no ``fork``."""
    monkeypatch.setattr(isolate, "resource", None)
    monkeypatch.setattr(isolate, "start_methods", lambda: list(methods))


def test_an_ods_is_read_without_resource_or_fork(tmp_path, monkeypatch):
    path = ods(tmp_path / "Mina filer" / "Registret å ä ö.ods")
    windows(monkeypatch)
    assert isolate.strategy() == "spawn"
    loaded = inspect(path)
    assert not loaded.errors, loaded.errors
    assert loaded.dataset.kurser["namn"].tolist() == ["Åsa Öberg"]


def test_an_ods_is_read_in_process_where_no_child_can_start(tmp_path, monkeypatch):
    path = ods(tmp_path / "Registret å ä ö.ods")
    windows(monkeypatch, methods=())
    assert isolate.strategy() == "inline"
    assert not inspect(path).errors


@pytest.mark.parametrize("how", ["fork", "spawn"])
def test_an_abort_in_the_child_becomes_a_message(monkeypatch, how):
    if how not in isolate.start_methods():
        pytest.skip(f"no {how} here")
    if how == "spawn":
        windows(monkeypatch)
    with pytest.raises(guards.Refused, match="läsningen avbröts"):
        isolate.run_limited(os.abort)
    assert isolate.run_limited(sum, [1, 2, 3]) == 6


def test_an_error_in_process_is_refused_not_raised():
    def panic():
        raise BaseException("a Rust panic is no Exception")  # as pyo3's PanicException

    with pytest.raises(guards.Refused, match="Rust panic"):
        isolate.run_inline(panic)


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_paths_with_spaces_and_swedish_letters(tmp_path, form):
    folder = tmp_path / "Politikerutbildning å ä ö" / "Register 2009"
    folder.mkdir(parents=True)
    data = write_workbook(folder / "Registret över kurser.xlsx", read_sample()) if form == "xlsx" \
        else write_csv_folder(folder / "csv filer", read_sample())
    out = folder / "Årsrapport för 2009.docx"
    result = runner.invoke(app, ["build", "2009", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
