"""The core functions the commands call: read → validate, and stop on errors."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pk_report.dataset import Dataset
from pk_report.errors import DataError
from pk_report.problems import Problem, errors
from pk_report.sources import Source, locate, read_source


@dataclass
class Loaded:
    source: Source
    dataset: Dataset
    problems: list[Problem]
    row_counts: dict[str, int]

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


@contextmanager
def collector_paused():
    """Python's cycle collector off while millions of cells become lists and strings.

    Reading allocates a container per row and the collector would walk them all again and
    again (a fifth of calamine's own time on 500,000 rows); nothing read makes a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def inspect(data: Path | None) -> Loaded:
    """Read and validate, keeping every problem (``pk-report validera``)."""
    from pk_report.validate import validate

    source = locate(data)
    with collector_paused():
        read = read_source(source)
        dataset, problems = validate(read)
    counts = {name: len(raw.frame) for name, raw in read.tables.items()}
    return Loaded(source, dataset, problems, counts)


def load(data: Path | None) -> Loaded:
    """Read and validate; raise ``DataError`` listing every error if the data cannot be used."""
    loaded = inspect(data)
    if loaded.errors:
        n = len(loaded.errors)
        raise DataError(f"Datan har {n} fel och kan inte användas förrän de är rättade. "
                        "Kör pk-report validera för hela listan.", loaded.problems)
    return loaded
