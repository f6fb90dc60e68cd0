"""Issue 20 point 3: a year span, "§ 126", "23 juni 2009" and "731 322 kronor" never break
across lines, wherever on the line they fall (checked in the PDF's text lines, and in the tree
every format is written from)."""

from __future__ import annotations

import io

from pk_report.report import pandoc
from pk_report.report.convert import DocumentInfo, convert
from pk_report.report.nobreak import NBSP, WJ, keep_together, text
from pk_report.report.tree import stringify

PHRASES = ("§ 126", "23 juni 2009", "731 322 kronor", "2008–2010")


def _lines(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(line.replace(WJ, "").replace(NBSP, " ").split())
            for page in PdfReader(io.BytesIO(pdf)).pages
            for line in page.extract_text().splitlines()]


def test_phrases_never_break_at_any_place_on_the_line():
    # each phrase after 0 to 59 letters of lead-in: somewhere it meets the line's end
    paragraphs = [f"{'x' * n} {'ord ' * 12}{phrase} slut." for phrase in PHRASES
                  for n in range(0, 60, 3)]
    markdown = "# Titel\n\n" + "\n\n".join(p.replace("731 322", "731\u00a0322")
                                           for p in paragraphs) + "\n"
    lines = _lines(convert(markdown, "pdf", DocumentInfo("Titel")))
    for phrase in PHRASES:
        whole = sum(phrase in line for line in lines)
        assert whole == 20, (phrase, whole)


def test_the_period_title_keeps_its_year_span_on_one_line():
    title = ("Rapport från styrgruppen för politikerutbildning avseende genomförda "
             "utbildningsinsatser 2008–2010")
    for n in range(28, 44, 2):  # the span meets the end of the title's first line here
        info = DocumentInfo(f"{'x' * n} ab {title}"[:n + 4] + " 2008–2010")
        lines = _lines(convert("# T\n\nText.\n", "pdf", info))
        assert any("2008–2010" in line for line in lines), lines[:4]
    lines = _lines(convert("# T\n\nText.\n", "pdf", DocumentInfo(title)))
    assert any(line.endswith("2008–2010") for line in lines)


def test_the_tree_joins_the_phrases_and_nothing_else():
    tree = keep_together(pandoc.read_markdown(
        "Enligt § 126 den 23 juni 2009 kostade det 731\u00a0322 kronor 2008–2010, "
        "varav 12 % och 5 kurser, minst 582 deltagare och Minst 40.\n"))
    said = stringify(tree["blocks"])
    for joined in ("§\u00a0126", "23\u00a0juni\u00a02009", "731\u00a0322\u00a0kronor",
                   f"2008{WJ}–{WJ}2010", "12\u00a0%", "minst\u00a0582", "Minst\u00a040"):
        assert joined in said, joined
    assert "5 kurser" in said and "Enligt §" in said
    assert text("2008–2010") == f"2008{WJ}–{WJ}2010" and text("2009") == "2009"
