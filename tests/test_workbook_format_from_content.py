"""A workbook's format comes from what its zip holds, never from its name (attack-findings 2),
and the .ods child runs under whatever lower hard memory limit the process has (finding 8)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from hostile_cases import _sample_ods_bytes
from pk_report.readers import isolate, workbook


@pytest.mark.parametrize("name", ["register.XLSX", "register.xlsx", "register.Ods", "r.xlsm"])
def test_an_ods_under_any_name_is_parsed_in_the_limited_child(tmp_path, monkeypatch, name):
    path = tmp_path / name
    path.write_bytes(_sample_ods_bytes(tmp_path))
    used = []
    real = isolate.run_limited
    monkeypatch.setattr(isolate, "run_limited", lambda fn, file: used.append(file) or real(fn, file))
    monkeypatch.setattr(isolate, "run_inline", lambda *a: pytest.fail("parsed in this process"))
    tables, problems = workbook.read_workbook(path)
    assert used and used[0].endswith(".ods")
    assert "kurser" in tables and not [p for p in problems if p.is_error], problems


def test_a_zip_with_both_formats_is_refused_before_any_parser(tmp_path, monkeypatch):
    path = tmp_path / "register.xlsx"
    path.write_bytes(_sample_ods_bytes(tmp_path))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/workbook.xml", "x")
    monkeypatch.setattr(isolate, "run_limited", lambda *a: pytest.fail("parsed"))
    monkeypatch.setattr(isolate, "run_inline", lambda *a: pytest.fail("parsed"))
    tables, problems = workbook.read_workbook(path)
    assert not tables and "både en Excel-arbetsbok" in problems[0].message


@pytest.mark.skipif(isolate.resource is None, reason="no resource module here")
def test_the_childs_limit_is_never_above_the_hard_limit():
    inf, gb = isolate.resource.RLIM_INFINITY, 1024**3
    assert isolate._lowered((inf, inf), 3 * gb) == (3 * gb, 3 * gb)
    assert isolate._lowered((inf, 2 * gb), 3 * gb) == (2 * gb, 2 * gb)
    assert isolate._lowered((1 * gb, 5 * gb), 3 * gb) == (1 * gb, 3 * gb)
    assert isolate._gigabytes(3 * gb) == "3" and isolate._gigabytes(int(2.5 * gb)) == "2,5"


@pytest.mark.skipif(isolate.strategy() != "fork", reason="needs fork and resource")
def test_an_ods_reads_under_a_real_hard_limit_of_2_5_gb(tmp_path):
    import resource

    path = tmp_path / "register.ods"
    path.write_bytes(_sample_ods_bytes(tmp_path))
    limit = int(2.5 * 1024**3)

    def lower():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    proc = subprocess.run([sys.executable, "-m", "pk_report", "validera", "--data", str(path)],
                          capture_output=True, timeout=300, preexec_fn=lower)
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    assert proc.returncode == 0 and "Inga fel" in out, out
