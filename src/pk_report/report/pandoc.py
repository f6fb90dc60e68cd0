"""Running the pandoc that pypandoc-binary ships: Markdown to pandoc's JSON tree and back out.

Every run is sandboxed (``--sandbox``): pandoc reads no file and reaches no network except
what is named on its command line, so nothing in the report's Markdown can make it read
``/etc/passwd`` or fetch ``http://…``. The clerk's Markdown is read without the raw
extensions, so ```` ```{=openxml} ````, ``<script>`` and ``\\input`` are text, not output;
without citations, TeX math and metadata blocks, so ``@kulturhuset``, ``$100$`` and a line of
``---`` are text as in Word and HTML, in every format.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from pk_report.errors import OutputError

# Markdown as the templates write it, minus everything that passes text through unread.
READER = ("markdown-raw_html-raw_attribute-raw_tex-citations-tex_math_dollars"
          "-tex_math_single_backslash-yaml_metadata_block-pandoc_title_block")
TIMEOUT = 120  # seconds; pandoc needs well under one for a report


def pandoc_binary() -> str:
    """The pandoc inside pypandoc-binary (the version the tree format is written for); found
    without importing pypandoc, which probes every pandoc on PATH and costs 0.1 s."""
    spec = importlib.util.find_spec("pypandoc")
    if spec and spec.submodule_search_locations:
        name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
        for folder in spec.submodule_search_locations:
            candidate = Path(folder) / "files" / name
            if candidate.is_file():
                return str(candidate)
    import pypandoc

    return pypandoc.get_pandoc_path()


def run(args: list[str], data: bytes) -> bytes:
    """pandoc ``args`` on ``data`` (stdin) in its sandbox; stdout's bytes."""
    try:
        proc = subprocess.run([pandoc_binary(), "--sandbox", *args], input=data,
                              capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputError(f"Pandoc kunde inte köras ({exc}). Kontrollera att pypandoc-binary är "
                          "installerat (pip install .).") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise OutputError(f"Pandoc kunde inte skapa dokumentet ({message}). Kontrollera dina "
                          "egna mallar (--mallar), eller kör utan dem.")
    return proc.stdout


def read_markdown(markdown: str) -> dict:
    """The Markdown as pandoc's document tree (its JSON form)."""
    return json.loads(run(["--from", READER, "--to", "json"], markdown.encode("utf-8")))


def write(tree: dict, fmt: str, args: list[str]) -> bytes:
    """The tree written as ``fmt`` (pandoc's writer name) with further pandoc ``args``."""
    return run(["--from", "json", "--to", fmt, "--output", "-", *args],
               json.dumps(tree, ensure_ascii=False).encode("utf-8"))
