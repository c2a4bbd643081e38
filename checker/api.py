"""The Python API: load rules once; explain a sentence; extract and compare texts, records or files; and
the flat claim record every output shares."""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from checker.dates import resolve
from checker.errors import UsageError
from checker.extractor import Extractor
from checker.grammar import Grammar
from checker.models import Claim, Source
from checker.sources import Article, normalise

SCHEMA_VERSION = 1

CLAIM_FIELDS = ("source", "line", "column", "text", "kind", "rule", "pattern", "value", "notation", "low", "high",
                "low_inclusive", "high_inclusive", "approximate", "start", "end", "event", "place", "place_id",
                "scope", "scope_text", "attribution", "lang", "outlet", "published", "subject", "part", "path", "compared",
                "as_of", "event_date", "origin_id", "destination_id", "flags", "place_from", "date_from")


@lru_cache(maxsize=8)
def _grammar(dirs: tuple[str, ...]) -> Grammar:
    return Grammar.load([Path(d) for d in dirs] if dirs else None)


def load_grammar(dirs: list[str] | list[Path] | None = None) -> Grammar:
    """The compiled rules of these folders (the bundled rules when none), loaded once per process."""
    return _grammar(tuple(str(d) for d in dirs or ()))


def claim_record(claim: Claim, source: Source | None = None) -> dict:
    """A claim as one flat record: the JSON object, the JSON Lines line and the CSV row of extract."""
    q, d = claim.quantity, claim.date
    return {
        "source": claim.source, "line": claim.line, "column": claim.column, "text": claim.text,
        "kind": claim.kind, "rule": claim.rule, "pattern": claim.pattern,
        "value": claim.value(), "notation": claim.notation(),
        "low": q.interval.low if q else None, "high": q.interval.high if q else None,
        "low_inclusive": q.interval.low_inclusive if q else None,
        "high_inclusive": q.interval.high_inclusive if q else None,
        "approximate": q.approximate if q else None,
        "start": d.iso("start") if d else None, "end": d.iso("end") if d else None, "event": claim.event,
        "place": claim.place, "place_id": claim.place_id,
        "scope": claim.scope.key if claim.scope else None, "scope_text": claim.scope.text if claim.scope else None,
        "attribution": claim.attribution, "lang": claim.lang,
        "outlet": source.outlet if source else None,
        "published": source.date.isoformat() if source and source.date else None,
        "subject": claim.subject, "part": claim.part,
        "path": source.path if source else None,  # the file: for a JSON Lines article, source is its id
        "compared": claim.compared,
        "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "origin_id": claim.origin_id, "destination_id": claim.destination_id,
        "flags": list(claim.flags), "place_from": claim.place_from, "date_from": claim.date_from,
    }


def parse_iso_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date: write YYYY-MM-DD") from None


def explain(text: str, lang: str | None = None, date: str | dt.date | None = None,
            rules: list[str] | None = None) -> dict:
    """Every number, date and claim the rules find in a text, with the rule that fired; with no `lang`, in
    the language detected as `extract` detects it.

    >>> explain("dua ribu lima ratus orang tewas")["claims"][0]["notation"]
    '2500'
    """
    from checker.extractor import detect_language

    grammar = load_grammar(rules)
    lang = lang or detect_language(normalise(text), grammar)
    if lang not in grammar.languages:
        raise UsageError(f"no rules for language {lang!r}; loaded: {', '.join(sorted(grammar.languages))}")
    language = grammar.languages[lang]
    published = parse_iso_date(date)
    text = normalise(text)
    dates = resolve(language.dates.find(text), published)
    numbers = [n for n in language.numbers.find(text)
               if not any(d.start < n.end and n.start < d.end for d in dates)]
    source = Source(id="<text>", path="<text>", date=published, lang=lang)
    result = Extractor(grammar, lang).run(Article(source, text))
    return {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "numbers": [{
            "text": n.text, "column": n.start + 1, "value": n.quantity.display(), "notation": n.quantity.notation(),
            "low": n.quantity.interval.low, "high": n.quantity.interval.high,
            "low_inclusive": n.quantity.interval.low_inclusive, "high_inclusive": n.quantity.interval.high_inclusive,
            "approximate": n.quantity.approximate, "relation": n.quantity.relation,
            "rule": f"{lang}.numbers" + "".join(f"+{lang}.qualifiers:{r}" for r in n.qualifiers),
            "measure": n.measure,
        } for n in numbers],
        "dates": [{
            "text": d.text, "column": d.start + 1, "start": d.span.iso("start"), "end": d.span.iso("end"),
            "notation": d.span.notation(), "year_from": d.year_from, "rule": f"{lang}.dates:{d.format}",
            "flags": list(d.flags),
        } for d in dates],
        "claims": [claim_record(c, source) for c in result.claims],
        "problems": [str(p) for p in result.problems],
    }


# --- extract and compare from Python -------------------------------------------------------------------
class Claims(list):
    """What `extract` returns: the claim records of `checker extract --format json` (a list of dicts), with
    the problems met on the way (`problems`) and a DataFrame on request."""

    problems: list[str]

    def to_pandas(self):
        """One row per claim, the columns of the CSV output (needs pandas: `pip install figure-checker[pandas]`)."""
        return _pandas().DataFrame(list(self), columns=list(CLAIM_FIELDS))


class Report(dict):
    """What `compare` returns: the document `checker compare --format json` prints (`schema_version`,
    `sources`, `groups`), plus `problems`, and a DataFrame on request."""

    def to_pandas(self):
        """One row per claim of every group, with the group's number, verdict, kind, place and scope."""
        rows = [{"group": g["group"], "verdict": g["verdict"], "group_kind": g["kind"], "group_place": g["place"],
                 "group_scope": g["scope"], **claim} for g in self["groups"] for claim in g["claims"]]
        return _pandas().DataFrame(rows)


def _pandas():
    try:
        import pandas
    except ImportError:
        raise UsageError("to_pandas() needs pandas: pip install 'figure-checker[pandas]'") from None
    return pandas


def articles(sources) -> Iterator:
    """Articles from what a Python caller holds: a text (str), a record (dict: id, text, and optionally date,
    source, url, lang, title, as a JSON Lines line), a file or folder (pathlib.Path), or a list of them. A
    str is always a text, never a path: pass a Path to read files."""
    from checker.sources import read_jsonl, read_paths

    items = [sources] if isinstance(sources, (str, dict, Path)) else list(sources)
    for k, item in enumerate(items, 1):
        if isinstance(item, Path):
            yield from read_paths([str(item)])
        elif isinstance(item, str):
            yield Article(Source(id=f"text-{k}", path=f"text-{k}"), normalise(item))
        elif isinstance(item, dict):
            record = {"id": f"record-{k}", **item}
            yield from read_jsonl(io.StringIO(json.dumps(record, default=str) + "\n"), f"record-{k}")
        else:
            raise UsageError(f"cannot read a {type(item).__name__} as an article: give a str (text), a dict "
                             f"(record) or a pathlib.Path (file or folder)")


def extract(sources, *, lang: str | None = None, rules: list[str] | None = None, jobs: int = 1) -> Claims:
    """Every claim of the articles, as `checker extract --format json` gives them.

    >>> [c["notation"] for c in extract("Banjir di Garut menewaskan 19 orang.", lang="id")]
    ['19']
    """
    from checker import pipeline

    run = pipeline.Run()
    results = list(pipeline.extract_articles(articles(sources), rules, lang, jobs, run))
    out = Claims(claim_record(c, r.source) for r in results for c in r.claims)
    out.problems = _problems(run, results)
    return out


def compare(sources, *, lang: str | None = None, rules: list[str] | None = None, tolerance: float = 0.0,
            window_days: int = 30, event_days: int = 3, jobs: int = 1) -> Report:
    """Group the articles' claims into facts and judge them, as `checker compare --format json` does."""
    from checker import pipeline
    from checker.facts import Settings
    from checker.report.records import group_record

    run = pipeline.Run()
    results = list(pipeline.extract_articles(articles(sources), rules, lang, jobs, run))
    settings = Settings(tolerance=tolerance, window_days=window_days, event_days=event_days)
    sources_by_id, groups = grouped(results, rules, settings, jobs)
    return Report(schema_version=SCHEMA_VERSION, sources=[s.record() for s in sources_by_id.values()],
                  groups=[group_record(i + 1, g, sources_by_id) for i, g in enumerate(groups)],
                  problems=_problems(run, results))


def _problems(run, results) -> list[str]:
    """Every problem met, as the command line would print it: inputs skipped, rules that timed out."""
    return [str(p) for p in [*run.problems, *(p for r in results for p in r.problems)]]


def grouped(results, rules: list[str] | None, settings, jobs: int = 1) -> tuple[dict[str, Source], list]:
    """Extraction results -> (sources by id, groups): what `compare` judges, for the CLI and the API; `jobs`
    threads share the grouping."""
    from checker.facts import Context, group_claims

    sources, claims, profiles = {}, [], []
    for result in results:
        sources[result.source.id] = result.source
        claims.extend(result.claims)
        if result.profile is not None:
            profiles.append(result.profile)
    if not sources:
        return sources, []  # nothing was read: no rules needed to say so
    grammar = load_grammar(rules)
    context = Context(sources, profiles, grammar.event_kinds, grammar.gazetteer)
    return sources, group_claims(claims, sources, settings, context, jobs)
