"""Running a risky parse where its failure cannot take the tool down with it.

Native code (python-calamine) aborts the whole process when an allocation fails, and a Rust
panic surfaces as ``PanicException``, which is no ``Exception``. Where the platform allows, the
parse runs in a child process, so that an abort ends the child and the tool says what happened:

- with ``fork`` and ``resource`` (Linux, macOS): a forked child with a limit on its address
  space, so that an exhausted allocation fails in the child instead of exhausting the machine;
- without them (Windows has neither): a ``spawn``ed child, which starts a fresh interpreter;
- where not even that is possible: in this process, after the guards, any error caught.

Nothing here assumes POSIX: ``resource`` is imported only where it exists.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable

from pk_report.readers.guards import Refused

try:
    import resource
except ImportError:  # Windows
    resource = None

MEMORY_LIMIT = 3 * 1024**3


def start_methods() -> list[str]:
    """The start methods this platform has (a function, so that tests can take some away)."""
    try:
        return multiprocessing.get_all_start_methods()
    except Exception:  # an embedded or frozen interpreter may have no working multiprocessing
        return []


def strategy() -> str:
    """``fork`` (with a memory limit), ``spawn`` or ``inline``, the first the platform allows."""
    methods = start_methods()
    if resource is not None and "fork" in methods:
        return "fork"
    if "spawn" in methods:
        return "spawn"
    return "inline"


def _child(conn, fn, args, limit) -> None:
    import faulthandler

    faulthandler.disable()  # an abort here is reported by the parent, without a stack dump
    try:
        if limit is not None:
            import resource as res  # the child's own import: present wherever a limit is asked

            res.setrlimit(res.RLIMIT_AS, _lowered(res.getrlimit(res.RLIMIT_AS), limit))
        conn.send(("ok", fn(*args)))
    except BaseException as exc:  # the parent turns it into a Problem
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _lowered(current: tuple[int, int], limit: int) -> tuple[int, int]:
    """The address-space limit to set: ``limit``, but never above the hard limit the process
    already has (a container, systemd's LimitAS, ``ulimit -v``), which it may not raise."""
    import resource as res

    soft, hard = current
    cap = limit if hard == res.RLIM_INFINITY else min(limit, hard)
    return (cap if soft == res.RLIM_INFINITY else min(cap, soft), cap)


def _gigabytes(limit: int) -> str:
    """'3', or '2,4' for a lower limit the process was given."""
    return f"{limit / 1024**3:.1f}".replace(".0", "").replace(".", ",")


def _unreadable(detail: str) -> Refused:
    return Refused(f"Arbetsboken går inte att läsa ({detail}). Öppna den och spara den på nytt.")


def run_inline(fn: Callable, *args):
    """``fn(*args)`` in this process; any error of the parser (a Rust panic too) is Refused."""
    try:
        return fn(*args)
    except (KeyboardInterrupt, SystemExit, Refused):
        raise
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        raise _unreadable(f"{type(exc).__name__}: {exc}") from exc


def run_limited(fn: Callable, *args, limit: int = MEMORY_LIMIT):
    """``fn(*args)`` isolated as the platform allows (see the module's description).

    ``fn`` and its arguments must be picklable (a module-level function) for ``spawn``.
    """
    how = strategy()
    if how == "inline":
        return run_inline(fn, *args)
    use_limit = limit if resource is not None else None
    try:
        ctx = multiprocessing.get_context(how)
        parent, child = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_child, args=(child, fn, args, use_limit), daemon=True)
        process.start()
    except (OSError, RuntimeError, ValueError, AttributeError, ImportError, TypeError,
            pickle.PicklingError):  # no child possible here (or fn not picklable): in-process
        return run_inline(fn, *args)
    child.close()
    try:
        status, value = parent.recv()
    except (EOFError, OSError):
        status, value = "died", None
    finally:
        parent.close()
    process.join()
    if status == "ok":
        return value
    if status == "died":
        if use_limit is not None:
            applied = _lowered(resource.getrlimit(resource.RLIMIT_AS), use_limit)[0]
            reason = f"den krävde mer minne än {_gigabytes(applied)} GB"
        else:
            reason = "den krävde mer minne än datorn har, eller är trasig"
        raise Refused(f"Arbetsboken kunde inte läsas: läsningen avbröts ({reason}). Spara den "
                      "på nytt från kalkylprogrammet, som .xlsx.")
    raise _unreadable(value)
