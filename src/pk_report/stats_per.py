"""``pk-report stats --per`` in the terminal: what each column counts, said under the table.

JSON and CSV keep every course and the keys (``stats_output.per_records``); the terminal table
leaves out the courses that were not given (rows of zeros say nothing) and names them, uses
short headings that fit one table in 80 columns, and says in a caption line what it counts.
"""

from __future__ import annotations

import pandas as pd

from pk_report.stats_output import FittedTable
from pk_report.swedish import join

SHORT = {"stadsdel": "Stadsdel", "fack": "Fack", "bolag": "Bolag", "kommunstyrelse": "KS",
         "fullmaktige": "KF", "stiftelse": "Stift.", "ovrigt": "Övr.", "endast_antal": "Antal",
         "deltagare": "Totalt", "tjansteman": "därav tjm."}
CAPTIONS = {
    "organisationstyp": "Deltaganden: en person räknas en gång för varje tillfälle hen deltog "
                        "vid. Politiker och tjänstemän räknas efter organisationstyp (KS = "
                        "kommunstyrelsen, KF = fullmäktige); därav tjm. är tjänstemännens deltaganden, som redan ingår i "
                        "organisationstyperna och Totalt. "
                        "Antal: deltagare som bara finns som antal, utan organisation. Totalt = "
                        "organisationstyperna och Antal.",
    "roll": "Deltaganden: en person räknas en gång för varje tillfälle hen deltog vid. "
            "Deltagare som bara finns som antal har ingen roll och är inte med.",
    "kon": "Deltaganden: en person räknas en gång för varje tillfälle hen deltog vid. Mycket "
           "nöjda är andelen av utvärderingarna, – när gruppen är för liten att visa.",
}


class PerTable(FittedTable):
    """A --per table with the short headings of ``SHORT``."""

    def __init__(self, frame: pd.DataFrame, title: str):
        super().__init__(frame, None, title)
        self.headings = [SHORT.get(k, h) for k, h in zip(self.keys, self.headings)]
        self.widest = [max([len(h)] + [len(r[i]) for r in self.rows])
                       for i, h in enumerate(self.headings)]


def per_terminal(frame: pd.DataFrame, courses: pd.DataFrame, per: str, title: str):
    """The terminal's --per table (``per`` one of ``CAPTIONS``): the courses given, a caption
    line, the courses left out."""
    from rich.console import Group
    from rich.text import Text

    given = (courses["status"] == "genomförd").to_numpy(dtype=bool)
    lines = [PerTable(frame[given].reset_index(drop=True), title), Text(CAPTIONS[per])]
    left = [f"{k} ({a})" for k, a in zip(courses.loc[~given, "kurs_id"], courses.loc[~given, "ar"])]
    if left:
        lines.append(Text(f"Kurser som inte genomfördes visas inte: {join(left)}."))
    return Group(*lines)
