"""Step 5: the report's format from the output path, and Markdown to DOCX or HTML through pandoc."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from pk_report.bundled import reference_docx
from pk_report.errors import OutputError, UsageError
from pk_report.textsafe import xml_text

FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html"}


def format_for(output: Path | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    if output is None:
        return "md"
    if output.is_dir():
        raise OutputError(f"{output} är en mapp. Ange ett filnamn, t.ex. {output / 'rapport.docx'}.")
    found = FORMATS.get(output.suffix.lower())
    if found is None:
        raise UsageError(f"Känner inte igen filändelsen ”{output.suffix}”. Använd .md, .docx "
                         "eller .html, eller ange --format.")
    return found


def convert(markdown: str, fmt: str, title: str, own_templates: Path | None = None,
            images: Mapping[str, bytes] | None = None) -> bytes:
    """Markdown → DOCX or HTML bytes through pandoc (pypandoc-binary).

    ``images`` maps a relative path, as the Markdown names it, to the image's bytes (the
    build's charts); they are written into the conversion's own folder, the only place pandoc
    looks for images.
    """
    import pypandoc

    reference = reference_docx()
    if own_templates is not None and (own_templates / "reference.docx").is_file():
        reference = own_templates / "reference.docx"
    args = ["--standalone", "--metadata", f"title={title}", "--metadata", "lang=sv-SE",
            "--shift-heading-level-by=-1"]
    text = xml_text(_drop_first_heading(markdown))
    with tempfile.TemporaryDirectory() as tmp:
        for relative, data in (images or {}).items():
            path = Path(tmp, "bilder", *PurePosixPath(relative).parts)
            if ".." in PurePosixPath(relative).parts or PurePosixPath(relative).is_absolute():
                raise ValueError(f"an image path must be relative: {relative!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        args += [f"--resource-path={Path(tmp, 'bilder')}"]
        target = Path(tmp) / f"rapport.{fmt}"
        if fmt == "docx":
            args += ["--reference-doc", str(reference)]
        else:
            args += ["--embed-resources"]
        try:
            pypandoc.convert_text(text, fmt if fmt == "docx" else "html5", format="markdown",
                                  outputfile=str(target), extra_args=args)
        except (RuntimeError, OSError) as exc:
            raise OutputError(f"Pandoc kunde inte skapa {fmt}-filen ({exc}). Kontrollera att "
                              "pypandoc-binary är installerat.") from exc
        return target.read_bytes()


def _drop_first_heading(markdown: str) -> str:
    """The title goes into the document's metadata (Word's Title style), not as a heading."""
    lines = markdown.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines) + "\n"
