"""Registers and exports for the import tests: copies of the bundled sample as a CSV folder and
as a workbook, a small Google Forms export written here, and Export objects made by hand."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pk_report.bundled import sample_data_dir
from pk_report.cli import app
from pk_report.importing.export import Answer, Export

runner = CliRunner()


def csv_register(tmp: Path) -> Path:
    folder = tmp / "register"
    shutil.copytree(sample_data_dir(), folder, ignore=shutil.ignore_patterns("*.xlsx"))
    return folder


def xlsx_register(tmp: Path) -> Path:
    target = tmp / "register.xlsx"
    shutil.copyfile(sample_data_dir() / "register.xlsx", target)
    return target


GRADES = ["Utmärkt", "Mer än godkänt", "Godkänt", "Underkänt"]
GENDERS = ["Kvinna", "Man", "Vill inte uppge", ""]


def google_export(path: Path, n: int, start: int = 0, grades=GRADES, with_email=True) -> Path:
    """A Google Forms responses CSV of ``n`` answers (numbered from ``start``): a timestamp, the
    e-mail address and a name the form collected, grade, gender and a comment."""
    header = ["Tidstämpel"] + (["E-postadress"] if with_email else []) + [
        "Ditt namn", "Hur nöjd är du med utbildningen?", "Kön", "Övriga synpunkter"]
    rows = [header]
    for i in range(start, start + n):
        rows.append([f"2010/11/09 21:{i // 60:02d}:{i % 60:02d} CET"]
                    + ([f"person{i}@kommun.se"] if with_email else [])
                    + [f"Person Nummer{i}", grades[i % len(grades)], GENDERS[i % 4],
                       f"Kommentar {i}" if i % 3 == 0 else ""])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def export(answers: list[dict], target: str = "utvarderingar", kind: str = "forms",
           path: Path = Path("export.xlsx"), ids: bool = True, recode=None, skipped=()) -> Export:
    """An Export as a reader would give it, for planning tests that need no file."""
    columns = {k: k.capitalize() for a in answers for k in a}
    letters = {k: "BCDEFGHIJKLM"[i] for i, k in enumerate(columns)}
    return Export(path, kind, target, "form-1", columns, letters,
                  tuple(Answer(i + 2, str(i + 1) if ids else "", dict(a))
                        for i, a in enumerate(answers)),
                  recode or {}, tuple(skipped))


def invoke(*argv: str):
    return runner.invoke(app, list(argv))


def stats(register: Path) -> list[dict]:
    result = invoke("stats", "--format", "json", "--data", str(register))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def figures(register: Path, year: int, kurs_id: str) -> dict:
    return next(r for r in stats(register) if r["ar"] == year and r["kurs_id"] == kurs_id)
