"""Running a parser in a forked child with a memory limit, so that an abort or an exhausted
allocation in native code ends the child, never the tool."""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable

from pk_report.readers.guards import Refused

MEMORY_LIMIT = 3 * 1024**3


def _child(conn, fn, args, limit) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        conn.send(("ok", fn(*args)))
    except BaseException as exc:  # the parent turns it into a Problem
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_limited(fn: Callable, *args, limit: int = MEMORY_LIMIT):
    """``fn(*args)`` in a child process with at most ``limit`` bytes of address space."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, fn, args, limit), daemon=True)
    process.start()
    child.close()
    try:
        status, value = parent.recv()
    except EOFError:
        status, value = "died", None
    process.join()
    if status == "ok":
        return value
    if status == "died":
        raise Refused("Arbetsboken kunde inte läsas: läsningen avbröts (den krävde mer minne än "
                      f"{limit // 1024**3} GB). Spara den på nytt från kalkylprogrammet, som .xlsx.")
    raise Refused(f"Arbetsboken går inte att läsa ({value}). Öppna den och spara den på nytt.")
