"""The one anonymity gate of the report (``anonymitetsgrans``, docs/beslut.md).

Every figure of the report that comes from the evaluations' grades or comments passes here:
a course with fewer evaluations than the threshold is told only as a count, and an aggregate
over several courses (the year's satisfaction, a period's year) leaves such courses out
whenever their forms together are also fewer than the threshold, so that the aggregate minus
the courses shown cannot give a hidden course's grades away. ``stats`` is the clerk's own tool
over the clerk's own register and keeps exact figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

MIN_THRESHOLD = 3  # a lower anonymitetsgrans is raised to this, with a warning from validera


def course_hidden(evaluations: int, threshold: int) -> bool:
    """Whether a course's evaluations are told only as a count (some, but too few)."""
    return 0 < evaluations < threshold


def counted_in_aggregate(forms: Mapping[str, int], threshold: int) -> set[str]:
    """The courses (keys of ``forms``: evaluations per course) whose forms may enter an
    aggregate over them. The hidden courses count only when their forms together reach the
    threshold; then the aggregate minus the shown courses tells no fewer forms than a shown
    course would."""
    hidden = {k for k, n in forms.items() if course_hidden(n, threshold)}
    hidden_forms = sum(forms[k] for k in hidden)
    if 0 < hidden_forms < threshold:
        return {k for k in forms if k not in hidden}
    return set(forms)


def left_out_forms(forms: Mapping[str, int], counted: Iterable[str]) -> int:
    """The forms an aggregate over ``counted`` leaves out."""
    kept = set(counted)
    return sum(n for k, n in forms.items() if k not in kept)
