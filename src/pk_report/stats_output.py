"""``pk-report stats`` output: rich tables, CSV for Swedish Excel, JSON for programs."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from pk_report import swedish
from pk_report.breakdowns import (ROLE_ORDER, attendances, evaluations_of, participants_by,
                                  satisfaction_by_gender)
from pk_report.dataset import Dataset
from pk_report.metrics import STATS_KEYS, stats_records
from pk_report.names import norm_name
from pk_report.schema import ORGTYP_ORDER
from pk_report.textsafe import clean, csv_cell

SHORT = {"genomforda_tillfallen": "Tillf.", "deltagare": "Deltaganden",
         "politiker": "därav pol.", "tjansteman": "därav tjm.", "utvarderingar": "Utv.", "svarsfrekvens": "Svar",
         "andel_mycket_nojda": "Nöjda", "medelbetyg": "Betyg", "kostnad": "Kostnad",
         "kostnad_per_deltagare": "Kr/deltag.", "status": "Status"}
HEADINGS = {
    "ar": "År", "kurs_id": "Id", "kurs": "Kurs", "tema": "Tema", "i_plan": "I plan",
    "status": "Status", "planerade_tillfallen": "Planerade", "genomforda_tillfallen": "Genomförda",
    "installda_tillfallen": "Inställda", "framflyttade_tillfallen": "Framflyttade",
    "inbjudna": "Inbjudna", "anmalda": "Anmälda", "deltagare": "Deltagare",
    "unika_personer": "Personer", "politiker": "Politiker", "tjansteman": "Tjänstemän",
    "kvinnor": "Kvinnor", "man": "Män", "utvarderingar": "Utvärderingar",
    "svarsfrekvens": "Svarsfrekvens", "andel_mycket_nojda": "Mycket nöjda",
    "medelbetyg": "Medelbetyg", "kostnad": "Kostnad (kr)",
    "kostnad_per_deltagare": "Kr/deltagande", "tillfalle_id": "Tillfälle",
    "fullmaktige": "Fullmäktige", "ovrigt": "Övrigt",
}
# --per keys: ASCII and the contract's spelling (kvinnor, man, tjansteman), every group always
KON_KEYS = {"K": "kvinnor", "M": "man", "X": "annat", "": "okant"}
ROLE_KEYS = {role: norm_name(role) for role in ROLE_ORDER}  # "vice ordförande" -> vice_ordforande
GROUP_WORDS = {"kvinnor": "kvinnor", "man": "män", "annat": "annat", "okant": "okänt kön"}
PREFIXES = {"mycket_nojda_": "Mycket nöjda "}  # --per kon
PER_HEADINGS = {"annat": "Annat", "okant": "Okänt kön", "ordforande": "Ordförande",
                "vice_ordforande": "Vice ordförande", "ledamot": "Ledamöter",
                "ersattare": "Ersättare", "chef": "Chefer", "stadsdel": "Stadsdel",
                "fack": "Fack", "bolag": "Bolag", "kommunstyrelse": "Kommunstyrelse",
                "stiftelse": "Stiftelse"}
PER_TITLES = {"organisationstyp": "Deltaganden per organisationstyp (politiker och tjänstemän)",
              "roll": "Deltaganden per roll", "kon": "Deltaganden och andel mycket nöjda per kön",
              "tillfalle": "Per tillfälle"}
SESSION_KEYS = ["ar", "kurs_id", "kurs", "tillfalle_id", "datum", "omfattning", "status",
                "anmalda", "deltagare", "politiker", "tjansteman", "kvinnor", "man"]
ATTENDANCE_KEYS = ["deltagare", "politiker", "tjansteman", "kvinnor", "man"]

TABLE_KEYS = ["kurs_id", "kurs", "status", "genomforda_tillfallen", "deltagare", "politiker",
              "utvarderingar", "svarsfrekvens", "andel_mycket_nojda", "kostnad"]
PERCENT_KEYS = {"svarsfrekvens", "andel_mycket_nojda"}
TABLE_CAPTION = ("Deltaganden: en person räknas vid varje tillfälle hen deltog vid; därav pol.: "
                 "politikernas deltaganden. Svar: utvärderingar mot de deltagande politikerna "
                 "(mot deras deltaganden där utvärderingarna lämnades vid varje tillfälle), – "
                 "för en kurs utan utvärderingar. Nöjda: andel som gav ett betyg som räknas "
                 "som mycket nöjd.")


def heading(key: str) -> str:
    """A column's Swedish heading in the terminal (JSON and CSV keep the keys)."""
    if key in SHORT:
        return SHORT[key]
    if key in HEADINGS:
        return HEADINGS[key]
    if key in PER_HEADINGS:
        return PER_HEADINGS[key]
    for prefix, words in PREFIXES.items():
        if key.startswith(prefix):
            rest = key[len(prefix):]
            return words + GROUP_WORDS.get(rest, rest)
    return key.replace("_", " ").capitalize()


def per_records(ds: Dataset, sessions: pd.DataFrame, courses: pd.DataFrame, per: str
                ) -> list[dict]:
    """A breakdown per course: one dict per selected course (per session with
    ``per="tillfalle"``, from the metrics' ``sessions``), every group a key of its own with a
    plain int, ``None`` where a figure is undefined."""
    base = [{"ar": int(ar), "kurs_id": kurs_id, "kurs": kurs}
            for ar, kurs_id, kurs in zip(courses["ar"], courses["kurs_id"], courses["kurs"])]
    if per == "tillfalle":
        s = sessions.merge(courses[["ar", "kurs_id", "kurs"]], on=["ar", "kurs_id"])
        out = []
        for row in s[SESSION_KEYS + ["held"]].itertuples(index=False):
            record = {key: _plain(getattr(row, key)) for key in SESSION_KEYS}
            record["datum"] = row.datum.isoformat() if row.datum is not None else ""
            if not row.held:  # a cancelled or moved session had no participants
                record.update(dict.fromkeys(ATTENDANCE_KEYS))
            out.append(record)
        return out
    if per == "kon":
        counts = _counts(participants_by(ds, "kon"), KON_KEYS)
        for record in base:
            record.update(counts.get((record["ar"], record["kurs_id"]),
                                     dict.fromkeys(KON_KEYS.values(), 0)))
            groups = satisfaction_by_gender(ds, evaluations_of(ds, record["ar"], record["kurs_id"]))
            record.update({f"mycket_nojda_{key}": _plain(groups[k].andel_mycket_nojda)
                           if k in groups else None for k, key in KON_KEYS.items()})
        return base
    keys = ({o: o for o in ORGTYP_ORDER} if per == "organisationstyp" else ROLE_KEYS)
    counts = _counts(participants_by(ds, per, attendances(ds)), keys)
    for record in base:
        record.update(counts.get((record["ar"], record["kurs_id"]), dict.fromkeys(keys.values(), 0)))
    if per == "organisationstyp":  # added keys (docs/beslut.md): the officials among them, the
        # head counts that have no organisation, and the contract's deltagare they add up to
        for record, officials, heads, total in zip(base, courses["tjansteman"], courses["huvudantal"],
                                                    courses["deltagare"]):
            record.update(endast_antal=int(heads), deltagare=int(total), tjansteman=int(officials))
    return base


def _counts(table: pd.DataFrame, keys: dict[str, str]) -> dict[tuple, dict[str, int]]:
    """(ar, kurs_id) -> {key: count} for every group in ``keys`` (0 where none)."""
    out = {}
    for (ar, kurs_id), row in zip(table.index, table.to_dict("records")):
        out[(int(ar), kurs_id)] = {key: int(row.get(group, 0)) for group, key in keys.items()}
    return out


def _plain(value):
    """A numpy or pandas scalar as the plain Python value JSON writes (int, not 40.0)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def per_table(ds: Dataset, sessions: pd.DataFrame, courses: pd.DataFrame, per: str
              ) -> pd.DataFrame:
    """``per_records`` as a frame of plain values (object columns: ints stay ints)."""
    records = per_records(ds, sessions, courses, per)
    columns = list(records[0]) if records else ["ar", "kurs_id", "kurs"]
    return pd.DataFrame(records, columns=columns, dtype=object)


def to_json(records: list[dict]) -> str:
    """Every text cleaned as the report cleans it (no ESC, C1 or bidi override reaches the
    terminal or the program that reads the JSON)."""
    shown = [{k: clean(v) if isinstance(v, str) else v for k, v in r.items()} for r in records]
    return json.dumps(shown, ensure_ascii=False, indent=2) + "\n"


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
    return csv_cell(clean(value))


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
    return clean(value)


TEXT_COLUMNS = {"kurs", "kurs_id", "status", "tema", "tillfalle_id", "datum", "omfattning",
                "i_plan"}
PROSE_COLUMNS = {"kurs"}  # shortened first when the terminal is narrow
ID_COLUMNS = {"kurs_id"}  # left out when the name, shortened, is there (issue 19 point 19)
SHORTEST_NAME = 12  # a course name is never cut shorter than this


class FittedTable:
    """A rich table (numbers right-aligned, Swedish headings) that never folds an id, a date
    or a figure and is never cut off.

    It is shown whole when the terminal is wide enough; else without the course names (the
    ids are there); else as one small card of headings and values per row. Columns are one
    space apart (the box's divider, no padding, no edge).
    """

    def __init__(self, frame: pd.DataFrame, keys: list[str] | None, title: str):
        self.keys = keys or list(frame.columns)
        self.title = title
        self.rows = [[cell(k, v) for k, v in zip(self.keys, row)]
                     for row in frame[self.keys].itertuples(index=False)]
        self.headings = [heading(k) for k in self.keys]
        self.widest = [max([len(h)] + [len(r[i]) for r in self.rows])
                       for i, h in enumerate(self.headings)]

    def width(self, shown: list[int]) -> int:
        return sum(self.widest[i] for i in shown) + len(shown) - 1

    def table(self, shown: list[int]):
        from rich import box
        from rich.table import Table

        table = Table(title=self.title, header_style="bold", title_justify="left",
                      box=box.SIMPLE_HEAD, show_edge=False, padding=0)
        for i in shown:
            numeric = self.keys[i] not in TEXT_COLUMNS
            table.add_column(self.headings[i], justify="right" if numeric else "left",
                             no_wrap=True, min_width=self.widest[i])
        from rich.text import Text

        for row in self.rows:  # Text: a name's "[bold]" is shown, not obeyed as rich markup
            table.add_row(*(Text(row[i]) for i in shown))
        return table

    def cards(self, console, options):
        """One small card per row. An id, a date or a figure is never folded: a card is drawn
        at least as wide as its widest such value, wider than the terminal if need be (the
        console does not crop), and only a name (prose) folds."""
        from rich.table import Table
        from rich.text import Text

        yield Text(self.title, style="italic")
        width = max(len(h) for h in self.headings)
        solid = [i for i, k in enumerate(self.keys) if k not in PROSE_COLUMNS]
        for row in self.rows:
            card = Table.grid(padding=(0, 1))
            card.add_column(style="bold", min_width=width, no_wrap=True)
            card.add_column(overflow="fold")
            for i, (heading, value) in enumerate(zip(self.headings, row)):
                card.add_row(heading, Text(value, no_wrap=i in solid))
            needed = width + 1 + max((len(row[i]) for i in solid), default=0)
            yield Text()
            yield from console.render(card, options.update(width=max(options.max_width, needed)))

    def __rich_console__(self, console, options):
        everything = list(range(len(self.keys)))
        for shown in (everything, self._named(options.max_width)):
            if shown and self.width(shown) <= options.max_width:
                yield self.table(shown)
                return
        terse = [i for i in everything if self.keys[i] not in PROSE_COLUMNS]
        if self.width(terse) <= options.max_width:
            yield self.table(terse)
            return
        yield from self.cards(console, options)

    def _named(self, max_width: int) -> list[int]:
        """The columns without the id, the course name shortened to what is left ('Vidareutbildn…'),
        when the name keeps at least ``SHORTEST_NAME`` characters; else empty. The name says
        more to a reader than the internal id."""
        prose = [i for i, k in enumerate(self.keys) if k in PROSE_COLUMNS]
        if len(prose) != 1 or not any(k in ID_COLUMNS for k in self.keys):
            return []
        shown = [i for i, k in enumerate(self.keys) if k not in ID_COLUMNS]
        name = prose[0]
        room = max_width - (self.width(shown) - self.widest[name])
        if room < SHORTEST_NAME:
            return []
        if room < self.widest[name]:
            short = [_middle(r[name], room) for r in self.rows]
            if len(set(short)) < len({r[name] for r in self.rows}):
                return []  # shortened names would look alike: the ids say more
            self.rows = [r[:name] + [v] + r[name + 1:] for r, v in zip(self.rows, short)]
            self.widest[name] = room
        return shown


def _middle(text: str, room: int) -> str:
    """``text`` in at most ``room`` characters, its beginning and end kept around an ellipsis
    ('Vidareu…tvådagars'): course names differ most often at the end."""
    if len(text) <= room:
        return text
    head = (room - 1) // 2
    tail = room - 1 - head
    return text[:head].rstrip() + "…" + text[len(text) - tail:].lstrip()


def stats_text(ds: Dataset, sessions: pd.DataFrame, courses: pd.DataFrame, per: str | None,
               fmt: str) -> str | object:
    """The stats output: a str for csv/json, a rich renderable for the terminal table."""
    if per:
        if fmt == "json":
            return to_json(per_records(ds, sessions, courses, per))
        frame = per_table(ds, sessions, courses, per)
        if fmt == "csv":
            return to_csv(frame)
        return FittedTable(frame, None, PER_TITLES[per])
    if fmt == "json":
        return to_json(stats_records(courses))
    if fmt == "csv":
        return to_csv(records_frame(courses))
    from rich.console import Group

    frame = records_frame(courses)
    frame.loc[frame["utvarderingar"] == 0, "svarsfrekvens"] = None  # "–": nothing to rate
    from rich.text import Text

    return Group(*[FittedTable(frame[frame["ar"] == year], TABLE_KEYS, f"Kurser {year}")
                   for year in dict.fromkeys(frame["ar"])], Text(TABLE_CAPTION))
