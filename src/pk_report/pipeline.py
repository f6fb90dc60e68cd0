"""The core functions the commands call: read → validate → figures, and stop on errors."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pk_report.dataset import Dataset
from pk_report.errors import DataError
from pk_report.problems import Problem, errors, sort_key
from pk_report.schema import TABLES
from pk_report.sources import Source, locate, read_source

if TYPE_CHECKING:
    from pk_report.metrics import Figures


@dataclass
class Loaded:
    source: Source
    dataset: Dataset
    problems: list[Problem]
    row_counts: dict[str, int]
    figures: Figures | None = None  # None when the data has errors

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
    """Read, validate and, when the data has no errors, compute the figures once; keep every
    problem, including the warnings only the figures can give (``pk-report validera``)."""
    from pk_report.validate import validate

    source = locate(data)
    with collector_paused():
        read = read_source(source)
        dataset, problems = validate(read)
    counts = {name: len(raw.frame) for name, raw in read.tables.items()}
    figures = None
    if not errors(problems):
        from pk_report.metrics import figures_of
        from pk_report.plausibility import figure_warnings

        figures = figures_of(dataset)
        problems = problems + figure_warnings(figures.courses, read.tables.get("utvarderingar"),
                                              dataset.utvarderingar, read.tables.get("kurser"),
                                              read.tables.get("kostnader"), dataset.kostnader,
                                              {name: (read.tables.get(name), dataset.tables[name])
                                               for name in ("styrgrupp", "sammantraden")})
    problems = sorted(problems, key=sort_key({name: i for i, name in enumerate(TABLES)}))
    return Loaded(source, dataset, problems, counts, figures)


def load(data: Path | None) -> Loaded:
    """Read and validate; raise ``DataError`` listing every error if the data cannot be used."""
    loaded = inspect(data)
    if loaded.errors:
        n = len(loaded.errors)
        raise DataError(f"Datan har {n} fel och kan inte användas förrän de är rättade. "
                        f"Kör {loaded.source.validate_command()} för hela listan.",
                        loaded.problems)
    return loaded
