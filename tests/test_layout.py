"""The design card's layout: templates/ and sample_data/ at the top, installed with the package,
and a pipeline without import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pk_report
from pk_report.bundled import sample_data_dir, templates_dir

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(pk_report.__file__).resolve().parent


def test_templates_and_sample_data_sit_at_the_top_of_the_project():
    assert (ROOT / "templates" / "rapport.md.j2").is_file()
    assert (ROOT / "templates" / "reference.docx").is_file()
    assert (ROOT / "sample_data" / "kurser.csv").is_file()
    assert (ROOT / "sample_data" / "register.xlsx").is_file()
    assert not (ROOT / "src" / "pk_report" / "templates").exists()
    assert not (ROOT / "src" / "pk_report" / "sample_data").exists()


def test_the_installed_package_finds_its_templates_and_sample():
    assert (templates_dir() / "rapport.md.j2").is_file()
    assert (templates_dir() / "reference.docx").is_file()
    assert sorted(p.name for p in sample_data_dir().glob("*.csv")) == sorted(
        p.name for p in (ROOT / "sample_data").glob("*.csv"))
    assert (sample_data_dir() / "register.xlsx").is_file()


def test_the_sample_workbook_is_the_same_register_as_the_csv_files():
    from pk_report.pipeline import load

    from_csv = load(sample_data_dir())
    from_xlsx = load(sample_data_dir() / "register.xlsx")
    a = from_csv.figures.courses.reset_index(drop=True)
    b = from_xlsx.figures.courses.reset_index(drop=True)
    assert a.to_dict("records") == b.to_dict("records")
    # the same problems; their order follows the files (one per table in a CSV folder), so
    # problems of two tables come in another order than in the workbook
    assert sorted(p.message for p in from_csv.problems) == \
        sorted(p.message for p in from_xlsx.problems)


def _imports(path: Path, module: str) -> set[str]:
    """Every pk_report module this file imports, at module level or inside a function."""
    found = set()
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            if base.startswith("pk_report"):
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    found.add(candidate if _module_path(candidate) else base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("pk_report"))
    return {m for m in found if _module_path(m) and m != module}


def _module_path(module: str) -> Path | None:
    parts = module.split(".")[1:]
    if not parts:
        return PACKAGE / "__init__.py"
    rel = Path(*parts)
    for candidate in (PACKAGE / rel.with_suffix(".py"), PACKAGE / rel / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def test_no_import_cycles_between_modules():
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        module = ".".join(["pk_report", *parts])
        graph[module] = _imports(path, module)
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_the_report_modules_are_grouped_in_a_package():
    report = PACKAGE / "report"
    for name in ("context", "context_build", "render", "convert", "build"):
        assert (report / f"{name}.py").is_file(), name
