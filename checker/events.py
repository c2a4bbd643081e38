"""Kinds of event (earthquake, flood, shooting …) named in a text, and which kinds may be one incident."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from checker.numbers import FLAGS, alternation
from checker.schema import EventsFile


@dataclass
class Kinds:
    """The kinds of event of every language: what each lies within, and for how long it is reported."""

    within: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> every broader kind
    any: frozenset[str] = frozenset()  # kinds that may be one incident with every kind
    lasts: dict[str, int] = field(default_factory=dict)
    recurs: frozenset[str] = frozenset()  # kinds of which a story has many (attacks in a war)
    story: frozenset[str] = frozenset()  # kinds that are a whole story (a war), not one event within it
    personal: frozenset[str] = frozenset()  # kinds that come to each person on a day of their own (a death)
    uncounted: frozenset[str] = frozenset()  # kinds whose victims no figure counts, only days (a hearing)

    def add(self, events: EventsFile | None) -> None:
        for kind, spec in (events.types.items() if events else ()):
            self.within.setdefault(kind, frozenset(spec.within))
            self.lasts.setdefault(kind, spec.lasts)
            if spec.any:
                self.any = self.any | {kind}
            if spec.recurs:
                self.recurs = self.recurs | {kind}
            if spec.story:
                self.story = self.story | {kind}
            if spec.personal:
                self.personal = self.personal | {kind}
            if not spec.counts:
                self.uncounted = self.uncounted | {kind}
        self.within = {k: self._closure(k) for k in self.within}

    def _closure(self, kind: str) -> frozenset[str]:
        out, todo = set(), list(self.within.get(kind, ()))
        while todo:
            k = todo.pop()
            if k not in out:
                out.add(k)
                todo.extend(self.within.get(k, ()))
        return frozenset(out)

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Whether two kinds of event may be one: an unknown kind goes with any, and so does a kind that comes
        to each person (a death); else one lies within the other (an attack and a war; not a shooting and a
        stabbing)."""
        if a is None or b is None or a == b or a in self.any or b in self.any:
            return True
        if a in self.personal or b in self.personal:
            return True  # a victim's death or funeral belongs to the story it is told in
        return a in self.within.get(b, ()) or b in self.within.get(a, ())

    def among(self, kind: str | None, kinds) -> bool:
        """Whether a kind of event is one of `kinds` or lies within one of them; any kind, when `kinds` is empty."""
        return not kinds or kind in kinds or not self.within.get(kind, frozenset()).isdisjoint(kinds)

    def once(self, kind: str | None) -> bool:
        """Whether a kind of event comes once to a story (a crash, a quake): none of many (a war's attacks), no
        whole story, not every kind's, nor each person's own."""
        return (kind is not None and kind not in self.recurs and kind not in self.story and kind not in self.any
                and kind not in self.personal)

    def one_fact(self, a: str | None, b: str | None) -> bool:
        """Whether figures of these kinds may be one fact: compatible, and not a whole story (a war) against
        an event within it (an attack): the war's toll is not the attack's; a kind that comes to each person
        (a death) is one fact with itself only."""
        if not self.compatible(a, b):
            return False
        if a in self.personal or b in self.personal:
            return a == b  # the day someone died is not the day of the shooting
        return (a is None or b is None or a == b or a in self.any or b in self.any
                or (a in self.story) == (b in self.story))


class EventGrammar:
    """One language's event words, compiled: where each names a kind of event."""

    def __init__(self, events: EventsFile | None):
        self.type_of: dict[str, str | None] = {}
        # kinds that name what a day is the day of, never what a count counts (a sentencing)
        self.uncounted = frozenset(t for t, spec in (events.types.items() if events else ()) if not spec.counts)
        for type_id, spec in (events.types.items() if events else ()):
            for word in spec.words:
                self.type_of.setdefault(" ".join(word.lower().split()), type_id)
        for phrase in (events.not_events if events else ()):  # matched as the longer phrase, then dropped
            self.type_of[" ".join(phrase.lower().split())] = None
        self.regex = regex.compile(alternation(self.type_of), FLAGS) if self.type_of else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, type) of every event word in text[start:end], the longest word at each place."""
        if self.regex is None:
            return []
        found = ((m.start(), m.end(), self.type_of[" ".join(m.group().lower().split())])
                 for m in self.regex.finditer(text, start, len(text) if end is None else end))
        return [f for f in found if f[2] is not None]

    def counted(self, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The event words of `found` whose kinds figures may count the victims of (not a sentencing's)."""
        return [f for f in found if f[2] not in self.uncounted] if self.uncounted else found

    def main(self, text: str) -> str | None:
        """The kind of event a text names most (its first on a tie) that figures may count the victims of: what a
        headline or a lead is about ('Man sentenced for Bourbon Street shooting': the shooting)."""
        found = self.counted(self.find(text))
        if not found:
            return None
        counts = Counter(t for _, _, t in found)
        first = {t: i for i, (_, _, t) in reversed(list(enumerate(found)))}
        return max(counts, key=lambda t: (counts[t], -first[t]))
