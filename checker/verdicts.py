"""Claims of one fact, compared: what each pair of them says (agree, overlap, growth, conflict …), and what all
the pairs say together, found from the kinds of claim alike rather than from every pair."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from checker.models import Claim, Interval

if TYPE_CHECKING:
    from checker.facts import Settings

PART_RATIO = 3  # a bare count of a few people below a third of another's the same day is taken for a part
PART_MAX = 3
REVISED = 0.5  # a later, lower count of an event that comes once, above this share of the earlier, tells its toll
TOUCHING = 1e-9  # intervals this close meet at an end that one of them leaves out ('several' beside 10)


def interval(claim: Claim) -> Interval:
    """A claim on a line: its count's interval, or its days (as ordinals, or days of the year with no year)."""
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


def pair(a: Claim, b: Claim, day_a: dt.date | None, day_b: dt.date | None, settings: Settings,
         running: bool, window: bool, specific=lambda c: True, once=lambda c: False,
         dead: dict[str, frozenset[int]] | None = None) -> str:
    """agree | overlap | growth | lower | part | attacker | dead | died | conflict | unknown, for two claims of one
    fact at these days.

    A running total may grow from one day to a later one; lower later, it conflicts when both say they are
    totals ('mencapai', 'since 2011'); a bare count lower on a later day ('menewaskan 12 orang') may be a
    correction or a smaller event of the same story: 'lower', marked, not judged; but where both count an event
    that comes once to a story (`once`: a crash, not a war's attacks) and the later is more than REVISED of the
    earlier (274 after 279, not one district's 12 after a province's 100), it tells the same toll otherwise: a
    conflict. Counts over a window ('24 jam terakhir') of different days are different numbers: unknown. A bare
    count below a third of another on the same day, counting three people or fewer, is taken for a part of it
    (a victim named, one village's two), and so is one person beside two or more: 'part', marked. Two dates of
    a kind of event that recurs in a story disagree only where both texts place it below a country
    (`specific`): a war's attacks on the 13th and the 15th are two attacks. Two death tolls one apart, where an
    article says the attacker died too, may be one toll with and without the attacker: 'attacker', marked, not
    judged a conflict. Two exact counts of the hurt apart by exactly a death toll that both their articles give
    (`dead`, by source) may be one count with and without the dead ('A total of 10 victims were shot … One man
    was killed' against 'Nine people were shot and one man was killed'): 'dead', marked, not judged a
    conflict; and so, 'died', are two on different days, the later lower by a death toll its article gives and
    the earlier's does not: the hurt who died between."""
    if not _comparable(a, b):
        return "unknown"
    if a.date is not None and not (specific(a) and specific(b)):
        return "unknown"  # two days of 'an attack' in a country: two attacks of a war, or one misdated
    x, y = interval(a), interval(b)
    tolerance = settings.tolerance * max(x.magnitude(), y.magnitude()) if settings.tolerance else 0.0
    if a.part and b.part and not (a.subject or b.subject):
        return "unknown"  # some of one set, some of another maybe: never judged against each other
    if _who(a) != _who(b):  # '2 women' against '2 people': a part of the toll, against the toll
        if _who(a) and _who(b):
            return "unknown"
        part, whole = (x, y) if _who(a) else (y, x)
        if part.low is not None and whole.high is not None and part.low > whole.high + tolerance and (
                day_a == day_b or not (running or window)):  # two days' counts of a window are two numbers
            if _attacker(a, b, x, y, tolerance):
                return "attacker"
            return _part_or_conflict(a, b, x, y)  # more children dead than people dead, unless the 'whole' is
            # a few people far below: itself a part (one victim named)
        return "agree" if _same(x, y, tolerance) else "overlap"
    if _same(x, y, tolerance):
        return "agree"
    if x.gap(y) <= tolerance or (x.gap(y) < TOUCHING and (_vague(a) or _vague(b))):
        return "overlap"  # 'several' ([2,10)) beside 10: a word's bound is a convention, not a claim
    if day_a and day_b and day_a != day_b:
        if window:
            return "unknown"
        if running:
            earlier, later = (x, y) if day_a < day_b else (y, x)
            if earlier.high is not None and later.low is not None and later.low >= earlier.high - tolerance:
                return "growth"
            if (a.scope is None or b.scope is None) and not (
                    once(a) and once(b) and later.low is not None and earlier.high is not None
                    and later.low > REVISED * earlier.high):
                return "lower"
    if _attacker(a, b, x, y, tolerance):
        return "attacker"  # 'left seven dead including the shooter' against 'killed six before killing himself'
    if dead and x.low == x.high and y.low == y.high and (by := _dead(a, b, x, y, day_a, day_b, dead)):
        return by
    return _part_or_conflict(a, b, x, y)


def _dead(a: Claim, b: Claim, x: Interval, y: Interval, day_a: dt.date | None, day_b: dt.date | None,
          dead: dict[str, frozenset[int]]) -> str | None:
    """Whether two exact counts of the hurt are apart by a death toll: 'dead' when both their articles give it
    (one counts everyone hit, the other the survivors); 'died' when the count of a later day is the lower and
    its article gives that toll and the earlier's does not (the hurt who died since: 'injured four people' one
    day, 'left one dead and three injured' two days on). Else None."""
    gap = x.gap(y)
    tolls_a, tolls_b = dead.get(a.source, frozenset()), dead.get(b.source, frozenset())
    if gap in tolls_a & tolls_b:
        return "dead"
    if not (day_a and day_b and day_a != day_b):
        return None
    (early, early_tolls), (late, late_tolls) = ((x, tolls_a), (y, tolls_b)) if day_a < day_b else (
        (y, tolls_b), (x, tolls_a))
    return "died" if late.high < early.low and gap in late_tolls and gap not in early_tolls else None


def _attacker(a: Claim, b: Claim, x: Interval, y: Interval, tolerance: float) -> bool:
    """Whether two tolls one apart may be one, with and without an attacker whose death an article tells."""
    return (a.attacker_died or b.attacker_died) and x.gap(y) <= 1 + tolerance


def _who(c: Claim) -> str | None:
    """Who a count counts, when not everyone: its subject ('children'), or, for a part whose whole is not on its
    line ('Three of the victims were shot in the leg'), some of them: compared with a toll as a part, never
    with another part (of another whole, maybe)."""
    return c.subject or ("(part)" if c.part else None)


def _vague(c: Claim) -> bool:
    """Whether a count is a word of magnitude ('several', 'puluhan'), whose ends are a convention."""
    return c.quantity is not None and c.quantity.relation == "vague"


def _part_or_conflict(a: Claim, b: Claim, x: Interval, y: Interval) -> str:
    """Two counts that disagree: 'part' when one counts a few people far below the other and both may be a toll
    and a part of it (one of no scope, or both a running count of their own: 'one man was shot' beside 'four
    people were shot'); one hospital's or one village's count beside the toll is more likely than a
    contradiction. Else 'conflict'."""
    totals = a.scope is None or b.scope is None or a.scope.kind == b.scope.kind == "counted"
    return "part" if a.quantity is not None and totals and _far_below(x, y) else "conflict"


def _far_below(x: Interval, y: Interval) -> bool:
    """Whether one interval counts a few people (PART_MAX at most) and lies below a third of the other:
    one victim named, one village's two, beside a toll; or counts one person beside two or more: one singled
    out ('One, a guest in her 20s, was shot in the back', 'One victim who received a gunshot wound to the
    chest') far more often than a toll that contradicts another."""
    low, high = sorted((x, y), key=lambda i: i.high if i.high is not None else float("inf"))
    return (low.high is not None and high.low is not None and low.high <= PART_MAX
            and (low.high * PART_RATIO < high.low or low.high == 1 < high.low))


def _same(x: Interval, y: Interval, tolerance: float) -> bool:
    def close(p, q):
        return (p is None and q is None) or (p is not None and q is not None and abs(p - q) <= tolerance)

    return close(x.low, y.low) and close(x.high, y.high) and (
        tolerance > 0 or (x.low_inclusive, x.high_inclusive) == (y.low_inclusive, y.high_inclusive))


def _gap(a: Claim, b: Claim) -> float:
    return interval(a).gap(interval(b))


def _gap_text(a: Claim, b: Claim) -> str:
    gap = _gap(a, b)
    if gap < TOUCHING:
        return "touching: one excludes the value the other gives"
    high = max(interval(a).magnitude(), interval(b).magnitude())
    return f"apart by {gap:,g}" + (f", {gap / high:.0%}" if high else "")




def outcomes(judged: list[Claim], day, origin, specific, settings: Settings, running: bool, window: bool,
             apart: bool, once=lambda c: False, dead: dict[str, frozenset[int]] | None = None
             ) -> tuple[set, set, tuple | None]:
    """What comparing every pair of claims gives: the outcomes of pairs across sources (of other origins, or
    in conflict), those within one source (when `apart`: an article's counts are its parts), and the conflicting
    pair that lies furthest apart (the first such in the claims' order). Claims that every pair would see
    alike (one interval, day, subject …) are taken together: a pair of kinds stands for all their pairs, so a
    fact told by many sources costs its kinds of claim squared, not its claims."""
    if len(judged) < 2:  # no pair (most facts are one claim's)
        return set(), set(), None
    kinds: dict[tuple, int] = {}
    members: list[list[int]] = []
    of = []
    for i, c in enumerate(judged):
        x = interval(c)
        alike = (x.low, x.high, x.low_inclusive, x.high_inclusive, c.date is None,
                 c.date is not None and c.date.year is None, specific(c), c.subject, day(c), c.scope is None,
                 c.quantity is None, _vague(c), c.part, c.attacker_died, once(c), dead and dead.get(c.source))
        k = kinds.setdefault(alike, len(kinds))
        if k == len(members):
            members.append([])
        members[k].append(i)
        of.append(k)
    sources = [{judged[i].source for i in m} for m in members]
    origins = [{origin(judged[i]) for i in m} for m in members]
    across, within, worst, far = set(), set(), set(), -1.0
    for k, m in enumerate(members):
        for h in range(k, len(members)):
            n = members[h]
            if h == k:
                if len(m) < 2:
                    continue
                other_source, other_origin = len(sources[k]) > 1, len(origins[k]) > 1
                same_source = len(sources[k]) < len(m)
                outcome = pair(judged[m[0]], judged[m[1]], day(judged[m[0]]), day(judged[m[1]]), settings,
                               running, window, specific, once, dead)
            else:
                other_source = len(sources[k] | sources[h]) > 1
                other_origin = len(origins[k] | origins[h]) > 1
                same_source = not sources[k].isdisjoint(sources[h])
                outcome = pair(judged[m[0]], judged[n[0]], day(judged[m[0]]), day(judged[n[0]]), settings,
                               running, window, specific, once, dead)
            if other_source and (outcome == "conflict" or other_origin):
                across.add(outcome)  # copies of one story add no agreement, but may still disagree
                if outcome == "conflict":
                    gap = interval(judged[m[0]]).gap(interval(judged[n[0]]))
                    if gap > far:
                        far, worst = gap, set()
                    if gap == far:
                        worst |= {(k, h), (h, k)}
            if same_source and apart:  # two bare counts of one article: parts
                within.add(outcome)
    return across, within, _first(judged, of, members, worst)


def _first(judged: list[Claim], of: list[int], members: list[list[int]], worst: set) -> tuple | None:
    """The first pair of claims (in their order) of other sources whose kinds are among `worst`."""
    partners: dict[int, set[int]] = {}
    for k, h in worst:
        partners.setdefault(k, set()).add(h)
    for i, a in enumerate(judged):
        best = None
        for h in partners.get(of[i], ()):
            at = bisect.bisect_right(members[h], i)
            while at < len(members[h]) and judged[members[h][at]].source == a.source:
                at += 1
            if at < len(members[h]) and (best is None or members[h][at] < best):
                best = members[h][at]
        if best is not None:
            return a, judged[best]
    return None
