"""The command line: options in, the engine called, errors mapped to exit codes. Nothing else."""

from __future__ import annotations

import contextlib
import enum
import errno
import json
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker import __version__
from checker.models import VERDICTS
from checker.errors import CheckerError, Exit, UsageError
from checker.report.escape import defused, json_text, markup_text, printable

ISSUES_URL = "https://github.com/checker-news/checker/issues"
OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}  # writing failed, not checker
EXIT_CODES = """Exit codes: 0 clean; 1 conflicts found (see --fail-on) or a rule example failed; 2 could not run
(bad option, missing rules, broken rule file, unknown --lang); 3 ran, but some inputs were skipped (unreadable,
binary, malformed JSON Lines, a rule that timed out); 4 compare found no claim at all: nothing was checked;
70 internal error (please report it); 74 the output could not be written (a full disk)."""

app = typer.Typer(help=f"Cross-check the figures news articles give about one story.\n\n{EXIT_CODES}",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
rules_app = typer.Typer(help="Test, lint, evaluate and inspect rule files.", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(rules_app, name="rules")

DEBUG = {"on": bool(os.environ.get("CHECKER_DEBUG"))}
SUMMARY_BYTES = 1_000_000  # GitHub keeps 1 MiB of a step summary; the header and summary line need the rest
CONFIGURABLE = ("extract", "compare")  # the commands a settings file may set options of


def choices(name: str, *values: str) -> type[enum.Enum]:
    """A str Enum of these values, so that --help lists them."""
    return enum.Enum(name, {v: v for v in values}, type=str)


ClaimFormat = choices("ClaimFormat", "table", "json", "jsonl", "csv")
CompareFormat = choices("CompareFormat", *ClaimFormat.__members__, "markdown", "github", "sarif", "junit",
                        "html")
ExplainFormat = choices("ExplainFormat", "table", "json")
FailOn = choices("FailOn", "conflict", "compatible", "never")
View = choices("View", "group", "source")
Verdict = choices("Verdict", *VERDICTS)


Rules = Annotated[Optional[list[Path]], typer.Option(
    "--rules", "-r", metavar="DIR", help="Rule folder (repeatable): a root of <lang>/ folders, or one <lang>/ folder. "
                          "Replaces the bundled rules; `checker rules path` prints where those are.")]
Lang = Annotated[Optional[str], typer.Option(
    "--lang", metavar="LANG", help="Read every source as this language (default: its metadata, else detected).")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", min=1,
                                             help="Processes to use, and threads to group claims with "
                                                  "(default: every core).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress line on standard error (there is none "
                                                         "but on a terminal).")]
Engine = choices("Engine", "local", "dask")
EngineOption = Annotated[Engine, typer.Option(
    "--engine", help="Where extraction runs: processes here, or a Dask cluster (pip install "
                     "'figure-checker[dask]'; paths may then be URLs fsspec reads: s3://bucket/*.jsonl.gz). "
                     "See docs/scale.md.")]
Scheduler = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="ADDRESS",
    help="--engine dask: the scheduler (tcp://host:8786); default: a local cluster of --jobs workers.")]
TableFormat = Annotated[str, typer.Option(
    "--table-format", metavar="NAME",
    help="A tabulate format: simple, grid, github, pipe, plain, rounded_outline, tsv, html ... (a format "
         "without multi-line cells gets one line per cell).")]


def _rules(rules: list[Path] | None) -> list[str] | None:
    return [str(r) for r in rules] if rules else None


def _extract(paths: list[str], rules, lang, jobs, run, engine, scheduler):
    """The Results of every article, in input order, from the engine asked for."""
    if engine is Engine.dask:
        from checker import dask_engine

        return dask_engine.extract(paths, _rules(rules), lang, jobs, run, scheduler)
    if scheduler:
        raise UsageError("--scheduler is for --engine dask")
    from checker import pipeline

    return pipeline.extract(paths, _rules(rules), lang, jobs, run)


def _check_table_format(name: str) -> None:
    from tabulate import tabulate_formats

    if name not in tabulate_formats or name == "unsafehtml":  # every cell is escaped: no unsafe format
        raise UsageError(f"--table-format {name!r} is not a tabulate format; one of: {', '.join(tabulate_formats)}")


def _progress(results, every: float = 0.5, stream=None, quiet: bool = False):
    """The results, passed through; on a terminal (standard error), a line counting the articles and claims
    read so far, redrawn at most every `every` seconds and cleared at the end. Never in a pipe or a log, nor
    when asked to be quiet."""
    stream = stream or sys.stderr
    if quiet or not (hasattr(stream, "isatty") and stream.isatty()) or os.environ.get("CI"):
        yield from results
        return
    import time

    articles = claims = 0
    last = time.monotonic()
    try:
        for result in results:
            articles += 1
            claims += len(result.claims)
            if time.monotonic() - last >= every:
                stream.write(f"\rchecker: {articles:,} articles read, {claims:,} claims found…")
                stream.flush()
                last = time.monotonic()
            yield result
    finally:
        if articles:
            stream.write("\r\033[K")
            stream.flush()


def _report(run, extra: list) -> int:
    """Print the problems met (one line each) to stderr; the exit code they call for."""
    for problem in [*run.problems, *extra]:
        typer.echo(defused(printable(str(problem))), err=True)
    return Exit.SKIPPED if run.skipped or extra else Exit.OK


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=_version)] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
    config: Annotated[Optional[Path], typer.Option(
        "--config", metavar="FILE",
        help="Settings file (TOML). Default: checker.toml here, else [tool.figure-checker] in "
             "pyproject.toml here. The command line wins.")] = None,
) -> None:
    DEBUG["on"] = DEBUG["on"] or debug
    from checker import config as settings

    found = settings.find(config)
    if found is not None:
        commands = {name: {(opt.lstrip("-") if p.param_type_name == "option" else p.name): p.name
                           for p in command.params if p.name != "help"
                           for opt in (p.opts if p.param_type_name == "option" else [p.name])
                           if opt.startswith("--") or p.param_type_name == "argument"}
                    for name, command in ctx.command.commands.items() if name in CONFIGURABLE}
        ctx.default_map = settings.default_map(*found, commands)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS",
        help="Files, folders (.txt, .md, .jsonl, .jsonl.gz), or - for stdin.")],
    rules: Rules = None,
    fmt: Annotated[ClaimFormat, typer.Option("--format", "-f", help="Output format.")] = ClaimFormat.table,
    table_format: TableFormat = "simple",
    lang: Lang = None,
    jobs: Jobs = None,
    engine: EngineOption = Engine.local,
    scheduler: Scheduler = None,
    quiet: Quiet = False,
) -> None:
    """Find every claim in the articles: one row per claim, with its evidence (source, line, exact words)."""
    from checker import pipeline
    from checker.report import records, table
    _check_table_format(table_format)
    run = pipeline.Run()
    timeouts: list = []

    def results():
        for result in _progress(_extract(paths, rules, lang, jobs, run, engine, scheduler), quiet=quiet):
            timeouts.extend(result.problems)
            yield result.source, result.claims

    if fmt is ClaimFormat.table:
        claims = [claim for _, found in results() for claim in found]
        if claims:
            typer.echo(table.claims_table(claims, table_format))
        typer.echo(f"{len(claims)} claims in {run.articles} sources", err=True)
    else:
        records.write_claims(sys.stdout, fmt.value, results())
    raise typer.Exit(_report(run, timeouts))


@app.command()
def compare(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATHS",
        help="Files, folders, .jsonl(.gz), or - (default: the seeds/ folder here).")] = None,
    rules: Rules = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    table_format: TableFormat = "simple",
    by: Annotated[View, typer.Option("--by", help="Rows per group (one line per claim), or a source matrix.")]
    = View.group,
    only: Annotated[Optional[list[Verdict]], typer.Option("--only", help="Show only these verdicts (repeatable).")]
    = None,
    tolerance: Annotated[float, typer.Option(
        "--tolerance", metavar="FRACTION", min=0.0, help="Relative gap still taken as agreement: 0.05 = 5%.")] = 0.0,
    window_days: Annotated[int, typer.Option(
        "--window-days", metavar="DAYS", min=0,
        help="Articles published further apart (days) are never one incident.")] = 30,
    event_days: Annotated[int, typer.Option(
        "--event-days", metavar="DAYS", min=0,
        help="Dates of one kind of event further apart (days) are different events.")] = 3,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a group has this verdict or worse.")]
    = FailOn.conflict,
    singles: Annotated[bool, typer.Option(
        "--singles/--no-singles", help="List in the table the facts only one source states (counted either way; "
                                       "machine formats always hold them).")] = False,
    lang: Lang = None,
    jobs: Jobs = None,
    engine: EngineOption = Engine.local,
    scheduler: Scheduler = None,
    quiet: Quiet = False,
    output: Annotated[Optional[list[str]], typer.Option(
        "--output", "-o", metavar="[FORMAT:]FILE",
        help="Write the report to this file instead of standard output; with a format (sarif:out.sarif), that "
             "report too, beside the --format one (repeatable).")] = None,
    summary: Annotated[Optional[Path], typer.Option(
        "--summary", metavar="FILE", help="Append the compared facts as Markdown to this file (done by itself "
                                          "under GitHub Actions: $GITHUB_STEP_SUMMARY).")] = None,
    warn_compatible: Annotated[bool, typer.Option(
        "--warn-compatible", help="github and sarif: report compatible facts too, as warnings.")] = False,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", metavar="FILE",
        help="Conflicts recorded by --write-baseline fail no build; new ones do.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option(
        "--write-baseline", metavar="FILE",
        help="Record today's conflicts in this file (then pass it to --baseline).")] = None,
    ignore: Annotated[Optional[Path], typer.Option(
        "--ignore", metavar="FILE",
        help="YAML file of accepted conflicts, each with its fingerprint and a reason.")] = None,
) -> None:
    """Group claims about the same fact across sources and judge them: conflict, compatible, agree, single.

    Exit 1 on a conflict (see --fail-on), so that CI fails; the table shows the evidence."""
    from checker import api, pipeline
    from checker.facts import Settings
    _check_table_format(table_format)
    if not paths:
        if not Path("seeds").is_dir():
            raise UsageError("no paths given and no seeds/ folder here: pass the articles to compare, e.g. "
                             "`checker compare articles/` (files, folders, .jsonl, .jsonl.gz, or - for stdin)")
        paths = ["seeds"]
    run = pipeline.Run()
    timeouts: list = []

    def results():
        for result in _progress(_extract(paths, rules, lang, jobs, run, engine, scheduler), quiet=quiet):
            timeouts.extend(result.problems)
            yield result

    sources, groups = api.grouped(results(), _rules(rules), Settings(tolerance=tolerance, window_days=window_days,
                                                                     event_days=event_days),
                                  jobs or pipeline.jobs_default())
    if not groups:  # no source read at all (an empty file) is no pass either
        typer.echo(f"checker: no claim to compare in {run.articles} sources: nothing was checked (is --lang right? "
                   f"do the articles give figures? `checker extract` lists what is found)", err=True)
        raise typer.Exit(_report(run, timeouts) or Exit.NOTHING)  # 3 when something was skipped, else 4
    if baseline or ignore:
        from checker import baseline as accepted  # its files' models: built only when one is read or written

        groups, gone = accepted.accept(groups, accepted.read_baseline(baseline) if baseline else {},
                                       accepted.read_ignores(ignore) if ignore else {})
        _accepted_lines(groups, gone)
    if write_baseline:
        from checker import baseline as accepted

        n = accepted.write(write_baseline, groups)
        typer.echo(f"checker: {n} conflict{'s' * (n != 1)} recorded in {printable(str(write_baseline))}", err=True)
    failing = {"conflict": {"conflict"}, "compatible": {"conflict", "compatible"}, "never": set()}[fail_on.value]
    shown = [g for g in groups if not only or g.verdict in {v.value for v in only}]
    failed = any(g.verdict in failing and not g.accepted for g in shown)  # the exit code is what is shown
    for each, path in _outputs(fmt, output or []):
        with _destination(path) as out:
            _write_compare(out, each, shown, groups, sources, table_format, by, only, singles, warn_compatible)
    for path in {p for p in (summary, os.environ.get("GITHUB_STEP_SUMMARY")) if p}:
        _step_summary(Path(path), shown, groups, sources)
    code = _report(run, timeouts)
    raise typer.Exit(Exit.CONFLICT if failed else code)


def _accepted_lines(groups, gone: list[dict]) -> None:
    n = sum(1 for g in groups if g.accepted)
    if n:
        typer.echo(f"checker: {n} conflict{'s' * (n != 1)} accepted (baseline or ignore file): shown, failing no "
                   f"build", err=True)
    for entry in gone:
        values = ", ".join(f"{c['source']} {c['value']}" for c in entry.get("claims", []))
        typer.echo(defused(printable(f"checker: baseline entry no longer found: {entry.get('kind')} "
                                     f"{entry.get('place') or ''} ({values})")), err=True)


def _outputs(fmt, outputs: list[str]) -> list[tuple]:
    """(format, file or None for standard output) of each report asked for: `--output FILE` sends the
    --format report to FILE; `--output sarif:FILE` adds a SARIF report, the --format one staying on standard
    output unless a plain FILE takes it."""
    out, plain = [], False
    for value in outputs:
        name, sep, rest = value.partition(":")
        if sep and rest and name in CompareFormat.__members__:
            out.append((CompareFormat[name], Path(rest)))
        else:
            out.append((fmt, Path(value)))
            plain = True
    return out if plain else [(fmt, None), *out]


@contextlib.contextmanager
def _destination(output: Path | None):
    """Standard output, or the file --output names (created, or replaced)."""
    if output is None:
        yield sys.stdout
        return
    try:
        out = open(output, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise UsageError(f"--output {printable(str(output))}: cannot write: {exc.strerror or exc}") from None
    with out:
        yield out


def _write_compare(out, fmt, shown, groups, sources, table_format, by, only, singles, warn_compatible) -> None:
    def echo(text: str) -> None:
        out.write(text + "\n")

    if fmt in (CompareFormat.table, CompareFormat.markdown):
        from checker.report import table

        if not only and not singles:  # what nothing was compared with is counted, not listed, unless it slips
            shown = [g for g in shown if g.verdict != "single" or g.slips()]
        tf = "github" if fmt is CompareFormat.markdown else table_format
        if by is View.source:
            echo(table.matrix_table(shown, sources, tf))
        elif shown:
            echo(table.groups_table(shown, sources, tf, colour=table.use_colour() and out is sys.stdout))
        if fmt is CompareFormat.markdown:
            echo("\n" + table.summary(groups, len(sources)))
        else:
            typer.echo(table.summary(groups, len(sources)), err=True)
    elif fmt is CompareFormat.github:
        from checker.report.github import annotations

        shown = [g for g in shown if not g.accepted]
        found = annotations(shown, sources, compatible=warn_compatible)
        if found:
            echo(found)
    elif fmt is CompareFormat.sarif:
        from checker.report import ci

        echo(json_text(json.dumps(ci.sarif([g for g in shown if not g.accepted], sources,
                                           compatible=warn_compatible), ensure_ascii=False, indent=2)))
    elif fmt is CompareFormat.junit:
        from checker.report import ci

        echo(markup_text(ci.junit([g for g in shown if not g.accepted], sources)))
    elif fmt is CompareFormat.html:
        from checker.report import html

        out.write(markup_text(html.report(shown, sources, singles=bool(only) or singles)))
    else:
        from checker.report import records

        records.write_groups(out, fmt.value, shown, sources)


def _step_summary(path: Path, shown, groups, sources) -> None:
    """The facts two sources or more state, as Markdown, appended to a job's summary page (GitHub keeps at
    most 1 MiB of it: a longer table is cut, and says so)."""
    from checker.report import table
    from checker.report.github import step_summary

    compared = [g for g in shown if g.verdict != "single"]
    body = step_summary(table.groups_table(compared, sources, "github")) if compared else ""
    if len(body.encode("utf-8")) > SUMMARY_BYTES:
        body = body.encode("utf-8")[:SUMMARY_BYTES].decode("utf-8", "ignore").rsplit("\n", 1)[0]
        body += "\n\n*The table is cut here: a step summary holds at most 1 MiB. The other outputs hold it all.*"
    text = f"## checker compare\n\n{body}\n\n{step_summary(table.summary(groups, len(sources)))}\n"
    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        typer.echo(f"checker: cannot write the step summary {printable(str(path))}: {exc.strerror or exc}", err=True)


@app.command()
def explain(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="A sentence or more.")],
    lang: Annotated[Optional[str], typer.Option(
        "--lang", metavar="LANG",
        help="The language of the text (default: detected, as extract does).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD",
        help="Publication date, YYYY-MM-DD: gives years.")]
    = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f")] = ExplainFormat.table,
    rules: Rules = None,
) -> None:
    """Show every number, date and claim the rules find in a text, and the rule that fired."""
    from checker import api
    from checker.report import table
    result = api.explain(text, lang=lang, date=date, rules=_rules(rules))
    if fmt is ExplainFormat.json:
        typer.echo(json_text(json.dumps(result, ensure_ascii=False, indent=2)))
        return
    typer.echo(table.explain_tables(result))


# --- checker rules ... --------------------------------------------------------------------------
@rules_app.command("test")
def rules_test(rules: Rules = None) -> None:
    """Run every example of every rule: must-match (with the expected value), must-not-match, todo."""
    from checker import api, ruletest

    report = ruletest.run(api.load_grammar(_rules(rules)))
    for problem in report.failures:
        typer.echo(f"FAIL {problem}")
    for problem in report.fixed:
        typer.echo(f"NOTE {problem}")
    typer.echo(f"{report.rules} rule files: {report.passed} examples passed, {len(report.failures)} failed, "
               f"{len(report.todo)} known gaps (todo)")
    raise typer.Exit(Exit.OK if report.ok else Exit.CONFLICT)


@rules_app.command("lint")
def rules_lint(rules: Rules = None) -> None:
    """Warn of patterns that may backtrack catastrophically (nested repetition, slow on hostile text)."""
    from checker import api
    from checker.lint import lint

    findings = lint(api.load_grammar(_rules(rules)))
    for finding in findings:
        typer.echo(f"warning: {finding}")
    typer.echo(f"{len(findings)} warnings")
    raise typer.Exit(Exit.CONFLICT if findings else Exit.OK)


@rules_app.command("eval")
def rules_eval(
    annotations: Annotated[list[Path], typer.Argument(metavar="ANNOTATIONS",
        help="Annotated articles: YAML files or folders of them.")],
    rules: Rules = None,
    kinds: Annotated[Optional[list[str]], typer.Option(
        "--kind", metavar="KIND",
        help="Kinds the thresholds apply to (repeatable; default deaths, injured, displaced).")] = None,
    min_precision: Annotated[float, typer.Option("--min-precision", metavar="FRACTION", min=0, max=1)] = 0.0,
    min_recall: Annotated[float, typer.Option("--min-recall", metavar="FRACTION", min=0, max=1)] = 0.0,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", metavar="FILE", help="Figures recorded earlier (JSON): fail below them minus --margin.")] = None,
    margin: Annotated[float, typer.Option("--margin", metavar="FRACTION", min=0, max=1)] = 0.02,
    record: Annotated[Optional[Path], typer.Option("--record", metavar="FILE",
        help="Write the figures here (JSON).")] = None,
    readme: Annotated[Optional[Path], typer.Option(
        "--readme", metavar="FILE", help="Rewrite the figures block of this README.")] = None,
    block: Annotated[str, typer.Option(
        "--block", metavar="NAME",
        help="Which block of the README: <!-- BLOCK:start --> … <!-- BLOCK:end -->.")] = "eval",
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f")] = ExplainFormat.table,
    show: Annotated[bool, typer.Option("--show/--no-show", help="List the missed and spurious claims.")] = True,
    facts_block: Annotated[Optional[str], typer.Option(
        "--facts-block", metavar="NAME",
        help="With --readme: write the grouping figures (only) into this block.")] = None,
    facts_record: Annotated[Optional[Path], typer.Option(
        "--facts-record", metavar="FILE", help="Write the grouping figures here (JSON).")] = None,
) -> None:
    """Precision, recall and F1 per kind against hand-annotated articles; exit 1 below a threshold.

    Where the annotations give each claim a fact id, also how `compare` groups them: pairwise precision,
    recall and F1, B-cubed, the share of facts stated in two or more articles that form a group, place
    accuracy, verdicts against the annotated ones (facts.yaml beside the articles) and false conflicts."""
    from checker import api, evaluate, evaluate_facts
    from checker.report import table

    grammar = api.load_grammar(_rules(rules))
    loaded = evaluate.load(annotations)
    evaluation = evaluate.evaluate(grammar, loaded)
    facts = {name: evaluate_facts.evaluate(grammar, articles, evaluate_facts.expected_verdicts(name))
             for name, articles in evaluate_facts.annotated_sets(loaded).items()}
    facts = {name: score for name, score in facts.items() if score.bcubed_n}
    recorded = json.loads(baseline.read_text(encoding="utf-8")) if baseline else None
    failures = evaluate.check(evaluation, kinds or ["deaths", "injured", "displaced"], min_precision, min_recall,
                              recorded, margin)
    if fmt is ExplainFormat.json:
        typer.echo(json.dumps({"schema_version": 1, "articles": evaluation.articles,
                               "figures": evaluation.figures(), "failures": failures,
                               "facts": {name: score.figures() for name, score in facts.items()}}, indent=2))
    else:
        typer.echo(table.evaluation_tables(evaluation, show))
        if facts:
            typer.echo("\nHow compare groups the annotated facts:\n")
            typer.echo(evaluate_facts.markdown_table(facts))
            for name, score in facts.items():
                typer.echo(f"\nverdicts in {name} (annotated in rows, found in columns):\n")
                typer.echo(evaluate_facts.verdict_table(score))
                if show:
                    for line in score.false_conflicts:
                        typer.echo(f"false conflict: {line}")
                    for line in score.missed_conflicts:
                        typer.echo(f"missed conflict: {line}")
        for failure in failures:
            typer.echo(f"below threshold: {failure}")
    if record:
        evaluate.write_baseline(record, evaluation)
    if facts_record:
        facts_record.write_text(json.dumps({name: score.figures() for name, score in facts.items()}, indent=2)
                                + "\n", encoding="utf-8")
    if readme and facts_block:  # the grouping figures only
        command = " ".join(["checker rules eval", *map(str, annotations)] + (
            [f"--facts-record {facts_record}"] if facts_record else []) + [f"--readme {readme}",
                                                                             f"--facts-block {facts_block}"])
        evaluate.write_block(readme, facts_block, f"{evaluate_facts.markdown_table(facts)}\n\n"
                                                  f"Regenerate with `{command}`.")
    elif readme:
        command = " ".join(["checker rules eval", *map(str, annotations)] + (
            [f"--record {record}"] if record else []) + [f"--readme {readme}"] + (
            [f"--block {block}"] if block != "eval" else []))
        evaluate.update_readme(readme, evaluation, command, block)
    raise typer.Exit(Exit.CONFLICT if failures else Exit.OK)


@rules_app.command("path")
def rules_path() -> None:
    """Print the folder of the bundled rules (to pass with --rules beside your own)."""
    from checker.rules import bundled_rules_dir

    typer.echo(str(bundled_rules_dir()))


@rules_app.command("schema")
def rules_schema(
    out: Annotated[Optional[Path], typer.Option("--out", metavar="DIR",
        help="Write one <kind>.schema.json per file kind here.")]
    = None,
) -> None:
    """Print (or write) the JSON Schema of every kind of rule file, for editors."""
    from checker.schema import json_schemas

    schemas = json_schemas()
    if out is None:
        typer.echo(json.dumps(schemas, indent=2, ensure_ascii=False))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas.items():
        (out / f"{name}.schema.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    typer.echo(f"wrote {len(schemas)} schemas to {out}")


@rules_app.command("cldr")
def rules_cldr(
    lang: Annotated[Optional[str], typer.Argument(metavar="LANG",
        help="Language folder, e.g. id (omit with --write).")] = None,
    locale: Annotated[Optional[str], typer.Option("--locale", metavar="LOCALE",
        help="CLDR locale (default: the language)")] = None,
    write: Annotated[Optional[Path], typer.Option(
        "--write", metavar="DIR",
        help="Regenerate every CLDR-derived file under this rules folder: each <lang>/calendar.yaml "
                        "and places/countries.yaml.")] = None,
) -> None:
    """Print calendar.yaml (month and weekday names) for a language, generated from CLDR with Babel; or, with
    --write DIR, regenerate every CLDR-derived file of a rules folder (needs the pinned Babel: the [cldr]
    extra)."""
    from checker import cldr

    if write is not None:
        changed = cldr.write_all(write)
        for path in changed:
            typer.echo(f"wrote {path}")
        typer.echo(f"{len(changed)} files changed (Babel {cldr.babel_version()})")
        return
    if not lang:
        raise UsageError("name a language (`checker rules cldr ms`) or pass --write DIR to regenerate every file")
    typer.echo(cldr.calendar_yaml(lang, locale or lang), nl=False)


@rules_app.command("places")
def rules_places(
    write: Annotated[Path, typer.Option(
        "--write", metavar="DIR",
        help="The rules folder whose places/*.tsv to regenerate (from places/sources.yaml).")],
) -> None:
    """Regenerate the gazetteer's administrative data (ISO 3166-2 subdivisions, Indonesian regions, GeoNames
    cities) from the packages that ship it; needs the pinned [places] extra."""
    from checker import placedata

    changed = placedata.write_all(write)
    for path in changed:
        typer.echo(f"wrote {path}")
    typer.echo(f"{len(changed)} files changed ({placedata.versions()})")


def _interrupted(signum, frame) -> None:
    typer.echo("checker: interrupted", err=True)
    raise KeyboardInterrupt  # typer ends with exit 130; workers ignore SIGINT and are shut down


class _PipeClosed(Exception):
    """Standard output was closed by its reader (`checker … | head`): not an OSError, which the command-line
    library would turn into exit 1, the code of a conflict."""


class _Stdout:
    """Standard output, whose closing by the reader ends the run quietly."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise _PipeClosed from None

    def flush(self):
        try:
            return self._stream.flush()
        except BrokenPipeError:
            raise _PipeClosed from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main() -> None:
    """Entry point: no traceback reaches a user unless --debug (or CHECKER_DEBUG=1) asks for it."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where SIGINT is ignored
        signal.signal(signal.SIGINT, _interrupted)
    sys.stdout = _Stdout(sys.stdout)
    try:
        app()
    except CheckerError as exc:
        for problem in exc.problems:
            typer.echo(defused(printable(str(problem))), err=True)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        typer.echo("checker: interrupted", err=True)
        sys.exit(130)
    except (BrokenPipeError, _PipeClosed):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # `checker ... | head` is fine
        sys.exit(0)
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            _internal(exc)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more can be flushed there
        typer.echo(f"checker: cannot write the output: {exc.strerror or exc}", err=True)
        sys.exit(int(Exit.OUTPUT))
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        _internal(exc)


def _internal(exc: Exception) -> None:
    if DEBUG["on"]:
        traceback.print_exc()
    typer.echo(f"checker: internal error: {type(exc).__name__}: {exc}\n"
               f"This is a bug in checker; please report it at {ISSUES_URL} with the command you ran. "
               f"Rerun with --debug (or CHECKER_DEBUG=1) to see the traceback.", err=True)
    sys.exit(int(Exit.INTERNAL))


if __name__ == "__main__":  # pragma: no cover
    main()
