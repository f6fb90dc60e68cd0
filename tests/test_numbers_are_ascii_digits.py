"""A number in a cell (an amount, a count, a date, a year, a grade) is written with 0-9 only:
another script's digit is a located error naming the character (attack-findings 7)."""

import pytest

from pk_report.cells import (parse_amount, parse_date, parse_int, parse_month_or_date,
                             parse_year_or_period)


@pytest.mark.parametrize("parse, text, char", [
    (parse_amount, "1\u09ea00000", "BENGALI DIGIT FOUR"),
    (parse_amount, "\uff11\uff10\uff10 kr", "FULLWIDTH DIGIT ONE"),
    (parse_int, "\u0661\u0662", "ARABIC-INDIC DIGIT ONE"),
    (parse_int, "1\u00b2", "SUPERSCRIPT TWO"),
    (parse_date, "2009-0\u0663-12", "ARABIC-INDIC DIGIT THREE"),
    (parse_month_or_date, "mars 20\u0967\u0966", "DEVANAGARI DIGIT ONE"),
    (parse_year_or_period, "\uff12\uff10\uff10\uff19", "FULLWIDTH DIGIT TWO"),
])
def test_a_digit_of_another_script_is_named(parse, text, char):
    value, message = parse(text)
    assert value is None and char in message and "0–9" in message


@pytest.mark.parametrize("parse, text, value", [
    (parse_amount, "731 322,50 kr", 731322.5), (parse_int, "1 200", 1200),
    (parse_year_or_period, "2009", 2009), (parse_month_or_date, "mars 2010", "2010-03"),
])
def test_ascii_numbers_still_read(parse, text, value):
    assert parse(text) == (value, None)
