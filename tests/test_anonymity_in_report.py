"""No sentence, table or chart of a published report gives away one person's evaluation
(attack finding 1, docs/beslut.md "Anonymitetsgränsen gäller hela rapporten").

Each register here is small and of its own: a course under ``anonymitetsgrans`` beside one
over it, so that the year's figures minus the visible rows would show the hidden grades.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from io import BytesIO

import pytest
from typer.testing import CliRunner

from helpers import minimal_tables, write_csv_folder
from pk_report.cli import app
from pk_report.pipeline import inspect
from pk_report.problems import warnings
from pk_report.report.build import report_bytes
from pk_report.year_span import parse_span

SMALL, LARGE = "Liten kurs", "Stor kurs"
WITHHELD = "redovisas inte för kurser med färre än fem utvärderingar"


def register(tmp_path, small_grades=(1,), large_grades=(4,) * 7, year=2010, settings=(),
             comment="Kursledaren var respektlös mot mig", name="d"):
    """A small course (six politicians, forms ``small_grades``, the first from the only woman
    with ``comment``) and a large one (eight politicians, forms ``large_grades``)."""
    small = [{"tillfalle_id": "t", "kon": "K" if i == 0 else "M", "betyg": g,
              "kommentar": comment if i == 0 else ""} for i, g in enumerate(small_grades)]
    large = [{"tillfalle_id": "u", "kon": "M", "betyg": g, "kommentar": "Bra kurs"}
             for g in large_grades]
    tables = minimal_tables(
        kurser=[{"ar": year, "kurs_id": "k", "namn": SMALL}, {"ar": year, "kurs_id": "b", "namn": LARGE}],
        tillfallen=[{"tillfalle_id": "t", "kurs_id": "k", "datum": f"{year}-03-01"},
                    {"tillfalle_id": "u", "kurs_id": "b", "datum": f"{year}-04-01"}],
        deltagare=[{"tillfalle_id": "t", "namn": f"P{i}", "kon": "K" if i == 0 else "M",
                    "roll": "ledamot", "organisationstyp": "stadsdel"} for i in range(6)]
        + [{"tillfalle_id": "u", "namn": f"Q{i}", "kon": "M", "roll": "ledamot",
            "organisationstyp": "stadsdel"} for i in range(8)],
        utvarderingar=small + large,
        installningar=[{"nyckel": k, "varde": v} for k, v in settings])
    return write_csv_folder(tmp_path / name, tables)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def md(data, year="2010", comments=False) -> str:
    out = report_bytes(parse_span(year), data, "md", None, comments, charts=False).decode("utf-8")
    return flat(re.sub(r"^#+ ", "", out, flags=re.M))  # headings as in a rendered document


def html_text(data, comments=False) -> str:
    page = report_bytes(2010, data, "html", None, comments, charts=False).decode("utf-8")
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def docx_text(data, comments=False) -> str:
    out = report_bytes(2010, data, "docx", None, comments, charts=False)
    xml = zipfile.ZipFile(BytesIO(out)).read("word/document.xml").decode("utf-8")
    return flat(html.unescape(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))))


def section(text: str, heading: str) -> str:
    start = text.index(f"{heading} Innehåll och genomförande")
    end = text.find("Innehåll och genomförande", start + len(heading) + 30)
    return text[start:end if end > 0 else None]


def evaluation_part(text: str, heading: str) -> str:
    part = section(text, heading)
    return part[part.index("Utvärdering av utbildningen"):]


GRADE_WORDS = ("Underkänt", "Godkänt", "Mer än godkänt", "Utmärkt", "vanligaste", "procent",
               "nöjd", "Samtliga gav", "Ingen gav")


@pytest.mark.parametrize("render", [md, html_text, docx_text], ids=["md", "html", "docx"])
def test_a_course_under_the_threshold_is_told_only_as_a_count(tmp_path, render):
    text = render(register(tmp_path))
    part = evaluation_part(text, SMALL)
    assert "lämnade en en utvärdering" in part  # who returned a form: a count
    assert f"Betygen {WITHHELD}, så att ingen enskild kan kännas igen." in part
    assert not [w for w in GRADE_WORDS if w in part], part


@pytest.mark.parametrize("render", [md, html_text], ids=["md", "html"])
def test_comments_of_a_course_under_the_threshold_are_left_out_and_the_report_says_so(
        tmp_path, render):
    text = render(register(tmp_path), comments=True)
    assert "respektlös" not in text
    assert f"Betyg och kommentarer {WITHHELD}" in evaluation_part(text, SMALL)
    assert "Bra kurs" in evaluation_part(text, LARGE)  # a course over it keeps its comments


def test_the_year_cannot_be_differenced_against_the_visible_rows(tmp_path):
    """One grade 1 in the hidden course and none in the table: the year's sentence must not
    count it ("En utvärdering hade det lägsta betyget")."""
    text = md(register(tmp_path))
    assert "lägsta betyget" not in text and "Underkänt” gavs" not in text
    assert ("Årets samlade betyg räknas bara på kurser med minst fem utvärderingar, så att "
            "ingen enskild kan kännas igen. Alla sju redovisade utvärderingar gav "
            "utbildningen betyget ”Utmärkt”.") in text
    assert "åtta utvärderingar" not in text


def test_hidden_courses_together_at_the_threshold_count_in_the_year(tmp_path):
    """Two hidden courses of three forms each: six forms together, at least five, so the
    year counts every form and says nothing of a restriction."""
    text = md(register(tmp_path, small_grades=(1, 1, 1), large_grades=(4, 4, 4)))
    assert "redovisade utvärderingar" not in text
    assert "av årets sex utvärderingar" in text.lower()
    assert WITHHELD in evaluation_part(text, SMALL) and WITHHELD in evaluation_part(text, LARGE)


def test_a_threshold_under_three_is_raised_with_a_warning(tmp_path):
    data = register(tmp_path, settings=[("anonymitetsgrans", "1")])
    result = inspect(data)
    warning = next(p for p in warnings(result.problems) if p.table == "installningar")
    assert "rapporten använder 3" in warning.message and not result.errors
    part = evaluation_part(md(data), SMALL)
    assert "redovisas inte för kurser med färre än tre utvärderingar" in part
    assert "Underkänt" not in part


def test_the_period_report_leaves_a_hidden_course_out_of_the_years_share(tmp_path):
    """2010: a hidden grade 1 beside seven grade 4: 100 %, not 87 %, and the report says why."""
    text = md(register(tmp_path), year="2009-2010")
    assert "| Mycket nöjda | saknas | 100 % |" in text
    assert "87 %" not in text
    assert ("För 2010 räknas andelen bara på kurser med minst fem utvärderingar, så att ingen "
            "enskild kan kännas igen.") in text


def test_stats_is_the_clerks_own_tool_and_keeps_exact_figures(tmp_path):
    """docs/beslut.md: stats reads the clerk's own register for the clerk, exactly as the
    contract lists its keys; only the published report goes through the gate."""
    result = CliRunner().invoke(app, ["stats", "2010", "--format", "json",
                                      "--data", str(register(tmp_path))])
    assert result.exit_code == 0, result.output
    small = next(r for r in json.loads(result.stdout) if r["kurs"] == SMALL)
    assert small["utvarderingar"] == 1 and small["medelbetyg"] == 1.0
