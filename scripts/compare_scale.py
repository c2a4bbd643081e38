"""How long compare takes to group many claims: a corpus extracted once, then its articles repeated with
their dates shifted (so that each copy is a new set of incidents), and grouped.

    python scripts/compare_scale.py ../shared/corpus/gunviolence-en.jsonl.gz --copies 1 5 20

Prints claims, articles, seconds, claims per second and peak memory (of this process: the claims themselves
included) for each number of copies. Copies are added to those of the row before, so that a million claims
(`--copies 1 10 50`) are built once."""

from __future__ import annotations

import argparse
import calendar
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

SHIFT_YEARS = 8  # each copy lies this many years later: never within one incident of another; whole years
# keep every day and month a claim states (and leap days, but for a century)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--jobs", type=int, default=pipeline.jobs_default(),
                        help="threads that share the grouping, as `checker compare --jobs` (default: every core)")
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
        group_claims(claims, sources, Settings(), Context(sources, profiles, grammar.event_kinds, grammar.gazetteer),
                     args.jobs)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {len(claims):,} | {len(profiles):,} | {seconds:.1f} | {len(claims) / seconds:,.0f} | {peak:,.0f} |",
              flush=True)
    return 0


def _add_copy(results, k: int, sources: dict, claims: list, profiles: list) -> None:
    """The k-th copy of the extracted articles, every date in it (the articles' and their claims') shifted k times
    SHIFT_YEARS, its ids suffixed '#k'. Claims' dates move with their article's: left behind, they would read as
    past events recalled years on, and every copy would link to the first."""
    years = SHIFT_YEARS * k

    def moved(year: int, month: int, day: int) -> tuple[int, int, int]:
        """A day moved `years` on; 29 February becomes the 28th in a year that has none."""
        year += years
        return year, month, min(day, calendar.monthrange(year, month)[1])

    def day(d: dt.date | None) -> dt.date | None:
        return dt.date(*moved(d.year, d.month, d.day)) if d else None

    def span(d):
        if d is None or d.year is None:
            return d
        year, *start = moved(d.year, *d.start)
        return replace(d, year=year, start=tuple(start), end=tuple(moved(d.year, *d.end)[1:]))

    for r in results:
        sid = f"{r.source.id}#{k}"
        sources[sid] = replace(r.source, id=sid, date=day(r.source.date))
        claims.extend(replace(c, source=sid, event_date=day(c.event_date), as_of=day(c.as_of), date=span(c.date))
                      for c in r.claims)
        if r.profile:
            profiles.append(replace(r.profile, source=sid, date=day(r.profile.date)))  # recalls: set in compare


if __name__ == "__main__":
    sys.exit(main())
