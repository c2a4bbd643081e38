"""The number grammar: words and digits back to values, qualifiers to intervals, never a crash."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from checker.models import Interval

WORDS_ID = [("dua ribu lima ratus", "2500"), ("tujuh ratus dua puluh satu ribu dua belas", "721012"),
            ("seratus", "100"), ("sebelas", "11"), ("sejuta", "1000000"), ("1,5 juta", "1500000"),
            ("250.000", "250000"), ("7.000", "7000"), ("300 ribu", "300000")]


@pytest.fixture(scope="module")
def indonesian(grammar):
    return grammar.languages["id"].numbers


@pytest.mark.parametrize("text,value", WORDS_ID)
def test_indonesian_numbers(indonesian, text, value):
    mention = indonesian.parse(text)
    assert mention is not None and mention.quantity.notation() == value


@given(st.integers(min_value=0, max_value=10**12))
@settings(max_examples=300, deadline=None)
def test_indonesian_words_from_an_independent_writer_read_back(indonesian, n):
    """num2words writes Indonesian numbers; reading them back gives the number."""
    text = num2words(n, lang="id")
    mention = indonesian.parse(text)
    assert mention is not None, text
    assert mention.quantity.nominal == Interval.point(n), text


@given(st.integers(min_value=0, max_value=10**12))
@settings(max_examples=200, deadline=None)
def test_indonesian_digits_with_group_separators_read_back(indonesian, n):
    text = f"{n:,}".replace(",", ".")
    assert indonesian.parse(text).quantity.nominal == Interval.point(n)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_finding_numbers_never_raises(indonesian, text):
    for mention in indonesian.find(text):
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("text,notation", [
    ("Sedikitnya 300 ribu", "[300000,)"), ("lebih dari 250.000", "(250000,)"), ("hampir 10", "~(,10)"),
    ("sekitar 130 ribu", "~130000"), ("kurang dari 50", "(,50)"), ("hingga 500", "(,500]"),
    ("10 ribu hingga 13 ribu", "[10000,13000]"), ("1,5 hingga 2 juta", "[1500000,2000000]"),
    ("antara 20 dan 30", "[20,30]"), ("puluhan ribu", "[10000,100000)"),
])
def test_qualifiers_make_distinct_intervals(indonesian, text, notation):
    assert indonesian.parse(text).quantity.notation() == notation


def test_about_widens_by_the_width_in_the_data(indonesian):
    q = indonesian.parse("sekitar 130 ribu").quantity
    assert (q.interval.low, q.interval.high, q.approximate) == (117000, 143000, True)


def test_nearly_is_just_under(indonesian):
    q = indonesian.parse("hampir 10").quantity
    assert (q.interval.low, q.interval.high, q.interval.high_inclusive) == (9, 10, False)


@pytest.mark.parametrize("text", ["[300000,)", "(250,)", "[10000,13000]", "(,50]", "~130000", "12", "~(,10)"])
def test_interval_notation_round_trips(text):
    interval, approx = Interval.parse(text)
    assert ("~" if approx else "") + interval.notation() == text.replace("[12,12]", "12")
