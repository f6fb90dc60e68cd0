"""The web page: one self-contained HTML file (styles inline, images as data: URIs).

pandoc's HTML writer gives ``lang``, ``<title>`` and ``alt``; the stylesheet is
``templates/rapport.css`` (the clerk's own in ``--mallar`` wins), put inline so the page needs
nothing beside it. Header cells get ``scope="col"``, which pandoc does not write, and the
sections are ``<h2>`` under the title's ``<h1>``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from pk_report.report import pandoc
from pk_report.report.tree import nodes

# A second wall behind tree.sanitize: no script, no plug-in, no form, nothing fetched but the
# page's own inline styles and data: images (the page is one self-contained file).
CSP = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
       'script-src \'none\'; object-src \'none\'; style-src \'unsafe-inline\'; '
       'img-src data:; font-src data:; form-action \'none\'; base-uri \'none\'">')
_TH = re.compile(r"<th(?=[\s>])(?![^>]*\sscope=)")


def header_scope(html: str) -> str:
    """``<th>`` → ``<th scope="col">``: pandoc's Markdown tables have header rows only."""
    return _TH.sub('<th scope="col"', html)


def below_the_title(tree: dict) -> dict:
    """On a web page the title is the one ``<h1>``; the report's sections are ``<h2>`` and
    down, so the page's outline has no second top."""
    for block in nodes(tree["blocks"]):
        if block["t"] == "Header":
            block["c"][0] = min(6, block["c"][0] + 1)
    return tree


def make_html(tree: dict, css: Path, author: str) -> bytes:
    tree = below_the_title(tree)
    style = css.read_text(encoding="utf-8").replace("</", "<\\/")
    with tempfile.TemporaryDirectory() as tmp:
        header = Path(tmp) / "style.html"
        header.write_text(f"{CSP}\n<style>\n{style}\n</style>\n", encoding="utf-8")
        html = pandoc.write(tree, "html5", ["--standalone", "--wrap=none",
                                            "--include-in-header", str(header),
                                            "--metadata", "document-css=false",
                                            "--variable", f"author-meta={_attr(author)}"])
    return header_scope(html.decode("utf-8")).encode("utf-8")


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
