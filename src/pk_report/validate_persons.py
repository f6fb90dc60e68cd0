"""Persons the register knows by name only: a warning, so that the clerk completes the row."""

from __future__ import annotations

import pandas as pd

from pk_report.problems import WARNING


def unfinished_persons(check) -> None:
    """A person with neither organisationstyp nor roll on any row, in a register whose other
    persons have them: counted as a ledamot of övrigt by default, which is seldom true. This
    is how a person ``pk-report importera`` added (known by name only) reaches the clerk; a
    register that records neither for anyone gets no such warning (docs/beslut.md)."""
    raw = check.raws.get("deltagare")
    if raw is None or raw.frame.empty or "namn" not in raw.frame.columns:
        return
    frame = raw.frame
    blank = pd.Series("", index=frame.index)
    named = (frame["namn"] != "").to_numpy(dtype=bool)
    described = ((frame["organisationstyp"] if "organisationstyp" in frame.columns else blank)
                 != "") | ((frame["roll"] if "roll" in frame.columns else blank) != "")
    described = described.to_numpy(dtype=bool)
    if not named.any() or described[named].sum() * 2 <= named.sum():
        return
    names = frame["namn"].to_numpy(dtype=object)[named]
    any_described = pd.Series(described[named]).groupby(names, sort=False).any()
    bare = set(any_described.index[~any_described.to_numpy(dtype=bool)])
    if not bare:
        return
    seen: set[str] = set()
    rows = []
    for row, name in zip(frame.index[named], names):
        if name in bare and name not in seen:
            seen.add(name)
            rows.append(row)
    orgtyp, roll = check.header("deltagare", "organisationstyp"), check.header("deltagare", "roll")
    check.add("deltagare", rows, "namn",
              lambda v: f"Personen har varken {orgtyp} eller {roll} ifyllt på någon rad och "
                        "räknas därför som ledamot i övrigt. Fyll i dem (pk-report importera "
                        "lägger till en ny person med bara namn och kön).", WARNING)
