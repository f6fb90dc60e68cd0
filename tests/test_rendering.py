"""Issue 13 point 10: the documents as the board sees them, rendered page by page.

The DOCX goes through LibreOffice (``soffice --headless --convert-to pdf``), both PDFs through
``pdftoppm``. These tests need the Debian packages libreoffice-writer (or -nogui) and
poppler-utils and skip cleanly without them; on the development machine they run.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from docs_helpers import every_table_register, table_lines
from pk_report.report.build import report_bytes

SOFFICE, PDFTOPPM = shutil.which("soffice"), shutil.which("pdftoppm")


def lines_of(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(line.replace("\u00a0", " ").split())
            for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()]


def render_pages(pdf, tmp_path, name: str) -> list:
    target = tmp_path / f"{name}.pdf"
    target.write_bytes(pdf)
    subprocess.run([PDFTOPPM, "-r", "40", "-png", str(target), str(tmp_path / name)], check=True,
                   timeout=120)
    return sorted(tmp_path.glob(f"{name}-*.png"))


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    return every_table_register(tmp_path_factory.mktemp("render") / "data")


@pytest.mark.skipif(not (SOFFICE and PDFTOPPM), reason="needs LibreOffice and poppler-utils")
@pytest.mark.parametrize("source", ["sample", "register"])
def test_docx_renders_in_libreoffice_as_a4_with_page_numbers(tmp_path, register, source):
    from pypdf import PdfReader

    docx = tmp_path / "rapport.docx"
    docx.write_bytes(report_bytes(2009, None if source == "sample" else register, "docx", None, False))
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "rapport.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    lines = lines_of(pdf)
    assert f"Sida 1 av {pages}" in lines and f"Sida {pages} av {pages}" in lines
    # figures and header cells are never broken over two lines
    header, rows = table_lines(report_bytes(2009, None, "md", None, False).decode("utf-8"))[0]
    assert header in lines and rows[0] in lines  # "Deltagare (personer) 2009 2008" …
    if source == "register":
        assert sum(line.startswith("Utbildning Deltagare") for line in lines) >= 2  # repeats
        assert not any(line.endswith("Förtroendeval") for line in lines)  # no mid-word break
    assert len(render_pages(pdf, tmp_path, "word")) == pages


@pytest.mark.skipif(not PDFTOPPM, reason="needs poppler-utils")
@pytest.mark.parametrize("source", ["sample", "register"])
def test_pdf_renders_every_page(tmp_path, register, source):
    from pypdf import PdfReader

    pdf = report_bytes(2009, None if source == "sample" else register, "pdf", None, False)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert len(render_pages(pdf, tmp_path, "typst")) == pages
