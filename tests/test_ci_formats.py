"""compare in CI: GitHub annotations at the right line, the step summary, SARIF, JUnit and --output."""

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, ROOT, write_jsonl

CONFLICT = [
    {"id": "one", "text": "Ledakan di Nepal pada hari itu menewaskan 12 orang.", "date": "2015-05-01",
     "source": "Outlet A"},
    {"id": "two", "text": "Baris pertama.\n\nLedakan di Nepal pada hari itu menewaskan 40 orang.",
     "date": "2015-05-01", "source": "Outlet B"}]


def test_github_annotations_point_at_the_records_line_of_a_jsonl_file(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "a.jsonl", CONFLICT)
    result = cli("compare", "a.jsonl", "--format", "github")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and len(lines) == 2
    assert lines[0].startswith("::error file=a.jsonl,line=1,") and "against Outlet B 40" in lines[0]
    assert lines[1].startswith("::error file=a.jsonl,line=2,") and "line 3 of its text" in lines[1]


def test_github_annotations_stop_at_ten_and_say_how_many_more(cli, tmp_path):
    articles = [{"id": f"a{i}", "text": f"Ledakan di Nepal pada hari itu menewaskan {10 + i * 7} orang.",
                 "date": "2015-05-01", "source": f"Outlet {i}"} for i in range(12)]
    out = cli("compare", write_jsonl(tmp_path / "a.jsonl", articles), "--format", "github").stdout.splitlines()
    assert sum(line.startswith("::error ") for line in out) == 10
    assert out[-1].startswith("checker: 2 more errors not annotated")


def test_compatible_facts_are_warnings_only_when_asked(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a", "text": "Gempa di Nepal menewaskan sedikitnya 12 orang.", "date": "2015-05-01"},
        {"id": "b", "text": "Gempa di Nepal menewaskan 15 orang.", "date": "2015-05-01"}])
    assert cli("compare", path, "--format", "github").stdout.strip() == ""
    asked = cli("compare", path, "--format", "github", "--warn-compatible").stdout.splitlines()
    assert len(asked) == 2 and all(line.startswith("::warning file=") for line in asked)


@pytest.mark.parametrize("name", ["::set-output name=x::y", "%0A::error::x", "a\r\n::warning::b"])
def test_hostile_ids_and_text_start_no_other_command(cli, tmp_path, name):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {**CONFLICT[0], "id": name, "text": CONFLICT[0]["text"] + f"\n{name}"},
        {**CONFLICT[1], "source": name}])
    out = cli("compare", path, "--format", "github").stdout
    assert out and all(line.startswith("::error file=") for line in out.splitlines())


def test_the_step_summary_holds_the_compared_facts(cli, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "--format", "github")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## checker compare") and "| conflict" in text and "1 conflict" in text


def test_sarif_is_valid_and_locates_every_claim(cli, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    result = cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "--format", "sarif")
    log = json.loads(result.stdout)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (finding,) = log["runs"][0]["results"]
    assert finding["ruleId"] == "conflict/deaths" and finding["level"] == "error"
    assert finding["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert finding["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert result.exit_code == 1


def test_the_fingerprint_ignores_line_numbers(cli, tmp_path):
    first = json.loads(cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "-f", "sarif").stdout)
    moved = [CONFLICT[0], {**CONFLICT[1], "text": "Satu.\n\nDua.\n\n" + CONFLICT[1]["text"]}]
    second = json.loads(cli("compare", write_jsonl(tmp_path / "b.jsonl", moved), "-f", "sarif").stdout)
    prints = [log["runs"][0]["results"][0]["partialFingerprints"] for log in (first, second)]
    assert prints[0] == prints[1]


def test_junit_has_a_failure_per_conflict(cli, tmp_path):
    out = cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "--format", "junit").stdout
    suite = ET.fromstring(out)
    assert suite.get("failures") == "1"
    (failure,) = suite.iter("failure")
    assert "a.jsonl:2 [record two, line 3 of its text]: 40" in failure.text


def test_output_writes_the_report_to_a_file(cli, tmp_path):
    report = tmp_path / "report.json"
    result = cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "--format", "json", "-o", report)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["groups"][0]["verdict"] == "conflict"


def test_an_unwritable_output_is_a_usage_error(cli, tmp_path):
    result = cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "-o", tmp_path / "no" / "such" / "r.txt")
    assert result.exit_code == 2 and result.output.startswith("checker: --output") and result.output.count("\n") == 1


def test_baseline_round_trip(cli, tmp_path):
    """Write, rerun (0), move the old claims down (still 0), add a new conflict (1, only the new one)."""
    base = tmp_path / "baseline.json"
    assert cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "--write-baseline", base).exit_code == 1
    assert cli("compare", tmp_path / "a.jsonl", "--baseline", base).exit_code == 0
    moved = [CONFLICT[0], {**CONFLICT[1], "text": "Satu.\n\nDua.\n\n" + CONFLICT[1]["text"]}]
    assert cli("compare", write_jsonl(tmp_path / "b.jsonl", moved), "--baseline", base).exit_code == 0
    new = [{"id": f"g{v}", "text": f"Banjir di Garut pada hari itu menewaskan {v} orang.", "date": "2016-09-21"}
           for v in (5, 9)]
    result = cli("compare", write_jsonl(tmp_path / "c.jsonl", moved + new), "--baseline", base, "-f", "github")
    assert result.exit_code == 1
    annotated = result.stdout.splitlines()
    assert len(annotated) == 2 and all("Garut" in line for line in annotated)


def test_a_baseline_entry_that_no_longer_occurs_is_listed(cli, tmp_path):
    base = tmp_path / "baseline.json"
    cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "--write-baseline", base)
    fixed = [CONFLICT[0], {**CONFLICT[1], "text": CONFLICT[1]["text"].replace("40", "12")}]
    result = cli("compare", write_jsonl(tmp_path / "b.jsonl", fixed), "--baseline", base)
    assert result.exit_code == 0 and "baseline entry no longer found: deaths Nepal" in result.stderr


def test_an_ignored_conflict_needs_a_reason_and_shows_it(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", CONFLICT)
    (group,) = json.loads(cli("compare", path, "-f", "json").stdout)["groups"]
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text(f"ignore:\n  - fingerprint: {group['fingerprint']}\n", encoding="utf-8")
    refused = cli("compare", path, "--ignore", ignore)
    assert refused.exit_code == 2 and "ignore.yaml:2" in refused.output and "reason" in refused.output
    ignore.write_text(f"ignore:\n  - fingerprint: {group['fingerprint']}\n"
                      f"    reason: Outlet A corrected the figure on 3 May\n", encoding="utf-8")
    result = cli("compare", path, "--ignore", ignore, "-f", "json")
    (group,) = json.loads(result.stdout)["groups"]
    assert result.exit_code == 0 and group["accepted"] == "ignored: Outlet A corrected the figure on 3 May"


FORMATS = ["table", "json", "jsonl", "csv", "markdown", "github", "sarif", "junit"]


@pytest.mark.parametrize("corpus", ["conflict", "seeds"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_matches_its_golden_file(cli, monkeypatch, fmt, corpus):
    """What a user or a CI system reads, on the seeds and on a small corpus with a real conflict (19 against
    23 dead the same day); regenerate on purpose, after reading the diff: pytest --update-golden."""
    monkeypatch.chdir(FIXTURES if corpus == "conflict" else ROOT)
    result = cli("compare", "conflict.jsonl" if corpus == "conflict" else "seeds", "--format", fmt)
    assert result.exit_code == (1 if corpus == "conflict" else 0)
    golden = FIXTURES.parent / "golden" / f"compare_{corpus}.{fmt}"
    if pytest.update_golden:  # type: ignore[attr-defined]
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_each_annotation_points_at_the_line_of_its_record(cli, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    records = [json.loads(line) for line in (FIXTURES / "conflict.jsonl").read_text(encoding="utf-8").splitlines()]
    out = cli("compare", "conflict.jsonl", "--format", "github").stdout.splitlines()
    for line in out:
        number = int(line.split(",line=")[1].split(",")[0])
        named = line.split("[record ")[1].split(",")[0]
        assert records[number - 1]["id"] == named


def test_several_reports_in_one_run(cli, tmp_path):
    """The table on the terminal, SARIF and JUnit to files, and a Markdown summary, from one run."""
    path = write_jsonl(tmp_path / "a.jsonl", CONFLICT)
    result = cli("compare", path, "-o", f"sarif:{tmp_path / 'r.sarif'}", "-o", f"junit:{tmp_path / 'r.xml'}",
                 "--summary", tmp_path / "s.md")
    assert result.exit_code == 1 and "menewaskan 12 orang" in result.stdout
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert ET.parse(tmp_path / "r.xml").getroot().get("failures") == "1"
    assert "| conflict" in (tmp_path / "s.md").read_text(encoding="utf-8")


def test_a_step_summary_over_the_limit_is_cut_and_says_so(cli, tmp_path, monkeypatch):
    from checker import cli as cli_module

    monkeypatch.setattr(cli_module, "SUMMARY_BYTES", 300)
    cli("compare", write_jsonl(tmp_path / "a.jsonl", CONFLICT), "--summary", tmp_path / "s.md")
    text = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "The table is cut here" in text and "1 groups from 2 claims" in text


def test_a_hostile_file_name_starts_no_command(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, value in (("%0A::set-output name=x::y.txt", 12), ("::error::z.txt", 40)):
        (tmp_path / name).write_text(f"Ledakan di Nepal pada hari itu menewaskan {value} orang.", encoding="utf-8")
    out = cli("compare", ".", "--format", "github").stdout.splitlines()
    assert len(out) == 2 and all(line.startswith("::error file=") for line in out)
    properties = [line[2:line.index("::", 2)] for line in out]  # a name cannot end them early: ':' is escaped
    assert all(p.startswith("error file=") and ",title=conflict" in p for p in properties)
