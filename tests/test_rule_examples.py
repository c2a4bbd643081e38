"""Every example of every bundled rule runs as a test, and every claim rule carries both kinds."""

from checker import ruletest


def test_every_rule_example_passes(grammar):
    report = ruletest.run(grammar)
    assert report.failures == [], "\n".join(str(p) for p in report.failures)
    assert report.passed > 100


def test_every_claim_rule_has_examples_that_must_match_and_must_not(grammar):
    for language in grammar.languages.values():
        for doc in language.rules.claims:
            examples = doc.model.examples
            assert len(examples.match) >= 2, doc.path
            assert len(examples.no_match) >= 2, doc.path
            assert all(e.value for e in examples.match if not e.todo), f"{doc.path}: a match example lacks value"


def test_rules_test_command(cli):
    result = cli("rules", "test")
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.output


def test_committed_json_schemas_are_current():
    """rules/schema/ is generated (`checker rules schema --out rules/schema`); it must match the code."""
    import json

    from checker.schema import json_schemas
    from conftest import ROOT

    for name, schema in json_schemas().items():
        committed = json.loads((ROOT / "rules" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"rules/schema/{name}.schema.json is stale: regenerate it"


def test_committed_cldr_data_is_current():
    """calendar.yaml and countries.yaml are generated from CLDR (Babel); they must match a fresh run."""
    from checker.cldr import calendar_yaml, countries_yaml
    from conftest import ROOT

    def data(text):  # which Babel wrote it does not matter, what CLDR says does
        return [line for line in text.splitlines() if not line.startswith("generated_by:")]

    for lang_dir in (ROOT / "rules").iterdir():
        calendar = lang_dir / "calendar.yaml"
        if calendar.exists():
            assert data(calendar.read_text(encoding="utf-8")) == data(calendar_yaml(lang_dir.name, lang_dir.name))
    countries = (ROOT / "rules" / "places" / "countries.yaml").read_text(encoding="utf-8")
    assert data(countries) == data(countries_yaml(["id", "en"]))
