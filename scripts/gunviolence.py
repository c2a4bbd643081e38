"""Incident grouping at scale, against the Gun Violence Archive labels of the SemEval-2018 Task 5 corpus.

    python scripts/gunviolence.py ../shared/corpus/gunviolence-en.jsonl.gz

Each article of the corpus was collected for one incident (its `event`). Over pairs of death and injury
claims from different articles, it prints the share of the pairs that `compare` puts in one group that come
from one incident (precision), and the share of the pairs of one kind from one incident that share a group
(recall). The labels are a proxy: an article may also report other incidents, and later articles (a trial,
a funeral) fall outside the incident window by design. It then says why the pairs of one kind and incident
that share no group stand apart, taking the first reason that holds: they were put in different incidents
(their articles were, or one claim is about another event); the two claims count different people (one
counts everyone shot, the other the injured; 'three others' against a whole toll; children or police among
them; a part of a list); their places lie apart; their kinds of event; or something else (the time each is
as of, a figure below its article's largest, set apart as a breakdown)."""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import pipeline  # noqa: E402
from checker.api import load_grammar  # noqa: E402
from checker.evaluate_facts import where  # noqa: E402
from checker.facts import NOT_THE_ARTICLES, Context, Settings, group_claims  # noqa: E402

KINDS = ("deaths", "injured")


def pairs_across(counts_by_article: Counter) -> int:
    """Pairs of claims from different articles, given how many claims each article has."""
    n = sum(counts_by_article.values())
    return n * (n - 1) // 2 - sum(c * (c - 1) // 2 for c in counts_by_article.values())


TOGETHER = "share a group"
REASONS = (TOGETHER, "apart: put in different incidents", "apart: counting different people",
           "apart: places apart", "apart: kinds of event apart", "apart: otherwise")


def why_apart(same: dict[tuple, list], groups) -> Counter:
    """For each pair of claims of one kind and incident from different articles, whether they share a group
    and, if not, the first reason of REASONS that holds."""
    group_of = {where(c): k for k, group in enumerate(groups) for c in group.claims}
    out: Counter = Counter()
    for claims in same.values():
        for a, b in itertools.combinations(claims, 2):
            if a.source == b.source:
                continue
            ga, gb = group_of.get(where(a)), group_of.get(where(b))
            if ga is not None and ga == gb:
                out[TOGETHER] += 1
            elif ga is None or gb is None:  # every compared claim is in a group: never, but never a crash
                out[REASONS[5]] += 1
            elif groups[ga].incident != groups[gb].incident:
                out[REASONS[1]] += 1
            elif (a.scope and a.scope.key, a.subject, a.part) != (b.scope and b.scope.key, b.subject, b.part):
                out[REASONS[2]] += 1
            elif groups[ga].place_id != groups[gb].place_id:  # the places compare gave them
                out[REASONS[3]] += 1
            elif a.event != b.event:
                out[REASONS[4]] += 1
            else:
                out[REASONS[5]] += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--readme", type=Path, help="write the figures into this README's gunviolence block")
    args = parser.parse_args()
    labels = {}
    with gzip.open(args.corpus, "rt", encoding="utf-8") if args.corpus.suffix == ".gz" else open(args.corpus) as f:
        for line in f:
            record = json.loads(line)
            labels[record["id"]] = record["event"]
    start = time.perf_counter()
    run = pipeline.Run()
    sources, claims, profiles = {}, [], []
    for result in pipeline.extract([str(args.corpus)], None, None, args.jobs, run):
        sources[result.source.id] = result.source
        claims.extend(result.claims)
        if result.profile:
            profiles.append(result.profile)
    extracted = time.perf_counter()
    grammar = load_grammar()
    groups = group_claims(claims, sources, Settings(), Context(sources, profiles, grammar.event_kinds,
                                                               grammar.gazetteer))
    grouped = time.perf_counter()
    shared = shared_same = 0
    for group in groups:
        if group.kind not in KINDS:
            continue
        by_article = Counter(c.source for c in group.claims)
        shared += pairs_across(by_article)
        by_label: dict[str, Counter] = defaultdict(Counter)
        for c in group.claims:
            by_label[labels[c.source]][c.source] += 1
        shared_same += sum(pairs_across(counts) for counts in by_label.values())
    same: dict[tuple, list] = defaultdict(list)
    for c in claims:
        if c.kind in KINDS and c.compared and NOT_THE_ARTICLES.isdisjoint(c.flags):
            same[(labels[c.source], c.kind)].append(c)
    reasons = why_apart(same, groups)
    same_pairs, together = sum(reasons.values()), reasons[TOGETHER]
    precision = shared_same / shared if shared else 1.0
    recall = together / same_pairs if same_pairs else 1.0
    print(f"{len(sources):,} articles, {sum(1 for c in claims if c.kind in KINDS):,} death and injury claims; "
          f"extraction {extracted - start:.1f} s, grouping {grouped - extracted:.1f} s")
    print(f"pairs sharing a group: {shared:,}, from one incident: {shared_same:,} (precision {precision:.3f})")
    print(f"pairs of one kind from one incident: {same_pairs:,}, sharing a group: {together:,} "
          f"(recall {recall:.3f})")
    for reason in REASONS[1:]:
        print(f"  {reason}: {reasons[reason]:,} ({reasons[reason] / max(same_pairs, 1):.3f})")
    if args.readme:
        from checker.evaluate import write_block

        write_block(args.readme, "gunviolence", "\n".join([
            "| articles | death and injury claims | pairs sharing a group | of one incident (precision) | "
            "pairs of one kind and incident | sharing a group (recall) |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {len(sources):,} | {sum(1 for c in claims if c.kind in KINDS):,} | {shared:,} | {shared_same:,} "
            f"({precision:.3f}) | {same_pairs:,} | {together:,} ({recall:.3f}) |",
            "",
            "| pairs of one kind and incident | pairs | share |",
            "|---|---:|---:|",
            *(f"| {reason} | {reasons[reason]:,} | {reasons[reason] / max(same_pairs, 1):.3f} |"
              for reason in REASONS)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
