"""The literal words a pattern cannot match without, and one pass over a text that finds them all.

A claim pattern runs around every count or date of a text, and nearly always fails: its key word (a verb
of dying, a noun of injury) is not there. The words are read off the expanded pattern itself, never listed
by hand: every match of the pattern contains one of them (case aside). One pass over a text finds where
each stands; a pattern is then tried only where one of its words lies within the stretch it could match."""

from __future__ import annotations

import array
import bisect
import sys
from dataclasses import dataclass
from functools import lru_cache

import regex

from checker.macros import PREFIX, factor, split

LIMIT = 64  # exact strings a part of a pattern is followed through before it counts as "anything"
SHORTEST = 3  # characters: a shorter required literal is everywhere, and filters nothing
PLAIN = regex.compile(r"[^\\()\[\]|.^$*+?{]+")  # characters that stand for themselves
QUANTIFIER = regex.compile(r"\{(\d*)(,?)(\d*)\}")
ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
CLASSES = set("dDsSwWhH")  # escapes that stand for one character of a class
ANCHORS = set("bBAZzGmM")  # escapes that match no character
NAMED = set("pPN")  # escapes followed by {name}


class Unsupported(Exception):
    """A construct this reader does not follow: the pattern then has no required words (it always runs)."""


@dataclass(frozen=True, slots=True)
class _Part:
    exact: frozenset[str] | None  # every string the part can match, when few; else None
    need: frozenset[str] | None  # one of these occurs in every match; None when nothing is known


ANY = _Part(None, None)
EMPTY = _Part(frozenset({""}), None)


@lru_cache(maxsize=4096)  # one process often builds the same rules again (a test suite, rules lint)
def required(source: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case literals one of which every match of `source` contains (case aside); None when none is
    known or the pattern uses a construct not followed here (then the pattern must always be tried)."""
    if flags & (regex.VERBOSE | regex.V1 | regex.FULLCASE):
        return None  # free spacing, nested sets, full case folding ('ß' for 'ss'): not followed
    main, bodies = split(factor(source))  # a group that repeats is read once (checker.macros)
    try:
        reader = _Reader(main, bodies)
        part = reader.alternation()
        if reader.i != len(main):
            raise Unsupported(main[reader.i:])
    except (Unsupported, IndexError, RecursionError):
        return None
    need = _need(part)
    return need if need and min(map(len, need)) >= SHORTEST else None


def _need(part: _Part) -> frozenset[str] | None:
    if part.exact is not None and "" not in part.exact:
        return _minimal(part.exact)
    return part.need


def _minimal(words: frozenset[str]) -> frozenset[str]:
    """Drop every word that contains another: the shorter one occurs wherever it does."""
    return frozenset(w for w in words if not any(v != w and v in w for v in words))


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """Of two requirements, the one that filters more: longer shortest word, then fewer words."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


class _Reader:
    """A recursive-descent reader of the `regex` module's syntax, as far as required words go."""

    def __init__(self, source: str, bodies: list[str] = (), parts: dict[int, _Part] | None = None):
        self.s = source
        self.i = 0
        self.bodies = bodies  # of the groups a factored pattern calls, by number
        self.parts = {} if parts is None else parts  # what each called group was read as

    def called(self, n: int) -> _Part:
        if n not in self.parts:
            reader = _Reader(self.bodies[n], self.bodies, self.parts)
            self.parts[n] = reader.alternation()
            if reader.i != len(reader.s):
                raise Unsupported(reader.s[reader.i:])
        return self.parts[n]

    def alternation(self) -> _Part:
        branches = [self.sequence()]
        while self.i < len(self.s) and self.s[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact = None
        if all(b.exact is not None for b in branches):
            exact = frozenset().union(*(b.exact for b in branches))
            exact = exact if len(exact) <= LIMIT else None
        needs = [_need(b) for b in branches]
        need = None if any(n is None for n in needs) else frozenset().union(*needs)
        return _Part(exact, need)

    def sequence(self) -> _Part:
        current: frozenset[str] | None = frozenset({""})  # the exact strings of the run read so far
        best: frozenset[str] | None = None
        cut = False
        while self.i < len(self.s) and self.s[self.i] not in "|)":
            part = self.quantified(self.atom())
            if part.exact is not None and len(current) * len(part.exact) <= LIMIT:
                current = frozenset(a + b for a in current for b in part.exact)
                continue
            if "" not in current:
                best = _better(best, _minimal(current))
            best = _better(best, _need(part))
            current, cut = frozenset({""}), True
        if not cut:
            return _Part(current, None)
        if "" not in current:
            best = _better(best, _minimal(current))
        return _Part(None, best)

    def quantified(self, part: _Part) -> _Part:
        s, i = self.s, self.i
        if i >= len(s):
            return part
        if s[i] in "*+?":
            low, high, self.i = (0 if s[i] != "+" else 1), (1 if s[i] == "?" else None), i + 1
        elif s[i] == "{" and (m := QUANTIFIER.match(s, i)) and (m.group(1) or m.group(3)):
            low = int(m.group(1) or 0)
            high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
            self.i = m.end()
        else:
            return part
        if self.i < len(s) and s[self.i] in "?+":
            self.i += 1  # lazy or possessive: the same strings
        if self.i < len(s) and s[self.i] in "*+?{":
            raise Unsupported("a quantifier after a quantifier, or a fuzzy match")
        if low == 0:
            if high == 1 and part.exact is not None:
                return _Part(part.exact | {""}, None)
            return EMPTY if high == 0 else _Part(None, None)
        exact = part.exact if low == high == 1 else None
        return _Part(exact, _need(part))

    def atom(self) -> _Part:
        s = self.s
        c = s[self.i]
        self.i += 1
        if c == "(":
            return self.group()
        if c == "[":
            self.char_class()
            return ANY
        if c == ".":
            return ANY
        if c in "^$":
            return EMPTY
        if c == "\\":
            return self.escape()
        if c in "*+?{":
            raise Unsupported("a quantifier with nothing to repeat, or a fuzzy match")
        plain = PLAIN.match(s, self.i - 1)  # a run of plain characters, read at once
        end = plain.end() if plain else self.i
        if end - self.i > 0 and end < len(s) and s[end] in "*+?{":
            end -= 1  # the last one is repeated on its own
        run, self.i = s[self.i - 1:end], end
        return _Part(frozenset({run.lower()}), None)

    def escape(self) -> _Part:
        c = self.s[self.i]
        self.i += 1
        if c in NAMED:
            if self.s[self.i] != "{":
                raise Unsupported(f"\\{c} without a name")
            self.i = self.s.index("}", self.i) + 1
            return ANY
        if c in CLASSES:
            return ANY
        if c in ANCHORS:
            return EMPTY
        if c in ESCAPED:
            return _Part(frozenset({ESCAPED[c]}), None)
        if c.isalnum() or c == "_":
            raise Unsupported(f"\\{c}")  # \x.., \u...., backreferences, named lists: not followed
        return _Part(frozenset({c.lower()}), None)

    def char_class(self) -> None:
        s = self.s
        if s[self.i] == "^":
            self.i += 1
        if s[self.i] == "]":
            self.i += 1
        while s[self.i] != "]":
            if s[self.i] == "[" and s[self.i + 1] in ":=.":
                raise Unsupported("a POSIX class")
            if s[self.i] == "\\":
                self.i += 1
                if s[self.i] in NAMED:
                    self.i = s.index("}", self.i)
            self.i += 1
        self.i += 1

    def group(self) -> _Part:
        s = self.s
        look = False
        if s.startswith("?&" + PREFIX, self.i):
            end = s.index(")", self.i)
            n, self.i = int(s[self.i + 2 + len(PREFIX):end]), end + 1
            return self.called(n)
        if s[self.i] == "?":
            self.i += 1
            c = s[self.i]
            if c == ":" or c == ">" or c == "|":
                self.i += 1
            elif c in "=!":
                self.i, look = self.i + 1, True
            elif c == "<" and s[self.i + 1] in "=!":
                self.i, look = self.i + 2, True
            elif c == "P" and s[self.i + 1] == "<" or c == "<":
                self.i = s.index(">", self.i) + 1
            else:  # inline flags: (?i) (?r) for all that follows, (?-i:...) for a group
                j = self.i
                while s[j] not in ":)":
                    j += 1
                flags = s[self.i:j]
                if not all(f in "-imsruaLw" for f in flags):  # no x, V1, f (full case folding), fuzzy
                    raise Unsupported(f"(?{flags}")
                self.i = j + 1
                if s[j] == ")":
                    return EMPTY
        part = self.alternation()
        if self.i >= len(s) or s[self.i] != ")":
            raise Unsupported("an unclosed group")
        self.i += 1
        return EMPTY if look else part


def _all_characters() -> str:
    codes = array.array("I", range(0xD800))
    codes.extend(range(0xE000, sys.maxunicode + 1))
    return codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")


def unsafe_characters(words: set[str], flags: int) -> str:
    """The characters a text must not hold for a lower-case search of `words` to find every place a
    pattern with `flags` matches them: those the pattern takes for a word's letter that lower() does not
    turn into it ('ſ' for 's'), and those lower() makes longer ('İ')."""
    return _unsafe("".join(sorted({c for w in words for c in w})), flags)


@lru_cache(maxsize=64)
def _unsafe(letters: str, flags: int) -> str:
    if not letters:
        return ""
    everything = _all_characters()
    alike = set(regex.findall("[" + "".join(regex.escape(c) for c in letters) + "]", everything, flags=flags))
    unsafe = {c for c in alike
              if any(c.lower() != d for d in letters if regex.fullmatch(regex.escape(d), c, flags=flags))}
    unsafe.update(c for c in regex.findall(r"[^\x00-\x7f]", everything) if len(c.lower()) != 1)
    return "".join(sorted(unsafe))


@dataclass
class Scanner:
    """Every required word of a language's claim patterns, found in one pass over a text."""

    words: list[str]
    unsafe: regex.Pattern | None  # characters that make a lower-case search miss a word

    @classmethod
    def build(cls, needs: list[frozenset[str] | None]) -> Scanner:
        words = sorted({w for need in needs if need for w in need})
        chars = unsafe_characters(set(words), regex.IGNORECASE)  # case-sensitive patterns need less
        return cls(words, regex.compile("[" + regex.escape(chars) + "]") if chars else None)

    def scan(self, text: str) -> Words | None:
        """Where each word starts in the text; None when the text holds a character that makes a lower-case
        search unsafe (then every pattern runs everywhere)."""
        if self.unsafe is not None and self.unsafe.search(text):
            return None
        low = text.lower()
        at: dict[str, list[int]] = {}
        for word in self.words:
            i = low.find(word)
            if i < 0:
                continue
            starts = at[word] = []
            while i >= 0:
                starts.append(i)
                i = low.find(word, i + 1)
        return Words(at)


class Words:
    """Where the required words of a text start; whether a pattern's words stand within a stretch."""

    def __init__(self, at: dict[str, list[int]]):
        self.at = at
        self.merged: dict[frozenset[str], list[int]] = {}

    def starts(self, need: frozenset[str]) -> list[int]:
        """Where any word of `need` starts, sorted."""
        got = self.merged.get(need)
        if got is None:
            lists = [self.at[w] for w in need if w in self.at]
            got = self.merged[need] = lists[0] if len(lists) == 1 else sorted(i for s in lists for i in s)
        return got

    def anywhere(self, need: frozenset[str] | None) -> bool:
        """Whether a word of `need` is in the text at all (always, when nothing is required)."""
        return need is None or any(w in self.at for w in need)

    def within(self, need: frozenset[str] | None, start: int, end: int) -> bool:
        """Whether a word of `need` starts in [start, end) (always, when nothing is required)."""
        if need is None:
            return True
        starts = self.starts(need)
        k = bisect.bisect_left(starts, start)
        return k < len(starts) and starts[k] < end
