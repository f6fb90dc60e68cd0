"""Running the Typst compiler where it can reach no network and cannot hang the build.

- Packages: Typst's package path and package cache are an empty folder, and the proxy for
  any download is a closed local port, so ``#import "@preview/…"`` fails at once instead of
  contacting the package server (and no package the user has cached is ever loaded).
- Time: the compiler runs in a child process (a fresh interpreter that imports only typst, on
  every platform) that is ended after ``TIME_LIMIT`` seconds; the build then says so in
  Swedish. Where no child process can be started, it runs here, still without network.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from pk_report.errors import OutputError

TIME_LIMIT = 60.0  # seconds; the sample's PDF takes well under one
_NO_NETWORK = "http://127.0.0.1:9"  # the discard port: a proxy that is never there
_PROXIES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


class TypstFailed(Exception):
    """Typst refused the source: its message, hints and the source line it points at."""

    def __init__(self, message: str, hints: list[str], diagnostic: str) -> None:
        super().__init__(message)
        self.message, self.hints, self.diagnostic = message, hints, diagnostic


@contextmanager
def _offline():
    saved = {k: os.environ.get(k) for k in (*_PROXIES, "NO_PROXY", "no_proxy")}
    for key in _PROXIES:
        os.environ[key] = _NO_NETWORK
    os.environ.pop("NO_PROXY", None)
    os.environ.pop("no_proxy", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _compile(main: str, root: str, fonts: list[str], options: dict) -> bytes:
    import typst

    with tempfile.TemporaryDirectory() as empty, _offline():
        try:
            return typst.compile(main, root=root, font_paths=fonts, ignore_system_fonts=True,
                                 package_path=empty, package_cache_path=empty, **options)
        except typst.TypstError as exc:
            raise TypstFailed(str(exc.message), [str(h) for h in (exc.hints or [])],
                              str(exc.diagnostic or "")) from None


# The child: a fresh interpreter that imports only typst (a fork of this process, with pandas
# and matplotlib loaded, cost four times the CPU). Arguments as JSON; the PDF into a file;
# Typst's own refusal as JSON on stdout with exit code 3.
_CHILD = """
import json, sys
import typst
a = json.loads(sys.argv[1])
try:
    pdf = typst.compile(a["main"], root=a["root"], font_paths=a["fonts"],
                        ignore_system_fonts=True, package_path=a["packages"],
                        package_cache_path=a["packages"], **a["options"])
except typst.TypstError as exc:
    print(json.dumps({"message": str(exc.message), "hints": [str(h) for h in exc.hints or []],
                      "diagnostic": str(exc.diagnostic or "")}))
    sys.exit(3)
with open(a["out"], "wb") as fh:
    fh.write(pdf)
"""


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_PROXY", "no_proxy")}
    env.update(dict.fromkeys(_PROXIES, _NO_NETWORK))
    return env


def _json_options(options: dict) -> dict:
    out = dict(options)
    stamp = out.get("timestamp")
    if stamp is not None and not isinstance(stamp, int):
        out["timestamp"] = int(stamp.timestamp())
    return out


def compile_pdf(main: Path, root: Path, fonts: list[str], options: dict,
                limit: float | None = None) -> bytes:
    """The PDF of ``main`` (Typst), compiled offline within the time limit."""
    import json
    import subprocess

    limit = TIME_LIMIT if limit is None else limit
    if not sys.executable:  # an embedded interpreter: no child to start
        return _compile(str(main), str(root), fonts, options)
    with tempfile.TemporaryDirectory() as tmp:
        packages = Path(tmp) / "paket"
        packages.mkdir()
        out = Path(tmp) / "rapport.pdf"
        args = json.dumps({"main": str(main), "root": str(root), "fonts": fonts,
                           "packages": str(packages), "out": str(out),
                           "options": _json_options(options)})
        try:
            proc = subprocess.run([sys.executable, "-I", "-c", _CHILD, args], env=_child_env(),
                                  capture_output=True, timeout=limit, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"PDF-filen kunde inte skapas: Typst blev inte klar på {round(limit)} sekunder "
                "och avbröts. Kontrollera rapportens texter och din mall rapport.typ om du har "
                "en egen, eller skapa rapporten som Word (.docx) eller webbsida (.html)."
            ) from None
        except OSError:
            return _compile(str(main), str(root), fonts, options)
        if proc.returncode == 0 and out.is_file():
            return out.read_bytes()
    if proc.returncode == 3:
        failed = json.loads(proc.stdout.decode("utf-8"))
        raise TypstFailed(failed["message"], failed["hints"], failed["diagnostic"])
    detail = " ".join(proc.stderr.decode("utf-8", "replace").split())[-300:]
    raise OutputError(f"PDF-filen kunde inte skapas: Typst avbröts ({detail or proc.returncode})."
                      " Skapa rapporten som Word (.docx) eller webbsida (.html), och rapportera "
                      "felet.")
