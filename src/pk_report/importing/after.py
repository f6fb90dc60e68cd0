"""The register after an import, as the readers would read it back: what was read before plus
the rows added and the cells changed. Validating it costs a validation, not a second read of a
large workbook (docs/beslut.md); a CSV folder, cheap to read, is read back from its files."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pk_report.importing.plan import ImportPlan
from pk_report.readers.raw import cell_text
from pk_report.sources import ReadResult
from pk_report.textsafe import nfc


def read_after(read: ReadResult, plan: ImportPlan, added: dict[str, list[int]],
               new_columns: dict[str, dict[str, tuple[int, str]]]) -> ReadResult:
    from pk_report.importing.write_xlsx import cell_value

    tables = dict(read.tables)
    for table in dict.fromkeys([r.table for r in plan.rows] + [u.table for u in plan.updates]):
        raw = tables[table]
        frame = raw.frame.copy()
        headers, columns = dict(raw.headers), dict(raw.columns)
        for name, (position, header) in new_columns.get(table, {}).items():
            frame[name] = ""
            headers[name], columns[name] = str(header), position
        for update in (u for u in plan.updates if u.table == table):
            if update.column in frame.columns:
                frame.at[update.row, update.column] = update.value
        rows = [r.values for r in plan.rows if r.table == table]
        if rows:
            new = pd.DataFrame({c: [nfc(cell_text(cell_value(v.get(c, "")))) for v in rows]
                                for c in frame.columns}, dtype=object,
                               index=pd.Index(added[table], name=frame.index.name))
            frame = pd.concat([frame, new]) if len(frame) else new
        tables[table] = replace(raw, frame=frame, headers=headers, columns=columns)
    return ReadResult(read.source, tables, list(read.problems))
