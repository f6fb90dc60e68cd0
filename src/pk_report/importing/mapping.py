"""The clerk's mapping (``--karta``, TOML): which column is which field, and recodings.

```toml
rubrikrader = 1            # header rows (SurveyMonkey: 2)
hoppa_over = 0             # rows above the header to skip (a title)
avgransare = ";"           # optional; detected otherwise
blad = "Blad1"             # optional, for a workbook; the first sheet otherwise
till = "utvarderingar"     # optional: or "deltagare"
gaster = false             # Teams: include guests, "(External)"/"(Unverified)"
organisator = false        # Teams: include the meeting's organizer
[kolumner]                 # field = the column's header (or its letter)
betyg = "Hur nöjd är du med utbildningen?"
svar = "Response ID"       # the column that identifies an answer, if any
[omkodning.betyg]          # raw answer -> register value
"Mycket bra" = "4"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pk_report.names import norm_name
from pk_report.swedish import join

from .model import FIELDS, ImportFormatError
from .grid import Grid, letter_index
from .questions import fold

TARGETS = ("utvarderingar", "deltagare")
TOP_KEYS = {"rubrikrader", "hoppa_over", "avgransare", "blad", "till", "gaster", "organisator",
            "kolumner", "omkodning"}
RESPONSE = "svar"
MAX_MAPPING_BYTES = 1024**2


@dataclass
class Mapping:
    path: Path
    header_rows: int = 1
    skip_rows: int = 0
    delimiter: str | None = None
    sheet: str | None = None
    target: str | None = None
    guests: bool = False
    organizer: bool = False
    columns: dict[str, str] = field(default_factory=dict)   # field (or "svar") -> reference
    recode: dict[str, dict[str, str]] = field(default_factory=dict)


def _bad(path: Path, text: str) -> ImportFormatError:
    return ImportFormatError(f"Kartan {path.name}: {text}")


def load_mapping(path: Path) -> Mapping:
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise _bad(path, "filen är större än 1 MB; en karta är några rader. Kontrollera "
                             "att det är rätt fil.")
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise _bad(path, f"går inte att läsa ({exc.strerror or exc}). Kontrollera sökvägen."
                   ) from exc
    except UnicodeDecodeError as exc:
        raise _bad(path, "är inte sparad som UTF-8. Spara den som UTF-8 i en textredigerare."
                   ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise _bad(path, f"är ingen giltig TOML ({exc}). Jämför med exemplet i docs/import.md; "
                         "text ska stå inom citattecken, \"så här\".") from exc
    unknown = [k for k in data if norm_name(k) not in TOP_KEYS]
    if unknown:
        raise _bad(path, f"okänd inställning {join([repr(k) for k in unknown])}. Tillåtna är "
                         f"{join(sorted(TOP_KEYS))}.")
    d = {norm_name(k): v for k, v in data.items()}
    m = Mapping(path)
    m.header_rows = _count(path, d, "rubrikrader", 1, 1)
    m.skip_rows = _count(path, d, "hoppa_over", 0, 0)
    if "avgransare" in d:
        delim = d["avgransare"]
        if delim in ("\\t", "tab", "tabb"):
            delim = "\t"
        if not isinstance(delim, str) or len(delim) != 1:
            raise _bad(path, "”avgransare” ska vara ett tecken, till exempel \";\" eller \",\".")
        m.delimiter = delim
    if "blad" in d:
        m.sheet = str(d["blad"])
    if "till" in d:
        target = norm_name(str(d["till"]))
        if target not in TARGETS:
            raise _bad(path, f"”till\" ska vara \"utvarderingar\" eller \"deltagare\", inte "
                             f"{d['till']!r}.")
        m.target = target
    m.guests = _flag(path, d, "gaster")
    m.organizer = _flag(path, d, "organisator")
    m.columns = _columns(path, d.get("kolumner", {}))
    m.recode = _recodings(path, d.get("omkodning", {}))
    return m


def _count(path: Path, d: dict, key: str, default: int, least: int) -> int:
    value = d.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= 20:
        raise _bad(path, f"”{key}” ska vara ett heltal från {least} till 20, inte {value!r}.")
    return value


def _flag(path: Path, d: dict, key: str) -> bool:
    value = d.get(key, False)
    if not isinstance(value, bool):
        raise _bad(path, f"”{key}” ska vara true eller false, inte {value!r}.")
    return value


def _field_name(path: Path, key: str, section: str) -> str:
    name = norm_name(key)
    if name in FIELDS or (section == "kolumner" and name == RESPONSE):
        return name
    allowed = list(FIELDS) + ([RESPONSE] if section == "kolumner" else [])
    raise _bad(path, f"fältet {key!r} i [{section}] finns inte. Tillåtna fält är "
                     f"{join(allowed)}.")


def _columns(path: Path, table: object) -> dict[str, str]:
    if not isinstance(table, dict):
        raise _bad(path, "[kolumner] ska vara en tabell: fält = \"kolumnens rubrik\".")
    out = {}
    for key, ref in table.items():
        name = _field_name(path, key, "kolumner")
        if isinstance(ref, int) and not isinstance(ref, bool):
            ref = str(ref)
        if not isinstance(ref, str) or not ref.strip():
            raise _bad(path, f"{key} i [kolumner] ska vara en kolumns rubrik eller bokstav "
                             "inom citattecken.")
        out[name] = ref
    return out


def _recodings(path: Path, table: object) -> dict[str, dict[str, str]]:
    if not isinstance(table, dict):
        raise _bad(path, "[omkodning.FÄLT] ska vara tabeller: \"svar i filen\" = \"värde\".")
    out: dict[str, dict[str, str]] = {}
    for key, pairs in table.items():
        name = _field_name(path, key, "omkodning")
        if not isinstance(pairs, dict):
            raise _bad(path, f"[omkodning.{key}] ska ha rader som \"svar i filen\" = \"värde\".")
        codes = {}
        for raw, value in pairs.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(int(value)) if float(value).is_integer() else str(value)
            if not isinstance(value, str):
                raise _bad(path, f"[omkodning.{key}] {raw!r} ska ges ett värde inom "
                                 "citattecken.")
            if value.strip():  # "" = not filled in yet (a starting mapping's lines)
                codes[fold(str(raw))] = value.strip()
        out[name] = codes
    return out


def resolve(mapping: Mapping, names: list[str], grid: Grid) -> dict[str, int]:
    """Field (and "svar") -> column index, from the mapping's references."""
    out = {}
    for name, ref in mapping.columns.items():
        out[name] = find_column(mapping, ref, names, grid, name)
    return out


def find_column(mapping: Mapping, ref: str, names: list[str], grid: Grid, name: str) -> int:
    """A column named by its whole header, one header row's text, or its letter/number."""
    want = fold(ref)
    whole = [j for j, n in enumerate(names) if fold(n) == want]
    if len(whole) == 1:
        return whole[0]
    part = [j for j, n in enumerate(names) if want in (fold(p) for p in n.split(" / "))]
    if len(whole) > 1 or len(part) > 1:
        hits = whole if len(whole) > 1 else part
        shown = join([_where(j, grid) for j in hits])
        raise _bad(mapping.path, f"{name} = {ref!r} passar flera kolumner ({shown}). Ange "
                                 "kolumnens bokstav eller hela rubriken i stället.")
    if part:
        return part[0]
    if ref.strip().isdigit() and not grid.is_workbook:
        j = int(ref) - 1
        if 0 <= j < len(names):
            return j
    j = letter_index(ref)
    if j is not None and j < len(names):
        return j
    shown = join([f"”{n}”" for n in names[:12] if n]) or "inga"
    raise _bad(mapping.path, f"{name} = {ref!r} är ingen kolumn i {grid.path.name}. Kolumnerna "
                             f"är {shown}. Rätta raden i [kolumner].")


def _where(j: int, grid: Grid) -> str:
    from .grid import column_letter

    return f"kolumn {column_letter(j)}" if grid.is_workbook else f"kolumn {j + 1}"
