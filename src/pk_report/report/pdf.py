"""The PDF: pandoc's Typst writer, then the Typst compiler of the ``typst`` package (PDF/UA-1).

No LaTeX, Word or LibreOffice: ``pip install .`` brings pandoc (pypandoc-binary) and Typst
(a wheel with the compiler inside). The page, fonts and title block are in
``templates/rapport.typ`` (pandoc's template syntax; the clerk's own in ``--mallar`` wins), which
gets the title block's texts as Typst strings (``$pk-title$`` …).

pandoc's Typst writer drops an image's alt text, and PDF/UA needs it: each image becomes
``image("bild-N.png", alt: "…")`` here, with a ``width`` only when it is a plain length. The
tables are Typst code written from the tree (``typst_table``), never edited into pandoc's
output. Only the build's own images are written beside the Typst source (as ``bild-N.ext``,
whatever their names); Typst reads nothing outside that folder, loads no package and reaches
no network, and stops after a time limit (``typst_run``). It compiles with its embedded fonts,
font files in the clerk's template folder and two fallback fonts from matplotlib (emoji and
other scripts: a character no font has would make PDF/UA refuse the document), so the same
data gives the same bytes on every machine.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pk_report.errors import OutputError
from pk_report.report import pandoc
from pk_report.report.tree import LENGTH, stringify, walk
from pk_report.report.typst_run import TypstFailed, compile_pdf

FIXED_TIMESTAMP = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # as reproducible.py
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
FALLBACK_FONTS = ("LastResortHE-Regular.ttf",)  # DejaVu Sans itself comes from typeface.py


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
    """``text`` as a Typst string literal, its whitespace runs as single spaces."""
    from pk_report.report.typst_table import string

    return string(" ".join(text.split()))


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
        if LENGTH.fullmatch(width) and not width.endswith("px"):  # never code: a length
            args.append(f"width: {width}")
        return [{"t": "RawInline", "c": ["typst", f"#box(image({', '.join(args)}))"]}]

    tree["blocks"] = walk(tree["blocks"], visit)
    return tree


def tables_as_typst(tree: dict) -> dict:
    """Every table as Typst code written from the tree (``typst_table``), not by pandoc."""
    from pk_report.report.typst_table import typst_table

    def visit(node: dict) -> list[dict] | None:
        if node["t"] != "Table":
            return None
        return [{"t": "RawBlock", "c": ["typst", typst_table(node)]}]

    tree["blocks"] = walk(tree["blocks"], visit)
    return tree


def fallback_fonts(folder: Path) -> Path:
    """``folder`` with the font Typst falls back to for a character that neither the
    template's font nor DejaVu Sans (the report's typeface, which covers Greek, Cyrillic,
    Hebrew, many symbols and emoji) has: Last Resort, a box naming the script (e.g. Chinese),
    from matplotlib, a dependency, so the bytes are the same on every machine."""
    import matplotlib

    source = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    folder.mkdir(exist_ok=True)
    for name in FALLBACK_FONTS:
        if (source / name).is_file():
            (folder / name).write_bytes((source / name).read_bytes())
    return folder


def make_pdf(tree: dict, variables: Mapping[str, str], template: Path,
             images: Mapping[str, bytes], names: Mapping[str, str],
             font_folder: Path | None = None, own_template: bool = False) -> bytes:
    """``tree`` (sanitized, image sources already ``names``' values) as a PDF/UA-1 document.
    ``own_template``: ``template`` is the clerk's own (``--mallar``), so an error may be in it."""
    try:
        import typst  # noqa: F401
    except ImportError as exc:
        raise OutputError("PDF kräver paketet typst, som inte är installerat. Installera "
                          "pk-report på nytt (pip install .) och försök igen.") from exc

    tree = tables_as_typst(images_with_alt(tree))
    tree["meta"] = {}
    args = ["--standalone", "--template", str(template), "--wrap=none"]
    for key, value in variables.items():
        args += ["--variable", f"{key}={typst_string(value)}"]
    source = pandoc.write(tree, "typst", args).decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "rapport"
        root.mkdir()
        for path, data in images.items():
            (root / names[path]).write_bytes(data)
        (root / "rapport.typ").write_text(source, encoding="utf-8")
        fonts = [str(font_folder)] if font_folder and any(
            p.suffix.lower() in FONT_SUFFIXES for p in font_folder.iterdir()) else []
        fonts.append(str(_bundled_fonts(root)))
        fonts.append(str(fallback_fonts(Path(tmp) / "reservtypsnitt")))
        try:
            return compile_pdf(root / "rapport.typ", root, fonts,
                               {"pdf_standards": ["ua-1"], "timestamp": FIXED_TIMESTAMP})
        except TypstFailed as exc:
            raise OutputError(failure_message(exc, source, own_template)) from exc


def failure_message(exc: TypstFailed, source: str, own_template: bool) -> str:
    """What the clerk reads when Typst refuses the document: Typst's words, the text it
    stumbled on, and where to fix it (the template only when the clerk gave one)."""
    detail = " ".join(exc.message.split())
    package = re.search(r"(\w+)/([\w-]+?)[-:](\d+\.\d+\.\d+)", detail)
    if package and "package" in detail:
        return (f"PDF-filen kunde inte skapas: mallen rapport.typ tar in Typst-paketet "
                f"”@{package[1]}/{package[2]}:{package[3]}”, "
                "och pk-report hämtar inga paket (ingen nätåtkomst när PDF-filen skapas). Ta "
                "bort raden med #import ur rapport.typ i din mallmapp, eller ta bort filen så "
                "används standardmallen.")
    quoted = _quoted(exc)
    near = f" (vid ”{quoted}”)" if quoted else ""
    if own_template:
        return (f"PDF-filen kunde inte skapas: {detail}{near}. Rätta mallen rapport.typ i din "
                "mallmapp, eller ta bort den så används standardmallen; eller rätta texten i "
                "registret (bladet texter eller kursernas beskrivning).")
    return (f"PDF-filen kunde inte skapas: {detail}{near}. Felet kommer från rapportens text: "
            "rätta texten i registret (bladet texter eller kursernas beskrivning), eller skapa "
            "rapporten som Word (.docx) eller webbsida (.html).")


def _quoted(exc: TypstFailed) -> str:
    """The text Typst's message quotes (``the text "😀" could not …``), shortened."""
    m = re.search(r'[`"]([^`"]{1,80})[`"]', exc.message)
    return " ".join(m[1].split()) if m else ""
