"""The web page: one self-contained HTML file (styles inline, images as data: URIs).

pandoc's HTML writer gives ``lang``, ``<title>`` and ``alt``; the stylesheet is
``templates/rapport.css`` (the clerk's own in ``--mallar`` wins), put inline so the page needs
nothing beside it. Header cells get ``scope="col"``, which pandoc does not write.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from pk_report.report import pandoc

_TH = re.compile(r"<th(?=[\s>])(?![^>]*\sscope=)")


def header_scope(html: str) -> str:
    """``<th>`` → ``<th scope="col">``: pandoc's Markdown tables have header rows only."""
    return _TH.sub('<th scope="col"', html)


def make_html(tree: dict, css: Path, author: str) -> bytes:
    style = css.read_text(encoding="utf-8").replace("</", "<\\/")
    with tempfile.TemporaryDirectory() as tmp:
        header = Path(tmp) / "style.html"
        header.write_text(f"<style>\n{style}\n</style>\n", encoding="utf-8")
        html = pandoc.write(tree, "html5", ["--standalone", "--include-in-header", str(header),
                                            "--metadata", "document-css=false",
                                            "--variable", f"author-meta={_attr(author)}"])
    return header_scope(html.decode("utf-8")).encode("utf-8")


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
