"""The Python API: extract and compare from strings, records and files; the worked example of docs/api.md."""

import re

import pytest

import checker
from checker.errors import UsageError
from conftest import ROOT


def test_the_worked_example_in_the_docs_runs():
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(block, {})


def test_the_functions_are_callable_even_after_the_engine_is_imported():
    import checker.extractor  # noqa: F401  a submodule once shadowed checker.extract

    assert callable(checker.extract) and callable(checker.compare) and callable(checker.explain)


def test_a_text_a_record_and_a_file_are_read_alike(tmp_path):
    text = "Banjir di Garut menewaskan 19 orang."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = checker.extract([text, {"id": "r", "text": text, "lang": "id"}, tmp_path / "a.txt"], lang="id")
    assert [c["notation"] for c in found] == ["19", "19", "19"]
    assert [c["source"] for c in found][:2] == ["text-1", "r"]


def test_a_bad_record_is_a_problem_not_a_crash():
    found = checker.extract({"id": "r", "text": "Banjir di Garut menewaskan 19 orang.", "date": "kemarin"}, lang="id")
    assert len(found) == 1 and "not YYYY-MM-DD" in found.problems[0]


def test_what_cannot_be_an_article_is_a_clear_error():
    with pytest.raises(UsageError, match="cannot read a int"):
        checker.extract([42])


def test_compare_returns_the_json_report():
    report = checker.compare([
        {"id": "a", "text": "Ledakan di Nepal pada hari itu menewaskan 12 orang.", "date": "2015-05-01"},
        {"id": "b", "text": "Ledakan di Nepal pada hari itu menewaskan 40 orang.", "date": "2015-05-01"}])
    assert report["schema_version"] == 1 and [s["source"] for s in report["sources"]] == ["a", "b"]
    assert [g["verdict"] for g in report["groups"]] == ["conflict"]


def test_a_part_of_a_count_kept_as_evidence_is_still_compared():
    """'Two women were transported …' is evidence (a count at one hospital is no toll) and joins no group; the
    part its sentence breaks down, 'one shot in the chest', stands on its own rather than vanish with it."""
    report = checker.compare([{"id": "a", "lang": "en", "date": "2013-01-26", "text": "Two women were transported "
                               "to nearby hospitals — one shot in the chest and the other in the leg."}])
    assert [(c["text"], c["part"]) for g in report["groups"] for c in g["claims"]] == [("one shot", True)]


def test_dataframes():
    pytest.importorskip("pandas")
    claims = checker.extract("Banjir di Garut menewaskan 19 orang.", lang="id")
    assert list(claims.to_pandas()["notation"]) == ["19"]
    report = checker.compare(["Gempa di Nepal menewaskan 12 orang.", "Gempa di Nepal menewaskan 12 orang."])
    assert set(report.to_pandas()["verdict"]) == {"agree"}
