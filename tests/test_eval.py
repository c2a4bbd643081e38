"""Extraction quality on the hand-annotated articles: never below the recorded figures (minus a margin),
and the README shows the figures of today's rules."""

import json
import re

import pytest

from checker import evaluate
from conftest import ROOT

MARGIN = 0.02


def _in_readme_order(name: str) -> tuple[int, int]:
    """The README's order of the sets annotated with facts: facts-dev, facts-heldout, then each later pair
    held-out set first (facts-heldout-2, facts-dev-2, …)."""
    kind, number = re.fullmatch(r"facts-(dev|heldout)(?:-(\d+))?", name).groups()
    k = int(number or 1)
    return k, 0 if (k == 1) == (kind == "dev") else 1


FACT_SETS = ["annotated", *sorted((p.name for p in (ROOT / "eval").glob("facts-*") if p.is_dir()),
                                  key=_in_readme_order)]


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
        loaded = evaluate.load([ROOT / "eval" / name for name in FACT_SETS])
        return {name: score for name, articles in evaluate_facts.annotated_sets(loaded).items()
                if (score := evaluate_facts.evaluate(grammar, articles, evaluate_facts.expected_verdicts(name))).bcubed_n}
    finally:
        os.chdir(here)


def test_the_readme_shows_todays_grouping_figures(facts):
    from checker import evaluate_facts

    assert evaluate_facts.markdown_table(facts) in (ROOT / "README.md").read_text(encoding="utf-8"), (
        f"regenerate: checker rules eval {' '.join('eval/' + name for name in FACT_SETS)} "
        "--facts-record eval/facts-baseline.json --readme README.md --facts-block facts")


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
