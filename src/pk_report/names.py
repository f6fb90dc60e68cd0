"""Loose matching of sheet, file, column and value names, as DATAFORMAT.md describes."""

from __future__ import annotations

import re

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "\u00a0": " "})
_SEPARATORS = re.compile(r"[\s\-_]+")


def norm_name(text: object) -> str:
    """'Tillfälle ID', 'tillfalle_id' and 'TILLFÄLLE-ID' all give 'tillfalle_id'."""
    folded = str(text).strip().lower().translate(_FOLD)
    return _SEPARATORS.sub("_", folded).strip("_")
