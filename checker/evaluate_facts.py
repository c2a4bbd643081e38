"""Measure compare against hand-annotated facts: grouping, places and verdicts.

Each set of annotated articles is compared as a user would compare them (`checker compare` on the set);
found claims are matched one to one to annotated ones (same article, line, kind and value) and scored:

- pairwise precision, recall and F1 over pairs of claims from different articles (same fact annotated,
  same group found), and B-cubed over every matched claim (one that compare puts in no group, such as a
  date kept as evidence alone, is a group of its own);
- the share of facts stated in two or more articles whose claims from at least two articles share a group;
- place accuracy: the found place is the annotated one (exact) or contains or lies in it (compatible);
- verdicts: the verdict of the group holding most of a fact's claims against the annotated one, and every
  conflict found between claims the annotation says state different facts (a false conflict)."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from checker.facts import VERDICTS, Context, Settings, group_claims
from checker.evaluate import FACTS_FILE, Annotated, Expected
from checker.extractor import Extractor
from checker.grammar import Grammar
from checker.models import Claim, Source
from checker.rules import read_yaml
from checker.ruletest import same_value
from checker.sources import Article, normalise


@dataclass
class FactScore:
    """The figures of one set (or of several summed)."""

    pairs_tp: int = 0
    pairs_fp: int = 0
    pairs_fn: int = 0
    bcubed_p: float = 0.0
    bcubed_r: float = 0.0
    bcubed_n: int = 0
    facts_multi: int = 0
    facts_formed: int = 0
    places: int = 0
    places_exact: int = 0
    places_compatible: int = 0
    places_none: int = 0
    confusion: Counter = field(default_factory=Counter)  # (annotated verdict, found verdict) -> facts
    false_conflicts: list[str] = field(default_factory=list)
    missed_conflicts: list[str] = field(default_factory=list)
    articles: int = 0

    def add(self, other: FactScore) -> None:
        for name in ("pairs_tp", "pairs_fp", "pairs_fn", "bcubed_p", "bcubed_r", "bcubed_n", "facts_multi",
                     "facts_formed", "places", "places_exact", "places_compatible", "places_none", "articles"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.confusion.update(other.confusion)
        self.false_conflicts.extend(other.false_conflicts)
        self.missed_conflicts.extend(other.missed_conflicts)

    def figures(self) -> dict:
        p = self.pairs_tp / (self.pairs_tp + self.pairs_fp) if self.pairs_tp + self.pairs_fp else 1.0
        r = self.pairs_tp / (self.pairs_tp + self.pairs_fn) if self.pairs_tp + self.pairs_fn else 1.0
        bp = self.bcubed_p / self.bcubed_n if self.bcubed_n else 1.0
        br = self.bcubed_r / self.bcubed_n if self.bcubed_n else 1.0
        return {
            "pair_precision": round(p, 3), "pair_recall": round(r, 3),
            "pair_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "bcubed_precision": round(bp, 3), "bcubed_recall": round(br, 3),
            "facts_formed": round(self.facts_formed / self.facts_multi, 3) if self.facts_multi else 1.0,
            "facts_multi": self.facts_multi,
            "place_exact": round(self.places_exact / self.places, 3) if self.places else 1.0,
            "place_compatible": round(self.places_compatible / self.places, 3) if self.places else 1.0,
            "place_unknown": round(self.places_none / self.places, 3) if self.places else 0.0,
            "false_conflicts": len(self.false_conflicts), "missed_conflicts": len(self.missed_conflicts),
            "verdicts": {f"{a}->{b}": n for (a, b), n in sorted(self.confusion.items())},
            "articles": self.articles,
        }


def annotated_sets(loaded: list[tuple[str, Annotated]]) -> dict[str, list[tuple[str, Annotated]]]:
    """Annotated articles by folder: each folder is one set, compared on its own."""
    sets: dict[str, list] = defaultdict(list)
    for path, article in loaded:
        sets[str(Path(path).parent)].append((path, article))
    return dict(sets)


def expected_verdicts(folder: str) -> dict[str, str]:
    path = Path(folder) / FACTS_FILE
    if not path.exists():
        return {}
    data, _ = read_yaml(path)
    return {f["id"]: f["verdict"] for f in (data or {}).get("facts", [])}


def evaluate(grammar: Grammar, articles: list[tuple[str, Annotated]], verdicts: dict[str, str],
             settings: Settings = Settings()) -> FactScore:
    """Compare one set of annotated articles and score what was grouped."""
    score = FactScore(articles=len(articles))
    if not any(e.fact for _, a in articles for e in a.claims):
        return score
    sources, claims, profiles, gold = {}, [], [], {}
    for _, article in articles:
        source = Source(id=article.id, path=article.id, date=article.date, outlet=article.source,
                        lang=article.lang, title=article.title, url=article.url)
        result = Extractor(grammar, article.lang).run(Article(source, normalise(article.text)))
        sources[source.id] = result.source
        claims.extend(result.claims)
        if result.profile:
            profiles.append(result.profile)
        gold.update(_match(result.claims, article))
    context = Context(sources, profiles, grammar.event_kinds, grammar.gazetteer)
    groups = group_claims(claims, sources, settings, context)
    found: dict[tuple, int] = {}
    placed: dict[tuple, str | None] = {}
    verdict_of: dict[int, str] = {}
    for g, group in enumerate(groups):
        verdict_of[g] = group.verdict
        for c in group.claims:
            found[where(c)] = g
            placed[where(c)] = c.place_id
    matched = [(k, e) for k, e in gold.items() if e.fact and k in found]
    # a claim found but put in no group (kept as evidence, told alike nowhere) is a group of its own
    alone = {k: ("alone", k) for k, e in gold.items() if e.fact and not e.optional and k not in found}
    scored, homes = matched + [(k, gold[k]) for k in alone], {**found, **alone}
    _pairs(score, scored, homes)
    _bcubed(score, scored, homes)
    _formed(score, matched, found, gold)
    _places(score, gold, placed, grammar)
    _verdicts(score, matched, found, groups, verdicts, gold)
    return score


def where(c: Claim) -> tuple:
    """A found claim, told apart from the others at its place: a list's sum and counts stand at one column."""
    return (c.source, c.line, c.column, c.kind, c.notation())


def _match(found: list[Claim], article: Annotated) -> dict[tuple, Expected]:
    """Found claims matched one to one to annotated ones: same line, kind and value (those of a fact first,
    then required ones)."""
    out, unused = {}, list(found)
    for e in sorted(article.claims, key=lambda e: (e.fact is None, e.optional)):
        c = next((c for c in unused if c.line == e.line and c.kind == e.kind and same_value(e.value, c.notation())),
                 None)
        if c is not None:
            unused.remove(c)
            out[where(c)] = e
    return out


def _pairs(score: FactScore, matched, found) -> None:
    for (a, ea), (b, eb) in itertools.combinations(matched, 2):
        if a[0] == b[0]:
            continue  # pairs across articles only: within one article there is nothing to compare
        same_fact, same_group = ea.fact == eb.fact, found[a] == found[b]
        score.pairs_tp += same_fact and same_group
        score.pairs_fp += same_group and not same_fact
        score.pairs_fn += same_fact and not same_group


def _bcubed(score: FactScore, matched, found) -> None:
    by_fact, by_group = Counter(e.fact for _, e in matched), Counter(found[k] for k, _ in matched)
    both = Counter((e.fact, found[k]) for k, e in matched)
    for k, e in matched:
        shared = both[(e.fact, found[k])]
        score.bcubed_p += shared / by_group[found[k]]
        score.bcubed_r += shared / by_fact[e.fact]
        score.bcubed_n += 1


def _formed(score: FactScore, matched, found, gold) -> None:
    articles_of = defaultdict(set)
    for k, e in gold.items():
        if e.fact and not e.optional:
            articles_of[e.fact].add(k[0])
    groups_of = defaultdict(lambda: defaultdict(set))
    for k, e in matched:
        groups_of[e.fact][found[k]].add(k[0])
    for fact, arts in articles_of.items():
        if len(arts) < 2:
            continue
        score.facts_multi += 1
        if any(len(a) >= 2 for a in groups_of[fact].values()):
            score.facts_formed += 1


def _places(score: FactScore, gold, placed, grammar: Grammar) -> None:
    gaz = grammar.gazetteer
    for k, e in gold.items():
        if not e.place or k not in placed or e.optional:
            continue
        want = _resolve(e.place, gaz)
        if want is None:
            continue
        got = placed[k]
        score.places += 1
        if got is None:
            score.places_none += 1
        elif got == want:
            score.places_exact += 1
            score.places_compatible += 1
        elif gaz.contains(got, want) or gaz.contains(want, got) or gaz.compatible(got, want):
            score.places_compatible += 1


def _resolve(chain: str, gazetteer) -> str | None:
    """The most specific part of an annotated place chain ('Kosambi, Tangerang, Banten, Indonesia') that
    the gazetteer knows, each part read with the rest of the chain beside it (so that a small town is found
    where its state is named: 'Roseburg, Oregon')."""
    spans = {(start, end): pid for start, end, pid in gazetteer.find(chain)}
    at = 0
    for part in chain.split(","):
        start = at + len(part) - len(part.lstrip())
        end = at + len(part.rstrip())
        if (start, end) in spans:
            return spans[start, end]
        at += len(part) + 1
    return None


def _verdicts(score: FactScore, matched, found, groups, verdicts, gold) -> None:
    facts_in = defaultdict(Counter)
    for k, e in matched:
        facts_in[found[k]][e.fact] += 1
    for fact, expected in verdicts.items():
        homes = Counter(found[k] for k, e in matched if e.fact == fact)
        got = groups[homes.most_common(1)[0][0]].verdict if homes else "missed"
        if got != "missed":
            arts = {k[0] for k, e in matched if e.fact == fact and found[k] == homes.most_common(1)[0][0]}
            got = got if len(arts) >= 2 or got == "single" else "single"
        score.confusion[(expected, got)] += 1
        if expected == "conflict" and got != "conflict":
            score.missed_conflicts.append(f"{fact}: found {got}")
    for g, group in enumerate(groups):
        if group.verdict != "conflict":
            continue
        facts = [f for f in facts_in[g]]
        wrong = len(facts) > 1 or any(verdicts.get(f, "conflict") != "conflict" for f in facts)
        if wrong:
            claims = ", ".join(f"{c.source}:{c.line} {c.value()}" for c in group.claims)
            score.false_conflicts.append(f"{group.kind} {group.place or ''} [{', '.join(facts) or 'unannotated'}]: "
                                         f"{claims}")


def markdown_table(rows: dict[str, FactScore]) -> str:
    lines = ["| set | articles | pair P | pair R | pair F1 | B³ P | B³ R | facts formed | place exact | "
             "place compatible | false conflicts | missed conflicts |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, score in rows.items():
        f = score.figures()
        lines.append(f"| {name} | {f['articles']} | {f['pair_precision']:.3f} | {f['pair_recall']:.3f} | "
                     f"{f['pair_f1']:.3f} | {f['bcubed_precision']:.3f} | {f['bcubed_recall']:.3f} | "
                     f"{f['facts_formed']:.3f} of {f['facts_multi']} | {f['place_exact']:.3f} | "
                     f"{f['place_compatible']:.3f} | {f['false_conflicts']} | {f['missed_conflicts']} |")
    return "\n".join(lines)


def verdict_table(score: FactScore) -> str:
    found = [*VERDICTS, "missed"]
    lines = ["| annotated \\ found | " + " | ".join(found) + " |", "|---|" + "---:|" * len(found)]
    for expected in ("conflict", "compatible", "agree"):
        lines.append(f"| {expected} | " + " | ".join(str(score.confusion.get((expected, f), 0)) for f in found) + " |")
    return "\n".join(lines)
