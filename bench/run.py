"""The benchmark: pk-report against the floor (a bare calamine read) and the usual tool (a bare
openpyxl read), measured in the same run, with peak memory and growth from size to size.

Run:  python bench/run.py            (generates bench/data/ first if missing)
      python bench/run.py --no-openpyxl   (skip the slow openpyxl baseline on 'huge')
      python bench/run.py --bara-import   (only ``pk-report importera``, on sample and large)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PY = sys.executable

MEASURE = r"""
import json, sys, time
kind, target = sys.argv[1], sys.argv[2]
if kind == "stages":
    from pk_report.sources import locate, read_source
    from pk_report.validate import validate
    from pk_report.metrics import course_figures
    from pk_report.pipeline import collector_paused
    from pathlib import Path
    with collector_paused():  # as pipeline.inspect does
        t0 = time.perf_counter(); read = read_source(locate(Path(target)))
        t1 = time.perf_counter(); ds, problems = validate(read)
    t2 = time.perf_counter(); course_figures(ds)
    t3 = time.perf_counter()
    print(json.dumps({"read": t1 - t0, "validate": t2 - t1, "metrics": t3 - t2}), file=sys.stderr)
else:
    import pandas as pd
    pd.read_excel(target, engine=kind, sheet_name=None)
"""


def run_once(cmd: list[str]) -> dict:
    """Wall clock and peak memory (max RSS of the child) of one command, as a user runs it."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()}")
    out = {"wall": wall, "peak": usage.ru_maxrss * 1024, "cpu": usage.ru_utime + usage.ru_stime}
    for line in err.decode().splitlines():
        if line.startswith("{"):
            out.update(json.loads(line))
    return out


def measure(kind: str, target: str = "", argv: list[str] | None = None, repeat: int = 1) -> dict:
    """``kind`` "cli" runs the installed console script's code (``python -m pk_report``)."""
    cmd = [PY, "-m", "pk_report", *(argv or [])] if kind == "cli" else [PY, "-c", MEASURE, kind, target]
    runs = [run_once(cmd) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["wall"])
    best["wall_median"] = statistics.median(r["wall"] for r in runs)
    return best


ROUNDTRIP = r"""
import sys
from openpyxl import load_workbook
load_workbook(sys.argv[1]).save(sys.argv[2])
"""
IMPORT_ANSWERS = 5000


def import_export(path: Path, n: int) -> Path:
    """A Google Forms responses CSV of ``n`` answers: timestamp, e-mail, name, grade (the
    default scale's labels), gender and a comment now and then."""
    import csv

    grades = ["Utmärkt", "Mer än godkänt", "Godkänt", "Underkänt"]
    genders = ["Kvinna", "Man", "Vill inte uppge", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["Tidstämpel", "E-postadress", "Ditt namn",
                      "Hur nöjd är du med utbildningen?", "Kön", "Övriga synpunkter"])
        for i in range(n):
            out.writerow([f"2010/11/{1 + i // 3600:02d} {i // 60 % 60:02d}:{i % 60:02d}:00 CET",
                          f"person{i}@kommun.se", f"Person {i}", grades[i % 4], genders[i % 4],
                          f"Kommentar {i}" if i % 7 == 0 else ""])
    return path


def import_section(target) -> None:
    """``pk-report importera`` of 5,000 answers as a user runs it (``--ja``), each run into a
    fresh copy of the register; the large workbook against openpyxl loading and saving it."""
    import shutil

    work = DATA / "import"
    export = import_export(work / "svar-5000.csv", IMPORT_ANSWERS)
    print(f"\n## importera: {IMPORT_ANSWERS:,} answers (Google Forms CSV), median of 3; targets: "
          "sample <= 2 s, large <= 1.2 x openpyxl loading and saving it".replace(",", " ", 1))
    print("(cpu = user + system time of the command: what a busy machine does not inflate)")
    cases = [("sample csv", DATA / "sample" / "csv", "2010-S1-1"),
             ("sample xlsx", DATA / "sample" / "register.xlsx", "2010-S1-1"),
             ("large xlsx", DATA / "large" / "register.xlsx", "2001-k00-0")]
    for name, source, session in cases:
        copy = work / ("register" + source.suffix)
        runs = []
        for _ in range(3):
            if copy.is_dir():
                shutil.rmtree(copy)
            elif copy.exists():
                copy.unlink()
            for old in work.glob("register.före-import-*"):
                old.unlink()
            (shutil.copytree if source.is_dir() else shutil.copyfile)(source, copy)
            runs.append(run_once([PY, "-m", "pk_report", "importera", str(export), "--data",
                                  str(copy), "--tillfalle", session, "--ja"]))
        t = statistics.median(r["wall"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        line = f"{name:12s} {t:7.2f} s (cpu {cpu:.2f} s)"
        if source.suffix == ".xlsx":  # what a safe rewrite cannot beat
            base = [run_once([PY, "-c", ROUNDTRIP, str(source), str(work / "roundtrip.xlsx")])
                    for _ in range(3)]
            bt = statistics.median(r["wall"] for r in base)
            bc = statistics.median(r["cpu"] for r in base)
            ratio, cpu_ratio = t / bt, cpu / bc
            line += (f"; openpyxl load + save {bt:.2f} s (cpu {bc:.2f} s); ratio {ratio:.2f} "
                     f"(cpu {cpu_ratio:.2f})")
        if name.startswith("sample"):
            line += f"  {target(f'import {name}', t <= 2.0, f'{t:.2f} s <= 2 s (cpu {cpu:.2f} s)')}"
        else:
            line += f"  {target('import large xlsx', ratio <= 1.2, f'{ratio:.2f} <= 1.2 (cpu {cpu_ratio:.2f})')}"
        print(line)


def rows(size: str) -> int:
    with open(DATA / size / "csv" / "deltagare.csv", encoding="utf-8") as fh:
        return sum(1 for _ in fh) - 1


def main() -> None:
    skip_openpyxl_huge = "--no-openpyxl" in sys.argv
    only_import = "--bara-import" in sys.argv
    if not (DATA / ("large" if only_import else "huge") / "register.xlsx").exists():
        subprocess.run([PY, str(HERE / "generate.py"), *(["sample", "large"] if only_import
                                                         else [])], check=True)
    verdicts: list[tuple[str, bool, str]] = []

    def target(name: str, ok: bool, shown: str) -> str:
        verdicts.append((name, ok, shown))
        return "met" if ok else "MISSED"

    if only_import:
        import_section(target)
        for name, ok, shown in verdicts:
            print(f"{'met   ' if ok else 'MISSED'} {name:24s} {shown}")
        return

    print("## Start-up (median of 5, wall clock, target < 0.25 s)")
    for argv in (["--help"], ["stats", "--help"]):
        r = measure("cli", argv=argv, repeat=5)
        t = r["wall_median"]
        print(f"pk-report {' '.join(argv):14s} {t:.3f} s  "
              f"{target(' '.join(argv), t < 0.25, f'{t:.3f} s < 0.25 s')}")
    print("\n## Report on the sample (median of 5; targets: md < 1 s, docx < 2 s, pdf < 1.5 s)")
    for fmt, limit in (("md", 1.0), ("docx", 2.0), ("pdf", 1.5)):
        out = DATA / f"rapport.{fmt}"
        t = measure("cli", argv=["build", "2009", "-o", str(out)], repeat=5)["wall_median"]
        print(f"build 2009 -> {fmt:4s} {t:.3f} s  "
              f"{target(f'build {fmt}', t < limit, f'{t:.3f} s < {limit:g} s')}")
    print("\n## With charts (median of 5; targets: annual docx < 2 s, period docx < 2.5 s)")
    for years, limit in (("2009", 2.0), ("2007-2010", 2.5)):
        out = DATA / f"rapport_{years}.docx"
        t = measure("cli", argv=["build", years, "-o", str(out)], repeat=5)["wall_median"]
        bare = measure("cli", argv=["build", years, "-o", str(out), "--utan-diagram"],
                       repeat=5)["wall_median"]
        print(f"build {years:9s} -> docx {t:.3f} s (without charts {bare:.3f} s)  "
              f"{target(f'docx charts {years}', t < limit, f'{t:.3f} s < {limit:g} s')}")
    print("\n## stats --format json on each size (wall clock of the whole command; median of 3,"
          " 'huge' once)")
    print(f"{'size':7s} {'rows':>8s} {'form':5s} {'pk-report':>10s} {'calamine':>9s} "
          f"{'openpyxl':>9s} {'÷calamine':>10s} {'÷openpyxl':>10s} {'peak MB':>8s} {'csv÷xlsx':>9s}")
    timings = {}
    for size in ("sample", "large", "huge"):
        n, repeat = rows(size), 1 if size == "huge" else 3
        xlsx = str(DATA / size / "register.xlsx")
        pk = measure("cli", argv=["stats", "--format", "json", "--data", xlsx], repeat=repeat)
        pk_csv = measure("cli", argv=["stats", "--format", "json", "--data",
                                      str(DATA / size / "csv")], repeat=repeat)
        cal = measure("calamine", xlsx, repeat=repeat)
        opx = {"wall_median": float("nan")} if (size == "huge" and skip_openpyxl_huge) \
            else measure("openpyxl", xlsx)
        t, tc = pk["wall_median"], pk_csv["wall_median"]
        timings[size] = (n, t, tc, pk["peak"])
        print(f"{size:7s} {n:8d} xlsx  {t:9.2f}s {cal['wall_median']:8.2f}s "
              f"{opx['wall_median']:8.2f}s {t / cal['wall_median']:10.2f} "
              f"{t / opx['wall_median']:10.2f} {pk['peak'] / 1e6:8.0f} {tc / t:9.2f}")
        print(f"{'':7s} {'':8s} csv   {tc:9.2f}s {'':9s} {'':9s} {'':10s} {'':10s} "
              f"{pk_csv['peak'] / 1e6:8.0f}")
        if size == "large":
            ratio, vs_opx = t / cal["wall_median"], t / opx["wall_median"]
            target("large ÷ calamine", ratio <= 1.3, f"{ratio:.2f} <= 1.3")
            target("large ÷ openpyxl", vs_opx < 0.2, f"{vs_opx:.2f} < 0.2")
            target("large csv ÷ xlsx", tc / t < 1 / 3, f"{tc / t:.3f} < 0.333")
        if size == "huge":
            target("huge time", t < 15, f"{t:.1f} s < 15 s (calamine alone {cal['wall_median']:.1f} s)")
            target("huge memory", pk["peak"] < 1.2e9, f"{pk['peak'] / 1e6:.0f} MB < 1200 MB")
    print("\n## Where the time goes on 'large' (in-process, median of 3)")
    runs = [measure("stages", str(DATA / "large" / "register.xlsx")) for _ in range(3)]
    shares = sorted(((r["validate"] + r["metrics"]) / (r["read"] + r["validate"] + r["metrics"]), r)
                    for r in runs)
    strict, st = shares[1]
    command = timings["large"][1]
    share = (st["validate"] + st["metrics"]) / command
    print(f"read {st['read']:.2f} s, validate {st['validate']:.2f} s, metrics {st['metrics']:.2f} s; "
          f"validation + metrics = {share:.1%} of the whole stats command ({command:.2f} s) "
          f"{target('validation + metrics', share < 0.10, f'{share:.1%} < 10 %')}; "
          f"{strict:.1%} of read + validate + metrics alone")
    print("\n## Growth from 'large' to 'huge'")
    (n1, t1, c1, m1), (n2, t2, c2, m2) = timings["large"], timings["huge"]
    growth = (t2 / t1) / (n2 / n1)
    print(f"rows x{n2 / n1:.2f}: xlsx time x{t2 / t1:.2f}, csv time x{c2 / c1:.2f}, peak memory "
          f"x{m2 / m1:.2f} (linear = the same factor as the rows) "
          f"{target('linear growth', growth <= 1.1, f'time factor / row factor = {growth:.2f}')}")
    import_section(target)
    print("\n## Targets")
    for name, ok, shown in verdicts:
        print(f"{'met   ' if ok else 'MISSED'} {name:24s} {shown}")


if __name__ == "__main__":
    main()
