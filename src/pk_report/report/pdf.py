"""The PDF: pandoc's Typst writer, then the Typst compiler of the ``typst`` package (PDF/UA-1).

No LaTeX, Word or LibreOffice: ``pip install .`` brings pandoc (pypandoc-binary) and Typst
(a wheel with the compiler inside). The page, fonts and title block are in
``templates/rapport.typ`` (pandoc's template syntax; the clerk's own in ``--mallar`` wins), which
gets the title block's texts as Typst strings (``$pk-title$`` …).

pandoc's Typst writer drops an image's alt text, and PDF/UA needs it: each image becomes
``image("bild-N.png", alt: "…")`` here. Only the build's own images are written beside the
Typst source (as ``bild-N.ext``, whatever their names); Typst reads nothing outside that
folder, and compiles with its embedded fonts (plus font files in the clerk's template folder),
so the same data gives the same bytes on every machine.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pk_report.errors import OutputError
from pk_report.report import pandoc
from pk_report.report.tree import nodes, stringify, walk

FIXED_TIMESTAMP = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # as reproducible.py
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
# A table as pandoc's Typst writer opens it (data text never matches: its "#" is escaped).
_TABLE = re.compile(r"(?<!\\)align\(center\)\[#table\(\n(\s*)columns: [^\n]*\n")


def _bundled_fonts(root: Path) -> Path:
    """The report's typeface (``typeface.font_files``) copied into ``root/fonts``."""
    import shutil

    from pk_report.report.typeface import font_files

    folder = root / "fonts"
    folder.mkdir()
    for path in font_files():
        shutil.copyfile(path, folder / path.name)
    return folder


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + " ".join(escaped.split()) + '"'


def image_names(images: Mapping[str, bytes]) -> dict[str, str]:
    """Each image's file name beside the Typst source: bild-1.png, bild-2.png, …"""
    return {path: f"bild-{i}{_suffix(data)}" for i, (path, data) in enumerate(images.items(), 1)}


def _suffix(data: bytes) -> str:
    return ".jpg" if data.startswith(b"\xff\xd8") else ".png"


def images_with_alt(tree: dict) -> dict:
    """Every image as Typst code with its alt text (the writer would drop it)."""

    def visit(node: dict) -> list[dict] | None:
        if node["t"] != "Image":
            return None
        attr, alt, (src, _title) = node["c"]
        width = dict(attr[2]).get("width", "")
        args = [typst_string(src), f"alt: {typst_string(stringify(alt))}"]
        if width.endswith("%"):
            args.append(f"width: {width}")
        return [{"t": "RawInline", "c": ["typst", f"#box(image({', '.join(args)}))"]}]

    tree["blocks"] = walk(tree["blocks"], visit)
    return tree


def typst_columns(tree: dict) -> list[str]:
    """Each table's Typst ``columns``, in document order, from the widths ``tree.fit_tables``
    set: Typst measures the content itself, so a table that fits is as wide as its content
    (every column ``auto``), and a wider one fills the line, its text columns sharing what the
    figure columns (``auto``, never wrapped) leave (``1fr``)."""
    out = []
    for node in nodes(tree["blocks"]):
        if node["t"] != "Table":
            continue
        specs = node["c"][2]
        widths = [spec[1].get("c", 0) for spec in specs]
        fits = sum(widths) < 0.999
        out.append("(" + ", ".join(
            "auto" if fits or spec[0]["t"] == "AlignRight" else "1fr" for spec in specs) + ",)")
    return out


def with_columns(source: str, columns: list[str]) -> str:
    """The Typst source with each table's ``columns`` replaced, tables set to the left."""
    found = iter(columns)

    def replace(m: re.Match) -> str:
        return f"align(left)[#table(\n{m[1]}columns: {next(found, '(auto,)')},\n"

    return _TABLE.sub(replace, source)


def make_pdf(tree: dict, variables: Mapping[str, str], template: Path,
             images: Mapping[str, bytes], names: Mapping[str, str],
             font_folder: Path | None = None) -> bytes:
    """``tree`` (sanitized, image sources already ``names``' values) as a PDF/UA-1 document."""
    try:
        import typst
    except ImportError as exc:
        raise OutputError("PDF kräver paketet typst, som inte är installerat. Installera "
                          "pk-report på nytt (pip install .) och försök igen.") from exc

    columns = typst_columns(tree)
    tree = images_with_alt(tree)
    args = ["--standalone", "--template", str(template), "--wrap=none"]
    for key, value in variables.items():
        args += ["--variable", f"{key}={typst_string(value)}"]
    source = with_columns(pandoc.write(tree, "typst", args).decode("utf-8"), columns)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for path, data in images.items():
            (root / names[path]).write_bytes(data)
        (root / "rapport.typ").write_text(source, encoding="utf-8")
        fonts = [str(font_folder)] if font_folder and any(
            p.suffix.lower() in FONT_SUFFIXES for p in font_folder.iterdir()) else []
        fonts.append(str(_bundled_fonts(root)))
        try:
            return typst.compile(str(root / "rapport.typ"), root=str(root), font_paths=fonts,
                                 ignore_system_fonts=True, pdf_standards=["ua-1"],
                                 timestamp=FIXED_TIMESTAMP)
        except typst.TypstError as exc:
            detail = " ".join(str(exc.message).split())
            raise OutputError(f"PDF-filen kunde inte skapas: {detail}. Rätta mallen rapport.typ "
                              "i din mallmapp, eller ta bort den så används standardmallen."
                              ) from exc
