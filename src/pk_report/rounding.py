"""Whole-number rounding as the contract defines it, exact (integer arithmetic, no floats)."""

from __future__ import annotations

from fractions import Fraction


def percent(part: int, whole: int, mode: str = "nedat") -> int | None:
    """``part`` of ``whole`` in whole percent; 'nedat' truncates (57/87 = 65), 'narmaste' rounds
    half up. ``None`` when ``whole`` is zero."""
    if not whole:
        return None
    if mode == "narmaste":
        return (200 * part + whole) // (2 * whole)
    return (100 * part) // whole


def half_up(value: Fraction | int | float, decimals: int = 0) -> float | int:
    """Round half up (away from zero for positives) to ``decimals`` places."""
    q = Fraction(value) * 10**decimals
    n = (q + Fraction(1, 2)).__floor__() if q >= 0 else -((-q + Fraction(1, 2)).__floor__())
    return n if decimals == 0 else n / 10**decimals


def divide_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up (away from zero), in integers only; the same
    as ``half_up(Fraction(numerator, denominator))``. ``denominator`` must be positive."""
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def parts_of_100(counts: list[int], groups: list[tuple[list[int], int]]) -> list[int]:
    """Whole percents of ``counts`` (of their sum) that add up to 100: each group of positions
    gets exactly its target (e.g. the grades counted as mycket nöjd get the share the text
    states), shared within the group by the largest remainder. Every percent is within one of
    its exact value. ``groups`` must cover every position once; the targets add up to 100."""
    whole = sum(counts)
    out = [0] * len(counts)
    if not whole:
        return out
    for positions, target in groups:
        exact = {i: Fraction(100 * counts[i], whole) for i in positions}
        for i in positions:
            out[i] = exact[i].__floor__()
        # largest remainder first (then the larger count, then the earlier position)
        order = sorted(positions, key=lambda i: (-(exact[i] - out[i]), -counts[i], i))
        short = target - sum(out[i] for i in positions)
        for i in order[:max(short, 0)]:
            out[i] += 1
        for i in reversed(order) if short < 0 else []:  # never expected; kept exact anyway
            if short == 0:
                break
            if out[i] > 0:
                out[i] -= 1
                short += 1
    return out
