"""Issue 14 points 4–8: the charts of the annual and the period report.

Each chart's data and alt text are checked against the report's own figures (never its pixels);
the charts are Swedish, colour-blind and grey-scale safe, as large as the body text; Word and
HTML embed them with their alt text, a Markdown file gets them in a folder beside it, Markdown
to stdout and --utan-diagram have none; the same data gives the same bytes; stats and Markdown
to stdout never import matplotlib.
"""

import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import minimal_tables, write_csv_folder
from pk_report.cli import app
from pk_report.pipeline import load
from pk_report.report import charts as ch
from pk_report.report.chart_build import annual_charts, period_charts, with_tables
from pk_report.report.context_build import build_context
from pk_report.report.nobreak import text as nobreak_text
from pk_report.report.period_build import build_period_context
from pk_report.year_span import YearSpan

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden"


def annual(year, data=None):
    loaded = load(data)
    context = with_tables(build_context(loaded.dataset, year, False, loaded.figures),
                          loaded.dataset)
    return context, {c.lookup: c for c in annual_charts(context)}


def period(first, last, data=None):
    loaded = load(data)
    context = build_period_context(loaded.dataset, YearSpan(first, last), loaded.figures)
    return context, {c.lookup: c for c in period_charts(context)}


def nb(text):
    return text.replace("\u00a0", " ")


# Point 4: the charts and their data, from the report's own figures

def test_annual_charts_show_the_reports_figures():
    context, charts = annual(2010)
    assert set(charts) == {"deltagare_per_organisation", "betyg_per_kurs",
                           "kostnad_per_deltagare", "idi:steg4"}
    board = charts["deltagare_per_organisation"].data
    # the years in the table's order, the report's own year dark (issue 20 point 13)
    assert board["series"] == [("2009", [r.previous for r in context.participation]),
                               ("2010", [r.participants for r in context.participation])]
    assert board["dark"] == 1
    costed = [s for s in context.sections if s.cost is not None]
    cost = charts["kostnad_per_deltagare"].data
    assert cost["categories"] == [s.namn for s in costed]
    assert cost["series"][0][1] == [s.cost_per_person for s in costed]  # per deltagare: persons
    grades = charts["betyg_per_kurs"].data
    for name, counts in zip(grades["categories"], grades["counts"]):
        section = next(s for s in context.sections if s.namn == name)
        assert counts == list(section.satisfaction.grades.values())
        assert sum(counts) == section.evaluations
    idi = charts["idi:steg4"].data["cells"]
    steg4 = next(s for s in context.sections if s.kurs_id == "steg4")
    assert {k: int(v) for k, v in idi.items()} == steg4.idi


def test_charts_that_say_nothing_are_not_drawn(tmp_path):
    """Issue 20 point 7 (docs/beslut.md): a thin previous year is not drawn beside the
    report's year, a chart of fewer than three rows is left to its table, an all-zero period
    chart is left out."""
    from pk_report.report.chart_build import MAX_ROWS, MIN_ROWS

    from claims_registers import write_all

    context, charts = annual(2012, write_all(tmp_path / "claims")["thin_previous_year"])
    assert context.previous_sparse  # 2011 has one course held against four in 2012
    boards = charts["deltagare_per_organisation"]
    assert [label for label, _ in boards.data["series"]] == ["2012"]
    assert "2011" not in boards.caption
    context, charts = annual(2009)  # the sample's 2008 (three courses) is drawn beside 2009
    assert not context.previous_sparse
    assert [label for label, _ in charts["deltagare_per_organisation"].data["series"]] == [
        "2008", "2009"]
    context, charts = annual(2009, small_course_register(tmp_path))
    assert len(context.grades.rows) < MIN_ROWS and "betyg_per_kurs" not in charts
    from docs_helpers import every_table_register

    context, charts = annual(2009, every_table_register(tmp_path / "many"))
    assert len([s for s in context.sections if s.cost_per_person is not None]) > MAX_ROWS
    assert "kostnad_per_deltagare" not in charts
    from pk_report.report.chart_build import _says_something

    assert not _says_something({"series": [("Kurserna", [0, None, 0]), ("Gemensamt", [0, 0, 0])]})
    assert _says_something({"series": [("Kurserna", [0, None, 0]), ("Gemensamt", [0, 5, 0])]})


def test_without_a_previous_year_the_boards_chart_has_one_series():
    context, charts = annual(2008)
    assert context.previous_year is None
    assert [label for label, _ in charts["deltagare_per_organisation"].data["series"]] == ["2008"]


def small_course_register(tmp_path):
    """Course 'liten' has three evaluations (under the threshold of five); course 'idi' has IDI
    profiles 6, 6, 6 and 2: Relator is under five, and the smallest shown style goes too."""
    styles = ["Motivator"] * 6 + ["Producer"] * 6 + ["Processor"] * 6 + ["Relator"] * 2
    return write_csv_folder(tmp_path / "d", minimal_tables(
        kurser=[{"ar": 2009, "kurs_id": "stor", "namn": "Stor kurs"},
                {"ar": 2009, "kurs_id": "liten", "namn": "Liten kurs"},
                {"ar": 2009, "kurs_id": "idi", "namn": "IDI-kurs"}],
        tillfallen=[{"tillfalle_id": t, "kurs_id": t, "datum": "2009-03-01"}
                    for t in ("stor", "liten", "idi")],
        deltagare=[{"tillfalle_id": "stor", "namn": f"S{i}"} for i in range(8)]
        + [{"tillfalle_id": "liten", "namn": f"L{i}"} for i in range(3)]
        + [{"tillfalle_id": "idi", "namn": f"I{i}"} for i in range(20)],
        utvarderingar=[{"tillfalle_id": "stor", "betyg": b} for b in (4, 4, 3, 3, 2, 1)]
        + [{"tillfalle_id": "liten", "betyg": b} for b in (4, 1, 1)],
        idi=[{"tillfalle_id": "idi", "stil": s} for s in styles]))


def test_anonymity_threshold_in_the_grade_and_idi_charts(tmp_path):
    context, charts = annual(2009, small_course_register(tmp_path))
    from pk_report.report.chart_build import _grades

    grades = _grades(2009, context.grades)  # one row: not drawn (MIN_ROWS), still made right
    assert "betyg_per_kurs" not in charts
    assert grades.data["categories"] == ["Stor kurs"]  # 'Liten kurs' has three forms
    assert "Liten kurs" not in grades.alt
    assert "En kurs med färre än 5 utvärderingar visas inte." in grades.alt
    assert context.grades.left_out == 1
    idi = charts["idi:idi"]
    assert idi.data["cells"]["Relator"] == "färre än 5"
    shown = [v for v in idi.data["cells"].values() if v != "färre än 5"]
    assert shown == ["6", "6"]  # one 6 hidden as well: 2 alone could be worked out
    md = runner.invoke(app, ["build", "2009", "--data", str(small_course_register(tmp_path / "x"))]).stdout
    # issue 19 point 9: the folded styles in one row; one 6 is folded only to protect the 2
    assert "| Övriga typer | redovisas inte |" in md and "| Relator |" not in md
    assert "med färre än fem utvärderingar visas inte" in nb(md)


def test_period_charts_show_the_key_figures_and_say_missing():
    context, charts = period(2007, 2010)
    assert set(charts) == {"deltagare_per_ar", "nojdhet_per_ar", "kostnad_per_ar"}
    rows = {r.key: r.values for r in context.key_figures if r.key}
    people = charts["deltagare_per_ar"].data
    assert people["years"] == [2007, 2008, 2009, 2010] and people["missing"] == [2007]
    assert people["series"] == [("Deltagare", rows["deltagare"]),
                                ("Deltaganden", rows["deltaganden"])]
    assert rows["deltagare"][0] is None  # the missing year is no bar, not a zero
    lines = charts["nojdhet_per_ar"].data["series"]
    assert lines == [("Svarsfrekvens", rows["svarsfrekvens"]),
                     ("Mycket nöjda", rows["mycket_nojda"])]
    cost = charts["kostnad_per_ar"].data
    costs = {r.label: r.values for r in context.costs}
    assert cost["totals"] == costs["Totalt"] == \
        next(r.values for r in context.key_figures if r.label == "Total kostnad (kr)")
    for alt in (c.alt for c in charts.values()):
        assert "2007 saknas i registret." in alt


# Point 5: Swedish, accessible, the same numbers as the text

def test_alt_texts_state_the_figures_the_text_states():
    context, charts = period(2008, 2010)
    people = nb(charts["deltagare_per_ar"].alt)
    assert "2008 299 deltagare och 299 deltaganden, 2009 582 deltagare och 596 deltaganden " \
           "och 2010 296 deltagare och 577 deltaganden" in people
    # 2010 adds bases of attendances and persons: no year rate (reader's finding 3)
    assert "Svarsfrekvens: 2008 77 %, 2009 75 % och 2010 –." in nb(charts["nojdhet_per_ar"].alt)
    assert "2009 731 322 kronor, varav kurserna 585 800 och gemensamt 145 522" in \
        nb(charts["kostnad_per_ar"].alt)
    context, charts = annual(2010)  # 2009 beside it (the sample's 2008 is too thin to draw)
    boards = nb(charts["deltagare_per_organisation"].alt)
    for row in context.participation:
        before = f"{row.previous:,}"  # every group keeps its figure (reader's finding 1)
        assert f"{row.label[0].upper() + row.label[1:]} {row.participants:,} ({before})" \
            .replace(",", " ") in boards
    context, charts = annual(2009)
    cost = nb(charts["kostnad_per_deltagare"].alt)
    assert "Vidareutbildning i modellen ledning och styrning 2 388 kronor" in cost
    # each row adds up to 100 by the largest remainder (issue 19 point 6)
    assert "Vidareutbildning i modellen ledning och styrning (57 utvärderingar): Underkänt 2 %, " \
           "Godkänt 9 %, Mer än godkänt 35 %, Utmärkt 54 %" in nb(charts["betyg_per_kurs"].alt)


def test_every_chart_in_the_markdown_has_a_table_with_its_figures(tmp_path):
    out = tmp_path / "rapport.md"
    assert runner.invoke(app, ["build", "2010", "-o", str(out)]).exit_code == 0
    md = nb(out.read_text(encoding="utf-8"))
    assert "| Politiker från stadsdelsnämnder | 269 | 135 |" in md
    assert "| Den kommunala organisationen | 95 | 0 % | 11 % | 47 % | 42 % |" in md
    assert "| Producer | 10 |" in md
    period_out = tmp_path / "period.md"
    assert runner.invoke(app, ["build", "2008-2010", "-o", str(period_out)]).exit_code == 0
    pmd = nb(period_out.read_text(encoding="utf-8"))
    assert "| Deltaganden | 299 | 596 | 577 |" in pmd and "| Totalt | 389 930 | 731 322 | 696 850 |" in pmd


def test_swedish_numbers_palette_and_size():
    assert ch._number(731322) == "731\u00a0322" and ch._percent(25) == "25\u00a0%"

    def luminance(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    # the two series are far apart in grey as well as in hue (Okabe–Ito blue and orange)
    assert luminance(ch.LIGHT) / luminance(ch.DARK) > 2.5
    assert ch._STYLE["font.family"] == "DejaVu Sans"
    # text at least the body size of reference.docx, and the chart never scaled down to fit
    from docx import Document

    from pk_report.bundled import reference_docx

    normal = Document(str(reference_docx())).styles["Normal"].font.size
    assert ch.FONT_SIZE >= (normal.pt if normal else 11)
    a4_text_width = (21.0 - 2 * 2.5) / 2.54
    assert ch.WIDTH <= a4_text_width


def test_charts_are_drawn_at_print_size_with_the_body_text_size():
    from PIL import Image

    _, charts = annual(2010)
    for chart in charts.values():
        png = chart.png()
        image = Image.open(io.BytesIO(png))
        assert round(image.info["dpi"][0]) == ch.DPI
        assert image.size[0] / ch.DPI <= ch.WIDTH + 0.01
        assert b"Software" not in png and b"matplotlib" not in png


# Point 6: embedded in Word and HTML, beside a Markdown file, never on stdout, --utan-diagram

def test_docx_embeds_every_chart_with_its_alt_text(tmp_path):
    out = tmp_path / "rapport.docx"
    assert runner.invoke(app, ["build", "2010", "-o", str(out)]).exit_code == 0
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    _, charts = annual(2010)
    assert len(media) == len(charts)
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    for chart in charts.values():
        assert any(d.startswith(chart.alt[:60].replace("&", "&amp;")) for d in descriptions)
        assert chart.caption in xml
    out = tmp_path / "period.docx"
    assert runner.invoke(app, ["build", "2007-2010", "-o", str(out)]).exit_code == 0
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 3
    _, charts = period(2007, 2010)
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    for chart in charts.values():
        # the caption as written: its year span kept on one line (report/nobreak.py)
        assert any(d.startswith(chart.alt[:60]) for d in descriptions) and \
            nobreak_text(chart.caption) in xml


def test_html_embeds_the_charts(tmp_path):
    out = tmp_path / "period.html"
    assert runner.invoke(app, ["build", "2008-2010", "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 3
    assert all('src="data:image/png;base64,' in i and 'alt="' in i for i in images)
    assert "Linjediagram per år. Svarsfrekvens" in html


def test_markdown_file_gets_a_folder_beside_it_stdout_none(tmp_path):
    out = tmp_path / "rapport.md"
    assert runner.invoke(app, ["build", "2010", "-o", str(out)]).exit_code == 0
    md = out.read_text(encoding="utf-8")
    folder = tmp_path / "rapport_diagram"
    _, charts = annual(2010)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{c.name}.png" for c in charts.values())
    for chart in charts.values():
        line = next(line for line in md.splitlines() if f"rapport_diagram/{chart.name}.png" in line)
        assert line.startswith(f"![{chart.caption}](rapport_diagram/{chart.name}.png){{alt=\"")
        assert (folder / f"{chart.name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    stdout = runner.invoke(app, ["build", "2010"]).stdout
    assert "![" not in stdout and "diagram" not in stdout
    spaced = runner.invoke(app, ["build", "2010", "-o", str(tmp_path / "min rapport.md")])
    assert spaced.exit_code == 0 and (tmp_path / "min rapport_diagram").is_dir()
    assert "](min%20rapport_diagram/betyg_per_kurs.png)" in \
        (tmp_path / "min rapport.md").read_text(encoding="utf-8")
    nowhere = runner.invoke(app, ["build", "2010", "-o", str(tmp_path / "saknas" / "r.md")])
    assert nowhere.exit_code == 1 and f"Mappen {tmp_path / 'saknas'} finns inte" in \
        " ".join(nowhere.output.split())
    period_md = tmp_path / "period.md"
    assert runner.invoke(app, ["build", "2007-2010", "-o", str(period_md)]).exit_code == 0
    for text in (md, period_md.read_text(encoding="utf-8")):
        lines = text.splitlines()
        shown = [i for i, line in enumerate(lines) if line.startswith("![")]
        assert len(shown) >= 3
        for i in shown:  # alone in its paragraph: a figure with its caption
            assert lines[i - 1] == "" and lines[i + 1:i + 2] in ([], [""]), lines[i - 1:i + 2]


def test_utan_diagram_leaves_them_out_everywhere(tmp_path):
    md, docx, html = tmp_path / "r.md", tmp_path / "r.docx", tmp_path / "r.html"
    for out in (md, docx, html):
        result = runner.invoke(app, ["build", "2010", "--utan-diagram", "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert "![" not in md.read_text(encoding="utf-8") and not (tmp_path / "r_diagram").exists()
    with zipfile.ZipFile(docx) as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    assert "<img" not in html.read_text(encoding="utf-8")
    # the tables with the charts' figures stay
    assert "| Producer | 10 |" in md.read_text(encoding="utf-8")


# Point 7: the same data, the same bytes; the golden hashes

def chart_hashes() -> dict[str, str]:
    out = {}
    for label, (_, charts) in (("2009", annual(2009)), ("2010", annual(2010)),
                               ("2008-2010", period(2008, 2010))):
        for chart in charts.values():
            out[f"{label}/{chart.name}.png"] = hashlib.sha256(chart.png()).hexdigest()
    return out


def test_the_same_data_gives_the_same_chart_bytes():
    _, first = period(2008, 2010)
    _, again = period(2008, 2010)
    for name in first:
        assert first[name].png() == again[name].png()
    expected = dict(line.split("  ")[::-1] for line in
                    (GOLDEN / "diagram_sha256.txt").read_text(encoding="utf-8").splitlines())
    assert chart_hashes() == expected, "charts changed: run python tools/update_golden.py"


# Point 8: stats and Markdown to stdout never import matplotlib

@pytest.mark.parametrize("argv", [["stats", "2008-2010", "--per", "ar", "-f", "json"],
                                  ["stats", "2009"], ["build", "2010"], ["build", "2008-2010"]])
def test_stats_and_markdown_to_stdout_import_no_matplotlib(argv):
    code = ("import sys\nfrom pk_report.cli import app\nsys.argv = ['pk-report', *%r]\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "print('MATPLOTLIB', 'matplotlib' in sys.modules, file=sys.stderr)" % (argv,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "MATPLOTLIB False" in out.stderr, out.stderr[-500:]


def test_a_net_credit_is_drawn_beside_not_stacked(tmp_path):
    from period_register import register

    folder = register(tmp_path, kostnader=[{"ar": 2008, "kurs_id": "a", "belopp": "1000"},
                                           {"ar": 2008, "kurs_id": "", "belopp": "-1500"},
                                           {"ar": 2010, "kurs_id": "c", "belopp": "-200"}])
    context, charts = period(2008, 2010, folder)
    cost = charts["kostnad_per_ar"]
    assert cost.kind == "year_bars" and cost.alt.startswith("Stapeldiagram per år")
    assert "2008 -500 kronor, varav kurserna 1 000 och gemensamt -1 500" in nb(cost.alt)
    assert cost.png()[:4] == b"\x89PNG"
    from pk_report.report.chart_build import _cost_per_participant

    context, _ = annual(2010, folder)  # one course: too few rows to be drawn in the report
    chart = _cost_per_participant(2010, [s for s in context.sections if s.cost is not None
                                         and s.cost_per_person is not None])
    assert chart.data["series"][0][1] == [-20]
    assert chart.png()[:4] == b"\x89PNG"
