"""Writing what a command produces, the one place that writes files: atomically to a file, or
as bytes to stdout, and never over what the tool reads.

- A regular file is written to a temporary file beside it, then renamed over it: all or
  nothing. A new file gets the mode the umask gives (0644 under umask 022), as any program's
  file would; a replaced file keeps its mode (a shared 0664 stays 0664).
- A symbolic link is written through: its target is replaced, atomically, the link kept.
- A character device or a FIFO (``-o /dev/stdout``, a named pipe) is written to directly,
  never replaced; the file standard output already goes to is written through it. A block
  device or a socket is refused.
- An output path that is the register, lies inside the data folder, the clerk's templates
  folder or the files that ship with pk-report is refused before anything is read or written
  (``refuse_inputs``): resolved paths, and the file system's own identity for what exists, so
  symlinks, ``..`` and case-insensitive names are seen through.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from pk_report.errors import OutputError, UsageError


def write_stdout(data: bytes) -> None:
    """Bytes to stdout as they are (UTF-8 text or a document), whatever the terminal's encoding.

    A reader that has closed the pipe (``| head -1``) has all it wanted: not an error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        reader_gone()


def reader_gone() -> None:
    """The reader closed the pipe: point stdout at the null device, so that nothing written
    later, nor the last flush when the tool exits, fails."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no file descriptor behind stdout (tests)
        pass


def _inside(path: Path, protected: Path) -> bool:
    """Whether ``path`` is ``protected`` or lies inside it (when it is a folder)."""
    if not protected.exists():
        return False
    candidate = Path(os.path.abspath(path))
    try:
        candidate = candidate.resolve()
    except (OSError, RuntimeError):
        pass
    for p in (candidate, *candidate.parents):
        try:
            if os.path.samefile(p, protected):
                return True
        except OSError:  # does not exist (yet): its parent may
            continue
    return False


def refuse_inputs(output: Path, data: Path | None = None, templates: Path | None = None) -> None:
    """UsageError when writing ``output`` could destroy what the tool reads: the register
    (``data``), any file of its folder, the clerk's ``templates`` folder, or the templates and
    sample data that ship with pk-report. ``PK_REPORT_DATA`` counts as a register too."""
    from pk_report.bundled import sample_data_dir, templates_dir

    output = Path(output)
    registers = [Path(p) for p in (data, os.environ.get("PK_REPORT_DATA")) if p]
    for register in registers:
        if register.is_file() and _inside(output, register):
            raise UsageError(f"{output} är registret som rapporten läses från ({register}) och "
                             "skulle skrivas över. Välj ett annat filnamn, t.ex. rapport.docx.")
        if register.is_dir() and _inside(output, register):
            raise UsageError(f"{output} ligger i datamappen {register}, bland registrets filer. "
                             "Skriv utanför mappen, t.ex. "
                             f"{Path(os.path.abspath(register)).parent / output.name}.")
    if templates is not None and _inside(output, templates):
        raise UsageError(f"{output} ligger i mallmappen {templates}. Skriv utanför mappen, t.ex. "
                         f"{Path(os.path.abspath(templates)).parent / output.name}.")
    for shipped in (templates_dir(), sample_data_dir()):
        if _inside(output, shipped):
            raise UsageError(f"{output} ligger bland filerna som följer med pk-report "
                             f"({shipped}). Välj en annan plats.")


def _stat(path: Path) -> os.stat_result | None:
    """The path's status, following symlinks; None when nothing is there (or a dangling link)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _output_error(path, exc) from exc


def _is_stream(st: os.stat_result, fd: int) -> bool:
    try:
        return os.path.samestat(st, os.fstat(fd))
    except (OSError, ValueError):
        return False


def _stdout_fd() -> int:
    try:
        return sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return -1


def _new_file_mode() -> int:
    """What open() would give a new file: 0666 less the umask."""
    if os.name == "nt":
        return 0o666
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def missing_folder(folder: Path) -> OutputError:
    """The folder to write in is not one: missing, or a file (``-o fil.txt/r.md``)."""
    if folder.exists():
        return OutputError(f"{folder} är en fil, inte en mapp, så inget kan skrivas i den. Välj "
                           "en annan plats.")
    return OutputError(f"Mappen {folder} finns inte. Skapa den eller välj en annan plats.")


def check_name(path: Path | None) -> None:
    """Refuse an output name longer than a file system allows (255 bytes), before anything
    looks at it (asking whether it is a folder fails on such a name)."""
    if path is not None and len(os.fsencode(path.name)) > 255:
        raise _output_error(path, OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG)))


def _output_error(path: Path, exc: OSError, atomic: bool = False) -> OutputError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError(f"Disken är full: {path} kunde inte skrivas. Frigör utrymme eller "
                           "skriv till en annan disk." + (" En befintlig fil är orörd." if atomic
                                                          else ""))
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(f"Kan inte skriva {path}: namnet är för långt "
                           f"({len(os.fsencode(path.name))} byte; filsystemet tillåter högst 255). "
                           "Välj ett kortare filnamn.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return OutputError(f"Kan inte skriva {path} ({exc.strerror}). Är filen öppen i Word? "
                           "Stäng den och försök igen, eller kontrollera behörigheten.")
    return OutputError(f"Kan inte skriva {path} ({exc.strerror}). Kontrollera platsen och försök "
                       "igen, eller välj en annan.")


def _write_stream(path: Path, data: bytes) -> None:
    """A character device or a FIFO: written to, never replaced."""
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except BrokenPipeError:
        return
    except OSError as exc:
        raise _output_error(path, exc) from exc


def write_atomic(path: Path, data: bytes, register: bool = False) -> None:
    """Write ``data`` to ``path`` as the module's description says. ``register``: the path is
    the register itself, rewritten by ``pk-report importera`` (which keeps a copy first)."""
    path = Path(path)
    if not register:
        refuse_inputs(path)
    st = _stat(path)
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        if _is_stream(st, _stdout_fd()):
            write_stdout(data)
        elif stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            _write_stream(path, data)
        else:
            raise UsageError(f"{path} är ingen vanlig fil (en enhet eller en socket). Ange ett "
                             "filnamn, t.ex. rapport.docx.")
        return
    if st is not None and stat.S_ISREG(st.st_mode) and _is_stream(st, _stdout_fd()):
        write_stdout(data)  # -o /dev/stdout with stdout redirected to a file
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.is_dir():
        raise OutputError(f"{path} är en mapp. Ange ett filnamn, t.ex. {path / 'rapport.docx'}.")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise missing_folder(directory)
    mode = stat.S_IMODE(st.st_mode) if st is not None else _new_file_mode()
    try:
        # the temporary name never longer than the target's (a name of 250 bytes is allowed)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:20]}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"Kan inte skriva i {directory} ({exc.strerror}). Kontrollera "
                          "behörigheten eller välj en annan mapp.") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _output_error(path, exc, atomic=True) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def keep_copy(path: Path, copy: Path) -> None:
    """Copy ``path`` to ``copy`` (a new name, never over an existing file), contents, times
    and mode: the register as it was before an import, the clerk's to delete."""
    import shutil

    try:
        with open(path, "rb") as src, open(copy, "xb") as dst:
            shutil.copyfileobj(src, dst)
        shutil.copystat(path, copy)
    except FileExistsError:
        raise OutputError(f"{copy} finns redan. Vänta en sekund och försök igen.") from None
    except OSError as exc:
        Path(copy).unlink(missing_ok=True)
        raise _output_error(copy, exc) from exc
