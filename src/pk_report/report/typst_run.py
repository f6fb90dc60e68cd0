"""Running the Typst compiler where it can reach no network and cannot hang the build.

- Packages: Typst's package path and package cache are an empty folder, and the proxy for
  any download is a closed local port, so ``#import "@preview/…"`` fails at once instead of
  contacting the package server (and no package the user has cached is ever loaded).
- Time: the compiler runs in a child process (forked where the platform can, else spawned)
  that is ended after ``TIME_LIMIT`` seconds; the build then says so in Swedish. Where no
  child process can be started, it runs here, still without network.
"""

from __future__ import annotations

import multiprocessing
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


def _child(conn, main, root, fonts, options) -> None:
    try:
        conn.send(("ok", _compile(main, root, fonts, options)))
    except TypstFailed as exc:
        conn.send(("typst", (exc.message, exc.hints, exc.diagnostic)))
    except BaseException as exc:  # a panic in the compiler: the parent says so
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _method() -> str | None:
    try:
        methods = multiprocessing.get_all_start_methods()
    except Exception:
        return None
    if "fork" in methods and sys.platform != "darwin":
        return "fork"
    return "spawn" if "spawn" in methods else None


def compile_pdf(main: Path, root: Path, fonts: list[str], options: dict,
                limit: float | None = None) -> bytes:
    """The PDF of ``main`` (Typst), compiled offline within the time limit."""
    limit = TIME_LIMIT if limit is None else limit
    how = _method()
    if how is None:
        return _compile(str(main), str(root), fonts, options)
    ctx = multiprocessing.get_context(how)
    parent, child = ctx.Pipe(duplex=False)
    try:
        process = ctx.Process(target=_child, args=(child, str(main), str(root), fonts, options),
                              daemon=True)
        process.start()
    except (OSError, RuntimeError, ValueError):
        parent.close()
        child.close()
        return _compile(str(main), str(root), fonts, options)
    child.close()
    try:
        if not parent.poll(limit):
            process.kill()
            process.join()
            raise OutputError(
                f"PDF-filen kunde inte skapas: Typst blev inte klar på {round(limit)} sekunder "
                "och avbröts. Kontrollera rapportens texter och din mall rapport.typ om du har "
                "en egen, eller skapa rapporten som Word (.docx) eller webbsida (.html).")
        status, value = parent.recv()
    except (EOFError, OSError):
        status, value = "error", "barnprocessen avslutades"
    finally:
        parent.close()
    process.join()
    if status == "ok":
        return value
    if status == "typst":
        raise TypstFailed(*value)
    raise OutputError(f"PDF-filen kunde inte skapas: Typst avbröts ({value}). Skapa rapporten "
                      "som Word (.docx) eller webbsida (.html), och rapportera felet.")
