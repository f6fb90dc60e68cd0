"""The clerk's own templates: ``pk-report mall --mallar MAPP`` copies the bundled ones out."""

from __future__ import annotations

from pathlib import Path

from pk_report.bundled import templates_dir
from pk_report.errors import DataError, UsageError
from pk_report.writing import refuse_inputs, write_atomic

# A template of the clerk's is read whole (and a CSS file or reference.docx handed whole to
# pandoc): no template is anywhere near these sizes, and a file that is would exhaust memory.
MAX_TEMPLATE_BYTES = 1024**2
MAX_REFERENCE_DOCX_BYTES = 50 * 1024**2
REFERENCE_PARTS = ("[Content_Types].xml", "word/document.xml", "word/styles.xml")


def check_template(path: Path) -> Path:
    """One of the clerk's template files, refused with its name when it is too large for a
    template or (``reference.docx``) not a Word document pandoc can take its styles from."""
    limit = MAX_REFERENCE_DOCX_BYTES if path.suffix.lower() == ".docx" else MAX_TEMPLATE_BYTES
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(f"Mallen {path} går inte att läsa ({exc.strerror}). Kontrollera "
                        "behörigheten, eller ta bort den så används standardmallen.") from exc
    if size > limit:
        megabytes = f"{size // 1024**2:,}".replace(",", "\u00a0")
        raise DataError(f"Mallen {path} är {megabytes} MB, långt mer än en mall är (högst "
                        f"{limit // 1024**2} MB). Kontrollera att det är rätt fil, eller ta bort "
                        "den så används standardmallen.")
    if path.suffix.lower() == ".docx":
        _check_reference(path)
    return path


def _check_reference(path: Path) -> None:
    import xml.etree.ElementTree as ET
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            missing = [p for p in REFERENCE_PARTS if p not in z.namelist()]
            if missing:
                raise DataError(f"Mallen {path} saknar delen {missing[0]} och är ingen hel "
                                "Word-fil. Spara den på nytt från Word (som .docx), eller ta "
                                "bort den så används standardmallen.")
            for name in REFERENCE_PARTS:
                info = z.getinfo(name)
                if info.file_size > MAX_REFERENCE_DOCX_BYTES:
                    raise zipfile.BadZipFile(name)
                ET.fromstring(z.read(name))
    except DataError:
        raise
    except Exception as exc:  # not a zip, a bad CRC, a part that is not XML
        raise DataError(f"Mallen {path} är ingen giltig Word-fil (den går inte att öppna som "
                        ".docx). Spara den på nytt från Word, eller ta bort den så används "
                        "standardmallen.") from exc


def export_templates(target: Path, force: bool) -> list[Path]:
    """Copy the bundled templates out for the clerk to edit (atomically, never over without force)."""
    source = templates_dir()
    files = sorted(p for p in source.iterdir() if p.is_file())
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} är en fil, inte en mapp. Ange en mapp för mallarna.")
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise UsageError(f"{parent} är en fil, inte en mapp, så mappen {target} kan inte "
                             "skapas där. Ange en annan mapp för mallarna.")
    refuse_inputs(target)  # not in the data folder, nor over the bundled templates
    existing = [target / p.name for p in files if (target / p.name).exists()]
    if existing and not force:
        raise UsageError(f"{existing[0]} finns redan. Ange --force för att skriva över, eller "
                         "välj en annan mapp.")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from pk_report.errors import OutputError

        raise OutputError(f"Mappen {target} kan inte skapas ({exc.strerror}). Kontrollera "
                          "behörigheten, eller ange en annan mapp för mallarna.") from exc
    written = []
    for p in files:
        write_atomic(target / p.name, p.read_bytes())
        written.append(target / p.name)
    return written
