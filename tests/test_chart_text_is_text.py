"""Text in a chart is text, never mathtext; a chart that cannot be drawn is a Swedish message
naming it and the text, never exit 70 (attack-findings 6)."""

import pytest

from pk_report.errors import OutputError
from pk_report.report import charts
from pk_report.report.charts import Chart, draw


def _bars(*names: str) -> Chart:
    return Chart("kostnad", "Kostnad per deltagare och kurs 2009", "alt", "hbars",
                 {"categories": list(names), "series": [("Kostnad", [100] * len(names))],
                  "unit": "kronor", "suffix": " kr"})


def test_dollars_and_backslashes_are_drawn_as_typed():
    png = draw(_bars(r"Budget $\foo{x}$ kurs", "Potens $x^{2}$", r"\\ $$ $"))
    assert png.startswith(b"\x89PNG")


def test_a_drawing_error_names_the_chart_and_the_text(monkeypatch):
    real_text = charts._figure

    def failing(*args, **kwargs):
        fig = real_text(*args, **kwargs)
        original = fig.text

        def text(x, y, s, *a, **k):
            if "Trasig" in s:
                raise ValueError("kan inte")
            return original(x, y, s, *a, **k)

        fig.text = text
        return fig

    monkeypatch.setattr(charts, "_figure", failing)
    monkeypatch.setitem(charts._DRAW, "hbars", lambda data: (_ for _ in ()).throw(
        ValueError("Unknown symbol")))
    with pytest.raises(OutputError) as caught:
        draw(_bars("Hel kurs", "Trasig kurs"))
    message = caught.value.message
    assert "”Kostnad per deltagare och kurs 2009”" in message and "”Trasig kurs”" in message
    assert "--utan-diagram" in message
