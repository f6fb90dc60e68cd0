"""What reading an export yields: the fixed interface between reading and planning/writing.

The dataclasses live in ``model.py`` (so that the reading modules need not import this one);
they are the same objects here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .detect import read
from .model import FIELDS, Answer, Export, ImportFormatError, Skipped
from .starting import starting_mapping as _starting_mapping

__all__ = ["FIELDS", "Answer", "Export", "ImportFormatError", "Skipped", "read_export",
           "starting_mapping"]


def read_export(path: Path, mapping_path: Path | None = None,
                scale: Iterable[str] = ()) -> Export:
    """Read an export, recognising its kind from the content (not the name).

    ``scale`` (optional) adds the register's own grade values and labels to those that
    recognise the grade question (the default 1–4 scale's always do). Raises
    ImportFormatError with a Swedish message naming the file and what to do.
    """
    from pk_report.pipeline import collector_paused

    with collector_paused():  # rows of small containers and no cycles, as the register's read
        return read(Path(path), Path(mapping_path) if mapping_path is not None else None,
                    scale)


def starting_mapping(path: Path) -> str:
    """TOML text for ``--prova`` on an unknown file: the columns and their distinct values
    (at most twenty per column), commented in Swedish, for the clerk to fill in."""
    return _starting_mapping(Path(path))
