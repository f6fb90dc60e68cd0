"""Writing what a command produces: atomically to a file, or as bytes to stdout."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pk_report.errors import OutputError
def write_stdout(data: bytes) -> None:
    """Bytes to stdout as they are (UTF-8 text or a document), whatever the terminal's encoding."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: all or nothing."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} är en mapp. Ange ett filnamn, t.ex. {path / 'rapport.docx'}.")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"Mappen {directory} finns inte. Skapa den eller välj en annan plats.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"Kan inte skriva i {directory} ({exc.strerror}). Kontrollera "
                          "behörigheten eller välj en annan mapp.") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"Kan inte skriva {path} ({exc.strerror}). Är filen öppen i Word? "
                          "Stäng den och försök igen.") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


