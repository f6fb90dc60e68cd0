"""After writing into a workbook the register is validated as the readers would read it back:
what was read before plus the rows written. That view must be exactly what a fresh read of
the written file gives, or a problem the import caused could go unreported."""

import pytest

from pk_report.importing.after import read_after
from pk_report.importing.plan import Options, build_plan
from pk_report.importing.register import load_register
from pk_report.importing.write_xlsx import workbook_bytes
from pk_report.sources import Source, read_source

from import_helpers import export, xlsx_register
from test_import_keeps_the_workbook import clerk_workbook

EVALUATIONS = [{"betyg": "Utmärkt", "kon": "Kvinna", "kommentar": "Bra\x07 kväll", "namn": "X"},
               {"betyg": "2", "kon": ""}, {"betyg": "mer än  godkänt", "kommentar": "=1+1"}]
ATTENDANCE = [{"namn": "P0366"}, {"namn": "P0895"}, {"namn": "Ny Person", "kon": "man"}]


@pytest.mark.parametrize("case", ["evaluations", "attendance"])
def test_the_view_after_writing_is_what_a_fresh_read_gives(tmp_path, case):
    path = clerk_workbook(tmp_path / "register.xlsx") if case == "evaluations" \
        else xlsx_register(tmp_path)
    register = load_register(path)
    made = export(EVALUATIONS) if case == "evaluations" else export(ATTENDANCE, "deltagare")
    session = "2010-S1-1" if case == "evaluations" else "2009-VL-1"
    plan = build_plan(made, register, Options(tillfalle=session))
    assert plan.rows and (case == "evaluations" or plan.updates)
    data, added, new_columns = workbook_bytes(path, plan)
    path.write_bytes(data)
    view = read_after(register.read, plan, added, new_columns)
    fresh = read_source(Source(path, "--data"))
    assert view.tables.keys() == fresh.tables.keys()
    for name, raw in fresh.tables.items():
        mine = view.tables[name]
        assert (mine.headers, mine.columns, mine.header_row) == \
            (raw.headers, raw.columns, raw.header_row), name
        assert mine.frame[list(raw.frame.columns)].equals(raw.frame), name
