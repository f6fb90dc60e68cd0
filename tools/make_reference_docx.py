"""Writes templates/reference.docx: the Word styles pandoc uses for the report.

Starts from pandoc's own reference document and sets Swedish language (sv-SE), a sober
body font, heading sizes and the table style, so the clerk can restyle everything in Word
(Formatmallar) and save the file back as their own reference.docx.

Run:  python tools/make_reference_docx.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypandoc
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parents[1] / "templates" / "reference.docx"


def set_language(style, lang: str = "sv-SE") -> None:
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")
    rpr.append(el)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.docx"
        pypandoc.convert_text("x", "docx", format="markdown", outputfile=str(base))
        doc = Document(str(base))
    body = doc.styles["Normal"]
    body.font.name = "Calibri"
    body.font.size = Pt(11)
    for style in doc.styles:
        try:
            set_language(style)
        except (AttributeError, ValueError):
            continue
    for name, size in [("Title", 20), ("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)]:
        if name in [s.name for s in doc.styles]:
            st = doc.styles[name]
            st.font.name = "Calibri"
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    for p in list(doc.paragraphs):
        p._element.getparent().remove(p._element)
    doc.core_properties.language = "sv-SE"
    doc.core_properties.title = "Rapport från styrgruppen för politikerutbildning"
    doc.save(str(OUT))
    print(f"Wrote {OUT}")


if __name__ == "__main__":
    main()
