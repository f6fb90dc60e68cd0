"""The command line as a new user meets it (issue 15 point 6): --version alone, -h, --debug
after the command, -o without an extension, what build -o wrote, help never cut."""

import pytest
from typer.testing import CliRunner

from pk_report import __version__
from pk_report.cli import app

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_version_alone_prints_the_version():
    result = runner.invoke(app, ["--version"], prog_name="pk-report")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"pk-report {__version__}\n"


@pytest.mark.parametrize("argv", [[], ["validera"], ["stats"], ["build"], ["mall"]])
def test_short_h_is_help_everywhere(argv):
    short = runner.invoke(app, [*argv, "-h"], prog_name="pk-report")
    long = runner.invoke(app, [*argv, "--help"], prog_name="pk-report")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "-h, --help" in short.stdout


def test_debug_after_the_command_is_accepted(tmp_path):
    target = tmp_path / "r.md"
    result = runner.invoke(app, ["build", "2009", "-o", str(target), "--debug"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# ")
    # and it shows the whole traceback: the exception reaches the runner
    failed = runner.invoke(app, ["validera", "--data", str(tmp_path / "saknas"), "--debug"])
    assert type(failed.exception).__name__ == "UsageError"
    again = runner.invoke(app, ["validera", "--data", str(tmp_path / "saknas")])
    assert again.exit_code == 2 and isinstance(again.exception, SystemExit)  # not left on


def test_output_without_extension_names_the_choices(tmp_path):
    target = tmp_path / "rapport"
    result = runner.invoke(app, ["build", "2009", "-o", str(target)])
    assert result.exit_code == 2
    out = flat(result.stderr)
    for suffix in (".md", ".docx", ".html"):
        assert f"-o {target}{suffix}" in out
    assert "--format" in out and "”rapport”" in out and "””" not in out
    assert not target.exists()
    assert runner.invoke(app, ["build", "2009", "-o", str(target), "-f", "md"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_build_o_says_what_it_wrote(tmp_path):
    target = tmp_path / "rapport.html"
    result = runner.invoke(app, ["build", "2009", "-o", str(target)])
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("Skrev")]
    assert lines == [f"Skrev {target} (webbsida, 2009 års rapport)."]
    assert result.stdout == ""
    to_stdout = runner.invoke(app, ["build", "2009"])
    assert "Skrev" not in to_stdout.stderr


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_top_level_help_never_cuts_a_description(columns):
    result = runner.invoke(app, ["--help"], prog_name="pk-report", env={"COLUMNS": columns})
    assert result.exit_code == 0
    commands = result.stdout.split("Kommandon:")[1]
    assert "..." not in commands and "…" not in commands
    text = flat(commands)
    for command in app.registered_commands:
        first = flat(command.callback.__doc__.split("\n\n")[0])
        assert first in text, first
