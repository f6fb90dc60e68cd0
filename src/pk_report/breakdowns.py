"""Breakdowns of participants (by organisationstyp, roll, kön) and of evaluations (by grade,
by kön), with the anonymity rule of ``anonymitetsgrans`` applied to evaluations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pk_report import schema
from pk_report.dataset import Dataset
from pk_report.rounding import percent

KEYS = ["ar", "kurs_id"]
ROLE_ORDER = schema.POLITICAL_ROLES + schema.OFFICIAL_ROLES
KON_ORDER = ["K", "M", "X", ""]


def attendances(ds: Dataset) -> pd.DataFrame:
    """Rows of deltagare that count as participants: present at a held session."""
    d = ds.deltagare
    out = d[d["narvarande"] & d["held"]].dropna(subset=["ar"])
    return out.assign(ar=out["ar"].astype("int64"))


def participants_by(ds: Dataset, dimension: str, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Attendances per course and year (index) by ``dimension`` (columns, in a fixed order).

    ``dimension`` is ``organisationstyp``, ``roll`` or ``kon``. Head counts from
    ``antal_deltagare`` have no breakdown and are not in these tables.
    """
    a = attendances(ds) if rows is None else rows
    order = {"organisationstyp": schema.ORGTYP_ORDER, "roll": ROLE_ORDER, "kon": KON_ORDER}[dimension]
    table = a.groupby(KEYS + [dimension]).size().unstack(fill_value=0)
    columns = [c for c in order if c in table.columns]
    return table.reindex(columns=columns).astype("int64")


def officials_by_orgtyp(ds: Dataset) -> pd.DataFrame:
    """Officials (chef, tjänsteman) per course by organisationstyp: '19 stadsdelschefer ...'."""
    a = attendances(ds)
    return participants_by(ds, "organisationstyp", a[a["roll"].isin(schema.OFFICIAL_ROLES)])


def politicians_by_orgtyp(ds: Dataset) -> pd.DataFrame:
    a = attendances(ds)
    return participants_by(ds, "organisationstyp", a[a["politiker"]])


def hidden_groups(sizes: dict[str, int], threshold: int) -> set[str]:
    """Groups to hide so that no group under ``threshold`` can be seen or derived.

    Every non-empty group under the threshold is hidden; while the hidden groups together are
    fewer than the threshold (so the total minus the shown groups would give them away), the
    smallest shown group is hidden too.
    """
    present = {g: n for g, n in sizes.items() if n > 0}
    hidden = {g for g, n in present.items() if n < threshold}
    shown = sorted((n, g) for g, n in present.items() if g not in hidden)
    while hidden and 0 < sum(present[g] for g in hidden) < threshold and shown:
        hidden.add(shown.pop(0)[1])
    return hidden


@dataclass(frozen=True)
class GroupSatisfaction:
    group: str
    utvarderingar: int
    mycket_nojda: int
    andel_mycket_nojda: int | None
    missnojda: int


@dataclass(frozen=True)
class GenderComparison:
    """Women against men, only when both groups (and every other) pass the anonymity rule."""

    women: GroupSatisfaction
    men: GroupSatisfaction

    @property
    def difference(self) -> int:
        return (self.women.andel_mycket_nojda or 0) - (self.men.andel_mycket_nojda or 0)


def evaluations_of(ds: Dataset, ar: int | None = None, kurs_id: str | None = None) -> pd.DataFrame:
    e = ds.utvarderingar.dropna(subset=["ar", "varde"])
    if ar is not None:
        e = e[e["ar"] == ar]
    if kurs_id is not None:
        e = e[e["kurs_id"] == kurs_id]
    return e


def satisfaction_by_gender(ds: Dataset, evaluations: pd.DataFrame) -> dict[str, GroupSatisfaction]:
    """Per kön, the groups that may be shown (the hidden ones are left out)."""
    mode, threshold = ds.settings.avrundning, ds.settings.anonymitetsgrans
    kon = evaluations["kon"].to_numpy(dtype=object)
    good = evaluations["mycket_nojd"].to_numpy(dtype=bool)
    bad = evaluations["missnojd"].to_numpy(dtype=bool)
    groups, counts = np.unique(kon.astype(str), return_counts=True) if len(kon) else ([], [])
    sizes = {str(g): int(n) for g, n in zip(groups, counts)}
    hidden = hidden_groups(sizes, threshold)
    out = {}
    for group in KON_ORDER:
        if group in sizes and group not in hidden:
            mask = kon == group
            n, n_good = sizes[group], int(good[mask].sum())
            out[group] = GroupSatisfaction(group, n, n_good, percent(n_good, n, mode),
                                           int(bad[mask].sum()))
    return out


def gender_comparison(ds: Dataset, evaluations: pd.DataFrame) -> GenderComparison | None:
    groups = satisfaction_by_gender(ds, evaluations)
    if "K" in groups and "M" in groups:
        return GenderComparison(groups["K"], groups["M"])
    return None


GENDER_GAP = 10  # procentenheter between the shares of mycket nöjda: a clear difference
GENDER_GROUP = 4  # times anonymitetsgrans (and at least 20 forms): a group large enough


def gender_verdict(comparison: GenderComparison, threshold: int) -> str | None:
    """Who was more satisfied, said only where it means something (docs/beslut.md): both
    groups have at least four times the anonymity threshold, and at least 20, forms; then
    'kvinnor' or 'man' when the shares of mycket nöjda differ by ``GENDER_GAP`` points or more,
    else 'lika'. ``None`` when the groups are too small to say anything."""
    smallest = min(comparison.women.utvarderingar, comparison.men.utvarderingar)
    if smallest < max(20, GENDER_GROUP * threshold):
        return None
    if comparison.difference >= GENDER_GAP:
        return "kvinnor"
    if comparison.difference <= -GENDER_GAP:
        return "man"
    return "lika"


def grade_distribution(ds: Dataset, evaluations: pd.DataFrame) -> dict[int, int]:
    """Evaluations per grade value, every grade of the scale present (zeros included)."""
    counts = evaluations["varde"].astype("int64").value_counts().to_dict()
    return {value: int(counts.get(value, 0)) for value in sorted(ds.scale.labels)}


def idi_small_folded(ds: Dataset, ar: int) -> dict[str, bool]:
    """Per course with folded IDI styles (``idi_hidden``): whether every folded style had
    fewer profiles than the threshold (else one was folded only to protect another)."""
    idi = ds.idi
    part = idi[(idi["ar"] == ar).to_numpy(dtype=bool)]
    counts: dict[str, Counter] = {}
    for kurs_id, style in zip(part["kurs_id"].tolist(), part["stil"].tolist()):
        counts.setdefault(kurs_id, Counter())[style] += 1
    threshold = ds.settings.anonymitetsgrans
    out = {}
    for kurs_id, c in counts.items():
        hidden = idi_hidden(dict(c), threshold)
        if hidden:
            out[kurs_id] = all(c[s] < threshold for s in hidden)
    return out


def idi_styles(ds: Dataset, ar: int) -> dict[str, dict[str, int]]:
    """IDI profiles per style for each course of the year: counts only, never a person.

    Courses without profiles are left out; a course with any has every style it may show
    (zeros too). The anonymity rule applies as to evaluations by gender (``hidden_groups``):
    a style under ``anonymitetsgrans`` is left out, and so is the smallest shown one while the
    hidden ones together are fewer than it ("fem Producer och en Relator" shows neither).
    """
    idi = ds.idi
    part = idi[(idi["ar"] == ar).to_numpy(dtype=bool)]
    out: dict[str, dict[str, int]] = {}
    for (kurs_id, style), n in Counter(zip(part["kurs_id"].tolist(), part["stil"].tolist())).items():
        out.setdefault(kurs_id, dict.fromkeys(schema.IDI_STYLES, 0))
        if style in out[kurs_id]:
            out[kurs_id][style] += n
    threshold = ds.settings.anonymitetsgrans
    for kurs_id, counts in out.items():
        hidden = idi_hidden(counts, threshold)
        shown = {style: n for style, n in counts.items() if style not in hidden}
        out[kurs_id] = shown if any(shown.values()) else {}  # all hidden: nothing to say
    return out


def idi_hidden(counts: dict[str, int], threshold: int) -> set[str]:
    """The IDI styles to fold together as "övriga typer" (issue 19 point 9): every style with
    profiles under ``threshold``; a style that meets it is hidden only when a single style
    would otherwise be folded (its count could then be told from the others), the smallest
    first. Two or more folded styles cannot be told apart, whatever their sum."""
    present = {g: n for g, n in counts.items() if n > 0}
    hidden = {g for g, n in present.items() if n < threshold}
    shown = sorted((n, g) for g, n in present.items() if g not in hidden)
    while len(hidden) == 1 and shown:
        hidden.add(shown.pop(0)[1])
    return hidden
