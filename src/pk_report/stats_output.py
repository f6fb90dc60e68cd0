"""``pk-report stats`` output: rich tables, CSV for Swedish Excel, JSON for programs."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from pk_report import swedish
from pk_report.breakdowns import (KON_ORDER, ROLE_ORDER, attendances, evaluations_of,
                                  participants_by, satisfaction_by_gender)
from pk_report.dataset import Dataset
from pk_report.metrics import STATS_KEYS, stats_records
from pk_report.schema import KON_LABELS, ORGTYP_ORDER
from pk_report.textsafe import csv_cell

SHORT = {"genomforda_tillfallen": "Tillf.", "deltagare": "Delt.", "politiker": "Pol.",
         "tjansteman": "Tjm.", "utvarderingar": "Utv.", "svarsfrekvens": "Svar",
         "andel_mycket_nojda": "Nöjda", "medelbetyg": "Betyg", "kostnad": "Kostnad",
         "kostnad_per_deltagare": "Kr/delt.", "status": "Status"}
HEADINGS = {
    "ar": "År", "kurs_id": "Id", "kurs": "Kurs", "tema": "Tema", "i_plan": "I plan",
    "status": "Status", "planerade_tillfallen": "Planerade", "genomforda_tillfallen": "Genomförda",
    "installda_tillfallen": "Inställda", "framflyttade_tillfallen": "Framflyttade",
    "inbjudna": "Inbjudna", "anmalda": "Anmälda", "deltagare": "Deltagare",
    "unika_personer": "Personer", "politiker": "Politiker", "tjansteman": "Tjänstemän",
    "kvinnor": "Kvinnor", "man": "Män", "utvarderingar": "Utvärderingar",
    "svarsfrekvens": "Svarsfrekvens", "andel_mycket_nojda": "Mycket nöjda",
    "medelbetyg": "Medelbetyg", "kostnad": "Kostnad (kr)",
    "kostnad_per_deltagare": "Kr/deltagare",
}
TABLE_KEYS = ["kurs_id", "status", "genomforda_tillfallen", "deltagare", "politiker",
              "utvarderingar", "svarsfrekvens", "andel_mycket_nojda", "kostnad"]
PERCENT_KEYS = {"svarsfrekvens", "andel_mycket_nojda"}


def per_table(ds: Dataset, sessions: pd.DataFrame, courses: pd.DataFrame, per: str
              ) -> pd.DataFrame:
    """A breakdown per course: columns are groups; rows are the selected courses (one row per
    session with ``per="tillfalle"``, from the metrics' ``sessions``)."""
    keys = ["ar", "kurs_id", "kurs"]
    base = courses[keys].copy()
    if per == "tillfalle":
        s = sessions.merge(courses[["ar", "kurs_id", "kurs"]], on=["ar", "kurs_id"])
        s["datum"] = [d.isoformat() if d is not None else "" for d in s["datum"]]
        return s[["ar", "kurs_id", "kurs", "tillfalle_id", "datum", "omfattning", "status",
                  "anmalda", "deltagare", "politiker", "tjansteman", "kvinnor", "man"]]
    if per == "kon":
        counts = participants_by(ds, "kon").rename(columns=lambda k: f"deltagare_{KON_LABELS[k]}")
        out = base.join(counts, on=["ar", "kurs_id"])
        shares = []
        for ar, kurs_id in zip(courses["ar"], courses["kurs_id"]):
            groups = satisfaction_by_gender(ds, evaluations_of(ds, ar, kurs_id))
            shares.append({f"mycket_nojda_{KON_LABELS[k]}": groups[k].andel_mycket_nojda
                           if k in groups else None for k in KON_ORDER})
        return pd.concat([out.reset_index(drop=True), pd.DataFrame(shares)], axis=1)
    order = ORGTYP_ORDER if per == "organisationstyp" else ROLE_ORDER
    counts = participants_by(ds, per, attendances(ds))
    counts = counts.reindex(columns=[c for c in order if c in counts.columns])
    return base.join(counts, on=["ar", "kurs_id"])


def to_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_csv(frame: pd.DataFrame) -> str:
    """';' between fields, decimal comma, ja/nej; the caller writes it as UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def _csv_value(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)).replace(".", ",")
    return csv_cell(str(value))


def records_frame(courses: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(stats_records(courses), columns=STATS_KEYS)


def cell(key: str, value) -> str:
    """A value as the terminal table shows it."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    if key in PERCENT_KEYS or key.startswith("mycket_nojda_"):
        return swedish.percent_cell(int(value))
    if key == "medelbetyg":
        return swedish.decimal(value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if key == "ar":
        return str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return swedish.integer(value)
    return str(value)


def rich_tables(frame: pd.DataFrame, keys: list[str] | None, title: str):
    """One rich Table (numbers right-aligned, Swedish headings)."""
    from rich import box
    from rich.table import Table

    keys = keys or list(frame.columns)
    table = Table(title=title, header_style="bold", title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False)
    rows = [[cell(k, v) for k, v in zip(keys, row)] for row in frame[keys].itertuples(index=False)]
    for i, key in enumerate(keys):
        numeric = key not in {"kurs", "kurs_id", "status", "tema", "tillfalle_id", "datum",
                              "omfattning", "i_plan"}
        heading = SHORT.get(key) or HEADINGS.get(key) or key.replace("_", " ").capitalize()
        widest = max([len(heading)] + [len(r[i]) for r in rows]) if numeric else None
        table.add_column(heading, justify="right" if numeric else "left", overflow="fold",
                         no_wrap=numeric, min_width=widest if numeric else min(len(heading) + 4, 12))
    for row in rows:
        table.add_row(*row)
    return table


def stats_text(ds: Dataset, sessions: pd.DataFrame, courses: pd.DataFrame, per: str | None,
               fmt: str) -> str | object:
    """The stats output: a str for csv/json, a rich renderable for the terminal table."""
    if per:
        frame = per_table(ds, sessions, courses, per)
        if fmt == "json":
            return to_json(json.loads(frame.to_json(orient="records", force_ascii=False)))
        if fmt == "csv":
            return to_csv(frame)
        return rich_tables(frame, None, f"Per {per}")
    if fmt == "json":
        return to_json(stats_records(courses))
    if fmt == "csv":
        return to_csv(records_frame(courses))
    from rich.console import Group

    frame = records_frame(courses)
    return Group(*[rich_tables(frame[frame["ar"] == year], TABLE_KEYS, f"Kurser {year}")
                   for year in dict.fromkeys(frame["ar"])])
