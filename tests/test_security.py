"""Untrusted text never reaches a shell, a workflow command or a web page unescaped; no network; no traceback."""

import datetime as dt
import json
import socket
import sys

import pytest

from checker.report.escape import markdown, workflow_data, workflow_property
from conftest import write_jsonl

HOSTILE = 'Ledakan di Nepal menewaskan 12 orang <script>alert(1)</script> | [x](javascript:1) %0A\n::error::pwned'


def test_markdown_escapes_article_text():
    out = markdown("<b>|[a](b)</b>\nnext")
    assert "<b>" not in out and "|" not in out.replace("\\|", "") and "\n" not in out
    assert "[" not in out.replace("\\[", "") and "]" not in out.replace("\\]", "")  # no link can form


def test_workflow_commands_cannot_be_injected():
    assert "\n" not in workflow_data("a\n::error::x") and "%0A" in workflow_data("a\nb")
    assert workflow_data("100%") == "100%25"
    assert "," not in workflow_property("a,b") and ":" not in workflow_property("a:b")


def test_compare_github_format_escapes(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a1", "text": "Ledakan di Nepal menewaskan 12 orang.\r\n::error::pwned", "date": "2015-05-01"},
        {"id": "a2", "text": "Ledakan di Nepal menewaskan 40 orang.", "date": "2015-05-01"}])
    out = cli("compare", path, "--format", "github").stdout
    assert all(line.startswith("::") for line in out.splitlines())
    assert "::error file=" in out and "::error::pwned" not in out


def test_markdown_output_escapes_article_text(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "source": "a<b>",
                                               "text": "Ledakan di Nepal menewaskan 12 orang <b>."}])
    out = cli("compare", path, "--format", "markdown", "--singles").stdout
    assert "<b>" not in out and "a&lt;b&gt;" in out


def test_control_characters_never_reach_the_terminal(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "x\x1b[31m", "text": "Ledakan menewaskan 12 orang."}])
    out = cli("extract", path).stdout
    assert "\x1b" not in out


def test_no_network_connection(cli, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("checker opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": HOSTILE}])
    assert cli("compare", path, "-j", "1").exit_code == 0


def test_an_internal_error_is_one_line_with_where_to_report(monkeypatch, capsys):
    from checker import api
    from checker import cli as cli_module

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "explain", boom)
    monkeypatch.setattr(sys, "argv", ["checker", "explain", "x"])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    err = capsys.readouterr().err
    assert exit_info.value.code == 70
    assert "Traceback" not in err and "internal error: RuntimeError: boom" in err and "--debug" in err
    monkeypatch.setattr(sys, "argv", ["checker", "--debug", "explain", "x"])
    with pytest.raises(SystemExit):
        cli_module.main()
    assert "Traceback" in capsys.readouterr().err


def test_paths_in_machine_output_are_relative(cli, tmp_path, monkeypatch):
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "a.txt").write_text("Ledakan menewaskan 12 orang.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(cli("extract", tmp_path / "art", "--format", "json").stdout)
    assert data["claims"][0]["source"] == "art/a.txt"


def test_a_file_that_vanishes_mid_run(cli, tmp_path, monkeypatch):
    from pathlib import Path

    (tmp_path / "a.txt").write_text("Ledakan menewaskan 12 orang.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ledakan menewaskan 40 orang.", encoding="utf-8")
    real = Path.read_bytes

    def vanish(self):
        if self.name == "a.txt":
            raise FileNotFoundError(2, "No such file or directory")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", vanish)
    result = cli("extract", tmp_path, "--format", "json")
    assert f"{tmp_path / 'a.txt'}: cannot read: No such file or directory" in result.stderr
    assert len(json.loads(result.stdout)["claims"]) == 1 and result.exit_code == 3


def test_no_runner_command_reaches_the_table_or_stderr(cli, tmp_path):
    """A GitHub runner executes '::cmd::' at a line's start (after blanks) and '##[cmd]' anywhere, on stdout and
    stderr: neither may come from an article, an id or a file name, in the table or in a message."""
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "x\n::warning::id", "text": "Korban tewas ##[error]pwned mencapai 40 orang.\n::error::text",
         "date": "2015-05-01"},
        {"id": "a2", "text": "Ledakan di Nepal menewaskan 30 orang.", "date": "2015-05-01"},
        {"id": "bad", "text": 5}])
    for args in (("compare", path), ("extract", path), ("compare", path, "--by", "source")):
        result = cli(*args)
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.lstrip().startswith("::") and "##[" not in line, line


def test_csv_cells_never_start_a_formula(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "=HYPERLINK(\"http://x\")", "source": "+cmd|' /C calc'!A0", "text": "Banjir menewaskan 12 orang.",
         "date": "2015-05-01"}])
    import csv
    import io

    for command in ("extract", "compare"):
        rows = list(csv.reader(io.StringIO(cli(command, path, "--format", "csv").stdout)))
        assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for row in rows[1:] for cell in row)


def test_markdown_makes_no_autolink_and_no_mention(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "@org/team", "text": "Ledakan di Nepal menewaskan 12 orang, lihat https://evil.example @admin www.x.id"},
        {"id": "www.y.id", "text": "Ledakan di Nepal menewaskan 40 orang."}])
    for view in ("group", "source"):
        out = cli("compare", path, "--format", "markdown", "--by", view, "--singles").stdout
        assert "@" not in out and "://" not in out and "www." not in out


def test_a_yaml_alias_in_a_rule_file_is_refused_before_it_expands(rules):
    from checker.errors import RuleError
    from checker.rules import read_yaml

    bomb = rules / "id" / "bomb.yaml"
    bomb.write_text("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi")), encoding="utf-8")
    with pytest.raises(RuleError, match=r"bomb.yaml:2:\d+: YAML aliases"):
        read_yaml(bomb)


def _calls(fn) -> int:
    """How many Python and C functions `fn()` calls: a measure of work that does not depend on the machine."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("sentence", [
    "Jumat (3/2/2017) 12 orang tewas. ",  # a count and a date in each sentence: dates against counts
    "Ini kalimat pendek. ",  # many full stops: the sentence splitter
    "Pada 3 Februari 2017, 12 orang tewas dan 40 luka-luka dalam 24 jam terakhir; ",  # one long clause chain
])
def test_work_grows_linearly_with_the_text(grammar, sentence):
    """Doubling an article at most doubles the work of reading it (counted, not timed: issue 15)."""
    from checker.extractor import Extractor
    from checker.models import Source
    from checker.sources import Article

    def read(n: int):
        source = Source(id="a", path="a", date=dt.date(2017, 2, 4))
        return lambda: Extractor(grammar, "id").run(Article(source, sentence * n))

    Extractor(grammar, "id").run(Article(Source(id="w", path="w"), sentence))  # warm: compiled on first use
    small, large = _calls(read(200)), _calls(read(400))
    assert large <= 2.2 * small, (small, large)


class _FakeClock:
    """A clock that moves 10 ms at every reading: slow rules without waiting for them."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        self.now += 0.01
        return self.now


def _slow_run(grammar, monkeypatch, busy=False, **limits):
    """Two articles read by an extractor whose clocks move 10 ms at every reading: the wall clock, and the
    processor time too unless the machine is `busy` (the wall clock races, the processor time is real)."""
    from checker import extractor
    from checker.models import Source
    from checker.sources import Article

    clock = _FakeClock()
    monkeypatch.setattr(extractor.time, "monotonic", clock)
    if not busy:
        monkeypatch.setattr(extractor.time, "thread_time", clock)
    for name, value in limits.items():
        monkeypatch.setattr(extractor, name, value)
    text = "Banjir menewaskan 12 orang. " * 40
    run = extractor.Extractor(grammar, "id")
    return [run.run(Article(Source(id=f"a{k}", path=f"a{k}"), text)) for k in range(2)]


def test_a_rule_just_under_the_limit_of_one_call_is_stopped_across_its_calls(grammar, monkeypatch):
    """Each call of a pattern takes what is left of its time on the article, so a rule cannot take the
    per-call limit at every one of a thousand counts (issue 15: 162 s on 8 KB)."""
    results = _slow_run(grammar, monkeypatch, TIMEOUT_BASE=0.3, TIMEOUT_PER_KB=0.0, ARTICLE_BUDGET=1000)
    problems = [str(p) for r in results for p in r.problems]
    assert problems and all("took longer than 0.3s on this text" in p for p in problems), problems
    assert {p.split(":")[0] for p in problems} == {"a0", "a1"}  # both articles named, both still read


def test_a_busy_machine_is_not_a_slow_rule(grammar, monkeypatch):
    """Limits are on processor time: when the wall clock runs out only because other work had the processor,
    the rule is read again, and what is found does not depend on the load of the machine."""
    calm = _slow_run(grammar, monkeypatch, TIMEOUT_BASE=1000.0, TIMEOUT_PER_KB=0.0, ARTICLE_BUDGET=1000)
    busy = _slow_run(grammar, monkeypatch, busy=True, TIMEOUT_BASE=0.3, TIMEOUT_PER_KB=0.0, ARTICLE_BUDGET=1000)
    assert not [p for r in busy for p in r.problems]
    assert [r.claims for r in busy] == [r.claims for r in calm] and len(calm[0].claims) == 40


def test_an_articles_rules_together_have_a_budget(grammar, monkeypatch):
    results = _slow_run(grammar, monkeypatch, TIMEOUT_BASE=1.0, TIMEOUT_PER_KB=0.0, ARTICLE_BUDGET=3)
    for result in results:
        over = [str(p) for p in result.problems if "in all" in str(p)]
        assert len(over) == 1 and over[0].startswith(f"{result.source.id}: reading this text took longer than 3s")
        assert "rule id." in over[0] and "and the rules after it were skipped" in over[0]
