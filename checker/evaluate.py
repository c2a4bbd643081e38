"""Measure extraction against hand-annotated articles: precision, recall and F1 per kind, misses listed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import Problem, UsageError
from checker.extractor import Extractor
from checker.grammar import Grammar
from checker.models import Claim, Source
from checker.rules import display_path, read_yaml
from checker.ruletest import same_value
from checker.sources import Article, normalise



FACTS_FILE = "facts.yaml"  # beside a set's articles: the expected verdict of each fact


class Expected(BaseModel):
    """One claim an annotator underlined."""

    model_config = ConfigDict(extra="forbid")
    line: int = Field(ge=1, description="1-based line within `text`")
    kind: str
    value: str = Field(description='interval notation ("[300000,)", "~130000") or ISO date ("2016-12-14")')
    words: str | None = Field(None, description="the figure and its key words, as written on that line")
    place: str | None = None
    scope: str | None = None
    optional: bool = Field(False, description="a judgement call: neither missed nor spurious")
    note: str | None = None
    incident: str | None = Field(None, description="the real-world incident (or story) the figure is about")
    fact: str | None = Field(None, description="claims that state the same fact, in any article, share this id")


class Annotated(BaseModel):
    """One annotated article (or excerpt) and every claim in it."""

    model_config = ConfigDict(extra="forbid")
    id: str
    source: str | None = None
    date: dt.date | None = None
    url: str | None = None
    lang: str
    event: str | None = None
    title: str | None = None
    licence: str | None = None
    excerpt: bool = False
    text: str
    claims: list[Expected] = Field(default_factory=list)


def annotation_schema() -> dict:
    return Annotated.model_json_schema()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=dict)
    missed: list[tuple[str, Expected, list[Claim]]] = field(default_factory=list)
    spurious: list[Claim] = field(default_factory=list)
    articles: int = 0

    def score(self, kind: str) -> Score:
        return self.scores.setdefault(kind, Score())

    def overall(self) -> Score:
        total = Score()
        for s in self.scores.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    def figures(self) -> dict:
        rows = {k: self.scores[k] for k in sorted(self.scores)} | {"overall": self.overall()}
        return {k: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                    "tp": s.tp, "fp": s.fp, "fn": s.fn} for k, s in rows.items()}


def load(paths: list[Path]) -> list[tuple[str, Annotated]]:
    """Annotated articles from YAML files or folders of them; every malformed file is reported at once."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.yaml") if p.name != FACTS_FILE))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError([Problem(display_path(path), None, None, "no such file or folder")])
    out, problems = [], []
    for file in files:
        data, positions = read_yaml(file)
        try:
            out.append((display_path(file), Annotated.model_validate(data)))
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                line, col = next((positions[loc[:n]] for n in range(len(loc), -1, -1) if loc[:n] in positions),
                                 (None, None))
                problems.append(Problem(display_path(file), line, col, f"{'.'.join(map(str, loc))}: {err['msg']}"))
    if problems:
        raise UsageError(problems)
    if not out:
        raise UsageError("no annotated articles (*.yaml) found")
    return out


def evaluate(grammar: Grammar, annotated: list[tuple[str, Annotated]], kinds: set[str] | None = None) -> Evaluation:
    """Run extraction on each annotated text and match claims one to one: same line, kind and value.

    Only the kinds the annotations use are scored (a kind kept as evidence only, like datelines, is not)."""
    result = Evaluation()
    kinds = kinds or {e.kind for _, article in annotated for e in article.claims}
    for _, article in annotated:
        result.articles += 1
        source = Source(id=article.id, path=article.id, date=article.date, outlet=article.source, lang=article.lang)
        found = Extractor(grammar, article.lang).run(Article(source, normalise(article.text))).claims
        if kinds:
            found = [c for c in found if c.kind in kinds]
        expected = [e for e in article.claims if not kinds or e.kind in kinds]
        unused = list(found)
        for e in sorted(expected, key=lambda e: e.optional):  # required claims take their match first
            match = next((c for c in unused if c.line == e.line and c.kind == e.kind
                          and same_value(e.value, c.notation())), None)
            if match is not None:
                unused.remove(match)
                if not e.optional:
                    result.score(e.kind).tp += 1
            elif not e.optional:
                result.score(e.kind).fn += 1
                result.missed.append((article.id, e, [c for c in found if c.line == e.line and c.kind == e.kind]))
        for claim in unused:
            optional_here = any(e.optional and e.line == claim.line and e.kind == claim.kind for e in expected)
            if not optional_here:
                result.score(claim.kind).fp += 1
                result.spurious.append(claim)
    return result


def check(evaluation: Evaluation, kinds: list[str], min_precision: float, min_recall: float,
          baseline: dict | None = None, margin: float = 0.0) -> list[str]:
    """What falls below the thresholds (or below the recorded baseline minus a margin)."""
    figures = evaluation.figures()
    failures = []
    for kind in kinds:
        f = figures.get(kind)
        if f is None:
            continue
        floor_p = max(min_precision, (baseline or {}).get(kind, {}).get("precision", 0) - margin)
        floor_r = max(min_recall, (baseline or {}).get(kind, {}).get("recall", 0) - margin)
        if f["precision"] < floor_p:
            failures.append(f"{kind}: precision {f['precision']:.3f} < {floor_p:.3f}")
        if f["recall"] < floor_r:
            failures.append(f"{kind}: recall {f['recall']:.3f} < {floor_r:.3f}")
    return failures


def markdown_table(evaluation: Evaluation) -> str:
    lines = ["| kind | precision | recall | F1 | found right | spurious | missed |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, f in evaluation.figures().items():
        lines.append(f"| {kind} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} | {f['tp']} | {f['fp']} "
                     f"| {f['fn']} |")
    return "\n".join(lines)


def update_readme(readme: Path, evaluation: Evaluation, command: str, block: str = "eval") -> None:
    """Rewrite the block between the README's <!-- {block}:start --> and <!-- {block}:end --> markers."""
    write_block(readme, block, f"{markdown_table(evaluation)}\n\n{evaluation.articles} annotated articles; "
                               f"regenerate with `{command}`.")


def write_block(readme: Path, block: str, body: str) -> None:
    """Rewrite the text between the README's <!-- {block}:start --> and <!-- {block}:end --> markers."""
    start, end = f"<!-- {block}:start -->", f"<!-- {block}:end -->"
    text = readme.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise UsageError(f"{readme}: no {start} … {end} block to write the figures into")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{body}\n{end}{tail}", encoding="utf-8")


def write_baseline(path: Path, evaluation: Evaluation) -> None:
    path.write_text(json.dumps(evaluation.figures(), indent=2) + "\n", encoding="utf-8")
