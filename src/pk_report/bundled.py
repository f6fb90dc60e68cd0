"""Where the files that ship with pk-report are: the report templates and the sample register.

In the source tree they live at the top level (``templates/``, ``sample_data/``, the design
card's layout); ``pip install .`` copies them into the package (``pyproject.toml`` maps them),
so an installed pk-report finds them beside this module and a source checkout (an editable
install) finds them two folders up.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _HERE / name
    if installed.is_dir():
        return installed
    return _HERE.parents[1] / name


def templates_dir() -> Path:
    """The bundled Jinja2 templates and ``reference.docx``."""
    return _bundled("templates")


def sample_data_dir() -> Path:
    """The bundled sample register (one CSV file per table, and the same as ``register.xlsx``)."""
    return _bundled("sample_data")


def reference_docx() -> Path:
    return templates_dir() / "reference.docx"
