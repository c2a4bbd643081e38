"""English beside Indonesian: each source's language, separators by language, and one group across both."""

import json

import pytest

from checker.extractor import detect_language
from conftest import write_jsonl


@pytest.mark.parametrize("text,lang", [
    ("Sedikitnya 300 ribu orang tewas dalam konflik di Suriah yang berlangsung sejak 2011.", "id"),
    ("At least 300,000 people have been killed in the conflict in Syria since it began in 2011.", "en"),
    ("Pemerintah mengatakan bahwa bantuan akan tiba pada pekan depan.", "id"),
    ("The government said that aid would arrive next week.", "en"),
    ("puluhan ribu warga mengungsi", "id"),  # no function word: the number words decide
    ("dozens killed", "en"),
    ("Gempa terjadi Senin, 3 Januari 2017 pukul 10.00.", "id"),  # no function word: the calendar's names decide
    ("Quake struck Monday, January 3, 2017", "en"),
    ("Gempa Selasa, 4 April 2017", "id"),  # 'April', in both calendars, tells neither apart; 'Selasa' does
    ("Korban tewas mencapai 30 jiwa.", "id"),  # no function, calendar nor number word: the claim rules' words
    ("Banjir: 7 penumpang meninggal", "id"),
])
def test_language_is_detected_from_the_text(grammar, text, lang):
    assert detect_language(text, grammar) == lang


@pytest.mark.parametrize("text,lang,notation", [
    ("7.000 orang tewas", "id", "7000"), ("7,000 people were killed", "en", "7000"),
    ("1,5 juta orang mengungsi", "id", "1500000"), ("1.5 million people were displaced", "en", "1500000"),
])
def test_separators_follow_the_language(cli, text, lang, notation):
    data = json.loads(cli("explain", text, "--lang", lang, "--format", "json").stdout)
    assert data["claims"][0]["notation"] == notation


def test_an_english_and_an_indonesian_toll_meet_in_one_group(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "reuters", "date": "2015-05-10",
         "text": "The death toll from the earthquake in Nepal rose to more than 8,000 people, officials said."},
        {"id": "antara", "date": "2015-05-10",
         "text": "Jumlah korban tewas akibat gempa di Nepal bertambah menjadi sedikitnya 7.500 orang."},
        {"id": "kompas", "date": "2015-05-10",
         "text": "Jumlah korban tewas akibat gempa di Nepal bertambah menjadi 5.000 orang."}])
    result = cli("compare", path, "--format", "json")
    deaths = [g for g in json.loads(result.stdout)["groups"] if g["kind"] == "deaths"]
    assert len(deaths) == 1, deaths
    (group,) = deaths
    assert group["place"] == "Nepal" and {c["lang"] for c in group["claims"]} == {"en", "id"}
    assert group["verdict"] == "conflict"  # 5,000 is below both "more than 8,000" and "at least 7,500"
    assert result.exit_code == 1


def test_forcing_a_language(cli, tmp_path):
    (tmp_path / "a.txt").write_text("7.000 orang tewas di Nepal.", encoding="utf-8")
    forced = json.loads(cli("extract", tmp_path, "--lang", "en", "--format", "json").stdout)
    assert all(c["lang"] == "en" for c in forced["claims"])
