"""Synthetic but valid register data for the benchmark, never committed (bench/data/).

Sizes: ``sample`` (the bundled sample data), ``large`` (a large city's twenty years: about
100,000 participant rows and 50,000 evaluations) and ``huge`` (about 500,000 participant rows).
Each is written as a CSV folder and as an .xlsx workbook.

Run:  python bench/generate.py [sample large huge]
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SIZES = {"large": 100_000, "huge": 500_000}
COLUMNS = {
    "kurser": ["ar", "kurs_id", "namn", "tema", "malgrupp", "i_plan", "planerade_tillfallen"],
    "tillfallen": ["tillfalle_id", "kurs_id", "datum", "omfattning", "status"],
    "deltagare": ["tillfalle_id", "namn", "kon", "organisation", "organisationstyp", "roll",
                  "narvarande"],
    "utvarderingar": ["tillfalle_id", "kon", "betyg"],
    "kostnader": ["ar", "kurs_id", "post", "belopp"],
    "styrgrupp": ["ar", "namn", "parti", "roll"],
    "sammantraden": ["datum", "anteckning"],
}
ORGS = ["stadsdel"] * 5 + ["fack"] * 3 + ["bolag"] * 2 + ["kommunstyrelse"]
ROLES = ["ledamot"] * 6 + ["ersättare"] * 3 + ["ordförande", "vice ordförande", "chef"]


def tables_for(participant_rows: int, seed: int = 1) -> dict[str, list[list]]:
    rng = random.Random(seed)
    years = list(range(2001, 2021))
    per_year = participant_rows // len(years)
    t = {name: [cols] for name, cols in COLUMNS.items()}
    person = 0
    for year in years:
        for m in range(6):
            t["styrgrupp"].append([year, f"Ledamot {m}", "S", "ordförande" if m == 0 else ""])
        for d in range(5):
            t["sammantraden"].append([f"{year}-{2 * d + 1:02d}-15", ""])
        courses = 12
        for c in range(courses):
            kid = f"k{c:02d}"
            t["kurser"].append([year, kid, f"Kurs {c}", "genus" if c % 5 == 0 else "", "ledamöter",
                                "ja" if c % 4 else "nej", 10])
            t["kostnader"].append([year, kid, "Föreläsare", rng.randrange(10_000, 300_000)])
            sessions = 10
            rows_per_session = per_year // (courses * sessions)
            for s in range(sessions):
                sid = f"{year}-{kid}-{s}"
                status = "genomförd" if s < 9 else rng.choice(["inställd", "framflyttad"])
                t["tillfallen"].append([sid, kid, f"{year}-{s % 12 + 1:02d}-{s + 10}", "halvdag",
                                        status])
                for _ in range(rows_per_session):
                    person += 1
                    t["deltagare"].append([sid, f"P{person % (per_year // 2)}", rng.choice("KM"),
                                           "Nämnd", rng.choice(ORGS), rng.choice(ROLES),
                                           "ja" if rng.random() < 0.95 else "nej"])
                    if status == "genomförd" and rng.random() < 0.5:
                        t["utvarderingar"].append([sid, rng.choice("KM"), rng.randint(1, 4)])
        t["kostnader"].append([year, "", "Administration", 120_000])
    return t


def write(name: str, tables: dict[str, list[list]]) -> None:
    from openpyxl import Workbook

    folder = DATA / name / "csv"
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, delimiter=";").writerows(rows)
    wb = Workbook(write_only=True)
    for table, rows in tables.items():
        ws = wb.create_sheet(table)
        for row in rows:
            ws.append(row)
    wb.save(DATA / name / "register.xlsx")
    print(f"{name}: {len(tables['deltagare']) - 1} participant rows, "
          f"{len(tables['utvarderingar']) - 1} evaluations")


def write_sample() -> None:
    import pandas as pd

    from pk_report.bundled import sample_data_dir

    folder = DATA / "sample" / "csv"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(sample_data_dir(), folder)
    with pd.ExcelWriter(DATA / "sample" / "register.xlsx", engine="openpyxl") as writer:
        for path in sorted(folder.glob("*.csv")):
            pd.read_csv(path, sep=";", dtype=str, keep_default_na=False).to_excel(
                writer, sheet_name=path.stem, index=False)


def main(names: list[str]) -> None:
    for name in names or ["sample", *SIZES]:
        if name == "sample":
            write_sample()
        else:
            write(name, tables_for(SIZES[name]))


if __name__ == "__main__":
    main(sys.argv[1:])
