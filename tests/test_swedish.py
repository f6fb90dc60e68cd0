"""Each rule of the report's Swedish, on its own."""

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from pk_report import swedish
from pk_report.swedish import NBSP


@pytest.mark.parametrize("n,noun,text", [
    (1, "tillfälle", "ett tillfälle"), (1, "utvärdering", "en utvärdering"),
    (5, "sammanträde", "fem sammanträden"), (2, "tillfälle", "två tillfällen"),
    (12, "deltagare", "tolv deltagare"), (0, "utvärdering", "noll utvärderingar"),
    (13, "deltagare", f"13{NBSP}deltagare"), (87, "deltagare", f"87{NBSP}deltagare"),
    (1, "sammanträde", "ett sammanträde"), (1, "person", "en person"),
])
def test_numbers_up_to_twelve_in_words_with_en_ett(n, noun, text):
    assert swedish.count(n, noun) == text


def test_no_num2words_mistakes():
    assert swedish.number_word(40) == "40"  # never "förtio"
    assert swedish.number_word(1000) == f"1{NBSP}000"  # never "etttusen"
    assert [swedish.number_word(n) for n in (1, 7, 11)] == ["en", "sju", "elva"]


def test_thousands_grouped_with_no_break_space():
    assert swedish.kronor(731322) == f"731{NBSP}322{NBSP}kronor"
    assert swedish.integer(1234567) == f"1{NBSP}234{NBSP}567"
    assert swedish.integer(999) == "999"


@given(st.integers(min_value=0, max_value=10**9))
def test_grouping_round_trips(n):
    text = swedish.integer(n)
    assert int(text.replace(NBSP, "")) == n
    assert " " not in text


def test_percent_in_text_and_in_tables():
    assert swedish.percent_text(65) == f"65{NBSP}procent"
    assert swedish.percent_cell(65) == f"65{NBSP}%"
    assert swedish.percent_text(None) == "–"


def test_dates_and_months_in_words():
    assert swedish.date_text(dt.date(2009, 6, 23)) == "23 juni 2009"
    assert swedish.date_text("2010-03") == "mars 2010"
    assert swedish.date_text("2010-03-09") == "9 mars 2010"


def test_lists_and_quotes():
    assert swedish.join(["a", "b", "c"]) == "a, b och c"
    assert swedish.join(["a", "b"]) == "a och b"
    assert swedish.join(["a"]) == "a"
    assert swedish.join(["a", "b", "c"], "eller") == "a, b eller c"
    assert swedish.quote("Utmärkt") == "\u201dUtmärkt\u201d"


def test_decimal_comma_half_up():
    assert swedish.decimal(3.45) == "3,5"
    assert swedish.decimal(3.0) == "3,0"


def test_dates_in_running_text_take_den():
    assert swedish.date_phrase("2008-03-12") == "den 12 mars 2008"
    assert swedish.date_phrase(dt.date(2009, 6, 23)) == "den 23 juni 2009"
    assert swedish.date_phrase("2010-03") == "mars 2010"
    assert swedish.date_phrase("2010-03", "i") == "i mars 2010"


def test_numbers_side_by_side_and_small_shares():
    assert swedish.counts([(19, "stadsdelschef"), (10, "fackförvaltningschef"),
                           (9, "bolagschef")]) == [f"19{NBSP}stadsdelschefer",
                                                   f"10{NBSP}fackförvaltningschefer",
                                                   f"9{NBSP}bolagschefer"]
    assert swedish.counts([(5, "kvinna"), (3, "man")]) == ["fem kvinnor", "tre män"]
    assert swedish.share(7, 8, 87) == "sju av åtta"
    assert swedish.share(57, 87, 65) == f"65{NBSP}procent"


@pytest.mark.parametrize("omfattning,phrase", [
    ("två dagar", "om två dagar"), ("halvdag", "om en halvdag"), ("kväll", "om en kväll"),
    ("internat, två dagar", "om två dagar i internatform"), ("3 timmar", "om 3 timmar"),
    ("workshop", "(workshop)")])
def test_extent_of_a_session(omfattning, phrase):
    assert swedish.extent(omfattning) == phrase
