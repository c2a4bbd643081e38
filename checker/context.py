"""What surrounds a claim: its sentence, the place it is about, its scope, and who said it."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

import regex

from checker.dates import resolve
from checker.models import Scope
from checker.numbers import FLAGS, NOT_WORD, SPACE, WORD_START, alternation
from checker.schema import ContextFile, LanguageFile, Place

PART_REACH = 30  # characters before a claim in which a word like "termasuk" makes it a part
SENTENCE_FACTOR = {0: 1.0, -1: 0.5, 1: 0.5, -2: 0.25}  # a place's weight, by its sentence relative to the claim's
SENTENCE_END = regex.compile(r"[.!?…]+[\"'”’)\]]*(?=[^\S\n]+[\"'“‘(\[]*[\p{Lu}\p{N}])|\n+")
WHO_WORD = r"[\p{Lu}\p{Ll}\p{N}][\p{L}\p{N}'’\-]*"
DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")


class Sentences:
    """Sentence spans of a text: split at line ends and at end marks followed by a capital or digit."""

    def __init__(self, text: str, abbreviations: frozenset[str]):
        starts = [0]
        for m in SENTENCE_END.finditer(text):
            if m.group().startswith("."):
                word = regex.search(r"(\S+)$", text[: m.start()])
                token = word.group(1).lower() if word else ""
                if token in abbreviations or regex.fullmatch(r"\p{Lu}", word.group(1) if word else ""):
                    continue
            starts.append(m.end())
        self.starts = starts
        self.text = text

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def span(self, i: int) -> tuple[int, int]:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def __len__(self) -> int:
        return len(self.starts)


class Gazetteer:
    """Every place of every language, one alternation; a place knows its parent."""

    def __init__(self, places: list[Place]):
        self.places = {p.id: p for p in places}
        self.by_name: dict[str, str] = {}
        for p in places:
            for name in (p.name, *p.aliases):
                self.by_name.setdefault(name, p.id)
        self.regex = regex.compile(alternation(self.by_name)) if self.by_name else None

    def find(self, text: str):
        if self.regex is None:
            return []
        return [(m.start(), m.end(), self.by_name[regex.sub(r"\s+", " ", m.group())])
                for m in self.regex.finditer(text)]

    def ancestors(self, place_id: str) -> list[str]:
        out, seen = [], set()
        while place_id in self.places and place_id not in seen:
            seen.add(place_id)
            parent = self.places[place_id].parent
            if parent is None:
                break
            out.append(parent)
            place_id = parent
        return out


def iso_duration_hours(duration: str, count: float) -> str:
    """'PT1H' x 24 -> 'PT24H'; days and weeks are counted in hours so that '24 jam' equals 'sehari'."""
    m = DURATION.match(duration)
    if not m:
        raise ValueError(f"not an ISO 8601 duration: {duration!r}")
    years, months, weeks, days, hours, minutes = (int(x or 0) for x in m.groups())
    if years or months:
        total_months = (years * 12 + months) * count
        return f"P{int(total_months)}M" if total_months % 12 else f"P{int(total_months // 12)}Y"
    total_hours = ((weeks * 7 + days) * 24 + hours + minutes / 60) * count
    return f"PT{total_hours:g}H"


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    value: object


class ContextGrammar:
    """One language's context rules, compiled."""

    def __init__(self, language: LanguageFile, context: ContextFile):
        self.context = context
        self.abbreviations = frozenset(a.lower().rstrip(".") + "." for a in language.abbreviations) | frozenset(
            a.lower().rstrip(".") for a in language.abbreviations)
        self.prepositions = {p.lower(): w for p, w in context.place_prepositions.items()}
        self.before_place = regex.compile(
            f"{WORD_START}({alternation(self.prepositions)}){SPACE}$", FLAGS) if self.prepositions else None
        self.unit_of = {u.lower(): d for u, d in context.durations.items()}
        self.subject_of = {w.lower(): subject for subject, words in context.subjects.items() for w in words}
        self.subjects = regex.compile(alternation(self.subject_of), FLAGS) if self.subject_of else None
        self.partial = regex.compile(alternation(context.partial), FLAGS) if context.partial else None

    def compile(self, expand, number: str, date: str) -> None:
        builtins = {
            "number": f"(?P<dnum>{number})",
            "duration": f"(?:(?P<dnum>{number}){SPACE})?(?P<dunit>{alternation(self.unit_of)})",
            "date": f"(?P<date>{date})",
        }
        self.scopes = [(s.kind, regex.compile(expand(s.pattern, builtins), FLAGS)) for s in self.context.scopes]
        a = self.context.attribution
        who = f"(?P<who>{WHO_WORD}(?:{SPACE}{WHO_WORD}){{0,{a.max_words - 1}}})"
        parts = []
        if a.before_speaker:
            parts.append(f"{alternation(a.before_speaker)}{SPACE}(?P<after>){who}")
        if a.after_speaker:
            parts.append(f"{who}{SPACE}{alternation(a.after_speaker)}{NOT_WORD}")
        self.attribution = regex.compile("|".join(parts), FLAGS) if parts else None
        self.stop = frozenset(w.lower() for w in a.stop)

    def scopes_in(self, text: str, numbers, dates, start: int = 0, end: int | None = None,
                  timeout=None, published=None) -> list[Found]:
        """Scopes within text[start:end] (a sentence): 'dalam 24 jam', 'sejak 2011', 'total'."""
        found = []
        for kind, pattern in self.scopes:
            for m in pattern.finditer(text, start, len(text) if end is None else end, timeout=timeout):
                key = self._scope_key(kind, m, numbers, dates, published)
                if key:
                    found.append(Found(m.start(), m.end(), Scope(kind, key, m.group())))
        return found

    def _scope_key(self, kind: str, m: regex.Match, numbers, dates, published=None) -> str | None:
        g = m.groupdict()
        if kind == "window":
            if not g.get("dunit"):
                return None
            count = 1.0
            if g.get("dnum"):
                try:
                    value, _ = numbers.value(g["dnum"])
                except (ValueError, ArithmeticError):
                    return None
                if value.low is None or value.low != value.high:
                    return None
                count = float(value.low)
            return iso_duration_hours(self.unit_of[regex.sub(r"\s+", " ", g["dunit"].lower())], count)
        if kind == "since":
            mention = dates.parse(m.string, *m.span("date")) if g.get("date") else None
            if mention is not None and mention.span.year is None:  # "sejak 25 Agustus": the year of publication
                mention = resolve([mention], published)[0]
            return f"since {mention.span.year}" if mention and mention.span.year else (
                f"since {mention.span.iso('start')[:-3]}" if mention else None)
        return "total"

    def attributions_in(self, text: str, start: int = 0, end: int | None = None, timeout=None) -> list[Found]:
        """Who is said to have said what is in text[start:end] (a sentence)."""
        if self.attribution is None:
            return []
        found = []
        for m in self.attribution.finditer(text, start, len(text) if end is None else end, timeout=timeout):
            words = m.group("who").split()
            if m.group("after") is not None:  # "kata X ...": X ends before the first stop word
                cut = next((i for i, w in enumerate(words) if w.lower() in self.stop), len(words))
                words = words[:cut]
            else:  # "X mengatakan": X starts after the last stop word
                cut = max((i for i, w in enumerate(words) if w.lower() in self.stop), default=-1)
                words = words[cut + 1:]
            if words:
                found.append(Found(m.start("who"), m.end("who"), " ".join(words)))
        return found

    def subject(self, text: str, start: int, end: int) -> str | None:
        """Who a claim counts, when the count or the two words after it name a kind of people
        ('20 komandan tewas' -> commanders; not '49 civilians, including six children')."""
        m = self.subjects.search(text, start, end) if self.subjects else None
        return self.subject_of[regex.sub(r"\s+", " ", m.group().lower())] if m else None

    @staticmethod
    def words_after(text: str, offset: int, n: int) -> int:
        """Where the n words after offset end (on the same line): "sembilan ilmuwan senior" after a count."""
        m = regex.match(rf"(?:[^\S\n]+[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}'’\-]*){{0,{n}}}", text[offset:offset + 80])
        return offset + (m.end() if m else 0)

    def is_part(self, text: str, count: tuple[int, int], claim_start: int, sentence_start: int) -> bool:
        """Whether the count is part of a larger one: a partial word just before it ('termasuk 70 anak-anak')
        or right after it ('empat di antaranya'). One later in the claim names a part of this count
        ('13 orang, termasuk lima anak-anak, tewas'): the count itself is then the whole."""
        if self.partial is None:
            return False
        before = self.partial.search(text, max(sentence_start, min(claim_start, count[0]) - PART_REACH), count[0])
        blank = regex.match(r"[^\S\n]*", text[count[1]:count[1] + 10]).end()
        after = self.partial.match(text, count[1] + blank)
        return before is not None or after is not None

    def place_mentions(self, text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str, str | None]]:
        """Every place named in the text, with the preposition right before it (if any)."""
        out = []
        for start, end, place_id in gazetteer.find(text):
            prep = None
            if self.before_place is not None:
                before = self.before_place.search(text, max(0, start - 40), start)
                if before:
                    prep = regex.sub(r"\s+", " ", before.group(1).lower())
            out.append((start, end, place_id, prep))
        return out

    def place_weights(self, overrides: dict[str, float]) -> tuple[dict[str, float], float]:
        """Preposition weights, a claim rule's own (e.g. 'dari' for displacement) over the language's."""
        return {**self.prepositions, **{k.lower(): v for k, v in overrides.items()}}, self.context.bare_place_weight


def choose_place(claim_start: int, claim_end: int, sentence: int, mentions, excluded: list[tuple[int, int]],
                 weights: tuple[dict[str, float], float], gazetteer: Gazetteer) -> str | None:
    """The place a claim is about: the best-weighted place named in its sentence or, weighing less, in the
    sentences around it. A place right after a locative ('di Aleppo') weighs more than one after 'dari'.

    Mentions inside an attribution ('the Russian centre in Syria said') are the speaker's, not the claim's.
    On equal weight: the claim's own sentence, then the more specific place (Aleppo timur over Aleppo),
    then the place the whole article names most (not a capital named for its government), then the nearer."""
    by_prep, bare = weights
    frequency = Counter(m[2] for m in mentions)
    scored = []
    for start, end, place_id, prep, index in mentions:
        factor = SENTENCE_FACTOR.get(index - sentence)
        if factor is None or any(s <= start < e for s, e in excluded):
            continue
        weight = by_prep.get(prep, bare) if prep else bare
        if weight <= 0:  # "pasukan Israel", "serangan rudal Iran": an actor, not where it happened
            continue
        distance = 0 if start < claim_end and end > claim_start else min(abs(start - claim_end),
                                                                          abs(claim_start - end))
        scored.append((weight * factor, index == sentence, place_id, distance))
    if not scored:
        return None
    ids = {s[2] for s in scored}
    best = max(scored, key=lambda s: (s[0], s[1], len(set(gazetteer.ancestors(s[2])) & ids), frequency[s[2]],
                                      -s[3]))
    return best[2]
