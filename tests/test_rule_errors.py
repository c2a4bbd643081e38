"""A broken rule file is reported as path:line:col: what is wrong [rule id], every problem at once, exit 2."""

import shutil
import sys

import pytest

from conftest import ROOT


def run(monkeypatch, capsys, *args):
    from checker.cli import main

    monkeypatch.setattr(sys, "argv", ["checker", *map(str, args)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out = capsys.readouterr()
    return exit_info.value.code, out.out, out.err


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_every_kind_of_problem_is_reported_at_once(rules, monkeypatch, capsys):
    deaths, injured, numbers = rules / "id" / "deaths.yaml", rules / "id" / "injured.yaml", rules / "id" / "numbers.yaml"
    edit(deaths, "  - id: kill-count\n", "  - id: kill-count\n    colour: red\n")  # unknown key
    edit(numbers, "  nol: 0\n", "  nol: zero\n")  # wrong type
    edit(injured, "{injure}{gap}", "({injure}{gap}")  # does not compile
    edit(rules / "id" / "missing.yaml", "{lost_noun}", "{nosuch}")  # undefined macro
    (rules / "id" / "broken.yaml").write_text("id: id.broken\nkind: [unclosed\n", encoding="utf-8")  # YAML syntax
    code, out, err = run(monkeypatch, capsys, "extract", "--rules", rules, ROOT / "seeds")
    assert code == 2
    lines = err.splitlines()
    assert "Traceback" not in err
    assert any(line.startswith(f"{deaths}:{line_of(deaths, 'colour: red')}:5: patterns.")
               and line.endswith(".colour: unknown key [id.deaths]") for line in lines)
    assert f"{numbers}:{line_of(numbers, 'nol: zero')}:8: words.nol: Input should be a valid number, unable to " \
           f"parse string as a number [id.numbers]" in lines
    assert any(line.startswith(f"{injured}:{line_of(injured, '({injure}')}:") and "pattern does not compile" in line
               and line.endswith("[id.injured]") for line in lines)
    missing = rules / "id" / "missing.yaml"
    assert f"{missing}:{line_of(missing, '{nosuch}')}:14: macro {{nosuch}} is not defined [id.missing]" in lines
    assert any(line.startswith(f"{rules / 'id' / 'broken.yaml'}:") and "YAML error" in line for line in lines)


def test_duplicate_rule_ids(rules, tmp_path, monkeypatch, capsys):
    other = tmp_path / "more" / "id"
    other.mkdir(parents=True)
    shutil.copy(rules / "id" / "language.yaml", other / "language.yaml")
    code, _, err = run(monkeypatch, capsys, "rules", "test", "--rules", rules, "--rules", other.parent)
    assert code == 2
    assert f"{other / 'language.yaml'}:1:5: duplicate rule id, also in {rules / 'id' / 'language.yaml'} " \
           f"[id.language]" in err.splitlines()


def test_an_example_that_does_not_match(rules, monkeypatch, capsys):
    deaths = rules / "id" / "deaths.yaml"
    edit(deaths, '{text: "Ledakan itu menewaskan 12 orang.", value: "12"}',
         '{text: "Ledakan itu menewaskan 12 orang.", value: "13"}')
    code, out, _ = run(monkeypatch, capsys, "rules", "test", "--rules", rules)
    assert code == 1
    line = line_of(deaths, 'value: "13"')
    assert f"FAIL {deaths}:{line}:7: match example 'Ledakan itu menewaskan 12 orang.': 'menewaskan 12 orang': " \
           f"value 12 (expected 13) [id.deaths]" in out.splitlines()


def test_a_place_that_holds_no_generated_place_or_one_held_already(rules, monkeypatch, capsys):
    places = rules / "places" / "places.yaml"
    edit(places, "holds: us-wa}", "holds: us-wx}")
    edit(places, "{id: bavaria, name: Bavaria, parent: de}", "{id: bavaria, name: Bavaria, parent: de, holds: us-dc}")
    code, _, err = run(monkeypatch, capsys, "rules", "test", "--rules", rules)
    assert code == 2 and "Traceback" not in err
    assert f"{places}:{line_of(places, 'holds: us-wx')}:" in err and "holds 'us-wx', which no generated places " \
        "file defines [places.places]" in err
    # the later of two holders is the one reported
    assert f"{places}:{line_of(places, 'parent: us, holds: us-dc')}:" in err and "'us-dc' is held by 'bavaria' " \
        "already [places.places]" in err


def test_an_id_that_does_not_match_its_file(rules, monkeypatch, capsys):
    edit(rules / "id" / "injured.yaml", "id: id.injured", "id: id.hurt")
    code, _, err = run(monkeypatch, capsys, "rules", "test", "--rules", rules)
    assert code == 2 and "id must be 'id.injured', from the file's place [id.hurt]" in err


def test_a_rules_folder_that_does_not_exist(tmp_path, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "rules", "test", "--rules", tmp_path / "nope")
    assert code == 2 and f"{tmp_path / 'nope'}: rules folder not found" in err


def test_rule_files_are_data_never_code(rules, monkeypatch, capsys, tmp_path):
    """A YAML tag that would build a Python object elsewhere is a plain value here, and fails validation."""
    marker = tmp_path / "pwned"
    edit(rules / "id" / "deaths.yaml", "kind: deaths", f"kind: !!python/object/apply:os.system ['touch {marker}']")
    code, _, err = run(monkeypatch, capsys, "rules", "test", "--rules", rules)
    assert code == 2 and not marker.exists()


def test_a_catastrophic_pattern_cannot_hang_a_run(rules, tmp_path, monkeypatch, capsys):
    import time

    edit(rules / "id" / "deaths.yaml", "patterns:\n", "patterns:\n  - id: slow\n    pattern: \"{count} (?:x|x)+$\"\n")
    articles = tmp_path / "a.jsonl"
    hostile = "5 " + "x" * 40 + "!"
    articles.write_text("".join(f'{{"id": "a{i}", "text": "{hostile}\\nLedakan menewaskan 12 orang."}}\n'
                                for i in range(6)), encoding="utf-8")
    started = time.monotonic()
    code, out, err = run(monkeypatch, capsys, "extract", articles, "--rules", rules, "--format", "jsonl", "-j", "1")
    # a guard against a hang (2**40 steps), not a measure of speed: the rules compile afresh here, and a
    # loaded machine takes tens of seconds for that alone
    assert time.monotonic() - started < 180
    assert code == 3
    assert "a0: rule id.deaths#slow took longer than" in err
    assert "now off for the rest of the run" in err
    assert out.count("menewaskan 12 orang") == 6, "the readable claims are all still reported"


def test_lint_names_the_catastrophic_pattern(rules, monkeypatch, capsys):
    edit(rules / "id" / "deaths.yaml", "patterns:\n", "patterns:\n  - id: slow\n    pattern: \"{count} (?:x|x)+$\"\n")
    code, out, _ = run(monkeypatch, capsys, "rules", "lint", "--rules", rules)
    assert code == 1
    assert "catastrophic" in out and "id.deaths" in out


def test_lint_sees_a_slow_group_hidden_in_a_macro(rules, monkeypatch, capsys):
    edit(rules / "id" / "lexicon.yaml", "macros:\n", "macros:\n  slowtail: \"(?:x+)+\"\n")
    edit(rules / "id" / "deaths.yaml", "patterns:\n", "patterns:\n  - id: hidden\n    pattern: \"{count}{slowtail}$\"\n")
    code, out, _ = run(monkeypatch, capsys, "rules", "lint", "--rules", rules)
    assert code == 1 and "macros expanded" in out and "id.deaths#hidden" in out, out


def test_lint_runs_the_part_after_a_count_as_extraction_does(rules, monkeypatch, capsys):
    """'(?:ab|abab)+' is slow only past a count: a probe without a number never reaches it."""
    edit(rules / "id" / "deaths.yaml", "patterns:\n", "patterns:\n  - id: after\n    pattern: \"{count}(?:ab|abab)+$\"\n")
    code, out, _ = run(monkeypatch, capsys, "rules", "lint", "--rules", rules)
    assert code == 1 and "catastrophic backtracking [id.deaths#after]" in out, out


def test_lint_is_quiet_on_the_bundled_rules(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "rules", "lint")
    assert code == 0, out


def test_a_rule_file_over_the_size_limit_is_refused_unread(rules, monkeypatch, capsys):
    from checker import rules as rule_files

    monkeypatch.setattr(rule_files, "MAX_RULE_FILE", 1000)
    (rules / "id" / "big.yaml").write_text("id: id.big\n#" + "x" * 2000 + "\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "rules", "test", "--rules", rules)
    assert code == 2 and "over the 1,000 a rule file may hold; not read" in err and "big.yaml" in err, err


@pytest.mark.parametrize("field", ["events", "not_events"])
def test_a_kind_of_event_a_claim_pattern_names_must_be_one_of_events_yaml(rules, monkeypatch, capsys, field):
    deaths = rules / "id" / "deaths.yaml"
    edit(deaths, "  - id: kill-count\n", f"  - id: kill-count\n    {field}: [shipwreck, ledakan]\n")
    code, _, err = run(monkeypatch, capsys, "rules", "test", "--rules", rules)
    assert code == 2
    assert any(line.startswith(f"{deaths}:{line_of(deaths, f'{field}: [shipwreck')}:") and line.endswith(
        "ledakan: no kind of event of events.yaml [id.deaths]") for line in err.splitlines())


def test_a_doubled_backslash_before_a_class_is_refused(rules, monkeypatch, capsys):
    """'[\\\\p{L}]' is a class of a backslash and the letters p, L and braces, never of letters: written so in a
    folded block (>-), where a backslash is no escape, it once made 'fled in a stolen car' a displacement unseen."""
    lexicon = rules / "id" / "lexicon.yaml"
    edit(lexicon, "[\\\\p{L}][\\\\p{L}'’", "[\\\\\\\\p{L}][\\\\p{L}'’")  # the first: in {gap}
    code, _, err = run(monkeypatch, capsys, "extract", "--rules", rules, ROOT / "seeds")
    assert code == 2
    assert any(line.startswith(f"{lexicon}:{line_of(lexicon, 'gap: ')}:") and "macros.gap:" in line
               and "matches a backslash, not a Unicode class" in line and line.endswith("[id.lexicon]")
               for line in err.splitlines())
