""""Menade du …?": the known values closest to an unknown one, case ignored, at bounded cost.

An unknown id usually comes alone (a typo); thousands of them mean a systematic mistake (the
wrong table, a renamed series) where a suggestion per row helps nobody. So each distinct value
is looked up once, a value that differs from a known one only in case is found by a dict, and
the similarity search (one comparison per candidate) stops when ``BUDGET`` comparisons are
spent: the cost is bounded whatever the size of the register (3,000 unknown ids against 350
sessions: about 0.2 s).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

BUDGET = 20_000  # similarity comparisons per list of candidates (about 12 µs each)
CUTOFF = 0.6
MAX_SHOWN = 3


class Suggester:
    """Suggestions among ``candidates`` (in their own spelling), each distinct value once."""

    def __init__(self, candidates: Iterable[object]) -> None:
        self._by_folded: dict[str, str] = {}
        for candidate in candidates:
            text = str(candidate)
            if text:
                self._by_folded.setdefault(text.casefold(), text)
        self._folded = sorted(self._by_folded)
        self._seen: dict[str, list[str]] = {}
        self._budget = BUDGET
        self.compared = 0  # candidates compared so far (the cost, for tests)

    def close(self, value: object) -> list[str]:
        """The known spellings closest to ``value``: an exact match but for case alone when
        there is one, else up to three by similarity; [] once the budget is spent."""
        text = str(value)
        if text in self._seen:
            return self._seen[text]
        folded = text.casefold()
        if folded in self._by_folded:  # case alone; nothing to suggest if it is the same
            found = [self._by_folded[folded]] if self._by_folded[folded] != text else []
        elif self._budget >= len(self._folded):
            self._budget -= len(self._folded)
            found = [self._by_folded[f] for f in self._closest(folded)]
        else:
            found = []
        self._seen[text] = found
        return found

    def _closest(self, folded: str) -> list[str]:
        """difflib's get_close_matches, but ties in the order a reader expects (1, 2, 3)."""
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(folded)
        scored = []
        for candidate in self._folded:
            matcher.set_seq1(candidate)
            if (matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF
                    and matcher.ratio() >= CUTOFF):
                scored.append((-matcher.ratio(), candidate))
        self.compared += len(self._folded)
        return [candidate for _, candidate in sorted(scored)[:MAX_SHOWN]]

    def sentence(self, value: object) -> str:
        """' Menade du ”a”, ”b” eller ”c”?' (with a leading space), or '' when none is close."""
        from pk_report.swedish import join, quote

        found = self.close(value)
        return f" Menade du {join([quote(f) for f in found], 'eller')}?" if found else ""
