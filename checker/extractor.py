"""One article + compiled rules -> its claims, each with evidence, place, scope and attribution."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import time
from collections import Counter
from dataclasses import dataclass, field, replace

import regex

from checker.cache import building_time
from checker.context import Sentences
from checker.dates import DateMention, happened, resolve
from checker.errors import Problem
from checker.grammar import Grammar, Language
from checker.incidents import Profile, headline, profile
from checker.models import DEATHS, HIT, INJURED, Claim, Interval, Quantity, Scope, Source
from checker.places import choose
from checker.sources import Article
from checker.triggers import Words

TIMEOUT_BASE = 1.0  # processor seconds a pattern may take on an article (all its calls together), plus:
TIMEOUT_PER_KB = 0.05
ARTICLE_BUDGET = 10  # an article's rules together may take this many times one pattern's time
MAX_TIMEOUTS = 3  # a rule that times out on this many articles is switched off for the run
WINDOW = 300  # characters around a count or date that claim patterns (and context) look at
LEAD = 600  # characters of an article's start that, with its title, say what kind of event it is about
DATELINE_WEIGHT = 0.5  # of the place an article was filed from, in what the article is about
PAST_DAYS = 31  # a month or a year of an event that ended this long before publication: a past event recalled
DASHES = "—–-"  # the marks of a dash, whichever a text uses
SEASON = 90  # a span this long (a year, a season) that ended before publication: a past period ('last year')
EVENT_AFTER_DAY = 25  # characters from a day to the event word it names ('Thursday afternoon shooting')
DAY_AFTER_CLAIM = 12  # characters from a claim's words to a day that dates them ('were shot to death early Saturday')
OWN_DAY_WORDS = 3  # words at most between a day and a word of a kind no figure counts that it is the day of
ABOUT = 2500  # characters of an article's start that, with its title, say which incident it reports
TALLIES = ("aggregate", "window", "since")  # the scopes of a count of many incidents, a window or a period
CONTEXT = 240  # characters of its sentence kept on each side of a claim, to show it in context
LISTED = "listed"  # the role of a count made by a list's articles ('a man and a woman'): NumberGrammar.listed_one
WORDS = regex.compile(r"\p{L}+")
NEWLINE = regex.compile(r"\n")
# "Jakarta, CNN Indonesia --", "Yangon (ANTARA News) -", "KATHMANDU, Nepal (AP) —": where the report was filed
# from, at the start of an article; its place is the outlet's, not the event's
DATELINE = regex.compile(r"\A\s*[\p{Lu}][\p{L}\p{M}'’. ]{1,40}?(?:\s*,\s*[^\n,]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?"
                         r"\s*(?:--|—|–|-(?=\s))\s")


@dataclass
class Result:
    """What one article gave: its claims (sorted), the language used, and problems met on the way."""

    source: Source
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    profile: Profile | None = None  # what the article is about, for grouping articles into incidents


def detect_language(text: str, grammar: Grammar) -> str:
    """The loaded language whose stop words are most frequent in the text's first few thousand characters; on
    a tie (a headline, a phrase with no function word), the one that names more months and weekdays ('Gempa
    terjadi Senin, 3 Januari 2017'), then the one whose number words read most of it ('puluhan ribu warga
    mengungsi'), then the one whose claim rules need more of its words ('Korban tewas mencapai 30 jiwa': this
    compiles the tied languages, or reads them from the cache)."""
    codes = list(grammar.languages)
    if len(codes) == 1:
        return codes[0]
    counts = Counter(w.lower() for w in WORDS.findall(text[:4000]))
    tied = codes
    for words in (grammar.languages.stopwords, grammar.languages.calendar_words):
        own = {c: words[c].difference(*(words[o] for o in tied if o != c)) for c in tied}  # 'April' tells none
        found = {c: sum(counts[w] for w in own[c]) for c in tied}
        tied = [c for c in tied if found[c] == max(found.values())]
        if len(tied) == 1:
            return tied[0]
    read = {c: sum(n.end - n.start for n in grammar.languages.numbers(c).find(text[:1000])
                   if not text[n.start:n.end].strip().isdigit()) for c in tied}
    tied = [c for c in tied if read[c] == max(read.values())]
    if len(tied) > 1:  # no number word either ('Korban tewas mencapai 30 jiwa'): the words its claim rules need
        needs = {c: _needed_words(grammar.languages[c]) for c in tied}
        found = {c: sum(counts[w] for w in needs[c].difference(*(needs[o] for o in tied if o != c))) for c in tied}
        tied = [c for c in tied if found[c] == max(found.values())]
    return min(tied, key=codes.index)


def _needed_words(language: Language) -> frozenset[str]:
    """The whole words among those the language's claim patterns need (compiling the language, if need be)."""
    return frozenset(w for w in language.scanner.words if WORDS.fullmatch(w)) if language.scanner else frozenset()


class Lines:
    """Offsets -> 1-based line and column."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in NEWLINE.finditer(text)]

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


class Extractor:
    """Runs every claim rule of an article's language over it."""

    def __init__(self, grammar: Grammar, lang: str | None = None):
        self.grammar = grammar
        self.forced = lang
        self.timeouts: Counter = Counter()  # per rule: after MAX_TIMEOUTS it is not run again
        # place weights of each claim rule (the language's, its own over them), worked out once per language
        self.weights: dict[str, dict[str, dict]] = {}
        # a rule's own prepositions name where its claims happened: "dievakuasi dari Aleppo timur"
        self.locative: dict[str, frozenset[str]] = {}

    def language_of(self, article: Article) -> Language:
        code = self.forced or article.source.lang
        if code not in self.grammar.languages:
            code = detect_language(article.text, self.grammar)
        language = self.grammar.languages[code]
        if code not in self.weights:  # the first article in this language
            self.weights[code] = {p.rule: language.context.place_weights(p.place_prepositions)
                                  for p in language.claims}
            self.locative.update((p.rule, frozenset(w.lower() for w in p.place_prepositions))
                                 for p in language.claims)
        return language

    def run(self, article: Article) -> Result:
        language = self.language_of(article)
        source = replace(article.source, lang=language.code)
        result = Result(source)
        text = article.text
        timeout = TIMEOUT_BASE + TIMEOUT_PER_KB * len(text) / 1024
        budget = _spent() + ARTICLE_BUDGET * timeout
        over: list[str] = []  # the rule that was about to run when the article's budget ran out

        def guarded(what: str, fn, default):
            if self.timeouts[what] >= MAX_TIMEOUTS or over:
                return default
            if _spent() > budget:
                over.append(what)
                result.problems.append(Problem(
                    source.id, None, None, f"reading this text took longer than {ARTICLE_BUDGET * timeout:.0f}s in "
                    f"all: rule {what} and the rules after it were skipped for it (see `checker rules lint`)"))
                return default
            began = _spent()
            while True:
                try:
                    return fn()
                except TimeoutError:
                    # `regex` times calls by the wall clock; on a busy machine that runs out long before the
                    # processor time a rule may take: read again, until the processor time is spent too
                    if _spent() - began < timeout:
                        continue
                self.timeouts[what] += 1
                last = self.timeouts[what] == MAX_TIMEOUTS
                result.problems.append(Problem(
                    source.id, None, None, f"rule {what} took longer than {timeout:.1f}s on this text and was "
                    f"skipped for it{'; it is now off for the rest of the run' if last else ''} "
                    f"(see `checker rules lint`)"))
                return default

        dates = resolve(guarded(f"{language.code}.dates", lambda: language.dates.find(text, timeout), []),
                        source.date)
        counts = guarded(f"{language.code}.numbers", lambda: language.numbers.count_spans(text, timeout), [])
        if not counts and not dates:
            return result
        dates = sorted(dates, key=lambda d: (d.start, d.end))
        stated = language.dates.ranges(dates, text)  # what date claims state: 'Kamis (15/6) hingga Rabu (28/6)' is one
        taken = [(d.start, d.end) for d in stated]
        reach = list(itertools.accumulate((e for _, e in taken), max))
        counts = [c for c in counts if not _inside(c, taken, reach)]  # "19 Juli" is no count
        spans = {"count": _around(text, counts), "date": _around(text, taken)}
        by_span = {(d.start, d.end): d for d in reversed(stated)}
        candidates = []
        words = language.scanner.scan(text) if language.scanner else None
        for pattern in language.claims:
            if not spans[pattern.target] or words is not None and not (
                    words.anywhere(pattern.need_after) and words.anywhere(pattern.need_before)):
                continue  # nothing to read around, or a word the pattern needs is nowhere in the text
            found = guarded(f"{pattern.rule}#{pattern.name}",
                            lambda: list(_hits(pattern, text, spans[pattern.target], timeout, words)), [])
            for hit in found:
                candidates.extend(self._candidate(pattern, hit, language, dates, by_span, source))
        if not candidates:
            return result
        ctx = language.context
        sentences = Sentences(text, ctx.abbreviations)
        breaks = ctx.clause_breaks(text)
        dateline = DATELINE.match(text)
        filed = dateline.end() if dateline else 0
        asides = frozenset(b for b in _dashes(text, breaks) if b >= filed)  # a dateline's dash opens no aside
        furniture = ctx.furniture_lines(text)
        gazetteer = self.grammar.gazetteer
        named = ctx.place_mentions(text, gazetteer, sentences, breaks, [(d.start, d.end) for d in dates])
        mentions = [replace(p, sentence=sentences.index(p.start)) for p in named if p.start >= filed]
        frequency = Counter(p.place_id for p in mentions)
        named_events = language.events.find(text)  # a date's event may be one no figure counts (a sentencing)
        events = language.events.counted(named_events)
        event_starts = [e[0] for e in events]  # in text order
        headings = ctx.heading_lines(text)
        opening = _opening(text, furniture)  # the report's first line, after a page's furniture
        lead = next((start for start, _ in headings if text[opening:start].strip()), len(text))  # up to a heading
        start_of = text[opening:min(opening + LEAD, lead)]
        main_event = language.events.main(f"{headline(source)}\n{start_of}")
        sections = _sections(headings, mentions, events, gazetteer)
        about = self._about(source, named, filed, furniture, language, gazetteer, min(opening + LEAD, lead))
        unplaced = [(opening + a, opening + b, ids) for a, b, ids in ctx.unplaced(start_of, gazetteer)]
        unsure = [pid for _, _, ids in unplaced for pid in ids]
        # the one town of several words that a single place has ('Hallandale Beach' with no Florida named)
        lone = {ids[0] for start, end, ids in unplaced if len(ids) == 1 and " " in text[start:end]}
        result.profile = profile(source, _without(text, furniture)[opening:], min(ABOUT, lead - opening), about,
                                 main_event, unsure, lone.pop() if len(lone) == 1 else None)
        lines = Lines(text)
        weights = self.weights[language.code]

        def event_of(pattern, m: Hit, date, clause: tuple[int, int] | None = None, i: int = 0) -> str | None:
            """The kind of event a claim counts (or dates): its rule's own, a date's own event words, or the
            nearest event word (or its section's, or the story's). `clause` and `i` (its sentence), when known."""
            if pattern.event:
                return pattern.event
            if date and (own := _own_day(text, named_events, m.start, m.end, language.events.uncounted)):
                return own
            if clause is None:
                clause, i = _clause(m.start, m.end, sentences, breaks, asides), sentences.index(m.start)
            first, last = sentences.span(i)
            return _event_of(events, clause, (max(first, m.start - WINDOW), min(last, m.end + WINDOW)),
                             (m.start, m.end), None if date else _section(sections, m.start)[1] or main_event,
                             self.grammar.event_kinds, sentences.span(max(i - 1, 0))[0])

        # a rule bound to some kinds of event reads nothing in a story of another ('a total of six victims' counts
        # the shot in a shooting's story only), and another rule's reading of the same count stands
        candidates = [c for c in candidates
                      if not c[0].events or self.grammar.event_kinds.among(event_of(c[0], c[1], c[4]), c[0].events)]
        chosen = _broken_down(_best(candidates), text, language)
        # whether the article tells the attacker died too: read only when a count of a kind that may include them is
        attacker_died = ctx.attacker_died is not None and any(c[0].kind in ctx.attacker_kinds for c in chosen) and (
            ctx.attacker_died.search(text) is not None)
        told = self._told(chosen, source.date)
        clauses: list[tuple[int, int]] = []  # each claim's clause, in the order of result.claims
        found: list[Scope | None] = []  # the scope each claim's context gives, in the same order
        for pattern, m, span, quantity, date, slips, role in chosen:
            clause = _clause(m.start, m.end, sentences, breaks, asides)
            i = sentences.index(m.start)
            first, last = sentences.span(i)
            lo, hi = max(first, m.start - WINDOW), min(last, m.end + WINDOW)  # a sentence may be a whole book
            if quantity and ctx.is_rate(text, span, clause[0], clause[1], words):
                continue  # 'hundreds of bodies a day': a rate is no count
            heading_place = _section(sections, m.start)[0]
            event = event_of(pattern, m, date, clause, i)
            if not self.grammar.event_kinds.among(event, pattern.events) or (
                    pattern.not_events and self.grammar.event_kinds.among(event, pattern.not_events)):
                continue  # a breakdown's item, in a clause of another kind of event than its whole's; a crowd
                # fleeing a shooting
            scopes = guarded(f"{language.code}.context",
                             lambda: ctx.scopes_in(text, language.numbers, language.dates, max(lo, clause[0]),
                                                   min(hi, clause[1]), timeout, source.date, words), [])
            in_sentence = guarded(f"{language.code}.context",
                                  lambda: ctx.attributions_in(text, lo, hi, timeout, words), [])
            roles = choose((m.start, m.end), clause, i, mentions, [(w.start, w.end) for w in in_sentence],
                           weights[pattern.rule], gazetteer, frequency, _paragraph(text, m.start),
                           self.locative[pattern.rule])
            place_id, named = roles.get("at", (None, None))
            if heading_place and (place_id is None or named == "bare" and gazetteer.compatible(place_id, heading_place)):
                place_id, named = place_id or heading_place, "section"  # what its section is about
            scope = _nearest([s for s in scopes if not span[0] <= s.start < span[1]], m.start, m.end)
            who = _nearest(in_sentence, m.start, m.end)
            line, column = lines.at(m.start)
            flags = list(slips)
            if any(a <= m.start < b for a, b in furniture):
                flags.append("furniture")
            # counts only: a date's own event words (date.yaml) already say what it dates
            if quantity and ctx.tells_another(text, first, m.start):
                flags.append("another-incident")
            as_of = event_date = None
            period = False
            if quantity:
                if ctx.is_superseded(text, span, lo, hi, words):
                    flags.append("superseded")
                as_of, event_date, period = _days(text, ctx, dates, clause, span,
                                                  [span, *((f.start, f.end) for f in scopes)], source.date,
                                                  event_starts, m.end)
                event_date = event_date or _pointed_day(text, ctx, events, event_starts, clause, m.start, told,
                                                        self.grammar.event_kinds)
            clauses.append(clause)
            found.append(scope.value if scope else None)
            result.claims.append(Claim(
                source=source.id, line=line, column=column, text=m.group(), kind=pattern.kind, rule=pattern.rule,
                pattern=pattern.name, offset=m.start, quantity=quantity, date=date.span if date else None,
                event=event,
                place=gazetteer.name(place_id, language.code), place_id=place_id,
                scope=_scope(pattern.scope, scope.value if scope else None, m.group(), pattern.daily),
                attribution=who.value if who else None, lang=language.code,
                subject=(ctx.subject(text, span[0], ctx.words_after(text, span[1], 3)) or pattern.subject)
                if quantity and role not in ("sum", LISTED) else None,
                part=bool(quantity) and (role == "part" or ctx.is_part(text, span, m.start, first, m.end)),
                compared=pattern.compare and not (date and date.unwritten),
                # 'on Tuesday' is read, not compared (a day off if the article was filed the day before it was
                # published); '14 Januari dua tahun lalu' takes only its year from the publication date
                as_of=as_of, event_date=event_date, event_period=period,
                attacker_died=attacker_died and pattern.kind in ctx.attacker_kinds,
                origin_id=roles.get("from", (None,))[0], destination_id=roles.get("to", (None,))[0], flags=tuple(flags),
                place_from=named if place_id else None,
                date_from=("relative" if date.unwritten else date.year_from) if date else None,
                before=text[max(first, m.start - CONTEXT):m.start].lstrip(),
                after=text[m.end:min(last, m.end + CONTEXT)].rstrip()))
        result.claims[:] = _rests(result.claims, clauses, ctx.rest_subjects)
        result.claims[:] = _of_tallies(result.claims, found, sentences)
        result.claims[:] = _broken_after(result.claims, text, sentences)
        result.claims[:] = _hurt_then_died(result.claims)
        result.claims.sort(key=Claim.sort_key)
        return result

    @staticmethod
    def _told(chosen, published: dt.date | None) -> list[tuple[str, dt.date]]:
        """(kind of event, day) of each event the article dates to one day, in the order it tells them."""
        out = []
        for pattern, _, _, _, date, _, _ in chosen:  # in text order
            days = date.span.dates() if date is not None and pattern.event and not date.relative else None
            if days and days[0] == days[1] and (published is None or days[0] <= published):
                out.append((pattern.event, days[0]))
        return out

    def _about(self, source: Source, named, filed: int, furniture, language: Language, gazetteer,
               lead: int) -> Counter:
        """The places an article's headline and lead name, each weighed as a claim's place would be (after 'di'
        more than bare, an actor not at all), with the places they lie within; its dateline weighs little."""
        weights, bare = language.context.place_weights({})
        about: Counter = Counter()
        title = source.headline or ""
        titled = [(start, end, pid) for start, end, pid in gazetteer.find(title)
                  if not language.context.names_another(title, start, end)]
        # read with the article: a town abroad that nothing else of its country stands by is a word ('Springs')
        away = gazetteer.abroad([*(pid for _, _, pid in titled), *(p.place_id for p in named)]) if titled else set()
        for _, _, pid in titled:
            if gazetteer.top(pid) not in away:
                about[pid] += bare
        for p in named:
            if p.start < lead and not any(a <= p.start < b for a, b in furniture):
                about[p.place_id] += DATELINE_WEIGHT if p.start < filed else (weights.get(p.prep, bare) if p.prep
                                                                              else bare)
        for pid, weight in list(about.items()):
            for parent in gazetteer.ancestors(pid):
                about[parent] += weight
        return about

    @staticmethod
    def _candidate(pattern, m: Hit, language: Language, dates: list[DateMention], by_span: dict,
                   source: Source) -> list[tuple]:
        """(pattern, hit, span, quantity, date, flags, role) of what a hit claims: none, one, or, where the
        hit adds up a list ('two men and two women were shot'), the sum, its first count and its other counts
        (each count of a list is a claim, which compare sets apart as a breakdown of the sum)."""
        if "\n" in m.group():
            return []
        span = m.span
        if pattern.target == "count":
            if (one := language.numbers.listed_one(m.string[span[0]:span[1]])) is not None:
                # an article counts only as the head of a list of people ('A man and a woman were shot': two)
                total = _sum(one, m, language) if m.ones else None
                return [] if total is None else [(pattern, m, span, total, None, (), LISTED)]
            mention = language.numbers.parse(m.string[span[0]:span[1]])
            nominal = mention.quantity.nominal if mention else None
            if (nominal is None or any(0 < abs(end or 0) < 1 for end in (nominal.low, nominal.high))
                    or language.numbers.priced(m.string, span[0])):
                return []  # a share or a price, never a count: "two thirds of the dead", "sebesar Rp 2,7 miliar"
            if not mention.quantity.nominal.whole():  # people come whole: "16,500 orang" is 16500, flagged
                mention = language.numbers.parse(m.string[span[0]:span[1]], whole=True) or mention
                return [(pattern, m, span, mention.quantity, None, ("fractional-count",), None)]
            total = _sum(mention.quantity, m, language) if m.plus or m.ones else None
            if total is None:
                return [(pattern, m, span, mention.quantity, None, (), None)]
            items = [(pattern, m, item, q.quantity, None, (), "item") for item in m.plus
                     if (q := language.numbers.parse(m.string[item[0]:item[1]]))]
            return [(pattern, m, span, total, None, (), "sum"), (pattern, m, span, mention.quantity, None, (), "term"),
                    *items]
        date = by_span.get(span)
        if date is None:
            parsed = language.dates.parse(m.string, *span)
            resolved = resolve([*dates, parsed], source.date) if parsed else []
            date = resolved[-1] if resolved and (resolved[-1].start, resolved[-1].end) == span else None
        if date is not None and pattern.event:
            date = happened(date, source.date)
        return [(pattern, m, span, None, date, date.flags, None)] if date else []


def _sum(head: Quantity, m: Hit, language: Language) -> Quantity | None:
    """The count of a list of people ('two men and two women', 'three men and a teenager'): its counts added
    up, when each is exact; else None (the first count stands alone)."""
    values = [head]
    for start, end in m.plus:
        mention = language.numbers.parse(m.string[start:end])
        if mention is None:
            return None
        values.append(mention.quantity)
    if any(q.relation != "exact" or q.approximate or q.nominal.low != q.nominal.high for q in values):
        return None
    total = Interval.point(sum(q.nominal.low for q in values) + m.ones)
    return Quantity(nominal=total, interval=total, approximate=False, relation="exact")


def _joined(m: regex.Match) -> tuple[tuple[tuple[int, int], ...], int]:
    """What a list joins to a claim's count: the spans of its other counts (`plus` groups of the rules) and
    how many people it counts by an article alone (`one_more`: 'and a teenager')."""
    names = m.re.groupindex
    return (tuple(m.spans("plus")) if "plus" in names else (),
            len(m.spans("one_more")) if "one_more" in names else 0)


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a claim pattern matched: its whole extent and the span of its {count} or {date}, and what a list
    joins to its count (see _joined)."""

    string: str
    start: int
    end: int
    span: tuple[int, int]
    plus: tuple[tuple[int, int], ...] = ()
    ones: int = 0

    def group(self) -> str:
        return self.string[self.start:self.end]


def _around(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Each span with the stretch a claim around it may cover: WINDOW characters each side, on its line."""
    out = []
    for start, end in spans:
        line_end = text.find("\n", end)
        out.append((start, end, max(text.rfind("\n", 0, start) + 1, start - WINDOW),
                    min(len(text) if line_end < 0 else line_end, end + WINDOW)))
    return out


def _spent() -> float:
    """Processor time this thread has spent, less building patterns: what time limits on matching are measured
    by, so that what is found does not depend on the load of the machine or on what was built before."""
    return time.thread_time() - building_time()


class Clock:
    """The processor time a pattern has left on an article, all its calls together: each call may take what is
    left (a pattern just under a per-call limit, run at each of a thousand counts, is still stopped). `regex`
    limits a call by the wall clock, which is cheap to read; only when that runs out is the processor time read,
    and a call stopped by the wall clock alone (the machine was busy, not the pattern slow) is made again."""

    def __init__(self, seconds: float):
        self.seconds, self.began = seconds, _spent()
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            left = self.seconds - (_spent() - self.began)
            if left <= 0:
                raise TimeoutError("regex timed out")
            self.end = time.monotonic() + left
        return left

    def call(self, method, *args):
        """`method(*args, timeout=…)` within the time left."""
        while True:
            timeout = self.left()
            try:
                return method(*args, timeout=timeout)
            except TimeoutError:
                continue  # `left` says whether it was the pattern


def _hits(pattern, text: str, spans: list[tuple[int, int, int, int]], seconds: float, words: Words | None):
    """Matches of a claim pattern around each count (or date) span: its part before the span matched
    backwards from the span's start, its part after from the span's end; never across a line end. A part
    is tried only where the words it needs stand within its reach (all parts, when `words` is None); all
    calls together may take `seconds`."""
    clock = Clock(seconds)
    for start, end, lo, hi in spans:
        if words is not None and not (words.within(pattern.need_after, lo if pattern.after is None else end, hi)
                                      and words.within(pattern.need_before, lo, start)):
            continue
        if pattern.after is None:  # the halves do not stand alone: search the whole pattern around the span
            for m in clock.call(lambda *a, **k: list(pattern.regex.finditer(*a, **k)), text, lo, hi):
                if m.span(pattern.target) == (start, end):
                    yield Hit(text, m.start(), m.end(), (start, end), *_joined(m))
            continue
        after = clock.call(pattern.after.match, text, end, hi)
        if after is None or (pattern.ahead and not clock.call(pattern.ahead.match, text, start, hi)):
            continue
        first = start
        if pattern.before is not None:
            before = clock.call(pattern.before.match, text, lo, start)
            if before is None:
                continue
            first = before.start()
        yield Hit(text, first, after.end(), (start, end), *_joined(after))


def _broken_down(chosen: list[tuple], text: str, language: Language) -> list[tuple]:
    """The claims with, after each, the items of a breakdown its own words give after its count ('sent four
    teens, one who was 19 years old and three who were 17, to the hospital'): each a part of the claim, of its
    kind and rule, unless a rule already claims that count."""
    if not language.context.breakdown:
        return chosen
    claimed = {c[2] for c in chosen}
    out = []
    for c in chosen:
        out.append(c)
        pattern, m, span, quantity, _, _, role = c
        if quantity is None or role in ("term", "item"):
            continue
        for start, end, count in language.context.breakdown_in(text, span[1], m.end):
            mention = language.numbers.parse(text[count[0]:count[1]])
            if count in claimed or any(a < count[1] and count[0] < b for a, b in m.plus) or mention is None:
                continue
            claimed.add(count)
            out.append((pattern, Hit(text, start, end, count), count, mention.quantity, None, (), "part"))
    return out


def _best(candidates):
    """One claim per counted span: where rules overlap, the highest priority, then the shortest match (the
    nearest key word) wins; a list's counts are kept beside the list's sum when that sum wins (a later count
    only where no rule claims it on its own)."""
    best = {}
    for order, c in enumerate(candidates):
        pattern, m, span = c[0], c[1], c[2]
        key = (pattern.target, span, c[6] in ("term", "item"))
        rank = (-pattern.priority, m.end - m.start, order)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, c)
    for (target, span, term), (_, c) in list(best.items()):  # a list's counts, where its sum won
        if term and (best[target, c[1].span, False][1][1] is not c[1]
                     or c[6] == "item" and (target, span, False) in best):
            del best[target, span, term]
    chosen = [c for _, c in sorted(best.values(), key=lambda x: x[1][1].start)]
    # a list counted by its articles that a count inside it counts too ('A man and a woman were both hit'): that
    # count's reading stands alone
    return [c for c in chosen if c[6] != LISTED or not any(
        d is not c and d[0].kind == c[0].kind and c[1].start <= d[2][0] < c[1].end and d[3] is not None
        and d[3].nominal == c[3].nominal for d in chosen)]


def _clause(start: int, end: int, sentences: Sentences, breaks: list[int], asides: frozenset = frozenset()
            ) -> tuple[int, int]:
    """The clause a claim stands in: its sentence cut at the clause breaks around it. A claim set off between
    two dashes ('35 people have been shot — eight of them fatally — across the city') stands in the clause the
    dashes interrupt (`asides`: the breaks that are dashes), and so does a claim beside such an aside: the 35
    were shot across the city."""
    lo, hi = sentences.span(sentences.index(start))
    i = bisect.bisect_right(breaks, start) - 1
    j = bisect.bisect_left(breaks, end)

    def aside(a: int, b: int) -> bool:  # breaks a and b are the two dashes of an aside within the sentence
        return 0 <= a and b < len(breaks) and lo <= breaks[a] and breaks[b] < hi and {breaks[a], breaks[b]} <= asides

    if aside(i, j):
        i, j = i - 1, j + 1  # between two dashes of one sentence: the clause they interrupt
    else:
        if aside(j, j + 1):
            j += 2  # an aside right after it: its clause goes on after the second dash
        if aside(i - 1, i):
            i -= 2  # an aside right before it
    return (max(lo, breaks[i]) if i >= 0 else lo, min(hi, breaks[j]) if j < len(breaks) else hi)


def _rests(claims: list[Claim], clauses: list[tuple[int, int]], rest: dict[str, frozenset[str]]) -> list[Claim]:
    """The claims, a compared count of the rest (`rest`: 'others') that follows a count of its own kind in its
    clause made a part: 'wounding two law enforcement officers and three other civilians' counts five wounded,
    never three. Not after a count of another scope or of a condition (`rest[c.subject]`): in 'two critical and
    19 others injured' the 19 are the injured's toll as the text gives it. Evidence stays whole, to meet its like
    ('another was treated and released')."""
    if not any(c.subject in rest for c in claims):
        return claims
    out = list(claims)
    for k, c in enumerate(claims):
        if c.subject in rest and c.quantity is not None and c.compared and not c.part and any(
                d.kind == c.kind and _scope_key(d) == _scope_key(c) and d.quantity is not None
                and d.subject not in rest and d.subject not in rest[c.subject] and not d.part
                and clauses[j] == clauses[k] and d.offset + len(d.text) <= c.offset
                for j, d in enumerate(claims) if j != k):
            out[k] = replace(c, part=True)
    return out


def _of_tallies(claims: list[Claim], found: list[Scope | None], sentences) -> list[Claim]:
    """The claims, a part whose whole is a tally told in its sentence or the one before ('Three of those victims
    died' after 'Since 10 p.m. Friday night, 11 people have been shot in the city') taking the tally's scope: its
    dead are the tally's, never one incident's toll. `found`: the scope each claim's context gives."""
    if not any(f is not None and f.kind in TALLIES for f in found):
        return claims
    out = list(claims)
    whole: tuple[int, Scope | None] | None = None  # the sentence of the last count that is no part, and its tally
    for k in sorted(range(len(claims)), key=lambda k: claims[k].offset):
        c = claims[k]
        if c.quantity is None:
            continue
        i = sentences.index(c.offset)
        if not c.part:
            whole = (i, found[k] if found[k] is not None and found[k].kind in TALLIES else None)
        elif c.scope is None and whole is not None and whole[1] is not None and whole[0] >= i - 1:
            out[k] = replace(c, scope=whole[1])
    return out


BREAKDOWN_GAP = 80  # characters at most between a count and the dash or colon that breaks it down
# what opens a breakdown: a dash (a hyphen only set apart by a blank), a colon
BREAKDOWN_MARK = regex.compile(rf"(?:[^\S\n]+(?:--|[{DASHES}])|[{DASHES.replace('-', '')}]|:)[^\S\n]*\Z")


def _broken_after(claims: list[Claim], text: str, sentences) -> list[Claim]:
    """The claims, a smaller count of a kind that opens what follows a dash or a colon after a count of that kind
    in its sentence made a part of it: 'Two women were transported to nearby hospitals — one shot in the chest and
    the other in the leg', 'Five people were hurt: two in the leg, ...'. The text breaks the first count down; its
    items are no tolls of their own. Not a count of one day's condition ('nine were injured -- one in critical
    condition'), which is compared only with its like; nor after a count far back ('Sheriff: 3 killed' in a caption)."""
    out = list(claims)
    for k, c in enumerate(claims):
        if c.quantity is None or c.part or c.quantity.nominal.high is None:
            continue
        mark = BREAKDOWN_MARK.search(text, max(0, c.offset - 8), c.offset)
        if mark is None:
            continue
        i = sentences.index(c.offset)
        if any(d.kind == c.kind and d.quantity is not None and not d.part and d.quantity.nominal.low is not None
               and 0 <= mark.start() - (d.offset + len(d.text)) <= BREAKDOWN_GAP and sentences.index(d.offset) == i
               and c.quantity.nominal.high < d.quantity.nominal.low
               and (c.scope is None or c.scope.kind != "window" or _scope_key(c) == _scope_key(d)) for d in claims):
            out[k] = replace(c, part=True)
    return out


def _hurt_then_died(claims: list[Claim]) -> list[Claim]:
    """The claims, a count of the injured that a smaller part of the dead follows in its paragraph, with no count
    of the dead before that part there, taking the scope of everyone hit (`HIT`): in 'Four people were injured in
    a shooting. Two men and two women were taken to nearby hospitals. One of the men later died.' the four are
    everyone shot, the dead one among them, and another outlet's 'three people were injured' no conflict."""
    first: dict[int, Claim] = {}  # the first count of the dead on each line
    for d in claims:
        if d.kind == DEATHS and d.quantity is not None and (d.line not in first or d.offset < first[d.line].offset):
            first[d.line] = d
    out = list(claims)
    for k, c in enumerate(claims):
        d = first.get(c.line)
        if (d is not None and d.part and d.offset > c.offset and c.kind == INJURED and c.quantity is not None
                and not c.part and c.compared and c.scope is None and c.quantity.nominal.low is not None
                and d.quantity.nominal.high is not None and d.quantity.nominal.high < c.quantity.nominal.low):
            out[k] = replace(c, scope=Scope("counted", HIT, c.text))
    return out


def _scope_key(c: Claim) -> tuple | None:
    return (c.scope.kind, c.scope.key) if c.scope else None


def _dashes(text: str, breaks: list[int]) -> frozenset:
    """The clause breaks that are dashes (' — ', ' – ', ' -- '): in pairs, they set off an aside."""
    return frozenset(b for b in breaks if text[b:b + 4].strip()[:1] in DASHES)


def _opening(text: str, furniture: list[tuple[int, int]]) -> int:
    """Where an article's report begins: 0, or, when it opens with furniture lines (a gallery's markup, a related
    link), the first line after them that holds anything; 0 again when nothing does (a gallery's captions are all
    the article there is)."""
    at = 0
    for start, end in furniture:
        if text[at:start].strip():
            break
        at = end
    rest = text[at:]
    return at + len(rest) - len(rest.lstrip()) if at and rest.strip() else 0


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans (furniture lines) blanked out."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _sections(headings: list[tuple[int, int]], mentions: list, events: list[tuple[int, int, str]],
              gazetteer) -> list[tuple[int, str | None, str | None]]:
    """(start, place, kind of event) of each section of an article, from its heading ('## 2. Perang saudara
    Myanmar'): the most specific place it names when all it names lie one within another (none for 'Perang
    Thailand-Kamboja'), and the first kind of event it names."""
    out = []
    for start, end in headings:
        places = [p.place_id for p in mentions if start <= p.start < end]
        place = max(places, key=lambda pid: len(gazetteer.ancestors(pid))) if places else None
        if place and not all(gazetteer.compatible(place, other) for other in places):
            place = None
        kind = next((k for s, _, k in events if start <= s < end), None)
        out.append((start, place, kind))
    return out


def _section(sections: list[tuple[int, str | None, str | None]], at: int) -> tuple[str | None, str | None]:
    """The place and kind of event of the section an offset lies in (none before the first heading)."""
    k = bisect.bisect_right(sections, at, key=lambda s: s[0])
    return sections[k - 1][1:] if k else (None, None)


def _event_of(events: list[tuple[int, int, str]], clause: tuple[int, int], sentence: tuple[int, int],
              claim: tuple[int, int], main: str | None, kinds=None, previous: int | None = None) -> str | None:
    """The kind of event a count counts: the event word nearest it in its clause (one among the claim's own
    words nearest of all: 'According to Miami-Dade Fire, one woman was shot'), else in its sentence, else the
    one the article's headline and lead name. A broad word ('serangan', 'the attack') takes the narrower kind
    that the words before it, back to the sentence before, name ('serangan pisau' the sentence before: a
    stabbing); never a whole story's (a war's toll is no attack's)."""
    at, until = claim
    for lo, hi in (clause, sentence):
        near = [(0 if at <= s < until else abs(s - at), t) for s, _, t in events if lo <= s < hi]
        if near:
            kind = min(near)[1]
            if kinds is None or previous is None or kind in kinds.story:
                return kind
            narrower = [(at - s, t) for s, _, t in events
                        if previous <= s < at and t != kind and kind in kinds.within.get(t, ())]
            return min(narrower)[1] if narrower else kind
    return main


def _own_day(text: str, events: list[tuple[int, int, str]], start: int, end: int,
             uncounted: frozenset[str]) -> str | None:
    """The kind no figure counts (a hearing, an arrest) that a date is the day of: its word right beside the date,
    OWN_DAY_WORDS at most between, and nearer than any other event word ('Sentencing was delayed Thursday', 'held
    for trial today'; not 'wounding five in August outside a bar was held for trial': August is the shooting's)."""
    if not uncounted:
        return None
    # the nearest word before the date and after it (and any within it) are the only ones that can be nearest
    first = max(bisect.bisect_left(events, start, key=lambda event: event[0]) - 1, 0)
    last = bisect.bisect_left(events, end, key=lambda event: event[0]) + 1
    gaps = []
    for s, e, kind in events[first:last]:
        gap = text[e:start] if e <= start else text[end:s] if s >= end else ""
        words = len(WORDS.findall(gap))
        if words <= OWN_DAY_WORDS and not any(c in gap for c in ".;!?\n"):
            gaps.append((words, len(gap), kind))
    return min(gaps)[2] if gaps and min(gaps)[2] in uncounted else None


def _days(text: str, ctx, dates: list[DateMention], clause: tuple[int, int], count: tuple[int, int],
          skip: list[tuple[int, int]], published: dt.date | None,
          event_starts: list[int], claim_end: int | None = None) -> tuple[dt.date | None, dt.date | None, bool]:
    """The day a count stands at ('hingga Sabtu (14/6)') and the day its event happened ('pada Sabtu'), when its
    clause gives them as single days; a day after publication is neither, nor is a date in `skip`. A day read
    against the publication date ('Sabtu', 'Sunday') dates a figure only as the day it stands at ('As of Sunday
    night, one person remained in critical condition'): never its event's; a day and month written whose year
    alone came from it ('were gunned down on Jan. 19', '24 April lalu') is as any written day. A longer span
    ('Desember lalu') dates the event by its last day when that is long before publication: a past event
    recalled, dated only to a period (the third value says so). Not so when a day of this week names an event
    after the count first ('wounded in a Thursday afternoon shooting a block from where five were wounded in a
    December shooting': December is the other shooting's), or a recent span dates the claim's words right after
    them ('killed five people last week was hospitalized … in 2006'); nor when the period names no event and a
    day of this week dates the claim's words right after them ('In what's already Chicago's deadliest year since
    the late 1990s, four people were found shot to death Saturday afternoon') or comes between them and the
    period ('shot two people … before killing himself Thursday night had … purchased his pistol last year'). But
    'Two people died Thursday after being wounded in a December shooting': December's."""
    as_of = event_date = None
    period = recent = later = False  # later: a day of this week after the count came first
    lo = bisect.bisect_left(dates, clause[0], key=lambda d: d.start)
    hi = bisect.bisect_left(dates, clause[1], key=lambda d: d.start)
    dated = claim_end is not None and any(
        d.unwritten and 0 <= d.start - claim_end <= DAY_AFTER_CLAIM and (days := d.span.dates()) is not None
        and days[0] == days[1] and (published is None or days[0] <= published) for d in dates[lo:hi])
    for d in dates[lo:hi]:  # sorted by start
        if any(a <= d.start < b for a, b in skip):
            continue  # the count's own words, or a scope's ('sejak 2011')
        days = d.span.dates()
        if days is None or (published and days[0] > published):
            continue
        if d.unwritten and days[0] == days[1]:
            later = later or d.start >= count[1]
            if ctx.is_as_of(text, d.start):  # 'As of Sunday night, one person remained in critical condition'
                as_of = as_of or days[0]
                continue
            recent = recent or (d.start >= count[1] and _names_event(d, event_starts))
            continue  # 'sejak Jumat': a day read against the publication date dates no figure (it may be a week
            # out); a longer relative span does ('tahun lalu': last year, whatever the day)
        if days[0] != days[1]:
            ended = published and ((published - days[1]).days > PAST_DAYS
                                   or ((days[1] - days[0]).days >= SEASON and days[1] < published))
            if (dated or later) and not _names_event(d, event_starts):
                continue  # 'deadliest year since the late 1990s, four people were found shot to death Saturday';
                # 'shot two people … before killing himself Thursday night had … purchased his pistol last year'
            if ended and not recent and not ctx.is_as_of(text, d.start):
                period = period or event_date is None
                event_date = event_date or days[1]
            elif not ended and claim_end is not None and 0 <= d.start - claim_end <= DAY_AFTER_CLAIM:
                recent = True  # 'killed five people last week was hospitalized … in 2006': 2006 is not theirs
            continue
        if ctx.is_as_of(text, d.start):
            as_of = as_of or days[0]
        else:
            event_date = event_date or days[0]
    return as_of, event_date, period


def _names_event(date: DateMention, event_starts: list[int]) -> bool:
    """Whether an event word follows a date closely: 'a Thursday afternoon shooting', 'a December shooting'."""
    k = bisect.bisect_left(event_starts, date.end)
    return k < len(event_starts) and event_starts[k] - date.end <= EVENT_AFTER_DAY


def _scope(counted: str | None, found: Scope | None, words: str, daily: bool = False) -> Scope | None:
    """A claim's scope: what its pattern says it counts apart from the toll ('shot'), else what its context says
    ('dalam 24 jam'). A tally of many incidents, of some days or since a day stays one with what it counts ('39
    people were shot across the city', 'nearly 50 shot since June 21'), never a count of the story's own. A
    count of its day only ('in critical condition') is a window's: judged against counts of its day alone."""
    if counted is None:
        return found
    if found is not None and found.kind != "total":
        return Scope(found.kind, f"{found.key} {counted}", found.text)
    return Scope("window" if daily else "counted", counted, words)


def _inside(span: tuple[int, int], taken: list[tuple[int, int]], reach: list[int]) -> bool:
    """Whether a span overlaps any of `taken` (sorted), in logarithmic time: `reach[k]` is the furthest end of
    the first k + 1."""
    k = bisect.bisect_left(taken, (span[1],)) - 1  # the last that starts before the span ends
    return k >= 0 and reach[k] > span[0]


def _pointed_day(text: str, ctx, events: list, starts: list[int], clause: tuple[int, int], before: int,
                 told: list[tuple[str, dt.date]], kinds) -> dt.date | None:
    """The day of the event a count's clause points back to ('Serangan … itu menyebabkan 200 luka-luka',
    'that attack killed 10'): the first single day the article dates an event of a kind that can be it."""
    for start, end, kind in events[bisect.bisect_left(starts, clause[0]):bisect.bisect_left(starts, before)]:
        if ctx.points_back(text, (start, end), before):
            return next((day for told_kind, day in told if kinds.compatible(kind, told_kind)), None)
    return None


def _nearest(found, start: int, end: int):
    if not found:
        return None
    return min(found, key=lambda f: 0 if f.start < end and f.end > start else min(abs(f.start - end),
                                                                                   abs(start - f.end)))
