"""The report's one typeface: DejaVu Sans, as matplotlib ships it.

matplotlib is already a dependency (the charts) and carries DejaVu Sans in ``mpl-data``, so the
PDF (Typst), the charts and, by name, the Word styles and the web page use one family whose
bytes come with the project, the same on every machine (docs/beslut.md). The files are found
without importing matplotlib. DejaVu's licence (Bitstream Vera's, free to use, embed and pass
on) is ``mpl-data/fonts/ttf/LICENSE_DEJAVU``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

FAMILY = "DejaVu Sans"
FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
         "DejaVuSans-BoldOblique.ttf")


def font_files() -> list[Path]:
    """The family's four faces (regular, bold, oblique, bold oblique), or none when
    matplotlib is not installed."""
    spec = importlib.util.find_spec("matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        ttf = Path(folder) / "mpl-data" / "fonts" / "ttf"
        found = [ttf / name for name in FACES if (ttf / name).is_file()]
        if found:
            return found
    return []
