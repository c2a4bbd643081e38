"""How long compare takes to group many claims: a corpus extracted once, then its articles repeated with
their dates shifted (so that each copy is a new set of incidents), and grouped.

    python scripts/compare_scale.py ../shared/corpus/gunviolence-en.jsonl.gz --copies 1 5 20

Prints claims, articles, seconds, claims per second and peak memory (of this process: the claims themselves
included) for each number of copies. Copies are added to those of the row before, so that a million claims
(`--copies 1 10 50`) are built once."""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import pipeline  # noqa: E402
from checker.api import load_grammar  # noqa: E402
from checker.facts import Context, Settings, group_claims  # noqa: E402

SHIFT_DAYS = 2000  # each copy lies this much later: never within one incident of another


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 5, 20])
    args = parser.parse_args()
    results = list(pipeline.extract([args.corpus], None, None, None, pipeline.Run()))
    grammar = load_grammar()
    print("| claims | articles | seconds | claims/s | peak MiB |\n|---:|---:|---:|---:|---:|")
    sources, claims, profiles = {}, [], []
    made = 0
    for copies in sorted(args.copies):
        for k in range(made, copies):
            _add_copy(results, k, sources, claims, profiles)
        made = max(made, copies)
        start = time.perf_counter()
        group_claims(claims, sources, Settings(), Context(sources, profiles, grammar.event_kinds, grammar.gazetteer))
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {len(claims):,} | {len(profiles):,} | {seconds:.1f} | {len(claims) / seconds:,.0f} | {peak:,.0f} |",
              flush=True)
    return 0


def _add_copy(results, k: int, sources: dict, claims: list, profiles: list) -> None:
    """The k-th copy of the extracted articles, its dates shifted k times SHIFT_DAYS, its ids suffixed '#k'."""
    shift = dt.timedelta(days=SHIFT_DAYS * k)
    for r in results:
        sid = f"{r.source.id}#{k}"
        sources[sid] = replace(r.source, id=sid, date=r.source.date + shift if r.source.date else None)
        claims.extend(replace(c, source=sid) for c in r.claims)
        if r.profile:
            profiles.append(replace(r.profile, source=sid, date=r.profile.date + shift if r.profile.date else None))


if __name__ == "__main__":
    sys.exit(main())
