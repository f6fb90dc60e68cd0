"""The report's charts: what each shows (``Chart``) and how it is drawn (matplotlib, Agg).

matplotlib is imported only when a chart is drawn (``Chart.png``), so ``stats`` and Markdown
to stdout never load it. Every chart is drawn at its print size (``WIDTH`` inches across, the
text width of an A4 page) with text at the body size, in DejaVu Sans (it ships with
matplotlib), a palette that colour-blind readers and a grey-scale printout can tell apart
(light against dark, hatching on the second series, values written on the bars) and no chart
junk. The PNG has fixed metadata, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from pk_report.report.context import MarkdownText
from pk_report.textsafe import md_inline, xml_text

WIDTH = 5.8  # inches: less than the text width of an A4 or Letter page, so never scaled down
DPI = 200
FONT_SIZE = 11  # points: the body text of reference.docx
DARK, LIGHT = "#0072B2", "#E69F00"  # Okabe–Ito blue and orange: apart in colour and in grey
INK, MUTED = "#222222", "#666666"
MISSING = "saknas"


@dataclass(frozen=True)
class Chart:
    """A chart of the report: ``kind`` says how ``data`` is drawn; ``caption`` and ``alt``
    (Swedish; the alt text states the figures) come from the same numbers as the text.

    ``path`` is where the Markdown finds the PNG, relative to the report
    (``rapport_diagram/deltagare.png``); the Markdown shows the chart alone in its paragraph.
    """

    name: str
    caption: str
    alt: str
    kind: str
    data: dict = field(compare=False)
    path: str = ""
    key: str = ""  # how the templates find it in ``charts``, when not ``name`` ("idi:steg4")

    @property
    def lookup(self) -> str:
        return self.key or self.name

    def placed(self, folder: str) -> Chart:
        return replace(self, path=f"{folder}/{self.name}.png")

    @property
    def markdown(self) -> MarkdownText:
        alt = re.sub(r"[ \t\r\n\f\v\u2028\u2029]+", " ", xml_text(self.alt))  # keeps no-break
        alt = alt.replace("\\", "\\\\").replace('"', '\\"')
        return MarkdownText(f'![{md_inline(self.caption)}]({quote(self.path)}){{alt="{alt}"}}')

    def png(self) -> bytes:
        return draw(self)


def draw(chart: Chart) -> bytes:
    """The chart as PNG bytes (matplotlib's Agg canvas; no pyplot, no global state)."""
    from pk_report.report.render import matplotlib_home

    matplotlib_home()
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context

    with rc_context(_STYLE):
        fig = _DRAW[chart.kind](chart.data)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


_STYLE = {
    "font.family": "DejaVu Sans", "font.size": FONT_SIZE, "axes.titlesize": FONT_SIZE,
    "axes.labelsize": FONT_SIZE, "xtick.labelsize": FONT_SIZE, "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE, "axes.spines.top": False, "axes.spines.right": False,
    "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
    "text.color": INK, "legend.frameon": False, "hatch.color": "white", "hatch.linewidth": 1.2,
    "figure.dpi": DPI, "savefig.dpi": DPI, "path.simplify": False, "svg.hashsalt": "pk-report",
    "axes.unicode_minus": False,
}


def _figure(height: float, width: float = WIDTH):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _number(value: float) -> str:
    from pk_report.swedish import integer

    return integer(round(value))


def _percent(value: float) -> str:
    return f"{round(value)}\u00a0%"


def _values_on_bars_only(ax, value_axis: str) -> None:
    """Every bar carries its value, so the value axis would only repeat them: left out, with
    the category axis's line as the bars' base."""
    (ax.xaxis if value_axis == "x" else ax.yaxis).set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible((side == "left") == (value_axis == "x"))


def _wrap(label: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _legend_above(fig, ax, ncols: int) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside upper left", ncols=ncols, handlelength=1.4,
                   borderaxespad=0.2)


# Horizontal bars: one or two series per category ({"categories", "series": [(label, values)],
# "unit": "antal"|"kronor"}); None is no bar (and no value).

def _hbars(data: dict):
    categories, series = data["categories"], data["series"]
    n, k = len(categories), len(series)
    fig = _figure(0.4 + (0.35 if k > 1 else 0) + n * (0.18 + 0.22 * k))
    ax = fig.add_subplot()
    height = 0.8 / k
    unit = data.get("suffix", "")
    values_shown = [v for _, values in series for v in values if v is not None]
    top = max(values_shown, default=0) or 1
    low = min(values_shown + [0])  # a credit larger than the cost: a bar to the left
    for i, (label, values) in enumerate(series):
        ys = [c + (i - (k - 1) / 2) * height for c in range(n)]
        bars = ax.barh(ys, [v or 0 for v in values], height=height * 0.92, label=label,
                       color=(DARK, LIGHT)[i % 2], hatch=None if i % 2 == 0 else "//",
                       edgecolor="white", linewidth=0)
        ax.bar_label(bars, labels=["" if v is None else _number(v) + unit for v in values],
                     padding=3, fontsize=FONT_SIZE)
    ax.set_yticks(range(n), [_wrap(c) for c in categories])
    ax.invert_yaxis()
    ax.set_xlim(low * 1.3, top * 1.22)
    _values_on_bars_only(ax, "x")
    ax.tick_params(axis="y", length=0)
    if k > 1:
        _legend_above(fig, ax, k)
    return fig


# Stacked to 100 procent: one bar per course ({"categories", "segments": [label, ...],
# "counts": [[n per segment] per category], "labels": [[percent text] per category]}).

def _stacked_percent(data: dict):
    from matplotlib import colormaps

    categories, segments, counts = data["categories"], data["segments"], data["counts"]
    n, k = len(categories), len(segments)
    fig = _figure(1.3 + n * 0.62)
    ax = fig.add_subplot()
    blues = colormaps["Blues"]
    colours = [blues(0.2 + 0.75 * i / max(k - 1, 1)) for i in range(k)]
    left = [0.0] * n
    for j, segment in enumerate(segments):
        widths = [100 * row[j] / sum(row) if sum(row) else 0 for row in counts]
        bars = ax.barh(range(n), widths, left=left, height=0.62, label=segment,
                       color=colours[j], edgecolor="white", linewidth=0.8)
        dark = j >= k / 2
        # a label only where it fits inside its segment: about three percent of the width per
        # character at 11 points ("35 %" from 12 percent, "5 av 7" from 18)
        texts = [data["labels"][i][j] if widths[i] >= 3 * len(data["labels"][i][j]) else ""
                 for i in range(n)]
        ax.bar_label(bars, labels=texts, label_type="center", fontsize=FONT_SIZE,
                     color="white" if dark else INK)
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(range(n), [_wrap(c) for c in categories])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], [_percent(v) for v in (0, 25, 50, 75, 100)])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    _legend_above(fig, ax, min(k, 4))
    return fig


# The IDI matrix: four styles on the two IDI axes ({"cells": {style: text}}).

IDI_PLACES = {"Relator": (0, 1), "Motivator": (1, 1), "Processor": (0, 0), "Producer": (1, 0)}


def _quadrants(data: dict):
    from matplotlib.patches import Rectangle

    fig = _figure(3.6, 4.2)
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    for style, (x, y) in IDI_PLACES.items():
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor="#EEF4FA", edgecolor=MUTED, linewidth=1))
        ax.text(x + 0.5, y + 0.66, style, ha="center", va="center", fontsize=FONT_SIZE)
        ax.text(x + 0.5, y + 0.36, data["cells"][style], ha="center", va="center",
                fontsize=FONT_SIZE + 5, fontweight="bold", color=DARK)
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], ["lägre", "högre"])
    ax.set_yticks([0.5, 1.5], ["lägre", "högre"])
    ax.set_xlabel("Strävan att påverka och styra andra")
    ax.set_ylabel("Strävan efter känslomässig kontakt")
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return fig


# Per year: grouped bars ({"years", "series": [(label, values)], "missing": [year, ...]}),
# stacked bars ({"years", "series", "totals", "missing"}), or lines of percentages.

def _year_bars(data: dict, stacked: bool = False):
    years, series = data["years"], data["series"]
    k = len(series)
    fig = _figure(3.2)
    ax = fig.add_subplot()
    unit = data.get("suffix", "")
    xs = list(range(len(years)))
    width = 0.7 if stacked else 0.8 / k
    bottom = [0.0] * len(years)
    for i, (label, values) in enumerate(series):
        pos = xs if stacked else [x + (i - (k - 1) / 2) * width for x in xs]
        heights = [v or 0 for v in values]
        bars = ax.bar(pos, heights, width=width * 0.92, bottom=bottom if stacked else None,
                      label=label, color=(DARK, LIGHT)[i % 2],
                      hatch=None if i % 2 == 0 else "//", edgecolor="white", linewidth=0)
        if not stacked:
            ax.bar_label(bars, labels=["" if v is None else _number(v) + unit for v in values],
                         padding=2, fontsize=FONT_SIZE)
        if stacked:
            bottom = [b + h for b, h in zip(bottom, heights)]
    if stacked:
        for x, total in zip(xs, data["totals"]):
            if total is not None:
                ax.annotate(_number(total) + unit, (x, total), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom",
                            fontsize=FONT_SIZE)
    top = max([v for _, values in series for v in values if v is not None]
              + [t for t in data.get("totals", []) if t is not None] + bottom + [1])
    low = min([v for _, values in series for v in values if v is not None] + [0])
    ax.set_ylim(low * 1.3, top * 1.15)
    _mark_missing(ax, years, data["missing"], top)
    ax.set_xticks(xs, [str(y) for y in years])
    ax.tick_params(axis="x", length=0)
    _values_on_bars_only(ax, "y")
    _legend_above(fig, ax, k)
    return fig


def _mark_missing(ax, years: list[int], missing: list[int], top: float) -> None:
    for x, year in enumerate(years):
        if year in missing:
            ax.text(x, top * 0.04, MISSING, ha="center", va="bottom", color=MUTED,
                    fontsize=FONT_SIZE, style="italic")


def _year_lines(data: dict):
    years, series = data["years"], data["series"]
    fig = _figure(3.2)
    ax = fig.add_subplot()
    xs = list(range(len(years)))
    styles = [(DARK, "-", "o"), (LIGHT, "--", "s")]
    for i, (label, values) in enumerate(series):
        colour, line, marker = styles[i % 2]
        ys = [float("nan") if v is None else v for v in values]
        ax.plot(xs, ys, color=colour, linestyle=line, marker=marker, markersize=7,
                linewidth=2.2, label=label)
        for x, v in zip(xs, values):
            if v is not None:
                above = _label_above(series, i, x)
                ax.annotate(_percent(v), (x, v), xytext=(0, 8 if above else -8),
                            textcoords="offset points", ha="center",
                            va="bottom" if above else "top", fontsize=FONT_SIZE, color=INK)
    ax.set_ylim(0, 109)
    ax.set_yticks([0, 25, 50, 75, 100], [_percent(v) for v in (0, 25, 50, 75, 100)])
    _mark_missing(ax, years, data["missing"], 100)
    ax.set_xticks(xs, [str(y) for y in years])
    ax.set_xlim(-0.5, len(years) - 0.5)
    ax.tick_params(axis="x", length=0)
    _legend_above(fig, ax, len(series))
    return fig


def _label_above(series, i: int, x: int) -> bool:
    """At ``x``, the higher of two series has its label above the point, the lower below."""
    if len(series) < 2:
        return True
    mine, other = series[i][1][x], series[1 - i][1][x]
    return other is None or mine > other or (mine == other and i == 0)


_DRAW = {"hbars": _hbars, "stacked_percent": _stacked_percent, "quadrants": _quadrants,
         "year_bars": _year_bars, "year_stacked": lambda d: _year_bars(d, stacked=True),
         "year_lines": _year_lines}
