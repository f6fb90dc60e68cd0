"""Step 5: the report's format from the output path, and Markdown to DOCX, HTML or PDF.

One path for every format: pandoc reads the Markdown into its document tree (sandboxed,
raw extensions off), ``tree`` makes it safe (only the build's own images, no raw output),
moves the title into the metadata and fits the tables' columns; then ``word``, ``web`` or
``pdf`` writes the document. What the clerk restyles lives in the template folder:
``reference.docx`` (Word), ``rapport.css`` (HTML), ``rapport.typ`` (PDF); their own copy in
``--mallar`` wins over the bundled one.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from pk_report.bundled import templates_dir
from pk_report.errors import OutputError, UsageError
from pk_report.textsafe import xml_text

FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html",
           ".pdf": "pdf"}
STEERING_GROUP = "Styrgruppen för politikerutbildning"
_MIME = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


@dataclass(frozen=True)
class DocumentInfo:
    """The title block and document properties: the title, the municipality (``kommun``),
    and ``datum`` (already in words, "15 mars 2010") and ``diarienummer`` from installningar."""

    title: str
    kommun: str = ""
    datum: str = ""
    diarienummer: str = ""

    @property
    def author(self) -> str:
        """The steering group (and its municipality): never whoever ran the tool."""
        return f"{STEERING_GROUP}, {self.kommun}" if self.kommun else STEERING_GROUP

    def detail_lines(self) -> list[str]:
        return ([f"Datum: {self.datum}"] if self.datum else []) + \
            ([f"Diarienummer: {self.diarienummer}"] if self.diarienummer else [])


def format_for(output: Path | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    if output is None:
        return "md"
    if output.is_dir():
        raise OutputError(f"{output} är en mapp. Ange ett filnamn, t.ex. {output / 'rapport.docx'}.")
    found = FORMATS.get(output.suffix.lower())
    if found is None:
        raise UsageError(f"Känner inte igen filändelsen ”{output.suffix}”. Använd .md, .docx, "
                         ".html eller .pdf, eller ange --format.")
    return found


def template_file(name: str, own_templates: Path | None) -> Path:
    """The clerk's own ``name`` in ``--mallar`` if there is one, else the bundled one."""
    if own_templates is not None and (own_templates / name).is_file():
        from pk_report.report.own_templates import check_template

        return check_template(own_templates / name)  # size; reference.docx checked whole
    return templates_dir() / name


def convert(markdown: str, fmt: str, title: str | DocumentInfo,
            own_templates: Path | None = None, images: Mapping[str, bytes] | None = None) -> bytes:
    """The report's Markdown as a DOCX, HTML or PDF document.

    ``images`` maps a relative path, as the Markdown names it (``![Rubrik](diagram/x.png)
    {alt="…"}``), to the image's bytes: only these images are embedded; any other image in the
    Markdown (the clerk's text) becomes its alt text and no file or URL is ever read.
    """
    from pk_report.report import pandoc
    from pk_report.report.tree import fit_tables, sanitize, title_block

    if fmt not in ("docx", "html", "pdf"):
        raise UsageError(f"Okänt format ”{fmt}”. Använd md, docx, html eller pdf.")
    from pk_report.report.nobreak import keep_together, text

    info = title if isinstance(title, DocumentInfo) else DocumentInfo(title)
    info = replace(info, title=text(info.title))  # "2008–2010" never breaks
    images = _checked(images or {})
    tree = pandoc.read_markdown(xml_text(markdown))
    from pk_report.report.captions import numbered, tidy

    from pk_report.report.table_details import set_off

    if fmt == "pdf":
        from pk_report.report.pdf import image_names, make_pdf

        names = image_names(images)
        sources = _sources(names)
    else:
        sources = _sources({path: _data_uri(data) for path, data in images.items()})
    # The clerk's text made safe (and nesting flattened) first; the tool's own passes after.
    tree = sanitize(tree, sources)
    tree = set_off(tidy(keep_together(fit_tables(title_block(tree, info.kommun)))))
    if fmt == "pdf":
        variables = {"pk-title": info.title, "pk-kommun": info.kommun, "pk-datum": info.datum,
                     "pk-diarienummer": info.diarienummer, "pk-author": info.author}
        template = template_file("rapport.typ", own_templates)
        return make_pdf(tree, variables, template, images, names, own_templates,
                        own_template=template != templates_dir() / "rapport.typ")
    tree["meta"] = _metadata(info)
    if fmt == "docx":
        from pk_report.report.word import finish_docx

        reference = template_file("reference.docx", own_templates)
        # SEQ fields: Word's own figure and table numbers (captions.py, word.py)
        data = pandoc.write(tree, "docx+native_numbering", ["--reference-doc", str(reference)])
        return finish_docx(data, info.author, info.kommun)
    from pk_report.report.web import make_html

    return make_html(numbered(tree), template_file("rapport.css", own_templates), info.author)


def _metadata(info: DocumentInfo) -> dict:
    from pk_report.report.tree import meta_inlines, meta_string

    meta = {"title": meta_inlines(info.title), "lang": meta_string("sv-SE")}
    if info.kommun:
        meta["subtitle"] = meta_inlines(info.kommun)
    if info.detail_lines():
        meta["date"] = meta_inlines(*info.detail_lines())
    return meta


def _checked(images: Mapping[str, bytes]) -> dict[str, bytes]:
    """The build's images: relative paths inside the report's folder, PNG or JPEG bytes."""
    out = {}
    for path, data in images.items():
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or "\\" in path or ":" in path:
            raise ValueError(f"an image path must be relative and inside the report: {path!r}")
        if not any(data.startswith(magic) for magic, _ in _MIME):
            raise ValueError(f"not a PNG or JPEG image: {path!r}")
        out[path] = bytes(data)
    return out


def _data_uri(data: bytes) -> str:
    mime = next(m for magic, m in _MIME if data.startswith(magic))
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _sources(by_path: Mapping[str, str]) -> dict[str, str]:
    """The image sources the Markdown may use for each path (as written, or URL-escaped)."""
    out = dict(by_path)
    for path, value in by_path.items():
        out.setdefault(unquote(path), value)
        out.setdefault(path.replace(" ", "%20"), value)
    return out
