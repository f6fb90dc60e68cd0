"""Loose matching of sheet, file, column and value names, as DATAFORMAT.md describes."""

from __future__ import annotations

import re

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "\u00a0": " "})
_SEPARATORS = re.compile(r"[\s\-_]+")


def norm_name(text: object) -> str:
    """'Tillfälle ID', 'tillfalle_id' and 'TILLFÄLLE-ID' all give 'tillfalle_id'."""
    folded = str(text).strip().lower().translate(_FOLD)
    return _SEPARATORS.sub("_", folded).strip("_")


_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def person_key(name: object) -> str:
    """What makes two ``namn`` one person: the text in NFKC, case-folded, with zero-width and
    other invisible format characters removed and every run of spaces (no-break too) one
    space. 'Anna Svensson', 'anna  svensson' and 'Anna\u200bSvensson' are one person; a name
    written with a Cyrillic 'А' is not (``mixed_scripts`` warns of it)."""
    text = str(name)
    if not text.isascii():  # NFKC leaves ASCII as it is, and nothing ASCII is invisible
        import unicodedata

        text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    return " ".join(text.casefold().split())


def mixed_scripts(name: str) -> list[str]:
    """The scripts of the letters in ``name`` ('LATIN', 'CYRILLIC' ...), in order of first
    appearance, when there are more than one: a name that looks Swedish but is not the same
    text as the one written on a Swedish keyboard."""
    if _latin_1(name):  # every letter of Latin-1 is Latin: nearly every Swedish name
        return []
    import unicodedata

    scripts: dict[str, None] = {}
    for ch in name:
        if ch.isalpha():
            scripts.setdefault(unicodedata.name(ch, "?").split(" ")[0], None)
    return list(scripts) if len(scripts) > 1 else []


def _latin_1(text: str) -> bool:
    try:
        text.encode("latin-1")
        return True
    except UnicodeEncodeError:
        return False
