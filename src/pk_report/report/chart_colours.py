"""The charts' colours and their contrast (WCAG 2.1: 3:1 for a graphical object, 4.5:1 for
text), apart from the drawing so both stay small."""

from __future__ import annotations

INK = "#222222"  # the text and every outline (as charts.INK)
# The grade chart's blues, light to dark, far apart in grey; with dark text on the two light
# and white text on the others every label has at least 4.5:1 (tests/test_chart_layout.py).
BLUES = ("#E3EEF8", "#A9CBEA", "#2F75B5", "#1B4F86", "#0B2E55")


def luminance(colour: str) -> float:
    """WCAG's relative luminance of a "#rrggbb" colour."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def stack_colours(k: int) -> list[str]:
    """``k`` blues from light to dark, evenly apart in grey (each segment also has a dark
    outline, which gives it its 3:1 against white and its neighbours)."""
    if k <= 1:
        return [BLUES[-2]]
    return [BLUES[round(i * (len(BLUES) - 1) / (k - 1))] for i in range(k)]


def label_colour(fill: str) -> str:
    """Dark or white text on ``fill``, whichever has the higher contrast (at least 4.5:1 on
    every colour of ``BLUES``)."""
    return INK if contrast(INK, fill) >= contrast("#ffffff", fill) else "#ffffff"
