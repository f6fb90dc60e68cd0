"""Every kind of bad input in tests/bad_inputs/ gives exit 1 and a located message, no traceback.

A case is a JSON file: the sample data (as CSV folder or workbook) with one edit, a dropped
table or column, or a file replaced by other bytes; ``expect`` names the problem's place.
"""

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import read_sample, write_csv_folder, write_workbook
from pk_report.cli import app
from pk_report.pipeline import inspect

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.json"))


def build_case(case: dict, tmp: Path) -> Path:
    tables = copy.deepcopy(read_sample())
    if "edit" in case:
        e = case["edit"]
        rows = tables[e["table"]]
        rows[e["row"] - 1][rows[0].index(e["column"])] = e["value"] * e.get("repeat", 1)
    if "drop_table" in case:
        del tables[case["drop_table"]]
    if "drop_column" in case:
        d = case["drop_column"]
        rows = tables[d["table"]]
        j = rows[0].index(d["column"])
        tables[d["table"]] = [r[:j] + r[j + 1:] for r in rows]
    if case["form"] == "csv":
        target = write_csv_folder(tmp / "data", tables)
        spec = case.get("file")
        if spec:
            path = target / f"{spec['table']}.csv"
            path.write_bytes(bytes.fromhex(spec["hex"]) if "hex" in spec
                             else spec["text"].encode("utf-8"))
        return target
    target = write_workbook(tmp / "register.xlsx", tables)
    spec = case.get("file", {})
    if "text" in spec:
        target.write_bytes(spec["text"].encode("utf-8"))
    if "truncate" in spec:
        target.write_bytes(target.read_bytes()[: spec["truncate"]])
    if "far_cell" in spec:
        from openpyxl import load_workbook

        wb = load_workbook(target)
        wb[spec["table"]][spec["far_cell"]] = "x"
        wb.save(target)
    return target


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_bad_input_is_located(path, tmp_path):
    case = json.loads(path.read_text(encoding="utf-8"))
    data = build_case(case, tmp_path)
    before = {p: p.read_bytes() for p in ([data] if data.is_file() else data.iterdir())}
    expect = case["expect"]
    found = [p for p in inspect(data).errors
             if p.table == expect["table"] and p.row == expect["row"]
             and (expect["column"] is None or p.column == expect["column"])]
    assert found, f"no error at {expect}: {inspect(data).errors[:5]}"
    problem = found[0]
    if case["form"] == "xlsx" and (expect["table"] or "sheet" in expect):
        assert problem.sheet == expect.get("sheet", expect["table"])
    result = CliRunner().invoke(app, ["validera", "--data", str(data)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    flat = " ".join(result.output.split())
    assert Path(problem.file).name in flat
    if expect["row"] is not None:
        assert str(expect["row"]) in flat and expect["column"] in flat
    build = CliRunner().invoke(app, ["build", "2009", "--data", str(data)])
    assert build.exit_code == 1 and "Traceback" not in build.output
    assert before == {p: p.read_bytes() for p in before}, "input files must never change"
