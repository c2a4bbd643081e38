"""Extraction on the sample articles: the claims a reader underlines, and none that are not claims."""

import json

import pytest

from conftest import SEEDS


@pytest.fixture(scope="module")
def seed_claims():
    from typer.testing import CliRunner

    from checker.cli import app

    result = CliRunner().invoke(app, ["extract", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def claim(claims, words):
    found = [c for c in claims["claims"] if words in c["text"]]
    assert found, f"no claim with {words!r}"
    return found[0]


def test_the_json_contract(seed_claims):
    assert seed_claims["schema_version"] == 1
    assert len(seed_claims["sources"]) == 5
    for c in seed_claims["claims"]:
        for field in ("source", "line", "column", "text", "kind", "rule", "low", "high", "low_inclusive",
                      "high_inclusive", "approximate", "start", "end", "place", "scope", "attribution"):
            assert field in c
        line = (SEEDS.parent / c["source"]).read_text(encoding="utf-8").split("\n")[c["line"] - 1]
        assert line[c["column"] - 1:].startswith(c["text"]), "evidence must be the exact words at line:column"


def test_at_least_300_thousand_dead(seed_claims):
    c = claim(seed_claims, "Sedikitnya 300 ribu orang tewas")
    assert (c["kind"], c["low"], c["high"], c["low_inclusive"]) == ("deaths", 300000, None, True)
    assert c["place"] == "Suriah" and c["scope"] == "since 2011"


def test_more_than_250_thousand_victims(seed_claims):
    c = claim(seed_claims, "lebih dari 250.000 orang menjadi korban")
    assert (c["kind"], c["low"], c["high"], c["low_inclusive"]) == ("deaths", 250000, None, False)


def test_evacuees_in_24_hours(seed_claims):
    c = claim(seed_claims, "sekitar 10 ribu hingga 13 ribu warga sipil telah meninggalkan kota")
    assert (c["kind"], c["low"], c["high"], c["approximate"]) == ("displaced", 10000, 13000, True)
    assert c["scope"] == "PT24H"


def test_running_total_is_not_a_window(seed_claims):
    c = claim(seed_claims, "130 ribu")
    assert c["kind"] == "displaced" and c["scope"] == "total"


def test_dates(seed_claims):
    assert claim(seed_claims, "27 Febuari")["start"] == "--02-27"
    rabu = claim(seed_claims, "Rabu (14/12)")  # when Lavrov spoke: a dated statement, kept as evidence, not compared
    assert (rabu["kind"], rabu["event"], rabu["start"], rabu["compared"]) == ("date", "said", "2016-12-14", False)
    from checker.api import explain

    rabu = [d for d in explain((SEEDS / "003_2d3edd3554c6b3cf.txt").read_text(encoding="utf-8"))["dates"]
            if d["text"] == "Rabu (14/12)"]
    assert rabu and rabu[0]["start"] == "2016-12-14" and rabu[0]["year_from"] == "weekday"


@pytest.mark.parametrize("words", ["G20", "17 Negara", "24 jam", "lima tahun", "375 orang", "10 serangan"])
def test_no_invented_counts(seed_claims, words):
    assert not [c for c in seed_claims["claims"] if words in c["text"]]


def test_explain_numbers_in_words(cli):
    result = cli("explain", "dua ribu lima ratus orang tewas", "--format", "json")
    data = json.loads(result.stdout)
    c = data["claims"][0]
    assert (c["kind"], c["low"], c["high"], c["low_inclusive"], c["high_inclusive"]) == ("deaths", 2500, 2500, True,
                                                                                         True)


def test_explain_vague_magnitude(cli):
    data = json.loads(cli("explain", "puluhan ribu warga mengungsi", "--format", "json").stdout)
    c = data["claims"][0]
    assert c["kind"] == "displaced" and c["low"] == 10000 and c["high"] == 100000 and not c["high_inclusive"]
    assert data["numbers"][0]["text"] == "puluhan ribu"


def test_explain_as_a_python_function():
    import checker

    result = checker.explain("Sedikitnya 300 ribu orang tewas", lang="id")
    assert result["claims"][0]["notation"] == "[300000,)"
    assert result["numbers"][0]["rule"] == "id.numbers+id.qualifiers:ge"


def test_explain_table_names_the_rules(cli):
    result = cli("explain", "Sedikitnya 300 ribu orang tewas pada 27 Februari 2016")
    assert "id.deaths#count-died" in result.stdout and "id.dates:day-month-year" in result.stdout


@pytest.mark.parametrize("text", ["", "9" * 5000, "lebih dari " * 500 + "5 orang tewas", "\x00\x01\ud800 tewas",
                                  "sekitar sekitar sekitar 10 10 10 orang tewas"])
def test_hard_texts_do_not_crash(grammar, text):
    from checker.extractor import Extractor
    from checker.models import Source
    from checker.sources import Article, normalise

    Extractor(grammar, "id").run(Article(Source(id="t", path="t"), normalise(text)))


def test_a_lookahead_right_before_the_count_sees_the_count(tmp_path):
    """Patterns are matched around each count, the part before it backwards: a lookahead that ends that part
    is still checked where the count starts, so the pattern means what it says."""
    import shutil

    from checker import ruletest
    from checker.grammar import Grammar
    from conftest import ROOT

    shutil.copytree(ROOT / "rules" / "id", tmp_path / "id")
    (tmp_path / "id" / "digits.yaml").write_text(json.dumps({
        "id": "id.digits", "kind": "digits", "patterns": [{"pattern": "korban{sp}(?=\\d){count}"}],
        "examples": {"match": [{"text": "korban 12", "value": "12"}],
                     "no_match": ["korban sekitar 12", "korban dua belas"]}}), encoding="utf-8")
    report = ruletest.run(Grammar.load([tmp_path]))
    assert [str(p) for p in report.failures if "digits" in str(p)] == []


@pytest.mark.parametrize("text,parts", [
    ("Serangan itu menewaskan 13 orang, termasuk lima anak-anak, di pasar.", {"13": False, "5": True}),
    ("Sebanyak 224 orang tewas, termasuk 70 perempuan.", {"224": False, "70": True}),
    ("Empat di antaranya dari satu keluarga tewas.", {"4": True}),
])
def test_a_part_is_told_from_a_whole_that_names_its_parts(text, parts):
    from checker import explain

    assert {c["notation"]: c["part"] for c in explain(text)["claims"]} == parts


@pytest.mark.parametrize("text,parts", [
    ("Two women were transported to nearby hospitals — one shot in the chest and the other in the leg.",
     {"2": False, "1": True}),
    ("Two other boys were wounded -- one remains in the hospital.", {"2": False, "1": True}),
    ("Nine people were injured -- one in critical condition.", {"9": False, "1": False}),  # a condition's own count
    ("Five people were shot: two died at the scene.", {"5": False, "2": False}),  # another kind: the toll
])
def test_a_count_after_a_dash_or_colon_breaks_down_the_count_before_it(text, parts):
    """A smaller count of the same kind that opens what follows a dash or a colon is an item of the count before
    it, never a toll of its own to judge against other articles' tolls."""
    from checker import explain

    assert {c["notation"]: c["part"] for c in explain(text, lang="en")["claims"]} == parts


@pytest.mark.parametrize("text,scope", [
    ("Four people were injured in a shooting. Two men and two women were taken to nearby hospitals. One of the men "
     "later died.", "shot"),
    ("At least 20 people were injured, and two of those victims are dead.", "shot"),
    ("One man was killed and four people were injured. One of the dead was a teenager.", None),  # a toll before
    ("Four people were injured. Police said one of the victims was a teenager.", None),  # no one died
])
def test_the_injured_with_a_part_of_the_dead_after_them_are_everyone_hit(text, scope):
    """A count of the injured that a part of the dead follows in its paragraph ('one of the men later died'), with
    no toll before that part, counts everyone hit, the dead among them: never the injured another outlet counts
    without the dead."""
    from checker import explain

    injured = [c for c in explain(text, lang="en")["claims"]
               if c["kind"] == "injured" and c["notation"] in ("4", "[20,)")]
    assert [c["scope"] for c in injured] == [scope]


@pytest.mark.parametrize("text,subjects", [
    ("The gunman killed two people and wounded another.", {("deaths", "2"): None, ("injured", "1"): "others"}),
    ("The attack killed 12 and wounded another 17.", {("deaths", "12"): None, ("injured", "17"): None}),
    ("One man was killed and another was wounded.", {("deaths", "1"): None, ("injured", "1"): "others"}),
])
def test_another_counts_one_more_and_names_only_its_own_count(text, subjects):
    """'another' is a count of one beside those counted before ('others'); the count before it is no 'others',
    and 'another 17' counts 17."""
    from checker import explain

    claims = [c for c in explain(text, lang="en")["claims"] if c["kind"] in ("deaths", "injured")]
    assert {(c["kind"], c["notation"]): c.get("subject") for c in claims} == subjects


@pytest.mark.parametrize("text,found", [
    ("A man and a woman were shot on Main Street.", {("injured", "2")}),
    ("A man and a 2-year-old boy were killed.", {("deaths", "2")}),
    ("A man, a woman and a child were shot.", {("injured", "3")}),
    # the list's own count reads it, once
    ("A 27-year-old man and a 21-year-old woman were both hit in their legs.", {("injured", "2")}),
    # people a count before them counted: that count alone
    ("They found two people, a 21-year-old woman and a 16-year-old boy, with gunshot wounds.", {("injured", "2")}),
    # an article alone counts no one: one person, or a list a verb has as its object
    ("A man was shot on Main Street.", set()),
    ("A man and a woman were arrested.", set()),
])
def test_people_each_counted_by_an_article_are_counted_together(text, found):
    """'a man and a woman' counts two where they are the subject of a claim; an article never counts alone."""
    from checker import explain

    claims = explain(text, lang="en")["claims"]
    assert {(c["kind"], c["notation"]) for c in claims} == found
    assert len(claims) == len(found)


@pytest.mark.parametrize("text, lang, event", [
    # a broad word takes the narrower kind the sentence before names: the knife attack, not the story's shooting
    ("Penembakan di klub malam itu terjadi dua hari setelah serangan pisau di Hamburg. Saat itu, pelaku membunuh "
     "satu orang dalam serangan di sebuah supermarket.", "id", "stabbing"),
    ("Days earlier there was a knife attack in Hamburg. The attack killed one person at a supermarket.", "en",
     "stabbing"),
    # a whole story's word is never narrowed: the war's toll is no air strike's
    ("Serangan udara menghantam Gaza pada Selasa. Perang itu telah menewaskan 500 orang.", "id", "war"),
    ("The attack killed one person at a supermarket.", "en", "attack"),
])
def test_a_broad_event_word_takes_the_narrower_kind_named_just_before(text, lang, event):
    from checker import explain

    claims = [c for c in explain(text, lang=lang)["claims"] if c["kind"] == "deaths"]
    assert [c["event"] for c in claims] == [event]


@pytest.mark.parametrize("text, lang, place", [
    # where people were taken is not where it happened, whatever preposition stands right before the place
    ("Three of the patients were taken to Sacred Heart Medical Center in Springfield, Oregon for care.", "en",
     None),
    ("Three people were wounded in Springfield, Oregon on Thursday.", "en", "Springfield"),
    ("Tiga korban luka dilarikan ke rumah sakit di Sidoarjo.", "id", None),
    ("Tiga orang luka-luka di Sidoarjo.", "id", "Sidoarjo"),
])
def test_a_place_people_were_taken_to_is_not_where_it_happened(text, lang, place):
    from checker import explain

    claims = [c for c in explain(text, lang=lang)["claims"] if c["kind"] == "injured"]
    assert claims and {c["place"] for c in claims} == {place}


@pytest.mark.parametrize("text, lang, place", [
    # where the dead were buried, and a citizen's country, are not where they died
    ("Three people were killed and buried in Ohio.", "en", None),
    ("Two citizens of Nepal were killed.", "en", None),
    ("Tiga orang tewas dan dimakamkan di Malang.", "id", None),
    ("Satu jenazah WN Malaysia yang teridentifikasi dimakamkan di Dusun Lidah.", "id", None),
    ("Dua warga negara Malaysia tewas.", "id", None),
    ("Dua orang tewas di Malang.", "id", "Kabupaten Malang"),
])
def test_a_burial_place_or_a_citizens_country_is_not_where_they_died(text, lang, place):
    from checker import explain

    claims = [c for c in explain(text, lang=lang)["claims"] if c["kind"] == "deaths"]
    assert claims and {c["place"] for c in claims} == {place}


def test_a_count_set_off_by_dashes_stands_in_the_clause_they_interrupt():
    """'— eight of them fatally —' is an aside of 'At least 35 people have been shot … across the city': the
    eight are the city's, not a toll of one incident."""
    from checker import explain

    (dead,) = [c for c in explain("At least 35 people have been shot — eight of them fatally — across the city "
                                  "since Friday.", lang="en")["claims"] if c["kind"] == "deaths"]
    assert dead["scope"] == "aggregate"


@pytest.mark.parametrize("text, lang", [
    ("Two victims were listed in critical condition.", "en"),
    ("Dua korban dalam kondisi kritis.", "id"),
])
def test_counts_in_a_critical_condition_are_a_count_of_their_own(text, lang):
    from checker import explain

    (hurt,) = explain(text, lang=lang)["claims"]
    assert (hurt["kind"], hurt["scope"]) == ("injured", "critical")


@pytest.mark.parametrize("text, found", [
    ("Police say five men between the ages of 21 and 58 were shot.", {("injured", "5")}),
    ("Investigators so far had executed 44 search warrants in Tyler and Longview.", set()),
    ("Hundreds gather to mourn slain Berrien County officers", set()),
    ("The girl's sister told NBC 6 the teen was shot four or five times.", set()),
    ("One of the victims said her son was killed over a parking space.", set()),
    ("Truly saddened by senseless death of 3 yr old by armed idiots.", set()),
    ("It was not immediately clear which of the three victims was later declared deceased.", set()),
    # a pair of shootings is no pair of people
    ("A pair of shootings left one person dead.", {("deaths", "1")}),
])
def test_no_english_count_from_numbers_that_count_no_victims(text, found):
    """The upper end of an age range is no count of the shot, nor is an age; warrants executed are no people
    executed; a crowd mourning the slain is not the slain; a television channel is no count; someone who speaks
    is not who died; one of a set asked about ('which of the three') is not the set."""
    from checker import explain

    assert {(c["kind"], c["notation"]) for c in explain(text, lang="en")["claims"]} == found


def test_a_rule_bound_to_another_kind_of_event_leaves_the_count_to_the_next_rule(rules):
    """A rule bound to some kinds of event reads nothing in a story of another, even where it is the best reading
    of a count: the next rule's reading of that count stands, rather than none."""
    from checker.extractor import Extractor
    from checker.grammar import Grammar
    from checker.models import Source
    from checker.sources import Article

    (rules / "id" / "quake.yaml").write_text(json.dumps({
        "id": "id.quake", "kind": "deaths", "patterns": [
            {"id": "quake-toll", "events": ["earthquake"], "priority": 10, "pattern": "menewaskan{sp}{count}"}],
        "examples": {"match": [{"text": "Gempa itu menewaskan 12 orang.", "value": "12"}],
                     "no_match": ["Banjir itu menewaskan 12 orang."]}}), encoding="utf-8")
    grammar = Grammar.load([rules])
    read = {text: [(c.rule, c.value()) for c in Extractor(grammar, "id").run(
        Article(Source(id="t", path="t"), text)).claims if c.kind == "deaths"]
        for text in ("Gempa itu menewaskan 12 orang.", "Banjir itu menewaskan 12 orang.")}
    assert read == {"Gempa itu menewaskan 12 orang.": [("id.quake", "12")],
                    "Banjir itu menewaskan 12 orang.": [("id.deaths", "12")]}
