"""Grouping a few articles without scipy gives scipy's numbers (vectors built a chunk at a time), to the last bit."""

import random
import subprocess
import sys

import numpy as np
import pytest

from conftest import FIXTURES, ROOT, SEEDS
from checker import pipeline
from checker.vectors import Chunked, Rows, Sparse


@pytest.fixture(scope="module")
def profiles(grammar):
    run = pipeline.Run()
    results = pipeline.extract([str(SEEDS), str(FIXTURES / "events-id.jsonl"), str(FIXTURES / "conflict.jsonl")],
                               None, None, 1, run)
    return [r.profile for r in results if r.profile is not None]


def matrices(kind, profiles, char_weight, counted=None):
    vectors = (Rows.vectors(profiles, char_weight, counted) if kind is Rows
               else Chunked(profiles, char_weight, counted=counted))
    return [vectors, kind.indicator([set(p.places) for p in profiles]).tfidf(counted),
            kind.indicator([set(p.names) for p in profiles]).tfidf(counted),
            kind.indicator([set(p.places[:1]) for p in profiles])]


@pytest.mark.parametrize("char_weight", [0.5, 0.0, 1.0])
def test_plain_python_products_are_scipys(profiles, char_weight):
    draw = random.Random(14)
    for few in [profiles[:1], profiles[:5], profiles] + [draw.sample(profiles, draw.randint(2, len(profiles)))
                                                          for _ in range(5)]:
        n = len(few)
        for plain, sparse in zip(matrices(Rows, few, char_weight), matrices(Sparse, few, char_weight)):
            picked = sorted(draw.sample(range(n), (n + 1) // 2))  # rows and columns by number (see _recalled_together)
            for block in [(slice(0, n), slice(0, n)), (slice(n // 2, n), slice(0, n // 2 + 1)), (picked, picked[::-1]),
                          (slice(0, n), picked)]:
                assert np.array_equal(plain.products(*block), sparse.products(*block))
            whole = sparse.products(slice(0, n), slice(0, n))
            assert np.array_equal(sparse.products(picked, picked[::-1]), whole[np.ix_(picked, picked[::-1])])
            if isinstance(sparse, Sparse):
                assert plain.nonempty() == [bool(x) for x in sparse.nonempty()]


def test_terms_weighed_by_some_articles_give_those_articles_their_own_products(profiles):
    """Document frequencies counted over some rows (`counted`): among those rows, the products are what they
    are with those rows alone, in both engines, to the last bit; other rows are weighed by them."""
    draw = random.Random(15)
    counted = [draw.random() < 0.6 for _ in profiles]
    own = [p for p, k in zip(profiles, counted) if k]
    rows = np.flatnonzero(counted)
    for kind in (Rows, Sparse):
        for weighed, alone in zip(matrices(kind, profiles, 0.5, counted), matrices(kind, own, 0.5)):
            every = weighed.products(slice(0, len(profiles)), slice(0, len(profiles)))
            assert np.array_equal(every[np.ix_(rows, rows)], alone.products(slice(0, len(own)), slice(0, len(own))))


def test_without_scipys_private_routines_products_are_the_same(profiles, monkeypatch):
    """The block product calls scipy's private routines directly; a scipy that moved them gets its public
    product, to the last bit."""
    direct = [m.products(slice(0, len(profiles)), slice(0, len(profiles))) for m in matrices(Sparse, profiles, 0.5)]
    import scipy.sparse

    monkeypatch.delattr(scipy.sparse, "_sparsetools")  # importing it now fails
    monkeypatch.setitem(sys.modules, "scipy.sparse._sparsetools", None)
    public = [m.products(slice(0, len(profiles)), slice(0, len(profiles))) for m in matrices(Sparse, profiles, 0.5)]
    assert all(np.array_equal(x, y) for x, y in zip(direct, public))


def test_comparing_the_seeds_imports_no_scipy(grammar):  # grammar: the rules are in the cache
    code = ("import sys; from pathlib import Path; from checker.api import compare; "
            f"report = compare(Path({str(SEEDS)!r})); assert report['groups']; "
            "print(sorted(m for m in sys.modules if m.startswith('scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"



def test_threads_sharing_the_comparison_find_the_same_similarities(profiles, grammar, monkeypatch):
    """Above SHARED_CELLS every core compares its share of the blocks, with matrices of its own: the same
    pairs, in the same order, with the same values to the bit as one thread."""
    import datetime as dt

    from checker import incidents

    ordered = sorted(profiles, key=lambda p: (p.date or dt.date.min, p.source))
    blocks = incidents._blocks
    monkeypatch.setattr(incidents, "_blocks", lambda p, days: blocks(p, days, size=4))  # many blocks to share
    one = incidents._similarities(ordered, grammar.event_kinds, incidents.Settings())
    monkeypatch.setattr(incidents, "SHARED_CELLS", 0)
    assert len(incidents._shares(list(incidents._blocks(ordered, 30)), 2)) == 2
    two = incidents._similarities(ordered, grammar.event_kinds, incidents.Settings(), jobs=2)
    assert len(one) > 10 and list(one.items()) == list(two.items())
