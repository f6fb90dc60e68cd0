"""Hostile and broken files are refused quickly, in bounded memory, with a clear message;
outputs are written atomically; nothing from the data can inject formulas, markup or XML."""

import hashlib
import os
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import minimal_tables, read_sample, write_csv_folder, write_workbook
from pk_report.cli import app
from pk_report.pipeline import inspect

runner = CliRunner()


def refused(path: Path, needle: str) -> None:
    start = time.monotonic()
    result = runner.invoke(app, ["validera", "--data", str(path)])
    assert result.exit_code == 1, result.output
    assert needle in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert time.monotonic() - start < 20


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                fh.write(block)
    assert path.stat().st_size < 2_000_000
    refused(path, "misstänkt hårt packad")


def test_two_gigabyte_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "stor.xlsx"
    with open(path, "wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: costs no disk
    refused(path, "MB")
    folder = tmp_path / "csv"
    write_csv_folder(folder, read_sample())
    with open(folder / "deltagare.csv", "r+b") as fh:
        fh.truncate(2 * 1024**3)
    refused(folder, "MB")


def test_far_cell_in_ods_is_contained(tmp_path):
    """An .ods parses in a child with a memory limit; the tool survives whatever it does."""
    import pandas as pd

    path = tmp_path / "r.ods"
    frames = {name: pd.DataFrame(rows[1:], columns=rows[0]) for name, rows in
              minimal_tables(kurser=[{"ar": 2009, "kurs_id": "a", "namn": "A"}]).items()}
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    loaded = inspect(path)
    assert not loaded.errors


def test_memory_limited_child_reports_instead_of_dying():
    from pk_report.readers.guards import Refused
    from pk_report.readers.isolate import run_limited

    def greedy():
        return bytearray(4 * 1024**3)

    with pytest.raises(Refused, match="minne|läsa"):
        run_limited(greedy, limit=1024**3)
    assert run_limited(sum, [1, 2, 3]) == 6


def test_inputs_are_never_modified(tmp_path):
    book = write_workbook(tmp_path / "r.xlsx", read_sample())
    digest = hashlib.sha256(book.read_bytes()).hexdigest()
    for argv in (["validera"], ["stats", "-f", "json"], ["build", "2009"]):
        assert runner.invoke(app, [*argv, "--data", str(book)]).exit_code == 0
    assert hashlib.sha256(book.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("target,needle", [("missing/dir/r.md", "finns inte"),
                                           (".", "är en mapp")])
def test_unwritable_targets_get_a_message(tmp_path, target, needle):
    result = runner.invoke(app, ["build", "2009", "-o", str(tmp_path / target)])
    assert result.exit_code == 1
    assert needle in " ".join(result.output.split())


@pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() == 0, reason="root ignores file permissions")
def test_no_permission_gets_a_message(tmp_path):
    locked = tmp_path / "låst"
    locked.mkdir()
    locked.chmod(0o500)
    result = runner.invoke(app, ["build", "2009", "-o", str(locked / "r.md")])
    assert result.exit_code == 1 and "behörighet" in result.output


def hostile_data(tmp_path):
    name = "=HYPERLINK(\"http://x\")|*kurs*_#1 <script>alert(1)</script>\nny rad"
    tables = minimal_tables(
        kurser=[{"ar": 2009, "kurs_id": "k", "namn": name, "malgrupp": "@alla\x01"}],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2009-03-01"}],
        deltagare=[{"tillfalle_id": "t", "namn": "Hemlig Person"}] * 6,
        utvarderingar=[{"tillfalle_id": "t", "betyg": "4", "kommentar": "Hemlig kommentar",
                        "kon": "K"}] * 5 + [{"tillfalle_id": "t", "betyg": "1", "kon": "M"}],
        kostnader=[{"ar": 2009, "kurs_id": "k", "belopp": "100"}])
    return write_csv_folder(tmp_path / "d", tables)


def test_csv_output_escapes_formulas(tmp_path):
    data = hostile_data(tmp_path)
    result = runner.invoke(app, ["stats", "-f", "csv", "--data", str(data)])
    assert result.exit_code == 0
    cells = [c for line in result.stdout_bytes.decode("utf-8-sig").splitlines()
             for c in line.split(";")]
    assert not any(c.lstrip('"').startswith(("=", "+", "@")) for c in cells)


def test_markdown_html_and_docx_are_not_broken_or_injected(tmp_path):
    from docx import Document

    data = hostile_data(tmp_path)
    md = runner.invoke(app, ["build", "2009", "--data", str(data)]).stdout
    tables, table = [], []  # every row of a table has as many cells as its header
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            table.append(line.count("|") - line.count("\\|"))
        elif table:
            tables.append(table)
            table = []
    assert tables and all(set(t) == {t[0]} for t in tables), tables
    assert any("kurs" in line for line in md.splitlines() if line.startswith("|"))
    assert "<script>" not in md and "\x01" not in md
    html = tmp_path / "r.html"
    assert runner.invoke(app, ["build", "2009", "--data", str(data), "-o", str(html)]).exit_code == 0
    assert "<script>" not in html.read_text(encoding="utf-8")
    docx = tmp_path / "r.docx"
    assert runner.invoke(app, ["build", "2009", "--data", str(data), "-o", str(docx)]).exit_code == 0
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "=HYPERLINK" in text  # shown as text, harmless in Word


def test_names_comments_and_small_groups_never_leak(tmp_path):
    data = hostile_data(tmp_path)
    outputs = [runner.invoke(app, ["build", "2009", "--data", str(data)]).stdout,
               runner.invoke(app, ["stats", "-f", "json", "--data", str(data)]).stdout,
               runner.invoke(app, ["stats", "--per", "kon", "-f", "json", "--data", str(data)]).stdout,
               runner.invoke(app, ["stats", "--per", "kon", "--data", str(data)]).stdout]
    for out in outputs:
        assert "Hemlig" not in out
    assert "männen" not in outputs[0] and "kvinnorna" not in outputs[0]  # one man: suppressed
    import json
    per = json.loads(outputs[2])[0]
    assert per["mycket_nojda_kvinnor"] is None and per["mycket_nojda_man"] is None  # ASCII keys (issue 15 point 7)


def idi_report(tmp_path, styles: dict[str, int]) -> str:
    tables = minimal_tables(
        kurser=[{"ar": 2010, "kurs_id": "k", "namn": "IDI-kurs"}],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": "2010-03-01"}],
        deltagare=[{"tillfalle_id": "t", "namn": f"P{i}"} for i in range(sum(styles.values()))],
        idi=[{"tillfalle_id": "t", "stil": s} for s, n in styles.items() for _ in range(n)])
    data = write_csv_folder(tmp_path / "d", tables)
    result = runner.invoke(app, ["build", "2010", "--data", str(data)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_idi_styles_follow_the_anonymity_threshold(tmp_path):
    """'fem Producer och en Relator' named a style of one person; the rule of the gender
    breakdown applies to the sentence as to the table: the small group goes, and the smallest
    shown one with it."""
    md = idi_report(tmp_path / "a", {"Producer": 5, "Relator": 1})
    assert "en av typen Relator" not in md and "fem av typen Producer" not in md
    assert "profilerna" not in md
    assert "| Relator | 1 |" not in md
    md = idi_report(tmp_path / "b", {"Producer": 7, "Motivator": 6, "Processor": 5, "Relator": 2})
    # the styles 'av typen' (review finding 16)
    # issue 19 point 9: the small style and the one folded to protect it share one row
    assert ("Av deltagarnas profiler enligt IDI var sex av typen Motivator och sju av typen Producer; övriga typer "
            "redovisas inte, eftersom någon av dem hade färre än fem.") in md
    assert "| Övriga typer | redovisas inte |" in md and "| Processor |" not in md
    md = idi_report(tmp_path / "c", {"Producer": 5, "Relator": 5})
    assert "fem av typen Producer och fem av typen Relator" in md
