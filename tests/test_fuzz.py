"""Fuzzing: hostile article text and hostile rule files never make extraction or comparison raise,
and extraction stays within a time bound per kilobyte. (fuzz/ holds the longer atheris target.)"""

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.facts import group_claims
from checker.extractor import Extractor
from checker.models import Source
from checker.sources import Article, normalise

WORDS = ["lebih dari", "sedikitnya", "sekitar", "hampir", "hingga", "antara", "dan", "orang", "tewas", "luka",
         "mengungsi", "ribu", "juta", "puluhan", "dua", "ratus", "belas", "27", "Februari", "Rabu", "(14/12)",
         "250.000", "1,5", "9" * 60, "-", ",", ".", "\n", "\r\n", "\x00", "\ufeff", "\ud800", "di", "Suriah", "sejak",
         "dalam", "24", "jam", "kata", "menurut", "PBB", "more than", "killed", "at least", "people", "kemarin",
         "lalu", "tahun", "Selasa", "pekan", "depan", "last", "next", "Thursday", "year", "31", "Desember", "1",
         "Januari", "12 - 17", "hingga"]

article_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.builds(lambda n, q: q * n + " 5 orang tewas", st.integers(1, 300), st.sampled_from(["lebih dari ", "sekitar "])),
    st.builds(lambda n: "9" * n + " orang tewas", st.integers(1, 5000)),
)

SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def compiled(grammar):
    """The grammar with every language compiled: the time bound is a text's, never the rules' first build (a
    fresh cache, as the tests' own is when this module runs first)."""
    for lang, text in (("id", "Ledakan menewaskan 12 orang."), ("en", "Two people were killed.")):
        Extractor(grammar, lang).run(Article(Source(id="w", path="w"), text))
    return grammar


@given(article_text, st.sampled_from([None, "2016-12-15", "0001-01-01", "9999-12-31"]))
@settings(max_examples=250, **SLOW)
def test_extraction_never_raises_and_stays_quick(compiled, text, date):
    import datetime as dt

    source = Source(id="f", path="f", date=dt.date.fromisoformat(date) if date else None)
    text = normalise(text)
    started = time.monotonic()
    result = Extractor(compiled).run(Article(source, text))
    assert time.monotonic() - started < 2.0 + 0.5 * len(text) / 1024
    lines = text.split("\n")
    for claim in result.claims:
        assert lines[claim.line - 1][claim.column - 1:].startswith(claim.text)


@given(st.lists(article_text, min_size=1, max_size=6), st.lists(st.sampled_from([None, "2015-05-01", "2015-07-01"]),
                                                                 min_size=6, max_size=6))
@settings(max_examples=60, **SLOW)
def test_comparison_never_raises(grammar, texts, dates):
    import datetime as dt

    extractor = Extractor(grammar, "id")
    sources, claims = {}, []
    for i, text in enumerate(texts):
        source = Source(id=f"s{i}", path=f"s{i}", date=dt.date.fromisoformat(dates[i]) if dates[i] else None)
        sources[source.id] = source
        claims.extend(extractor.run(Article(source, normalise(text))).claims)
    groups = group_claims(claims, sources)
    # every compared claim in exactly one group; evidence-only claims (a statement's day, any other dated
    # statement) and news furniture in none
    assert sum(len(g.claims) for g in groups) == sum(1 for c in claims if c.compared and "furniture" not in c.flags)


yaml_scalar = st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
yaml_value = st.recursive(yaml_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                               st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                          max_leaves=12)


@given(st.dictionaries(st.sampled_from(["id", "kind", "patterns", "examples", "macros", "words", "colour"]),
                       yaml_value, max_size=5))
@settings(max_examples=150, **SLOW)
def test_hostile_rule_files_are_reported_never_raised(tmp_path_factory, content):
    """Any YAML content in a claim rule file ends in a RuleError (located) or a working grammar."""
    import shutil

    from checker.errors import RuleError
    from checker.grammar import Grammar
    from conftest import ROOT

    root = tmp_path_factory.mktemp("rules")
    shutil.copytree(ROOT / "rules" / "id", root / "id")
    (root / "id" / "fuzzed.yaml").write_text(json.dumps(content), encoding="utf-8")  # JSON is YAML
    try:
        Grammar.load([root])
    except RuleError as exc:
        assert exc.problems and all(p.path for p in exc.problems)


@pytest.mark.parametrize("pattern", ["{count}(", "{count}{e<=3}", "{count}(?P<count>x)", "{count}\\", "[{count}",
                                     "{count}(?<=a+)", "{date}{count}", "(?#{count}", "{count}" * 3])
def test_odd_patterns_are_errors_not_crashes(tmp_path, pattern):
    import shutil

    from checker.errors import RuleError
    from checker.grammar import Grammar
    from conftest import ROOT

    shutil.copytree(ROOT / "rules" / "id", tmp_path / "id")
    (tmp_path / "id" / "odd.yaml").write_text(json.dumps({
        "id": "id.odd", "kind": "odd", "patterns": [{"pattern": pattern}],
        "examples": {"match": [], "no_match": []}}), encoding="utf-8")
    try:
        Grammar.load([tmp_path])
    except RuleError as exc:
        assert all(p.path.endswith("odd.yaml") for p in exc.problems)


HOSTILE = ["::error::x", "\n::warning::y", "  ::stop-commands::z", "##[error]pwned", "##[add-mask]", "\x1b]52;c;SGk=\x07",
           "\x1b[31m", "\x1b]8;;http://e.x\x1b\\", "\u202e", "\u2066", "\x85", "=HYPERLINK(\"http://e.x\")",
           "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r=1", "<script>", "[x](javascript:1)", "@admin",
           "https://e.x", "www.e.x", "%0A::error::q", "|", "`", "*", "\\", ",", '"', "\n", "\r\n", " "]
hostile = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), min_size=1, max_size=4).map("".join)
CONTROL = __import__("regex").compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never raw in any output
SHOWN = __import__("regex").compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")  # nor, beside line ends and tabs, where people read
RUNNER_LINES = __import__("regex").compile(r"\r\n|\r|\n")  # the line breaks a GitHub runner reads


def _safe(name: str, out: str, err: str, fmt: str) -> None:
    import csv
    import io

    for line in RUNNER_LINES.split(err):
        assert not line.lstrip().startswith("::") and "##[" not in line, ("stderr", line)
    assert not CONTROL.search(out) and not CONTROL.search(err), (name, fmt)
    assert not SHOWN.search(err.replace("\n", "")), (name, "stderr")
    for line in RUNNER_LINES.split(out):
        if not line:
            continue
        assert "##[" not in line, (fmt, line)
        if fmt == "github":
            assert __import__("regex").match(r"::(error|warning|notice) [^\n]*::", line), line
        else:
            assert not line.lstrip().startswith("::"), (fmt, line)
    if fmt in ("table", "markdown", "html"):
        assert not SHOWN.search(out.replace("\n", "").replace("\t", "")), (fmt, out)
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "jsonl":
        for line in out.splitlines():  # even a reader that breaks lines at U+2028 gets whole records
            json.loads(line)
    if fmt == "csv":
        for row in list(csv.reader(io.StringIO(out)))[1:]:
            for cell in row:
                if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                    try:
                        float(cell)
                    except ValueError:
                        raise AssertionError(("csv formula", cell)) from None


@given(hostile, hostile, hostile, hostile, st.sampled_from(["2015-05-01", "9999-12-31", "0001-01-01", "15/05/2015"]))
@settings(max_examples=20, **SLOW)
def test_hostile_ids_outlets_titles_dates_and_text_reach_no_output_raw(cli, tmp_path_factory, ident, outlet, title,
                                                                       text, date):
    """Whatever an article's id, outlet, title, URL, date and text hold, no output format and no message
    carries a runner command, a raw control or escape byte, a bidi override where people read, a CSV formula
    or broken JSON (issue 15)."""
    from conftest import write_jsonl

    folder = tmp_path_factory.mktemp("hostile")
    path = write_jsonl(folder / "a.jsonl", [
        {"id": ident, "source": outlet, "title": title, "url": outlet, "date": date,
         "text": f"{text} Ledakan di Nepal menewaskan 12 orang. {title}"},
        {"id": ident + "2", "source": title, "title": outlet, "date": "2015-05-01",
         "text": f"Ledakan di Nepal menewaskan 40 orang. {text}"},
        {"id": ident + "3", "text": 5}])
    runs = [("compare", fmt) for fmt in ("table", "json", "jsonl", "csv", "markdown", "html", "github", "sarif",
                                         "junit")] + [("extract", fmt) for fmt in ("table", "json", "jsonl", "csv")]
    for command, fmt in runs:
        result = cli(command, path, "--format", fmt, *(["--singles"] if command == "compare" else []))
        _safe(command, result.stdout, result.stderr, fmt)
    result = cli("compare", path, "--by", "source")
    _safe("compare --by source", result.stdout, result.stderr, "table")


@given(st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=20))
@settings(max_examples=15, **SLOW)
def test_hostile_file_names_reach_no_output_raw(cli, tmp_path_factory, name):
    folder = tmp_path_factory.mktemp("names")
    try:
        (folder / f"{name}.txt").write_text("Ledakan di Nepal menewaskan 12 orang.", encoding="utf-8")
        (folder / f"{name}.md").write_bytes(b"\xff\xfe\x00binary\x00")
    except (OSError, ValueError):
        return  # a name this file system refuses
    (folder / "b.txt").write_text("Ledakan di Nepal menewaskan 40 orang.", encoding="utf-8")
    for command, fmt in (("compare", "table"), ("compare", "github"), ("compare", "csv"), ("extract", "table"),
                         ("compare", "markdown")):
        result = cli(command, folder, "--format", fmt)
        _safe(command, result.stdout, result.stderr, fmt)
