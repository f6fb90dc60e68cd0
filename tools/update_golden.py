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
    path = GOLDEN / "diagram_sha256.txt"
    path.write_text("".join(f"{digest}  {name}\n" for name, digest in chart_hashes().items()),
                    encoding="utf-8")
    print(f"Wrote {path}")


def chart_hashes() -> dict[str, str]:
    """SHA-256 of every chart of the golden reports (the same data gives the same bytes)."""
    import hashlib

    from pk_report.pipeline import load
    from pk_report.report.chart_build import annual_charts, period_charts, with_tables
    from pk_report.report.context_build import build_context
    from pk_report.report.period_build import build_period_context

    loaded = load(None)
    ds, figures = loaded.dataset, loaded.figures
    made = {str(y): annual_charts(with_tables(build_context(ds, y, False, figures), ds))
            for y in YEARS}
    made.update({str(s.key): period_charts(build_period_context(ds, s, figures)) for s in PERIODS})
    return {f"{label}/{c.name}.png": hashlib.sha256(c.png()).hexdigest()
            for label, charts in made.items() for c in charts}


if __name__ == "__main__":
    main()
