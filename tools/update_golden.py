"""Regenerates the golden reports in tests/golden/ from the bundled sample data.

Run:  python tools/update_golden.py
Then read the diff (git diff tests/golden) as a person before committing it: the golden
files are what the clerk will get.
"""

from __future__ import annotations

from pathlib import Path

from pk_report.report.build import report_bytes
from pk_report.year_span import YearSpan

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
YEARS = (2009, 2010)
PERIODS = (YearSpan(2008, 2010),)  # the period report, rapport_2008-2010.md


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        path = GOLDEN / f"rapport_{year}.md"
        path.write_bytes(report_bytes(year, None, "md", None, False))
        print(f"Wrote {path}")
    for span in PERIODS:
        path = GOLDEN / f"rapport_{span.key}.md"
        path.write_bytes(report_bytes(span, None, "md", None, False))
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
