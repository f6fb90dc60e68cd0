"""The validated data: typed tables, the grading scale and the settings (step 2's result)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pk_report import schema


@dataclass(frozen=True)
class GradeScale:
    """Grades by value, with labels; which count as mycket nöjd and which as missnöjd."""

    labels: dict[int, str]
    very_satisfied: frozenset[int]

    @property
    def dissatisfied(self) -> frozenset[int]:
        """The lowest grade of the scale (1 Underkänt in the default scale)."""
        return frozenset({min(self.labels)}) if self.labels else frozenset()

    @classmethod
    def default(cls) -> GradeScale:
        return cls({v: label for v, label, _ in schema.DEFAULT_SCALE},
                   frozenset(v for v, _, good in schema.DEFAULT_SCALE if good))


@dataclass(frozen=True)
class Settings:
    kommun: str = ""
    avrundning: str = "nedat"  # "nedat" truncates, "narmaste" rounds half up
    anonymitetsgrans: int = 5
    datum: dt.date | None = None  # the report's date, under its title (DOCX, HTML, PDF)
    diarienummer: str = ""  # the report's registration number, under its title


@dataclass
class Dataset:
    """Every table of the contract, typed, with derived columns the metrics need.

    Derived columns: ``tillfallen.ar`` (from datum where empty), ``tillfallen.held``;
    ``deltagare.ar``, ``deltagare.kurs_id``, ``deltagare.held``, ``deltagare.politiker``,
    ``deltagare.tjansteman``, ``deltagare.kvinna``, ``deltagare.man`` (flags from roll and kön),
    ``deltagare.tillfalle_rad`` (position of the row's session among the distinct sessions, -1
    if unknown),
    ``deltagare.person`` (an integer per distinct namn, a code of its own for a row without one);
    ``utvarderingar.ar``, ``utvarderingar.kurs_id``, ``utvarderingar.tillfalle_rad``,
    ``utvarderingar.varde``,
    ``utvarderingar.mycket_nojd``.
    """

    tables: dict[str, pd.DataFrame]
    scale: GradeScale = field(default_factory=GradeScale.default)
    settings: Settings = field(default_factory=Settings)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def years(self) -> list[int]:
        found: set[int] = set()
        for name in ("kurser", "tillfallen", "styrgrupp", "kostnader"):
            found.update(int(y) for y in self.tables[name]["ar"].dropna().unique())
        found.update(d.year for d in self.tables["sammantraden"]["datum"].dropna())
        return sorted(found)
