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
