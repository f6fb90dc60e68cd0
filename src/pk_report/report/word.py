"""The Word document: pandoc's DOCX writer with ``reference.docx``, then what pandoc cannot do.

pandoc takes styles, page size, margins and the footer from ``reference.docx`` and writes
the repeating header row (``w:tblHeader``) and the column widths it is given (``tree.fit_tables``).
This module then finishes the package's XML (zipfile + ElementTree, no python-docx):

- every table row ``w:cantSplit`` (a row is never split across pages), and a short table
  (``SHORT_TABLE`` rows or fewer) kept on one page (``w:keepNext`` on all but its last row);
- ``w:keepNext`` on the paragraph before a table or a list and on a table's header row, so a
  heading and its lead-in stay with the table or list that follows;
- the core properties: title, language sv-SE, author (the steering group and municipality),
  nothing about whoever ran the tool; ``docProps/app.xml`` without the reference's statistics;
- fixed zip order and dates (``reproducible.fixed_zip``): the same data, the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

from pk_report.report.docx_external import clean_package
from pk_report.reproducible import fixed_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
# The children of w:pPr and w:trPr must come in the schema's order (Word refuses others).
_PPR_BEFORE_KEEPNEXT = {"pStyle"}
_TRPR_BEFORE_CANTSPLIT = {"cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter"}
_TRPR_BEFORE_HEADER = _TRPR_BEFORE_CANTSPLIT | {"cantSplit", "trHeight"}
SHORT_TABLE = 15  # rows: a table this short is kept on one page; a longer one may split


def _namespaces(xml: bytes) -> None:
    """Keep the package's own prefixes when ElementTree writes the part back."""
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(xml), events=("start-ns",)):
        if prefix and not prefix.startswith("ns"):
            ET.register_namespace(prefix, uri)


def _local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _child(parent: ET.Element, name: str, before: set[str], first: bool = False) -> ET.Element:
    """``parent``'s child ``w:name``, inserted after the children whose names are in
    ``before`` when missing."""
    found = parent.find(_W + name)
    if found is not None:
        return found
    el = ET.Element(_W + name)
    index = 0
    for i, child in enumerate(list(parent)):
        if _local(child) in before:
            index = i + 1
    parent.insert(0 if first else index, el)
    return el


def _ppr(p: ET.Element) -> ET.Element:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        ppr = ET.Element(_W + "pPr")
        p.insert(0, ppr)
    return ppr


def _keep_next(p: ET.Element) -> None:
    _child(_ppr(p), "keepNext", _PPR_BEFORE_KEEPNEXT)


def _is_list_item(p: ET.Element) -> bool:
    ppr = p.find(_W + "pPr")
    return ppr is not None and ppr.find(_W + "numPr") is not None


def finish_document(xml: bytes) -> bytes:
    """Rows that do not split, header rows that repeat, headings and lead-ins kept with the
    table or list after them."""
    _namespaces(xml)
    root = ET.fromstring(xml)
    body = root.find(_W + "body")
    previous: ET.Element | None = None
    for el in list(body):
        name = _local(el)
        if name == "tbl":
            if previous is not None and _local(previous) == "p":
                _keep_next(previous)
            rows = el.findall(_W + "tr")
            for i, tr in enumerate(rows):
                if len(rows) <= SHORT_TABLE and i < len(rows) - 1:  # a short table: one page
                    for p in tr.iter(_W + "p"):
                        _keep_next(p)
                trpr = tr.find(_W + "trPr")
                if trpr is None:
                    trpr = ET.Element(_W + "trPr")
                    tr.insert(1 if tr.find(_W + "tblPrEx") is not None else 0, trpr)
                _child(trpr, "cantSplit", _TRPR_BEFORE_CANTSPLIT)
                if i == 0:
                    _child(trpr, "tblHeader", _TRPR_BEFORE_HEADER)
                    for p in tr.iter(_W + "p"):
                        _keep_next(p)
        elif name == "p" and _is_list_item(el) and previous is not None \
                and _local(previous) == "p" and not _is_list_item(previous):
            _keep_next(previous)
        if name in ("p", "tbl"):
            previous = el
    finish_captions(body)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


_SEQ = {"Figure": "Figur", "Table": "Tabell"}


def finish_captions(body: ET.Element) -> None:
    """pandoc's numbered captions ("Figur SEQ Figure: text") as a Swedish Word writes them:
    ``SEQ Figur`` and ``SEQ Tabell`` (the labels of Swedish Word's list of figures) and
    "Figur 1. text"."""
    for p in body.iter(_W + "p"):
        fields = p.findall(_W + "fldSimple")
        if len(fields) != 1:
            continue
        field = fields[0]
        instr = field.get(_W + "instr", "")
        for english, swedish in _SEQ.items():
            if instr.startswith(f"SEQ {english} "):
                field.set(_W + "instr", instr.replace(f"SEQ {english} ", f"SEQ {swedish} ", 1))
                break
        else:
            continue
        after = list(p)[list(p).index(field) + 1:]
        for run in (el for el in after if _local(el) == "r"):
            t = run.find(_W + "t")
            if t is not None and t.text and t.text.startswith(":"):
                t.text = "." + t.text[1:]
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            break


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def finish_core(xml: bytes, author: str) -> bytes:
    """Author is the steering group; no one's name, no keywords left empty by the writer."""
    text = xml.decode("utf-8")
    creator = f"<dc:creator>{_xml_escape(author)}</dc:creator>"
    text = re.sub(r"<dc:creator\s*/>|<dc:creator>.*?</dc:creator>", lambda _: creator, text,
                  flags=re.S)  # a function: a backslash in the data is never an escape
    if "<dc:creator" not in text:
        text = text.replace("</cp:coreProperties>", creator + "</cp:coreProperties>")
    text = re.sub(r"<cp:lastModifiedBy>.*?</cp:lastModifiedBy>|<cp:lastModifiedBy\s*/>", "",
                  text, flags=re.S)
    if "<dc:language>" not in text:
        text = text.replace("</cp:coreProperties>", "<dc:language>sv-SE</dc:language>"
                                                    "</cp:coreProperties>")
    return text.encode("utf-8")


def app_properties(company: str) -> bytes:
    """docProps/app.xml of our own: the reference's word counts and editing time are not ours."""
    company_xml = f"<Company>{_xml_escape(company)}</Company>" if company else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes"><Application>pk-report</Application>{company_xml}'
            '<DocSecurity>0</DocSecurity></Properties>').encode("utf-8")


def finish_docx(data: bytes, author: str, company: str) -> bytes:
    """pandoc's DOCX, finished (see the module's doc) and made reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        parts = clean_package({name: source.read(name) for name in source.namelist()})
        for name, body in parts.items():  # nothing external: see docx_external
            if name == "word/document.xml":
                body = finish_document(body)
            elif name == "docProps/core.xml":
                body = finish_core(body, author)
            elif name == "docProps/app.xml":
                body = app_properties(company)
            target.writestr(name, body)
    return fixed_zip(out.getvalue())
