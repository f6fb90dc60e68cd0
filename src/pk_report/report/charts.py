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

from pk_report.report.chart_colours import BLUES, contrast, label_colour, luminance, stack_colours
from pk_report.report.context import MarkdownText
from pk_report.textsafe import md_inline, xml_text

__all__ = ["BLUES", "Chart", "contrast", "draw", "figure", "label_colour", "luminance",
           "stack_colours"]

WIDTH = 5.8  # inches: less than the text width of an A4 or Letter page, so never scaled down
SCREEN_WIDTH = 4.0  # inches: a web page shows it at most 25rem wide, on a phone at 9/10
DPI = 200
FONT_SIZE = 10  # points: the body text of every format (DejaVu Sans, docs/beslut.md)
DARK, LIGHT = "#0072B2", "#E69F00"  # Okabe–Ito blue and orange: apart in colour and in grey
LINE_LIGHT = "#A85300"  # the orange of a line: a line has no outline, so 3:1 on white itself
SERIES, HATCHES = (DARK, LIGHT), (None, "//")
INK, MUTED = "#222222", "#595959"
MISSING = "saknas"
# The layout in inches: a bar, the gap between rows, a text line at FONT_SIZE, and what the
# axes need beside their rows (margins, the legend above, a tick-label row below).
SERIES_BAR, STACK_BAR, ROW_GAP = 0.18, 0.28, 0.1
LINE_HEIGHT = FONT_SIZE * 1.2 / 72
MARGINS, LEGEND, AXIS = 0.2, 0.3, 0.28
LABEL_CHARS, LABEL_LINES = 30, 3


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

    def png(self, width: float = WIDTH) -> bytes:
        return draw(self, width)


def draw(chart: Chart, width: float = WIDTH) -> bytes:
    """The chart as PNG bytes (matplotlib's Agg canvas; no pyplot, no global state), ``width``
    inches across (``SCREEN_WIDTH`` for a web page)."""
    from pk_report.report.render import matplotlib_home

    matplotlib_home()
    from matplotlib import rc_context

    try:
        with rc_context(_STYLE):
            fig = figure(chart, width)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    except Exception as exc:  # a text matplotlib cannot draw: said with the course it names
        raise _not_drawn(chart, exc) from exc
    return buffer.getvalue()


def figure(chart: Chart, width: float = WIDTH):
    """The chart's matplotlib ``Figure`` (call inside ``rc_context(_STYLE)``, as ``draw``)."""
    from pk_report.report.render import matplotlib_home

    matplotlib_home()
    import matplotlib

    matplotlib.use("Agg")
    return _DRAW[chart.kind]({**chart.data, "width": width})


def _texts(data: dict) -> list[str]:
    """The texts from the data a chart draws: course and organisation names, series labels."""
    found = [*data.get("categories", []), *data.get("segments", []),
             *(label for label, _ in data.get("series", [])), *data.get("cells", {}).values()]
    return [t for t in found if isinstance(t, str)]


def _not_drawn(chart: Chart, exc: Exception):
    """An OutputError that names the chart and, where one alone fails, the text to change."""
    from matplotlib import rc_context

    from pk_report.errors import OutputError

    culprit = None
    for text in _texts(chart.data):
        try:
            with rc_context(_STYLE):
                fig = _figure(1)
                fig.text(0, 0, text)
                fig.savefig(io.BytesIO(), format="png")
        except Exception:
            culprit = text
            break
    what = f" Det är texten ”{culprit}” som inte går att rita." if culprit else ""
    return OutputError(f"Diagrammet ”{chart.caption}” gick inte att rita ({type(exc).__name__}: "
                       f"{exc}).{what} Ändra namnet i registret, eller bygg rapporten med "
                       "--utan-diagram.")


_STYLE = {
    "font.family": "DejaVu Sans", "font.size": FONT_SIZE, "axes.titlesize": FONT_SIZE,
    "axes.labelsize": FONT_SIZE, "xtick.labelsize": FONT_SIZE, "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE, "axes.spines.top": False, "axes.spines.right": False,
    "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
    "text.color": INK, "legend.frameon": False, "hatch.color": INK, "hatch.linewidth": 1.0,
    "figure.dpi": DPI, "savefig.dpi": DPI, "path.simplify": False, "svg.hashsalt": "pk-report",
    "axes.unicode_minus": False,
    "text.parse_math": False,  # a course name is text: '$x^2$' and '$\\foo$' are shown as typed
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


def _zero_line(ax, value_axis: str, low: float) -> None:
    """With a negative bar, the bars grow from a visible zero line (not from the axis's edge,
    which then lies left of or below zero)."""
    if low < 0:
        (ax.axvline if value_axis == "x" else ax.axhline)(0, color=INK, linewidth=1.0, zorder=3)
        ax.spines["left" if value_axis == "x" else "bottom"].set_visible(False)


def _label_chars(width: float) -> int:
    """Characters per label line: about two fifths of the chart's width."""
    return max(16, round(LABEL_CHARS * width / WIDTH))


def _wrap(label: str, width: int = LABEL_CHARS) -> str:
    """A category's label on at most ``LABEL_LINES`` lines (a longer name ends in "…"; the
    table beside the chart and the alt text have it in full)."""
    lines = textwrap.wrap(label, width, max_lines=LABEL_LINES, placeholder=" …")
    return "\n".join(lines) or label


def _rows(categories: list[str], bar: float, chars: int = LABEL_CHARS
          ) -> tuple[list[float], list[float], float]:
    """Each category's centre and slot height (inches, top down): a slot is as tall as its bar
    or its label's lines, whichever is taller, so no two labels meet."""
    centres, slots, y = [], [], 0.0
    for category in categories:
        lines = _wrap(category, chars).count("\n") + 1
        slot = max(bar + ROW_GAP, lines * LINE_HEIGHT + ROW_GAP)
        centres.append(y + slot / 2)
        slots.append(slot)
        y += slot
    return centres, slots, y


def _legend_above(fig, ax, ncols: int) -> None:
    """The legend above the axes, on as few rows as fit the figure's width."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    for columns in range(ncols, 0, -1):
        legend = fig.legend(handles, labels, loc="outside upper left", ncols=columns,
                            handlelength=1.4, borderaxespad=0.2)
        if columns == 1 or legend.get_window_extent(fig.canvas.get_renderer()).width \
                <= fig.bbox.width - 2:
            return
        legend.remove()


# Horizontal bars: one or two series per category ({"categories", "series": [(label, values)],
# "unit": "antal"|"kronor"}); None is no bar (and no value).

def _hbars(data: dict):
    categories, series = data["categories"], data["series"]
    k = len(series)
    thickness = SERIES_BAR
    width, chars = data["width"], _label_chars(data["width"])
    centres, _slots, total = _rows(categories, thickness * k, chars)
    fig = _figure(total + MARGINS + (LEGEND if k > 1 else 0), width)
    ax = fig.add_subplot()
    unit = data.get("suffix", "")
    values_shown = [v for _, values in series for v in values if v is not None]
    top = max(values_shown + [0])
    low = min(values_shown + [0])  # a credit larger than the cost: a bar to the left of zero
    dark = data.get("dark", 0)  # the series drawn dark (the report's own year)
    for i, (label, values) in enumerate(series):
        ys = [c + (i - (k - 1) / 2) * thickness for c in centres]
        style = 0 if i == dark else 1
        bars = ax.barh(ys, [v or 0 for v in values], height=thickness * 0.9, label=label,
                       color=SERIES[style], hatch=HATCHES[style], edgecolor=INK, linewidth=0.6)
        ax.bar_label(bars, labels=["" if v is None else _number(v) + unit for v in values],
                     padding=3, fontsize=FONT_SIZE)
    ax.set_yticks(centres, [_wrap(c, chars) for c in categories])
    ax.set_ylim(total, 0)
    ax.set_xlim(low, top or 1)
    _values_on_bars_only(ax, "x")
    _zero_line(ax, "x", low)
    ax.tick_params(axis="y", length=0)
    if k > 1:
        _legend_above(fig, ax, k)
    _room_for_values(fig, ax)
    return fig


def _room_for_values(fig, ax) -> None:
    """Widen the value axis until every value written beside its bar lies inside the axes
    (measured as drawn: the values' lengths vary, and so does the room the names leave)."""
    for _ in range(4):
        fig.draw_without_rendering()  # the layout, without painting pixels
        renderer = fig.canvas.get_renderer()
        box = ax.get_window_extent(renderer)
        texts = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
        right = max([t.x1 for t in texts] + [box.x1]) - box.x1
        left = box.x0 - min([t.x0 for t in texts] + [box.x0])
        if right < 1 and left < 1:
            return
        low, high = ax.get_xlim()
        per_pixel = (high - low) / box.width
        ax.set_xlim(low - left * per_pixel * 1.15, high + right * per_pixel * 1.15)




# Stacked to 100 procent: one bar per course ({"categories", "segments": [label, ...],
# "counts": [[n per segment] per category], "labels": [[percent text] per category]}).

def _stacked_percent(data: dict):
    categories, segments, counts = data["categories"], data["segments"], data["counts"]
    n, k = len(categories), len(segments)
    width, chars = data["width"], _label_chars(data["width"])
    centres, _slots, total = _rows(categories, STACK_BAR, chars)
    fig = _figure(total + MARGINS + LEGEND + AXIS, width)
    ax = fig.add_subplot()
    colours = stack_colours(k)
    left = [0.0] * n
    for j, segment in enumerate(segments):
        widths = [100 * row[j] / sum(row) if sum(row) else 0 for row in counts]
        bars = ax.barh(centres, widths, left=left, height=STACK_BAR, label=segment,
                       color=colours[j], edgecolor=INK, linewidth=0.6)
        # a label only where it fits inside its segment: about three percent of the width per
        # character at 11 points ("35 %" from 12 percent, "5 av 7" from 18)
        texts = [data["labels"][i][j] if widths[i] >= 3 * len(data["labels"][i][j]) else ""
                 for i in range(n)]
        ax.bar_label(bars, labels=texts, label_type="center", fontsize=FONT_SIZE,
                     color=label_colour(colours[j]))
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(centres, [_wrap(c, chars) for c in categories])
    ax.set_ylim(total, 0)
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

    fig = _figure(3.4, min(4.2, data["width"]))
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
    fig = _figure(3.0, data["width"])
    ax = fig.add_subplot()
    unit = data.get("suffix", "")
    xs = list(range(len(years)))
    width = 0.7 if stacked else 0.8 / k
    bottom = [0.0] * len(years)
    for i, (label, values) in enumerate(series):
        pos = xs if stacked else [x + (i - (k - 1) / 2) * width for x in xs]
        heights = [v or 0 for v in values]
        bars = ax.bar(pos, heights, width=width * 0.92, bottom=bottom if stacked else None,
                      label=label, color=SERIES[i % 2], hatch=HATCHES[i % 2], edgecolor=INK,
                      linewidth=0.6)
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
    span = (top - low) or 1
    ax.set_ylim(low - (span * 0.15 if low < 0 else 0), top + span * 0.15)
    _mark_missing(ax, years, data["missing"], top)
    ax.set_xticks(xs, [str(y) for y in years])
    ax.tick_params(axis="x", length=0)
    _values_on_bars_only(ax, "y")
    _zero_line(ax, "y", low)
    _legend_above(fig, ax, k)
    return fig


def _mark_missing(ax, years: list[int], missing: list[int], top: float) -> None:
    for x, year in enumerate(years):
        if year in missing:
            ax.text(x, top * 0.04, MISSING, ha="center", va="bottom", color=MUTED,
                    fontsize=FONT_SIZE, style="italic")


def _year_lines(data: dict):
    years, series = data["years"], data["series"]
    fig = _figure(3.0, data["width"])
    ax = fig.add_subplot()
    xs = list(range(len(years)))
    styles = [(DARK, "-", "o"), (LINE_LIGHT, "--", "s")]
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
