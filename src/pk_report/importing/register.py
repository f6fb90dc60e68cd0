"""The register as an import sees it: its sessions, courses and grading scale, the answers it
already holds (``svar_id``), the persons it knows, and where each table lives (file, sheet,
header row, columns) so that new rows can be written in the clerk's own columns."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pk_report.dataset import Dataset, GradeScale
from pk_report.problems import Problem
from pk_report.readers.raw import RawTable
from pk_report.sources import ReadResult, Source

PERSON_FIELDS = ("organisation", "organisationstyp", "roll", "kon")


def person_key(name: str) -> str:
    """A name as persons are matched: case, accents' composition and spacing ignored, and
    'Berg, Anna' read as 'Anna Berg' (how some meeting tools list people)."""
    text = unicodedata.normalize("NFC", name or "").strip()
    if text.count(",") == 1:
        last, first = (part.strip() for part in text.split(","))
        if last and first:
            text = f"{first} {last}"
    return " ".join(text.casefold().split())


@dataclass
class KnownRow:
    """One row of ``deltagare`` as read (text), with the row number the clerk sees."""

    row: int
    tillfalle_id: str
    namn: str
    values: dict[str, str]  # organisation, organisationstyp, roll, kon, narvarande (text)


@dataclass
class RegisterView:
    source: Source
    tables: dict[str, RawTable]
    dataset: Dataset
    problems: list[Problem]
    sessions: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    # tillfalle_id -> (kurs_id, year)
    courses: set[tuple[int, str]] = field(default_factory=set)
    svar_ids: set[str] = field(default_factory=set)
    read: ReadResult | None = None
    _persons: dict[str, list[KnownRow]] | None = None

    @property
    def persons(self) -> dict[str, list[KnownRow]]:
        """person_key -> the person's rows in ``deltagare`` (indexed when first asked for)."""
        if self._persons is None:
            self._persons = _persons(self.tables.get("deltagare"))
        return self._persons

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def scale(self) -> GradeScale:
        return self.dataset.scale

    def table_file(self, table: str) -> str:
        raw = self.tables.get(table)
        return raw.file if raw is not None else ""


def load_register(data: Path | None) -> RegisterView:
    """Read and validate the register (as ``validera`` does) and index what an import needs."""
    from pk_report.pipeline import collector_paused
    from pk_report.sources import locate, read_source

    source = locate(data)
    with collector_paused():
        read = read_source(source)
    return index_register(read)


def checked(read: ReadResult):
    """(dataset, problems) as ``validera`` gives them: the figures' warnings too."""
    from pk_report.pipeline import collector_paused
    from pk_report.validate import validate

    with collector_paused():
        dataset, problems = validate(read)
    if not any(p.is_error for p in problems):
        from pk_report.metrics import figures_of
        from pk_report.plausibility import figure_warnings

        figures = figures_of(dataset)
        problems = problems + figure_warnings(figures.courses, read.tables.get("utvarderingar"),
                                              dataset.utvarderingar, read.tables.get("kurser"))
    return dataset, problems


def index_register(read: ReadResult) -> RegisterView:
    import pandas as pd

    dataset, problems = checked(read)
    view = RegisterView(read.source, read.tables, dataset, problems, read=read)
    s = dataset.tillfallen
    for sid, kurs, year in zip(s["tillfalle_id"], s["kurs_id"], s["ar"]):
        if sid and sid not in view.sessions:
            view.sessions[sid] = (kurs, None if pd.isna(year) else int(year))
    k = dataset.kurser
    view.courses = {(int(y), c) for y, c in zip(k["ar"], k["kurs_id"]) if not pd.isna(y) and c}
    evaluations = read.tables.get("utvarderingar")
    if evaluations is not None and "svar_id" in evaluations.frame.columns:
        view.svar_ids = {v for v in evaluations.frame["svar_id"] if v}
    return view


def _persons(participants: RawTable | None) -> dict[str, list[KnownRow]]:
    persons: dict[str, list[KnownRow]] = {}
    if participants is None:
        return persons
    frame = participants.frame
    columns = {c: frame[c].tolist() if c in frame.columns else [""] * len(frame)
               for c in ("tillfalle_id", "namn", *PERSON_FIELDS, "narvarande")}
    for i, row in enumerate(frame.index):
        name = columns["namn"][i]
        if name:
            persons.setdefault(person_key(name), []).append(
                KnownRow(int(row), columns["tillfalle_id"][i], name,
                         {c: columns[c][i] for c in (*PERSON_FIELDS, "narvarande")}))
    return persons
