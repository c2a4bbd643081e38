"""Slips a fact-checker wants shown are flagged, never dropped: a weekday that is not the date's, a count of
people written as a fraction. Every table and machine format carries the flag, and compare lists a flagged
claim even when nothing else states the same fact."""

from __future__ import annotations

import json

from checker.api import explain

from conftest import write_jsonl

QUAKE = "Gempa bumi terjadi pada Selasa (14/12/2016) di Pidie Jaya, Aceh."  # 14 December 2016 was a Wednesday


def test_a_weekday_that_contradicts_its_date_is_flagged_not_dropped():
    result = explain(QUAKE, lang="id", date="2016-12-20")
    assert [(d["start"], d["flags"]) for d in result["dates"]] == [("2016-12-14", ["weekday-mismatch"])]
    assert [(c["kind"], c["flags"]) for c in result["claims"]] == [("date", ["weekday-mismatch"])]
    right = explain(QUAKE.replace("Selasa", "Rabu"), lang="id", date="2016-12-20")
    assert right["dates"][0]["flags"] == [] and right["claims"][0]["flags"] == []


def test_a_year_taken_from_the_publication_date_is_checked_against_the_weekday_too():
    text = "Gempa bumi terjadi pada Selasa (7/12) di Pidie Jaya, Aceh."  # 7 December 2016 was a Wednesday
    assert explain(text, lang="id", date="2016-12-20")["dates"][0]["flags"] == ["weekday-mismatch"]
    assert explain(text.replace("Selasa", "Rabu"), lang="id", date="2016-12-20")["dates"][0]["flags"] == []


def test_a_slipped_month_is_read_as_the_recent_day_the_weekday_names_and_stays_flagged():
    """'Minggu (15/8)' in an article of Monday 16 October 2017: 15 August was a Tuesday; 15 October, the day
    before, a Sunday. The day is read as 15 October, flagged; a weekday that fits no recent day changes nothing."""
    text = "Choirul Huda meninggal dunia pada Minggu (15/8) sore WIB."
    date, = explain(text, lang="id", date="2017-10-16")["dates"]
    assert (date["start"], date["year_from"], date["flags"]) == ("2017-10-15", "weekday", ["weekday-mismatch"])
    date, = explain(text.replace("Minggu", "Senin"), lang="id", date="2017-10-16")["dates"]
    assert (date["start"], date["year_from"], date["flags"]) == ("2017-08-15", "published", ["weekday-mismatch"])
    date, = explain(text.replace("Minggu", "Selasa"), lang="id", date="2017-10-16")["dates"]
    assert (date["start"], date["flags"]) == ("2017-08-15", [])
    # the day as written had its weekday in the year before: no slip, that year ('Sabtu (13/5)' of 2017)
    claims = explain("Penembakan pada Sabtu (13/5) menewaskan tiga orang.", lang="id", date="2018-01-20")["claims"]
    assert [(c["start"], c["flags"]) for c in claims if c["kind"] == "date"] == [("2017-05-13", [])]


def test_a_slipped_year_is_read_as_the_recent_day_the_weekday_names_and_stays_flagged():
    """'Sabtu (14/6/2026)' in an article of Friday 20 June 2025: 14 June 2026 is a Sunday, a year ahead; 14 June
    2025, six days before, was a Saturday. The day is read as 14 June 2025, flagged, and a toll 'hingga' it stands
    at that day. A weekday that fits the year as written, or no recent day, changes nothing."""
    text = "Jumlah korban tewas kecelakaan pesawat itu sebanyak 274 orang hingga Sabtu (14/6/2026)."
    result = explain(text, lang="id", date="2025-06-20")
    date, = result["dates"]
    assert (date["start"], date["year_from"], date["flags"]) == ("2025-06-14", "weekday", ["weekday-mismatch"])
    assert [c["as_of"] for c in result["claims"] if c["kind"] == "deaths"] == ["2025-06-14"]
    date, = explain(text.replace("Sabtu", "Minggu"), lang="id", date="2025-06-20")["dates"]
    assert (date["start"], date["flags"]) == ("2026-06-14", [])
    date, = explain(text.replace("Sabtu", "Senin"), lang="id", date="2025-06-20")["dates"]
    assert (date["start"], date["flags"]) == ("2026-06-14", ["weekday-mismatch"])
    date, = explain(text, lang="id", date="2025-07-20")["dates"]  # five weeks on: not a recent day
    assert (date["start"], date["flags"]) == ("2026-06-14", ["weekday-mismatch"])


def test_a_count_of_people_is_whole_and_a_fraction_is_flagged():
    claim, = explain("UNHCR memberikan kartu pengungsi kepada 16,500 orang Rohingya.", lang="id")["claims"]
    assert (claim["low"], claim["flags"]) == (16500, ["fractional-count"])
    claim, = explain("UNHCR memberikan kartu pengungsi kepada 16.500 orang Rohingya.", lang="id")["claims"]
    assert (claim["low"], claim["flags"]) == (16500, [])


def test_compare_lists_a_flagged_claim_that_nothing_else_states(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a1", "text": QUAKE + " Sedikitnya 97 orang tewas.", "date": "2016-12-20", "lang": "id"},
        {"id": "a2", "text": "Gempa di Pidie Jaya, Aceh, menewaskan 97 orang.", "date": "2016-12-20", "lang": "id"}])
    table = cli("compare", path)
    assert "weekday-" in table.stdout and "1 claim flagged" in table.stderr + table.stdout
    groups = json.loads(cli("compare", path, "--format", "json").stdout)["groups"]
    dated = [c for g in groups for c in g["claims"] if c["kind"] == "date"]
    assert [c["flags"] for c in dated] == [["weekday-mismatch"]]


def test_a_date_that_cannot_be_is_shown_flagged_when_a_weekday_says_one_was_meant():
    claim, = explain("Banjir melanda desa itu pada Jumat (31/13) malam.", lang="id", date="2016-12-20")["claims"]
    assert (claim["kind"], claim["flags"]) == ("date", ["impossible-date"])
    assert explain("Skor akhir 31/13 untuk tim tamu.", lang="id", date="2016-12-20")["dates"] == []


def test_a_year_far_after_publication_is_flagged():
    dates = explain("Gempa terjadi pada Rabu (12/3/2061).", lang="id", date="2016-03-14")["dates"]
    assert [d["flags"] for d in dates] == [["weekday-mismatch", "implausible-year"]]
    dates = explain("Gempa terjadi pada Sabtu (12/3/2016).", lang="id", date="2016-03-14")["dates"]
    assert [d["flags"] for d in dates] == [[]]
    # a year no news date has, where a weekday says a date was meant: shown, flagged, not dropped; read as the
    # recent day its weekday names when there is one (24 July 2025 was a Thursday, two days before the article)
    dates = explain("Konflik pecah pada Kamis (24/7/2205).", lang="id", date="2025-07-26")["dates"]
    assert [(d["start"], d["year_from"], d["flags"]) for d in dates] == [
        ("2025-07-24", "weekday", ["weekday-mismatch", "implausible-year"])]
    dates = explain("Konflik pecah pada Kamis (24/7/2205).", lang="id", date="2025-09-26")["dates"]
    assert [(d["start"], d["flags"]) for d in dates] == [("2205-07-24", ["weekday-mismatch", "implausible-year"])]


def test_relative_dates_are_read_against_the_publication_date_and_never_compared():
    claims = explain("Korban dimakamkan kemarin. Selasa lalu, pasukan itu mundur.", lang="id",
                     date="2024-09-05")["claims"]
    assert [(c["kind"], c["start"], c["compared"]) for c in claims] == [
        ("date", "2024-09-04", False), ("date", "2024-09-03", False)]
    assert explain("Korban dimakamkan kemarin.", lang="id")["claims"] == []  # no publication date, no day


def test_a_date_that_names_its_day_and_month_is_compared_though_its_year_is_relative():
    """Only the year of '14 Januari dua tahun lalu' comes from the publication date: a year is never a day
    off, so the date is compared like any other; a weekday read against the publication date is not."""
    claims = explain("Bom itu meledak pada 14 Januari dua tahun lalu. Gempa terjadi pada Selasa lalu.", lang="id",
                     date="2018-02-27")["claims"]
    assert [(c["event"], c["start"], c["compared"]) for c in claims] == [
        ("explosion", "2016-01-14", True), ("earthquake", "2018-02-20", False)]


def test_a_weekday_with_no_publication_date_takes_its_year_from_a_day_written_in_full_never_from_a_bare_year():
    """With no publication date, 'Kamis (20/7)' takes the year its weekday fits from the latest day the text
    writes out in full ('14 Maret 2017': 2017); a bare year tells of the past ('Pada 2003', 'pada 1990-an'), so
    beside it alone the year stays unknown."""
    def day(text):
        return [(d["start"], d["year_from"]) for d in explain(text, lang="id")["dates"] if d["text"] == "Kamis (20/7)"]

    died = "Chester meninggal dunia pada Kamis (20/7) malam."
    assert day(died + " Konser pada 14 Maret 2017 dibatalkan.") == [("2017-07-20", "weekday")]
    assert day(died + " Pada 2003 ia pernah mengatakan itu.") == [("--07-20", None)]
    assert day(died + " Ia dikenal sejak pada 1990-an.") == [("--07-20", None)]


def test_a_day_of_last_year_with_no_publication_date_keeps_its_day_and_month():
    """'pada 23 Agustus tahun lalu' with no publication date is 23 August of a year unknown, never nothing; with
    one, that day a year before ('kemarin' with none still says nothing)."""
    text = "Pelecehan itu terjadi pada 23 Agustus tahun lalu, sekitar pukul 09.10 WIB."
    assert [(d["start"], d["year_from"]) for d in explain(text, lang="id")["dates"]] == [("--08-23", None)]
    assert [d["start"] for d in explain(text, lang="id", date="2017-09-01")["dates"]] == ["2016-08-23"]
    assert explain("Ledakan itu terjadi kemarin.", lang="id")["dates"] == []


def test_a_slipped_month_or_year_written_out_is_read_as_the_recent_day_its_weekday_names():
    """'Senin (2/5/2025)' in an article of Monday 2 June 2025 (2 May was a Friday) and 'Sabtu (14/6/2024)' in one
    of Monday 16 June 2025 (14 June 2024 was a Friday) mean the recent day of that weekday: read so, flagged.
    'Senin (27/8)' in an article of Monday 27 March 2017 means that day: 27 August 2018, a Monday too, is over a
    year ahead."""
    def day(text, published):
        date, = explain(text, lang="id", date=published)["dates"]
        return date["start"], date["year_from"], date["flags"]

    assert day("kata Kapolres, Senin (2/5/2025).", "2025-06-02") == ("2025-06-02", "weekday", ["weekday-mismatch"])
    assert day("Serangan terjadi pada Sabtu (14/6/2024) sore.", "2025-06-16") == (
        "2025-06-14", "weekday", ["weekday-mismatch"])
    assert day("Hal itu disampaikan Kapolres, Senin (27/8).", "2017-03-27") == (
        "2017-03-27", "weekday", ["weekday-mismatch"])
    assert day("kata Kapolres, Jumat (2/5/2025).", "2025-06-02") == ("2025-05-02", "text", [])
