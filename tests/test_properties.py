"""Property-based tests: random valid data keeps the invariants; random corruption never
crashes. CI runs the small profile; `HYPOTHESIS_PROFILE=long pytest tests/test_properties.py`
runs at least 5,000 examples of each."""

import json
import random
import tempfile
from pathlib import Path

from hypothesis import example, given, strategies as st
from typer.testing import CliRunner

from helpers import minimal_tables, write_csv_folder, write_workbook
from pk_report.cli import EXIT_INTERNAL, app
from pk_report.metrics import course_figures, stats_records
from pk_report.pipeline import load
from pk_report.years import year_totals

runner = CliRunner()
STATUSES = ["genomförd", "genomförd", "inställd", "framflyttad", "avbokad"]
ORGS = ["stadsdel", "fack", "bolag", "KS", "stiftelse", ""]
ROLES = ["ledamot", "ordförande", "ersättare", "chef", "tjänsteman", ""]


@st.composite
def datasets(draw):
    years = draw(st.lists(st.integers(2007, 2012), min_size=1, max_size=2, unique=True))
    courses, sessions, people, forms, costs = [], [], [], [], []
    for year in years:
        for k in range(draw(st.integers(1, 3))):
            kid = f"k{k}"
            courses.append({"ar": year, "kurs_id": kid, "namn": f"Kurs {k} {year}",
                            "i_plan": draw(st.sampled_from(["ja", "nej", ""])),
                            "min_anmalda": draw(st.sampled_from(["", "3"]))})
            for s in range(draw(st.integers(0, 3))):
                sid = f"{year}-{kid}-{s}"
                status = draw(st.sampled_from(STATUSES))
                head = draw(st.sampled_from(["", "", "7"]))
                sessions.append({"tillfalle_id": sid, "kurs_id": kid,
                                 "datum": f"{year}-0{s + 1}-1{s}", "status": status,
                                 "nytt_datum": f"{year + 1}-03" if status == "framflyttad" else "",
                                 "antal_deltagare": head})
                names = draw(st.lists(st.sampled_from([f"p{i}" for i in range(12)] + [""]),
                                      max_size=8))
                for name in names:
                    people.append({"tillfalle_id": sid, "namn": name,
                                   "kon": draw(st.sampled_from(["K", "M", "", "kvinna"])),
                                   "organisationstyp": draw(st.sampled_from(ORGS)),
                                   "roll": draw(st.sampled_from(ROLES)),
                                   "narvarande": draw(st.sampled_from(["ja", "nej", ""]))})
                if status in ("genomförd",):
                    for _ in range(draw(st.integers(0, 4))):
                        forms.append({"tillfalle_id": sid, "betyg": draw(st.integers(1, 4)),
                                      "kon": draw(st.sampled_from(["K", "M", ""]))})
            if draw(st.booleans()):
                costs.append({"ar": year, "kurs_id": kid, "belopp": draw(st.integers(-500, 90000))})
        costs.append({"ar": year, "kurs_id": "", "belopp": draw(st.integers(0, 50000))})
    return minimal_tables(kurser=courses, tillfallen=sessions, deltagare=people,
                          utvarderingar=forms, kostnader=costs)


@given(datasets())
def test_valid_data_keeps_the_invariants(tables):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_csv_folder(Path(tmp) / "csv", tables)
        book = write_workbook(Path(tmp) / "r.xlsx", tables)
        ds = load(folder).dataset
        courses = course_figures(ds)
        records = stats_records(courses)
        assert stats_records(course_figures(load(book).dataset)) == records
        for year in ds.years:
            totals = year_totals(ds, courses, year)
            mine = [r for r in records if r["ar"] == year]
            assert totals.participants == sum(r["deltagare"] for r in mine)
            assert totals.evaluations == sum(r["utvarderingar"] for r in mine)
            result = runner.invoke(app, ["build", str(year), "--data", str(folder)])
            assert result.exit_code == 0, result.output
            for r in mine:
                if r["status"] == "genomförd":
                    assert r["kurs"] in result.stdout
        for r, base in zip(records, courses["svarsbas"]):
            # the rate's persons are the politicians (or everyone, in a course without any)
            if r["svarsfrekvens"] is not None and r["utvarderingar"] <= base:
                assert 0 <= r["svarsfrekvens"] <= 100
            assert r["deltagare"] >= r["politiker"] + r["tjansteman"]


JUNK = st.one_of(st.text(max_size=12), st.sampled_from(["#REF!", "12.5", "-1", "1e400", "nan",
                                                         "2009-02-30", "ja", "\x00", "=1+1", "∞"]),
                 st.integers(-10**12, 10**12).map(str), st.floats(allow_nan=True).map(str))


@st.composite
def corruptions(draw):
    kind = draw(st.sampled_from(["cell", "drop", "rename", "duplicate", "encoding", "flip",
                                 "truncate", "xlsx-flip", "xlsx-truncate"]))
    return kind, draw(st.integers(0, 10**6)), draw(JUNK)


BASE = minimal_tables(
    kurser=[{"ar": 2009, "kurs_id": "a", "namn": "Kurs Å", "min_anmalda": "4"}],
    tillfallen=[{"tillfalle_id": "t1", "kurs_id": "a", "datum": "2009-03-01"},
                {"tillfalle_id": "t2", "kurs_id": "a", "datum": "2009-04-01", "status": "inställd"}],
    deltagare=[{"tillfalle_id": "t1", "namn": f"p{i}", "kon": "KM"[i % 2]} for i in range(8)],
    utvarderingar=[{"tillfalle_id": "t1", "betyg": i % 4 + 1, "kon": "KM"[i % 2]} for i in range(6)],
    kostnader=[{"ar": 2009, "kurs_id": "a", "belopp": "1 000"}],
    styrgrupp=[{"ar": 2009, "namn": "Ordf", "parti": "S", "roll": "ordförande"}],
    sammantraden=[{"datum": "2009-02-02"}])


@given(corruptions())
@example(("flip", 8076, ""))  # found by the long profile: a short row in the CSV fast path
def test_corruption_never_crashes(corruption):
    kind, seed, junk = corruption
    rnd = random.Random(seed)
    tables = {k: [list(r) for r in v] for k, v in BASE.items()}
    name = rnd.choice(sorted(tables))
    rows = tables[name]
    if kind == "cell" and len(rows) > 1:
        rows[rnd.randrange(1, len(rows))][rnd.randrange(len(rows[0]))] = junk
    elif kind == "drop":
        j = rnd.randrange(len(rows[0]))
        tables[name] = [r[:j] + r[j + 1:] for r in rows]
    elif kind == "rename":
        rows[0][rnd.randrange(len(rows[0]))] = junk
    elif kind == "duplicate" and len(rows) > 1:
        rows.append(list(rows[rnd.randrange(1, len(rows))]))
    with tempfile.TemporaryDirectory() as tmp:
        if kind.startswith("xlsx"):
            target = write_workbook(Path(tmp) / "r.xlsx", tables)
            data = bytearray(target.read_bytes())
        else:
            target = write_csv_folder(Path(tmp) / "d", tables)
            path = target / f"{name}.csv"
            data = bytearray(path.read_bytes())
        if kind == "encoding":
            data = bytearray(data.decode("utf-8").encode(rnd.choice(["utf-16", "cp1252", "latin-1"]),
                                                         errors="replace"))
        elif kind.endswith("flip") and data:
            for _ in range(rnd.randint(1, 20)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
        elif kind.endswith("truncate") and data:
            data = data[: rnd.randrange(len(data))]
        (target if kind.startswith("xlsx") else path).write_bytes(bytes(data))
        for argv in (["validera"], ["build", "2009"], ["stats", "-f", "json"]):
            result = runner.invoke(app, [*argv, "--data", str(target)])
            assert result.exit_code in (0, 1), (kind, result.output, result.exception)
            assert result.exit_code != EXIT_INTERNAL and "Traceback" not in result.output
            if result.exit_code == 1:
                assert "Fel" in result.output
            if argv[0] == "stats" and result.exit_code == 0:
                json.loads(result.stdout)
