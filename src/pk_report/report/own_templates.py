"""The clerk's own templates: ``pk-report mall --mallar MAPP`` copies the bundled ones out."""

from __future__ import annotations

from pathlib import Path

from pk_report.bundled import templates_dir
from pk_report.errors import UsageError
from pk_report.writing import refuse_inputs, write_atomic


def export_templates(target: Path, force: bool) -> list[Path]:
    """Copy the bundled templates out for the clerk to edit (atomically, never over without force)."""
    source = templates_dir()
    files = sorted(p for p in source.iterdir() if p.is_file())
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} är en fil, inte en mapp. Ange en mapp för mallarna.")
    refuse_inputs(target)  # not in the data folder, nor over the bundled templates
    existing = [target / p.name for p in files if (target / p.name).exists()]
    if existing and not force:
        raise UsageError(f"{existing[0]} finns redan. Ange --force för att skriva över, eller "
                         "välj en annan mapp.")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for p in files:
        write_atomic(target / p.name, p.read_bytes())
        written.append(target / p.name)
    return written
