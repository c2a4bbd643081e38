"""Extraction quality on the hand-annotated articles: never below the recorded figures (minus a margin),
and the README shows the figures of today's rules."""

import json

import pytest

from checker import evaluate
from conftest import ROOT

MARGIN = 0.02


@pytest.fixture(scope="module")
def evaluation(grammar):
    return evaluate.evaluate(grammar, evaluate.load([ROOT / "eval" / "annotated"]))


def test_precision_and_recall_hold(evaluation):
    baseline = json.loads((ROOT / "eval" / "baseline.json").read_text(encoding="utf-8"))
    failures = evaluate.check(evaluation, sorted(baseline), 0.0, 0.0, baseline, MARGIN)
    assert failures == [], "below the recorded figures: " + "; ".join(failures)


def test_the_acceptance_thresholds(evaluation):
    assert evaluate.check(evaluation, ["deaths", "injured", "displaced"], 0.9, 0.9) == []


def test_the_readme_shows_todays_figures(evaluation):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert evaluate.markdown_table(evaluation) in readme, \
        "regenerate: checker rules eval eval/annotated --record eval/baseline.json --readme README.md"


def test_the_readme_shows_todays_held_out_figures(grammar):
    heldout = evaluate.evaluate(grammar, evaluate.load([ROOT / "eval" / "heldout"]))
    assert evaluate.markdown_table(heldout) in (ROOT / "README.md").read_text(encoding="utf-8"), \
        "regenerate: checker rules eval eval/heldout --readme README.md --block heldout"


def test_the_annotation_schema_is_current():
    committed = json.loads((ROOT / "eval" / "annotation.schema.json").read_text(encoding="utf-8"))
    assert committed == evaluate.annotation_schema()


def test_eval_command_fails_below_a_threshold(cli):
    result = cli("rules", "eval", ROOT / "eval" / "annotated", "--min-recall", "0.999", "--no-show")
    assert result.exit_code == 1 and "below threshold" in result.stdout


def test_a_malformed_annotation_is_located(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nlang: id\ntext: |\n  Banjir.\nclaims:\n  - {line: zero, kind: deaths, value: '1'}\n",
                   encoding="utf-8")
    from checker.errors import UsageError

    with pytest.raises(UsageError) as info:
        evaluate.load([bad])
    assert str(info.value).startswith(f"{bad}:6:") and "claims.0.line" in str(info.value)


@pytest.fixture(scope="module")
def facts(grammar):
    """How compare groups every annotated set, named as the README names them (paths from the repository)."""
    import os

    from checker import evaluate_facts

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        loaded = evaluate.load([ROOT / "eval" / name for name in ("annotated", "facts-dev", "facts-heldout",
                                                                         "facts-heldout-2", "facts-dev-2",
                                                                         "facts-heldout-3", "facts-dev-3",
                                                                         "facts-heldout-4", "facts-dev-4",
                                                                         "facts-heldout-5", "facts-dev-5",
                                                                         "facts-heldout-6", "facts-dev-6",
                                                                         "facts-heldout-7", "facts-dev-7",
                                                                         "facts-heldout-8", "facts-dev-8",
                                                                         "facts-heldout-9", "facts-dev-9",
                                                                         "facts-heldout-10", "facts-dev-10",
                                                                         "facts-heldout-11", "facts-dev-11",
                                                                         "facts-heldout-12", "facts-dev-12",
                                                                         "facts-heldout-13", "facts-dev-13",
                                                                         "facts-heldout-14", "facts-dev-14",
                                                                         "facts-heldout-15", "facts-dev-15",
                                                                         "facts-heldout-16", "facts-dev-16",
                                                                         "facts-heldout-17", "facts-dev-17",
                                                                         "facts-heldout-18", "facts-dev-18",
                                                                         "facts-heldout-19", "facts-dev-19",
                                                                         "facts-heldout-20", "facts-dev-20",
                                                                         "facts-heldout-21", "facts-dev-21",
                                                                         "facts-heldout-22", "facts-dev-22",
                                                                         "facts-heldout-23", "facts-dev-23")])
        return {name: score for name, articles in evaluate_facts.annotated_sets(loaded).items()
                if (score := evaluate_facts.evaluate(grammar, articles, evaluate_facts.expected_verdicts(name))).bcubed_n}
    finally:
        os.chdir(here)


def test_the_readme_shows_todays_grouping_figures(facts):
    from checker import evaluate_facts

    assert evaluate_facts.markdown_table(facts) in (ROOT / "README.md").read_text(encoding="utf-8"), (
        "regenerate: checker rules eval eval/annotated eval/facts-dev eval/facts-heldout eval/facts-heldout-2 "
        "eval/facts-dev-2 eval/facts-heldout-3 eval/facts-dev-3 eval/facts-heldout-4 eval/facts-dev-4 "
        "eval/facts-heldout-5 eval/facts-dev-5 eval/facts-heldout-6 eval/facts-dev-6 eval/facts-heldout-7 "
        "eval/facts-dev-7 eval/facts-heldout-8 eval/facts-dev-8 eval/facts-heldout-9 eval/facts-dev-9 "
        "eval/facts-heldout-10 eval/facts-dev-10 eval/facts-heldout-11 eval/facts-dev-11 eval/facts-heldout-12 "
        "eval/facts-dev-12 eval/facts-heldout-13 eval/facts-dev-13 eval/facts-heldout-14 eval/facts-dev-14 "
        "eval/facts-heldout-15 eval/facts-dev-15 eval/facts-heldout-16 eval/facts-dev-16 eval/facts-heldout-17 "
        "eval/facts-dev-17 eval/facts-heldout-18 eval/facts-dev-18 eval/facts-heldout-19 eval/facts-dev-19 "
        "eval/facts-heldout-20 eval/facts-dev-20 eval/facts-heldout-21 eval/facts-dev-21 eval/facts-heldout-22 "
        "eval/facts-dev-22 eval/facts-heldout-23 eval/facts-dev-23 --facts-record eval/facts-baseline.json --readme README.md --facts-block facts")


def test_grouping_never_falls_below_the_recorded_figures(facts):
    recorded = json.loads((ROOT / "eval" / "facts-baseline.json").read_text(encoding="utf-8"))
    assert set(recorded) == set(facts)
    for name, score in facts.items():
        now, then = score.figures(), recorded[name]
        for key in ("pair_precision", "pair_recall", "facts_formed", "place_compatible", "bcubed_precision"):
            assert now[key] >= then[key] - MARGIN, f"{name}: {key} {now[key]} < {then[key]}"
        assert now["false_conflicts"] <= then["false_conflicts"], f"{name}: more false conflicts"


def test_an_annotated_place_chain_is_read_as_a_whole(grammar):
    """'Roseburg, Oregon': the town, found because its state stands beside it (read alone, a small town is no
    place, and the annotated place would be taken for its state)."""
    from checker.evaluate_facts import _resolve

    gazetteer = grammar.gazetteer
    town = _resolve("Umpqua Community College, Roseburg, Oregon, United States", gazetteer)
    assert gazetteer.name(town) == "Roseburg" and gazetteer.ancestors(town)[0] == "oregon"
    assert _resolve("Kosambi, Tangerang, Banten, Indonesia", gazetteer) is not None
    assert _resolve("somewhere unknown", gazetteer) is None


def test_each_count_of_a_list_is_scored_as_its_own_claim(grammar, tmp_path):
    """A list's sum and its counts stand at one column ('one man, two women, and one child are deceased': 4 and
    2): each is matched to its own annotated claim, so that both facts are seen to form."""
    from checker import evaluate_facts

    def article(name: str, date: str, text: str, claims: list[tuple[str, str]]) -> None:
        lines = [f"  - {{line: 1, kind: deaths, value: \"{value}\", words: \"{words}\", incident: \"bastrop\", "
                 f"fact: \"bastrop-{fact}\"}}" for value, words, fact in claims]
        (tmp_path / f"{name}.yaml").write_text(
            f"id: \"{name}\"\nsource: \"{name}.example\"\ndate: {date}\nlang: en\n"
            f"title: \"Four dead in Bastrop apartment shooting\"\ntext: |-\n  {text}\nclaims:\n" + "\n".join(lines)
            + "\n", encoding="utf-8")

    article("a", "2016-07-24", "In Bastrop, Texas, one man, two women, and one child are deceased.",
            [("4", "one man, two women, and one child are deceased", "deaths"), ("2", "two women", "women")])
    article("b", "2016-07-24", "A man, two women and a small child were killed in Bastrop, Texas.",
            [("4", "A man, two women and a small child were killed", "deaths"), ("2", "two women", "women")])
    loaded = evaluate.load([tmp_path])
    score = evaluate_facts.evaluate(grammar, loaded, {})
    assert (score.facts_formed, score.facts_multi) == (2, 2)
