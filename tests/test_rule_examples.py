"""Every example of every bundled rule runs as a test, and every claim rule carries both kinds."""

from checker import ruletest


def test_every_rule_example_passes(grammar):
    report = ruletest.run(grammar)
    assert report.failures == [], "\n".join(str(p) for p in report.failures)
    assert report.passed > 100


def test_every_claim_rule_has_examples_that_must_match_and_must_not(grammar):
    for code, language in grammar.languages.items():
        for doc in language.rules.claims:
            examples = doc.model.examples
            assert len(examples.match) >= 2, doc.path
            assert len(examples.no_match) >= 2, doc.path
            assert all(e.value for e in examples.match if not e.todo), f"{doc.path}: a match example lacks value"


def test_rules_test_command(cli):
    result = cli("rules", "test")
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.output
