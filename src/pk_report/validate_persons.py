"""Who is one person in ``deltagare``: the codes the metrics count distinct persons by (one
per ``names.person_key``), and the warnings about names: mixed scripts, the same person twice
at one session, a person known by name only."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pk_report.names import mixed_scripts, person_key
from pk_report.problems import WARNING
from pk_report.swedish import join


def person_codes(codes: np.ndarray, uniques) -> np.ndarray:
    """One integer per person from the names' factorize codes: the same ``person_key``, the
    same code; a row without a name (or only invisible characters) is a person of its own.
    Codes run 0..n-1, so the metrics can count distinct persons with bincount."""
    keys, uniques = pd.factorize(np.array([person_key(u) for u in uniques], dtype=object))
    codes = keys[codes].astype("int64") if len(codes) else codes.astype("int64")
    empty = [i for i, u in enumerate(uniques) if u == ""]
    if empty:
        anonymous = np.flatnonzero(codes == empty[0])
        codes[codes > empty[0]] -= 1
        codes[anonymous] = len(uniques) - 1 + np.arange(len(anonymous))
    return codes


def check_person_names(check, d: pd.DataFrame, codes, uniques) -> None:
    """A name mixing scripts (a Cyrillic 'А' in 'Anna'), and the same person twice at one
    session (by ``person_key``: case, spaces and invisible characters do not count)."""
    for i, name in enumerate(uniques):
        scripts = mixed_scripts(str(name))
        if scripts:
            words = join([_SCRIPT_WORDS.get(s, s.lower()) for s in scripts], "och")
            check.add("deltagare", d.index[codes == i], "namn",
                      f"Namnet blandar bokstäver från olika skriftsystem ({words}), så det "
                      "räknas som en annan person än samma namn skrivet med svenska bokstäver. "
                      "Skriv om namnet från tangentbordet.", WARNING)
    named = (d["namn"] != "").to_numpy() & (d["tillfalle_rad"].to_numpy() >= 0)
    pairs = pd.DataFrame({"t": d["tillfalle_rad"].to_numpy(), "p": d["person"].to_numpy()},
                         index=d.index)[named]
    twice = pairs.duplicated(keep="first")
    if twice.any():
        first = pairs.index.to_series().groupby([pairs["t"], pairs["p"]]).transform("first")
        for row in pairs.index[twice.to_numpy()]:
            check.add("deltagare", [row], "namn",
                      f"Samma person står redan på rad {first[row]} för samma tillfälle "
                      "(skiftläge, mellanslag och osynliga tecken räknas inte). Ta bort den "
                      "ena raden.", WARNING)


_SCRIPT_WORDS = {"LATIN": "latinska", "CYRILLIC": "kyrilliska", "GREEK": "grekiska",
                 "ARABIC": "arabiska", "HEBREW": "hebreiska", "ARMENIAN": "armeniska"}


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
