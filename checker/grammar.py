"""Compile validated rule files into the matchers extraction runs; every compile error is located."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import regex

from checker.context import ContextGrammar, halves
from checker.dates import DateGrammar
from checker.events import EventGrammar, Kinds
from checker.errors import Problem, RuleError
from checker.models import Interval
from checker.numbers import FLAGS, NOT_WORD, WORD_START, NumberGrammar
from checker.places import Gazetteer, merge
from checker import cache
from checker.cache import Lazy
from checker.macros import expand_macros
from checker.rules import REQUIRED, LanguageRules, RuleDoc, RuleSet, bundled_rules_dir, load_rules
from checker.schema import ClaimFile, Place
from checker.triggers import Scanner, required


@dataclass(frozen=True)
class ClaimPattern:
    """One compiled pattern of one claim rule."""

    rule: str  # the rule file's id: id.deaths
    kind: str  # deaths
    name: str  # the pattern's id, or its position: p1
    target: str  # count | date
    event: str | None
    # the whole pattern, expanded, zlib-compressed (`source`): its macros repeat the same large number and
    # date patterns, tens of kilobytes a pattern and some 25 MB in memory for a language; it is compiled only
    # when its halves do not stand alone, and read by `rules lint`
    packed: bytes
    flags: int
    place_prepositions: dict
    # The pattern cut at its {count} or {date}: what comes before, matched backwards from where the count
    # starts, and what comes after, matched from where it ends. Extraction tries a pattern only around the
    # counts (or dates) of a text; None when the cut halves do not stand alone (then `regex` is searched).
    before: regex.Pattern | None
    ahead: regex.Pattern | None  # lookaheads that ended the part before: checked where the count starts
    after: regex.Pattern | None
    priority: int = 0
    compare: bool = True  # the rule's claims are compared between sources
    scope: str | None = None  # what the pattern's figures count apart from the kind's toll ('shot')
    subject: str | None = None  # who the pattern's figures count, where the pattern says it ('individual')
    daily: bool = False  # the scope's figures are of their day only ('in critical condition')
    events: tuple[str, ...] = ()  # the kinds of event in whose story alone its figures count
    not_events: tuple[str, ...] = ()  # the kinds of event in whose story its figures count nothing
    # words one of which every match of the part before (after; the whole pattern, when it is not cut) holds
    need_before: frozenset[str] | None = None
    need_after: frozenset[str] | None = None

    @property
    def source(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")

    @cached_property
    def regex(self) -> regex.Pattern:
        return regex.compile(self.source, self.flags)


@dataclass
class Language:
    """One language, ready to extract: its numbers, dates, context and claim patterns."""

    code: str
    name: str
    numbers: NumberGrammar
    dates: DateGrammar
    context: ContextGrammar
    events: EventGrammar
    claims: list[ClaimPattern]
    rules: LanguageRules
    scanner: Scanner | None = None  # finds the words the claim patterns need, in one pass over a text


class Languages(Mapping):
    """Languages by code, each compiled (or read from the cache) when first used: a text in one language never
    compiles or loads the others. What detecting a language needs is at hand without compiling: its stop words
    and names of months and weekdays; its number words, for a tie, are compiled apart from the rest, and in a
    few seconds. Each part is kept in the cache beside the entry these languages were read from (`key`)."""

    def __init__(self, rules: dict[str, LanguageRules], built: dict[str, Language] | None = None):
        self.stopwords = {code: frozenset(w.lower() for w in lang.model("language").stopwords)
                          for code, lang in rules.items()}
        self.calendar_words = {code: _calendar_words(lang) for code, lang in rules.items()}
        self._rules = {code: Lazy(lang) for code, lang in rules.items()}
        self._numbers = {code: language.numbers for code, language in (built or {}).items()}
        self._built = dict(built or {})
        self.key: str | None = None  # the cache entry's name; None: what is compiled is not kept

    def __getitem__(self, code: str) -> Language:
        if code not in self._built:
            rules, numbers = self._rules[code].get(), self.numbers(code)
            language = cache.load(self._name(code, "language"),
                                  lambda: _stripped(_checked(lambda problems: _language(rules, problems, numbers))))
            self._built[code] = replace(language, numbers=numbers, rules=rules)
        return self._built[code]

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __getstate__(self):  # a copy compiles what it needs (another process may run other code, elsewhere)
        return {**self.__dict__, "_numbers": {}, "_built": {}, "key": None}

    def loaded(self) -> list[str]:
        """The languages compiled or read so far."""
        return [code for code in self._rules if code in self._built]

    def numbers(self, code: str) -> NumberGrammar:
        """A language's number words, without compiling the rest of the language when it is not compiled yet."""
        if code not in self._numbers:
            rules = self._rules[code].get()
            self._numbers[code] = cache.load(self._name(code, "numbers"),
                                             lambda: _checked(lambda problems: _numbers(rules, problems)))
        return self._numbers[code]

    def every(self) -> list[Language]:
        """Every language, in the order of their codes; the problems of all of them reported at once."""
        problems: list[Problem] = []
        for code in sorted(self):
            try:
                self[code]
            except RuleError as exc:
                problems += exc.problems
        if problems:
            raise RuleError(problems)
        return [self[code] for code in sorted(self)]

    def _name(self, code: str, part: str) -> str | None:
        return f"{self.key}.{code}.{part}" if self.key else None


def _checked(build):
    """What build(problems) returns; a RuleError with every problem it met, if any."""
    problems: list[Problem] = []
    built = build(problems)
    if problems or built is None:
        raise RuleError(problems or [Problem("checker", None, None, "a language could not be compiled")])
    return built


def _stripped(language: Language) -> Language:
    """A language as its cache entry keeps it: its number words and rule files are kept apart."""
    return replace(language, numbers=None, rules=None)


def _calendar_words(lang: LanguageRules) -> frozenset[str]:
    calendar = lang.model("calendar")
    return frozenset(name.lower() for names in (*calendar.months.values(), *calendar.weekdays.values())
                     for name in names)


@dataclass
class Grammar:
    """All languages and the one gazetteer, each compiled or loaded when first used."""

    languages: Languages
    places: Lazy  # the Gazetteer
    event_kinds: Kinds  # every language's kinds of event, what each lies within (the ids are shared)

    @property
    def gazetteer(self) -> Gazetteer:
        return self.places.get()

    @classmethod
    def load(cls, dirs: list[Path] | None = None) -> Grammar:
        """The rules of these folders (the bundled rules when none), validated; each language is compiled when
        first used, and what is compiled is kept in the cache."""
        roots = [Path(d) for d in dirs] if dirs else [bundled_rules_dir()]
        key = cache.key(roots)
        grammar = cache.load(key, lambda: cls.outline(load_rules(roots)))
        grammar.languages.key = key
        return grammar

    @classmethod
    def outline(cls, ruleset: RuleSet) -> Grammar:
        """The grammar of validated rule files, each language compiled when first used. Rule files with
        problems are compiled at once, so that every problem, of every language, is reported together."""
        problems: list[Problem] = list(ruleset.problems)
        gazetteer = _gazetteer(ruleset.places, problems)
        if problems:
            return cls.build(ruleset)  # raises
        return cls(Languages(dict(sorted(ruleset.languages.items()))), Lazy(gazetteer), _kinds(ruleset))

    @classmethod
    def build(cls, ruleset: RuleSet) -> Grammar:
        """The grammar of these rule files with every language compiled; every problem reported at once."""
        problems: list[Problem] = list(ruleset.problems)
        built = {code: language for code, lang in sorted(ruleset.languages.items())
                 if (language := _language(lang, problems))}
        gazetteer = _gazetteer(ruleset.places, problems)
        if problems:
            raise RuleError(problems)
        return cls(Languages(dict(sorted(ruleset.languages.items())), built), Lazy(gazetteer), _kinds(ruleset))


def _kinds(ruleset: RuleSet) -> Kinds:
    kinds = Kinds()
    for _, lang in sorted(ruleset.languages.items()):
        kinds.add(lang.model("events"))
    return kinds


def _expander(doc: RuleDoc, loc: tuple, macros: dict[str, str], problems: list[Problem]):
    """A function that expands {macros} and compiles, reporting problems at `loc` of `doc`."""

    def expand(pattern: str, builtins: dict[str, str]) -> str:
        try:
            return expand_macros(pattern, macros, builtins)
        except KeyError as exc:
            problems.append(doc.problem(loc, f"macro {{{exc.args[0]}}} is not defined"))
        except RecursionError as exc:
            problems.append(doc.problem(loc, f"macro defined in terms of itself: {exc}"))
        return "(?!)"

    return expand


def _compile(doc: RuleDoc, loc: tuple, source: str, problems: list[Problem], flags: int = FLAGS):
    try:
        return regex.compile(source, flags)
    except (regex.error, OverflowError, RecursionError) as exc:
        problems.append(doc.problem(loc, f"pattern does not compile: {exc}"))
        return None


PLACEHOLDERS = {"count": "(?P<count>0)", "date": "(?P<date>0)"}  # to check claim patterns of a broken language


def _broken(lang: LanguageRules) -> bool:
    return bool(lang.broken & set(REQUIRED)) or not set(REQUIRED) <= set(lang.files)


def _numbers(lang: LanguageRules, problems: list[Problem]) -> NumberGrammar | None:
    """A language's number words, compiled; None when its rule files say something wrong (in `problems`)."""
    if _broken(lang):
        return None
    before = len(problems)
    language, numbers_doc, qualifiers = lang.model("language"), lang.files["numbers"], lang.model("qualifiers")
    for word, value in numbers_doc.model.vague.items():
        try:
            Interval.parse(value)
        except ValueError as exc:
            problems.append(numbers_doc.problem(("vague", word), str(exc)))
    for i, (a, b) in enumerate(qualifiers.range_between):
        if not a.strip() or not b.strip():
            problems.append(lang.files["qualifiers"].problem(("range_between", i), "empty range word"))
    if len(problems) > before:
        return None
    return NumberGrammar(numbers_doc.model, qualifiers, language.decimal_separators, language.group_separators)


def _language(lang: LanguageRules, problems: list[Problem], numbers: NumberGrammar | None = None) -> Language | None:
    """A language compiled (with these number words, when given); None when its rule files say something wrong."""
    before = len(problems)
    if _broken(lang):
        _claims(lang, PLACEHOLDERS, problems)  # still report every broken claim pattern
        return None
    numbers = numbers or _numbers(lang, problems)
    if numbers is None:
        return None
    language = lang.model("language")
    lexicon = lang.model("lexicon")
    shared = dict(lexicon.macros) if lexicon else {}

    dates_doc = lang.files["dates"]
    dates = DateGrammar(lang.model("calendar"), dates_doc.model)
    for i, fmt in enumerate(dates_doc.model.formats):
        expand = _expander(dates_doc, ("formats", i, "pattern"), shared, problems)
        _compile(dates_doc, ("formats", i, "pattern"), expand(fmt.pattern, dates.builtins), problems)
    if len(problems) > before:
        return None
    dates.compile(lambda p, b: expand_macros(p, shared, b))

    context_doc = lang.files["context"]
    context = ContextGrammar(language, context_doc.model)
    number = numbers.number
    # each pattern is checked alone, to say where a problem is, in the very text context.compile compiles
    # right after: `regex` keeps what it compiled last, and compiles it once
    for i, scope in enumerate(context_doc.model.scopes):
        expand = _expander(context_doc, ("scopes", i, "pattern"), shared, problems)
        _compile(context_doc, ("scopes", i, "pattern"), expand(scope.pattern, context.builtins(number, dates.any)),
                 problems)
    if len(problems) > before:
        return None
    for i, pattern in enumerate(context_doc.model.superseded):
        loc = ("superseded", i)
        if pattern.count("{count}") != 1:
            problems.append(context_doc.problem(loc, "a superseded pattern holds exactly one {count}"))
            continue
        expand = _expander(context_doc, loc, shared, problems)
        _compile(context_doc, loc, expand(pattern, {"count": f"(?P<count>{numbers.quantity()})"}), problems)
    for i, pattern in enumerate(context_doc.model.furniture):
        _compile(context_doc, ("furniture", i), pattern, problems)
    for i, pattern in enumerate(context_doc.model.stamps):
        _compile(context_doc, ("stamps", i), pattern, problems)
    for i, pattern in enumerate(context_doc.model.another_incident):
        _compile(context_doc, ("another_incident", i), pattern, problems)
    if len(problems) > before:
        return None
    context.compile(lambda p, b: expand_macros(p, shared, b), number, dates.any, numbers.quantity())

    builtins = {"count": f"(?P<count>{numbers.quantity()})", "date": f"(?P<date>{dates.any})",
                "not_year": dates.not_year, "weekday_name": dates.weekday_name, "month_name": dates.month_name}
    claims = _claims(lang, builtins, problems)
    if len(problems) > before:
        return None
    # reading off trigger words takes seconds: only for a language with no problem left to report
    claims = [replace(c, **_needs(c)) for c in claims]
    scanner = Scanner.build([*(n for c in claims for n in (c.need_before, c.need_after)), *context.needs()])
    return Language(lang.code, language.name, numbers, dates, context, EventGrammar(lang.model("events")), claims,
                    lang, scanner)


def _claims(lang: LanguageRules, builtins: dict[str, str], problems: list[Problem]) -> list[ClaimPattern]:
    """Compile every claim pattern of a language; problems are located at the pattern."""
    if "lexicon" in lang.broken:
        return []  # its macros are unknown: every pattern would report them undefined
    lexicon = lang.model("lexicon")
    shared = dict(lexicon.macros) if lexicon else {}
    events = lang.model("events")
    kinds = set(events.types) if events else set()
    claims = []
    for doc in lang.claims:
        model: ClaimFile = doc.model
        macros = {**shared, **model.macros}
        flags = 0 if model.case_sensitive else FLAGS
        for i, pat in enumerate(model.patterns):
            for field in ("events", "not_events"):
                if unknown := [e for e in getattr(pat, field) if e not in kinds]:
                    problems.append(doc.problem(("patterns", i, field),
                                                f"{', '.join(unknown)}: no kind of event of events.yaml"))
            loc = ("patterns", i, "pattern")
            targets = [t for t in ("count", "date") for _ in range(pat.pattern.count("{" + t + "}"))]
            if len(targets) != 1:
                problems.append(doc.problem(loc, "a claim pattern holds exactly one {count} or one {date}"))
                continue
            expand = _expander(doc, loc, macros, problems)
            known = len(problems)
            source = f"{WORD_START}(?:{expand(pat.pattern, builtins)}){NOT_WORD}"
            if len(problems) > known:
                continue  # a macro is undefined: said once
            before, ahead, after = halves(pat.pattern, targets[0], lambda p: expand(p, builtins), flags)
            if after is None and _compile(doc, loc, source, problems, flags) is None:
                continue  # the halves did not compile alone: the whole pattern must, or it is an error
            packed = zlib.compress(source.encode("utf-8", "surrogatepass"))
            claims.append(ClaimPattern(model.id, model.kind, pat.id or f"p{i + 1}", targets[0], pat.event,
                                       packed, flags, model.place_prepositions, before, ahead, after,
                                       pat.priority, model.compare, pat.scope, pat.subject, pat.daily,
                                       tuple(pat.events), tuple(pat.not_events)))
    return claims


def _needs(c: ClaimPattern) -> dict[str, frozenset[str] | None]:
    """The words one of which every match of a pattern's part before (after; the whole pattern, uncut) holds."""
    if c.after is None:
        return {"need_before": None, "need_after": required(c.source, c.flags)}
    return {"need_before": required(c.before.pattern, c.flags) if c.before else None,
            "need_after": required(c.after.pattern, c.flags)}


def _gazetteer(docs: list[RuleDoc], problems: list[Problem]) -> Gazetteer:
    """One gazetteer from every places file; an entry without a name extends the place of that id."""
    places: dict[str, Place] = {}
    where: dict[str, str] = {}
    entries = [(doc, i, place) for doc in docs for i, place in enumerate(doc.model.places)]
    for doc, i, place in entries:
        if place.name is None:
            continue
        if place.id in places:
            problems.append(doc.problem(("places", i, "id"), f"duplicate place id {place.id!r}, also in "
                                                             f"{where[place.id]}"))
        places[place.id], where[place.id] = place, doc.path
    for doc, i, place in entries:
        if place.name is not None:
            continue
        if place.id not in places:
            problems.append(doc.problem(("places", i, "id"), f"place {place.id!r} has no name and extends no "
                                                             "place defined elsewhere"))
            continue
        base = places[place.id]
        places[place.id] = base.model_copy(update={"aliases": [*base.aliases, *place.aliases],
                                                   "qualifiers": [*base.qualifiers, *place.qualifiers],
                                                   "parent": place.parent or base.parent})
    generated = {doc.path for doc in docs if doc.path.endswith(".tsv")}
    known = set(places)
    qualified: dict[str, str] = {}
    for doc, i, place in entries:
        for code in place.qualifiers:
            if qualified.setdefault(code, place.id) != place.id:
                problems.append(doc.problem(("places", i, "qualifiers"), f"qualifier {code!r} names "
                                                                         f"{qualified[code]!r} already"))
    for doc, i, place in entries:
        if place.parent is not None and place.parent not in known:
            problems.append(doc.problem(("places", i, "parent"), f"unknown parent place {place.parent!r}"))
    holders: dict[str, str] = {}
    for doc, i, place in entries:
        if place.holds is None:
            continue
        if place.holds not in places or where[place.holds] not in generated:
            problems.append(doc.problem(("places", i, "holds"), f"holds {place.holds!r}, which no generated "
                                                                "places file defines"))
        elif place.holds in holders:
            problems.append(doc.problem(("places", i, "holds"), f"{place.holds!r} is held by {holders[place.holds]!r} "
                                                                "already"))
        holders.setdefault(place.holds, place.id)
    hand = [p for pid, p in places.items() if where[pid] not in generated]
    made = [p for pid, p in places.items() if where[pid] in generated]
    return Gazetteer(merge(hand, made), curated=len(hand))
