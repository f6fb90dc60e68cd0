"""Issue 20 points 1 and 8: no chart text overlaps another or is cut by the figure's edge, and
every colour holds its contrast.

The text boxes are matplotlib's own extents of what it draws (tick labels, values on the bars,
legend entries, annotations), measured on charts with 500-character names, one course, 40
courses, negative amounts and the register with every kind of table.
"""

from __future__ import annotations

import itertools

import pytest

from docs_helpers import every_table_register
from pk_report.report import charts as ch
from pk_report.report.charts import Chart

LONG = ("Fördjupningsutbildning för förtroendevalda i kommunens nämnder, styrelser och "
        "bolag om ekonomistyrning, intern kontroll och uppföljning ") * 4  # about 500 characters
ORDINARY = ["Vidareutbildning i modellen ledning och styrning",
            "Workshop – fördjupning modellen för ledning och styrning",
            "Utbildning för stiftelser med ändamål att ge bidrag till behövande",
            "Genusutbildning – nämnder och styrelser"]
MANY = [f"{ORDINARY[i % 4]} {i}" for i in range(40)]


def _hbars(names, values, second=None, suffix=""):
    series = [("2009", values)] + ([("2008", second)] if second else [])
    return Chart("t", "t", "t", "hbars", {"categories": names, "series": series, "suffix": suffix})


def _stacked(names, rows):
    labels = [[f"{round(100 * c / sum(r))}\u00a0%" for c in r] for r in rows]
    return Chart("t", "t", "t", "stacked_percent",
                 {"categories": names, "segments": ["Underkänt", "Godkänt", "Mer än godkänt",
                                                    "Utmärkt"], "counts": rows, "labels": labels})


def _years(kind, series, totals=None, missing=()):
    data = {"years": [2008, 2009, 2010], "series": series, "missing": list(missing),
            "suffix": "\u00a0kr" if totals else ""}
    if totals:
        data["totals"] = totals
    return Chart("t", "t", "t", kind, data)


SYNTHETIC = {
    "cost, one course": _hbars(["Genusutbildning"], [2388], suffix="\u00a0kr"),
    "cost, 500-character names": _hbars([LONG, LONG + "2", "Kort"], [2388, 600, 1206],
                                        suffix="\u00a0kr"),
    "cost, 40 courses": _hbars(MANY, [100 * i + 531 for i in range(40)], suffix="\u00a0kr"),
    "cost, negative amounts": _hbars(ORDINARY, [-1500, 600, -20, 731322], suffix="\u00a0kr"),
    "boards, two years": _hbars([LONG, "Politiker från facknämnder", "Tjänstemän"],
                                [269, 137, 0], [224, None, 38]),
    "boards, negative and two years": _hbars(ORDINARY, [-269, 137, 0, 5], [224, -36, 18, 0]),
    "grades, one course": _stacked(["Genusutbildning"], [[1, 8, 38, 52]]),
    "grades, 500-character names": _stacked([LONG, LONG], [[3, 10, 39, 48], [0, 1, 5, 1]]),
    "grades, 40 courses": _stacked(MANY, [[i % 3, 5 + i % 7, 30, 40 + i] for i in range(40)]),
    "period bars, negative": _years("year_bars", [("Kurserna", [1000, 731322, -200]),
                                                  ("Gemensamma kostnader", [-1500, 145522, 0])],
                                    totals=[-500, 876844, -200]),
    "period stacked, missing year": _years("year_stacked",
                                           [("Kurserna", [381530, None, 696850]),
                                            ("Gemensamma kostnader", [0, None, 145522])],
                                           totals=[381530, None, 842372], missing=[2009]),
    "period lines, close values": _years("year_lines", [("Svarsfrekvens", [65, 78, 74]),
                                                        ("Mycket nöjda", [64, 78, 75])]),
    "idi, hidden styles": Chart("t", "t", "t", "quadrants", {"cells": {
        "Relator": "färre än 5", "Motivator": "12", "Processor": "färre än 5",
        "Producer": "10"}}),
}


def drawn_texts(fig) -> list[tuple[str, object]]:
    """(text, window extent) of every piece of text matplotlib draws in ``fig``."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = []
    for ax in fig.axes:
        shown = list(ax.texts)
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_visible():
                shown += axis.get_ticklabels() + [axis.label]
        texts += shown
    for legend in fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]:
        texts += legend.get_texts()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts
            if t.get_visible() and t.get_text().strip()]


def layout_faults(chart: Chart, width: float = ch.WIDTH) -> list[str]:
    from matplotlib import rc_context

    with rc_context(ch._STYLE):
        fig = ch.figure(chart, width)
        boxes = drawn_texts(fig)
    width, height = fig.bbox.width, fig.bbox.height
    faults = [f"cut by the edge: {text!r}" for text, box in boxes
              if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5]
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 0.5 and \
                min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 0.5:
            faults.append(f"overlap: {a!r} and {b!r}")
    return faults


@pytest.mark.parametrize("width", [ch.WIDTH, ch.SCREEN_WIDTH])
@pytest.mark.parametrize("name", SYNTHETIC)
def test_no_chart_text_overlaps_or_is_cut(name, width):
    assert layout_faults(SYNTHETIC[name], width) == []


def test_the_measure_finds_an_overlap():
    """The check itself: labels on rows packed too tight are caught."""
    from matplotlib import rc_context

    with rc_context(ch._STYLE):
        fig = ch._figure(1.0)
        ax = fig.add_subplot()
        ax.set_yticks([0, 1, 2], [ch._wrap(LONG)] * 3)
        assert any(f.startswith("overlap") for f in
                   [f"overlap: {a}" for (a, x), (b, y) in
                    itertools.combinations(drawn_texts(fig), 2) if x.overlaps(y)])


def test_the_register_with_every_table_draws_clean_charts(tmp_path):
    from pk_report.pipeline import load
    from pk_report.report.chart_build import annual_charts, with_tables
    from pk_report.report.context_build import build_context

    loaded = load(every_table_register(tmp_path / "data"))
    context = with_tables(build_context(loaded.dataset, 2009, False, loaded.figures),
                          loaded.dataset)
    for chart in annual_charts(context):
        for width in (ch.WIDTH, ch.SCREEN_WIDTH):
            assert layout_faults(chart, width) == [], (chart.name, width)


def test_a_negative_amount_grows_from_a_visible_zero_line():
    from matplotlib import rc_context

    with rc_context(ch._STYLE):
        fig = ch.figure(SYNTHETIC["cost, negative amounts"])
    ax = fig.axes[0]
    zero = [line for line in ax.lines if list(line.get_xdata()) == [0, 0]]
    assert zero and zero[0].get_visible() and ax.get_xlim()[0] < -1500


def test_a_chart_grows_with_its_rows_and_stays_small_when_short():
    def height(chart):
        from matplotlib import rc_context

        with rc_context(ch._STYLE):
            return ch.figure(chart).get_size_inches()[1]

    assert height(SYNTHETIC["cost, 40 courses"]) > 8
    assert height(SYNTHETIC["cost, one course"]) < 1.5
    # at most about 8 cm high in print when the register is ordinary (point 11)
    boards = ["Politiker från stadsdelsnämnder", "Politiker från facknämnder",
              "Politiker från bolagsstyrelser", "Politiker från kommunstyrelsen",
              "Politiker från stiftelser", "Tjänstemän"]
    assert height(_hbars(boards, [1] * 6, [2] * 6)) * 2.54 <= 8.5
    assert height(_stacked(ORDINARY, [[1, 8, 38, 52]] * 4)) * 2.54 <= 8.5


# --- point 8: contrast -------------------------------------------------------------------------

def test_every_graphical_object_and_label_holds_its_contrast():
    white = "#ffffff"
    assert ch.contrast(ch.INK, white) >= 3  # the outline every bar and segment has
    assert ch.contrast(ch.DARK, white) >= 3 and ch.contrast(ch.LINE_LIGHT, white) >= 3
    for k in range(2, 6):
        colours = ch.stack_colours(k)
        for fill in colours:
            assert ch.contrast(ch.label_colour(fill), fill) >= 4.5, fill
        greys = [ch.luminance(c) for c in colours]
        assert all(a > b for a, b in zip(greys, greys[1:]))  # light to dark in grey too
        assert all(ch.contrast(a, b) >= 1.4 for a, b in zip(colours, colours[1:]))
    assert ch.contrast(ch.MUTED, white) >= 4.5  # "saknas" is text
