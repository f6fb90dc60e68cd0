"""Keeping text harmless in what the tool writes: spreadsheets, XML, Markdown, HTML, the
terminal; and the one normal form (NFC) of every text read."""

from __future__ import annotations

import re
import unicodedata

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
# XML 1.0 forbids C0 controls but tab, LF and CR; DEL and C1 controls are allowed but
# discouraged, invisible, and terminal escapes: they go too.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^&$@])")  # no "!": "![" needs "[", escaped
# What starts a block when it begins a line: a list item ('+ Plus', '- x'), a quote, a
# definition or a fenced div (':::'), a setext underline ('==='); and an ordered-list marker
# ('1986. Kurs', 'b) Budget', '(iv) x', '(@) x'), whose '.' or ')' is escaped.
_MD_BLOCK_START = re.compile(r"^([+\-*>:=])|^(\(?(?:[0-9]+|[A-Za-z]|[ivxlcdmIVXLCDM]+|@\w*))([.)])"
                             r"(?=\s|$)")
# What a cell should never hold: C0 controls but tab, LF and CR; DEL; C1 controls (ESC, OSC
# and CSI sequences, BEL, backspace ...).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What else no output may hold (Word and the PDF refuse U+FFFE, U+FFFF and lone surrogates)
# or should obey (bidirectional overrides and isolates turn the text shown around).
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
ODD = re.compile("[\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
                     "\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Data text as every output gets it (the report in every format, ``stats`` as table, CSV
    and JSON): without controls (but tab, LF and CR), U+FFFE, U+FFFF, lone surrogates and the
    bidirectional overrides and isolates that would show a name reversed. Done once as a cell
    is read, and again on text that did not come through the readers."""
    text = str(text)
    return _UNSEEN.sub("", text) if _UNSEEN.search(text) else text


# Shown escaped in the terminal: those, CR too, and the bidirectional overrides and isolates
# that reorder what the terminal shows.
_TERMINAL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0b, 0x20),
                                                  *range(0x7f, 0xa0)]}
_TERMINAL_ESCAPES.update({c: f"\\u{c:04x}" for c in [*range(0x202a, 0x202f),
                                                       *range(0x2066, 0x206a), 0xfffe, 0xffff,
                                                       *range(0xd800, 0xe000)]})


def plain_wanted() -> bool:
    """No colours and no styles on the terminal: ``NO_COLOR`` set to anything (no-color.org)
    or a terminal that says it is dumb (``TERM=dumb``)."""
    import os

    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM", "") == "dumb"


def csv_cell(text: str) -> str:
    """OWASP: a cell that a spreadsheet would run as a formula gets a leading apostrophe.

    A plain negative number (-4500, -4 500,50) is data, not a formula, and is kept."""
    if text.startswith(FORMULA_START) and not re.fullmatch(r"-[\d\s\u00a0]+([.,]\d+)?", text):
        return "'" + text
    return text


def xml_text(text: str) -> str:
    """Remove characters XML 1.0 forbids or discourages (DOCX and XLSX would be unreadable)."""
    return _XML_FORBIDDEN.sub("", text)


def md_inline(text: object) -> str:
    """A name or other data placed in Markdown: special characters escaped, one line."""
    flat = re.sub(r"[ \t\r\n\f\v\u2028\u2029]+", " ", str(text))  # keep no-break spaces
    escaped = _MD_SPECIAL.sub(r"\\\1", clean(flat))
    return _MD_BLOCK_START.sub(_escape_block_start, escaped, count=1)


def _escape_block_start(m: re.Match) -> str:
    return "\\" + m[1] if m[1] else m[2] + "\\" + m[3]


def terminal(text: object) -> str:
    """Data shown in the terminal: control characters (ESC, BEL, CR ...) and bidirectional
    overrides written as visible escapes (``\\x1b``), never sent to the terminal to obey."""
    return str(text).translate(_TERMINAL_ESCAPES)


def controls_in(text: str) -> list[str]:
    """The control characters a cell holds, each once, as ``\\x1b``."""
    return list(dict.fromkeys(terminal(c) for c in CONTROL.findall(text)))


def nfc(text: str) -> str:
    """The text in Unicode's composed normal form: 'Å' as one character, as Windows writes it,
    whether it came from macOS (decomposed) or not."""
    if is_nfc(text):
        return text
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    """Whether ``text`` is in NFC. Every character of Latin-1 is, so a Swedish text without
    dashes or quotation marks (nearly every cell) is settled by one fast encode."""
    if text.isascii():
        return True
    try:
        text.encode("latin-1")
        return True
    except UnicodeEncodeError:
        return unicodedata.is_normalized("NFC", text)


# What a terminal that cannot show a character gets instead (a Latin-1 or an ASCII terminal).
_FALLBACK = {"•": "*", "–": "-", "—": "-", "”": '"', "“": '"', "„": '"', "’": "'", "‘": "'",
             "…": "...", "\u00a0": " ", "\u202f": " ", "−": "-", "×": "x", "≥": ">=", "≤": "<="}
ERRORS = "pk-report-fallback"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: each character the encoding lacks as the nearest it has
    ('–' as '-', 'ő' as 'o'), else '?'."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        if ch in _FALLBACK:
            out.append(_FALLBACK[ch])
            continue
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
        out.append(plain or "?")
    return "".join(out), exc.end


def fall_back_where_the_terminal_cannot_show(*streams) -> None:
    """Give text streams whose encoding is not UTF (``LANG=sv_SE.ISO-8859-1``) the fallback
    handler, so that '•' and '–' become '*' and '-' instead of a UnicodeEncodeError."""
    import codecs

    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _fallback)
    for stream in streams:
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding.startswith("utf") or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=ERRORS)
        except (ValueError, OSError):
            pass
