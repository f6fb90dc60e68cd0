"""'Menade du …?' ignores case and costs a bounded time however many unknown ids there are
(issue 12 point 8, issue 15 point 9)."""

from helpers import minimal_tables, write_csv_folder
from pk_report.pipeline import inspect
from pk_report.suggest import BUDGET, Suggester


def test_case_alone_suggests_the_known_spelling(tmp_path):
    tables = minimal_tables(
        kurser=[{"ar": 2009, "kurs_id": "Intro", "namn": "Introduktion"},
                {"ar": 2009, "kurs_id": "Ekonomi", "namn": "Ekonomi"}],
        tillfallen=[{"tillfalle_id": "2009-A", "kurs_id": "INTRO", "datum": "2009-03-01"}],
        deltagare=[{"tillfalle_id": "2009-a", "namn": "P"}])
    errors = inspect(write_csv_folder(tmp_path / "d", tables)).errors
    by_table = {p.table: p.message for p in errors}
    assert "Menade du ”Intro”?" in by_table["tillfallen"]
    assert "Menade du ”2009-A”?" in by_table["deltagare"]


def test_three_suggestions_read_as_a_swedish_list():
    found = Suggester(["2009-GN-1", "2009-GN-2", "2009-GN-3", "x"]).sentence("2009-GN-9")
    assert found == " Menade du ”2009-GN-1”, ”2009-GN-2” eller ”2009-GN-3”?"


def test_each_distinct_value_is_compared_once_and_the_work_is_bounded():
    suggest = Suggester([f"2009-K-{i}" for i in range(350)])
    suggest.close("2009-X-1")
    assert suggest.compared == 350
    suggest.close("2009-X-1")
    assert suggest.compared == 350  # a value seen before costs nothing
    for _ in range(3):
        for i in range(3000):
            suggest.close(f"2009-X-{i}")
    assert suggest.compared <= 20_000
    assert suggest.close("2009-k-7") == ["2009-K-7"]  # case alone: found even past the budget
    assert suggest.close("2009-K-7") == []  # a known value (another year's) is not suggested


def test_3000_unknown_ids_against_350_sessions_cost_a_bounded_number_of_comparisons(
        tmp_path, monkeypatch):
    """The whole validation, as the user runs it, spends at most the budget per list of
    candidates (the time this takes is measured by bench/run.py, never here)."""
    made: list[Suggester] = []
    original_init = Suggester.__init__

    def recording_init(self, candidates):
        original_init(self, candidates)
        made.append(self)

    monkeypatch.setattr(Suggester, "__init__", recording_init)
    tables = minimal_tables(
        kurser=[{"ar": 2009, "kurs_id": "k", "namn": "Kurs"}],
        tillfallen=[{"tillfalle_id": f"2009-K-{i}", "kurs_id": "k", "datum": "2009-03-01"}
                    for i in range(350)],
        deltagare=[{"tillfalle_id": f"2009-X-{i}", "namn": f"P{i}"} for i in range(3000)])
    errors = inspect(write_csv_folder(tmp_path / "d", tables)).errors
    assert len(errors) == 3000 and "Menade du" in errors[0].message
    assert made, "the validation made no Suggester"
    assert all(s.compared <= BUDGET for s in made), [s.compared for s in made]
    # 3,000 distinct unknown ids at 350 comparisons each would be 1,050,000 without the budget
    assert sum(s.compared for s in made) <= BUDGET * len(made) < 3000 * 350
