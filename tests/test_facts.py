"""compare across articles: incidents first, places by clause, event kinds, superseded figures, breakdowns."""

import json

import pytest
from conftest import write_jsonl

FLOOD = ("Banjir bandang melanda Kabupaten Garut, Jawa Barat, sejak Selasa malam. Air sungai meluap setelah hujan "
         "deras mengguyur kawasan hulu, merendam ratusan rumah warga di lima kecamatan.")


def article(i, text, date="2016-09-21", outlet=None, lang="id", title=None):
    return {"id": f"a{i}", "text": text, "date": date, "source": outlet or f"Outlet {i}", "lang": lang,
            "title": title}


def groups(cli, tmp_path, articles, *options):
    path = write_jsonl(tmp_path / "articles.jsonl", articles)
    result = cli("compare", path, "--format", "json", *options)
    return result, json.loads(result.stdout)["groups"]


def kind(found, name="deaths"):
    return [g for g in found if g["kind"] == name]


def told(found, day):
    """The verdict and sources of each group of dates that holds this day."""
    return [(g["verdict"], sorted(c["source"] for c in g["claims"])) for g in kind(found, "date")
            if any(c["value"] == day for c in g["claims"])]


def reports(lead, *rest):
    """Indonesian articles that open with one lead, each then its own words: (words, published, title)."""
    return [article(k, lead + words, date=day, title=title) for k, (words, day, title) in enumerate(rest, 1)]


def apart(found, day):
    """Whether every group of dates that holds this day is told by one source only."""
    return all(len({c["source"] for c in g["claims"]}) == 1 for g in kind(found, "date")
               if any(c["value"] == day for c in g["claims"]))


def profiles(grammar, texts, days, lang="id"):
    """What incident grouping sees of each text (Indonesian unless said), published on its day."""
    from checker.extractor import Extractor
    from checker.models import Source
    from checker.sources import Article

    return [Extractor(grammar, lang).run(Article(Source(id=f"a{i}", path="x", date=day, lang=lang), text)).profile
            for i, (text, day) in enumerate(zip(texts, days))]


def test_two_outlets_on_one_flood_agree(cli, tmp_path):
    _, found = groups(cli, tmp_path, [
        article(1, FLOOD + " Sebanyak 19 orang tewas akibat banjir bandang di Garut.", title="Banjir Bandang Garut"),
        article(2, "Korban tewas banjir bandang di Garut mencapai 19 orang. " + FLOOD,
                title="Korban Banjir Bandang Garut")])
    (group,) = kind(found)
    assert group["verdict"] == "agree" and group["incident"] and len(group["claims"]) == 2


def test_different_incidents_are_never_one_fact(cli, tmp_path):
    """A shooting in one city and a stabbing in another, the same week and with the same words around the
    figures: two incidents, so 4 and 6 dead are no conflict."""
    result, found = groups(cli, tmp_path, [
        article(1, "A gunman opened fire at a nightclub in Konstanz on Sunday. The shooting killed 4 people, "
                   "police said.", lang="en", title="Gunman kills 4 at Konstanz nightclub"),
        article(2, "A man armed with a knife attacked shoppers at a supermarket in Hamburg on Friday. The "
                   "stabbing killed 6 people, police said.", lang="en", title="Knife attack kills 6 in Hamburg")])
    assert all(g["verdict"] == "single" for g in kind(found)) and len(kind(found)) == 2
    assert len({g["incident"] for g in kind(found)}) == 2
    assert result.exit_code == 0


def test_a_place_comes_from_the_claims_own_clause(cli, tmp_path):
    """'…, sedangkan perang Israel-Iran …' is another clause: its places are not the crash's."""
    text = ("Pesawat Air India jatuh di Ahmedabad. Kecelakaan pesawat Air India menewaskan 279 orang, sedangkan "
            "perang di Iran terus berkecamuk.")
    data = json.loads(cli("explain", text, "--format", "json").stdout)
    (claim,) = [c for c in data["claims"] if c["kind"] == "deaths"]
    assert claim["place_id"] != "ir"


def test_an_actor_is_not_where_it_happened(cli):
    data = json.loads(cli("explain", "Di Teheran, 78 orang tewas dalam serangan Israel.", "--format", "json").stdout)
    (claim,) = data["claims"]
    assert claim["place_id"] == "tehran" or claim["place"] == "Teheran"
    data = json.loads(cli("explain", "Sedikitnya 78 orang tewas akibat serangan Israel.", "--format", "json").stdout)
    assert data["claims"][0]["place_id"] != "il"


def test_a_persons_first_name_is_no_place(cli):
    data = json.loads(cli("explain", "Florence Looi melaporkan 12 orang tewas.", "--format", "json").stdout)
    assert data["claims"][0]["place_id"] is None


def test_a_month_is_no_place(cli):
    """'Juli' is a district of Aceh and the Indonesian July: inside a date it names no place."""
    text = ("Banjir bandang melanda Kabupaten Bireuen, Aceh. Konflik memuncak pada Juli 2025, ketika banjir "
            "menewaskan sedikitnya 43 orang.")
    data = json.loads(cli("explain", text, "--lang", "id", "--format", "json").stdout)
    assert [c["place"] for c in data["claims"]] == ["Aceh", "Aceh"], data["claims"]


def test_a_surname_is_no_place():
    """In English a capitalised word right before a one-word place, inside a sentence, makes it a surname
    ('Sheriff Greg Taylor': Taylor, Texas, is not where it happened; so after a quote that closes a clause);
    after a qualifier, a possessive, a day's name or at a sentence's start the place stands. So is a town before
    'said' a speaker, and a town before an age a person."""
    import checker

    for text, place in (("Deputies in Texas are investigating. Six people are dead after a weekend homicide at a "
                         "campsite, according to Sheriff Greg Taylor.", "Texas"),
                        ("It happened in Texas. Two men were shot and wounded, Sgt. Taylor said.", "Texas"),
                        ("Police in Arizona mourned. Nineteen officers had been slain, according to the Officer Down "
                         "Memorial Page.", "Arizona"),
                        ("Four people were wounded in a shooting in Northwest Houston.", "Houston"),
                        ("Twenty-six bodies were exhumed in Thailand's Songkhla province.", "Songkhla"),
                        ("It happened in Texas. Houston police said four people were wounded.", "Houston"),
                        ("Police found the car on Main Street. Houston officers said two men were shot.", "Houston"),
                        ("On Monday Houston police said four people were wounded.", "Houston"),
                        ("It happened in Texas. \"It was senseless,\" Mayor Taylor said after three people were "
                         "killed.", "Texas"),
                        # a town before a word only people do is a speaker: 'Rodriguez said' (a town in the
                        # Philippines); a country may speak and stay a place
                        ("Two men were shot on Elm Street, Rodriguez said.", None),
                        # and so is a town before an age: 'Richardson, 30,' is a man, not Richardson, Texas
                        ("It happened in Florida. Police said Richardson, 30, and two other men were shot.", "Florida"),
                        ("Israel said 12 people were killed.", "Israel"),
                        ("Twelve people were killed, activists in Palmyra said.", "Palmyra")):
        claims = checker.explain(text, lang="en", date="2013-02-08")["claims"]
        assert [c for c in claims if c["kind"] != "date"][0]["place"] == place, (text, claims)


def test_a_breakdown_inside_a_claim_gives_its_parts():
    """'sent four teens, one who was 19 years old and three who were 17, to the hospital': the items a
    claim's own words set after its count are parts of it, of its kind, each with its own words; a count
    after the claim's verb is no item ('Four people were shot, two men died')."""
    import checker

    claims = checker.explain("Police are investigating a shooting that sent four teens, one who was 19 years old and "
                             "three who were 17, to the hospital late Monday.", lang="en")["claims"]
    assert [(c["value"], c["part"], c["text"]) for c in claims] == [
        ("4", False, "sent four teens, one who was 19 years old and three who were 17, to the hospital"),
        ("1", True, "one who was 19 years old"), ("3", True, "three who were 17")]
    claims = checker.explain("Police said five people -- two men and one woman -- were wounded.", lang="en")["claims"]
    assert [(c["value"], c["part"], c["text"]) for c in claims][1:] == [("2", True, "two men"), ("1", True, "one woman")]
    claims = checker.explain("Four people were shot, two men died at the scene.", lang="en")["claims"]
    assert [(c["kind"], c["value"], c["part"]) for c in claims] == [("injured", "4", False), ("deaths", "2", False)]


def test_a_day_this_week_after_a_count_dates_it_before_a_past_period():
    """'wounded in a Thursday shooting … where five were wounded in a December shooting': the December period
    is the other shooting's, not the count's; said on Thursday before the count, or a Thursday that names no
    event ('died Thursday from injuries suffered in the Dec. 14 shooting'), it is the count's."""
    import checker

    claims = checker.explain("Four people were wounded in a Thursday afternoon shooting on a street just a block "
                             "away from where five people were wounded in a December shooting.", lang="en",
                             date="2013-02-07")["claims"]
    assert claims[0]["value"] == "4" and claims[0]["event_date"] is None, claims[0]
    (claim,) = [c for c in checker.explain("Police said Thursday that five people were wounded in a December "
                                           "shooting.", lang="en", date="2013-02-07")["claims"] if c["kind"] == "injured"]
    assert claim["value"] == "5" and claim["event_date"] == "2012-12-31", claim
    (claim,) = [c for c in checker.explain("Two more people died Thursday from injuries suffered in the Dec. 14 "
                                           "shooting.", lang="en", date="2013-02-08")["claims"] if c["kind"] == "deaths"]
    assert claim["event_date"] == "2012-12-14", claim  # Thursday names no event: the deaths'
    (claim,) = [c for c in checker.explain("Two people remained hospitalized Thursday after being wounded in a "
                                           "December shooting.", lang="en", date="2013-02-08")["claims"]
                if c["kind"] == "injured"]
    assert claim["event_date"] == "2012-12-31", claim
    # a period that names no event, before a count its own day dates right after its words, is not its event's
    (claim,) = checker.explain("In what's already Chicago's deadliest year since the late 1990s, four people were "
                               "found shot to death Saturday afternoon at a house.", lang="en",
                               date="2016-12-18")["claims"][:1]
    assert claim["value"] == "4" and claim["event_date"] is None, claim
    # nor a past period after a recent span that dates the count's own words right after them
    (claim,) = checker.explain("A Santa Monica gunman who killed five people last week was hospitalized for "
                               "psychiatric evaluation in 2006.", lang="en", date="2013-06-11")["claims"][:1]
    assert claim["value"] == "5" and claim["event_date"] is None, claim
    # nor one that names no event after a day of this week that follows the count
    (claim,) = checker.explain("The gunman who shot two people to death before killing himself Thursday night had "
                               "purchased his pistol last year.", lang="en", date="2015-07-24")["claims"][:1]
    assert claim["value"] == "2" and claim["event_date"] is None, claim


def test_a_figure_the_text_says_was_superseded_is_not_judged(cli, tmp_path):
    result, found = groups(cli, tmp_path, [
        article(1, FLOOD + " Setelah korban tewas dikabarkan berjumlah 18 orang, kini korban tewas bertambah "
                           "menjadi 27 orang.", title="Banjir Garut"),
        article(2, FLOOD + " Korban tewas banjir bandang di Garut mencapai 27 orang.", title="Banjir Garut")])
    (group,) = kind(found)
    assert group["verdict"] == "agree" and result.exit_code == 0
    assert any("superseded" in c["flags"] for c in group["claims"])


def test_a_related_link_is_not_the_articles_claim(cli, tmp_path):
    _, found = groups(cli, tmp_path, [
        article(1, FLOOD + "\n\nBaca juga: Longsor di Cirebon, 14 orang tewas\n\nSebanyak 19 orang tewas di Garut.",
                title="Banjir Garut"),
        article(2, "Korban tewas banjir bandang di Garut mencapai 19 orang, kata BNPB.", title="Banjir Garut")])
    claims = [c for g in kind(found) for c in g["claims"]]
    assert all(c["value"] != "14" for c in claims)
    assert [g["verdict"] for g in kind(found)] == ["agree"]


def test_an_articles_smaller_figures_are_breakdowns_not_conflicts(cli, tmp_path):
    """'12 jenazah … satu jenazah lainnya' is one of the twelve, not a toll of one."""
    result, found = groups(cli, tmp_path, [
        article(1, FLOOD + " Total 12 orang tewas di Garut. Satu orang tewas di antaranya belum dikenali.",
                title="Banjir Garut"),
        article(2, FLOOD + " Sebanyak 12 orang tewas di Garut.", title="Banjir Garut")])
    verdicts = sorted(g["verdict"] for g in kind(found))
    assert "conflict" not in verdicts and "agree" in verdicts and result.exit_code == 0


def test_parts_of_a_total_are_a_fact_of_their_own_beside_it(cli, tmp_path):
    """'four officers were shot, including 2 U.S. Marshals' and another outlet's 'Two U.S. Marshals were wounded':
    the marshals are a breakdown met with its like (agreed, marked), and the totals' group holds only the totals,
    so a conflict of totals shows no figure of another fact."""
    lead = "A shootout broke out at a motel in Topeka on Saturday. "
    _, found = groups(cli, tmp_path, [
        article(1, lead + "Police said four federal officers were shot and injured, including 2 U.S. Marshals.",
                lang="en", date="2016-04-24", title="Officers shot at Topeka motel"),
        article(2, lead + "Three federal officers were injured. Two U.S. Marshals were wounded.", lang="en",
                date="2016-04-24", title="Officers shot at Topeka motel")])
    shown = sorted((g["verdict"], g["breakdown"], sorted(c["value"] for c in g["claims"])) for g in kind(found, "injured"))
    assert shown == [("agree", True, ["2", "2"]), ("conflict", False, ["3", "4"])], kind(found, "injured")


def test_a_rounded_figure_restates_the_articles_toll(cli, tmp_path):
    """'more than 8,000' in the lead and 'at least 8,046' below it are one figure said twice: both meet the
    other outlet's toll; 'at least 45' in one village is a breakdown, set apart."""
    _, found = groups(cli, tmp_path, [
        article(1, "The earthquake in Nepal killed more than 8,000 people. At least 45 people were killed in "
                   "Namche Bazaar. Officials said the quake had killed at least 8,046 people.", lang="en",
                date="2015-05-12", title="Nepal earthquake toll"),
        article(2, "The earthquake in Nepal killed more than 8,200 people, officials said.", lang="en",
                date="2015-05-14", title="Nepal earthquake toll rises")])
    main = [g for g in kind(found) if len({c["source"] for c in g["claims"]}) == 2]
    assert len(main) == 1 and len(main[0]["claims"]) == 3, kind(found)
    assert main[0]["verdict"] == "compatible"


def test_places_only_named_near_a_figure_do_not_split_a_fact(cli, tmp_path):
    """Kathmandu named beside one outlet's toll and Namche Bazaar beside another's: neither is said to be
    where the dead were, both lie in the country the story is about, so the two tolls are one fact."""
    _, found = groups(cli, tmp_path, [
        article(1, "Rescuers reached Kathmandu as the earthquake killed at least 7,759 people.", lang="en",
                date="2015-05-08", title="Nepal earthquake"),
        article(2, "Rescuers reached Namche Bazaar as the earthquake killed at least 8,046 people.", lang="en",
                date="2015-05-13", title="Nepal earthquake")])
    (group,) = kind(found)
    assert group["verdict"] == "compatible" and len(group["claims"]) == 2


def test_a_place_and_its_parent_are_one_place(cli, tmp_path):
    _, found = groups(cli, tmp_path, [
        article(1, "A suicide bomber struck the Manchester Arena on Monday night. The bombing killed 22 people "
                   "in Manchester.", lang="en", date="2017-05-23", title="Manchester Arena bombing kills 22"),
        article(2, "A suicide bombing at a concert in England killed 22 people on Monday night, police said.",
                lang="en", date="2017-05-23", title="Concert bombing in England kills 22")])
    (group,) = kind(found)
    assert group["verdict"] == "agree"


def test_one_day_two_figures_of_one_toll_conflict(cli, tmp_path):
    """Iran's dead on 16 June: 128 in one article, 224 in another, the same day."""
    result, found = groups(cli, tmp_path, [
        article(1, "Serangan Israel ke Iran berlanjut. Kementerian Kesehatan Iran mengatakan 128 orang tewas di "
                   "Iran sejak Jumat.", date="2025-06-16", title="Serangan Israel ke Iran"),
        article(2, "Serangan Israel ke Iran berlanjut. Jumlah korban tewas di Iran kini telah mencapai 224 orang.",
                date="2025-06-16", title="Korban serangan Israel di Iran")])
    (group,) = kind(found)
    assert group["verdict"] == "conflict" and result.exit_code == 1
    assert any("against" in n for n in group["notes"])


def test_dates_of_a_wars_attacks_in_a_country_do_not_conflict(cli, tmp_path):
    _, found = groups(cli, tmp_path, [
        article(1, "Israel melancarkan serangan ke Iran pada Jumat (13/6/2025).", date="2025-06-16",
                title="Perang Iran Israel"),
        article(2, "Iran melancarkan serangan ke Israel pada Minggu (15/6/2025).", date="2025-06-16",
                title="Perang Iran Israel")])
    assert all(g["verdict"] != "conflict" for g in kind(found, "date"))


def test_copies_of_one_story_add_no_agreement(cli, tmp_path):
    wire = (FLOOD + " Sebanyak 19 orang tewas akibat banjir bandang di Garut. Tim SAR gabungan masih mencari "
            "korban yang hilang terseret arus sungai Cimanuk hingga Rabu malam, kata petugas di lokasi.")
    _, found = groups(cli, tmp_path, [article(1, wire, title="Banjir Garut"), article(2, wire, title="Banjir Garut")])
    (group,) = kind(found)
    assert group["verdict"] == "single" and any("copies" in n for n in group["notes"])


def test_english_readers_see_english_place_names(cli):
    data = json.loads(cli("explain", "At least 12 people were killed in Syria.", "--lang", "en",
                          "--format", "json").stdout)
    assert data["claims"][0]["place"] == "Syria"


def test_grouping_is_measured_against_annotated_facts(cli):
    from conftest import ROOT

    result = cli("rules", "eval", ROOT / "eval" / "facts-dev", "--format", "json", "--no-show")
    figures = json.loads(result.stdout)["facts"]
    assert set(figures) == {"eval/facts-dev/en", "eval/facts-dev/id"} or all("facts-dev" in k for k in figures)
    for f in figures.values():
        assert 0 <= f["pair_precision"] <= 1 and 0 <= f["pair_recall"] <= 1 and "verdicts" in f


def test_grouping_scores_count_pairs_across_articles(grammar):
    """Two articles state one toll, a third another incident's: the pairs, B-cubed, facts formed and
    verdicts come out as counted by hand."""
    import datetime as dt

    from checker import evaluate_facts
    from checker.evaluate import Annotated, Expected

    def annotated(i, text, fact, value, title):
        return (f"a{i}.yaml", Annotated(id=f"a{i}", source=f"Outlet {i}", date=dt.date(2016, 9, 21), lang="id",
                                        title=title, text=text, claims=[Expected(
                                            line=1, kind="deaths", value=value, incident=fact.rsplit("-", 1)[0],
                                            fact=fact)]))

    articles = [
        annotated(1, FLOOD + " Sebanyak 19 orang tewas akibat banjir bandang di Garut.", "garut-flood-deaths", "19",
                  "Banjir Bandang Garut"),
        annotated(2, "Korban tewas banjir bandang di Garut mencapai 19 orang. " + FLOOD, "garut-flood-deaths", "19",
                  "Korban Banjir Bandang Garut"),
        annotated(3, "Kebakaran pabrik di Tangerang menewaskan 47 orang. Api melalap gudang kembang api itu.",
                  "tangerang-fire-deaths", "47", "Kebakaran Pabrik Tangerang")]
    score = evaluate_facts.evaluate(grammar, articles, {"garut-flood-deaths": "agree"})
    f = score.figures()
    assert (score.pairs_tp, score.pairs_fp, score.pairs_fn) == (1, 0, 0)
    assert f["facts_formed"] == 1.0 and f["facts_multi"] == 1
    assert f["bcubed_precision"] == 1.0 and f["bcubed_recall"] == 1.0
    assert f["verdicts"] == {"agree->agree": 1} and f["false_conflicts"] == 0


def test_dates_of_one_kind_of_event_in_two_places_are_two_events(cli, tmp_path):
    """A levee's landslide in Jakarta on Thursday and a flash flood in Papua on Sunday, both in articles about
    floods in Indonesia: neither place contains the other, so their days are not one fact's."""
    result, found = groups(cli, tmp_path, [
        article(1, "JAKARTA - Delapan tanggul di Jakarta Selatan roboh dan longsor akibat hujan lebat yang "
                   "mengguyur Jakarta pada Kamis (30/10/2025).", date="2025-11-02", title="Tanggul longsor di Jakarta"),
        article(2, "JAKARTA - Posko didirikan untuk korban tanah longsor dan banjir bandang di Distrik Dal, Kabupaten "
                   "Nduga, Papua Pegunungan, Minggu (2/11/2025).", date="2025-11-04",
                title="Posko korban longsor dan banjir bandang di Nduga")])
    assert "conflict" not in [g["verdict"] for g in found] and result.exit_code == 0


def test_a_count_pointed_at_one_attack_is_not_the_wars_running_total(cli, tmp_path):
    """'Serangan itu menewaskan 10 orang' after the article dates Sunday's missile attack is that attack's
    toll; '13 orang tewas' the same day is the war's. In a story of attacks on several days they are two
    facts, not a conflict."""
    result, found = groups(cli, tmp_path, [
        article(1, "Israel menyerang Iran pada Jumat (13/6/2025). Di Israel, serangan balasan Iran menewaskan 3 "
                   "orang.", date="2025-06-14", title="Perang Iran Israel"),
        article(2, "Iran meluncurkan serangan rudal ke Israel, Minggu (15/6/2025). Serangan itu menewaskan 10 orang "
                   "di Israel.", date="2025-06-16", title="Perang Iran Israel: serangan rudal"),
        article(3, "Otoritas Israel mengatakan 13 orang tewas di Israel akibat serangan rudal Iran.",
                date="2025-06-16", title="Perang Iran Israel")])
    deaths = kind(found)
    assert "conflict" not in [g["verdict"] for g in deaths] and result.exit_code == 0
    (attack,) = [g for g in deaths if any(c["notation"] == "10" for c in g["claims"])]
    assert [c["notation"] for c in attack["claims"]] == ["10"]
    assert attack["claims"][0]["event_date"] == "2025-06-15"


def test_last_years_toll_recalled_on_two_days_is_one_toll_not_growth(cli, tmp_path):
    """Two articles a week apart recall last year's jam ('tahun lalu'): a toll of the past does not grow
    between the days they were published, so 'beberapa' (2-9) against 'belasan' (11-19) conflicts."""
    jam = "Kemacetan panjang di pintu tol Brebes Timur menjadi perhatian polisi menjelang mudik Lebaran. "
    _, found = groups(cli, tmp_path, [
        article(1, jam + "Tahun lalu, kemacetan di Brebes merenggut beberapa korban jiwa.", date="2017-06-09",
                title="Polisi siapkan jalur mudik Brebes"),
        article(2, jam + "Tahun lalu, belasan korban meninggal di saat kemacetan di Brebes.", date="2017-06-16",
                title="Polisi pantau jalur mudik Brebes")])
    (group,) = kind(found)
    assert group["verdict"] == "conflict", group
    assert {c["event_date"] for c in group["claims"]} == {"2016-12-31"}


def test_a_name_before_a_hyphenated_word_is_a_place(grammar):
    gazetteer = grammar.gazetteer
    (found,) = gazetteer.find("a gunman killed 14 people in a Denver-area movie theater")
    assert gazetteer.name(found[2], "en") == "Denver"
    assert gazetteer.find("perang Israel-Iran") == []  # two names, neither the place of a war between them


def test_a_name_of_several_words_in_capitals_is_found_as_written(grammar):
    """A dateline in capitals names its city whole ('NEW ORLEANS', not Orléans in Canada); a short word in
    capitals is no place on its own ('CAN', 'HIT')."""
    gazetteer = grammar.gazetteer
    assert [pid for _, _, pid in gazetteer.find("NEW ORLEANS -- A jury found him guilty")] == ["new-orleans"]
    assert [pid for _, _, pid in gazetteer.find("SAN DIEGO (AP) - Police said")] == ["san-diego"]
    assert gazetteer.find("CAN YOU HIT IT") == []
    # a state's abbreviation in capitals, with its stop ('FLA.' is 'Fla.'), places a town that needs its state
    assert [pid for _, _, pid in gazetteer.find("HALLANDALE BEACH, FLA. (WSVN) - One person")] == [
        "gn-4157898", "florida"]
    assert [pid for _, _, pid in gazetteer.find("ROSEBURG, ORE. (AP) - A gunman")] == ["gn-5749352", "oregon"]
    assert gazetteer.find("I CAN. YOU CAN.") == []
    assert gazetteer.find("THEY WILL NOT MISS. HE WAS ILL.") == []  # no state without a town and its comma


def test_a_kelurahan_lies_in_its_own_kecamatan(grammar):
    """Kapuk Muara is a kelurahan of Penjaringan (North Jakarta), Kapuk one of Cengkareng (West Jakarta): the
    address 'Kapuk Muara, Penjaringan, Jakarta Utara' names places within each other, never Kapuk."""
    gazetteer = grammar.gazetteer
    found = [pid for _, _, pid in gazetteer.find("di lokasi kebakaran Kapuk Muara, Penjaringan, Jakarta Utara")]
    assert found == ["kapuk-muara", "penjaringan", "jakarta-utara"]
    assert gazetteer.contains("penjaringan", "kapuk-muara") and gazetteer.contains("jakarta-utara", "penjaringan")
    assert gazetteer.contains("jakarta-barat", "kapuk") and not gazetteer.contains("jakarta-utara", "kapuk")


def test_a_park_named_after_a_place_is_not_that_place():
    """'a Washington Park gas station … of Chicago': the park (a Chicago neighbourhood) is no place the
    gazetteer knows, so it tells nothing; it is never Washington. Nor is El Paso County, Colorado, El Paso."""
    import checker

    (claim,) = checker.explain("Two men died after a shooting at a Washington Park gas station on the South Side "
                               "of Chicago.", lang="en")["claims"]
    assert claim["place"] == "Chicago", claim
    (claim,) = checker.explain("The Sheriff's Office is investigating the deaths of four individuals in the Windsor "
                               "Forest Subdivision.", lang="en")["claims"]
    assert claim["place"] is None, claim  # a subdivision of Stafford, Virginia, never Windsor, Ontario
    (claim,) = checker.explain("Three people were killed in a shooting in El Paso County, Colorado, on Friday.",
                               lang="en")["claims"]
    assert claim["place"] == "Colorado", claim  # the county the gazetteer does not know, never El Paso, Texas


def test_a_state_code_after_a_town_names_its_state_and_never_stands_alone(grammar):
    """'Birmingham, AL' (a station's dateline) is Alabama's Birmingham, not England's; 'Columbus, GA' is Georgia's
    though Ohio's is larger and named too; 'Florence, SC', which the data holds only in Italy, is some town of
    South Carolina. The code alone is no place: 'TNI AL' is Indonesia's navy, not Alabama."""
    gazetteer = grammar.gazetteer

    def ids(text):
        return [pid for _, _, pid in gazetteer.find(text)]

    birmingham, = [pid for pid in ids("Birmingham, AL") if pid != "alabama"]
    assert "alabama" in gazetteer.ancestors(birmingham) and ids("Birmingham")[0] != birmingham
    columbus_ga, _, columbus_oh, _ = ids("Columbus, GA and Columbus, OH")
    assert "georgia-us" in gazetteer.ancestors(columbus_ga) and "ohio" in gazetteer.ancestors(columbus_oh)
    assert ids("Florence, SC") == ["south-carolina"]
    assert "alabama" not in ids("Kapal TNI AL tiba di Surabaya. AL dan AU berlatih.")


def test_an_ambiguous_name_is_the_place_that_holds_the_others_or_lies_in_their_country(grammar):
    """'Atlanta, Georgia' is the state that holds Atlanta, not the country (which ranks first alone);
    'Tbilisi, Georgia' the country. With nothing holding or held, the country of the places named beyond doubt
    decides: 'Hamilton' beside Auckland is New Zealand's, not Canada's larger one."""
    gazetteer = grammar.gazetteer

    def ids(text):
        return [pid for _, _, pid in gazetteer.find(text)]

    assert ids("Georgia") == ["ge"]
    assert ids("Police in Atlanta, Georgia said two people were shot.")[1] == "georgia-us"
    assert ids("Tbilisi, Georgia: two killed.")[1] == "ge"
    hamilton = ids("Two men were shot in Hamilton on Sunday, Auckland police said.")[0]
    assert "nz" in gazetteer.ancestors(hamilton) and ids("Hamilton") != [hamilton]


def test_a_lone_town_abroad_in_a_text_about_one_country_is_a_namesake(grammar):
    """A world city named as nothing else of its country, in a text whose places are mostly of another, is a
    surname or a word ('Capt. Heriberto Rodriguez' in Albuquerque, 'Steve Hamilton' in Jakarta, 'kursi Anda'),
    never a town abroad; alone, or beside one place only, it stays; a hand-written place ('Tibet') is named
    for itself and stays too."""
    gazetteer = grammar.gazetteer

    def ids(text):
        return [pid for _, _, pid in gazetteer.find(text)]

    us = "Police in Albuquerque, New Mexico, said Capt. Heriberto Rodriguez saw two men shot."
    assert ids(us) == ["gn-5454711", "new-mexico"]
    assert "ph" in gazetteer.ancestors(ids("said Capt. Heriberto Rodriguez.")[0])  # alone: no country to doubt it
    assert ids("Dua orang tewas di Bekasi dan Bogor, kata Steve Hamilton.") == ids(
        "Dua orang tewas di Bekasi dan Bogor, kata Steve.")
    assert "tibet" in ids("Kathmandu and Pokhara shook; one person was killed in Tibet.")


def test_a_small_town_of_a_name_of_several_words_needs_only_a_place_of_its_region(grammar):
    """A small town needs its state named ('Florence' alone is many towns and a first name); one whose name has
    several words that no other place has ('Fort Myers') needs only another place of its state ('Fort
    Lauderdale'), never one of another state ('Mount Sinai', a New York town, is a hospital in Chicago)."""
    gazetteer = grammar.gazetteer

    def ids(text):
        return [pid for _, _, pid in gazetteer.find(text)]

    (fort_myers,) = gazetteer.named("Fort", "Myers")
    assert ids("Two teenagers were killed at a Fort Myers nightclub.") == []
    assert fort_myers in ids("Two teenagers were killed at a Fort Myers nightclub, Fort Lauderdale police said.")
    chicago = ids("He was taken to Mount Sinai Hospital, Chicago police said.")
    assert chicago and not any("new-york" in gazetteer.ancestors(pid) for pid in chicago)


def test_a_state_is_not_a_town_of_its_name(grammar):
    """California, Maryland is a town; the state of California is neither it nor where it lies."""
    gazetteer = grammar.gazetteer
    state = gazetteer.places["california"]
    assert state.lat is None and state.population is None
    assert [pid for _, _, pid in gazetteer.find("six people killed in California, U.S. officials said")] == [
        "california", "us"]
    town = [pid for pid, p in gazetteer.places.items() if p.name == "California" and pid != "california"]
    assert town and all(not gazetteer.compatible(t, "los-angeles") for t in town)
    # a brand and a police command are no towns: "Toyota bersedia", "Polda Metro Jaya"
    assert gazetteer.find("Toyota bersedia diinvestigasi, kata Kabid Humas Polda Metro Jaya.") == []


def test_figures_of_past_events_do_not_decide_where_a_story_is(cli, tmp_path):
    """A California story that recalls other shootings (in Texas, 2009 and 2012) never places its own figures
    in Texas: the recalled figures vote for no place."""
    story = ("A drive-by shooting shook a California college town on Saturday.\n\n"
             "The gunman killed six people before he was found dead, authorities said.\n\n"
             "In 2009 another gunman killed 13 people at the Fort Hood base in Texas.\n\n"
             "In 2012 a gunman killed 12 people in Texas.")
    _, found = groups(cli, tmp_path, [article(1, story, date="2014-05-24", lang="en",
                                              title="Gunman kills six in California college town")],
                      "--singles")
    (six,) = [g for g in kind(found) if any(c["value"] == "6" for c in g["claims"])]
    assert six["place"] in ("California", "United States"), six  # not Texas, where the recalled ones were


def test_a_figure_of_a_past_event_keeps_the_place_its_clause_names(cli, tmp_path):
    """Two Louisiana stories recall the Aurora theater shooting of 2012 by its place, named bare ('Aurora,
    Colorado, theater shooting that left 12 people dead'): the recalled toll stays in Colorado, never takes the
    stories' own place (Lafayette), where nobody was killed that day."""
    text = ("A gunman opened fire in a movie theater in Lafayette, Louisiana, on Thursday night, police said. "
            "Three people were killed, including the gunman.\n\n"
            "The shooting happened days after the conviction of James Holmes in the July 19, 2012, Aurora, "
            "Colorado, theater shooting that left 12 people dead and 70 people wounded.")
    _, found = groups(cli, tmp_path, [article(i, text, date="2015-07-24", lang="en",
                                              title="Gunman opens fire in Louisiana movie theater")
                                      for i in (1, 2)], "--singles")
    (twelve,) = [g for g in kind(found) if any(c["value"] == "12" for c in g["claims"])]
    assert twelve["place"] == "Colorado", twelve


def test_figures_of_one_past_year_with_no_kind_of_event_stay_in_their_stories(cli, tmp_path):
    """'8,2 juta orang meninggal pada 2012' (cancer, the world) and '687 orang meninggal pada 2012' (one
    disease, one country), in two unrelated articles: the same past year is no same fact."""
    _, found = groups(cli, tmp_path, [
        article(1, "Kanker menjadi penyebab kematian utama. Penyakit ini membunuh sekitar 8,2 juta orang pada "
                   "2012, menurut WHO.", date="2017-08-31", title="Malnutrisi pada penderita kanker"),
        article(2, "Limfoma bisa kambuh. Pada 2012 jumlah kematian sebesar 687 orang di Indonesia.",
                date="2018-01-18", title="Kanker getah bening bisa kambuh")], "--singles")
    assert all(g["verdict"] == "single" for g in kind(found)), kind(found)


def test_tolls_of_one_past_year_in_two_stories_are_two_statistics(cli, tmp_path):
    """Two shooting stories in one city months apart each recall a toll of 2015 ('123 officer fatalities in 2015',
    'last year, when 344 were killed'): a year is a period, not an event's day, so its tolls in two stories
    are two statistics, never one past shooting's toll in conflict."""
    _, found = groups(cli, tmp_path, [
        article(1, "A gunman shot three police officers dead in Baton Rouge on Sunday.\n\nFirearms were "
                   "responsible for 41 of 123 officer fatalities in 2015, according to the memorial fund.",
                date="2016-07-29", lang="en", title="Baton Rouge police shooting"),
        article(2, "A man was shot dead in north Baton Rouge on Friday night, police said.\n\nKillings are "
                   "slightly down this year compared with last year, when 344 were killed.",
                date="2016-12-12", lang="en", title="Man shot dead in north Baton Rouge")], "--singles")
    past = [g for g in kind(found) if any(c["event_date"] == "2015-12-31" for c in g["claims"])]
    assert len(past) == 2 and all(g["verdict"] == "single" for g in past), past


def test_a_shared_name_ties_two_reports_of_one_incident(grammar):
    """Two reports of one ship fire from different angles (compensation, a police summons) share few words
    but the ship's name: names weigh in what makes them one incident. A sentence's first word is no name."""
    import datetime as dt
    import zlib

    from checker import incidents

    texts = ["Jakarta - Korban kebakaran Kapal Bahari Nusantara akan mendapat santunan dari Jasa Raharja. Menteri "
             "menjenguk para korban di rumah sakit, Senin (2/1). Sebanyak 23 orang tewas.",
             "Bandung - Polda mengultimatum pemilik Kapal Bahari Nusantara, Yodi Prima, agar memenuhi panggilan "
             "pemeriksaan. Jika mangkir, penyidik mengancam menjemputnya. Musibah itu merenggut 23 nyawa."]
    assert incidents.proper_names("Jika mangkir, Polda memanggil.") == (zlib.crc32(b"polda"),)
    read = profiles(grammar, texts, [dt.date(2017, 1, 2), dt.date(2017, 1, 6)])
    with_names = incidents._similarities(read, grammar.event_kinds, incidents.Settings())
    without = incidents._similarities(read, grammar.event_kinds, incidents.Settings(name_weight=0))
    assert with_names[(0, 1)] > without.get((0, 1), 0) + 0.03


def test_a_town_one_report_does_not_place_meets_the_town_another_places(grammar):
    """'Bastrop police said' names a town in Texas or one in Louisiana, and places neither; another report's
    'in Bastrop, Texas' places it: what the first may be weighs in what makes them one incident, though neither
    place is the first's own. A first name is no such town ('Tyler Smith, 19')."""
    import dataclasses
    import datetime as dt

    from checker import incidents

    gazetteer = grammar.gazetteer
    assert gazetteer.find("Bastrop police said") == [] and len(gazetteer.unsure("Bastrop police said")[0][2]) > 1
    context = grammar.languages["en"].context
    assert context.unplaced("Tyler Smith, 19, was shot", gazetteer) == []
    texts = ["Bastrop police said four people were found dead in an apartment on Saturday morning.",
             "Neighbors in Bastrop, Texas, described hearing gunshots before four people were killed."]
    read = profiles(grammar, texts, [dt.date(2016, 7, 24), dt.date(2016, 7, 27)], lang="en")
    (town,) = [pid for pid in read[1].places if pid in read[0].unsure]
    assert town not in read[0].places
    unsure = incidents._similarities(read, grammar.event_kinds, incidents.Settings())
    plain = [dataclasses.replace(read[0], unsure=()), read[1]]
    without = incidents._similarities(plain, grammar.event_kinds, incidents.Settings())
    assert unsure[(0, 1)] > without.get((0, 1), 0) + 0.03


def test_articles_with_no_say_join_incidents_without_changing_them(grammar):
    """Articles with no figure to compare (`others`) are weighed in the same pass as the grouped ones, but the
    grouped ones' similarities and incidents are what they would be alone; an other joins the incident most
    like it, and one like none starts an incident numbered after theirs."""
    import datetime as dt

    from checker import incidents

    ship = ("Jakarta - Kapal Bahari Nusantara terbakar di perairan Muara Angke. Sebanyak 23 orang tewas dalam "
            "kebakaran kapal itu, kata Basarnas, Senin (2/1).")
    texts = [ship, "Basarnas masih mencari korban kebakaran Kapal Bahari Nusantara di Muara Angke. Korban tewas "
                   "mencapai 23 orang.",
             "Garut - Banjir bandang melanda Garut dan menewaskan 19 orang, kata BNPB.",
             "Menteri menjenguk korban kebakaran Kapal Bahari Nusantara di rumah sakit Muara Angke, Rabu (4/1).",
             "Harga cabai di pasar induk naik menjelang Natal menurut catatan pedagang, Rabu (4/1)."]
    read = profiles(grammar, texts, [dt.date(2017, 1, 2), dt.date(2017, 1, 3), dt.date(2017, 1, 3),
                                     dt.date(2017, 1, 4), dt.date(2017, 1, 4)])
    grouped, others = read[:3], read[3:]
    alone = incidents.group(grouped, grammar.event_kinds)
    found = incidents.group(grouped, grammar.event_kinds, others=others)
    assert (found.of, found.members) == (alone.of, alone.members)
    assert found.joined == {"a3": found.of["a0"], "a4": f"i{len(found.members) + 1}"}
    everyone = incidents._similarities(read, grammar.event_kinds, incidents.Settings(),
                                       counted=[True, True, True, False, False])
    assert {pair: s for pair, s in everyone.items() if max(pair) < 3} == incidents._similarities(
        grouped, grammar.event_kinds, incidents.Settings())


def test_people_shot_are_a_count_of_their_own(cli, tmp_path):
    """'Four people were shot' counts everyone hit, the dead too: it meets other outlets' counts of people shot,
    never their count of the wounded (two of the four died: 2 wounded is no conflict)."""
    text = "A gunman opened fire outside a bar in Wichita on Sunday. "
    _, found = groups(cli, tmp_path, [
        article(1, text + "Four people were shot, police said.", lang="en", title="Four shot outside Wichita bar"),
        article(2, text + "Four people were shot. Two people were wounded and two died.", lang="en",
                title="Two dead, two wounded in Wichita bar shooting")])
    injured = kind(found, "injured")
    shot = [g for g in injured if g["scope"] == "shot"]
    assert len(shot) == 1 and shot[0]["verdict"] == "agree", injured
    assert not any(g["verdict"] == "conflict" for g in found)


def _injured_of_two_reports(cli, tmp_path, first: str, second: str) -> list[tuple]:
    """The injured groups (scope, verdict, claims) of two outlets' reports of one Wichita bar shooting."""
    text = "A gunman opened fire outside a bar in Wichita on Sunday. "
    _, found = groups(cli, tmp_path, [article(k, text + words, lang="en", title="Shooting outside Wichita bar")
                                      for k, words in ((1, first), (2, second))])
    return sorted((g["scope"], g["verdict"], len(g["claims"])) for g in kind(found, "injured"))


def test_people_found_shot_and_people_shot_of_one_value_are_one_fact(cli, tmp_path):
    """'Police found three victims suffering from gunshot wounds' and 'Three people were shot': the people found
    hit and everyone hit, of one value, count the same people (one fact, agreed); of two values they stay apart,
    and nothing conflicts (a fourth victim may have reached a hospital on their own)."""
    def injured(found_shot, shot):
        return _injured_of_two_reports(cli, tmp_path, f"Police found {found_shot} victims suffering from gunshot "
                                       "wounds.", f"{shot} people were shot, police said.")

    assert injured("three", "Three") == [("shot", "agree", 2)]
    assert injured("three", "Four") == [("found", "single", 1), ("shot", "single", 1)]


def test_the_others_shot_and_the_others_wounded_of_one_value_are_one_fact(cli, tmp_path):
    """Beside the dead, 'Five other people were shot' and 'five others were wounded' count the survivors: of one
    value, one fact (agreed); of two values they stay apart, and nothing conflicts."""
    def injured(shot, wounded):
        return _injured_of_two_reports(cli, tmp_path, f"One man was killed. {shot} other people were shot, police "
                                       "said.", f"One man was killed. Police said {wounded} others were wounded.")

    assert injured("Five", "five") == [("total", "agree", 2)]
    assert injured("Five", "four") == [("shot", "single", 1), ("total", "single", 1)]


def test_a_count_kept_as_evidence_joins_the_group_of_its_own_scope(cli, tmp_path):
    """'There were a total of five victims' (everyone hit, kept as evidence) meets 'Five people were shot', not
    another outlet's 'Five people were wounded' (the injured), though both give its value."""
    text = "A gunman opened fire outside a bar in Wichita on Sunday. "
    title = "Shooting outside Wichita bar"
    _, found = groups(cli, tmp_path, [
        article(1, text + "Five people were shot, police said.", lang="en", title=title),
        article(2, text + "Five people were shot.", lang="en", title=title),
        article(3, text + "Five people were wounded, police said.", lang="en", title=title),
        article(4, text + "Officials said there were a total of five victims.", lang="en", title=title)])
    victims = [g for g in kind(found, "injured") if any(c["source"] == "a4" for c in g["claims"])]
    assert [(g["scope"], sorted(c["source"] for c in g["claims"])) for g in victims] == [
        ("shot", ["a1", "a2", "a4"])], kind(found, "injured")


def test_towns_far_apart_named_beside_their_figures_are_two_places(cli, tmp_path):
    """A shooting near Santa Barbara and one in a Denver-area theater recalled beside it: each figure names
    its own town, 1,400 km apart, so 7 dead and 14 dead are two facts, not a conflict."""
    santa_barbara = ("Police gave details about a shooting in Isla Vista, California, near the University of "
                     "California, Santa Barbara, that left seven people dead on Friday night. ")
    _, found = groups(cli, tmp_path, [
        article(1, santa_barbara, lang="en", date="2014-05-24",
                title="Details emerge about Santa Barbara shooting"),
        article(2, santa_barbara + "Six months before that, a gunman killed 14 people in a Denver-area movie "
                                   "theater.", lang="en", date="2014-05-24",
                title="Gunman kills seven in shooting in California college town")])
    assert not any(g["verdict"] == "conflict" for g in kind(found)), kind(found)


def test_neighbourhoods_and_towns_side_by_side_are_two_places(cli, tmp_path, grammar):
    """Two Chicago neighbourhoods 5 km apart, each named by its own figure's clause, are two places: four
    wounded in North Lawndale and two in Brighton Park are no conflict. A neighbourhood still meets the city it
    lies in, which the data does not say holds it (within the city's reach, grown with its people), and two
    towns as far apart as Seal Beach and Santa Monica, or Hallandale Beach and Miami, do not meet."""
    gazetteer = grammar.gazetteer
    assert gazetteer.one_area("chicago", "gn-4885597") and gazetteer.one_area("gn-5110302", "gn-5115843")
    for a, b in (("gn-4885597", "gn-4903940"), ("gn-5393212", "gn-5394086"), ("miami", "gn-4157898")):
        assert gazetteer.compatible(a, b) and not gazetteer.one_area(a, b), (a, b)
    title = "Several shot on Chicago's West Side"
    lead = "Chicago police said gunmen opened fire on Friday afternoon. "
    _, found = groups(cli, tmp_path, [
        article(1, lead + "Four people were wounded in a shooting in the North Lawndale neighborhood.", lang="en",
                title=title),
        article(2, lead + "Two people were wounded in a shooting in the Brighton Park neighborhood.", lang="en",
                title=title)])
    hurt = kind(found, "injured")
    assert not any(g["verdict"] == "conflict" for g in hurt), hurt
    assert {c["place"] for g in hurt for c in g["claims"]} == {"North Lawndale", "Brighton Park"}


def test_quakes_in_two_countries_are_two_incidents(grammar):
    """A quake felt in Java and one in New Zealand on the same day, told in the same words: headlines and
    leads that name only other countries weigh less in what makes them one incident."""
    import datetime as dt

    from checker import incidents

    texts = ["Gempa berkekuatan 4,7 skala Richter mengguncang wilayah selatan Yogyakarta pada Selasa malam. "
             "Guncangan gempa dirasakan warga.",
             "Gempa berkekuatan 7,4 skala Richter mengguncang wilayah selatan Selandia Baru pada Selasa malam. "
             "Guncangan gempa dirasakan warga."]
    read = profiles(grammar, texts, [dt.date(2016, 11, 15)] * 2)
    countries = grammar.gazetteer.countries
    apart = incidents._similarities(read, grammar.event_kinds, incidents.Settings(), countries)
    alike = incidents._similarities(read, grammar.event_kinds, incidents.Settings(other_country=1), countries)
    assert apart.get((0, 1), 0) < 0.8 * alike[(0, 1)]


def test_shootings_in_two_far_towns_of_one_state_are_two_incidents(grammar):
    """Two shootings in California on one day, told in the same words: leads whose towns all lie apart (Fresno,
    Sacramento) weigh less in what makes them one incident; two reports of one town's do not."""
    import datetime as dt

    from checker import incidents

    def lead(town):
        return (f"A gunman opened fire outside a bar in {town}, California, on Friday night. Police said the "
                "shooting left several people hurt.")

    gazetteer = grammar.gazetteer
    # two neighbourhoods of Chicago, 5 km apart, are apart too; a neighbourhood and its city are not
    assert gazetteer.far_towns(("gn-4885597",), ("gn-4903940",))
    assert not gazetteer.far_towns(("chicago",), ("gn-4885597",))
    read = profiles(grammar, [lead("Fresno"), lead("Sacramento"), lead("Fresno")], [dt.date(2014, 5, 23)] * 3,
                    lang="en")
    settings = incidents.Settings()
    alike = incidents._similarities(read, grammar.event_kinds, settings, gazetteer.countries)
    apart = dict(alike)
    incidents._far_towns(read, apart, settings, gazetteer.far_towns)
    assert apart.get((0, 1), 0) <= settings.other_town * alike[(0, 1)] + 1e-9
    assert apart[(0, 2)] == alike[(0, 2)]
    # a town named only in the dateline is where the outlet filed from: no evidence of another incident
    filed = profiles(grammar, [lead("Fresno"), "SACRAMENTO, Calif. — " + lead("the city")], [dt.date(2014, 5, 23)] * 2,
                     lang="en")
    assert "gn-5389489" in filed[1].places
    alike = incidents._similarities(filed, grammar.event_kinds, settings, gazetteer.countries)
    apart = dict(alike)
    incidents._far_towns(filed, apart, settings, gazetteer.far_towns)
    assert apart == alike


def test_a_lone_town_of_several_words_tells_two_shootings_apart_though_its_state_goes_unnamed(grammar):
    """Two shootings at MLK Day celebrations 25 km apart, told in the same words: 'Hallandale Beach' with no Florida
    named is placed by no lead, but a single place has that name of two words, so the lead's towns lie apart from
    Miami's and weigh less in making one incident; a single word no lead places ('Eden', a surname as often as a
    town) is never taken so, nor a name two places share."""
    import datetime as dt

    from checker import incidents

    def lead(town):
        return (f"Eight people were shot at a Martin Luther King Day celebration in {town} on Monday afternoon, "
                "police said. The shooting sent the crowd running.")

    read = profiles(grammar, [lead("Miami, Florida"), lead("Hallandale Beach"), lead("Eden")],
                    [dt.date(2017, 1, 16)] * 3, lang="en")
    assert read[1].lone == "gn-4157898" and read[1].places == ()
    assert read[0].lone is None and read[2].lone is None
    settings = incidents.Settings()
    gazetteer = grammar.gazetteer
    alike = incidents._similarities(read, grammar.event_kinds, settings, gazetteer.countries)
    apart = dict(alike)
    incidents._far_towns(read, apart, settings, gazetteer.far_towns)
    assert apart.get((0, 1), 0) <= settings.other_town * alike[(0, 1)] + 1e-9
    assert apart.get((0, 2)) == alike.get((0, 2))


def test_towns_of_one_name_in_two_states_stay_two_places(grammar):
    """GeoNames has a Fresno in California and one in Texas: the gazetteer keeps both, and a text finds the
    one its state says; with no state named, the larger (Kansas City, Missouri over Kansas City, Kansas)."""
    gazetteer = grammar.gazetteer
    fresno = {gazetteer.ancestors(pid)[0] for pid, p in gazetteer.places.items() if p.name == "Fresno"}
    assert {"california", "texas"} <= fresno
    (town, state) = gazetteer.find("A shooting in Fresno, California, on Friday.")
    assert state[2] == "california" and gazetteer.ancestors(town[2])[0] == "california"
    (city,) = gazetteer.find("Police in Kansas City said")
    assert gazetteer.ancestors(city[2])[0] == "missouri"
    # a state is never a town of its name: Washington State is not Washington, D.C.
    (town,) = gazetteer.find("Manchester, Washington")[:1]
    (dc,) = gazetteer.find("Washington, D.C.")
    assert gazetteer.ancestors(dc[2])[0] not in gazetteer.ancestors(town[2])


def test_a_state_written_by_hand_is_the_state_whose_towns_geonames_lists(grammar):
    """A region the places file writes under another name than ISO 3166-2's ('Washington State', 'Washington
    DC') holds that subdivision (`holds`), so the towns GeoNames puts in it lie within it, and 'N.Y.' names the
    New York whose towns they are; 'Washington' alone stays the capital's city, never the state."""
    gazetteer = grammar.gazetteer
    (seattle, wash) = gazetteer.find("SEATTLE, Wash. (AP) —")
    (spokane, state) = gazetteer.find("Spokane, Washington State")
    assert wash[2] == state[2]
    assert gazetteer.contains(state[2], seattle[2]) and gazetteer.contains(state[2], spokane[2])
    (buffalo, ny) = gazetteer.find("BUFFALO, N.Y. —")
    assert gazetteer.contains(ny[2], buffalo[2])
    (city,) = gazetteer.find("a rally in Washington on Sunday")
    (dc,) = gazetteer.find("Washington, D.C.")
    assert city[2] == dc[2] and gazetteer.ancestors(city[2])[0] != state[2]


def test_a_city_answers_to_each_way_its_name_is_written(grammar):
    """GeoNames writes 'Saint Paul' and 'St. Louis', 'Fort Worth'; news writes 'St. Paul', 'Saint Louis', 'Ft.
    Worth' (rules/places/sources.yaml, `name_variants`): each is the one city, shown by its own name."""
    gazetteer = grammar.gazetteer
    for variant, name in (("St. Paul, Minnesota", "Saint Paul, Minnesota"),
                          ("St Paul, Minnesota", "Saint Paul, Minnesota"),
                          ("Saint Louis, Missouri", "St. Louis, Missouri"), ("Ft. Worth, Texas", "Fort Worth, Texas")):
        ((_, _, found), *_) = gazetteer.find(f"in {variant}")
        ((_, _, written), *_) = gazetteer.find(f"in {name}")
        assert found == written and gazetteer.name(found, "en") == name.split(",")[0], (variant, found, written)


def test_a_figure_recalled_a_year_on_joins_its_events_own_coverage(cli, tmp_path):
    """A toll told again a year later, dated by its own clause, is compared with the reports of the time when
    the corpus holds them (one incident of that kind, there, in the month after); a shooting recalled is not:
    a city has many in a month."""
    quake = "Gempa bumi berkekuatan 7,4 mengguncang Palu, Sulawesi Tengah."
    _, found = groups(cli, tmp_path, [
        article(1, quake + " Sebanyak 2.000 orang tewas akibat gempa di Palu.", date="2018-10-05",
                title="Gempa Palu"),
        article(2, "Setahun berlalu, warga Palu masih trauma. Gempa yang mengguncang Palu pada 28 September 2018 "
                   "menewaskan 2.000 orang.", date="2019-09-28", title="Setahun Gempa Palu")])
    (group,) = [g for g in kind(found) if len({c["source"] for c in g["claims"]}) == 2]
    assert group["verdict"] == "agree"
    shooting = "Seorang pria bersenjata melepaskan tembakan di sebuah klub malam di Palu."
    _, found = groups(cli, tmp_path, [
        article(1, shooting + " Penembakan itu menewaskan dua orang.", date="2018-10-05", title="Penembakan Palu"),
        article(2, "Setahun berlalu. Penembakan di Palu pada 28 September 2018 menewaskan tiga orang.",
                date="2019-09-28", title="Setahun Penembakan")])
    assert all(len({c["source"] for c in g["claims"]}) == 1 for g in kind(found))


def test_a_volcano_meets_the_regencies_on_its_slopes(grammar):
    """Semeru's lahar is reported 'di Lumajang' by one outlet and at 'Gunung Semeru' by another: one place
    for comparison, though the volcano's parent is the province; Jakarta is not near it."""
    gazetteer = grammar.gazetteer
    assert gazetteer.compatible("semeru", "lumajang") and gazetteer.compatible("merapi", "sleman")
    assert not gazetteer.compatible("semeru", "jakarta")


def test_a_district_with_no_coordinates_lies_where_its_regency_does(grammar):
    """Kertek (Wonosobo, Central Java) and Abepura (Jayapura, Papua): 3,000 km apart, though the district data
    gives Kertek no coordinates of its own."""
    gazetteer = grammar.gazetteer
    kertek = next(pid for pid, p in gazetteer.places.items() if p.name == "Kertek" and p.lat is None)
    abepura = next(pid for pid, p in gazetteer.places.items() if p.name == "Abepura")
    assert gazetteer.apart(kertek, abepura) > 2500


def test_one_days_dates_of_one_crash_meet_though_their_places_are_weakly_named(cli, tmp_path):
    """Two reports of one toll-gate crash: one names the district beside the date, the other the city the road
    leads to. Neither place is said to be where it happened, so the dates are one fact and agree."""
    _, found = groups(cli, tmp_path, [
        article(1, "Kecelakaan truk terjadi di Gerbang Tol Ciawi 2 arah Jakarta pada Senin (2/6/2025) siang. "
                   "Truk itu menabrak tiga gardu tol.", date="2025-06-02", title="Truk Tabrak Gerbang Tol Ciawi"),
        article(2, "Kecelakaan truk yang menabrak tiga gardu Gerbang Tol Ciawi terjadi pada Senin (2/6/2025). "
                   "Tiga gardu tol rusak di Ciawi, Bogor.", date="2025-06-02",
                title="Tiga Gardu Tol Ciawi Rusak Ditabrak Truk")])
    dates = kind(found, "date")
    assert any(g["verdict"] == "agree" for g in dates), dates


def test_small_clusters_are_cut_as_scipy_cuts_them():
    """Small components are clustered without importing scipy.cluster (half a second at start-up): the same
    average-linkage partition as scipy's linkage and fcluster, on matrices without ties."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    from checker.incidents import _cut

    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(3, 30))
        x = rng.random((n, n))
        distance = (x + x.T) / 2
        np.fill_diagonal(distance, 0)
        height = float(rng.uniform(0.2, 0.9))
        theirs = fcluster(linkage(distance[np.triu_indices(n, 1)], method="average"), t=height,
                          criterion="distance")
        ours = _cut(distance, height)
        assert all((theirs[i] == theirs[j]) == (ours[i] == ours[j]) for i in range(n) for j in range(n))


def test_a_person_singled_out_is_a_part_of_the_toll(cli, tmp_path):
    """'Seorang warga Kecamatan Pangantikan, Kabupaten Garut, meninggal dunia' tells one victim's story; another
    outlet's 'dua orang tewas' is the quake's toll. One of two is no conflict."""
    quake = "Gempa bermagnitudo 6,9 mengguncang selatan Jawa Barat pada Jumat (15/12/2017) malam. "
    _, found = groups(cli, tmp_path, [
        article(1, quake + "Seorang warga Kecamatan Pangantikan, Kabupaten Garut, Jawa Barat, meninggal dunia.",
                date="2017-12-16", title="Gempa guncang Garut, seorang warga meninggal"),
        article(2, quake + "Akibat gempa itu, dua orang tewas di Jawa Barat.", date="2017-12-16",
                title="Dua orang tewas akibat gempa Jawa Barat")])
    deaths = kind(found)
    assert not any(g["verdict"] == "conflict" for g in deaths), deaths
    assert any(c["subject"] == "individual" for g in deaths for c in g["claims"]), deaths


def test_weakly_placed_dates_of_two_days_are_no_conflict(cli, tmp_path):
    """A flood in Demak on the 3rd and one in Kudus on the 5th, each placed only by a dateline's villages: weak
    places let dates meet only when they agree, so two floods never make a date conflict."""
    lead = "Banjir merendam ratusan rumah warga di Jawa Tengah. "
    _, found = groups(cli, tmp_path, [
        article(1, lead + "Banjir terjadi di Desa Wonoketingal, Kecamatan Karanganyar, Kabupaten Demak, Senin "
                          "(3/11/2025).", date="2025-11-05", title="Banjir rendam ratusan rumah di Jawa Tengah"),
        article(2, lead + "Banjir terjadi di Desa Jati Wetan, Kecamatan Jati, Kabupaten Kudus, Rabu (5/11/2025).",
                date="2025-11-05", title="Banjir rendam ratusan rumah di Jawa Tengah")])
    assert not any(g["verdict"] == "conflict" for g in found), found


def test_only_one_person_singled_out_is_a_part(cli, tmp_path):
    """'62 warga Kabupaten Cianjur meninggal' is a toll, not a person's story: against '162 orang' the same day it
    conflicts. 'Keduanya tewas' points back to two people: some of a toll of five, no conflict."""
    quake = "Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin (21/11/2022) siang. "
    result, found = groups(cli, tmp_path, [
        article(1, quake + "Sebanyak 62 warga Kabupaten Cianjur meninggal dunia akibat gempa itu.", date="2022-11-21",
                title="Gempa Cianjur tewaskan 62 orang"),
        article(2, quake + "Sebanyak 162 orang meninggal dunia akibat gempa itu.", date="2022-11-21",
                title="Gempa Cianjur tewaskan 162 orang")])
    assert [g["verdict"] for g in kind(found)] == ["conflict"] and result.exit_code == 1
    bus = "Sebuah bus terguling di Jalan Raya Puncak, Kabupaten Bogor, pada Senin (3/11/2025). "
    _, found = groups(cli, tmp_path, [
        article(1, bus + "Lima orang tewas dalam kecelakaan itu.", date="2025-11-04",
                title="Bus terguling di Puncak Bogor, lima orang tewas"),
        article(2, bus + "Sopir bus, Budi, dan kernetnya, Andi, terjepit di kabin. Keduanya tewas di lokasi kejadian.",
                date="2025-11-04", title="Bus terguling di Puncak Bogor, sopir dan kernet tewas")])
    assert not any(g["verdict"] == "conflict" for g in kind(found)), kind(found)


def test_a_round_ups_section_heading_says_where_its_figures_are(cli, tmp_path):
    """A round-up about a summit in Malaysia: the figures under '## 2. Perang saudara Myanmar' are Myanmar's,
    named bare in their sentence and by their heading, not the summit's country; a figure naming no place
    takes its heading's place and kind of event."""
    text = ("KUALA LUMPUR, KOMPAS.com - Perang dan kudeta membayangi KTT ASEAN di Kuala Lumpur, Malaysia.\n\n"
            "Malaysia akan menjamu lebih dari 30 kepala negara.\n\n"
            "## 2. Perang saudara Myanmar\n\n"
            "Myanmar terjerumus dalam perang saudara yang menewaskan ribuan orang.\n\n"
            "## 3. Banjir di Demak\n\n"
            "Air setinggi dua meter merendam rumah warga dan menewaskan tiga orang.")
    _, found = groups(cli, tmp_path, [article(1, text, date="2025-10-25", title="KTT ASEAN di Malaysia")],
                      "--singles")
    claims = {c["notation"]: c for g in kind(found) for c in g["claims"]}
    assert (claims["[1000,10000)"]["place_id"], claims["[1000,10000)"]["place_from"]) == ("mm", "section")
    assert claims["3"]["place_from"] == "section" and claims["3"]["event"] == "flood", claims["3"]


def test_deaths_dated_on_two_days_are_two_peoples_not_a_conflict(cli, tmp_path):
    """Two outlets date someone's death on one day: agreement. A third dates a death two days later: another
    person's, perhaps, since who died is not read; a separate fact, never a conflict with the first."""
    shooting = "Penembakan terjadi di sebuah kafe di Kota Medan, Sumatera Utara, pada Sabtu (1/3/2025). "
    _, found = groups(cli, tmp_path, [
        article(1, shooting + "Korban luka itu meninggal dunia pada Senin (3/3/2025) di rumah sakit.",
                date="2025-03-04", title="Penembakan di kafe Medan"),
        article(2, shooting + "Seorang korban wafat pada Senin (3/3/2025) pagi.", date="2025-03-04",
                title="Penembakan kafe di Medan"),
        article(3, shooting + "Seorang korban lain meninggal dunia pada Rabu (5/3/2025).", date="2025-03-06",
                title="Korban penembakan kafe Medan bertambah")])
    deaths = [g for g in kind(found, "date") if g["scope"] == "death"]
    assert sorted(len(g["claims"]) for g in deaths) == [1, 2]
    assert {g["verdict"] for g in deaths} == {"agree", "single"}
    (shot,) = [g for g in kind(found, "date") if g["scope"] == "shooting" or g["scope"] == "attack"]
    assert shot["verdict"] == "agree" and len(shot["claims"]) == 3


def test_a_figure_placed_in_another_incidents_place_joins_that_incident(cli, tmp_path):
    """A report on floods in Malaysia that adds 'banjir bandang di Garut menewaskan 20 orang' (after its lead):
    that figure is the Garut flood's, whose own coverage says 19 the same day: a conflict, not Malaysia's."""
    garut = ("Banjir bandang melanda Kabupaten Garut, Jawa Barat, sejak Selasa malam. Air sungai meluap setelah "
             "hujan deras mengguyur kawasan hulu.")
    kelantan = ("Ribuan warga Kota Bharu mengungsi setelah Sungai Kelantan meluap dan merendam 300 rumah di negara "
                "bagian Kelantan, Malaysia, sejak Senin. Sebanyak 2 orang tewas terseret arus di Kelantan. Otoritas "
                "Kelantan membuka 40 pusat evakuasi di Kota Bharu dan Pasir Mas, lalu meminta warga di tepi sungai "
                "bersiaga. Jalan raya Kota Bharu-Kuala Krai tergenang setinggi lutut orang dewasa sehingga "
                "kendaraan kecil dialihkan. Petugas menyiagakan perahu karet di tiga distrik, sementara sekolah "
                "di Kota Bharu diliburkan hingga air surut. Seorang warga hilang terseret arus di Kelantan.\n\n")
    result, found = groups(cli, tmp_path, [
        article(1, garut + " Sebanyak 19 orang tewas akibat banjir bandang di Garut.", title="Banjir Bandang Garut"),
        article(2, "Korban tewas banjir bandang di Garut mencapai 19 orang. " + garut,
                title="Korban Banjir Bandang Garut"),
        article(3, kelantan + "Sementara itu, banjir bandang di Garut menewaskan 20 orang.",
                title="Sungai Kelantan Meluap, Ribuan Warga Kota Bharu Mengungsi")])
    (conflict,) = [g for g in kind(found) if g["verdict"] == "conflict"]
    assert {c["source"] for c in conflict["claims"]} == {"a1", "a2", "a3"}
    assert len({g["incident"] for g in found}) == 2 and result.exit_code == 1


def test_days_of_one_event_a_day_apart_do_not_split_its_toll(cli, tmp_path):
    """A shooting late on the 17th, dated the 18th by another outlet: one event, so the tolls dated to either
    day and the undated one are one fact; a toll dated weeks apart is another event's."""
    title = "Three killed in Dayton bar shooting"
    _, found = groups(cli, tmp_path, [
        article(1, "Three people were killed in the shooting at a Dayton bar on July 17, 2016, police said.",
                date="2016-07-18", lang="en", title=title),
        article(2, "Three people were killed in the shooting at a Dayton bar on July 18, 2016, police said.",
                date="2016-07-18", lang="en", title=title),
        article(3, "Three people were killed in the shooting at a Dayton bar, police said.", date="2016-07-18",
                lang="en", title=title)])
    (group,) = kind(found)
    assert group["verdict"] == "agree" and len(group["claims"]) == 3


def test_last_years_tally_early_in_a_year_is_no_toll_of_the_story(cli, tmp_path):
    """'Last year, 131 people were hit by gunfire in the city', written in January: a period that ended weeks
    ago, not the night's shooting, so no conflict with its five."""
    title = "Five shot at Wilmington party"
    result, found = groups(cli, tmp_path, [
        article(1, "Five people were shot at a party in Wilmington on Sunday, police said. Last year, 131 people "
                   "were hit by gunfire in the city.", date="2017-01-16", lang="en", title=title),
        article(2, "Five people were shot at a party in Wilmington on Sunday, police said.", date="2017-01-16",
                lang="en", title=title)])
    assert "conflict" not in [g["verdict"] for g in kind(found, "injured")] and result.exit_code == 0


def test_an_attacks_toll_and_a_count_told_a_week_later_in_a_war_are_two_facts(cli, tmp_path):
    """In a war's story, Wednesday's air strikes killed at least 39; eleven days later another article says
    hundreds were killed after a town fell, naming no kind of event. Reports of an air strike do not come so
    long after it (events.yaml: `lasts`), so the two are two events' counts, not one compatible fact."""
    war = "The war in Syria has killed more than 200,000 people since 2011. "
    _, found = groups(cli, tmp_path, [
        article(1, war + "Air strikes on three villages in Syria killed at least 39 civilians on Wednesday, a "
                      "monitoring group said.", date="2015-05-14", lang="en", title="Syria war: air strikes kill 39"),
        article(2, "The group has reportedly killed hundreds in Syria after seizing the town last week, activists "
                   "in Syria said.", date="2015-05-25", lang="en", title="Hundreds killed in Syria after town falls"),
        article(3, war + "Fighters seized the town last week.", date="2015-05-24", lang="en",
                title="Syria war: town falls")])
    deaths = kind(found)
    (strike,) = [g for g in deaths if any(c["notation"] == "[39,)" for c in g["claims"])]
    assert [c["notation"] for c in strike["claims"]] == ["[39,)"], deaths
    assert any(c["notation"] == "(200000,)" for g in deaths for c in g["claims"] if g["verdict"] == "agree")


def test_tolls_one_apart_where_the_attacker_died_may_count_the_attacker(cli, tmp_path):
    """'killed three people and then himself' and 'left four people dead, including the gunman' are one toll,
    with and without the gunman: compatible, with a note saying so. Without a word of the attacker's death, the
    same figures the same day conflict."""
    def toll(i, text):
        return article(i, text, date="2013-02-20", lang="en", title="Gunman kills three in Ladera Ranch shooting")

    _, found = groups(cli, tmp_path, [
        toll(1, "A gunman killed three people and then himself in Ladera Ranch on Tuesday, police said."),
        toll(2, "The shooting in Ladera Ranch on Tuesday left four people dead, including the gunman.")])
    (deaths,) = kind(found)
    assert deaths["verdict"] == "compatible", deaths
    assert any("attacker" in note for note in deaths["notes"])
    _, found = groups(cli, tmp_path, [
        toll(1, "A gunman killed three people in Ladera Ranch on Tuesday, police said."),
        toll(2, "The shooting in Ladera Ranch on Tuesday left four people dead.")])
    (deaths,) = kind(found)
    assert deaths["verdict"] == "conflict", deaths


def test_counts_of_the_hurt_apart_by_the_dead_both_articles_tell_may_count_the_dead(cli, tmp_path):
    """'Ten victims were shot … one of them died' and 'nine people were shot and one man was killed' may be one
    count, with and without the dead: compatible, with a note saying so. Where only one article tells that
    death, the same figures conflict: nothing says the dead are the difference."""
    def report(i, text):
        return article(i, text, date="2014-06-29", lang="en", title="Ten shot on Bourbon Street")

    nine = report(2, "Nine people were shot and one man was killed on Bourbon Street early Sunday, police said.")
    _, found = groups(cli, tmp_path, [
        report(1, "A total of 10 victims were shot on Bourbon Street early Sunday. One man was killed, police said."),
        nine])
    (shot,) = [g for g in kind(found, "injured") if {c["value"] for c in g["claims"]} == {"9", "10"}]
    assert shot["verdict"] == "compatible", shot
    assert any("death toll both their articles give" in note for note in shot["notes"])
    _, found = groups(cli, tmp_path, [
        report(1, "A total of 10 victims were shot on Bourbon Street early Sunday, police said."), nine])
    (shot,) = [g for g in kind(found, "injured") if {c["value"] for c in g["claims"]} == {"9", "10"}]
    assert shot["verdict"] == "conflict", shot


def test_a_later_count_of_the_hurt_lower_by_the_dead_its_article_adds_is_the_hurt_who_died(cli, tmp_path):
    """'injuring four people' one day and, two days on, 'left one dead and three injured': the hurt who died
    between, compatible with a note. Without that toll the later three conflict with the four: a count of one
    shooting's hurt told lower on a later day."""
    def report(i, text, date):
        return article(i, text, date=date, lang="en", title="Vicksburg gas station shooting")

    first = report(1, "A gunman opened fire at a gas station in Vicksburg early Sunday, injuring four people, "
                      "police said.", "2016-08-07")

    def later(text):
        return report(2, "The Sunday shootout at a Vicksburg gas station " + text, "2016-08-09")

    _, found = groups(cli, tmp_path, [first, later("left one dead and three injured, police said.")])
    (hurt,) = [g for g in kind(found, "injured") if {c["value"] for c in g["claims"]} == {"3", "4"}]
    assert hurt["verdict"] == "compatible", hurt
    assert any("the hurt who died between" in note for note in hurt["notes"])
    _, found = groups(cli, tmp_path, [first, later("left three injured, police said.")])
    (hurt,) = [g for g in kind(found, "injured") if {c["value"] for c in g["claims"]} == {"3", "4"}]
    assert hurt["verdict"] == "conflict", hurt


def test_an_articles_injured_below_everyone_shot_less_the_dead_are_parts(cli, tmp_path):
    """'Eight people were shot … One person … was pronounced dead' implies seven hurt: the same article's 'three
    other people went to hospitals' is a part of them, not a total against another outlet's seven. Everyone
    found hit at the scene is a count of its own ('found five people suffering from gunshot wounds'). Without
    the count of everyone shot, the three stand for the article's injured and conflict with the seven."""
    def report(i, text):
        return article(i, text, date="2013-10-27", lang="en", title="Drive-by shooting in Vallejo")

    first = report(1, "A gunman opened fire on a group of people in Vallejo on Saturday, killing one man and "
                      "injuring seven others, police said.")
    shot = ("Vallejo police say eight people were shot Saturday night. Officers found five people at the residence "
            "suffering from gunshot wounds. One person, a 19-year-old man, was pronounced dead at the scene. ")
    later = "Three other people went to hospitals with gunshot wounds, police said."
    _, found = groups(cli, tmp_path, [first, report(2, shot + later)])
    assert not [g for g in found if g["verdict"] == "conflict"], found
    assert {g["scope"] for g in kind(found, "injured") if any(c["value"] == "5" for c in g["claims"])} == {"found"}
    _, found = groups(cli, tmp_path, [first, report(2, "Vallejo police say one man died Saturday night. " + later)])
    assert [g["verdict"] for g in kind(found, "injured")] == ["conflict"], found


def test_the_target_of_an_attack_is_where_its_dead_are(cli, tmp_path):
    """In a story about Israel, 'serangan udaranya terhadap Iran menewaskan 20 orang' counts dead in Iran, named
    after 'terhadap' (against): not a place named bare, which would give way to the story's Israel."""
    def report(i, text):
        return article(i, text, date="2025-06-14", title="Perang Israel hari kedua")

    _, found = groups(cli, tmp_path, [
        report(1, "Di Israel, tiga orang tewas akibat serangan rudal di Tel Aviv, kata otoritas Israel."),
        report(2, "Di Israel, empat orang tewas di Tel Aviv. Militer Israel mengatakan serangan udaranya terhadap "
                  "Iran telah menewaskan 20 orang.")])
    places = {c["value"]: c["place"] for g in kind(found) for c in g["claims"]}
    assert places["20"] == "Iran", found


def test_a_later_story_about_a_past_shooting_meets_that_days_reports(cli, tmp_path):
    """An arrest told months on, whose lead dates the shooting it is about, is compared with the reports of
    that day, even after a day the lead gives a statement ('court papers released Wednesday': made public
    then, rules/en/dateline.yaml); a new shooting whose story recalls an older one further on is not."""
    day = article(1, "GRAND RAPIDS, Mich. - One man was killed and eight others were injured in a shooting at a "
                     "strip mall party early Sunday, police said.", date="2016-10-09", lang="en",
                  title="One dead, 8 injured in Grand Rapids strip mall shooting")
    arrest = article(2, "GRAND RAPIDS, Mich. (AP) - Police say a man has been arrested in the shooting at a Grand "
                        "Rapids strip mall party.\n\nThe Oct. 9 shooting killed 21-year-old Juwan Boykin and "
                        "injured eight other people.", date="2017-02-01", lang="en",
                     title="Man arrested in Grand Rapids strip mall shooting that killed 1, hurt 8")
    trial = article(2, "GRAND RAPIDS, Mich. (AP) - The man who shot nine people at a Grand Rapids strip mall party "
                       "had planned it for weeks, according to court papers released Wednesday.\n\nThe Oct. 9 "
                       "shooting killed 21-year-old Juwan Boykin and injured eight other people.", date="2017-02-01",
                    lang="en", title="Grand Rapids strip mall shooter planned attack that killed 1, hurt 8")
    for later in (arrest, trial):
        _, found = groups(cli, tmp_path, [day, later])
        (injured,) = [g for g in kind(found, "injured") if g["scope"] == "total"]
        assert {c["source"] for c in injured["claims"]} == {"a1", "a2"} and injured["verdict"] == "agree"
    new = article(3, "GRAND RAPIDS, Mich. - Four men were wounded in a shooting at a strip mall party Tuesday night, "
                     "police said. It happened a block from the Oct. 9 shooting.", date="2017-02-01", lang="en",
                  title="Four wounded in Grand Rapids strip mall shooting")
    _, found = groups(cli, tmp_path, [day, new])
    assert all(len({c["source"] for c in g["claims"]}) == 1 for g in kind(found, "injured"))


def test_a_later_story_that_dates_its_shooting_by_the_month_meets_that_months_reports(cli, tmp_path):
    """A hearing told in late October about a shooting its lead dates only 'in August' is compared with the
    reports of any day of August (here the 2nd), as if published then; a lead that dates it 'last year' says
    too little and is not."""
    day = article(1, "PITTSBURGH - A motorcycle rider was killed and five of his companions were wounded in a "
                     "shooting outside a Strip District bar early Saturday, police said.", date="2014-08-02",
                  lang="en", title="Motorcycle rider killed, five wounded in Strip District bar shooting")
    hearing = article(2, "PITTSBURGH - A Penn Hills man charged with fatally shooting a motorcycle rider and wounding "
                         "five of his companions in August outside a Strip District bar was held for trial today.",
                      date="2014-10-24", lang="en",
                      title="Man held for trial in Strip District bar shooting of motorcycle rider")
    _, found = groups(cli, tmp_path, [day, hearing])
    (injured,) = [g for g in kind(found, "injured") if any(c["source"] == "a2" for c in g["claims"])]
    assert {c["source"] for c in injured["claims"]} == {"a1", "a2"} and injured["verdict"] == "agree", found
    vague = article(2, hearing["text"].replace("in August", "last year"), date="2015-03-24", lang="en",
                    title=hearing["title"])
    _, found = groups(cli, tmp_path, [day, vague])
    assert all(len({c["source"] for c in g["claims"]}) == 1 for g in kind(found, "injured")), found


def test_a_figure_of_another_kind_with_no_place_goes_to_no_arbitrary_incident(cli, tmp_path):
    """A shooting's toll told in a story about a fire, naming no place and no day: with two shootings reported
    that week, which one it is is not known, so it joins neither (nor conflicts with their tolls)."""
    _, found = groups(cli, tmp_path, [
        article(1, "A gunman opened fire at a crowded bar in Killeen, Texas, police said. The shooting killed two "
                   "people.", date="2015-07-21", lang="en", title="Two dead in Killeen bar shooting"),
        article(2, "Two people died when a man opened fire inside a Killeen bar late Monday, police said.",
                date="2015-07-21", lang="en", title="Killeen bar shooting leaves two dead"),
        article(3, "Four shoppers were killed when a teenager fired into a crowd at a Fresno mall, California "
                   "police said.", date="2015-07-20", lang="en", title="Four dead in Fresno mall shooting"),
        article(4, "A fire destroyed a warehouse in the city on Monday, firefighters said. The blaze spread fast. "
                   "Police said later that a gunman had shot and killed three people nearby before setting the "
                   "warehouse alight.", date="2015-07-21", lang="en", title="Fire destroys warehouse")])
    assert not any(g["verdict"] == "conflict" for g in found), found
    killeen = [g for g in kind(found) if g["place"] == "Killeen"]
    assert [sorted({c["source"] for c in g["claims"]}) for g in killeen] == [["a1", "a2"]], killeen


def test_a_figure_of_another_kind_joins_the_incident_whose_reports_began_after_its_day(cli, tmp_path):
    """'A magnitude-7.8 quake hit April 25, killing more than 8,200' in a story about a helicopter crash: of the
    quakes reported that month, the one whose reports began on or after April 25 is the one it tells of; a
    quake reported from April 20 is not, nor does it conflict with that quake's toll, even when it is the only
    one."""
    ministry, police = "the home ministry said.", "provincial police said."
    reports = [
        article(1, "A magnitude-7.8 earthquake flattened villages across Nepal, and temples collapsed in Kathmandu. "
                   "The quake killed 1,500 people, " + ministry, date="2015-04-25", lang="en",
                title="Nepal earthquake flattens Kathmandu temples"),
        article(2, "Rescuers dug through rubble in Kathmandu as the Nepal earthquake toll rose. The quake killed "
                   "2,000 people, " + ministry, date="2015-04-26", lang="en",
                title="Kathmandu rescuers dig through rubble"),
        article(3, "A strong earthquake shook Morobe province in Papua New Guinea, cutting power in Lae. The tremor "
                   "killed three people, " + police, date="2015-04-20", lang="en", title="Tremor cuts power in Lae"),
        article(4, "Power is back in Lae after the earthquake that shook Morobe province in Papua New Guinea. The "
                   "tremor killed three people, " + police, date="2015-04-21", lang="en",
                title="Power back in Lae after tremor"),
        article(5, "Searchers found the wreck of a US Marine helicopter that crashed during a relief mission, the "
                   "Pentagon said. The mission began soon after a magnitude-7.8 quake hit April 25, killing more than "
                   "8,200 people.", date="2015-05-16", lang="en", title="Wreck of US Marine helicopter found")]
    _, found = groups(cli, tmp_path, reports)
    (helicopter,) = [c for g in kind(found) for c in g["claims"] if c["source"] == "a5"]
    (home,) = [g for g in kind(found) if helicopter in g["claims"]]
    assert {c["source"] for c in home["claims"]} == {"a1", "a2", "a5"}, home
    assert not any(g["verdict"] == "conflict" for g in found), found
    _, found = groups(cli, tmp_path, reports[2:])  # the only quake of the month began before April 25: not it
    (alone,) = [g for g in kind(found) if any(c["source"] == "a5" for c in g["claims"])]
    assert {c["source"] for c in alone["claims"]} == {"a5"}, alone


def test_the_day_of_a_past_attack_told_alike_by_follow_ups_months_apart_is_one_fact(cli, tmp_path):
    """Follow-ups published months apart, each recalling the attack it follows up on the same day, are compared
    as of that day: one incident, and that day one fact (never a conflict). Recalled on another day, a third
    stays apart: the stories are not known to be one."""
    attack = ("Penyidik Novel Baswedan diserang dengan air keras di dekat rumahnya di Kelapa Gading, "
              "Jakarta Utara, ")
    _, found = groups(cli, tmp_path, [
        article(1, "Dokter mengangkat membran mata kiri Novel. " + attack + "pada Selasa (11/4).",
                date="2017-06-06", title="Dokter angkat membran mata kiri Novel Baswedan"),
        article(2, "Novel masih perlu operasi tambahan. " + attack + "pada 11 April 2017.", date="2018-02-07",
                title="Novel Baswedan masih perlu operasi tambahan"),
        article(3, "Kuasa hukum mengajukan banding. " + attack + "pada 13 April 2017.", date="2018-09-20",
                title="Kuasa hukum ajukan banding")])
    dates = kind(found, "date")
    together = [g for g in dates if len({c["source"] for c in g["claims"]}) == 2]
    assert len(together) == 1 and together[0]["verdict"] != "conflict"
    assert {c["value"] for c in together[0]["claims"]} == {"2017-04-11"}
    assert not any(g["verdict"] == "conflict" for g in dates)
    incident = {c["source"]: g["incident"] for g in found for c in g["claims"]}
    assert incident["a1"] == incident["a2"] != incident["a3"]


def test_follow_ups_recalling_one_day_are_compared_as_of_it(grammar):
    """A trial's story and a sentencing's, a year apart, with none of the shooting's own reports at hand: each
    recalls the day of the shooting, so they are compared as of that day, and are one incident. A third, told in
    the same words but recalling a day outside theirs, stays apart."""
    import datetime as dt

    from checker import incidents
    from checker.models import replaced

    text = ("Trung Le is charged in the Bourbon Street shooting in New Orleans that killed one woman and wounded "
            "nine people. The judge heard witnesses on Monday.")
    read = profiles(grammar, [text] * 3, [dt.date(2015, 4, 8), dt.date(2016, 3, 24), dt.date(2016, 5, 2)], "en")
    assert not incidents._similarities(read, grammar.event_kinds, incidents.Settings())  # too far apart
    days = [(dt.date(2014, 6, 29),) * 2, (dt.date(2014, 6, 1), dt.date(2014, 6, 30)), (dt.date(2014, 8, 2),) * 2]
    found = incidents.group([replaced(p, recalls=d) for p, d in zip(read, days)], grammar.event_kinds)
    assert found.of["a0"] == found.of["a1"] != found.of["a2"]


def test_the_day_of_an_attack_recalled_weeks_on_joins_the_days_own_report(cli, tmp_path):
    """A story weeks after an attack, about something else (the suspects' arrest), is an incident of its own;
    the day of the attack it recalls is one fact with the day the attack's own report gives."""
    report = article(1, "Sebuah bom meledak di terminal bus Kampung Melayu, Jakarta Timur, pada Rabu (24/5/2017) "
                        "malam. Tiga polisi tewas dan sepuluh orang terluka.", date="2017-05-24",
                     title="Bom meledak di Terminal Kampung Melayu")
    later = article(2, "Densus 88 menangkap lima terduga teroris di Bandung dan Cianjur yang terkait jaringan "
                       "JAD. Mereka disebut membantu perakitan bom yang meledak di Kampung Melayu pada 24 Mei "
                       "2017.", date="2017-06-12", title="Densus 88 tangkap lima terduga teroris di Jawa Barat")
    _, found = groups(cli, tmp_path, [report, later])
    assert told(found, "2017-05-24") == [("agree", ["a1", "a2"])], found


def test_a_sentencing_story_months_on_is_compared_with_the_shootings_own_report(cli, tmp_path):
    """A story months after a shooting opens on the day of a hearing ('Sentencing was delayed Thursday for the
    man convicted in the shooting'): that day is the court's (a kind no figure counts, events.yaml), not the
    shooting's, so the story still recalls the shooting's day written further on, and its toll is one fact with
    the day's own report."""
    report = article(1, "A gunman opened fire on Bourbon Street in New Orleans early Sunday, June 29, 2014. "
                        "One woman was killed and nine people were injured, police said.", date="2014-06-29",
                     lang="en", title="Shooting on Bourbon Street leaves one dead, nine hurt")
    later = article(2, "Sentencing was delayed Thursday for the man convicted in the Bourbon Street shooting that "
                       "killed a woman and injured nine others. A jury convicted him of manslaughter for the June "
                       "29, 2014, shooting.", date="2016-03-24", lang="en",
                    title="Sentencing delayed in Bourbon Street shooting")
    _, found = groups(cli, tmp_path, [report, later])
    hurt = [g for g in kind(found, "injured") if {c["source"] for c in g["claims"]} == {"a1", "a2"}]
    assert len(hurt) == 1 and hurt[0]["verdict"] == "agree", found


def test_protests_on_two_days_in_one_city_are_two_protests_never_a_conflict(cli, tmp_path):
    """A movement protests day after day in one city: the day of one protest against the next day's is two
    protests (a `personal` kind in events.yaml), never a disagreement; the same day told by two outlets
    agrees."""
    one = article(1, "Ribuan buruh menggelar demonstrasi di Gambir, Jakarta Pusat, Rabu (5/11/2025), menolak "
                     "kenaikan iuran.", date="2025-11-05", title="Buruh demo tolak kenaikan iuran di Jakarta")
    two = article(2, "Buruh kembali menggelar unjuk rasa di depan Gedung DPR, Jakarta Pusat, pada Kamis "
                     "(6/11/2025), menolak kenaikan iuran.", date="2025-11-06",
                  title="Buruh kembali demo tolak kenaikan iuran di Jakarta")
    _, found = groups(cli, tmp_path, [one, two])
    dates = kind(found, "date")
    assert [g["scope"] for g in dates] == ["protest", "protest"], dates
    assert not any(g["verdict"] == "conflict" for g in found), found
    three = article(3, "Ribuan buruh berunjuk rasa. Demonstrasi di Gambir, Jakarta Pusat, Rabu (5/11/2025) "
                       "berlangsung damai.", date="2025-11-05", title="Demo buruh di Jakarta berlangsung damai")
    _, found = groups(cli, tmp_path, [one, two, three])
    assert ("agree", ["a1", "a3"]) in told(found, "2025-11-05"), found


def test_a_day_two_articles_tell_in_the_same_words_is_one_fact_never_a_conflict(cli, tmp_path):
    """Days that are not an event's (a call to police weeks before a shooting) are never compared, but the same
    day told in sentences of the same words by two articles of one incident is one fact, told alike; told on
    another day it stays apart, never a conflict."""
    lead = ("ST. CHARLES - A man shot his wife and then himself at her apartment on Friday, police said. The "
            "shooting left two people dead. ")
    call = "Officers had responded on {day} to a report of domestic trouble involving the couple, police said."
    one = article(1, lead + call.format(day="February 9, 2017"), date="2017-03-11", lang="en",
                  title="St. Charles murder-suicide: police had been called before")
    two = article(2, lead + "A review of records shows officers responded on {day} to a report of domestic "
                            "trouble at the apartment.".format(day="February 9, 2017"), date="2017-03-12",
                  lang="en", title="Police had responded to domestic trouble before St. Charles murder-suicide")
    _, found = groups(cli, tmp_path, [one, two])
    assert told(found, "2017-02-09") == [("agree", ["a1", "a2"])], found
    two["text"] = two["text"].replace("February 9", "February 10")
    _, found = groups(cli, tmp_path, [one, two])
    assert not any(g["verdict"] == "conflict" for g in found), found
    assert all(len({c["source"] for c in g["claims"]}) == 1 for g in kind(found, "date")
               if any(c["value"].startswith("2017-02") for c in g["claims"])), found


def test_a_day_told_in_a_third_of_the_same_words_is_one_fact_unless_its_events_differ(cli, tmp_path):
    """Two reports of one arrest tell the day of a failed arrest in sentences that share a third of their words
    (said in other words around the same names): one fact, told alike. A haze story's day of the fire and a
    day its schools closed, in sentences of many shared words, are two things that happened that day."""
    lead = ("Komisi Pemberantasan Korupsi menahan Setya Novanto setelah kecelakaan mobil di Permata Hijau yang "
            "melukai dua orang. ")
    _, found = groups(cli, tmp_path, reports(
        lead, ("Penyidik akan mendalami peristiwa hilangnya Setnov dari kediamannya saat hendak ditangkap pada 15 "
               "November 2017.", "2018-01-10", "KPK periksa saksi soal hilangnya Setya Novanto"),
        ("Fredrich disebut menemui Setnov di rumahnya saat penyidik datang hendak menangkap yang berlangsung pada 15 "
         "November 2017 di kawasan Kebayoran Baru.", "2018-01-11",
         "KPK tetapkan Fredrich tersangka perintangan penyidikan Setya Novanto")))
    assert told(found, "2017-11-15") == [("agree", ["a1", "a2"])], found
    haze = "Kabut asap akibat kebakaran hutan dan lahan menyelimuti Riau, dan dua warga tewas terjebak api. "
    _, found = groups(cli, tmp_path, reports(
        haze, ("Kebakaran lahan di Kabupaten Rokan Hilir, Riau, masih meluas pada Rabu (23/7/2025) dan kabut asap "
               "menyelimuti Pekanbaru.", "2025-07-23", "Kabut asap karhutla selimuti Riau"),
        ("Kabut asap yang memburuk membuat sekolah di Kabupaten Rokan Hulu, Riau, diliburkan pada Rabu (23/7/2025), "
         "dan Pekanbaru masih berkabut.", "2025-07-23", "Kabut asap karhutla, sekolah di Riau diliburkan")))
    assert apart(found, "2025-07-23"), found


def test_the_day_of_one_statement_told_alike_is_one_fact_but_two_speakers_that_day_stay_apart(cli, tmp_path):
    """Two reports quote one interview in the same words, with its day: one fact, told alike. Two officials who
    spoke at one place on one day made two statements, whose sentences share the place and the day only."""
    lead = ("Menteri Kebudayaan menyebut tidak ada bukti pemerkosaan massal dalam kerusuhan Mei 1998, dan "
            "pernyataan itu dikritik para aktivis hak asasi manusia. ")
    quote = ('"Tidak pernah ada buktinya," ucap Menteri Kebudayaan dalam program wawancara Real Talk, '
             'Senin (8/6/2025).')
    _, found = groups(cli, tmp_path, reports(
        lead, (quote, "2025-06-16", "Menteri dikritik soal pernyataan kerusuhan Mei 1998"),
        ("Para aktivis meminta menteri mencabut pernyataannya. " + quote, "2025-06-16",
         "Aktivis desak menteri cabut pernyataan soal kerusuhan Mei 1998")))
    assert told(found, "2025-06-08") == [("agree", ["a1", "a2"])], found
    day = " di Kapuk Muara, Minggu (8/6/2025)."
    first = '"Kami sudah mendata korban," kata Kepala Polsek Penjaringan Kompol Agus Ady' + day
    second = '"Bantuan sudah disalurkan," kata Camat Penjaringan Djaharuddin' + day
    fire = "Kebakaran di Kapuk Muara, Jakarta Utara, menghanguskan 450 rumah dan menewaskan dua orang. "
    _, found = groups(cli, tmp_path, reports(fire, (first, "2025-06-09", "Kebakaran Kapuk Muara"),
                                             (second, "2025-06-09", "Bantuan untuk Kapuk Muara")))
    assert apart(found, "2025-06-08"), found


def test_one_speakers_statement_quoted_in_other_words_is_one_fact_but_an_unnamed_one_at_that_place_is_not(cli, tmp_path):
    """Two reports quote one official at one occasion in two different sentences ('kata Herman di Stadion Jalak
    Harupat, Bandung, Jawa Barat, Kamis (29/5/2025)'): the day of that statement is one fact, told alike. A man
    interviewed at a police station, and another man quoted there that day with no name ('katanya saat ditemui
    di Mapolres …'), made two statements."""
    riot = "Kericuhan terjadi saat job fair di Cikarang, Bekasi, dan dua pencari kerja luka-luka. "
    _, found = groups(cli, tmp_path, reports(
        riot, ('"Pak Gubernur sudah memberikan arahan tegas bahwa kejadian seperti kemarin tidak boleh terulang lagi '
               'di daerah mana pun," kata Herman di Stadion Jalak Harupat Bandung Jawa Barat, Kamis (29/5/2025).',
               "2025-05-29", "Pemprov Jabar cegah rusuh job fair"),
        ('"Saya kira lowongan kerja relatif memadai, pencari kerja juga cukup besar, persoalannya penyelenggaraan '
         'yang harus segera diatasi," kata Herman di Stadion Jalak Harupat, Bandung, Jawa Barat, Kamis (29/5/2025).',
         "2025-05-29", "Pemprov Jabar soal job fair")))
    assert told(found, "2025-05-29") == [("agree", ["a1", "a2"])], found
    crash = "Kecelakaan di Kebayoran Baru, Jakarta Selatan, menewaskan seorang pengendara motor. "
    first = '"Kami ingin isi bensin," ujar Hafiz saat ditemui di Mapolres Jakarta Selatan, Rabu (23/7/2025).'
    second = '"Temannya datang langsung," katanya saat ditemui di Mapolres Jakarta Selatan, Rabu (23/7/2025).'
    _, found = groups(cli, tmp_path, reports(crash, (first, "2025-07-23", "Kecelakaan Kebayoran Baru"),
                                             (second, "2025-07-23", "Saksi kecelakaan")))
    assert apart(found, "2025-07-23"), found


def test_the_day_of_an_event_long_past_keeps_the_place_its_clause_names(cli, tmp_path):
    """A story about Syria recalls an attack in Jakarta more than a year before: that day's place is Jakarta
    Pusat, as its clause says, not the place the story is about."""
    boy = "Seorang bocah asal Indonesia tewas di Suriah bersama dua orang lainnya saat bertempur bersama ISIS. "
    one = article(1, boy + "Bocah itu berangkat ke Suriah pada 2015.\n\nAyahnya sempat dijemput paksa Densus 88 "
                           "atas dugaan keterlibatan aksi teror di kawasan Thamrin, Jakarta Pusat pada 14 Januari "
                           "2016.", date="2017-09-13", title="Mengenal ayah bocah petarung ISIS di Suriah")
    two = article(2, boy + "Ayahnya dipenjara karena terlibat teror.", date="2017-09-14",
                  title="Bocah Indonesia tewas di Suriah")
    _, found = groups(cli, tmp_path, [one, two], "--singles")
    assert [g["place"] for g in kind(found, "date")] == ["Jakarta Pusat"], found


def test_one_speakers_statement_meets_whichever_words_its_date_took_in(cli, tmp_path):
    """The day of one statement, its speaker named before the date's words in one report ('ucap Pramono saat
    ditemui di lokasi kebakaran Kapuk Muara, …, Minggu (8/6/2025)') and among them in the other ('ucap Pramono di
    lokasi kebakaran, Minggu (8/6/2025)'): one occasion, one fact."""
    fire = ("Kebakaran hebat di Kapuk Muara, Penjaringan, Jakarta Utara, menghanguskan 450 rumah dan menewaskan "
            "dua orang. ")
    _, found = groups(cli, tmp_path, reports(
        fire, ('"Saya barusan menandatangani pergub tentang APAR," ucap Pramono saat ditemui di lokasi kebakaran Kapuk '
               "Muara, Penjaringan, Jakarta Utara, Minggu (8/6/2025).", "2025-06-08",
               "Pramono teken pergub APAR usai kebakaran Kapuk Muara"),
        ('"Nanti kita pikirkan kemudian apakah bentuknya relokasi," ucap Pramono di lokasi kebakaran, Minggu '
         "(8/6/2025).", "2025-06-08", "Soal relokasi korban kebakaran Kapuk Muara, Pramono: nanti kita pikirkan")))
    assert told(found, "2025-06-08") == [("agree", ["a1", "a2"])], found


def test_articles_with_no_figure_to_compare_still_meet_where_they_tell_a_day_or_month_alike(cli, tmp_path):
    """Articles that give no figure compare would judge (a debate about a past event) are grouped into
    incidents of their own, so that a day or month they tell in the same words is one fact, never a conflict;
    an article about something else that gives the same month stays apart."""
    said = ("Menteri Kebudayaan menyebut tidak ada bukti pemerkosaan massal dalam kerusuhan Mei 1998, dan "
            "pernyataan itu dikritik para aktivis hak asasi manusia.")
    one = article(1, said + " Para aktivis meminta menteri mencabut pernyataannya.", date="2025-06-16",
                  title="Menteri dikritik soal pernyataan pemerkosaan massal kerusuhan Mei 1998")
    two = article(2, "Aktivis mendesak menteri meminta maaf. " + said, date="2025-06-16",
                  title="Aktivis desak menteri minta maaf soal kerusuhan Mei 1998")
    other = article(3, "Harga cabai di pasar induk naik sejak Mei 1998 menurut catatan pedagang, dan pedagang "
                       "mengeluhkan pasokan yang menipis dari para petani.", date="2025-06-16",
                    title="Harga cabai naik, pedagang keluhkan pasokan")
    _, found = groups(cli, tmp_path, [one, two, other])
    may = [g for g in kind(found, "date") if any(c["value"] == "1998-05-01/1998-05-31" for c in g["claims"])]
    assert [(g["verdict"], sorted(c["source"] for c in g["claims"])) for g in may] == [
        ("agree", ["a1", "a2"])], found
    assert not any(g["verdict"] == "conflict" for g in found), found


def test_the_injured_by_hospital_told_alike_by_two_articles_are_one_fact_never_a_conflict(cli, tmp_path):
    """A count of the injured by hospital or condition is never compared with a toll, but the same count told
    in the same words by two reports of one shooting is one fact; with another value it stays apart."""
    lead = ("EAST PITTSBURGH - A man was killed and three others were wounded in a shooting at a party on Prospect "
            "Terrace early Friday, police said. ")
    one = article(1, lead + "Two victims attempted to drive themselves to a hospital after the shooting "
                            "and were stopped by police.", date="2015-11-20", lang="en",
                  title="One killed, three wounded in East Pittsburgh shooting")
    two = article(2, lead + "Two victims were driving themselves to a hospital after the shooting when "
                            "police stopped them.", date="2015-11-20", lang="en",
                  title="East Pittsburgh party shooting leaves one dead, three hurt")
    _, found = groups(cli, tmp_path, [one, two])
    drove = [g for g in kind(found, "injured") if any("themselves" in c["text"] for c in g["claims"])]
    assert [(g["verdict"], sorted(c["source"] for c in g["claims"] if "themselves" in c["text"]))
            for g in drove] == [("agree", ["a1", "a2"])], found
    two["text"] = two["text"].replace("Two victims were", "Three victims were")
    _, found = groups(cli, tmp_path, [one, two])
    assert not any(g["verdict"] == "conflict" for g in found), found
    assert all(len({c["source"] for c in g["claims"] if "themselves" in c["text"]}) < 2
               for g in kind(found, "injured")), found


def test_counts_kept_as_evidence_read_by_one_pattern_are_one_fact_in_other_words_but_never_counts_of_one(
        cli, tmp_path):
    """'Three patients remained hospitalized' and 'Three victims remained at the hospital' in two reports of one
    shooting share too few words, but one construction reads both: one fact, never a conflict. Counts of one are
    many single people ('one was in fair condition', 'one remained at the hospital'): they stay apart."""
    lead = ("FORT MYERS - Two teens were killed and 17 other people were wounded in a shooting outside Club Blu "
            "early Monday, police said. ")
    one = article(1, lead + "Three patients remained hospitalized Monday evening.", date="2016-07-25", lang="en",
                  title="Two killed, 17 hurt in Fort Myers nightclub shooting")
    two = article(2, lead + "Three victims remained at the hospital, a spokeswoman said.", date="2016-07-25",
                  lang="en", title="Fort Myers club shooting: two teens dead, 17 wounded")

    def remained(found):
        return [(g["verdict"], sorted(c["source"] for c in g["claims"] if "remained" in c["text"]))
                for g in kind(found, "injured") if any("remained" in c["text"] for c in g["claims"])]

    _, found = groups(cli, tmp_path, [one, two])
    assert remained(found) == [("agree", ["a1", "a2"])], found
    one["text"] = one["text"].replace("Three patients", "One patient")
    two["text"] = two["text"].replace("Three victims", "One victim")
    _, found = groups(cli, tmp_path, [one, two])
    assert all(len(sources) < 2 for _, sources in remained(found)), found
    assert not any(g["verdict"] == "conflict" for g in found), found


def test_counts_of_care_in_two_constructions_are_one_fact_of_the_same_people_only(cli, tmp_path):
    """'transported two women from the scene' and 'Two women were taken to nearby hospitals' in two reports of one
    shooting: two readings of one rule file (care), few words shared, one fact, never a conflict. Two victims are
    not two women: other people, they stay apart."""
    lead = ("WASHINGTON - Five people were shot early Saturday outside a nightclub in Northeast Washington, "
            "police said. ")
    one = article(1, lead + "Medics transported two women from the scene.", date="2013-01-26", lang="en",
                  title="Five shot outside Northeast nightclub")
    two = article(2, lead + "Two women were taken to nearby hospitals as well.", date="2013-01-26", lang="en",
                  title="Shooting outside club leaves five wounded")

    def cared(found):
        return sorted((g["verdict"], sorted(c["source"] for c in g["claims"] if c["rule"] == "en.cared"))
                      for g in kind(found, "injured") if any(c["rule"] == "en.cared" for c in g["claims"]))

    _, found = groups(cli, tmp_path, [one, two])
    assert cared(found) == [("agree", ["a1", "a2"])], found
    two["text"] = two["text"].replace("Two women", "Two victims")
    _, found = groups(cli, tmp_path, [one, two])
    assert all(len(sources) < 2 for _, sources in cared(found)), found
    assert not any(g["verdict"] == "conflict" for g in found), found


def test_the_subjects_that_single_out_no_one_are_subjects_of_every_language(grammar):
    """facts.UNSINGLED names subject ids of the rule files ('both': individual, 'others'): renamed there, 'Both'
    and 'two others' would silently count people singled out, and never meet 'two victims' told in other words."""
    from checker.facts import UNSINGLED

    for code, language in grammar.languages.items():
        assert UNSINGLED - {None} <= set(language.context.subject_of.values()), code


def test_parts_told_alike_by_two_articles_are_one_fact_apart_from_the_toll(cli, tmp_path):
    """Two reports that break the injured down in the same words ('one who was 19 years old and three who were
    17') give each part as one fact, told alike; a part never joins a toll of its value (a third report's 'Three
    teens were shot')."""
    text = ("MEMPHIS - Police are investigating a shooting that sent four teens, one who was 19 years old and three "
            "who were 17, to the hospital late Monday night.")
    one = article(1, text, date="2014-07-22", lang="en", title="Four teens shot in Foote Homes")
    two = article(2, text.replace("Police are", "Memphis police are"), date="2014-07-22", lang="en",
                  title="Four teens hurt in Memphis shooting")
    three = article(3, "MEMPHIS - Police are investigating a shooting in which three teens were shot late Monday "
                       "night.", date="2014-07-22", lang="en", title="Three teens shot in Foote Homes")
    _, found = groups(cli, tmp_path, [one, two, three])
    parts = {}
    for g in kind(found, "injured"):
        for c in g["claims"]:
            if c["part"]:
                parts.setdefault(c["value"], set()).add(
                    (g["verdict"], tuple(sorted((d["source"], d["part"]) for d in g["claims"]))))
    told = ("agree", (("a1", True), ("a2", True)))
    assert parts == {"1": {told}, "3": {told}}, found


def test_a_count_kept_as_evidence_that_is_the_incidents_whole_toll_meets_it_unless_it_is_one_of_a_list(
        cli, tmp_path):
    """A count of the injured taken to a hospital, which one article alone gives, is the toll other reports of
    the shooting give all alike ('left four injured'): one fact. One of a breakdown in its sentence ('one in
    fair condition, two in serious condition') is not, nor is another value: neither is ever a conflict."""
    lead = "A shooting at a party in Florida City early Saturday left four people injured, police said. "
    one = article(1, lead + "Officers are looking for the gunman.", date="2013-12-14", lang="en",
                  title="Four injured in Florida City party shooting")
    two = article(2, "An argument at a party in Florida City early Saturday escalated and led to a shooting, "
                     "sending four victims to the hospital, police said.", date="2013-12-14", lang="en",
                  title="Florida City party shooting sends four to hospital")
    _, found = groups(cli, tmp_path, [one, two])
    four = [g for g in kind(found, "injured") if any(c["source"] == "a2" for c in g["claims"])]
    assert [(g["verdict"], sorted({c["source"] for c in g["claims"]})) for g in four] == [
        ("agree", ["a1", "a2"])], found
    for variant in ("sending four victims to the hospital, one in fair condition and three in serious condition,",
                    "sending three victims to the hospital"):
        two["text"] = two["text"].replace("sending four victims to the hospital", variant)
        _, found = groups(cli, tmp_path, [one, two])
        assert not any(g["verdict"] == "conflict" for g in found), found
        assert all({c["source"] for c in g["claims"]} != {"a1", "a2"} for g in kind(found, "injured")), (variant, found)
        two["text"] = two["text"].replace(variant, "sending four victims to the hospital")


def test_a_count_kept_as_evidence_meets_everyone_shot_where_no_report_gives_the_injured_and_the_injured_first(
        cli, tmp_path):
    """'Both victims were taken to St. John's' in one report is the 'two teens accidentally shot' of another
    where no report counts the injured apart; where they do ('Two teens are hospitalized'), it is theirs."""
    one = article(1, "EASTPOINTE - Two teens were accidentally shot inside a home on Hayes Road on Thursday, "
                     "police said.", date="2016-07-14", lang="en",
                  title="Two teens accidentally shot in Eastpointe")
    two = article(2, "EASTPOINTE - A teen handling a gun inside a home on Hayes Road accidentally fired it on "
                     "Thursday, police said. Both victims were taken to St. John's in Detroit.", date="2016-07-14",
                  lang="en", title="Teen accidentally fires gun inside Eastpointe home")

    def hospital(found):
        return [(g["scope"], g["verdict"], sorted({c["source"] for c in g["claims"]}))
                for g in kind(found, "injured") if any("St. John" in c["text"] for c in g["claims"])]

    _, found = groups(cli, tmp_path, [one, two])
    assert hospital(found) == [("shot", "agree", ["a1", "a2"])], found
    three = article(3, "EASTPOINTE - Two teens are hospitalized after a gun went off inside a home on Hayes Road "
                       "on Thursday, police said. Two teens were shot.", date="2016-07-14", lang="en",
                    title="Two teens hospitalized after Eastpointe shooting")
    _, found = groups(cli, tmp_path, [one, two, three])
    assert hospital(found) == [("total", "agree", ["a2", "a3"])], found
    assert not any(g["verdict"] == "conflict" for g in found), found


def test_a_dateline_whose_weekday_contradicts_it_is_not_the_day_the_articles_figures_stand_at(grammar):
    """'mengumumkan pada Sabtu (14/6/2024) sore' in an article of Monday 16 June 2025 is read as 14 June 2025 (the
    Saturday before), a guess: the article's figures still stand at the day it was published, as they would
    beside a dateline more than a week old; a dateline that fits its weekday two days before is trusted."""
    import datetime as dt

    from checker.extractor import Extractor
    from checker.facts import _as_of_days
    from checker.models import Source
    from checker.sources import Article

    def stands_at(dateline):
        source = Source(id="a", path="a", date=dt.date(2025, 6, 16), lang="id")
        text = ("Korban tewas di Iran akibat serangan Israel kini telah mencapai 224 orang.\n\nMiliter Israel "
                f"juga mengumumkan pada {dateline} sore, mereka menyerang fasilitas nuklir Iran.")
        result = Extractor(grammar, "id").run(Article(source, text))
        return _as_of_days(result.claims, {"a": result.source})["a"]

    assert stands_at("Sabtu (14/6/2024)") == dt.date(2025, 6, 16)
    assert stands_at("Sabtu (14/6/2025)") == dt.date(2025, 6, 14)


def test_a_sentence_that_tells_of_another_incident_is_never_compared_as_the_articles_own(cli, tmp_path):
    """'Earlier Monday, eight people were shot at the closing of a parade' in a report of an evening shooting
    at a block party (three shot) is another incident's count: shown, flagged, never a conflict with the
    three; without its opening words the two counts are one fact's and disagree."""
    lead = ("HALLANDALE BEACH, FLA. - One person was killed and two others were injured in a shooting at a block "
            "party on Foster Road in Hallandale Beach on Monday evening, police said. ")
    one = article(1, lead + "Officials said three people in total were shot.", date="2017-01-16", lang="en",
                  title="1 dead, 2 hurt in Hallandale Beach shooting")
    two = article(2, lead + "Earlier Monday, eight people were shot at the closing of a parade near Martin Luther "
                            "King, Jr. Memorial Park.", date="2017-01-16", lang="en",
                  title="1 killed, 2 injured in shooting in Hallandale Beach")
    _, found = groups(cli, tmp_path, [one, two])
    assert not any(g["verdict"] == "conflict" for g in found), found
    assert not any(c["text"] == "eight people were shot" for g in found for c in g["claims"]), found
    extracted = json.loads(cli("extract", write_jsonl(tmp_path / "two.jsonl", [two]), "--format", "json").stdout)
    assert [c["flags"] for c in extracted["claims"] if c["text"] == "eight people were shot"] == [
        ["another-incident"]]
    two["text"] = two["text"].replace("Earlier Monday, eight", "Eight")
    _, found = groups(cli, tmp_path, [one, two])
    assert any(g["verdict"] == "conflict" for g in found), found


@pytest.mark.parametrize("text, lang, flagged", [
    ("Earlier Monday, eight people were shot at the closing of a parade.", "en", True),
    ("In a separate shooting, two men were wounded on Foch Boulevard.", "en", True),
    ("Dalam insiden terpisah, dua orang tewas tertembak di Papua.", "id", True),
    # a source's word on the article's own incident, given after the opening words
    ("Earlier Monday, police said two people had died.", "en", False),
    ("Separately, the hospital said two of the wounded were in critical condition.", "en", False),
    ("Secara terpisah, Kapolres menyebut korban tewas mencapai 5 orang.", "id", False),
    ("In another shooting-related development, two people died.", "en", False),
])
def test_only_a_count_opening_the_clause_after_words_of_another_incident_is_flagged(text, lang, flagged):
    from checker import explain

    counts = [c for c in explain(text, lang=lang)["claims"] if c["kind"] != "date"]
    assert counts and {"another-incident" in c["flags"] for c in counts} == {flagged}, counts


def test_a_count_dated_before_the_day_its_incident_is_dated_tells_an_earlier_event(cli, tmp_path):
    """A report of a block party's shooting late on Sunday 28 June that recalls 'On June 20, 11 were shot in the
    city at a block party' tells of an earlier shooting: 11 is no conflict with the five shot on the 28th. Dated
    to the Sunday itself, the same count is the incident's, and disagrees."""
    lead = ("DETROIT - Detroit police said five people were shot late Sunday at a block party on Chalmers Street "
            "on the city's east side. ")
    one = article(1, lead + "The conditions of the five gunshot victims were not immediately known.",
                  date="2015-06-29", lang="en", title="Five shot at Detroit block party")
    two = article(2, lead + "On June 20, 11 people were shot at a block party on Webb Street.",
                  date="2015-06-29", lang="en", title="5 shot at east side block party")
    _, found = groups(cli, tmp_path, [one, two])
    assert not any(g["verdict"] == "conflict" for g in found), found
    two["text"] = two["text"].replace("On June 20, 11", "On June 28, 11")
    _, found = groups(cli, tmp_path, [one, two])
    assert any(g["verdict"] == "conflict" for g in kind(found, "injured")), found


def test_one_shootings_wounded_fewer_a_day_later_is_a_conflict_but_not_weeks_on(cli, tmp_path):
    """A shooting comes once to its incident: seven wounded one day and six the next tell its toll two ways, a
    conflict (as a crash's would), though a city's shootings are many. Eleven days on, fewer wounded may be one
    who died since: no conflict."""
    lead = "A gunman opened fire inside Al's Barber Shop on Detroit's east side on Wednesday evening. "
    one = article(1, lead + "The shooting left three dead and seven others injured, police said.",
                  date="2013-11-07", lang="en", title="Three dead in Detroit barbershop shooting")
    two = article(2, lead + "Three men were killed and six other men were wounded at Al's Barber Shop.",
                  date="2013-11-08", lang="en", title="Detroit barbershop shooting: three dead")
    _, found = groups(cli, tmp_path, [one, two])
    assert [g["verdict"] for g in kind(found, "injured")] == ["conflict"], kind(found, "injured")
    two["date"] = "2013-11-18"
    _, found = groups(cli, tmp_path, [one, two])
    assert not any(g["verdict"] == "conflict" for g in found), found


def test_a_headline_town_abroad_is_read_with_its_article(grammar):
    """'3 Dead In Springs Planned Parenthood Shooting': alone, 'Springs' is a town in South Africa; read with an
    article whose places all lie in Colorado, nothing else of South Africa stands by it, so it is a word of the
    headline (the short name of Colorado Springs), not a place the article is about, as in the article's text."""
    import datetime as dt

    from checker.extractor import Extractor
    from checker.models import Source
    from checker.sources import Article

    text = ("A gunman killed three people at a Planned Parenthood clinic in Colorado Springs on Friday, police said. "
            "El Paso County deputies and officers from Denver surrounded the building for five hours.")

    def about(title):
        source = Source(id="a", path="x", date=dt.date(2015, 11, 27), lang="en", title=title)
        return Extractor(grammar, "en").run(Article(source, text)).profile.places

    assert "za" in {grammar.gazetteer.top(pid) for _, _, pid in grammar.gazetteer.find("Springs")}
    read = about("3 Dead In Springs Planned Parenthood Shooting; Gunman In Custody")
    assert "colorado" in read and "za" not in {grammar.gazetteer.top(pid) for pid in read}
    assert about("Shooting in Colorado Springs")[:1] == read[:1]


def test_a_lead_begins_after_the_page_furniture_an_article_opens_with(grammar):
    """A copied page may open with lines of a gallery's markup ('photo_prev_inline|article-gallery-…'): furniture
    (rule data), and no lead. What the article is about, its kind of event and its places, is read from the report
    that follows them, as if they were not there."""
    import datetime as dt

    from checker.extractor import Extractor
    from checker.models import Source
    from checker.sources import Article

    report = ("SACRAMENTO - A gunman shot and killed two sheriff's deputies in Sacramento and Placer counties on "
              "Friday, police said.")
    markup = ("photo_prev_inline|article-gallery-5845524|article-gallery-5845524|0 "
              "photo_next_inline|article-gallery-0\n\n"
              "gallery_thumbnails_photo|photo-7049146|article-gallery-5845524|0\n\n")

    def profile(text):
        source = Source(id="a", path="x", date=dt.date(2014, 10, 25), lang="en", title="Suspect arrested")
        return Extractor(grammar, "en").run(Article(source, text)).profile

    plain, opened = profile(report), profile(markup * 6 + report)
    assert (opened.event, opened.places) == (plain.event, plain.places) == ("shooting", plain.places)
    assert "gn-5389489" in plain.places or "california" in plain.places
    assert opened.terms == plain.terms
