"""A --data or PK_REPORT_DATA path that is missing or unreadable is a usage error (exit 2) that
names the path, where it came from, the reason, and what to do (issue 12 point 9, issue 15
point 6)."""

import builtins

import pytest
from typer.testing import CliRunner

from pk_report.cli import app

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("command", [["validera"], ["stats"], ["build", "2009"]])
def test_missing_data_path_is_a_usage_error(tmp_path, command):
    missing = tmp_path / "Register 2009" / "saknas.xlsx"
    result = runner.invoke(app, [*command, "--data", str(missing)])
    assert result.exit_code == 2, result.output
    out = flat(result.output)
    assert str(missing) in out and "--data" in out and "finns inte" in out
    assert "Rätta sökvägen" in out


def test_missing_env_path_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("PK_REPORT_DATA", str(tmp_path / "saknas"))
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 2
    out = flat(result.output)
    assert "PK_REPORT_DATA" in out and "finns inte" in out and str(tmp_path / "saknas") in out


@pytest.mark.parametrize("origin", ["--data", "PK_REPORT_DATA"])
def test_unreadable_file_says_no_permission(tmp_path, monkeypatch, csv_copy, origin):
    """Simulated (the tests may run as root, which reads anything): opening the file or
    listing the folder raises PermissionError, as it does for a colleague's locked file."""
    book = tmp_path / "låst.xlsx"
    book.write_bytes(b"PK")
    real_open = builtins.open

    def locked_open(file, *args, **kwargs):
        if str(file) == str(book):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locked_open)
    argv = ["validera"]
    if origin == "--data":
        argv += ["--data", str(book)]
    else:
        monkeypatch.setenv("PK_REPORT_DATA", str(book))
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    out = flat(result.output)
    assert str(book) in out and "behörighet" in out and origin in out
    assert "Internt fel" not in out


def test_unreadable_folder_says_no_permission(csv_copy, monkeypatch):
    import os

    real_scandir = os.scandir

    def locked(path=".", *args):
        if str(path) == str(csv_copy):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", locked)
    result = runner.invoke(app, ["validera", "--data", str(csv_copy)])
    assert result.exit_code == 2
    assert "behörighet" in flat(result.output)
