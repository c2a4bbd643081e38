"""What surrounds a claim: its sentence, the place it is about, its scope, and who said it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex

from checker import cache
from checker.dates import resolve
from checker.models import Scope
from checker.numbers import FLAGS, NOT_WORD, SPACE, WORD_START, alternation
from checker.places import Gazetteer, Mention
from checker.schema import ContextFile, LanguageFile
from checker.triggers import Words, required

PART_REACH = 30  # characters before a claim in which a word like "termasuk" makes it a part
REACH = 80  # characters around a count in which a pattern may say it was replaced, or is a rate
TAKEN_REACH = 120  # characters before a place in which 'taken to' makes it where people were taken
POINTER_REACH = 6  # words between an event word and the word after it that points back to one event (itu)
SENTENCE_END = regex.compile(r"[.!?…]+[\"'”’)\]]*(?=[^\S\n]+[\"'“‘(\[]*[\p{Lu}\p{N}])|\n+")
WHO_WORD = r"[\p{Lu}\p{Ll}\p{N}][\p{L}\p{N}'’\-]*"
NEXT_WORD = regex.compile(r"[^\S\n]([\p{L}][\p{L}'’\-]*)")
ITEM_END = regex.compile(r"[,;:()]|[^\S\n][-–—]{1,2}(?=[^\S\n])")  # what ends an item of a breakdown, at the latest
# the word right before a name, and what stands before that word on its line
PREVIOUS_WORD = regex.compile(r"(?P<before>\S*)[^\S\n]+(?P<word>[\p{L}][\p{L}'’\-]*\.?)[^\S\n]+$")
OPENING = "\"'“‘(["  # marks that may open a sentence before its first word
CLAUSE_OPENS = regex.compile(r"[^\S\n]*,[^\S\n]*")  # between an opening phrase and the clause after it
DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")


class Sentences:
    """Sentence spans of a text: split at line ends and at end marks followed by a capital or digit."""

    def __init__(self, text: str, abbreviations: frozenset[str]):
        starts = [0]
        for m in SENTENCE_END.finditer(text):
            if m.group().startswith("."):
                i = m.start()
                first = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i), text.rfind("\t", 0, i)) + 1
                word = text[first:i]  # the word the dot ends: linear, only back to the blank before it
                if word.lower() in abbreviations or (len(word) == 1 and word.isupper()):
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


def _longer_than_a_year(key: str) -> bool:
    """'the deadliest in 10 years' counts nothing over ten years: a window that long is no scope of a count."""
    m = re.fullmatch(r"P(\d+)([MY])", key)
    return bool(m) and int(m.group(1)) * (12 if m.group(2) == "Y" else 1) > 12


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    value: object


def halves(pattern: str, target: str, expand, flags: int):
    """The pattern before and after its {target}, compiled on their own, and the lookaheads that ended the
    part before (None, None, None if the parts cannot be compiled alone).

    A lookahead that ends the part before ("...(?=\\d)" right before {count}) must see the count, which a
    backwards match stopping at the count cannot: such lookaheads move to the front of the part after."""
    head, tail = pattern.split("{" + target + "}")
    head, ahead = _split_trailing_lookaheads(head)
    try:
        before = cache.compiled(f"(?r){WORD_START}(?:{expand(head)})", flags) if head else None
        lookahead = regex.compile(expand(ahead), flags) if ahead else None
        after = cache.compiled(f"(?:{expand(tail)}){NOT_WORD}", flags)
    except (regex.error, OverflowError, RecursionError):
        return None, None, None
    return before, lookahead, after


def _split_trailing_lookaheads(head: str) -> tuple[str, str]:
    """'x(?=\\d)' -> ('x', '(?=\\d)'): the lookaheads a pattern's part before its {count} ends with."""
    ahead = ""
    while head.endswith(")"):
        depth, i = 0, len(head) - 1
        while i >= 0:
            if head[i] == ")" and not _escaped(head, i):
                depth += 1
            elif head[i] == "(" and not _escaped(head, i):
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        group = head[i:]
        if i < 0 or not (group.startswith("(?=") or group.startswith("(?!")):
            break
        head, ahead = head[:i], group + ahead
    return head, ahead


def _escaped(text: str, i: int) -> bool:
    slashes = 0
    while i - slashes - 1 >= 0 and text[i - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


@dataclass
class Around:
    """A pattern about the words around one count ('sempat dikabarkan {count}', '{count} per hari'), cut at its
    count as claim patterns are (`halves`): its part before matched backwards from where the count starts, its
    part after from where it ends. The count is known, so the number grammar is not compiled into it once more
    (6 to 12 MB of compiled code a pattern). `whole` is the pattern written out where its halves do not stand
    alone; `need`, words one of which every match holds (checker.triggers)."""

    before: regex.Pattern | None
    ahead: regex.Pattern | None
    after: regex.Pattern | None
    whole: regex.Pattern | None
    need: frozenset[str] | None

    @classmethod
    def of(cls, pattern: str, expand, count: str) -> Around:
        source = expand(pattern, {"count": f"(?P<count>{count})"})
        before, ahead, after = halves(pattern, "count", lambda p: expand(p, {}), FLAGS)
        whole = regex.compile(source, FLAGS) if after is None else None
        return cls(before, ahead, after, whole, required(source, FLAGS))

    def holds(self, text: str, count: tuple[int, int], start: int, end: int) -> bool:
        """Whether the pattern matches around `count` within text[start:end], its {count} that very count."""
        if self.after is None:
            return any(m.span("count") == count for m in self.whole.finditer(text, start, end))
        return (self.after.match(text, count[1], end) is not None
                and (self.ahead is None or self.ahead.match(text, count[0], end) is not None)
                and (self.before is None or self.before.match(text, start, count[0]) is not None))


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
        self.own_subjects = frozenset(w.lower() for w in context.own_subjects)
        self.rest_subjects = {rest: frozenset(conditions) for rest, conditions in context.rest_subjects.items()}
        self.partial = regex.compile(alternation(context.partial), FLAGS) if context.partial else None
        after = [*context.partial, *context.partial_after]
        self.partial_after = regex.compile(alternation(after), FLAGS) if after else None
        self.attacker_died = regex.compile(f"{WORD_START}(?:{alternation(context.attacker_died.words)}){NOT_WORD}",
                                           FLAGS) if context.attacker_died.words else None
        self.attacker_kinds = frozenset(context.attacker_died.kinds)
        self.among = regex.compile(f"{WORD_START}(?:{alternation(context.among)}){NOT_WORD}",
                                   FLAGS) if context.among else None
        self.roles = {p.lower(): role for p, role in context.place_roles.items()}
        self.taken = regex.compile(f"{WORD_START}(?:{alternation(context.place_destinations)}){NOT_WORD}",
                                   FLAGS) if context.place_destinations else None
        self.qualifiers = frozenset(context.place_qualifiers)
        self.possessive = tuple(context.possessive_endings)
        self.features = frozenset(context.place_features)
        self.name_verbs = frozenset(w.lower() for w in context.name_verbs)
        self.person_after = regex.compile("|".join(f"(?:{p})" for p in context.person_after),
                                          FLAGS) if context.person_after else None
        self.breaks = regex.compile(alternation(context.clause_breaks), FLAGS) if context.clause_breaks else None
        self.as_of = regex.compile(f"{WORD_START}(?:{alternation(context.as_of)})(?:{SPACE}\\p{{L}}+)?{SPACE}$",
                                   FLAGS) if context.as_of else None
        self.furniture = regex.compile("|".join(f"(?:{p})" for p in context.furniture),
                                       FLAGS | regex.MULTILINE) if context.furniture else None
        self.stamps = regex.compile("|".join(f"(?:{p})" for p in context.stamps), FLAGS) if context.stamps else None
        self.another = regex.compile("|".join(f"(?:{p})" for p in context.another_incident),
                                     FLAGS) if context.another_incident else None
        self.headings = regex.compile("|".join(f"(?:{p})" for p in context.headings),
                                      FLAGS | regex.MULTILINE) if context.headings else None
        self.superseded: list[Around] = []
        self.rates: list[Around] = []
        pointers = context.event_pointers
        self.points_after = regex.compile(f"(?:{SPACE}\\S+){{0,{POINTER_REACH}}}?{SPACE}(?:{alternation(pointers.after)})"
                                          f"{NOT_WORD}", FLAGS) if pointers.after else None
        self.points_before = regex.compile(f"{WORD_START}(?:{alternation(pointers.before)}){SPACE}$",
                                           FLAGS) if pointers.before else None

    def builtins(self, number: str, date: str) -> dict[str, str]:
        """What {number}, {duration} and {date} stand for in a scope pattern ('24 jam', 'a five-hour span')."""
        return {
            "number": f"(?P<dnum>{number})",
            "duration": f"(?:(?P<dnum>{number})(?:{SPACE}|-))?(?P<dunit>{alternation(self.unit_of)})",
            "date": f"(?P<date>{date})",
        }

    def compile(self, expand, number: str, date: str, count: str | None = None) -> None:
        builtins = self.builtins(number, date)
        self.scopes = [(s.kind, regex.compile(expand(s.pattern, builtins), FLAGS), s.key) for s in self.context.scopes]
        self.scope_needs = [required(pattern.pattern, FLAGS) for _, pattern, _ in self.scopes]
        a = self.context.attribution
        who = f"(?P<who>{WHO_WORD}(?:{SPACE}{WHO_WORD}){{0,{a.max_words - 1}}})"
        parts = []
        if a.before_speaker:
            parts.append(f"{alternation(a.before_speaker)}{SPACE}(?P<after>){who}")
        if a.after_speaker:  # a name starts a word, or the text searched (no attempt in every word's middle)
            parts.append(rf"(?:(?<![\p{{Lu}}\p{{Ll}}\p{{N}}])|\G){who}{SPACE}{alternation(a.after_speaker)}{NOT_WORD}")
        self.attribution = regex.compile("|".join(parts), FLAGS) if parts else None
        self.attribution_need = required(self.attribution.pattern, FLAGS) if parts else None
        self.stop = frozenset(w.lower() for w in a.stop)
        def with_count(patterns: list[str]) -> list[regex.Pattern]:
            return [regex.compile(expand(p, {"count": f"(?P<count>{count or number})"}), FLAGS) for p in patterns]

        self.superseded = [Around.of(p, expand, count or number) for p in self.context.superseded]
        self.rates = [Around.of(p, expand, count or number) for p in self.context.rates]
        self.breakdown = with_count(self.context.breakdown)

    # --- the structure of a text -----------------------------------------------------------------------------
    def clause_breaks(self, text: str) -> list[int]:
        """Offsets where a clause ends (sorted): ';', 'sedangkan', ', while' ..."""
        return [m.start() for m in self.breaks.finditer(text)] if self.breaks else []

    def furniture_lines(self, text: str) -> list[tuple[int, int]]:
        """Spans of the lines that are not the article's own report (related links, captions, bylines), and of the
        time stamps inside a line ('Posted: Wednesday, April 8, 2015 4:09 AM EDT' after a headline), in order."""
        lines = _lines(self.furniture, text)
        if self.stamps is None:
            return lines
        return sorted([*lines, *(m.span() for m in self.stamps.finditer(text))])

    def tells_another(self, text: str, sentence_start: int, claim_start: int) -> bool:
        """Whether the words opening a claim's sentence say it tells of another incident than the article's, the
        claim opening the clause right after them ('In a separate shooting, two men were wounded'; never 'Earlier
        Monday, police said two people had died', a source's word on the article's own)."""
        if self.another is None:
            return False
        start = sentence_start
        while start < claim_start and (text[start].isspace() or text[start] in OPENING):
            start += 1
        m = self.another.match(text, start)
        return (m is not None and m.end() <= claim_start
                and CLAUSE_OPENS.fullmatch(text, m.end(), claim_start) is not None)

    def heading_lines(self, text: str) -> list[tuple[int, int]]:
        """Spans of the lines that head a section of the article ('## 2. Perang saudara Myanmar')."""
        return _lines(self.headings, text)

    def is_as_of(self, text: str, date_start: int) -> bool:
        """Whether the words right before a date make it the day a figure stands at ('hingga Sabtu')."""
        return bool(self.as_of and self.as_of.search(text, max(0, date_start - 40), date_start))

    def points_back(self, text: str, event: tuple[int, int], limit: int) -> bool:
        """Whether an event word is pointed back to one event told before: 'serangan ... itu' (the pointer
        after it, before `limit`), 'that attack' (the pointer right before it)."""
        if self.points_after:
            m = self.points_after.match(text, event[1], limit)
            if m:
                return True
        return bool(self.points_before and self.points_before.search(text, max(0, event[0] - 20), event[0]))

    def is_superseded(self, text: str, count: tuple[int, int], lo: int, hi: int, words: Words | None = None) -> bool:
        """Whether the text says this count was replaced: 'sempat dikabarkan 18 …', 'revised down from 12'."""
        return self._around(self.superseded, text, count, lo, hi, words)

    def breakdown_in(self, text: str, start: int, end: int) -> list[tuple[int, int, tuple[int, int]]]:
        """The items of a breakdown within text[start:end] (the words of a claim after its count): (start, end,
        span of its count) of each, in text order, none overlapping; an item's words run up to the next item or
        the next comma ('one who was 19 years old')."""
        found: list[tuple[int, int, tuple[int, int]]] = []
        for pattern in self.breakdown:
            for m in pattern.finditer(text, start, end, overlapped=True):
                if not any(a < m.end() and m.start() < b for a, b, _ in found):
                    found.append((m.start(), m.end(), m.span("count")))
        found.sort()
        items = []
        for k, (_, item_end, count) in enumerate(found):
            stop = found[k + 1][0] if k + 1 < len(found) else end
            mark = ITEM_END.search(text, item_end, stop)
            items.append((count[0], mark.start() if mark else stop, count))
        return items

    def is_rate(self, text: str, count: tuple[int, int], lo: int, hi: int, words: Words | None = None) -> bool:
        """Whether this count is a rate, not a count: 'hundreds of bodies a day', '10 orang per hari'."""
        return self._around(self.rates, text, count, lo, hi, words)

    @staticmethod
    def _around(patterns: list[Around], text: str, count: tuple[int, int], lo: int, hi: int,
                words: Words | None) -> bool:
        start, end = max(lo, count[0] - REACH), min(hi, count[1] + REACH)
        return any((words is None or words.within(p.need, start, end)) and p.holds(text, count, start, end)
                   for p in patterns)

    def needs(self) -> list[frozenset[str] | None]:
        """The words the scope and attribution patterns need (see checker.triggers)."""
        return [*self.scope_needs, self.attribution_need, *(p.need for p in (*self.superseded, *self.rates))]

    def scopes_in(self, text: str, numbers, dates, start: int = 0, end: int | None = None,
                  timeout=None, published=None, words: Words | None = None) -> list[Found]:
        """Scopes within text[start:end] (a sentence): 'dalam 24 jam', 'sejak 2011', 'total'; a pattern runs only
        where `words` (the text's scan) has a word it needs."""
        found = []
        end = len(text) if end is None else end
        for (kind, pattern, fixed), need in zip(self.scopes, self.scope_needs):
            if words is not None and not words.within(need, start, end):
                continue
            for m in pattern.finditer(text, start, end, timeout=timeout):
                key = fixed or self._scope_key(kind, m, numbers, dates, published)
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
            key = iso_duration_hours(self.unit_of[regex.sub(r"\s+", " ", g["dunit"].lower())], count)
            return None if _longer_than_a_year(key) else key
        if kind == "since":
            mention = dates.parse(m.string, *m.span("date")) if g.get("date") else None
            if mention is not None and mention.relative is not None:
                return None  # "sejak Jumat", "since last week": since the story began, no scope of its own
            if mention is not None and mention.span.year is None:  # "sejak 25 Agustus": the year of publication
                mention = next(iter(resolve([mention], published)), None)
            return f"since {mention.span.year}" if mention and mention.span.year else (
                f"since {mention.span.iso('start')[:-3]}" if mention else None)
        return "total"

    def attributions_in(self, text: str, start: int = 0, end: int | None = None, timeout=None,
                        words: Words | None = None) -> list[Found]:
        """Who is said to have said what is in text[start:end] (a sentence)."""
        if self.attribution is None:
            return []
        if words is not None and not words.within(self.attribution_need, start, len(text) if end is None else end):
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
        """Who a claim counts, when the count or the words after it (up to `end`) name a kind of people
        ('20 komandan tewas' -> commanders; not '49 civilians, including six children'); of the rest, the
        condition that follows ('three others critically injured': some of the hurt, by their condition)."""
        def word(found: regex.Match) -> str:
            return regex.sub(r"\s+", " ", found.group().lower())

        def named(found: regex.Match) -> str:
            return self.subject_of[word(found)]

        while True:
            m = self.subjects.search(text, start, end) if self.subjects else None
            if m is None:
                return None
            if word(m) not in self.own_subjects or m.start() == start:
                break
            start = m.end()  # 'killed two and wounded another': 'another' is its own count, not the two's
        subject = named(m)
        later = self.subjects.search(text, m.end(), end) if subject in self.rest_subjects else None
        if later and (condition := named(later)) in self.rest_subjects[subject]:
            return condition
        return subject

    @staticmethod
    def words_after(text: str, offset: int, n: int) -> int:
        """Where the n words after offset end (on the same line): "sembilan ilmuwan senior" after a count; an
        initialism is one word ("four U.S. Marines"), a full stop before a space never inside one."""
        m = regex.match(rf"(?:[^\S\n]+[\p{{L}}\p{{N}}](?:[\p{{L}}\p{{N}}'’\-]|\.(?=\p{{L}}))*"
                        rf"(?:(?<=\p{{L}}\.\p{{L}})\.)?){{0,{n}}}", text[offset:offset + 80])
        return offset + (m.end() if m else 0)

    def is_part(self, text: str, count: tuple[int, int], claim_start: int, sentence_start: int,
                claim_end: int | None = None) -> bool:
        """Whether the count is part of a larger one: a partial word just before it ('termasuk 70 anak-anak')
        or right after it ('empat di antaranya'), or words later in its claim that set it among people counted
        elsewhere ('Eight siblings were among the dead'). A partial word later in the claim names a part of
        this count ('13 orang, termasuk lima anak-anak, tewas'): the count itself is then the whole."""
        if self.among is not None and claim_end and self.among.search(text, count[1], claim_end):
            return True
        if self.partial_after is None:
            return False
        before = self.partial.search(text, max(sentence_start, min(claim_start, count[0]) - PART_REACH),
                                     count[0]) if self.partial is not None else None
        if before is not None and "," in text[before.end():count[0]].lstrip(" ,"):
            before = None  # its aside ended before the count: 'two killed, including the suspect, and six others'
        blank = regex.match(r"[^\S\n]*", text[count[1]:count[1] + 10]).end()
        after = self.partial_after.match(text, count[1] + blank)
        return before is not None or after is not None

    def place_mentions(self, text: str, gazetteer: Gazetteer, sentences: Sentences | None = None,
                       breaks: list[int] = (), dated: list[tuple[int, int]] = ()) -> list[Mention]:
        """Every place named in the text, with the word right before it (if any) and the role it gives: where
        people were taken, when a destination word ('taken to') stands before it in its clause (`sentences` and
        the clause `breaks` of the text say where clauses end).

        A one-word place right before a capitalised word that is no qualifier is a person's first name
        ('Florence Looi'), not a place the text is about; before a word that names another place ('Washington
        Park', 'Chicago Heights'), it is no place the text names either."""
        out = []
        for start, end, place_id in gazetteer.find(text):
            if self._in_a_name(text, start, end, gazetteer, dated, place_id) or _within(dated, start):
                continue  # nor a word of a date: 'pada Juli 2025' names no Juli (a district in Aceh)
            prep = None
            if self.before_place is not None:
                before = self.before_place.search(text, max(0, start - 40), start)
                if before:
                    prep = regex.sub(r"\s+", " ", before.group(1).lower())
            role = self.roles.get(prep, "at") if prep else "at"
            if role == "at" and sentences is not None and self._taken_to(text, start, sentences, breaks):
                role = "to"
            out.append(Mention(start, end, place_id, prep, role))
        return out

    def unplaced(self, text: str, gazetteer: Gazetteer) -> list[tuple[int, int, tuple[str, ...]]]:
        """Each name in the text that only minor places have and that the text does not place, with the places it
        may be (`Gazetteer.unsure`: 'Bastrop police said', a town in Texas and one in Louisiana), unless the name
        is part of another name, as for place_mentions ('Brady Osborne')."""
        return [(start, end, ids) for start, end, ids in gazetteer.unsure(text)
                if not self._in_a_name(text, start, end, gazetteer)]

    def _taken_to(self, text: str, start: int, sentences: Sentences, breaks: list[int]) -> bool:
        """Whether a place stands where people were taken ('taken to Sacred Heart Medical Center in
        Springfield'): a destination word before it in its clause, within TAKEN_REACH characters."""
        if self.taken is None:
            return False
        sentence = sentences.index(start)
        for m in self.taken.finditer(text, max(0, start - TAKEN_REACH), start):
            if sentences.index(m.start()) == sentence and bisect.bisect_left(breaks, m.end()) == bisect.bisect_left(
                    breaks, start):
                return True
        return False

    def _in_a_name(self, text: str, start: int, end: int, gazetteer: Gazetteer,
                   dated: list[tuple[int, int]] = (), place_id: str | None = None) -> bool:
        """A one-word place right before a capitalised word that is no qualifier ('Florence Looi'), any place before
        a word that makes it another place ('Washington Park', 'El Paso County'), or a qualifier of the name after
        it ('Downtown Austin'); a one-word town before what only a person's name takes ('Richardson, 30,'); a
        one-word town before a word only people do ('Rodriguez said': a country or a state may speak; a town by
        that name is a person's, or a government's, as 'Moscow said': a speaker, never where it happened; but
        'activists in Palmyra said')."""
        if self.names_another(text, start, end):
            return True
        word = _word_after(text, start, end)
        if word and (self._proper(word, gazetteer)
                     or word[:1].isupper() and text[start:end] in self.qualifiers):  # 'Downtown Austin'
            return True
        town = place_id in gazetteer.places and gazetteer.places[place_id].lat is not None  # located: no country
        if town and self.person_after is not None and " " not in text[start:end] and self.person_after.match(
                text, end):
            return True  # 'Kevin Richardson, 30, died': a surname
        if word and word.lower() in self.name_verbs and town:
            before = PREVIOUS_WORD.search(text, max(0, start - 60), start)  # 'activists in Palmyra said': a place
            return before is None or before.group("word").lower() not in self.prepositions
        return (self.context.name_before_place and " " not in text[start:end]
                and self._surname(text, start, gazetteer, dated))

    def _surname(self, text: str, start: int, gazetteer: Gazetteer, dated: list[tuple[int, int]]) -> bool:
        """Whether a one-word place is a surname: a capitalised word stands right before it inside a sentence
        ('Sheriff Greg Taylor said', 'Sgt. Taylor'), one that is no place, no qualifier ('North', 'Downtown'),
        no preposition, no possessive ("Thailand's Songkhla"), no part of a date ('On Monday Houston police'),
        nor all in capitals (a station's call sign)."""
        m = PREVIOUS_WORD.search(text, max(0, start - 60), start)
        if m is None or not self._inside_sentence(m.group("before")) or self._ends_sentence(m.group("word")):
            return False  # no word before it on its line, or the first word of a sentence
        word = m.group("word")
        return (word[:1].isupper() and not word.isupper() and not word.endswith(self.possessive)
                and word.rstrip(".") not in self.qualifiers and word not in gazetteer.first
                and word.lower() not in self.prepositions and not _within(dated, m.start("word")))

    def _ends_sentence(self, word: str) -> bool:
        return word.endswith(".") and word.lower() not in self.abbreviations

    def _inside_sentence(self, before: str) -> bool:
        """Whether a word stands inside a sentence, after `before` (the text before it up to a blank): not at a
        line's start, nor after a sentence's end ('died.', 'died."'); after a quote that closes a clause
        ('senseless,"') it does."""
        core = before.rstrip(OPENING + "”’")
        return bool(core) and not (core[-1] in ".!?…:" and core.lower() not in self.abbreviations)

    def names_another(self, text: str, start: int, end: int) -> bool:
        """Whether a place's name is the start of another place's name ('Washington Park', 'El Paso County'): in
        a headline, where every word may be capitalised, the only test of `_in_a_name` that holds."""
        after = NEXT_WORD.match(text, end)
        return after is not None and after.group(1) in self.features

    def _proper(self, word: str, gazetteer: Gazetteer) -> bool:
        return word[:1].isupper() and word not in self.qualifiers and word not in gazetteer.first

    def place_weights(self, overrides: dict[str, float]) -> tuple[dict[str, float], float]:
        """Preposition weights, a claim rule's own (e.g. 'dari' for displacement) over the language's."""
        return {**self.prepositions, **{k.lower(): v for k, v in overrides.items()}}, self.context.bare_place_weight


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether an offset lies in one of some spans sorted by start that do not overlap (date mentions)."""
    k = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return k >= 0 and offset < spans[k][1]


def _word_after(text: str, start: int, end: int) -> str | None:
    """The word right after a one-word name (none after a name of several words)."""
    after = NEXT_WORD.match(text, end) if " " not in text[start:end] else None
    return after.group(1) if after else None


def _lines(pattern: regex.Pattern | None, text: str) -> list[tuple[int, int]]:
    """Spans of the lines whose start (after blanks) the pattern matches."""
    if pattern is None:
        return []
    out = []
    for m in regex.finditer(r"^[^\S\n]*", text, regex.MULTILINE):
        if pattern.match(text, m.end()):
            end = text.find("\n", m.end())
            out.append((m.start(), len(text) if end < 0 else end))
    return out
