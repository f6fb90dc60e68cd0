"""Reading the finished documents in tests: DOCX parts, PDF structure and text, HTML.

Also the register "with every kind of table": the sample plus many courses (so the cost table
runs over a page), a course counted by head count only (the "uppgift saknas" row), common
costs, the previous year's column, the clerk's own headings and lists, and kommun, datum and
diarienummer in installningar.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

from helpers import read_sample, write_csv_folder

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
KOMMUN, DATUM, DNR = "Exempelby kommun", "2010-03-15", "KS 2010/123"
LONG_NAME = "Förtroendevald/a i nämnder och styrelser – fördjupning om ekonomistyrning {i}"


def png(width: int = 240, height: int = 120, rgb: tuple[int, int, int] = (31, 58, 95)) -> bytes:
    """A small, valid PNG (one colour), made here so no test reads a file it did not write."""
    row = b"\x00" + bytes(rgb) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def _append(tables: dict, name: str, **row: object) -> None:
    header = tables[name][0]
    tables[name].append([str(row.get(c, "")) for c in header])


def every_table_register(folder: Path, courses: int = 36) -> Path:
    tables = {name: [list(r) for r in rows] for name, rows in read_sample().items()}
    tables["installningar"] = [["nyckel", "varde"], ["kommun", KOMMUN], ["datum", DATUM],
                               ["diarienummer", DNR], ["avrundning", "nedat"]]
    for i in range(1, courses + 1):
        kid = f"extra{i}"
        _append(tables, "kurser", ar=2009, kurs_id=kid, namn=LONG_NAME.format(i=i),
                malgrupp="ledamöter i nämnder", i_plan="nej")
        _append(tables, "tillfallen", tillfalle_id=f"{kid}-1", kurs_id=kid, datum="2009-10-01",
                omfattning="kväll", antal_deltagare=10 + i)
        _append(tables, "kostnader", ar=2009, kurs_id=kid, post="Föreläsare", belopp=1000 * i)
        # as many in 2008, so that 2008 is not thin and keeps its column (issue 19 point 5)
        _append(tables, "kurser", ar=2008, kurs_id=kid, namn=LONG_NAME.format(i=i),
                malgrupp="ledamöter i nämnder", i_plan="nej")
        _append(tables, "tillfallen", tillfalle_id=f"{kid}-0", kurs_id=kid, datum="2008-10-01",
                omfattning="kväll", antal_deltagare=10 + i)
    _append(tables, "texter", ar=2009, avsnitt="avslutning",
            text="#### Styrgruppens slutsatser\n\nStyrgruppen vill:\n\n- fortsätta\n- följa upp")
    return write_csv_folder(folder, tables)


def table_lines(markdown: str) -> list[tuple[str, list[str]]]:
    """Each pipe table of the report's Markdown: (its header row, its body rows), every row
    as the words a reader meets on one line ("Deltagare (personer) 2009 2008")."""
    tables, current = [], None
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [c.strip().replace("\\", "") for c in line.strip("|").split("|")]
            text = " ".join(" ".join(cells).replace("\u00a0", " ").split())
            if current is None:
                current = (text, [])
                tables.append(current)
            elif not set(line) <= set("|:- "):
                current[1].append(text)
        else:
            current = None
    return tables


# --- DOCX ------------------------------------------------------------------------------------

def docx_part(data: bytes, name: str) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ET.fromstring(z.read(name))


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def relationship_target(data: bytes, rel_id: str) -> str:
    rels = docx_part(data, "word/_rels/document.xml.rels")
    return next(r.get("Target") for r in rels if r.get("Id") == rel_id)


def paragraph_text(p: ET.Element) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def style_of(p: ET.Element) -> str:
    s = p.find(f"{W}pPr/{W}pStyle")
    return "" if s is None else s.get(W + "val")


# --- PDF -------------------------------------------------------------------------------------

def pdf_text(data: bytes) -> str:
    """The PDF's text as a reader gets it: soft hyphens at line ends joined, spaces collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub("\u00ad\\s*", "", text)
    return " ".join(text.replace("\u00a0", " ").split())


def structure(data: bytes) -> list[tuple[str, object]]:
    """(structure type, alt text) of every element of the PDF's structure tree, in order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    out: list[tuple[str, object]] = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            out.append((str(node["/S"]), node.get("/Alt")))
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return out
