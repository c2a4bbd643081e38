"""Claims -> facts, each with a verdict: conflict, compatible, agree, single.

Articles are first grouped into incidents (checker.incidents): a figure is only ever compared with figures
of the same real-world event, unless its own clause names another kind of event. Within an incident, a
fact is a kind (deaths, injured …, or the date of one kind of event) and a scope: a count over a window
("dalam 24 jam"), since a date, over many incidents ("across the city"), or the running total (a bare
"menewaskan 12 orang" and an explicit "kini mencapai 224 orang" alike). Claims of one fact must be about
compatible places (one contains the other, or they are near; an unknown place goes with any) and kinds of
event that can be one. Who is counted (children, police) makes a claim a part of the toll, not another
fact. Each figure stands at a day: the day its text gives ("hingga Sabtu (14/6)"), else the article's
dateline, else its publication date.

Verdicts: claims from one origin (one article, or copies of one story) are a single; on one day, disjoint
intervals conflict; a running total may grow between days, but a later explicit total below an earlier
one conflicts (a bare count lower later is marked, not judged); overlapping intervals are compatible,
equal ones agree. A figure the text says was superseded is shown and not judged; an article's smaller
figures of a total are its breakdowns, set apart; a part ("termasuk 70 anak-anak") is judged against its
whole only: a part larger than its whole is a finding."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

import regex

from checker import incidents as incident_grouping
from checker.events import Kinds
from checker.models import DATE, DEATHS, HIT, INJURED, VERDICTS, Claim, Group, Source, located, replaced
from checker.nogc import no_gc
from checker.verdicts import _gap_text, interval, outcomes  # noqa: F401 (interval: for the reports)

UNSCOPED = "—"
NOT_THE_ARTICLES = frozenset({"furniture", "another-incident"})  # flags of claims never compared as the article's own
NOT_JUDGED = NOT_THE_ARTICLES | {"superseded"}  # flags of claims that are shown but never judged
FAR_KM = 500  # towns further apart than this, each named beside its own figure, are two places however weakly
_POSITION = attrgetter("source", "line", "column")  # what claims are sorted by: where they stand
NEXT_DAY = 1  # days apart that may be one event's: late at night, dated the next day by another outlet
RECALL_LEAD = 1000  # characters: an article about a past event dates it this early (see _recalls)
RECALL_SPAN = 31  # days: the longest span (a month) that an article about a past event may date it by
YEAR = 366  # days
# subjects that single out no kind of people (see _singled_out)
UNSINGLED = frozenset({None, "individual", "others"})
PART = "part"  # what tells a part's _told_key from a whole's: 'three who were 17' meets its like, never a toll
SAID = "said"  # the event of a dateline's date (rules/<lang>/dateline.yaml): when a statement was made
RESTATES = 0.8  # an open figure ('more than 8,000') at least this share of its article's largest restates it
SHARED, SHARED_RATIO = 4, 1 / 3  # words two sentences share to tell one thing: so many, and this share of the shorter's
SAID_RATIO = 2 / 3  # the share for the day of a statement: one statement's words, not two made at one place that day
_WORDS = regex.compile(r"\p{L}{4,}")  # the words counted: of four letters or more (most shorter ones tell nothing)
# the scopes of a whole toll that a count kept as evidence may join, the whole toll before everyone shot (who may
# include the dead): 'Both victims were taken to St. John's' is 'Two teens are hospitalized', else 'two teens shot'
_WHOLE = {"total": 2, HIT: 1}
# the scopes of counts that state one fact where they give one value, by who they count: everyone hit and
# everyone found hit ('Three people were shot', 'found three victims suffering from gunshot wounds'), kept in the
# group of the wider. Not the injured: where an outlet counts everyone hit and another the wounded alone, one value
# is often two facts. But the others hit beside the dead are the wounded ('Five other people were shot' beside
# 'five others were wounded'): counted as others, the injured too
FOUND = "found"
_ONE_VALUE = {None: {HIT: 1, FOUND: 0}, "others": {"total": 2, HIT: 1, FOUND: 0}}


@dataclass(frozen=True)
class Settings:
    tolerance: float = 0.0  # relative: 0.1 lets values 10% apart pass
    window_days: int = 30  # articles published further apart are never one incident
    event_days: int = 3  # dates of one kind of event further apart are different events (two quakes)

    def incidents(self) -> incident_grouping.Settings:
        return incident_grouping.Settings(days=self.window_days)


@dataclass
class Context:
    """What comparing needs besides the claims: sources, what each article is about, and the gazetteer."""

    sources: dict[str, Source]
    profiles: list = field(default_factory=list)  # checker.incidents.Profile of each article
    kinds: Kinds = field(default_factory=Kinds)  # kinds of event: which may be one
    gazetteer: object = None  # checker.places.Gazetteer: place containment and names


def group_claims(claims: list[Claim], sources: dict[str, Source], settings: Settings = Settings(),
                 context: Context | None = None, jobs: int = 1) -> list[Group]:
    """Every compared claim in exactly one group, groups sorted: conflicts first, then by kind, place, scope.
    `jobs` threads share comparing many articles' headlines and leads (the result is the same)."""
    with no_gc():
        return _group_claims(claims, sources, settings, context or Context(sources), jobs)


def _group_claims(claims: list[Claim], sources: dict[str, Source], settings: Settings,
                  context: Context, jobs: int) -> list[Group]:
    gaz = context.gazetteer
    evidence = [None if c.compared else _told_key(c, context.kinds) for c in claims]  # what each meets its like by
    profiles, told = _profiles(context, claims, evidence)
    recalls = _recalls(claims, sources, profiles, context.kinds, settings.window_days)
    profiles = [replaced(p, recalls=recalls[p.source]) if p.source in recalls else p for p in profiles]
    found = incident_grouping.group(profiles, context.kinds, settings.incidents(),
                                    gaz.contains if gaz else None, gaz.countries if gaz else None,
                                    gaz.far_towns if gaz else None, jobs, others=told)
    told_of = {**found.of, **found.joined}
    recalls = _met(recalls, found, sources)
    asof = _as_of_days(claims, sources)
    _claims_focus(found, claims, context, settings, recalls)
    # a figure of an event long past that names its place keeps it ('the July 19, 2012, Aurora, Colorado, theater
    # shooting that left 12 people dead' in a report from Lafayette): it is about somewhere else than the story;
    # so does the day of one ('aksi teror di kawasan Thamrin, Jakarta Pusat pada 14 Januari 2016' in a 2017 story
    # of a boy who fought in Syria)
    claims = [_placed(c, found, context) if c.compared and not (c.place_id and (
        _recalled(c, sources, settings, recalls) or _long_before(c, sources, settings))) else c for c in claims]
    wholes, parts = _parts(claims)
    keyed: dict[tuple, list[Claim]] = defaultdict(list)
    elsewhere = _Elsewhere(found, sources, context.kinds)
    for claim in claims:
        if claim.compared and NOT_THE_ARTICLES.isdisjoint(claim.flags):
            keyed[_key(claim, found, sources, settings, context.kinds, context.gazetteer, elsewhere,
                       recalls)].append(claim)
    attacks, homes = _event_days(claims, found, context.kinds)
    implied = _implied_injured(keyed)
    tolls = _death_tolls(keyed)
    groups = []
    about: dict = {}  # of each incident, what _facts takes of it
    for key, members in keyed.items():
        if key[0] not in about:
            about[key[0]] = _incident_facts(key[0], found, attacks, homes, context.kinds)
        focus, several, gap, story, home = about[key[0]]
        dead = tolls.get(key[0]) if key[1] == INJURED and key[2] in _WHOLE else None
        for fact in _facts(key, members, context, settings, asof, focus, several, gap, story, home):
            floors = implied.get(key[0], {}) if key[1:4] == (INJURED, "total", "running") else {}
            main, lesser = _representatives(fact, floors) if key[3] == "running" else (fact, [])
            # a part with its whole beside it ('including 5 children') is checked against that whole, and met
            # with the like breakdowns of other articles: never judged against their totals
            lesser += [c for c in main if id(c) in parts]
            main = [c for c in main if id(c) not in parts]
            for k, judged in enumerate([main, *_alike(lesser)]):
                attached = [p for c in judged for p in wholes.get(id(c), ())]
                groups.append(_judge(key, judged, attached, sources, settings, asof, found, context, dead,
                                     breakdown=k > 0))
    groups = _one_value(groups, found, context.gazetteer)
    groups = _told_alike(groups, claims, evidence, sources, settings, asof, found, context, told_of)
    return sorted(_recalled_alike(groups, sources, settings, asof, found, context), key=_order)


def _one_value(groups: list[Group], found: incident_grouping.Incidents, gazetteer) -> list[Group]:
    """Groups of injured counts of one incident kept apart by scope (`_ONE_VALUE`: everyone hit, everyone found
    hit; the others hit and the other wounded), each of one value, the same, counting the same people, in places
    that can be one: one fact, in the group of the wider scope. The
    people found may be fewer than those hit (one reached a hospital alone), but where outlets give one value they
    count the same people; where their values differ, the scopes stay apart and no conflict is made of them."""
    by_value: dict[tuple, list[int]] = defaultdict(list)
    for k, g in enumerate(groups):
        if (g.kind != INJURED or g.incident is None or g.scope not in _ONE_VALUE.get(g.subject, ())
                or g.verdict == "conflict"):
            continue
        values = {c.notation() for c in g.claims if _judged(c) and not c.part}
        if len(values) == 1:
            by_value[(g.incident, g.subject, values.pop())].append(k)
    joined: dict[int, list[Claim]] = defaultdict(list)
    gone: set[int] = set()
    for (_, subject, _), ks in by_value.items():
        if len({groups[k].scope for k in ks}) < 2:
            continue
        keep = max(ks, key=lambda k: (_ONE_VALUE[subject][groups[k].scope], len(groups[k].claims), -k))
        for k in ks:
            if groups[k].scope != groups[keep].scope and (
                    gazetteer is None or gazetteer.compatible(groups[k].place_id, groups[keep].place_id)):
                joined[keep].extend(groups[k].claims)
                gone.add(k)
    return [_joined(g, joined[k], found) if k in joined else g for k, g in enumerate(groups) if k not in gone]


def _incident_facts(incident, found: incident_grouping.Incidents, attacks: dict[str, set],
                    homes: dict[str, int], kinds: Kinds) -> tuple:
    """What _facts takes of an incident (see there): its focus, whether its attacks came on several days, the
    days apart that are one event's, whether it is a whole story, and its home day. A day apart is one event's
    (late at night, dated the next day), unless the incident is a whole story (a war: each day's attack its
    own). An incident that no articles make (a past event's, another kind of event's) has none of these."""
    if not isinstance(incident, str):
        return None, False, 0, False, None
    kind = found.event.get(incident)
    gap = NEXT_DAY if kind is not None and kind not in kinds.story else 0
    several = len(set(_spells({d.toordinal() for d in attacks.get(incident, ())}, gap).values())) > 1
    return found.focus.get(incident), several, gap, kind in kinds.story, homes.get(incident)


def _told_alike(groups: list[Group], claims: list[Claim], evidence: list, sources: dict[str, Source],
                settings: Settings, asof: dict, found: incident_grouping.Incidents, context: Context,
                of: dict[str, str]) -> list[Group]:
    """Claims that are never compared, met where articles of one incident tell them alike: the same value, in
    sentences of the same words (SHARED of them, and SHARED_RATIO of the shorter's), a day only with a day of the
    same kind of event, or both of none (the day a fire spread is not the day schools closed for its haze). Such
    are days besides a named event's (a visit, a call to police: 'responded Feb. 9 to a report of domestic
    trouble'), written out ('Feb. 9', not 'Friday'), and the injured counted by hospital or condition ('Two
    attempted to drive themselves to a hospital'). Told with other values they stay apart: what one article
    counts or dates need not be what another does, so no conflict is ever made so. The day of a statement meets
    only in SAID_RATIO of the same words, its attribution's included (one interview quoted alike: 'ucap Fadli
    Zon dalam program …'), or, made by one speaker, of its attribution alone (one occasion, two quotes: 'kata
    Herman di Stadion Jalak Harupat, Bandung, Kamis (29/5/2025)'): two people questioned at one place on one day
    made two statements. `of`: the incident of each article, those with no figure to compare included
    (checker.incidents.group: `joined`); `evidence`: each claim's _told_key.

    A count that one article alone gives so, which is its incident's whole toll of that kind as the other articles
    give it all alike, is one fact with theirs, unless its sentence lists other values (a breakdown)."""
    alike: dict[tuple, list[Claim]] = defaultdict(list)
    counts: list[tuple[Claim, tuple]] = []  # the counts among them, with the fact each would join: see `same`
    for c, key in zip(claims, evidence):
        if key is not None:
            alike[(of.get(c.source, c.source), *key)].append(c)
            if c.kind != DATE and not c.part:  # a part never joins a toll
                counts.append((c, (of.get(c.source), *key)))  # a count's key: its kind and notation
    told = [cluster for members in alike.values() if len({c.source for c in members}) > 1
            for cluster in _alike_words(members) if len({c.source for c in cluster}) > 1]
    in_told = {id(c) for cluster in told for c in cluster}
    counts = [(c, fact) for c, fact in counts if id(c) not in in_told]
    # a count told alike that its incident's compared figures give too, all of one value, is one fact with them:
    # (incident, kind, value) -> that group; asked only of the groups of an incident and kind some claim here
    # has (most groups are none's: the values of their claims are not written out)
    wanted = {(of.get(cluster[0].source), cluster[0].kind) for cluster in told} | {fact[:2] for _, fact in counts}
    same: dict[tuple, int] = {}
    scoped: dict[tuple, int] = {}  # (incident, kind, value, scope) -> that group: a count of a scope joins its own
    for k, g in enumerate(groups):
        if g.incident is None or g.kind == DATE or g.verdict == "conflict" or (g.incident, g.kind) not in wanted:
            continue
        values = {c.notation() for c in g.claims if _judged(c) and not c.part}
        if len(values) == 1:
            fact = (g.incident, g.kind, values.pop())
            if fact not in same or _WHOLE.get(g.scope, 0) > _WHOLE.get(groups[same[fact]].scope, 0):
                same[fact] = k
            scoped.setdefault((*fact, g.scope), k)

    def meets(c: Claim) -> int | None:
        """The group a count kept as evidence joins: one of its own scope ('a total of six victims', everyone
        hit, meets 'six men had been shot'), else the whole toll of its value."""
        fact = (of.get(c.source), c.kind, c.notation())
        return scoped.get((*fact, c.scope.key if c.scope else None), same.get(fact))

    joined: dict[int, list[Claim]] = defaultdict(list)
    alone = []
    for cluster in told:
        k = None if cluster[0].part else meets(cluster[0])
        if k is not None:  # never a date (no group of dates is in `same`), nor a part
            joined[k].extend(cluster)
        else:
            alone.append(cluster)
    # a count one article alone keeps as evidence ('sending four victims to the hospital', 'the other three
    # victims are expected to survive') that is its incident's whole toll of that kind, which other articles give
    # all alike ('left four injured'): one fact with them; never one of a breakdown ('two are in serious
    # condition, one in fair condition')
    joining = [(c, k) for c, k in ((c, meets(c)) for c, _ in counts) if k is not None
               and groups[k].scope in _WHOLE and any(d.source != c.source for d in groups[k].claims)]
    listing = {c.source for c, _ in joining}  # the articles whose lines are asked for other values
    by_line: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.source in listing and c.quantity is not None:
            by_line[(c.source, c.line, c.kind)].append(c)
    for c, k in joining:
        if not _listed(c, by_line[(c.source, c.line, c.kind)]):
            joined[k].append(c)
    out = [_joined(g, joined[k], found) if k in joined else g for k, g in enumerate(groups)]
    for cluster in alone:  # one value told alike: agreement, whatever a kind of event that recurs leaves unknown
        group = _judge((of.get(cluster[0].source), cluster[0].kind, None,
                        "event" if cluster[0].kind == DATE else "told", None),
                       sorted(cluster, key=_POSITION), [], sources, settings, asof, found, context)
        out.append(_joined(replaced(group, verdict="single", notes=()), [], found))
    return out


def _told_key(c: Claim, kinds: Kinds) -> tuple | None:
    """What a claim kept as evidence meets its like by (`_told_alike`), but for its incident: its day (a day, or a
    span as long as a month, written out, of its kind of event) or its count; None for a claim never met so. A
    day of a kind no figure counts (a hearing, an arrest) or of a statement is as a day of no kind: one article's
    'sidang, Rabu (31/5)' is another's 'Rabu (31/5)', its 'kata Herman di Bandung, Kamis (29/5)' another's 'Kamis
    (29/5)' (how alike their words must be is _alike_words')."""
    if c.compared or not _judged(c):
        return None
    if c.kind == DATE:
        if not c.date or c.date_from == "relative":
            return None
        first, last = c.date.dates() or (None, None)
        event = None if c.event in kinds.uncounted or c.event == SAID else c.event
        return (DATE, first, last, event) if first is not None and (last - first).days < RECALL_SPAN else None
    if c.quantity is None:
        return None
    return (c.kind, c.notation(), PART) if c.part else (c.kind, c.notation())


def _listed(claim: Claim, line: list[Claim]) -> bool:
    """Whether another count of the claim's kind, of another value, stands in its sentence (as far as its
    context, `before` and `after`, reaches): one of a list."""
    start, end = claim.offset - len(claim.before), claim.offset + len(claim.text) + len(claim.after)
    return any(start <= c.offset < end and c.notation() != claim.notation() for c in line)


def _joined(group: Group, told: list[Claim], found: incident_grouping.Incidents) -> Group:
    """A group of one value with the claims that tell it alike: agreement where they add an origin."""
    claims = sorted([*group.claims, *told], key=_POSITION)
    origins = {found.origin.get(c.source, c.source) for c in claims if _judged(c)}
    verdict = "agree" if group.verdict == "single" and len(origins) > 1 else group.verdict
    return replaced(group, claims=tuple(claims), verdict=verdict)


def _alike_words(claims: list[Claim]) -> list[list[Claim]]:
    """Claims of different articles whose sentences share words enough to tell one thing (at least SHARED words
    of four letters or more, and a SHARED_RATIO of the shorter sentence's), or counts of two or more (of one
    value: see _told_alike) of the same people that one rule file reads, one kind of evidence in other words
    (care: 'transported two women from the scene', 'Two women were taken to nearby hospitals'), chained. Two days of
    a statement are alike too where one speaker made them (SAID_RATIO of the fewer words that name a speaker: 'Seala',
    'Kapolsek … AKP Seala Syah Alam') and their attributions alone are alike (SAID_RATIO of the words of
    who spoke, to whom and where: 'kata Herman di Stadion Jalak Harupat, Bandung, Jawa Barat, Kamis
    (29/5/2025)' after two different quotes is one occasion; 'ujar Hafiz saat ditemui di Mapolres …' and
    another man's 'katanya saat ditemui di Mapolres …' are two)."""
    # a date's own words are only the date, but a statement's hold who made it where ('ucap Fadli Zon dalam
    # program …'); a count's hold what it counts ('drive themselves to a hospital')
    words = [_words(f"{c.before} {'' if c.date and c.event != SAID else c.text} {c.after}") for c in claims]
    speakers = [_words(c.attribution or "") if c.event == SAID else frozenset() for c in claims]
    # a statement's own words with its speaker's, whichever the date rule's words took in ('ditemui di lokasi
    # kebakaran …, Minggu (8/6/2025)' after 'ucap Pramono saat', and 'ucap Pramono di lokasi kebakaran, Minggu …')
    said = [_words(c.text) | who if c.event == SAID else frozenset() for c, who in zip(claims, speakers)]

    def share(a: frozenset, b: frozenset, ratio: float) -> bool:
        shared = len(a & b)
        return shared >= SHARED and shared >= ratio * min(len(a), len(b))

    def alike(i: int, j: int) -> bool:
        if SAID not in (claims[i].event, claims[j].event):
            return share(words[i], words[j], SHARED_RATIO) or one_reading(claims[i], claims[j])
        return share(words[i], words[j], SAID_RATIO) or (one_speaker(i, j) and share(said[i], said[j], SAID_RATIO))

    def one_reading(a: Claim, b: Claim) -> bool:
        """'Three patients remained hospitalized', 'Three victims remained at the hospital'; never a count of
        one, which many single people are ('one was in fair condition', 'one was still being assessed'), nor
        counts of different people ('two women', 'two victims')."""
        return (a.kind != DATE and a.rule == b.rule and _singled_out(a) == _singled_out(b)
                and (interval(a).low or 0) >= 2)

    def one_speaker(i: int, j: int) -> bool:  # 'Herman', 'Herman di Stadion …'; not 'Camat Penjaringan X'
        a, b = speakers[i], speakers[j]
        return bool(a and b) and len(a & b) >= SAID_RATIO * min(len(a), len(b))

    pairs = [(i, j) for i in range(len(claims)) for j in range(i)
             if claims[i].source != claims[j].source and alike(i, j)]
    clusters: dict[int, list[Claim]] = defaultdict(list)
    for c, component in zip(claims, incident_grouping._components(len(claims), pairs)):
        clusters[component].append(c)
    return list(clusters.values())


def _singled_out(claim: Claim) -> str | None:
    """Which people a count singles out (women, children, police …), None for people in general: 'Both', 'two
    others' and 'two victims' may be the same people, 'two women' and 'two victims' need not be."""
    return None if claim.subject in UNSINGLED else claim.subject


def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORDS.findall(text))


def _recalled_alike(groups: list[Group], sources: dict[str, Source], settings: Settings, asof: dict,
                    found: incident_grouping.Incidents, context: Context) -> list[Group]:
    """The day of one past event told alike in articles of several incidents (an attack recalled by
    follow-ups weeks or months on, each story its own incident, and by its own day's report): one fact, never
    a conflict. Only dates that each article alone states (a single), of one and the same day, meet so, where
    one of them at least is recalled (more than COVERAGE days before every article that gives it: the day's
    own reports were kept apart by incident grouping, not by this), and only where their kinds of event and
    places fit; told on other days they stay apart (the incidents are not known to be one: no conflict is
    made so)."""
    gaz = context.gazetteer

    def told(g: Group) -> tuple[dt.date, bool] | None:
        """The one day a single group of dates gives, and whether it is recalled (more than COVERAGE days
        before every article that gives it) rather than reported in its own days."""
        if g.kind != DATE or g.verdict != "single" or len({c.date for c in g.claims}) != 1:
            return None
        first, last = g.claims[0].date.dates() or (None, None)
        published = [sources[c.source].date if c.source in sources else None for c in g.claims]
        if first is None or first != last or not all(p is not None for p in published):
            return None
        return first, all((p - first).days > incident_grouping.COVERAGE for p in published)

    by_day: dict[dt.date, list[int]] = defaultdict(list)
    recall: set[int] = set()
    for k, g in enumerate(groups):
        if (day := told(g)) is not None:
            by_day[day[0]].append(k)
            if day[1]:
                recall.add(k)
    merged: set[int] = set()
    out = []
    for day, ks in by_day.items():
        clusters: list[list[int]] = []
        for k in ks:
            g = groups[k]
            for cluster in clusters:
                if all(context.kinds.one_fact(a.event, b.event)
                       and (gaz is None or gaz.compatible(a.place_id, b.place_id))
                       for j in cluster for a in g.claims for b in groups[j].claims):
                    cluster.append(k)
                    break
            else:
                clusters.append([k])
        for cluster in clusters:
            if len({groups[k].incident for k in cluster}) < 2 or recall.isdisjoint(cluster):
                continue  # the day's own reports, none recalling it: incidents grouping kept apart
            claims = sorted((c for k in cluster for c in groups[k].claims), key=_POSITION)
            group = _judge((("recalled", day.isoformat()), DATE, None, "event", None), claims, [], sources,
                           settings, asof, found, context)
            if group.verdict != "conflict":  # one day told alike ('compatible' where an attack is not placed
                merged.update(cluster)         # below a country: two attacks of a war may share a day)
                out.append(group)
    return [g for k, g in enumerate(groups) if k not in merged] + out


def _representatives(fact: list[Claim], floors: dict[str, int] | None = None) -> tuple[list[Claim], list[Claim]]:
    """An article's figure for a running total is its largest: its figures wholly below it are breakdowns
    ('one of them a 16-year-old girl', 'satu jenazah lainnya'), set apart and not judged against other
    articles' totals. A figure that overlaps it restates it ('more than 8,000' beside 'at least 8,046') and
    stays. Figures the text says were superseded stay beside the total they led to. Figures wholly below the
    total an article implies (`floors`, by source: see `_implied_injured`) are breakdowns too."""
    top: dict[str, Claim] = {}
    for c in fact:
        if _judged(c) and (
                c.source not in top or _representative(c) > _representative(top[c.source])):
            top[c.source] = c
    main, lesser = [], []
    for c in fact:
        below = bool(floors) and interval(c).high is not None and interval(c).high < floors.get(c.source, 0)
        (lesser if _judged(c) and (below or _breakdown(c, top[c.source])) else main).append(c)
    return main, lesser


def _implied_injured(keyed: dict[tuple, list[Claim]]) -> dict[object, dict[str, int]]:
    """Per incident and article, the injured its figures imply: everyone it says was shot less those it says
    died ('8 People Shot' and 'One person … was pronounced dead': seven hurt). Its smaller injured figures
    ('three other people went to hospitals with gunshot wounds', after 'found five people suffering from gunshot
    wounds') are then parts of that total, not totals of their own."""
    most: dict[tuple, dict[str, int]] = defaultdict(dict)
    for key, members in keyed.items():
        if key[1:4] in ((INJURED, HIT, "running"), (DEATHS, "total", "running")):
            for c in members:
                low = interval(c).low
                if _judged(c) and low is not None:
                    mine = most[key[0], key[1]]
                    mine[c.source] = max(mine.get(c.source, 0), low)
    out: dict[object, dict[str, int]] = defaultdict(dict)
    for (incident, kind), shot in most.items():
        if kind == INJURED:
            died = most.get((incident, DEATHS), {})
            for source, n in shot.items():
                if source in died and n > died[source]:
                    out[incident][source] = n - died[source]
    return out


def _death_tolls(keyed: dict[tuple, list[Claim]]) -> dict[object, dict[str, frozenset[int]]]:
    """Per incident and article, the exact death tolls it gives ('One man was killed', 'killed three'):
    two counts of the hurt apart by a toll both their articles give may count everyone hit and the survivors
    (see verdicts.pair)."""
    tolls: dict[object, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for key, members in keyed.items():
        if key[1:4] == (DEATHS, "total", "running") and key[4] is None:
            for c in members:
                x = interval(c)
                if _judged(c) and not c.part and x.low is not None and x.low == x.high and x.low > 0:
                    tolls[key[0]][c.source].add(int(x.low))
    return {incident: {source: frozenset(values) for source, values in by.items()} for incident, by in tolls.items()}


def _judged(claim: Claim) -> bool:
    """Whether a claim is judged: its text does not say it was superseded, nor is it furniture or another
    incident's."""
    return NOT_JUDGED.isdisjoint(claim.flags)


def _breakdown(c: Claim, top: Claim) -> bool:
    """Whether a figure lies below its article's largest: wholly below it, or, open upwards ('at least 45'),
    below RESTATES of it. 'Ribuan' beside 8,046, or 'more than 8,000', restates it."""
    low, high = _representative(c), _representative(top)
    if low >= high:
        return False
    return interval(c).gap(interval(top)) > 0 or (interval(c).high is None and low < RESTATES * high)


def _alike(claims: list[Claim]) -> list[list[Claim]]:
    """Breakdowns set apart from their totals, together where they give the same value ('6 at Via Christi'
    in two articles), else each on its own."""
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_value[c.notation()].append(c)
    return list(by_value.values())


def _profiles(context: Context, claims: list[Claim], evidence: list) -> tuple[list, list]:
    """The profiles of the articles that have compared claims, which are grouped into incidents; and of those
    that have only claims that may be told alike (see _told_alike), which join the incidents as grouped. An
    article with neither needs no incident; nor does one whose claims no other article gives alike (the same
    day, or the same count, told or compared): nothing it tells can meet. `evidence`: each claim's _told_key."""
    with_claims = {c.source for c in claims if c.compared}
    given: dict[tuple, set[str]] = defaultdict(set)
    for c, key in zip(claims, evidence):
        key = key or ((c.kind, c.notation()) if c.compared and c.quantity is not None and not c.part
                      and _judged(c) else None)
        if key is not None:
            given[key].add(c.source)
    told = {sid for sources in given.values() if len(sources) > 1 for sid in sources} - with_claims
    have = {p.source for p in context.profiles}
    out = [p for p in context.profiles if p.source in with_claims]
    for sid in sorted(with_claims - have):  # claims built by hand, in tests and the API: a bare profile
        source = context.sources.get(sid)
        out.append(incident_grouping.Profile(source=sid, text="", date=source.date if source else None,
                                             places=(), event=None))
    return out, [p for p in context.profiles if p.source in told]


def _recalls(claims: list[Claim], sources: dict[str, Source], profiles: list, kinds: Kinds,
             days: int) -> dict[str, tuple[dt.date, dt.date]]:
    """The day of a past event that an article published long after it is about (a trial, an arrest months
    on), by source, as its first and last day: grouping compares it with that day's coverage as well as with
    its own days' ("The July 29, 2014, shooting took the life of …" in a verdict's story; similarity still
    decides). It is the first day, or month ("in August", at most RECALL_SPAN days), the article dates an event
    of its own kind on ("last year" says too little), when that day lies more than `days` before publication
    and is told within its first RECALL_LEAD characters: a shooting recalled further down ("a block from where
    five were wounded in a Dec. 3 incident") is background, and so is any day after a nearer one of that kind
    ("a Thursday afternoon shooting"). Never for a whole story (a war's articles link over months anyway; its
    start is background), nor for the day of someone's death or funeral (any story may tell one)."""
    kind_of = {p.source: p.event for p in profiles}
    dated: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if (c.kind != DATE or c.date is None or c.event in (None, SAID) or c.source not in kind_of
                or not NOT_THE_ARTICLES.isdisjoint(c.flags)):  # a 'Posted:' stamp tells no day of the story
            continue
        kind = kind_of[c.source]
        if (kind not in kinds.story and c.event not in kinds.personal
                and (kind is None or kinds.compatible(c.event, kind))):
            dated[c.source].append(c)
    recalls = {}
    for sid, own in dated.items():
        published = sources[sid].date if sid in sources else None
        for c in sorted(own, key=_POSITION) if published else ():
            span = c.date.dates()
            if span is None:
                continue
            if c.offset >= RECALL_LEAD or (published - span[1]).days <= days:
                break
            if (span[1] - span[0]).days <= RECALL_SPAN:  # a day, or 'in August': never 'last year'
                recalls[sid] = span
                break
    return recalls


def _met(recalls: dict[str, tuple[dt.date, dt.date]], found: incident_grouping.Incidents,
         sources: dict[str, Source]) -> dict[str, tuple[dt.date, dt.date]]:
    """The recalled days (see `_recalls`) whose articles were grouped with that day's own reports: only their
    figures dated to it are their incident's; an article that met no report keeps them as a past event's."""
    def reported(sid: str, first: dt.date, last: dt.date) -> bool:
        return any(m != sid and m in sources and sources[m].date is not None
                   and 0 <= (sources[m].date - first).days <= (last - first).days + incident_grouping.COVERAGE
                   for m in found.members.get(found.of.get(sid, ""), ()))

    return {sid: span for sid, span in recalls.items() if reported(sid, *span)}


def _as_of_days(claims: list[Claim], sources: dict[str, Source]) -> dict[str, dt.date | None]:
    """The day each article's figures stand at by default: its first dateline ('Rabu (9/7/2025)'), else its
    publication date. A dateline after publication, or more than a week before it, or one whose weekday
    contradicts its date (read as the day the weekday names, a guess: 'Sabtu (14/6/2024)'), is not trusted."""
    days: dict[str, dt.date | None] = {sid: s.date for sid, s in sources.items()}
    seen: set[str] = set()
    said = [c for c in claims if c.kind == DATE and c.event == SAID]
    for claim in sorted(said, key=_POSITION):
        if (claim.date_from == "relative" or claim.date is None or claim.date.dates() is None
                or claim.source in seen or "weekday-mismatch" in claim.flags):
            continue
        seen.add(claim.source)
        first, last = claim.date.dates()
        published = days.get(claim.source)
        if first == last and (published is None or 0 <= (published - first).days <= 7):
            days[claim.source] = first
    return days


def _claims_focus(found: incident_grouping.Incidents, claims: list[Claim], context: Context,
                  settings: Settings, recalls: dict[str, tuple[dt.date, dt.date]]) -> None:
    """An incident's focus is the place its figures name most (each with the places it lies within), the
    most specific on a tie, when two figures or more name it; else the place its headlines and leads name
    most. Figures of an event long past (dated by their own clause: 'another gunman killed 13 people in
    2009') do not vote: they are about somewhere else. A place that wins only as the one that holds the places
    figures name (the United States, for Flagstaff's wounded and the nine of a shooting in Oregon recalled beside
    them) gives way to the headlines' place where that lies within it: figures of two places are not a
    country's."""
    votes: dict[str, Counter] = defaultdict(Counter)
    named: dict[str, set] = defaultdict(set)  # the places figures name themselves, not only within them
    gaz = context.gazetteer
    for c in claims:
        if not (c.compared and c.place_id and c.place_from == "text"):
            continue
        if _recalled(c, context.sources, settings, recalls):
            continue
        incident = found.of.get(c.source)
        votes[incident][c.place_id] += 1
        named[incident].add(c.place_id)
        for parent in (gaz.ancestors(c.place_id) if gaz else ()):
            votes[incident][parent] += 1
    for incident, counted in votes.items():
        if counted and max(counted.values()) >= 2:  # one figure's place is no incident's
            focus = incident_grouping.most_specific(counted, gaz.contains if gaz else None)
            told = found.focus.get(incident)
            if focus not in named[incident] and told and told != focus and gaz and gaz.contains(focus, told):
                continue  # figures of two places that only a wider one holds: the headlines' place within it stands
            found.focus[incident] = focus


def _placed(claim: Claim, found: incident_grouping.Incidents, context: Context) -> Claim:
    """A compared claim whose text names no place takes its incident's focus (the place its articles are about);
    so does one whose only place was named bare or by the speaker (a government, an actor: "Moskow dan Ankara
    memperantarai") when that place is not within the focus nor contains it."""
    focus = found.focus.get(found.of.get(claim.source, ""))
    if focus is None or claim.place_id == focus:
        return claim
    if claim.place_id is not None and (claim.place_from != "bare" or context.gazetteer is None
                                       or context.gazetteer.compatible(claim.place_id, focus)):
        return claim
    name = context.gazetteer.name(focus, claim.lang) if context.gazetteer else focus
    return replaced(claim, place_id=focus, place=name, place_from="incident")


def _parts(claims: list[Claim]) -> tuple[dict[int, list[Claim]], set[int]]:
    """Each part ('termasuk 70 anak-anak') with its whole: the nearest earlier compared count of the same kind on
    the same line of the same article that is no part itself (a count kept as evidence, 'Two women were
    transported to nearby hospitals — one shot in the chest', joins no group to take its parts along). A part
    with no whole stands on its own."""
    wholes: dict[int, list[Claim]] = defaultdict(list)
    parts: set[int] = set()
    last: dict[tuple, Claim] = {}
    for claim in sorted((c for c in claims if c.quantity is not None), key=_POSITION):
        key = (claim.source, claim.line, claim.kind)
        if claim.part and key in last:
            wholes[id(last[key])].append(claim)
            parts.add(id(claim))
        elif not claim.part and claim.compared:
            last[key] = claim
    return wholes, parts


class _Elsewhere:
    """Incidents by kind of event and first day, to find the one a stray claim belongs to without a scan."""

    def __init__(self, found: incident_grouping.Incidents, sources: dict[str, Source], kinds: Kinds):
        self.by_kind: dict[str, list[tuple]] = defaultdict(list)
        for incident, event in found.event.items():
            if event in kinds.any:
                continue  # None: incidents of no kind of event, for a recalled figure's coverage only
            dates = [sources[m].date for m in found.members[incident] if m in sources and sources[m].date]
            self.by_kind[event].append((min(dates).toordinal() if dates else 0,
                                        max(dates).toordinal() if dates else 0, incident))
        self.firsts: dict[str, list[int]] = {}
        self.span: dict[str, int] = {}
        for kind, rows in self.by_kind.items():
            rows.sort()
            self.firsts[kind] = [r[0] for r in rows]
            self.span[kind] = max(r[1] - r[0] for r in rows)
        self.cache: dict[tuple, object] = {}

    def near(self, kind: str, day: dt.date | None, window: int):
        """The incidents of a kind whose days come within `window` days of `day` (all, with no day)."""
        rows = self.by_kind[kind]
        if day is None:
            return rows
        d = day.toordinal()
        lo = bisect.bisect_left(self.firsts[kind], d - window - self.span[kind])
        hi = bisect.bisect_right(self.firsts[kind], d + window)
        return [r for r in rows[lo:hi] if not r[0] or (r[0] - d <= window and d - r[1] <= window)]


def _incident_of(claim: Claim, found: incident_grouping.Incidents, sources: dict[str, Source],
                 settings: Settings, kinds: Kinds, gazetteer=None, elsewhere: _Elsewhere | None = None):
    """The incident a claim is about: its article's, unless its own clause names a kind of event that cannot
    be its article's ('the April 25 quake killed 8,200' in a story about a helicopter crash). Then it is an
    incident of that kind, of articles published within the window, whose reports began within the window
    from the day the claim gives its event, when it gives one: of those, the one with the most articles whose
    place holds the claim's, when its text places it after a preposition ('in X'); with its place named
    otherwise or not at all (bare, by a speaker, by a section, or with no gazetteer), the only one there is
    (in an archive, a shooting told in a story about a fire is not the month's largest shooting, nor a fire in
    Lombok the Timika riot's arson of that week). With none, it is a sub-incident of its article's, of its own
    kind."""
    home = found.of.get(claim.source, claim.source)
    kind = found.event.get(home)
    if claim.event is None or kind is None or kinds.compatible(claim.event, kind):
        return _placed_elsewhere(claim, home, found, sources, settings, kinds, gazetteer, elsewhere) or home
    elsewhere = elsewhere or _Elsewhere(found, sources, kinds)
    day = sources[claim.source].date if claim.source in sources else None
    textual = gazetteer is not None and claim.place_from == "text"
    spans = claim.date.dates() if claim.date is not None else None
    told = spans[0] if spans else claim.event_date  # the day it gives its event, if any
    key = (home, claim.event, day, claim.place_id if textual else None, told)
    if key in elsewhere.cache:
        return elsewhere.cache[key]
    candidates = []
    for event in elsewhere.by_kind:
        if event is None or not kinds.compatible(claim.event, event):
            continue
        for first, _, incident in elsewhere.near(event, day, settings.window_days):
            if incident == home or (textual and not gazetteer.compatible(claim.place_id, found.focus.get(incident))):
                continue
            if told is None or 0 <= first - told.toordinal() <= settings.window_days:  # reports after its day
                candidates.append((len(found.members[incident]), incident))
    chosen = bool(candidates) and (textual or len(candidates) == 1)
    elsewhere.cache[key] = max(candidates)[1] if chosen else (home, claim.event)
    return elsewhere.cache[key]


def _placed_elsewhere(claim: Claim, home: str, found: incident_grouping.Incidents, sources: dict[str, Source],
                     settings: Settings, kinds: Kinds, gazetteer, elsewhere: _Elsewhere | None) -> str | None:
    """The incident a claim is about when its own clause or section places it where its article's incident
    is not (a round-up's section on another war; 'sementara itu, banjir di Garut menewaskan 20 orang' in a
    report on floods in Malaysia): the one incident of a kind that can be its kind, of articles published
    within the window, about a place that holds the claim's. None when there is no such incident, or more
    than one. A place within the incident's (a town of the country a story is about) moves nothing: on the
    gun-violence corpus, that sent a city's figures to other shootings in the city."""
    focus = found.focus.get(home)
    if (gazetteer is None or elsewhere is None or claim.place_from not in ("text", "section") or focus is None
            or claim.place_id is None or gazetteer.compatible(claim.place_id, focus)):
        return None
    day = sources[claim.source].date if claim.source in sources else None
    key = ("placed", home, claim.event, day, claim.place_id)
    if key not in elsewhere.cache:
        candidates = {incident for event in elsewhere.by_kind
                      if event is not None and kinds.compatible(claim.event, event)
                      for _, _, incident in elsewhere.near(event, day, settings.window_days)
                      if incident != home and gazetteer.contains(found.focus.get(incident), claim.place_id)}
        elsewhere.cache[key] = candidates.pop() if len(candidates) == 1 else None
    return elsewhere.cache[key]


def _key(claim: Claim, found: incident_grouping.Incidents, sources: dict[str, Source],
         settings: Settings, kinds: Kinds = Kinds(), gazetteer=None, elsewhere: _Elsewhere | None = None,
         recalls: dict[str, tuple[dt.date, dt.date]] | None = None) -> tuple:
    """(incident, kind, scope, scope kind, None): what a fact is, before places and time split it. Who is
    counted (children, police) does not split it: such a count is judged as a part of the others.

    A figure about an event long before its article was published (a disaster recalled for comparison) is of
    another incident: that event's, told apart by its kind, its day and its place."""
    incident = _incident_of(claim, found, sources, settings, kinds, gazetteer, elsewhere)
    if _recalled(claim, sources, settings, recalls):
        # the event's own coverage, when the corpus holds it; else a past event of its own: places are told
        # apart within it; a past figure of no kind of event ('687 deaths in 2012') is too vague to meet
        # another article's of that year unless their articles are of one incident; nor is one of any kind
        # dated only to a period ('123 officer fatalities in 2015', 'last year, when 344 were killed'): a
        # statistic of that period, which another story's of the period need not be
        incident = _coverage(claim, found, settings, kinds, gazetteer, elsewhere) or (
            "past", claim.event, claim.event_date.isoformat(),
            None if claim.event and not claim.event_period else incident)
    if claim.date is not None:  # kinds of event that can be one fact are sorted out with the places
        return (incident, claim.kind, None, "event", None)
    scope = claim.scope
    if scope is None or scope.kind == "total":
        return (incident, claim.kind, "total", "running", None)
    if scope.kind == "counted":  # a running total of its own ('shot'), never the toll's
        return (incident, claim.kind, scope.key, "running", None)
    return (incident, claim.kind, scope.key, scope.kind, None)


def _coverage(claim: Claim, found: incident_grouping.Incidents, settings: Settings, kinds: Kinds, gazetteer,
              elsewhere: _Elsewhere | None) -> str | None:
    """The incident whose articles reported a recalled figure's event when it happened ('22 orang tewas' in
    Manchester in May 2017, told again a year on): of a kind that can be its kind, published from its day to
    `window_days` after, about a place that holds the one the figure's own sentence names, when there is one
    such incident only. Never for kinds of event that come many to a place and a month (a city's shootings,
    a war's attacks): which one is recalled is not known. With no place named, none (a year's toll somewhere
    is no incident's)."""
    if (elsewhere is None or gazetteer is None or claim.place_id is None or claim.place_from not in ("text", "bare")
            or claim.event in kinds.recurs):
        return None
    day = claim.event_date.toordinal()
    candidates = []
    for event in elsewhere.by_kind:
        if event in kinds.recurs or (claim.event is not None and event is not None
                                     and not kinds.compatible(claim.event, event)):
            continue
        for first, _, incident in elsewhere.near(event, claim.event_date, settings.window_days):
            focus = found.focus.get(incident)
            if day <= first <= day + settings.window_days and focus and gazetteer.contains(focus, claim.place_id):
                candidates.append(incident)
    return candidates[0] if len(candidates) == 1 else None


def _long_before(claim: Claim, sources: dict[str, Source], settings: Settings) -> bool:
    """Whether a date ends more than `window_days` before its article was published: a past event's day."""
    source = sources.get(claim.source)
    days = claim.date.dates() if claim.kind == DATE and claim.date is not None else None
    return bool(days and source and source.date and (source.date - days[1]).days > settings.window_days)


def _recalled(claim: Claim, sources: dict[str, Source], settings: Settings,
              recalls: dict[str, tuple[dt.date, dt.date]] | None = None) -> bool:
    """Whether a figure's own clause dates its event long before its article was published, or to a period that
    ended before it ('last year, 131 people were hit by gunfire'): a past event recalled ('another gunman
    killed 13 people in 2009'), not the story's; unless it is the past event the article is about (`recalls`:
    a trial's 'the shooting last year left nine people hurt')."""
    source = sources.get(claim.source)
    if not (claim.event_date and source and source.date):
        return False
    first, last = (recalls.get(claim.source) if recalls else None) or (None, None)
    if first is not None:
        apart = max((first - claim.event_date).days, (claim.event_date - last).days)  # none within the span
        if apart <= settings.window_days or (claim.event_period and 0 <= (claim.event_date - first).days <= YEAR):
            return False  # a period is known by its last day: one that ends within a year of the day holds it
    return ((source.date - claim.event_date).days > settings.window_days
            or bool(claim.event_period and claim.event_date < source.date))


def _event_days(claims: list[Claim], found: incident_grouping.Incidents, kinds: Kinds
                ) -> tuple[dict[str, set], dict[str, int]]:
    """Per incident, the days its articles date events of a kind that comes many to a story (attacks: compared
    dates), and its home day (an ordinal): the day most of its articles date such an event to (a shooting), the
    first of such days on a tie (a later one may be a death's, a week on), compared or kept as evidence ('late
    Sunday'), never a date of another incident's or a related link's."""
    attacks: dict[str, set] = defaultdict(set)
    told: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for c in claims:
        if c.date is None or c.event not in kinds.recurs:
            continue
        first, last = c.date.dates() or (None, None)
        if first is not None and first == last:
            incident = found.of.get(c.source, c.source)
            if c.compared:
                attacks[incident].add(first)
            if _judged(c):
                told[incident][first.toordinal()].add(c.source)
    return attacks, {incident: max(days, key=lambda d: (len(days[d]), -d)) for incident, days in told.items()}


def _facts(key: tuple, members: list[Claim], context: Context, settings: Settings,
           asof: dict, focus: str | None = None, several: bool = False, gap: int = 0,
           story: bool = False, home: int | None = None) -> list[list[Claim]]:
    """Split one key's claims into facts: by place and kind of event (compatible ones together), by the day
    of the event for dates, and, in an incident whose counts name several days of their own, by that day
    (days within `gap` of each other are one event's: a shooting late on the 17th, dated the 18th elsewhere).
    In a story of many attacks on several days (`several`), a count dated to one attack ('serangan itu', on
    Sunday) is that attack's, not the story's running total: set apart from the undated counts. In an incident
    that is a whole `story`, counts of one of its events told too long apart are two events' (see
    `_by_place_and_event`). In an incident whose articles date its event to the day `home` (an ordinal), a count
    its clause dates before that day's spell tells an earlier event ('On June 20, 11 were shot in the city', in
    a report of a block party's shooting on the 28th): set apart, whatever the other counts leave undated."""
    scope_kind = key[3]
    if scope_kind == "event":  # two days of someone's death are two people's, not a disagreement
        return [f for cluster in _by_place_and_event(members, context, focus, asof, story)
                for f in _chain(cluster, 0 if cluster[0].event in context.kinds.personal else settings.event_days)]
    out = []
    for cluster in _by_place_and_event(members, context, focus, asof, story):
        spells = _spells({c.event_date.toordinal() for c in cluster if c.event_date}, gap)
        recurring = all(c.event in context.kinds.recurs for c in cluster if c.event)
        if scope_kind == "running" and home is not None and spells and not several and recurring:
            merged = _spells(set(spells) | {home}, gap)
            earlier = {d: merged[d] for d in spells if merged[d] < merged[home]}
            if earlier:
                by_day = defaultdict(list)
                for c in cluster:
                    by_day[earlier.get(c.event_date.toordinal() if c.event_date else None, home)].append(c)
                out.extend(by_day[d] for d in sorted(by_day, key=lambda d: (d != home, d)))
                continue
        if scope_kind == "running" and (len(set(spells.values())) > 1 or (spells and several and recurring)):
            by_day: dict = defaultdict(list)
            for c in cluster:
                by_day[spells[c.event_date.toordinal()] if c.event_date else None].append(c)
            out.extend(by_day[d] for d in sorted(by_day, key=lambda d: (d is not None, d or 0)))
        else:
            out.append(cluster)
    return out


def _spells(days: set[int], gap: int) -> dict[int, int]:
    """Each day (an ordinal) mapped to the first day of its spell: days within `gap` of the one before are one
    event's (a shooting late on the 17th, dated the 18th by another clause), further apart another's."""
    out, first, last = {}, None, None
    for day in sorted(days):
        if last is None or day - last > gap:
            first = day
        out[day], last = first, day
    return out


def _by_place_and_event(members: list[Claim], context: Context, focus: str | None = None, asof: dict | None = None,
                        story: bool = False) -> list[list[Claim]]:
    """Claims in clusters whose places and kinds of event are all compatible. The most specific claims
    (places of their own) go first; each joins the largest cluster it fits, else starts one. Whether two
    claims fit depends only on their kinds of event, places and dates: each such pair is asked once.

    In an incident that is a whole `story` (a war), a count of one event in it (an air strike) and a count told
    longer after it than such an event is reported (the kind's `lasts`) are two events' counts: each count's
    day is its event's, else the day its article's figures stand at (`asof`)."""
    if len(members) == 1:  # most keys: one claim, one cluster
        return [list(members)]
    gaz = context.gazetteer
    event_kinds = context.kinds

    def day(c: Claim) -> int | None:
        when = c.event_date or (asof or {}).get(c.source)
        return when.toordinal() if when else None

    def in_time(c: Claim, d: Claim) -> bool:
        lasts = [event_kinds.lasts.get(k, 0) for k in (c.event, d.event)
                 if k and k not in event_kinds.story and k not in event_kinds.any]
        a, b = day(c), day(d)
        return not any(lasts) or a is None or b is None or abs(a - b) <= max(lasts)

    def fits(c: Claim, d: Claim) -> bool:
        if not event_kinds.one_fact(c.event, d.event):
            return False
        if story and c.quantity is not None and not in_time(c, d):
            return False
        if gaz is None:
            return c.place_id is None or d.place_id is None or c.place_id == d.place_id
        return _meet(c, d, gaz, focus) and gaz.compatible(c.origin_id, d.origin_id)

    order = sorted(members, key=lambda c: (c.place_from == "incident", c.place_id is None, c.source,
                                           c.line, c.column))
    clusters: list[list[Claim]] = []
    alike: list[dict[tuple, Claim]] = []  # of each cluster, one claim of each kind that fits alike
    known: dict[tuple, bool] = {}
    for c in order:
        mine = (c.event, c.place_id, c.place_from, c.destination_id, c.origin_id, c.quantity is None, c.date,
                day(c) if story else None)
        home = []
        for k, kinds in enumerate(alike):
            for theirs, d in kinds.items():
                fit = known.get((mine, theirs))  # looked up once: hashing a date is a call of its own
                if fit is None:
                    fit = known[mine, theirs] = fits(c, d)
                if not fit:
                    break
            else:
                home.append(k)
        if home:
            k = max(home, key=lambda k: len(clusters[k]))
            clusters[k].append(c)
            alike[k].setdefault(mine, c)
        else:
            clusters.append([c])
            alike.append({mine: c})
    return [sorted(cl, key=_POSITION) for cl in clusters]


def _meet(c: Claim, d: Claim, gaz, focus: str | None = None) -> bool:
    """Whether two claims may be about one place: one contains the other, or they are near; or one place was
    only named near its figure, not said to be where it happened ('killing at least 8,046 people' in a
    sentence that names Kathmandu), and both lie within the place their incident is about: weak evidence
    does not split a count, unless both figures name towns far apart (Santa Barbara's seven dead, Denver's
    14 recalled beside them). Dates meet so only when both places are weak and the days are the same: weak
    places never make a date conflict (a flood in Demak on the 3rd, one in Kudus on the 5th)."""
    a, b = _where(c), _where(d)
    if gaz.one_area(a, b):
        return True
    towns_far_apart = c.place_from == d.place_from == "bare" and gaz.apart(a, b) > FAR_KM
    weak = ("bare" in (c.place_from, d.place_from)) if c.quantity is not None else (
        c.place_from == d.place_from == "bare" and c.date == d.date)
    return (weak and focus is not None and not towns_far_apart
            and gaz.contains(focus, a) and gaz.contains(focus, b))


def _where(c: Claim) -> str | None:
    """Where a claim's people are: the place its text names, else where they went ('mengungsi ke Bangladesh'
    and 'pengungsi di Bangladesh' meet), else its incident's place."""
    if c.place_from in ("text", "bare", "speaker", "section"):
        return c.place_id
    return c.destination_id or c.place_id


def _chain(members: list[Claim], gap: int) -> list[list[Claim]]:
    """Dates of one event kind in clusters of days within `gap` of each other; dates without a year are
    clustered by day of the year."""
    def day(c: Claim) -> int:
        spans = c.date.dates()
        return spans[0].toordinal() if spans else 10_000_000 + c.date.day_of_year()[0]

    spell = _spells({day(c) for c in members}, gap)
    out: dict[int, list[Claim]] = defaultdict(list)
    for c in sorted(members, key=day):
        out[spell[day(c)]].append(c)
    return list(out.values())


def _judge(key: tuple, claims: list[Claim], parts: list[Claim], sources: dict[str, Source], settings: Settings,
           asof: dict, found: incident_grouping.Incidents, context: Context,
           dead: dict[str, frozenset[int]] | None = None, breakdown: bool = False) -> Group:
    incident, kind, scope, scope_kind, subject = key
    running = scope_kind in ("since", "running")
    window = scope_kind in ("window", "aggregate")  # a count over some days, or a city's tally: of its day only

    past = isinstance(incident, tuple) and incident[0] == "past"

    def day(c: Claim) -> dt.date | None:
        """The day a figure stands at: for an event recalled long after ('insiden tahun lalu'), its toll as
        told then, the same whichever day each article was published."""
        if past:
            return c.event_date
        return c.as_of or asof.get(c.source)

    def origin(c: Claim) -> str:
        return found.origin.get(c.source, c.source)

    def specific(c: Claim) -> bool:
        """A kind of event that comes once to a story, or one placed by its own text below a country."""
        gaz = context.gazetteer
        return c.event not in context.kinds.recurs or (c.place_from in ("text", "bare", "section") and c.place_id is not None
                                                      and (gaz is None or bool(gaz.ancestors(c.place_id))))

    judged = [c for c in claims if _judged(c)]
    # an incident of one event of a kind that comes many to a story (one shooting, not a war): its event came
    # once, and a count lower a day later tells its toll otherwise (seven wounded one day, six the next): a
    # conflict. Not over more than `event_days`: the wounded die, and a story told again weeks on counts some of
    # its people ('killed both' of three, at a trial). A lone figure has nothing to be lower than: not asked.
    single = found.event.get(incident) if running and isinstance(incident, str) and len(judged) > 1 else None
    if single is not None:
        days = [d for d in map(day, judged) if d is not None]
        if single in context.kinds.story or (days and (max(days) - min(days)).days > settings.event_days):
            single = None

    def once(c: Claim) -> bool:
        return context.kinds.once(c.event) or (single is not None and c.event == single)

    across, within, disagreement = outcomes(judged, day, origin, specific, settings, running, window,
                                            apart=scope_kind != "running", once=once, dead=dead)
    wholes: dict[tuple, Claim] = {}
    for c in claims if parts else ():
        wholes.setdefault((c.source, c.line), c)
    for part in parts:
        whole = wholes.get((part.source, part.line))
        if whole and interval(part).low is not None and interval(whole).high is not None and (
                interval(part).low > interval(whole).high):
            within.add("conflict")
    origins = {origin(c) for c in judged}
    notes = []
    if "conflict" in across:
        verdict = "conflict"
    elif len(origins) <= 1:  # one article, or copies of one story
        verdict = "single"
    elif across & {"overlap", "growth", "unknown", "lower", "part", "attacker", "dead", "died"}:
        verdict = "compatible"
    else:
        verdict = "agree"
    if "conflict" in within:
        notes.append("a source disagrees with itself")
    if breakdown:
        notes.append("a breakdown: figures below their articles' own totals (some of the people), "
                     "compared only with like figures")
    if len({c.source for c in judged}) > len(origins):
        notes.append("some sources are copies of one story: counted once")
    if "unknown" in across:
        notes.append("some figures cannot be laid side by side (dates without a year, windows of other days)")
    if len(judged) < len(claims):
        notes.append("a figure its own text says was superseded is shown, not judged")
    if "lower" in across:
        notes.append("a count with no scope is lower on a later day: a correction, or another incident")
    if "part" in across:
        notes.append("a count of a few people is far below another of the same day: a part of it (a victim "
                     "named, one village's), or an error to check")
    if "attacker" in across:
        notes.append("two tolls one apart where the attacker died too: one may count the attacker, the other not")
    if "dead" in across:
        notes.append("two counts of the hurt apart by a death toll both their articles give: one may count "
                     "everyone hit, the other the survivors")
    if "died" in across:
        notes.append("a later count of the hurt is lower by a death toll its article gives and the earlier's "
                     "does not: the hurt who died between")
    trend = "rising" if "growth" in across else None
    if trend:
        notes.append("the running total grew between days")
    if disagreement:
        a, b = disagreement
        notes.append(f"{a.value()} at {located(a, sources)} against {b.value()} at {located(b, sources)}"
                     + (f"; {_gap_text(a, b)}" if a.quantity else ""))
    place_id = _fact_place(claims, context)
    place = next((c.place for c in claims if c.place_id == place_id), None)
    shown = sorted(claims, key=_POSITION)  # parts are checked against their whole, and shown as facts apart
    subjects = {c.subject for c in judged} or {None}
    subject = subjects.pop() if len(subjects) == 1 else None
    if scope_kind == "event":  # a date's scope is the kind of event it dates: the most specific named
        events = [c.event for c in judged if c.event] or [c.event for c in claims if c.event]
        counted = Counter(events)
        scope = max(events, key=lambda e: (len(context.kinds.within.get(e, ())), counted[e], e)) if (
            events) else UNSCOPED
    return Group(kind=kind, place=place, place_id=place_id, scope=scope, subject=subject, verdict=verdict,
                 claims=tuple(shown), within_source="conflict" in within, trend=trend, spread=spread(judged),
                 notes=tuple(notes), incident=incident if isinstance(incident, str) else None, breakdown=breakdown)


def _fact_place(claims: list[Claim], context: Context) -> str | None:
    """The most specific place that most of a fact's placed claims name or lie in: of those its texts name, else
    of its incident's. One outlet's neighbourhood does not stand for what the others place in a country or city
    ('Chabahil' for the day of Nepal's earthquake)."""
    own = [c.place_id for c in claims if c.place_id and c.place_from != "incident"]
    ids = own or [c.place_id for c in claims if c.place_id]  # its texts' own places before its incident's
    if len(set(ids)) <= 1:  # no place, or one (most facts are one claim's)
        return ids[0] if ids else None
    gaz = context.gazetteer
    if gaz is None:
        return ids[0]
    counted = Counter(ids)

    def held(pid: str) -> bool:
        return 2 * sum(n for other, n in counted.items() if gaz.contains(pid, other)) > len(ids)

    return max(counted, key=lambda pid: (held(pid), len(gaz.ancestors(pid)), counted[pid], pid))


def _order(group: Group) -> tuple:
    return (VERDICTS.index(group.verdict), group.kind, group.place or "~", group.scope or "", group.subject or "",
            list(map(_POSITION, group.claims)))


def spread(claims: list[Claim]) -> str:
    """How far the claims lie apart: the range of their written values and its relative width."""
    if len(claims) < 2:
        return ""
    if claims[0].date is not None:
        spans = [c.date.dates() for c in claims if c.date.dates()]
        if len(spans) < 2:
            return ""
        days = (max(s[1] for s in spans) - min(s[0] for s in spans)).days
        return f"{days} days" if days else ""
    values = [_representative(c) for c in claims]
    if len(values) < 2 or min(values) == max(values):
        return ""
    low, high = min(values), max(values)
    return f"{low:,}–{high:,} ({(high - low) / high:.0%})" if high else f"{low:,}–{high:,}"


def _representative(claim: Claim):
    """One number for a claim: its written lower bound, else its upper bound."""
    n = claim.quantity.nominal
    return n.low if n.low is not None else n.high
