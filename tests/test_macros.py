"""Factored patterns: each repeated group defined once and called; read back, and matched, as the pattern."""

from __future__ import annotations

import regex
import pytest
from hypothesis import given, settings, strategies as st

from checker import macros
from checker.macros import expand_macros, factor, inline
from checker.rules import bundled_rules_dir, load_rules
from checker.triggers import required

I = regex.IGNORECASE | regex.V0


def same(source: str, text: str, shortest: int = 4) -> None:
    """The pattern and its factored form find the same matches, with the same groups, in `text`."""
    plain, factored = regex.compile(source, I), regex.compile(factor(source, shortest), I)
    assert factor(source, shortest) != source, "nothing was factored: the test would prove nothing"
    assert [(m.span(), m.groups()) for m in plain.finditer(text)] == \
           [(m.span(), m.groups()[:plain.groups]) for m in factored.finditer(text)]


def test_a_repeated_group_is_defined_once_and_called():
    source = "(?:dead|killed) (?:dead|killed)"
    assert factor(source, 4) == "(?&_f0) (?&_f0)(?(DEFINE)(?P<_f0>dead|killed))"
    assert inline(factor(source, 4)) == source
    same(source, "killed dead, dead dead killed")


def test_a_called_group_is_backtracked_into():
    same("(?:x+)y(?:x+)xy|(?:x+)", "xxyxxxy xxxy", shortest=3)


def test_groups_inside_lookarounds_quantifiers_and_reversed_patterns():
    group = "(?:ab+c|d)"
    same(f"(?<!{group} ){group}{{1,3}}? e{group}*(?!{group})", "abbc abcd e dd e abcabbc e")
    same(f"(?r){group} (?<={group} ){group}(?!{group})", "abc d abbc d d")


def test_a_lookaround_that_looks_against_the_reading_calls_nothing():
    """`regex` matches a call inside a lookbehind the wrong way: '(?<!(?&w))\\d' never matches."""
    group = "(?:ab|cd)"
    assert factor(f"(?<!{group}){group}{group}", 4) == f"(?<!{group})(?&_f0)(?&_f0)(?(DEFINE)(?P<_f0>ab|cd))"
    assert factor(f"(?r)(?!{group}){group}{group}", 4) == \
           f"(?r)(?!{group})(?&_f0)(?&_f0)(?(DEFINE)(?P<_f0>ab|cd))"
    same(f"(?<!{group})\\d{group}{group}", "1abcd x1abab ab1cdab")


def test_a_group_holding_a_capture_is_not_called():
    source = "(?:(?P<n>\\d+) dead) and (?:(?P<n>\\d+) dead)"
    assert factor(source, 4) == source
    assert regex.compile(factor(source, 4)).search("3 dead and 4 dead").captures("n") == ["3", "4"]


def test_a_group_inside_a_case_sensitive_group_keeps_its_case():
    group = "(?:Mount|Gunung)"
    source = f"(?-i:{group}) {group} {group}"
    factored = factor(source, 4)
    assert factored.startswith(f"(?-i:{group}) ")  # left where it stands: a call would fold case
    assert regex.compile(factored, I).search("mount Mount mount") is None
    assert regex.compile(factored, I).search("Mount mount GUNUNG")


def test_the_bundled_rules_factor_and_write_out_again_exactly():
    """Every claim pattern of the bundled rules, written out in full, is factored and read back unchanged, and
    its trigger words are read the same off either form."""
    ruleset = load_rules([bundled_rules_dir()])
    builtins = {"count": "(?P<count>\\d+)", "date": "(?P<date>\\d+)", "not_year": "", "weekday_name": "(?:monday)",
                "month_name": "(?:july)"}
    factored = 0
    for language in ruleset.languages.values():
        shared = dict(language.model("lexicon").macros)
        for doc in language.claims:
            for pattern in doc.model.patterns:
                source = expand_macros(pattern.pattern, {**shared, **doc.model.macros}, builtins)
                short = factor(source)
                assert inline(short) == source, f"{doc.path}: {pattern.pattern[:60]}"
                factored += short != source
    assert factored >= 50  # most patterns repeat a large group: the check above proves something
    source = expand_macros(ruleset.languages["en"].claims[0].model.patterns[0].pattern,
                           dict(ruleset.languages["en"].model("lexicon").macros), builtins)
    assert required(factor(source), I) == required(source, I)


PIECES = ["a", "b", "ab", "\\d", "[ab]", " ", "(?:a|b)", "c"]


@st.composite
def patterns(draw, depth: int = 2):
    """Patterns of a few letters in which groups repeat: alternation, quantifiers, lookarounds, captures."""
    if depth == 0:
        return draw(st.sampled_from(PIECES))
    group = draw(patterns(depth - 1))
    other = draw(patterns(depth - 1))
    quantifier = draw(st.sampled_from(["", "?", "*", "+", "{1,2}", "??", "*?", "++"]))
    shape = draw(st.sampled_from(["(?:{g}){q}{o}(?:{g})", "(?:{g})|{o}(?:{g}){q}", "(?<!(?:{g})){o}(?:{g}){q}",
                                  "(?<=(?:{g}){o})(?:{g}){q}", "(?=(?:{g})){o}(?:{g}){q}", "{o}(?!(?:{g}))(?:{g}){q}",
                                  "(?P<c>{o})(?:{g}){q}(?:{g})", "(?:{g}){q}(?:{g}){q}"]))
    return shape.format(g=group, o=other, q=quantifier)


@settings(max_examples=200, deadline=None)
@given(patterns(), st.sampled_from(["", "(?r)"]), st.text(alphabet="ab1c ", max_size=30))
def test_factored_patterns_match_as_their_full_text_does(source, direction, text):
    source = direction + source
    factored = factor(source, 3)
    assert inline(factored) == source
    plain, short = regex.compile(source), regex.compile(factored)
    assert [(m.span(), m.groups()) for m in plain.finditer(text)] == \
           [(m.span(), m.groups()[:plain.groups]) for m in short.finditer(text)]


def test_a_pattern_with_its_own_define_block_is_left_alone():
    source = "(?&w) (?:abcde|x) (?:abcde|x)(?(DEFINE)(?P<w>a))"
    assert factor(source, 4) == source
    assert macros.split("(?:abcde|x)") == ("(?:abcde|x)", [])
