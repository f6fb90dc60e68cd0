"""Keeping text harmless in what the tool writes: spreadsheets, XML, Markdown, HTML."""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")  # no "!": "![" needs "[", escaped


def csv_cell(text: str) -> str:
    """OWASP: a cell that a spreadsheet would run as a formula gets a leading apostrophe.

    A plain negative number (-4500, -4 500,50) is data, not a formula, and is kept."""
    if text.startswith(FORMULA_START) and not re.fullmatch(r"-[\d\s\u00a0]+([.,]\d+)?", text):
        return "'" + text
    return text


def xml_text(text: str) -> str:
    """Remove characters XML 1.0 forbids (DOCX and XLSX would be unreadable)."""
    return _XML_FORBIDDEN.sub("", text)


def md_inline(text: object) -> str:
    """A name or other data placed in Markdown: special characters escaped, one line."""
    flat = re.sub(r"[ \t\r\n\f\v\u2028\u2029]+", " ", str(text))  # keep no-break spaces
    return _MD_SPECIAL.sub(r"\\\1", xml_text(flat))
