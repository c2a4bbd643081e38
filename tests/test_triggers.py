"""The words a pattern needs: read off the pattern, found in a text, never missing a match."""

from __future__ import annotations

import regex
import pytest

from checker.triggers import Scanner, required, unsafe_characters
from tests.conftest import SEEDS

I = regex.IGNORECASE


@pytest.mark.parametrize("source, words", [
    ("(?:korban|lokasi)\\s+(?:x)?", {"korban", "lokasi"}),
    ("menewas(?:kan)?\\s+orang", {"menewas"}),  # 'orang' would do as well; the longer shortest word wins
    ("abcd?e", {"abce", "abcde"}),
    ("a{0,3}bcd", {"bcd"}),
    ("(?r)(?<!x)(?:abc|abd)e(?=zzz)", {"abce", "abde"}),  # lookarounds consume nothing
    ("(?-i:Mount|Gunung)\\s", {"mount", "gunung"}),
    ("x\\.yz", {"x.yz"}),
])
def test_required_words(source, words):
    assert required(source, I) == frozenset(words)


@pytest.mark.parametrize("source, words", [
    ("(?:korban|)tewas?", {"tewa"}),  # an empty branch needs nothing; 'tewa' is sure
    ("\\d+ orang|tewas", {" orang", "tewas"}),  # each branch its own word
    ("\\d+|tewas", None),  # one branch needs no word
    ("ab", None),  # too short to filter anything
    ("foo{e<=1}", None),  # fuzzy matching
    ("(?x) a b c d", None),  # free spacing
    ("(?f:strasse)", None),  # full case folding: 'ß' for 'ss'
    ("(abc)\\1", None),  # a back reference: not followed
])
def test_nothing_known_or_not_followed(source, words):
    assert required(source, I) == (None if words is None else frozenset(words))


def test_unsafe_characters_are_those_lower_case_misses():
    assert set(unsafe_characters({"bus", "sigma σ"}, I)) >= {"ſ", "ς", "İ"}


def test_a_needed_word_stands_in_every_match(grammar):
    """Every match of every claim pattern half, on the seeds, holds one of the words it needs."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    seen = 0
    for code in grammar.languages:
        language = grammar.languages[code]
        for text in texts:
            words = language.scanner.scan(text)
            assert words is not None
            for pattern in language.claims:
                for half, need in ((pattern.before, pattern.need_before), (pattern.after, pattern.need_after)):
                    if half is None or need is None:
                        continue
                    for m in half.finditer(text, overlapped=True):
                        if m.end() > m.start():
                            seen += 1
                            assert words.within(need, m.start(), m.end()), (pattern.rule, pattern.name, m.group())
    assert seen > 0


def test_a_text_with_an_unsafe_character_is_not_scanned():
    scanner = Scanner.build([frozenset({"bus"})])
    assert scanner.scan("a ſbus") is None
    words = scanner.scan("BUS and bus")
    assert words.within(frozenset({"bus"}), 0, 3) and words.within(frozenset({"bus"}), 8, 11)
    assert not words.within(frozenset({"bus"}), 1, 8)
