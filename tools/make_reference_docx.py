"""Writes templates/reference.docx: the Word styles and page pandoc uses for the report.

Starts from pandoc's own reference document and sets what a Swedish municipal document has:
A4 portrait, 2.5 cm margins, a footer "Sida X av Y" (Word's PAGE and NUMPAGES fields),
Swedish language (sv-SE) in every style, a sober body font, heading sizes, and a visible table
style ("Table": thin rules, a shaded bold header row). The clerk restyles everything in Word
(Formatmallar, Sidlayout, Sidfot) and saves the file back as their own reference.docx.

Run:  python tools/make_reference_docx.py
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from docx import Document  # noqa: E402  (python-docx, a test dependency)
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Mm, Pt, RGBColor  # noqa: E402

from pk_report.report.pandoc import pandoc_binary  # noqa: E402
from pk_report.reproducible import fixed_zip  # noqa: E402

OUT = ROOT / "templates" / "reference.docx"
LANG = "sv-SE"
BODY_FONT = "DejaVu Sans"  # the one typeface of every format (docs/beslut.md), named directly
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
RULE = "7F7F7F"
HEADER_FILL = "DCE3EC"


def set_language(style, lang: str = LANG) -> None:
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")
    rpr.append(el)


def element(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def add_field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (Word and LibreOffice both update PAGE and NUMPAGES when they lay out)."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = element("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "result":
            run.text = text
        else:
            run._r.append(element("w:fldChar", fldCharType=kind))


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)
    footer = section.footer
    footer.is_linked_to_previous = False
    if "Footer" not in {s.name for s in doc.styles}:
        footer_style = doc.styles.add_style("Footer", WD_STYLE_TYPE.PARAGRAPH)
        footer_style.base_style = doc.styles["Normal"]
        footer_style.element.attrib.pop(qn("w:customStyle"), None)  # Word's own "footer"
    # the first page has the title block and no running header; its footer is the same
    section.different_first_page_header_footer = True
    for each in (footer, section.first_page_footer):
        p = each.paragraphs[0]
        p.style = doc.styles["Footer"]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("Sida ")
        add_field(p, "PAGE", "1")
        p.add_run(" av ")
        add_field(p, "NUMPAGES", "1")
    # from page 2 a slim running header: the document's title (Word's TITLE field)
    header = section.header
    header.is_linked_to_previous = False
    if "Header" not in {s.name for s in doc.styles}:
        header_style = doc.styles.add_style("Header", WD_STYLE_TYPE.PARAGRAPH)
        header_style.base_style = doc.styles["Normal"]
        header_style.element.attrib.pop(qn("w:customStyle"), None)
    h = header.paragraphs[0]
    h.style = doc.styles["Header"]
    add_field(h, "TITLE", "Rapport från styrgruppen för politikerutbildning")
    doc.styles["Header"].font.size = Pt(8)
    doc.styles["Header"].font.color.rgb = RGBColor(0x4D, 0x4D, 0x4D)
    border = element("w:pBdr")
    border.append(element("w:bottom", val="single", sz="4", space="3", color=RULE))
    doc.styles["Header"].element.get_or_add_pPr().append(border)


def table_style(doc) -> None:
    """The "Table" style pandoc gives every table: rules between rows, a marked header row."""
    style = doc.styles["Table"]
    el = style.element
    for old in el.findall(qn("w:tblPr")) + el.findall(qn("w:tblStylePr")):
        el.remove(old)
    tbl_pr = element("w:tblPr")
    borders = element("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        borders.append(element(f"w:{side}", val="single", sz="4", space="0", color=RULE))
    tbl_pr.append(borders)
    margins = element("w:tblCellMar")
    for side, width in (("top", "40"), ("left", "108"), ("bottom", "40"), ("right", "108")):
        margins.append(element(f"w:{side}", w=width, type="dxa"))
    tbl_pr.append(margins)
    el.append(tbl_pr)
    first = element("w:tblStylePr", type="firstRow")
    r_pr = element("w:rPr")
    r_pr.append(element("w:b"))
    first.append(r_pr)
    tc_pr = element("w:tcPr")
    tc_borders = element("w:tcBorders")
    tc_borders.append(element("w:bottom", val="single", sz="8", space="0", color="404040"))
    tc_pr.append(tc_borders)
    tc_pr.append(element("w:shd", val="clear", color="auto", fill=HEADER_FILL))
    tc_pr.append(element("w:vAlign", val="bottom"))
    first.append(tc_pr)
    el.append(first)


def paragraph_styles(doc) -> None:
    names = {s.name for s in doc.styles}
    body = doc.styles["Normal"]
    body.font.name = BODY_FONT
    body.font.size = Pt(10)
    for name, size in [("Title", 20), ("Subtitle", 14), ("Heading 1", 16), ("Heading 2", 13),
                       ("Heading 3", 12), ("Heading 4", 11)]:
        if name in names:
            st = doc.styles[name]
            st.font.name = BODY_FONT
            st.font.size = Pt(size)
            st.font.bold = name != "Subtitle"
            st.font.italic = False
            st.font.color.rgb = ACCENT
            if name == "Title":
                st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if name.startswith("Heading"):
                st.paragraph_format.keep_with_next = True
    for name in ("Subtitle", "Date", "Author"):
        if name in names:
            doc.styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if "Date" in names:  # the title block's "Datum: …" and "Diarienummer: …" lines
        date = doc.styles["Date"]
        date.font.name = BODY_FONT
        date.font.size = Pt(10)
        date.font.bold = False
        date.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        date.paragraph_format.space_after = Pt(18)
    for name in ("Captioned Figure", "Figure"):  # an image: air above, kept with its caption
        if name in names:
            doc.styles[name].paragraph_format.space_before = Pt(12)
            doc.styles[name].paragraph_format.keep_with_next = True
    if "Image Caption" in names:
        doc.styles["Image Caption"].paragraph_format.space_after = Pt(12)
    if "Footer" in names:
        doc.styles["Footer"].font.size = Pt(9)
    for style in doc.styles:
        try:
            set_language(style)
        except (AttributeError, ValueError):
            continue


def one_typeface(doc) -> None:
    """Every style and the document defaults name BODY_FONT for every script, never a theme
    font (Word would show the theme's Aptos, LibreOffice something else); paragraphs ragged
    right."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if rpr.find(qn("w:rFonts")) is None:
        rpr.insert(0, element("w:rFonts"))
    for fonts in root.iter(qn("w:rFonts")):
        for key in list(fonts.attrib):
            del fonts.attrib[key]
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{script}"), BODY_FONT)
    for jc in root.iter(qn("w:jc")):
        if jc.get(qn("w:val")) in ("both", "distribute"):
            jc.set(qn("w:val"), "left")


def caption_styles(doc) -> None:
    """Captions in the body's typeface, not italic: "Tabell N." above its table, "Figur N."
    under its chart."""
    names = {s.name for s in doc.styles}
    for name in ("Table Caption", "Image Caption", "Caption"):
        if name in names:
            st = doc.styles[name]
            st.font.italic = False
            st.font.size = Pt(10)
            st.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    if "Table Caption" in names:
        st = doc.styles["Table Caption"]
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.space_before = Pt(10)
        st.paragraph_format.space_after = Pt(4)


def settings(doc) -> None:
    el = doc.settings.element
    for lang in el.findall(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANG)
    for rsids in el.findall(qn("w:rsids")):
        el.remove(rsids)


def main() -> None:
    base = subprocess.run([pandoc_binary(), "--print-default-data-file", "reference.docx"],
                          capture_output=True, check=True).stdout
    doc = Document(io.BytesIO(base))
    page_setup(doc)
    paragraph_styles(doc)
    table_style(doc)
    caption_styles(doc)
    one_typeface(doc)
    settings(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    core = doc.core_properties
    core.author = core.last_modified_by = core.comments = core.keywords = ""
    core.title = "Rapport från styrgruppen för politikerutbildning"
    core.language = LANG
    core.revision = 1
    out = io.BytesIO()
    doc.save(out)
    OUT.write_bytes(fixed_zip(out.getvalue()))
    print(f"Wrote {OUT}")


if __name__ == "__main__":
    main()
