"""The date grammar: formats, CLDR names and misspellings, and where a missing year comes from."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.dates import resolve

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]
WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@pytest.fixture(scope="module")
def dates(grammar):
    return grammar.languages["id"].dates


def found(dates, text, published=None):
    return [d.span.notation() for d in resolve(dates.find(text), published)]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
@settings(max_examples=300, deadline=None)
def test_written_dates_read_back(dates, day):
    assert found(dates, f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}") == [day.isoformat()]
    assert found(dates, f"{day.day}/{day.month}/{day.year}") == [day.isoformat()]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_weekday_with_day_and_month_takes_the_publication_year(dates, day):
    text = f"{WEEKDAYS_ID[day.weekday()]} ({day.day}/{day.month})"
    assert found(dates, text, published=day + dt.timedelta(days=1)) == [day.isoformat()]


def test_weekday_decides_the_year_among_plausible_ones(dates):
    """14 December was a Wednesday in 2011, 2016 and 2022; an article naming 2012 makes only 2016 fit."""
    text = "Pertempuran berlangsung sejak 19 Juli 2012. Lavrov berbicara Rabu (14/12)."
    assert found(dates, text)[-1] == "2016-12-14"


@pytest.mark.parametrize("written,published,expected", [
    ("29 Juni", "2015-04-08", "2014-06-29"),  # months ahead of its article: it happened last year
    ("29 April", "2015-04-08", "2015-04-29"),  # three weeks ahead: may be ahead still
    ("Senin (29/6)", "2015-04-08", "2015-06-29"),  # 29 June 2015 was a Monday: the weekday keeps the year
    ("Minggu (29/6)", "2015-04-08", "2014-06-29"),  # and 2014's was a Sunday
])
def test_an_event_that_happened_lies_before_its_article(dates, written, published, expected):
    from checker.dates import happened
    published = dt.date.fromisoformat(published)
    mention = resolve([dates.parse(written, 0, len(written))], published)[0]
    moved = happened(mention, published)
    assert moved.span.iso("start") == expected
    assert "weekday-mismatch" not in moved.flags


def test_without_any_year_in_sight_the_year_stays_unknown(dates):
    assert found(dates, "Gencatan senjata pada 27 Febuari.") == ["--02-27"]
    assert found(dates, "Rabu (14/12)") == ["--12-14"]


@pytest.mark.parametrize("text,expected", [
    ("akhir Desember", "--12-21/--12-31"), ("awal Maret 2011", "2011-03-01/2011-03-10"),
    ("Maret 2011", "2011-03-01/2011-03-31"), ("18 Nopember 2015", "2015-11-18"), ("3 Pebruari 2017", "2017-02-03"),
])
def test_formats_and_variants(dates, text, expected):
    assert found(dates, text) == [expected]


def test_the_nearest_year_to_publication(dates):
    assert found(dates, "akhir Desember", dt.date(2017, 1, 20)) == ["2016-12-21/2016-12-31"]
    assert found(dates, "18 Desember", dt.date(2015, 12, 16)) == ["2015-12-18"]


def test_impossible_dates_are_not_dates(dates):
    assert found(dates, "31 Februari 2016") == []
    assert found(dates, "14/13/2016") == []


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_finding_dates_never_raises(dates, text):
    for d in dates.find(text):
        assert text[d.start:d.end] == d.text


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 20)), st.sampled_from(
    [("Sehari kemudian", 1), ("Dua hari kemudian", 2), ("Tiga hari kemudian", 3), ("Sepekan kemudian", 7)]))
@settings(max_examples=100, deadline=None)
def test_days_later_count_from_the_day_the_text_dated_last(dates, day, later):
    """'Dua hari kemudian' is two days after the day the text named before it, whatever the publication date."""
    words, offset = later
    text = f"Gempa terjadi pada {day.day} {MONTHS_ID[day.month - 1]} {day.year}. {words}, bantuan tiba."
    assert found(dates, text, dt.date(2100, 1, 1)) == [day.isoformat(), (day + dt.timedelta(days=offset)).isoformat()]


def test_days_later_with_no_day_before_them_are_not_read(dates):
    assert found(dates, "Dua hari kemudian, bantuan tiba.", dt.date(2017, 7, 10)) == []
    assert found(dates, "Pada 3 Juli 2017 gempa terjadi. Sehari sebelumnya, hujan turun.", dt.date(2017, 7, 10)) == [
        "2017-07-03"]  # the day before what, the text seldom dates: left unread
    assert found(dates, "Pada Juli 2017 hujan turun. Dua hari kemudian, bantuan tiba.", dt.date(2017, 7, 10)) == [
        "2017-07-01/2017-07-31"]  # a month is no day to count from


@pytest.mark.parametrize("published,expected", [
    ("2016-07-04", "2016-07-05"),  # a Monday: the Tuesday after
    ("2016-07-05", "2016-07-05"),  # a Tuesday: that day, as 'on Tuesday' is on a Tuesday (not a week on)
    ("2016-07-06", "2016-07-12"),  # a Wednesday: the next Tuesday
])
def test_a_weekday_to_come_is_the_first_on_or_after_publication(dates, published, expected):
    assert found(dates, "Tersangka akan diperiksa pada Selasa.", dt.date.fromisoformat(published)) == [expected]


@given(st.dates(min_value=dt.date(1969, 1, 1), max_value=dt.date(2068, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_us_dates_in_numbers_read_back_with_years_of_four_digits_or_two(grammar, day):
    """'9/15/2016' and '(09/15/16)': month first, as US news writes them; a two-digit year as strptime's %y."""
    english = grammar.languages["en"].dates
    assert found(english, f"Updated {day.month}/{day.day}/{day.year}") == [day.isoformat()]
    assert found(english, f"({day.month:02}/{day.day:02}/{day.year % 100:02}) - Police said") == [day.isoformat()]


def test_a_format_begins_only_with_the_words_it_writes_outside_lookarounds():
    from checker.dates import written

    assert written(r"(?<=(?<![\p{L}])(?:akan|bakal)\s+(?:pada\s+)?)(?:bulan\s+)?{month}") == {"bulan"}
    assert written(r"(?<![\p{L}])(?:hari[^\S\n]+ini|kemarin)(?:[^\S\n]+pagi)?") == {"hari", "ini", "kemarin", "pagi"}
    assert written(r"(?-i:(?=\p{Lu})){weekday}\s+lalu") == {"lalu"}
    assert written(r"[Tt]he {day}") is None  # a class of letters may begin any word
    assert written(r"\p{L}+ ago") is None
    assert written(r"(?P<w>x)?(?P=w) ago") is None  # a backreference may stand for any word


@pytest.mark.parametrize("lang", ["id", "en"])
def test_trying_only_the_formats_that_can_begin_at_a_word_finds_what_the_whole_alternation_finds(grammar, lang):
    """Every date of the bundled articles and of the date rules' own examples, read both ways."""
    import json

    from checker import scan
    from checker.sources import normalise
    from conftest import FIXTURES

    language = grammar.languages[lang]
    d = language.dates
    lines = (FIXTURES / "events-id.jsonl").read_text("utf-8").splitlines()
    texts = [normalise(json.loads(line)["text"]) for line in lines]
    texts += [e.text for e in (*d.dates.examples.match, *d.dates.examples.no_match)]
    read = [m.span() for text in texts for m in scan.matches(d.regex, d.starts, text)]
    assert len(read) > 50
    assert [m.span() for text in texts for m in scan.matches(d.regex, d.starts, text, branches=d._formats_at)] == read
