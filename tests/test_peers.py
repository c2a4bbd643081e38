"""The published test facts of peer number parsers (tests/peers/*.yaml, facts only, sources and licences in
each file): every item not marked `todo` is read as the peer reads it, and a `todo` that now passes must lose
its mark. The pass rate of each suite is printed with `pytest -s tests/test_peers.py`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from checker.api import explain

PEERS = Path(__file__).resolve().parent / "peers"
SUITES = sorted(PEERS.glob("*.yaml"))


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def same(found, expected) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    a, b = Decimal(str(found)), Decimal(str(expected))
    return abs(a - b) <= Decimal("1e-9") * max(Decimal(1), abs(b))


def passes(item: dict, suite: dict) -> bool:
    """Does checker read this item as the peer does? (Through explain's numbers[], as a user of the API.)"""
    numbers = explain(item["text"], lang=suite["lang"])["numbers"]
    if "results" in item:  # the peer finds nothing here: no number (a numeral suite), or no range
        return not numbers if suite["kind"] == "numerals" else all(n["low"] == n["high"] for n in numbers)
    if suite["kind"] == "ranges":
        return any(same(n["low"], item["low"]) and same(n["high"], item["high"])
                   and (item["low"] is None or n["low_inclusive"] == item["low_inclusive"])
                   and (item["high"] is None or n["high_inclusive"] == item["high_inclusive"]) for n in numbers)
    if "match" in item:  # a number inside a sentence
        return any(n["text"].lower() == item["match"].lower() and same(n["low"], item["value"])
                   and same(n["high"], item["value"]) for n in numbers)
    return (len(numbers) == 1 and numbers[0]["text"].strip() == item["text"].strip()
            and same(numbers[0]["low"], item["value"]) and same(numbers[0]["high"], item["value"]))


def items(suite: dict) -> list[dict]:
    return [i for i in suite["items"] if not i.get("disabled_upstream")]


@pytest.mark.parametrize("path", SUITES, ids=[p.stem for p in SUITES])
def test_peer_suite(path):
    suite = load(path)
    results = [(item, passes(item, suite)) for item in items(suite)]
    rate = sum(ok for _, ok in results) / len(results)
    print(f"\n{path.stem}: {sum(ok for _, ok in results)} of {len(results)} pass ({rate:.0%}); "
          f"{sum(1 for i, _ in results if i.get('todo'))} marked todo")
    broken = [i["text"] for i, ok in results if not ok and not i.get("todo")]
    fixed = [i["text"] for i, ok in results if ok and i.get("todo")]
    assert not broken, f"read differently from {suite['source']}: {broken}"
    assert not fixed, f"these pass now: remove their todo mark: {fixed}"
    assert rate >= suite["floor"], f"pass rate {rate:.2f} fell below the recorded {suite['floor']}"


def test_every_suite_names_its_source_and_licence():
    for path in SUITES:
        suite = load(path)
        assert suite["source"] and suite["url"].startswith("https://") and suite["licence"]
        assert suite["lang"] in ("id", "en") and suite["kind"] in ("numerals", "ranges")
        assert all(isinstance(i.get("todo", ""), str) for i in suite["items"])
