"""Swedish for the report: number words with en/ett agreement, grouped digits, percent, dates,
lists and quotation marks. Babel (sv_SE) does digits, dates and lists, imported where used so
that ``stats --format json`` never loads it. The number words are ours because num2words is
wrong in Swedish (40 "förtio", 1000 "etttusen", no "en")."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from pk_report.rounding import half_up

LOCALE = "sv_SE"
NBSP = "\u00a0"
WORDS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]
ORDINALS = ["nollte", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde",
            "nionde", "tionde", "elfte", "tolfte"]

# noun -> (singular, plural, gender: "en" or "ett")
NOUNS: dict[str, tuple[str, str, str]] = {
    "tillfälle": ("tillfälle", "tillfällen", "ett"),
    "sammanträde": ("sammanträde", "sammanträden", "ett"),
    "deltagare": ("deltagare", "deltagare", "en"),
    "deltagande": ("deltagande", "deltaganden", "ett"),
    "utvärdering": ("utvärdering", "utvärderingar", "en"),
    "kurs": ("kurs", "kurser", "en"),
    "utbildning": ("utbildning", "utbildningar", "en"),
    "ledamot": ("ledamot", "ledamöter", "en"),
    "politiker": ("politiker", "politiker", "en"),
    "person": ("person", "personer", "en"),
    "kvinna": ("kvinna", "kvinnor", "en"),
    "man": ("man", "män", "en"),
    "chef": ("chef", "chefer", "en"),
    "tjänsteman": ("tjänsteman", "tjänstemän", "en"),
    "anmäld": ("anmäld", "anmälda", "en"),
    "inbjuden": ("inbjuden", "inbjudna", "en"),
    "kvinnor": ("kvinna", "kvinnor", "en"),
    "krona": ("krona", "kronor", "en"),
    "stadsdelschef": ("stadsdelschef", "stadsdelschefer", "en"),
    "fackförvaltningschef": ("fackförvaltningschef", "fackförvaltningschefer", "en"),
    "bolagschef": ("bolagschef", "bolagschefer", "en"),
    "förvaltningschef": ("förvaltningschef", "förvaltningschefer", "en"),
    "förvaltnings- och bolagschef": ("förvaltnings- och bolagschef",
                                     "förvaltnings- och bolagschefer", "en"),
    "annan tjänsteman": ("annan tjänsteman", "andra tjänstemän", "en"),
    "dag": ("dag", "dagar", "en"),
    "fel": ("fel", "fel", "ett"),
    "varning": ("varning", "varningar", "en"),
}


def number_word(n: int, gender: str = "en", among: list[int] | tuple = ()) -> str:
    """0..12 in words ('ett' for neuter one), larger numbers as grouped digits.

    ``among`` are the numbers side by side with ``n`` (the same kind of thing in one
    enumeration or comparison): when any of them is over twelve, ``n`` is digits too
    (Språkrådet: ”19 stadsdelschefer, 10 fackförvaltningschefer och 9 bolagschefer”)."""
    if 0 <= n <= 12 and not any(abs(m) > 12 for m in among if m is not None):
        return "ett" if n == 1 and gender == "ett" else WORDS[n]
    return integer(n)


def ordinal(n: int) -> str:
    return ORDINALS[n] if 0 <= n <= 12 else f"{n}:e"


def integer(n: int | float) -> str:
    """Digits with a no-break space between thousands: 731 322; öre only when there are any."""
    from babel.numbers import format_decimal

    if isinstance(n, float) and not n.is_integer():
        return format_decimal(n, format="#,##0.00", locale=LOCALE)
    return format_decimal(int(n), locale=LOCALE)


def count(n: int, noun: str, among: list[int] | tuple = ()) -> str:
    """'ett tillfälle', 'fem sammanträden', '87 deltagare', '731 322 kronor'; ``among`` as in
    ``number_word``."""
    singular, plural, gender = NOUNS[noun]
    number = number_word(int(n), gender, among)
    return f"{number}{' ' if number.isalpha() else NBSP}{singular if n == 1 else plural}"


def counts(pairs: list[tuple[int, str]], among: list[int] | tuple = ()) -> list[str]:
    """Counts side by side, all in digits when one of them (or of ``among``) is over twelve:
    ['19 stadsdelschefer', '10 fackförvaltningschefer', '9 bolagschefer']."""
    numbers = [n for n, _ in pairs] + list(among)
    return [count(n, noun, numbers) for n, noun in pairs]


def share(part: int, whole: int, rounded: int | None) -> str:
    """A share in running text: 'sju av åtta' when the base is under ten (a percentage of a
    handful says more than it knows), else the rounded percentage, '65 procent'."""
    if whole < 10:
        return f"{number_word(part)} av {number_word(whole)}"
    return percent_text(rounded)


def plural(n: int, noun: str) -> str:
    singular, plural_, _ = NOUNS[noun]
    return singular if n == 1 else plural_


def percent_text(p: int | None) -> str:
    """In running text: '65 procent'."""
    return "–" if p is None else f"{p}{NBSP}procent"


def percent_cell(p: int | None) -> str:
    """In a table: '65 %'."""
    return "–" if p is None else f"{p}{NBSP}%"


def decimal(value: float | None, decimals: int = 1) -> str:
    """'3,4' (decimal comma), rounded half up."""
    if value is None:
        return "–"
    from babel.numbers import format_decimal

    rounded = half_up(Fraction(str(value)), decimals)
    return format_decimal(rounded, format="#,##0." + "0" * decimals, locale=LOCALE)


def kronor(amount: float) -> str:
    """Whole kronor for running text, half up ('79 376 kronor'); tables may keep öre."""
    return f"{integer(half_up(Fraction(str(amount))))}{NBSP}kronor"


def date_text(value: dt.date | str | None) -> str:
    """'23 juni 2009'; a month '2010-03' gives 'mars 2010'."""
    from babel.dates import format_date

    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if len(value) == 7:
            return format_date(dt.date(int(value[:4]), int(value[5:7]), 1), "MMMM y", locale=LOCALE)
        value = dt.date.fromisoformat(value[:10])
    return format_date(value, "d MMMM y", locale=LOCALE)


# omfattning as the clerk writes it -> what follows "ett tillfälle om"
EXTENTS = {"kväll": "en kväll", "halvdag": "en halvdag", "heldag": "en heldag",
           "dag": "en dag", "endagars": "en dag", "förmiddag": "en förmiddag",
           "eftermiddag": "en eftermiddag", "tvådagars": "två dagar"}
BOARDING = {"internat", "internatform"}
# an omfattning that is one unit of time: n sessions are "n kvällar", "en halvdag"
UNIT_WORDS = {"kväll": ("kväll", "kvällar"), "halvdag": ("halvdag", "halvdagar"),
              "heldag": ("heldag", "heldagar"), "dag": ("dag", "dagar"),
              "förmiddag": ("förmiddag", "förmiddagar"),
              "eftermiddag": ("eftermiddag", "eftermiddagar")}
UNITS = {"kväll": ("kvällstillfälle", "kvällstillfällen"),
         "halvdag": ("halvdagstillfälle", "halvdagstillfällen"),
         "heldag": ("heldagstillfälle", "heldagstillfällen"),
         "dag": ("heldagstillfälle", "heldagstillfällen"),
         "förmiddag": ("förmiddagstillfälle", "förmiddagstillfällen"),
         "eftermiddag": ("eftermiddagstillfälle", "eftermiddagstillfällen")}


def as_units(n: int, omfattning: str, among: list[int] | tuple = ()) -> str | None:
    """``n`` sessions of one unit of time said as that many sessions of that kind: 'ett
    kvällstillfälle', 'sex halvdagstillfällen' (issue 19 point 11: a training is given *vid*
    sessions, not "sex halvdagar" as an adverbial); ``None`` when the omfattning is not a single unit ('två dagar', 'internat,
    två dagar'), which is said 'om två dagar' after the sessions instead."""
    unit = UNITS.get(omfattning.strip().lower())
    if unit is None:
        return None
    return f"{number_word(n, 'ett', among)} {unit[0] if n == 1 else unit[1]}"


def unit_words(n: int, omfattning: str) -> str | None:
    """``n`` sessions as units of time, for a list after "tillfällen": 'en heldag'."""
    unit = UNIT_WORDS.get(omfattning.strip().lower())
    return None if unit is None else f"{number_word(n, 'en')} {unit[0] if n == 1 else unit[1]}"


def extent(omfattning: str) -> str:
    """How long a session was, to follow 'tillfällen': 'om två dagar', 'om en halvdag',
    'om två dagar i internatform'. Words the tool does not know stay as written, in brackets:
    '(workshop)'."""
    import re

    parts = [p.strip() for p in re.split(r",|\boch\b|\+", omfattning.lower()) if p.strip()]
    boarding = any(p in BOARDING for p in parts)
    durations = []
    for part in parts:
        if part in BOARDING:
            continue
        if part in EXTENTS:
            durations.append(EXTENTS[part])
        elif re.match(rf"^(\d+|{'|'.join(WORDS[1:])}|ett)\s+\w", part):
            durations.append(part)
        else:
            return f"({omfattning.strip()})"
    phrase = f"om {join(durations)}" if durations else ""
    return f"{phrase} i internatform".strip() if boarding else phrase


def date_phrase(value: dt.date | str | None, month_preposition: str = "") -> str:
    """A date from the data in running text: 'den 12 mars 2008'; a month 'mars 2010', or with
    ``month_preposition`` 'i mars 2010' (where a day would take 'den')."""
    text = date_text(value)
    if not text:
        return ""
    is_month = isinstance(value, str) and len(value) == 7
    if is_month:
        return f"{month_preposition} {text}".strip()
    return f"den {text}"


def join(items: list[str], conjunction: str = "och") -> str:
    """'a, b och c' (Babel's Swedish list pattern); 'eller' lists too."""
    items = [str(i) for i in items]
    if not items:
        return ""
    if conjunction == "och":
        from babel.lists import format_list

        return format_list(items, locale="sv")
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def quote(text: str) -> str:
    """Swedish quotation marks: ”text”."""
    return f"\u201d{text}\u201d"


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
