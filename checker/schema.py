"""The shape of every rule file, as pydantic models: validation on load and the JSON Schema for editors."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

IDENT = r"^[a-z][a-z0-9_-]*$"
RELATIONS = ("gt", "ge", "lt", "le", "approx", "nearly")
DOUBLED = re.compile(r"(?<!\\)(?:\\\\)+[pPN]\{")  # '\\p{L}': an escaped backslash, then the letters p{L}


def _single_escapes(text: str) -> str:
    r"""Two backslashes before 'p{L}' match a backslash and the letters 'p{L}', never a letter: so written in a
    folded YAML block (>-), where a backslash is no escape and both stay, a pattern silently misses what it means."""
    if m := DOUBLED.search(text):
        raise ValueError(f"{m.group()!r} matches a backslash, not a Unicode class: write one backslash (a folded "
                         f"'>-' block keeps both), or quote the text")
    return text


Regex = Annotated[str, AfterValidator(_single_escapes)]  # a pattern, or a macro's text


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a rule file must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Example(Strict):
    """A text a rule must (or must not) find something in, with what it must find."""

    text: str = Field(min_length=1)
    value: str | None = Field(None, description='expected value: "[300000,)", "~130000", "2016-12-14", "--02-27"')
    words: str | None = Field(None, description="expected exact words of the claim")
    place: str | None = None
    scope: str | None = Field(None, description='expected scope key: "PT24H", "since 2011", "total"')
    attribution: str | None = None
    subject: str | None = Field(None, description='expected subject id: who the count is of ("children", "relatives")')
    published: str | None = Field(None, description="publication date of the example, YYYY-MM-DD")
    event: str | None = Field(None, description="expected kind of event: earthquake, flood, shooting ...")
    flags: list[str] | None = Field(None, description="expected flags of the first claim: superseded, furniture")
    part: bool | None = Field(None, description="context: whether the first claim's count is part of a larger one")
    todo: bool = Field(False, description="a known gap: counted, not failed")


def _as_example(item: object) -> object:
    return {"text": item} if isinstance(item, str) else item


class Examples(Strict):
    match: list[Example] = Field(default_factory=list)
    no_match: list[Example] = Field(default_factory=list)

    @field_validator("match", "no_match", mode="before")
    @classmethod
    def _strings_are_texts(cls, items: object) -> object:
        return [_as_example(i) for i in items] if isinstance(items, list) else items


class RuleFile(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_-]*$", description="<lang>.<file stem>")
    description: str | None = None


class LanguageFile(RuleFile):
    """rules/<lang>/language.yaml: what the engine needs to know of the language itself."""

    name: str
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    cldr_locale: str | None = Field(None, description="locale whose CLDR names calendar.yaml holds")
    decimal_separators: list[str] = Field(min_length=1)
    group_separators: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list, description="words whose trailing dot ends no sentence")
    stopwords: list[str] = Field(default_factory=list, description="frequent words, for language detection")


class NumbersFile(RuleFile):
    """rules/<lang>/numbers.yaml: numbers written in words, scale words, vague magnitudes."""

    words: dict[str, float] = Field(default_factory=dict, description="a word and its value: satu: 1")
    multipliers: dict[str, float] = Field(default_factory=dict, description="multiply the term before: puluh: 10")
    adders: dict[str, float] = Field(default_factory=dict, description="add to the term before: belas: 10")
    scales: dict[str, float] = Field(default_factory=dict, description="multiply all before: ribu: 1000")
    alone_scales: dict[str, float] = Field(default_factory=dict, description="a scale with its own one: seribu: 1000")
    articles: dict[str, float] = Field(default_factory=dict, description="count only before a multiplier/scale: a: 1")
    lone_words: dict[str, float] = Field(default_factory=dict, description=(
        "a word that counts on its own, never joined to other number words nor to digits: another: 1 ('one dead "
        "and another wounded'; in 'another two' and 'another 17' only the number after it counts)"))
    joiners: list[str] = Field(default_factory=list, description="words allowed inside a number: and")
    article_lists: list[str] = Field(default_factory=list, description=(
        "words that join people each counted by an article: and ('a man and a woman were shot' counts two; the "
        "first article counts one where, at most three words on, one of these and another article follow, and a "
        "claim pattern adds the others: a claim stands on such an article only as the head of its list)"))
    list_possessives: list[str] = Field(default_factory=list, description=(
        "words that, after a joiner of `article_lists`, count one more person of the list as an article does: his, "
        "her ('a woman and her son were shot' counts two)"))
    word_separators: list[str] = Field(default_factory=list, description="besides spaces: -")
    vague: dict[str, str] = Field(default_factory=dict,
                                  description='a vague magnitude and its interval: puluhan: "[10,100)"')
    suffixes: dict[str, float] = Field(default_factory=dict, description=(
        "scales written right after digits, case as written: {K: 1000} reads 100K as 100,000 (2ribu, 3jt)"))
    decimal_words: list[str] = Field(default_factory=list, description=(
        "the word of a decimal point; the digit words after it are decimals: koma (sepuluh koma satu = 10.1)"))
    negatives: list[str] = Field(default_factory=list, description="words that make the number after them negative")
    positives: list[str] = Field(default_factory=list, description="words that say the number after them is positive")
    fractions: dict[str, float] = Field(default_factory=dict, description=(
        "a share and the number it divides by: half: 2 ('a half' = 0.5, 'two thirds', 'half a million')"))
    share_words: list[str] = Field(default_factory=list, description=(
        "words between a part and its whole: in ('2 in 5' is 0.4), out of"))
    alone_fractions: list[str] = Field(default_factory=list, description=(
        "shares that need no number before them: half ('more than half'); the others do ('a third', 'two thirds')"))
    exponent_words: list[str] = Field(default_factory=list, description=(
        "words between a number and its power of ten: times ten to the power of"))
    exponent_marks: list[str] = Field(default_factory=list, description=(
        "marks between digits and their power of ten, case as written: e (1.3e6), x10^ (1.3x10^6)"))
    parts_after_scale: bool = Field(False, description=(
        "a smaller part in digits or words may follow a scale: '2 juta 500 ribu', '3 million and a half'"))
    ordinals: dict[str, float] = Field(default_factory=dict, description=(
        "an ordinal word and its number: pertama: 1 (read as a number, never a count)"))
    ordinal_articles: list[str] = Field(default_factory=list, description=(
        "words an ordinal word needs before it, read with it: the ('between the tenth and the fifteenth'; "
        "'a first class seat' holds no number)"))
    ordinal_prefixes: list[str] = Field(default_factory=list, description=(
        "glued before a number word or digits to make an ordinal: ke (ketiga), ke- (ke-3)"))
    collective_prefixes: list[str] = Field(default_factory=list, description=(
        "glued before a number word from two to ten at the start of a noun phrase, before the noun, to count "
        "that many: ke ('Kedua pilot meninggal', 'ketiga korban'); after a noun it is an ordinal ('korban kedua')"))
    collective_after: list[str] = Field(default_factory=list, description=(
        "words after which a noun phrase starts, as after a comma: dan ('dan kedua anaknya')"))
    collective_after_prefixes: list[str] = Field(default_factory=list, description=(
        "how the words begin after which a noun phrase starts, as after a comma: me, for a transitive verb "
        "('mengevakuasi kedua korban')"))
    money: list[str] = Field(default_factory=list, description=(
        "currency signs written before an amount: Rp, US$ (then money_suffixes apply)"))
    money_suffixes: dict[str, float] = Field(default_factory=dict, description=(
        "letters after the digits of an amount of money, case as written: {M: 1000000000} reads Rp3M as 3 miliar"))
    measures: list[str] = Field(default_factory=list, description="words after a number that make it no count: persen")
    examples: Examples = Field(default_factory=Examples)


class Relations(Strict):
    gt: list[str] = Field(default_factory=list, description="more than x: (x,)")
    ge: list[str] = Field(default_factory=list, description="at least x: [x,)")
    lt: list[str] = Field(default_factory=list, description="less than x: (,x)")
    le: list[str] = Field(default_factory=list, description="up to x: (,x]")
    approx: list[str] = Field(default_factory=list, description="about x: ~x")
    nearly: list[str] = Field(default_factory=list, description="just under x: ~(,x)")


class QualifiersFile(RuleFile):
    """rules/<lang>/qualifiers.yaml: the words around a number that make it an interval."""

    approximate_width: float = Field(0.1, ge=0, lt=1, description="relative half-width of 'about x'")
    nearly_width: float = Field(0.1, ge=0, lt=1, description="relative width below x of 'nearly x'")
    relations: Relations
    after: Relations = Field(default_factory=lambda: Relations(), description=(
        "relations written after the number: ge: [or more] reads '500 or more' as [500,)"))
    closes: list[str] = Field(default_factory=list, description=(
        "words after a strict bound that make it inclusive: or equal ('less than 5000 or equal' is (,5000])"))
    range_to: list[str] = Field(default_factory=list, description="X <to> Y: hingga, -")
    range_between: list[tuple[str, str]] = Field(default_factory=list, description="<a> X <b> Y: [antara, dan]")
    range_bounds: list[str] = Field(default_factory=list, description=(
        "words joining a lower and an upper bound into one range: and ('more than 10 and less than 40')"))
    changes: list[str] = Field(default_factory=list, description=(
        "words of a change, after which '<from> X <to> Y' is one figure becoming another, not a range: rose "
        "('the toll rose from 12 to 17' is 12, then 17)"))
    examples: Examples = Field(default_factory=Examples)


class CalendarFile(RuleFile):
    """rules/<lang>/calendar.yaml: month and weekday names from CLDR (generated, do not edit)."""

    generated_by: str
    months: dict[int, list[str]]
    weekdays: dict[int, list[str]] = Field(description="0 = Monday")


class DateFormat(Strict):
    """One way a date is written. A relative date ('kemarin', 'last Thursday', 'Mei tahun lalu') says how it
    resolves against the publication date; an article without one leaves it unread."""

    id: str = Field(pattern=IDENT)
    pattern: Regex = Field(min_length=1)
    days: int | None = Field(None, ge=-400, le=400, description="the day this many days from publication: "
                             "kemarin -1, yesterday -1")
    weeks: int | None = Field(None, ge=-60, le=60, description="the week (Monday to Sunday) this many weeks "
                              "from publication's: pekan lalu -1, last week -1")
    months: int | None = Field(None, ge=-24, le=24, description="the month this many months from "
                               "publication's: bulan lalu -1, last month -1")
    years: int | None = Field(None, ge=-10, le=10, description="the year this many years from publication's, "
                              "or the {month} of that year: tahun lalu -1, 'Mei tahun lalu' -1")
    when: Literal["past", "recent", "next", "coming"] | None = Field(None, description=(
        "a weekday or a month without its year: past, the latest before publication ('Selasa lalu', "
        "'last May'); recent, the latest on or before it ('pada Selasa', 'on Tuesday'); next, the first after "
        "it ('next Tuesday'); coming, the first on or after it ('will gather Friday', published that Friday)"))
    after_previous: bool = Field(False, description=(
        "`days` count from the day the text dated last, not from publication: 'dua hari kemudian', 'the next "
        "day', 'a week later' (with no single day before it in the text, it is not read)"))

    @property
    def relative(self) -> bool:
        return (self.days, self.weeks, self.months, self.years, self.when) != (None,) * 5


class Fuzzy(Strict):
    max_errors: int = Field(1, ge=0, le=2)
    min_length: int = Field(6, ge=3)


class DatesFile(RuleFile):
    """rules/<lang>/dates.yaml: variants of month and weekday names, parts of a month, date formats."""

    months: dict[int, list[str]] = Field(default_factory=dict, description="variants and misspellings")
    weekdays: dict[int, list[str]] = Field(default_factory=dict)
    fuzzy: Fuzzy | None = None
    parts: dict[str, tuple[int, int]] = Field(default_factory=dict, description="akhir: [21, 31]")
    year_cues: list[str] = Field(default_factory=list, description="words after which a bare year is a date")
    relative_cues: list[str] = Field(default_factory=list, description=(
        "words after which 'last year', 'tahun lalu' … is a date ({relative_cue}; a sentence start or comma is "
        "one too): 'dua tahun lalu' is not"))
    range_words: list[str] = Field(default_factory=list, description=(
        "words between the two days of a range ({to}, as a dash is): '12 hingga 17 September', '12 to 17 "
        "September'; a format with {first_day} (and {first_month}) before {day} and {month} reads a range"))
    formats: list[DateFormat] = Field(min_length=1)
    examples: Examples = Field(default_factory=Examples)


class ScopeRule(Strict):
    kind: Literal["window", "since", "total", "aggregate"]
    pattern: Regex = Field(min_length=1)
    key: str | None = Field(None, pattern=r"^[a-z][a-z0-9 -]*$", description=(
        "the scope key of an aggregate: a count over many incidents ('across the city', 'this weekend') is "
        "a fact of its own, never an incident's toll"))


class Attribution(Strict):
    before_speaker: list[str] = Field(default_factory=list, description="words before who said it: kata, menurut")
    after_speaker: list[str] = Field(default_factory=list, description="words after who said it: mengatakan")
    stop: list[str] = Field(default_factory=list, description="words that end the speaker's name: kepada, bahwa")
    max_words: int = Field(6, ge=1, le=12)


class EventPointers(Strict):
    """Words that make an event word point back to one event: after it (Indonesian 'itu'), or before it
    (English 'that')."""

    after: list[str] = Field(default_factory=list, description="within a few words after the event word: itu")
    before: list[str] = Field(default_factory=list, description="right before the event word: that, this")


class AttackerDied(Strict):
    """Words that say the attacker died too, and the kinds of count that may then include them or not."""

    kinds: list[str] = Field(default_factory=list, description="kinds of count that may include the attacker: deaths")
    words: list[str] = Field(default_factory=list, description="killed himself, murder-suicide, bunuh diri")


class ContextFile(RuleFile):
    """rules/<lang>/context.yaml: how place, scope and attribution are found around a claim."""

    place_prepositions: dict[str, float] = Field(default_factory=dict, description="di: 3, dari: 1")
    bare_place_weight: float = 1.0
    durations: dict[str, str] = Field(default_factory=dict,
                                      description="a time unit and its ISO 8601 length: jam: PT1H")
    scopes: list[ScopeRule] = Field(default_factory=list)
    attribution: Attribution = Field(default_factory=Attribution)
    subjects: dict[str, list[str]] = Field(default_factory=dict, description=(
        "who a count is of, when not people in general: children: [anak-anak, bocah]; one id for every language"))
    own_subjects: list[str] = Field(default_factory=list, description=(
        "subject words that are themselves a count: they name who their own count is of, never a count before "
        "them ('killed two and wounded another': the two are no 'others')"))
    rest_subjects: dict[str, list[str]] = Field(default_factory=dict, description=(
        "subject ids of the rest beside someone counted before (others), each with the subjects of a condition "
        "(serious, light): a count of the rest after a count of its own kind in its clause is a part of a toll "
        "the text does not sum ('wounding two officers and three other civilians': the three are some of the "
        "wounded), unless that count is of a condition ('two critical and 19 others injured': the 19 are the "
        "toll as the text gives it); a condition right after the rest names who is counted ('three others "
        "critically injured': serious)"))
    partial: list[str] = Field(default_factory=list, description=(
        "words that make a count part of a larger one: termasuk, di antaranya ('including 70 children')"))
    partial_after: list[str] = Field(default_factory=list, description=(
        "words that make a count part of a larger one only after it ('two of the dead', 'five each'): before a "
        "count they make it the whole ('two of the five victims', 'each of three homicides')"))
    attacker_died: AttackerDied = Field(default_factory=AttackerDied, description=(
        "words that say the attacker died too ('killed himself', 'murder-suicide', 'bunuh diri'): a death toll of "
        "the article may then count the attacker or not, so two tolls one apart do not conflict"))
    among: list[str] = Field(default_factory=list, description=(
        "words later in a claim that make its count one of a set counted elsewhere: 'among the dead' ('Eight "
        "siblings were among the dead'), 'di antara korban'"))
    place_roles: dict[str, Literal["at", "from", "to"]] = Field(default_factory=dict, description=(
        "prepositions whose place is where people came from or went to, not where it happened: dari: from"))
    place_destinations: list[str] = Field(default_factory=list, description=(
        "words after which the places that follow in the clause are where people were taken, not where it "
        "happened, whatever preposition stands right before them: 'taken to … in Springfield', 'dilarikan ke "
        "… di Sidoarjo'"))
    place_qualifiers: list[str] = Field(default_factory=list, description=(
        "capitalised words that continue a place's name ('Jakarta Selatan'); any other capitalised word right "
        "after a one-word place makes it part of a person's name ('Florence Looi')"))
    name_before_place: bool = Field(default=False, description=(
        "whether a capitalised word right before a one-word place, inside a sentence, makes the place a surname "
        "('Sheriff Greg Taylor said'); not where a title names a place ('Kapolres Garut')"))
    possessive_endings: list[str] = Field(default_factory=list, description=(
        "endings of a word that owns what follows ('s): before a place, no first name (\"Thailand's Songkhla\")"))
    name_verbs: list[str] = Field(default_factory=list, description=(
        "words only people do, which after a one-word town make it a speaker, no place ('Rodriguez said', "
        "'Moscow said'); a country or a state may speak and stay a place ('Israel said')"))
    person_after: list[str] = Field(default_factory=list, description=(
        "patterns of what, right after a one-word town, only a person's name takes: an age ('Kevin Richardson, "
        "30, died'): a surname, no place"))
    place_features: list[str] = Field(default_factory=list, description=(
        "capitalised words that, after a one-word place, name another place the gazetteer does not know: a "
        "park, a beach ('Washington Park', 'Chicago Heights'): no information, never the place before them"))
    clause_breaks: list[str] = Field(default_factory=list, description=(
        "words and marks that end a clause (';', 'sedangkan', ', while'): a figure's place and event are "
        "looked for in its own clause first"))
    as_of: list[str] = Field(default_factory=list, description=(
        "words before a date that make it the day a running figure stands at: hingga, per, 'as of'"))
    superseded: list[str] = Field(default_factory=list, description=(
        "patterns with one {count} that the text itself says was replaced: 'sempat dikabarkan {count}', "
        "'from {count} to'"))
    breakdown: list[str] = Field(default_factory=list, description=(
        "patterns with one {count}, each an item of a breakdown that a claim's own words set after its count "
        "('sent four teens, one who was 19 years old and three who were 17, to the hospital'): a part of that "
        "claim, of its kind"))
    rates: list[str] = Field(default_factory=list, description=(
        "patterns with one {count} that make it a rate, never a count: '{count} … a day', '{count} … per hari'"))
    furniture: list[str] = Field(default_factory=list, description=(
        "patterns of lines that are no part of the article's own report (related links, captions, bylines), "
        "matched at a line's start"))
    stamps: list[str] = Field(default_factory=list, description=(
        "patterns of a time stamp that stands inside a line ('Posted: Wednesday, April 8, 2015 4:09 AM EDT' after a "
        "headline): the stamp is furniture, the rest of its line is not; matched anywhere"))
    another_incident: list[str] = Field(default_factory=list, description=(
        "patterns that, opening a sentence, say it tells of another incident than the article's ('In a separate "
        "shooting', 'Earlier Monday', 'Dalam insiden terpisah'): a count opening the clause right after them is "
        "shown, flagged `another-incident`, and never compared as the article's own"))
    headings: list[str] = Field(default_factory=list, description=(
        "patterns of lines that head a section of the article, matched at a line's start (a round-up's '## 2. "
        "Perang saudara Myanmar'): a figure below one whose own sentence names no place, or names bare a place "
        "its heading names too, is about the heading's place; with no kind of event of its own, the heading's"))
    event_pointers: EventPointers = Field(default_factory=lambda: EventPointers(), description=(
        "words that point back to one event the article already told ('serangan ... itu', 'that attack'): a "
        "count whose clause names its event so is that event's, dated as the article dates it"))
    examples: Examples = Field(default_factory=Examples)

    @field_validator("subjects")
    @classmethod
    def _subject_ids(cls, subjects: dict[str, list[str]]) -> dict[str, list[str]]:
        for name in subjects:
            if not re.match(IDENT, name):
                raise ValueError(f"subject id {name!r} must match {IDENT}")
        return subjects

    @model_validator(mode="after")
    def _rest_subjects_are_subjects(self) -> "ContextFile":
        named = set(self.rest_subjects).union(*self.rest_subjects.values())
        unknown = sorted(named - set(self.subjects))
        if unknown:
            raise ValueError(f"rest_subjects {unknown} are no ids of subjects")
        return self


class EventType(Strict):
    within: list[str] = Field(default_factory=list, description=(
        "broader kinds this one lies within (a shooting within an attack, an attack within a war)"))
    any: bool = Field(False, description="may be one incident with every kind of event (an exodus)")
    lasts: int = Field(7, ge=1, le=3650, description="days over which reports of such an event keep coming")
    story: bool = Field(False, description=(
        "a whole story (a war): its toll is never the toll of one of the events within it (an attack)"))
    recurs: bool = Field(False, description=(
        "such events come many to a story (a war's attacks): two of their dates disagree only where both are "
        "placed below a country"))
    personal: bool = Field(False, description=(
        "happens to each of a story's people, or to the story, on a day of its own (a death, a funeral, a "
        "protest): one incident with every kind, one fact with its own kind only, and two of its days are two "
        "people's (two protests), never a disagreement"))
    counts: bool = Field(True, description=(
        "whether figures may count its victims; false for a kind that only says what a day is the day of (a "
        "sentencing, an arrest: 'Sentencing was delayed Thursday for the man convicted in the shooting' dates the "
        "sentencing, and the dead the sentence tells of are the shooting's)"))
    words: list[str] = Field(default_factory=list, description=(
        "the words that name it; none for a kind that only date rules name (a death: 'meninggal' in a count "
        "names no kind of event)"))


class EventsFile(RuleFile):
    """rules/<lang>/events.yaml: the kinds of event a figure counts the victims of, and their words."""

    types: dict[str, EventType]
    not_events: list[str] = Field(default_factory=list, description=(
        "phrases that hold an event word but name no event ('kapal perang' is a warship, 'heart attack' an "
        "illness): read as one phrase, so that their event word is not"))
    examples: Examples = Field(default_factory=Examples)

    @field_validator("types")
    @classmethod
    def _type_ids(cls, types: dict[str, EventType]) -> dict[str, EventType]:
        for name in types:
            if not re.match(IDENT, name):
                raise ValueError(f"event id {name!r} must match {IDENT}")
        return types


class LexiconFile(RuleFile):
    """rules/<lang>/lexicon.yaml: named word lists ({macros}) that every claim rule of the language may use."""

    macros: dict[str, Regex]

    @field_validator("macros")
    @classmethod
    def _names(cls, macros: dict[str, str]) -> dict[str, str]:
        for name in macros:
            if not re.match(IDENT, name):
                raise ValueError(f"macro name {name!r} must match {IDENT}")
        return macros


class ClaimPattern(Strict):
    id: str | None = Field(None, pattern=IDENT)
    pattern: Regex = Field(min_length=1)
    event: str | None = Field(None, pattern=IDENT, description="date rules: the event this pattern dates")
    priority: int = Field(0, description=(
        "when patterns of several kinds claim one count, the highest priority wins (then the shortest match): "
        "'36 pengungsi' is displaced only if no verb makes them dead"))
    scope: str | None = Field(None, pattern=IDENT, description=(
        "what this pattern's figures count apart from the kind's toll ('shot': everyone hit, dead or alive): "
        "they are compared only with figures of the same scope"))
    events: list[str] = Field(default_factory=list, description=(
        "the kinds of event (events.yaml ids) in whose story alone the pattern's figures count, where its words "
        "alone do not say what they count ('a total of six victims': those shot, in a shooting's story); a kind "
        "within one of them counts too"))
    not_events: list[str] = Field(default_factory=list, description=(
        "the kinds of event (events.yaml ids) in whose story the pattern's figures count nothing, where its words "
        "alone do not say what they count ('at least 50 people fled': displaced by a war, a crowd leaving the "
        "scene of a shooting); a kind within one of them too"))
    daily: bool = Field(False, description=(
        "the scope's figures are of their day only (how many are in critical condition changes by the hour, up "
        "or down): never judged against a figure of another day"))
    subject: str | None = Field(None, pattern=IDENT, description=(
        "who this pattern's figures count, where the pattern itself says it and the words do not ('individual': "
        "one person singled out by name or residence, 'Seorang warga Kecamatan X'): a part of the toll"))


class ClaimFile(RuleFile):
    """rules/<lang>/<kind>.yaml: one kind of claim (deaths, injured, displaced, date ...)."""

    kind: str = Field(pattern=IDENT)
    compare: bool = Field(True, description="false: extracted as evidence, never compared between sources")
    case_sensitive: bool = False
    place_prepositions: dict[str, float] = Field(default_factory=dict,
                                                 description="override context.yaml's weights for this kind")
    macros: dict[str, str] = Field(default_factory=dict)
    patterns: list[ClaimPattern] = Field(min_length=1)
    examples: Examples


class Place(Strict):
    """A place; an entry without a name adds aliases (or a parent) to a place another file defines."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None
    names: dict[str, str] = Field(default_factory=dict, description=(
        "the name to show a reader of each language, where it is not `name`: {en: Syria}"))
    holds: str | None = Field(None, description=(
        "a generated place (subdivisions.tsv) that is this one under a name of its own, set within this one so "
        "that the towns GeoNames puts in it lie here too: Washington State holds ISO 3166-2's us-wa, 'Washington', "
        "which stays a minor place of that name ('Olympia, Washington'), never the capital's"))
    minor: bool = Field(False, description="a small place, taken only where the text also names a parent of it")
    qualifiers: list[str] = Field(default_factory=list, description=(
        "codes that name this place only right after another place's name and a comma, as a dateline qualifies a "
        "town ('Birmingham, AL'); never alone, where such a code is often a word ('TNI AL')"))
    population: int | None = Field(None, ge=0, description="picks the better known of places sharing a name")
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class PlaceSourcesFile(Strict):
    """rules/places/sources.yaml: what the generated place data holds and leaves out."""

    id: str = Field(pattern=r"^places\.sources$")
    description: str | None = None
    cities_min: int = Field(15000, ge=0, description="world cities of at least this many people")
    us_cities_min: int = Field(5000, ge=0, description="cities of the United States of at least this many")
    minor_below: int = Field(100000, ge=0, description="a city smaller than this is minor")
    id_minor_levels: list[int] = Field(default_factory=lambda: [3], description="Indonesian levels that are minor")
    subdivisions_skip_countries: list[str] = Field(default_factory=list)
    subdivisions_minor: bool = Field(True, description="a subdivision counts only where its country is named too")
    exclude_names: list[str] = Field(default_factory=list, description="names also used as common words")
    name_variants: list[Annotated[list[Annotated[str, Field(pattern=r"^\S+$")]], Field(min_length=2)]] = Field(
        default_factory=list, description=(
            "sets of words (each one word, at least two a set) a place name is written with interchangeably "
            "('Saint', 'St.'): a city whose name holds one before another word answers to each other too"))


class PlacesFile(Strict):
    """rules/places/*.yaml: one gazetteer for all languages."""

    id: str = Field(pattern=r"^places\.[a-z0-9_-]+$")
    description: str | None = None
    generated_by: str | None = None
    places: list[Place]


GRAMMAR_FILES: dict[str, type[RuleFile]] = {
    "language": LanguageFile,
    "numbers": NumbersFile,
    "qualifiers": QualifiersFile,
    "calendar": CalendarFile,
    "dates": DatesFile,
    "context": ContextFile,
    "lexicon": LexiconFile,
    "events": EventsFile,
}

AnyRuleFile = Union[LanguageFile, NumbersFile, QualifiersFile, CalendarFile, DatesFile, ContextFile, LexiconFile,
                    EventsFile, ClaimFile, PlacesFile]


def model_for(stem: str, folder: str) -> type[BaseModel]:
    """The model a rule file is validated against, from where it lies."""
    if folder == "places":
        return PlaceSourcesFile if stem == "sources" else PlacesFile
    return GRAMMAR_FILES.get(stem, ClaimFile)


def json_schemas() -> dict[str, dict]:
    """One JSON Schema per kind of rule file, for editors (committed under rules/schema/)."""
    models = {**GRAMMAR_FILES, "claim": ClaimFile, "places": PlacesFile, "place-sources": PlaceSourcesFile}
    return {name: model.model_json_schema() for name, model in models.items()}
