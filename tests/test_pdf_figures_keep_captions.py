"""A chart and its caption ("Figur N. …") stand on the same PDF page (issue 20 point 6): the
stylesheet once made every figure breakable, and the sample's first chart left its caption
alone at the top of the next page."""

import re

from pypdf import PdfReader

from pk_report.report.build import report_bytes


def _images(page) -> int:
    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")


def test_every_chart_shares_its_page_with_its_caption(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(report_bytes(2009, None, "pdf", None, True))
    pages = PdfReader(path).pages
    per_page = [(_images(p), len(re.findall(r"Figur\s\d+\.", p.extract_text()))) for p in pages]
    assert sum(images for images, _ in per_page) >= 3  # the sample draws three charts
    assert all(images == captions for images, captions in per_page), per_page
