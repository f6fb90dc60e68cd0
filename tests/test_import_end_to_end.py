"""End to end with the exports the project makes itself (tests/import_fixtures.py): each is
imported into a workbook register and a CSV register from which its answers (or its sessions'
attendance) were taken out, and ``stats --format json`` must give the sample's figures back."""

import pytest

from helpers import read_sample, write_csv_folder, write_workbook
from import_fixtures import ALL_ATTENDANCE, ALL_EVALUATIONS, NEW_PERSON, forms_swedish
from import_helpers import invoke, stats


def register(tmp_path, kind, tables):
    if kind == "csv":
        return write_csv_folder(tmp_path / "register", tables)
    return write_workbook(tmp_path / "register.xlsx", tables)


@pytest.fixture(scope="module")
def sample_figures(tmp_path_factory):
    return stats(write_csv_folder(tmp_path_factory.mktemp("sample") / "data", read_sample()))


def without_evaluations(sessions):
    tables = read_sample()
    head, *rows = tables["utvarderingar"]
    tables["utvarderingar"] = [head] + [r for r in rows if r[0] not in sessions]
    return tables


def import_args(fixture, data):
    args = ["importera", str(fixture.path), "--data", str(data), "--ja"]
    if len(fixture.sessions) == 1:
        args += ["--tillfalle", fixture.sessions[0]]
    if fixture.mapping is not None:
        args += ["--karta", str(fixture.mapping)]
    return args


def utvarderingar_text(data):
    if data.is_dir():
        return (data / "utvarderingar.csv").read_text(encoding="utf-8")
    from openpyxl import load_workbook

    ws = load_workbook(data)["utvarderingar"]
    return "\n".join(str(c) for row in ws.iter_rows(values_only=True) for c in row)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("make", ALL_EVALUATIONS, ids=lambda f: f.__name__)
def test_an_evaluation_export_gives_the_samples_figures_back(tmp_path, kind, make,
                                                               sample_figures):
    exports = tmp_path / "exporter"
    exports.mkdir()
    fixture = make(exports)
    data = register(tmp_path, kind, without_evaluations(fixture.sessions))
    assert stats(data) != sample_figures
    result = invoke(*import_args(fixture, data))
    assert result.exit_code == 0, result.stderr
    assert stats(data) == sample_figures
    text = utvarderingar_text(data)
    assert not [p for p in fixture.personal if p and p in text]
    again = invoke(*import_args(fixture, data))
    assert again.exit_code == 0 and "Inget nytt att lägga till" in again.stderr
    assert stats(data) == sample_figures


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_grown_forms_export_adds_only_its_new_answers(tmp_path, kind, sample_figures):
    exports = tmp_path / "exporter"
    exports.mkdir()
    early = forms_swedish(exports, upto=5)
    data = register(tmp_path, kind, without_evaluations(early.sessions))
    assert invoke(*import_args(early, data)).exit_code == 0
    assert stats(data) != sample_figures
    early.path.unlink()
    full = forms_swedish(exports)
    result = invoke(*import_args(full, data))
    assert result.exit_code == 0, result.stderr
    assert "Fem svar fanns redan i registret" in result.stderr
    assert stats(data) == sample_figures


def absent(sessions):
    """The sample with everyone who came to ``sessions`` marked as not present."""
    tables = read_sample()
    head, *rows = tables["deltagare"]
    at = head.index("narvarande")
    tables["deltagare"] = [head] + [r[:at] + ["nej"] + r[at + 1:] if r[0] in sessions else r
                                    for r in rows]
    return tables


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("make", ALL_ATTENDANCE, ids=lambda f: f.__name__)
def test_an_attendance_report_marks_the_signed_up_present(tmp_path, kind, make, sample_figures):
    exports = tmp_path / "exporter"
    exports.mkdir()
    fixture = make(exports)
    data = register(tmp_path, kind, absent(fixture.sessions))
    assert stats(data) != sample_figures
    result = invoke(*import_args(fixture, data))
    assert result.exit_code == 0, result.stderr
    for name in fixture.skipped:
        assert name.split(" (")[0].split()[0] in result.stderr  # listed as left out
    new = [e["namn"] for e in fixture.expected if e["namn"] == NEW_PERSON]
    got = {(r["ar"], r["kurs_id"]): r for r in stats(data)}
    for want in sample_figures:
        mine = got[(want["ar"], want["kurs_id"])]
        if want["kurs_id"] != "steg1" or want["ar"] != 2010:
            assert mine == want
            continue
        grew = len(new)  # the person the register did not know: one more, a ledamot
        for key in ("anmalda", "deltagare", "unika_personer", "politiker"):
            assert mine[key] == want[key] + grew, key
        assert (mine["kvinnor"], mine["man"]) == (want["kvinnor"], want["man"])
    if new:
        checked = invoke("validera", "--data", str(data))
        assert f"(värde: ”{NEW_PERSON}”): Personen har varken" in " ".join(checked.stdout.split())
