"""What all the pairs of a fact's claims say, found from its kinds of claim alike, is what every pair says."""

import datetime as dt
import random

import pytest

from checker.facts import Settings
from checker.models import Claim, Interval, Quantity, Scope
from checker.verdicts import interval, outcomes, pair


def every_pair(judged, day, origin, specific, settings, running, window, apart, dead=None):
    """The outcomes as compared pair by pair: the reference."""
    across, within, disagreements = set(), set(), []
    for i, a in enumerate(judged):
        for b in judged[i + 1:]:
            outcome = pair(a, b, day(a), day(b), settings, running, window, specific, dead=dead)
            if a.source != b.source and (outcome == "conflict" or origin(a) != origin(b)):
                across.add(outcome)
                if outcome == "conflict":
                    disagreements.append((a, b))
            elif a.source == b.source and apart:
                within.add(outcome)
    worst = max(disagreements, key=lambda ab: interval(ab[0]).gap(interval(ab[1]))) if disagreements else None
    return across, within, worst


def claim(rng: random.Random, k: int) -> Claim:
    low = rng.choice([1, 2, 3, 10, 12, 12, 12, 20, 100])
    high = rng.choice([low, low, low + 2, None])
    scope = rng.choice([None, None, Scope("total", "total", "kini mencapai"), Scope("counted", "shot", "were shot")])
    return Claim(source=f"s{rng.randrange(5)}", line=k, column=1, text=str(low), kind="deaths", rule="r", pattern="p",
                 offset=0, quantity=Quantity(Interval(low, high), Interval(low, high), False, "exact"), scope=scope,
                 subject=rng.choice([None, None, None, "children"]),
                 as_of=rng.choice([None, dt.date(2024, 5, 1), dt.date(2024, 5, 2)]))


@pytest.mark.parametrize("seed", range(40))
def test_kinds_of_claim_alike_say_what_every_pair_says(seed):
    rng = random.Random(seed)
    judged = [claim(rng, k) for k in range(rng.randrange(2, 30))]
    copies = {"s1": "s0"} if seed % 2 else {}

    def day(c):
        return c.as_of

    def origin(c):
        return copies.get(c.source, c.source)

    def specific(c):
        return True

    # the death tolls each source gives, for counts of the hurt apart by one of them (verdicts.pair)
    dead = {f"s{i}": frozenset(rng.sample([1, 2, 8, 10], rng.randrange(3))) for i in range(5)} if seed % 2 else None
    for running, window, apart in [(True, False, False), (False, True, True), (False, False, True)]:
        args = (judged, day, origin, specific, Settings(), running, window, apart)
        assert outcomes(*args, dead=dead) == every_pair(*args, dead=dead)


def test_one_person_shot_beside_four_shot_is_a_part_not_a_conflict():
    """'One man was shot' beside 'four people were shot' the same day, or beside two: a person singled out, as
    between two counts of no scope; 'two shot' beside 'four shot' still conflicts."""
    def shot(source, n):
        return Claim(source=source, line=1, column=1, text=str(n), kind="injured", rule="r", pattern="p", offset=0,
                     quantity=Quantity(Interval(n, n), Interval(n, n), False, "exact"),
                     scope=Scope("counted", "shot", "were shot"))

    day = dt.date(2016, 7, 5)
    assert pair(shot("a", 1), shot("b", 4), day, day, Settings(), True, False) == "part"
    assert pair(shot("a", 1), shot("b", 2), day, day, Settings(), True, False) == "part"
    assert pair(shot("a", 2), shot("b", 4), day, day, Settings(), True, False) == "conflict"
    assert pair(shot("a", 2), shot("b", 3), day, day, Settings(), True, False) == "conflict"


def test_a_word_of_magnitude_touching_a_figure_is_no_conflict():
    """A vague count ([3,10)) beside 10 the same day: the word's upper end is a convention, so the two overlap;
    an exact range that leaves 10 out, or the vague count beside 12, still conflicts."""
    def hurt(source, low, high, relation, high_inclusive=True):
        return Claim(source=source, line=1, column=1, text="x", kind="injured", rule="r", pattern="p", offset=0,
                     quantity=Quantity(Interval(low, high, True, high_inclusive),
                                       Interval(low, high, True, high_inclusive), False, relation))

    day = dt.date(2017, 1, 28)
    ten = hurt("b", 10, 10, "exact")
    assert pair(hurt("a", 3, 10, "vague", False), ten, day, day, Settings(), True, False) == "overlap"
    assert pair(hurt("a", 3, 10, "range", False), ten, day, day, Settings(), True, False) == "conflict"
    assert pair(hurt("a", 3, 10, "vague", False), hurt("b", 12, 12, "exact"), day, day, Settings(), True,
                False) == "conflict"


def test_a_part_with_no_whole_on_its_line_is_compared_as_a_part():
    """'Three of the victims were shot in the leg' beside 'one shot in the chest': parts of a toll, maybe of two
    wholes, never judged against each other; against a toll a part conflicts only when it is the larger."""
    def hurt(source, n, part):
        return Claim(source=source, line=1, column=1, text="x", kind="injured", rule="r", pattern="p", offset=0,
                     quantity=Quantity(Interval(n, n), Interval(n, n), False, "exact"), part=part)

    day = dt.date(2016, 6, 1)
    assert pair(hurt("a", 3, True), hurt("b", 1, True), day, day, Settings(), True, False) == "unknown"
    assert pair(hurt("a", 3, True), hurt("b", 5, False), day, day, Settings(), True, False) == "overlap"
    assert pair(hurt("a", 6, True), hurt("b", 5, False), day, day, Settings(), True, False) == "conflict"
    assert pair(hurt("a", 3, False), hurt("b", 1, False), day, day, Settings(), True, False) != "unknown"
