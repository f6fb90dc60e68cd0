"""Phrases a line never breaks inside (issue 20 point 3), in every format from one tree.

A year span ("2008–2010") gets word joiners (U+2060) around its dash; "§ 126", "23 juni 2009",
"731 322 kronor", "12 %", "minst 582" get a no-break space (U+00A0) where the Markdown had a space. Word,
Typst and browsers all keep such a phrase on one line. Applied to the tree's inlines and to
the title, which the writers get as metadata.
"""

from __future__ import annotations

import re

WJ, NBSP = "\u2060", "\u00a0"
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
UNITS = ("kronor", "kr", "procent", "%", "timmar", "deltagare", "deltaganden")
_SPAN = re.compile(r"(?<=\b\d{4})([–-])(?=\d{4}\b)")
_NUMBER_END = re.compile(r"\d$")
_DAY = re.compile(r"(^|\D)\d{1,2}$")
_MONTH_END = re.compile(r"(?:^|\u00a0)(?:" + "|".join(MONTHS) + r")$")
_YEAR = re.compile(r"\d{4}(?!\d)")
_BOUND_END = re.compile(r"(?:^|\u00a0)(?:minst|högst|cirka)$", re.IGNORECASE)  # "minst 582"
_WORD = re.compile(r"[\w%]+")


def text(value: str) -> str:
    """``value`` with word joiners in its year spans (for the title)."""
    return _SPAN.sub(WJ + r"\1" + WJ, value)


def _joined(left: str, right: str) -> bool:
    """Whether a space between ``left`` and ``right`` must not break."""
    word = (_WORD.match(right) or [""])[0]
    if left.endswith("§"):
        return bool(_NUMBER_END.search(word) or word[:1].isdigit())
    if _DAY.search(left) and word in MONTHS:
        return True
    if _MONTH_END.search(left) and _YEAR.match(right):
        return True
    if _BOUND_END.search(left) and word[:1].isdigit():
        return True
    return bool(_NUMBER_END.search(left)) and word in UNITS


def _inlines(items: list) -> list:
    out: list = []
    for item in items:
        if isinstance(item, dict) and item.get("t") == "Str":
            item = {"t": "Str", "c": text(item["c"])}
            if len(out) >= 2 and out[-1].get("t") == "Space" and out[-2].get("t") == "Str" \
                    and _joined(out[-2]["c"], item["c"]):
                out.pop()
                out[-1] = {"t": "Str", "c": out[-1]["c"] + NBSP + item["c"]}
                continue
        out.append(item)
    return out


def keep_together(tree: dict) -> dict:
    """Every list of inlines in ``tree`` with its phrases joined."""

    def fix(value: object) -> object:
        if isinstance(value, list):
            value = [fix(v) for v in value]
            if any(isinstance(v, dict) and v.get("t") == "Str" for v in value):
                value = _inlines(value)
            return value
        if isinstance(value, dict):
            if value.get("t") == "Image":  # an alt text is heard, not laid out
                return value
            return {k: fix(v) for k, v in value.items()}
        return value

    tree["blocks"] = fix(tree["blocks"])
    return tree

