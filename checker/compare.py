"""Claims -> groups of claims about one fact, each with a verdict: conflict, compatible, agree, single.

A fact is a kind, a place, a scope (a 24-hour count is never compared with a running total) and who is
counted (children apart from people in general), or for dates the event they date. Within a key, claims
far apart in time are different facts (two floods in one city a year apart); running totals may grow
between publication dates, and only a later total below an earlier one conflicts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from checker.models import Claim, Group, Interval, Source

VERDICTS = ("conflict", "compatible", "agree", "single")
UNSCOPED = "—"


@dataclass(frozen=True)
class Settings:
    tolerance: float = 0.0  # relative: 0.1 lets values 10% apart pass
    window_days: int = 30  # running totals published further apart than this are different facts
    event_days: int = 3  # dates of one kind of event further apart are different events (two quakes)
    window_scope_days: int = 1  # counts over a window ('24 jam') compare only within a day


def group_claims(claims: list[Claim], sources: dict[str, Source], settings: Settings = Settings()) -> list[Group]:
    """Every claim in exactly one group, groups sorted: conflicts first, then by kind, place, scope."""
    keyed: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.compared and not claim.part:  # 'including 70 children' is part of another count
            keyed[_key(claim)].append(claim)
    groups = []
    for key, members in keyed.items():
        for cluster in _clusters(members, sources, settings):
            groups.append(_judge(key, cluster, sources, settings))
    return sorted(groups, key=_order)


def _key(claim: Claim) -> tuple:
    # A claim that names no place is about no place we know: it is compared within its own source only.
    place = claim.place_id or ("", claim.source)
    if claim.date is not None:
        return (claim.kind, place, claim.event or UNSCOPED, "event", None)
    scope = claim.scope
    return (claim.kind, place, scope.key if scope else UNSCOPED, scope.kind if scope else "unscoped",
            claim.subject)


def _order(group: Group) -> tuple:
    return (VERDICTS.index(group.verdict), group.kind, group.place or "~", group.scope or "", group.subject or "",
            [(c.source, c.line, c.column) for c in group.claims])


def _when(claim: Claim, sources: dict[str, Source]) -> dt.date | None:
    source = sources.get(claim.source)
    return source.date if source else None


def _clusters(members: list[Claim], sources: dict[str, Source], settings: Settings) -> list[list[Claim]]:
    """Split one key's claims into facts: by event date for dates, by publication date for counts."""
    members = sorted(members, key=lambda c: (c.source, c.line, c.column))
    scope_kind = _key(members[0])[3]
    if scope_kind == "since":
        return [members]
    if scope_kind == "event":
        return _chain(members, lambda c: c.date.day_of_year()[0] if c.date.year is None else None,
                      lambda c: c.date.dates()[0] if c.date.dates() else None, settings.event_days, circular=True)
    gap = settings.window_scope_days if scope_kind == "window" else settings.window_days
    return _chain(members, lambda c: None, lambda c: _when(c, sources), gap)


def _chain(members, day_of_year, when, gap: int, circular: bool = False) -> list[list[Claim]]:
    """Single-linkage clusters of claims whose dates lie within `gap` days of each other.

    Claims with no date join the one cluster when there is one, else stay together apart."""
    dated = sorted((m for m in members if when(m) is not None), key=when)
    loose = [m for m in members if when(m) is None]
    clusters: list[list[Claim]] = []
    for m in dated:
        if clusters and (when(m) - when(clusters[-1][-1])).days <= gap:
            clusters[-1].append(m)
        else:
            clusters.append([m])
    if circular and loose and any(day_of_year(m) is not None for m in loose):
        # dates with unknown year: cluster on the day of the year, round the year's end
        by_day = sorted(loose, key=day_of_year)
        loose_clusters = [[by_day[0]]]
        for m in by_day[1:]:
            if day_of_year(m) - day_of_year(loose_clusters[-1][-1]) <= gap:
                loose_clusters[-1].append(m)
            else:
                loose_clusters.append([m])
        if len(loose_clusters) > 1 and day_of_year(by_day[0]) + 366 - day_of_year(by_day[-1]) <= gap:
            loose_clusters[0] = loose_clusters.pop() + loose_clusters[0]
        if len(clusters) == 1 and len(loose_clusters) == 1:
            return [clusters[0] + loose_clusters[0]]
        return clusters + loose_clusters
    if loose:
        if len(clusters) == 1:
            clusters[0].extend(loose)
        else:
            clusters.append(loose)
    return clusters


def _interval(claim: Claim) -> Interval:
    if claim.quantity is not None:
        return claim.quantity.interval
    if claim.date.year is None:
        start, end = claim.date.day_of_year()
    else:
        first, last = claim.date.dates()
        start, end = first.toordinal(), last.toordinal()
    return Interval(start, end)


def _comparable(a: Claim, b: Claim) -> bool:
    """Dates with and without a year cannot be laid on one line: compare only day-of-year with day-of-year."""
    if a.date is None:
        return True
    return (a.date.year is None) == (b.date.year is None)


def pair(a: Claim, b: Claim, sources: dict[str, Source], settings: Settings, running: bool,
         explicit: bool = True) -> str:
    """agree | overlap | growth | lower | conflict | unknown, for two claims of one group.

    A running total that is lower later conflicts when the scope says it is a total ('total', 'sejak',
    'mencapai'); a count with no scope that is lower on a later day may be another incident ('lower')."""
    if not _comparable(a, b):
        return "unknown"
    x, y = _interval(a), _interval(b)
    magnitude = max(x.magnitude(), y.magnitude())
    tolerance = settings.tolerance * magnitude
    if _same(x, y, tolerance):
        return "agree"
    if x.gap(y) <= tolerance:
        return "overlap"
    if running:
        da, db = _when(a, sources), _when(b, sources)
        if da and db and da != db:
            earlier, later = (x, y) if da < db else (y, x)
            if earlier.high is not None and later.low is not None and later.low >= earlier.high:
                return "growth"  # a later running total above an earlier one
            if not explicit:
                return "lower"
    return "conflict"


def _same(x: Interval, y: Interval, tolerance: float) -> bool:
    def close(p, q):
        return (p is None and q is None) or (p is not None and q is not None and abs(p - q) <= tolerance)

    return close(x.low, y.low) and close(x.high, y.high) and (
        tolerance > 0 or (x.low_inclusive, x.high_inclusive) == (y.low_inclusive, y.high_inclusive))


def _judge(key: tuple, claims: list[Claim], sources: dict[str, Source], settings: Settings) -> Group:
    kind, place, scope, scope_kind, subject = key
    place_id = place if isinstance(place, str) else None
    running = scope_kind in ("since", "total", "unscoped")
    across, within = set(), set()
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a.source != b.source:
                across.add(pair(a, b, sources, settings, running, explicit=scope_kind != "unscoped"))
            elif scope_kind != "unscoped":  # two unscoped counts of one article are usually parts of a whole
                within.add(pair(a, b, sources, settings, running))
    n_sources = len({c.source for c in claims})
    notes = []
    if "conflict" in across:
        verdict = "conflict"
    elif n_sources == 1:
        verdict = "single"
    elif across & {"overlap", "growth", "lower", "unknown"}:
        verdict = "compatible"
    else:
        verdict = "agree"
    if "conflict" in within:
        notes.append("a source disagrees with itself")
    if "unknown" in across:
        notes.append("some dates have no known year")
    if "lower" in across:
        notes.append("a count with no scope is lower on a later day: a correction, or another incident")
    trend = "rising" if "growth" in across else None
    if trend:
        notes.append("the running total grew between publication dates")
    place = next((c.place for c in claims if c.place), None)
    return Group(kind=kind, place=place, place_id=place_id, scope=scope, subject=subject, verdict=verdict,
                 claims=tuple(claims),
                 within_source="conflict" in within, trend=trend,
                 spread=spread(claims), notes=tuple(notes))


def spread(claims: list[Claim]) -> str:
    """How far the claims lie apart: the range of their written values and its relative width."""
    if claims[0].date is not None:
        spans = [c.date.dates() for c in claims if c.date.dates()]
        if len(spans) < 2:
            return ""
        days = (max(s[1] for s in spans) - min(s[0] for s in spans)).days
        return f"{days} days" if days else ""
    values = [_representative(c) for c in claims]
    if len(values) < 2 or min(values) == max(values):
        return ""
    low, high = min(values), max(values)
    return f"{low:,}–{high:,} ({(high - low) / high:.0%})" if high else f"{low:,}–{high:,}"


def _representative(claim: Claim):
    """One number for a claim: its written lower bound, else its upper bound."""
    n = claim.quantity.nominal
    return n.low if n.low is not None else n.high
