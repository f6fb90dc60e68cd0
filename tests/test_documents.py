"""Issue 13: a finished, accessible document in Word, PDF/UA and HTML.

Each format is checked on the bundled sample and on a register with every kind of table
(``docs_helpers.every_table_register``), and with a chart image handed to the converter.
"""

from __future__ import annotations

import getpass
import io
import re
import zipfile

import pytest
from typer.testing import CliRunner

from docs_helpers import (DNR, KOMMUN, LONG_NAME, R, W, docx_part, docx_parts, every_table_register,
                          paragraph_text, pdf_text, png, relationship_target, structure,
                          style_of, table_lines)
from pk_report.cli import app
from pk_report.report.build import report_bytes
from pk_report.report.convert import DocumentInfo, convert

FORMATS = ("docx", "html", "pdf")
CHART_MD = ("# Titel\n\nInledning.\n\n## Deltagandet\n\n"
            "![Deltagare per år](diagram/deltagare.png){alt=\"Stapeldiagram: 596 deltagare 2009, "
            "278 deltagare 2008\"}\n\nText efter diagrammet.\n")
CHART_ALT = "Stapeldiagram: 596 deltagare 2009, 278 deltagare 2008"


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    return every_table_register(tmp_path_factory.mktemp("register") / "data")


@pytest.fixture(scope="module")
def documents(register):
    """{(source, format): bytes} for the sample and the every-table register."""
    out = {}
    for source, data in (("sample", None), ("register", register)):
        for fmt in FORMATS:
            out[source, fmt] = report_bytes(2009, data, fmt, None, False)
    return out


@pytest.fixture(scope="module")
def charts():
    info = DocumentInfo("Titel", KOMMUN)
    return {fmt: convert(CHART_MD, fmt, info, None, {"diagram/deltagare.png": png()})
            for fmt in FORMATS}


SOURCES = ("sample", "register")


# --- Word ------------------------------------------------------------------------------------

def _tables(doc):
    return list(doc.iter(W + "tbl"))


@pytest.mark.parametrize("source", SOURCES)
def test_docx_is_a4_with_margins_and_a_page_footer(documents, source):
    data = documents[source, "docx"]
    doc = docx_part(data, "word/document.xml")
    sect = doc.find(f"{W}body/{W}sectPr")
    size, margins = sect.find(W + "pgSz"), sect.find(W + "pgMar")
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")  # A4 portrait
    assert all(int(margins.get(W + side)) >= 1134 for side in ("top", "bottom", "left", "right"))
    ref = sect.find(W + "footerReference")
    assert ref is not None
    footer = docx_part(data, "word/" + relationship_target(data, ref.get(R + "id")))
    text = " ".join(paragraph_text(p) for p in footer.iter(W + "p"))
    fields = " ".join(t.text for t in footer.iter(W + "instrText"))
    assert "Sida" in text and " av " in text
    assert "PAGE" in fields.split() and "NUMPAGES" in fields.split()


def test_docx_title_block_has_kommun_datum_and_diarienummer(documents):
    doc = docx_part(documents["register", "docx"], "word/document.xml")
    paragraphs = list(doc.iter(W + "p"))
    assert style_of(paragraphs[0]) == "Title"
    block = [paragraph_text(p) for p in paragraphs[:4]]
    assert KOMMUN in block[1]
    assert "Datum: 15 mars 2010" in " ".join(block) and f"Diarienummer: {DNR}" in " ".join(block)
    # the municipality is in the title block once, not again as body text
    assert sum(KOMMUN == paragraph_text(p).strip() for p in paragraphs) == 1


def test_docx_without_settings_has_no_empty_title_lines(documents):
    doc = docx_part(documents["sample", "docx"], "word/document.xml")
    styles = [style_of(p) for p in list(doc.iter(W + "p"))[:3]]
    assert styles[0] == "Title" and "Date" not in styles and "Subtitle" not in styles


@pytest.mark.parametrize("source", SOURCES)
def test_docx_tables_fit_their_content(documents, source):
    doc = docx_part(documents[source, "docx"], "word/document.xml")
    tables = _tables(doc)
    assert len(tables) >= 2
    for tbl in tables:
        widths = [int(c.get(W + "w")) for c in tbl.iter(W + "gridCol")]
        assert widths[0] == max(widths) and (len(widths) > 4 or widths[0] > 2 * min(widths))
        rows = tbl.findall(W + "tr")
        for row in rows:
            cells = row.findall(W + "tc")
            figures = [paragraph_text(c) for c in cells[1:]]
            for cell, text in zip(cells[1:], figures):
                if re.fullmatch(r"[\d\u00a0 ]+", text):
                    assert cell.find(f"{W}p/{W}pPr/{W}jc").get(W + "val") in ("right", "end")


def test_figure_columns_are_never_narrower_than_their_figures():
    from pk_report.report.table_widths import CELL_EM, LINE_EM, column_widths, text_em

    header = [["Kurs", "Utvärderingar", "Underkänt", "Godkänt", "Mer än godkänt", "Utmärkt"]]
    body = [[LONG_NAME.format(i=i), "1 187", "1 %", "8 %", "38 %", "52 %"] for i in range(3)]
    numeric = [False] + [True] * 5
    widths = column_widths(header, body, numeric)
    assert abs(sum(widths) - 1) < 1e-9 and widths[0] == max(widths)
    for i in range(1, 6):
        words = [w for row in header for w in row[i].split()]
        need = max([text_em(w, bold=True) for w in words] + [text_em(r[i]) for r in body])
        assert widths[i] * LINE_EM >= need + CELL_EM - 1e-9
    narrow = column_widths([["Deltagare från", "2009", "2008"]], [["Facknämnder", "147", "36"]],
                           [False, True, True])
    assert sum(narrow) < 0.6  # a small table is as narrow as its content


@pytest.mark.parametrize("source", SOURCES)
def test_docx_table_rows_repeat_header_and_never_split(documents, source):
    doc = docx_part(documents[source, "docx"], "word/document.xml")
    body = list(doc.find(W + "body"))
    for tbl in _tables(doc):
        rows = tbl.findall(W + "tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        before = body[body.index(tbl) - 1]
        assert before.find(f"{W}pPr/{W}keepNext") is not None  # the lead-in stays with it
        order = [child.tag.split("}")[1] for child in rows[0].find(W + "trPr")]
        assert order.index("cantSplit") < order.index("tblHeader")  # the schema's order


def test_docx_heading_is_kept_with_the_list_after_it(documents):
    doc = docx_part(documents["sample", "docx"], "word/document.xml")
    body = [el for el in doc.find(W + "body") if el.tag == W + "p"]
    for before, p in zip(body, body[1:]):
        if p.find(f"{W}pPr/{W}numPr") is not None and before.find(f"{W}pPr/{W}numPr") is None:
            assert before.find(f"{W}pPr/{W}keepNext") is not None, paragraph_text(before)


def test_docx_table_style_is_visible_with_a_marked_header_row():
    from pk_report.bundled import reference_docx

    styles = docx_part(reference_docx().read_bytes(), "word/styles.xml")
    table = next(s for s in styles.iter(W + "style") if s.get(W + "styleId") == "Table")
    assert table.find(f"{W}tblPr/{W}tblBorders") is not None
    first = next(p for p in table.iter(W + "tblStylePr") if p.get(W + "type") == "firstRow")
    assert first.find(f"{W}rPr/{W}b") is not None and first.find(f"{W}tcPr/{W}shd") is not None


@pytest.mark.parametrize("source", SOURCES)
def test_docx_properties_title_language_author_and_nobody_personal(documents, source):
    parts = docx_parts(documents[source, "docx"])
    core = parts["docProps/core.xml"].decode()
    assert "<dc:title>Rapport från styrgruppen för politikerutbildning avseende genomförda " \
           "utbildningsinsatser 2009</dc:title>" in core
    assert "<dc:language>sv-SE</dc:language>" in core
    author = "Styrgruppen för politikerutbildning" + (f", {KOMMUN}" if source == "register" else "")
    assert f"<dc:creator>{author}</dc:creator>" in core
    assert "lastModifiedBy" not in core
    user = getpass.getuser()
    everything = b"".join(parts.values()).decode("utf-8", "replace")
    assert len(user) < 4 or user not in everything
    assert "Microsoft Word 12" not in parts["docProps/app.xml"].decode()


@pytest.mark.parametrize("source", SOURCES)
def test_docx_headings_in_order_and_language_swedish(documents, source):
    data = documents[source, "docx"]
    doc = docx_part(data, "word/document.xml")
    levels = [int(style_of(p)[len("Heading"):]) for p in doc.iter(W + "p")
              if style_of(p).startswith("Heading")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    styles = docx_part(data, "word/styles.xml")
    normal = next(s for s in styles.iter(W + "style") if s.get(W + "styleId") == "Normal")
    assert normal.find(f"{W}rPr/{W}lang").get(W + "val") == "sv-SE"


def test_docx_image_is_embedded_with_its_alt_text(charts):
    parts = docx_parts(charts["docx"])
    assert any(n.startswith("word/media/") for n in parts)
    doc = docx_part(charts["docx"], "word/document.xml")
    described = [el.get("descr") for el in doc.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert described == [CHART_ALT]


# --- PDF -------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
def test_pdf_is_tagged_pdf_ua_with_language_and_title(documents, source):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents[source, "pdf"]))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv-SE"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith("Rapport från styrgruppen för politikerutbildning")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part>1<|pdfuaid:part=\"1\"", xmp)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    kinds = [kind for kind, _ in structure(documents[source, "pdf"])]
    assert "/Table" in kinds and "/TH" in kinds and "/H1" in kinds


def test_pdf_text_has_the_figures_and_page_numbers(documents):
    text = pdf_text(documents["sample", "pdf"])
    for fact in ("731 322 kronor", "65 procent", "78 procent", "74 procent", "fem sammanträden",
                 "Genusutbildning – KS-ledamöter", "”Utmärkt”", "Sida 1 av"):
        assert fact in text, fact
    # a table row on one line: the name column is wide enough, the figures never wrap
    from pypdf import PdfReader

    lines = [" ".join(line.replace("\u00a0", " ").split()) for page in
             PdfReader(io.BytesIO(documents["sample", "pdf"])).pages
             for line in page.extract_text().splitlines()]
    tables = table_lines(report_bytes(2009, None, "md", None, False).decode("utf-8"))
    participation, costs = tables[0], tables[-1]
    assert participation[0] in lines and participation[1][0] in lines
    # "Vidareutbildning i modellen ledning och styrning 125 298 450 2 388": in DejaVu Sans the
    # name column may wrap (it takes what the figures leave), the figures never do
    name_words = len("Vidareutbildning i modellen ledning och styrning".split())
    figures = " ".join(costs[1][0].split()[name_words:])
    assert any(line.endswith(figures) and costs[1][0].startswith(line[:-len(figures)].strip())
               for line in lines), figures


def test_pdf_title_block_and_long_tables(documents):
    from pypdf import PdfReader

    data = documents["register", "pdf"]
    text = pdf_text(data)
    assert KOMMUN in text and "Datum: 15 mars 2010" in text and f"Diarienummer: {DNR}" in text
    assert "Styrgruppens slutsatser" in text
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert f"Sida {pages} av {pages}" in text
    assert text.count("Kostnad (kr)") >= 2  # the header row repeats on the next page


def test_pdf_image_has_its_alt_text(charts):
    figures = [alt for kind, alt in structure(charts["pdf"]) if kind == "/Figure"]
    assert figures == [CHART_ALT]


def test_pdf_fonts_are_embedded_and_cover_swedish(documents):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents["sample", "pdf"]))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
                else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names and all(n.startswith("DejaVuSans") for n in names), names  # one family


def test_word_styles_name_the_one_typeface_never_the_theme(documents):
    styles = docx_part(documents["sample", "docx"], "word/styles.xml")
    fonts = list(styles.iter(W + "rFonts"))
    assert fonts
    for el in fonts:
        assert not any(key.endswith("Theme") for key in el.attrib), el.attrib
        assert {el.get(W + s) for s in ("ascii", "hAnsi", "cs", "eastAsia")} == {"DejaVu Sans"}
    assert not any(jc.get(W + "val") == "both" for jc in styles.iter(W + "jc"))  # ragged right


def test_pdf_renders_no_break_and_thin_spaces_in_the_bundled_font():
    import warnings

    info = DocumentInfo("Å ä ö")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = convert("Åsa Öberg: 731\u00a0322 kronor, 12\u2009%.\n", "pdf", info)
    text = pdf_text(data)
    assert "Åsa Öberg" in text and "731 322" in text
    assert "\u2009" in __import__("pypdf").PdfReader(io.BytesIO(data)).pages[0].extract_text()


# --- HTML ------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
def test_html_is_one_accessible_self_contained_file(documents, source):
    html = documents[source, "html"].decode("utf-8")
    assert re.search(r'<html[^>]* lang="sv(-SE)?"', html)
    assert "<title>Rapport från styrgruppen" in html
    ths = re.findall(r"<th\b[^>]*>", html)
    assert ths and all('scope="col"' in th for th in ths)
    assert not re.search(r'<(link|script)\b[^>]*(href|src)=', html)  # nothing beside it
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@media print" in html and re.search(r"@page\s*\{[^}]*size:\s*A4", html)
    assert 'name="viewport"' in html and "@media (max-width" in html


@pytest.mark.parametrize("source", SOURCES)
def test_html_headings_start_at_the_title_and_skip_no_level(documents, source):
    html = documents[source, "html"].decode("utf-8")
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and levels.count(1) == 1 and levels[1] == 2
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_html_title_block(documents):
    html = documents["register", "html"].decode("utf-8")
    assert f'<p class="subtitle">{KOMMUN}</p>' in html
    assert "Datum: 15 mars 2010" in html and f"Diarienummer: {DNR}" in html


def test_html_image_is_embedded_with_its_alt_text(charts):
    html = charts["html"].decode("utf-8")
    images = re.findall(r"<img\b[^>]*>", html, flags=re.S)
    assert len(images) == 1
    assert 'src="data:image/png;base64,' in images[0] and f'alt="{CHART_ALT}"' in images[0]


# --- the same data, the same bytes -----------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_data_gives_the_same_bytes(fmt, monkeypatch, register):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    first = report_bytes(2009, register, fmt, None, False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert report_bytes(2009, register, fmt, None, False) == first
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(first)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- the command line ------------------------------------------------------------------------

def test_pdf_from_the_command_line(tmp_path):
    out = tmp_path / "rapport.pdf"
    result = CliRunner().invoke(app, ["build", "2009", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    piped = CliRunner().invoke(app, ["build", "2009", "--format", "pdf"])
    assert piped.exit_code == 0 and piped.stdout_bytes == out.read_bytes()


# --- the clerk restyles in one place per format ----------------------------------------------

def test_own_templates_restyle_word_pdf_and_html(tmp_path):
    from pypdf import PdfReader

    runner = CliRunner()
    mallar = tmp_path / "mallar"
    assert runner.invoke(app, ["mall", "--mallar", str(mallar)]).exit_code == 0
    for name in ("reference.docx", "rapport.typ", "rapport.css"):
        assert (mallar / name).is_file(), name
    typ = mallar / "rapport.typ"
    typ.write_text(typ.read_text(encoding="utf-8").replace('paper: "a4"', 'paper: "a5"'),
                   encoding="utf-8")
    css = mallar / "rapport.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: #c0ffee; }\n", encoding="utf-8")
    for fmt in FORMATS:
        out = tmp_path / f"rapport.{fmt}"
        result = runner.invoke(app, ["build", "2009", "--mallar", str(mallar), "-o", str(out)])
        assert result.exit_code == 0, result.output
    page = PdfReader(tmp_path / "rapport.pdf").pages[0]
    assert round(float(page.mediabox.width)) == 420  # A5
    assert "#c0ffee" in (tmp_path / "rapport.html").read_text(encoding="utf-8")


def test_own_reference_docx_sets_the_page(tmp_path):
    from docx import Document
    from docx.shared import Mm

    runner = CliRunner()
    mallar = tmp_path / "mallar"
    assert runner.invoke(app, ["mall", "--mallar", str(mallar)]).exit_code == 0
    reference = Document(str(mallar / "reference.docx"))
    reference.sections[0].page_width, reference.sections[0].page_height = Mm(148), Mm(210)
    reference.save(str(mallar / "reference.docx"))
    out = tmp_path / "rapport.docx"
    assert runner.invoke(app, ["build", "2009", "--mallar", str(mallar), "-o", str(out)]).exit_code == 0
    assert abs(Document(str(out)).sections[0].page_width - Mm(148)) < Mm(1)


def test_a_broken_pdf_template_names_the_file(tmp_path):
    mallar = tmp_path / "mallar"
    mallar.mkdir()
    (mallar / "rapport.typ").write_text("#set page(paper: \"a4\"\n$body$\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "2009", "--mallar", str(mallar),
                                      "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 1
    assert "rapport.typ" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "r.pdf").exists()


def test_datum_setting_is_a_date_or_an_error_in_its_cell(tmp_path):
    import datetime as dt

    from openpyxl import load_workbook

    from helpers import minimal_tables, write_csv_folder, write_workbook
    from pk_report.pipeline import inspect

    rows = [{"nyckel": "datum", "varde": "15/3 2010"}, {"nyckel": "diarienummer", "varde": DNR}]
    bad = inspect(write_csv_folder(tmp_path / "bad", minimal_tables(installningar=rows)))
    problem = next(p for p in bad.errors if p.table == "installningar")
    assert problem.column == "varde" and "ÅÅÅÅ-MM-DD" in problem.message
    book = write_workbook(tmp_path / "r.xlsx", minimal_tables(installningar=rows))
    wb = load_workbook(book)
    wb["installningar"]["B2"] = dt.datetime(2010, 3, 15)
    wb.save(book)
    loaded = inspect(book)
    assert not loaded.errors
    assert loaded.dataset.settings.datum == dt.date(2010, 3, 15)
    assert loaded.dataset.settings.diarienummer == DNR


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"  # not the bundled family


@pytest.mark.skipif(not __import__("os").path.exists(DEJAVU), reason="needs a font file to copy")
def test_a_font_file_in_the_template_folder_sets_the_pdf_typeface(tmp_path):
    import shutil

    from pypdf import PdfReader

    mallar = tmp_path / "mallar"
    assert CliRunner().invoke(app, ["mall", "--mallar", str(mallar)]).exit_code == 0
    shutil.copy(DEJAVU, mallar)
    typ = mallar / "rapport.typ"
    typ.write_text(typ.read_text(encoding="utf-8").replace(
        '#let typsnitt = "DejaVu Sans"', '#let typsnitt = "DejaVu Serif"'),
        encoding="utf-8")
    out = tmp_path / "r.pdf"
    assert CliRunner().invoke(app, ["build", "2009", "--mallar", str(mallar), "-o", str(out)]
                              ).exit_code == 0
    fonts = {str(f.get_object()["/BaseFont"]) for f in
             PdfReader(out).pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVuSerif" in f for f in fonts), fonts


# --- issue 20: captions, short tables, the title block's gaps ---------------------------------

def test_captions_are_numbered_in_every_format(documents):
    """'Tabell N.' above a table and 'Figur N.' under a chart: Word through SEQ fields, HTML in
    <caption> and <figcaption>, the PDF through Typst's numbering; never a double space."""
    doc = docx_part(documents["sample", "docx"], "word/document.xml")
    body = list(doc.find(W + "body"))
    fields = [f.get(W + "instr").split()[:2] for f in doc.iter(W + "fldSimple")]
    assert ["SEQ", "Tabell"] in fields and ["SEQ", "Figur"] in fields
    for i, el in enumerate(body):
        if el.tag == W + "tbl" and i and style_of(body[i - 1]) == "TableCaption":
            assert paragraph_text(body[i - 1]).startswith("Tabell")
    captions = [paragraph_text(p) for p in body if p.tag == W + "p"
                and style_of(p) in ("TableCaption", "ImageCaption")]
    assert captions and all(re.match(r"(Tabell|Figur)\u00a0\d+\. \S", c) for c in captions), \
        captions
    html = documents["sample", "html"].decode("utf-8")
    assert re.search(r"<caption>Tabell\u00a01\. Deltagare per slag", html)
    assert re.search(r"<figcaption>Figur\u00a01\. \S", html)
    from pypdf import PdfReader

    raw = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(documents["sample", "pdf"])).pages)
    assert "Tabell\u00a01. Deltagare per slag" in raw and "Figur\u00a01. " in raw
    assert not re.search(r"(Tabell|Figur)\u00a0\d+[.:] {2}", raw)


def test_a_short_table_stays_on_one_page_in_word(documents):
    from pk_report.report.word import SHORT_TABLE

    doc = docx_part(documents["register", "docx"], "word/document.xml")
    short = [t for t in _tables(doc) if len(t.findall(W + "tr")) <= SHORT_TABLE]
    long = [t for t in _tables(doc) if len(t.findall(W + "tr")) > SHORT_TABLE]
    assert short and long
    for tbl in short:
        rows = tbl.findall(W + "tr")
        for row in rows[:-1]:
            assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(W + "p"))
    for tbl in long:  # a long table may split after its header
        assert any(p.find(f"{W}pPr/{W}keepNext") is None
                   for row in tbl.findall(W + "tr")[1:-1] for p in row.iter(W + "p"))


def test_build_says_what_the_title_block_lacks(tmp_path, register):
    result = CliRunner().invoke(app, ["build", "2009", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0
    assert "Titelblocket saknar ”kommun”, ”datum” och ”diarienummer”" in result.output
    full = CliRunner().invoke(app, ["build", "2009", "--data", str(register),
                                    "-o", str(tmp_path / "s.html")])
    assert full.exit_code == 0 and "Titelblocket" not in full.output
