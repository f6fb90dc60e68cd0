"""Data text (course names, organisation names: any cell that is not a Markdown field) never
becomes Markdown structure in any format (attack-findings 9). In the report a course name
begins a list item's line, where a block start matters: no list from '1986. Kurs' or
'+ Plus', no superscript from 'x^2^', no entity from '&amp;', no div, footnote or subscript."""

from __future__ import annotations

import re

import pytest

from docs_helpers import docx_part, pdf_text
from helpers import read_sample, write_csv_folder
from pk_report.report.build import report_bytes
from pk_report.textsafe import md_inline

NAMES = ["1986. Kurs", "+ Plus", "Ledarskap x^2^ och H~2~O", "R&amp;D ::: och [^1]",
         "b) Budget", "> citat", "(iv) romersk"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tables = {name: [list(r) for r in rows] for name, rows in read_sample().items()}
    kurser = tables["kurser"]
    col = kurser[0].index("namn")
    for row, name in zip([r for r in kurser[1:] if r[0] == "2009"], NAMES):
        row[col] = name
    return write_csv_folder(tmp_path_factory.mktemp("d") / "data", tables)


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_course_names_are_text_in_every_format(data, fmt):
    out = report_bytes(2009, data, fmt, None, False, charts=False)
    if fmt == "md":
        import html as html_module

        import pypandoc

        html = pypandoc.convert_text(out.decode("utf-8"), "html", format="markdown")
        assert "<ol" not in html and "<sup>" not in html and "<sub>" not in html
        assert "<blockquote>" not in html and "footnote" not in html
        text = _plain(html_module.unescape(re.sub(r"<[^>]+>", "", html)))
    elif fmt == "html":
        import html as html_module

        page = out.decode("utf-8")
        body = page[page.find("<body"):]
        assert 'start="1986"' not in body and "<sup>" not in body and "<sub>" not in body
        assert "<blockquote>" not in body and "footnote" not in body
        text = _plain(html_module.unescape(re.sub(r"<[^>]+>", "", body)))
    elif fmt == "docx":
        document = docx_part(out, "word/document.xml")
        assert not list(document.iter(W + "vertAlign"))  # no super- or subscript
        text = _plain(" ".join(t.text or "" for t in document.iter(W + "t")))
    else:
        text = pdf_text(out)
    for name in NAMES:
        assert name in text, (name, fmt)


@pytest.mark.parametrize("text, escaped", [
    ("1986. Kurs", r"1986\. Kurs"), ("+ Plus", r"\+ Plus"), ("x^2^", r"x\^2\^"),
    ("R&amp;D", r"R\&amp;D"), ("::: div", r"\::: div"), ("b) Budget", r"b\) Budget"),
    ("(1) ett", r"(1\) ett"), ("= rubrik", r"\= rubrik"), ("2009", "2009"),
    ("Vanlig kurs 3. del", "Vanlig kurs 3. del"), ("Budget $100$", r"Budget \$100\$"),
])
def test_md_inline_escapes_what_would_start_a_block_or_format(text, escaped):
    assert md_inline(text) == escaped
