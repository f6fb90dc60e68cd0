"""The web page: one self-contained HTML file (styles inline, images as data: URIs).

pandoc's HTML writer gives ``lang``, ``<title>`` and ``alt``; the stylesheet is
``templates/rapport.css`` (the clerk's own in ``--mallar`` wins), put inline so the page needs
nothing beside it. Header cells get ``scope="col"``, which pandoc does not write, and the
sections are ``<h2>`` under the title's ``<h1>``. The report's text is the page's ``<main>``;
a long report gets a table of contents; each table scrolls sideways inside its own region,
which the keyboard reaches and a screen reader names (WCAG 1.4.10), so the page itself is never
wider than a phone.
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
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
_FIRST_HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_TAG = re.compile(r"<[^>]+>")
TOC_FROM = 5  # sections (h2) from which the page opens with a table of contents


def header_scope(html: str) -> str:
    """``<th>`` → ``<th scope="col">``: pandoc's Markdown tables have header rows only."""
    return _TH.sub('<th scope="col"', html)


def scrolling_tables(html: str) -> str:
    """Each table inside ``<div class="tabell" role="region" tabindex="0" aria-label="…">``:
    named by its caption, else by its first header cell ("Tabell 3: Kurs")."""
    count = 0

    def wrap(m: re.Match) -> str:
        nonlocal count
        count += 1
        table = m[0]
        found = _CAPTION.search(table) or _FIRST_HEADER.search(table)
        text = " ".join(_TAG.sub("", found[1]).split()) if found else ""
        name = text if _CAPTION.search(table) else f"Tabell {count}" + (f": {text}" if text else "")
        return (f'<div class="tabell" role="region" tabindex="0" aria-label="{_attr_text(name)}">'
                f"{table}</div>")

    return _TABLE.sub(wrap, html)


def _attr_text(html_text: str) -> str:
    """Text already escaped for HTML content, made safe inside a double-quoted attribute."""
    return html_text.replace('"', "&quot;")


def main_landmark(html: str) -> str:
    """The report's text (after the title block and the table of contents) in ``<main>``."""
    body_start = html.index("<body>") + len("<body>")
    start = body_start
    for marker in ("</header>", "</nav>"):
        at = html.find(marker, start)
        if at != -1:
            start = at + len(marker)
    end = html.rindex("</body>")
    return html[:start] + "\n<main>" + html[start:end] + "</main>\n" + html[end:]


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
    sections = sum(1 for b in tree["blocks"] if b["t"] == "Header" and b["c"][0] == 2)
    toc = ["--toc", "--toc-depth=2", "--variable", "toc-title=Innehåll"] \
        if sections >= TOC_FROM else []
    with tempfile.TemporaryDirectory() as tmp:
        header = Path(tmp) / "style.html"
        header.write_text(f"{CSP}\n<style>\n{style}\n</style>\n", encoding="utf-8")
        html = pandoc.write(tree, "html5", ["--standalone", "--wrap=none",
                                            "--include-in-header", str(header),
                                            "--metadata", "document-css=false",
                                            "--variable", f"author-meta={_attr(author)}", *toc])
    html = main_landmark(scrolling_tables(header_scope(html.decode("utf-8"))))
    return html.encode("utf-8")


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))
