"""The gazetteer: places named in a text, their parents, and which of them a figure is about.

Names are looked up word by word (a dictionary of word sequences, not one huge pattern), so a gazetteer of
tens of thousands of places costs one pass over the words of an article. A name several places share
("Manchester", "Florence") resolves to the one whose parent the article also names, else to the best
known. A minor place (a small town, a district) counts only where the article also names one of its
parents: "Sayung" alone is a word, "Sayung, Demak" a place."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import regex

from checker.schema import Place

TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:[.'’\-][\p{L}\p{N}]+)*")
QUALIFIER = regex.compile(r",[^\S\n]*(\p{Lu}{2,3})(?![\p{L}\p{N}]|\.\p{L})")  # after a name: ', AL' (Place.qualifiers)
MAX_WORDS = 6  # the longest place name, in words
NEAR_KM = 50.0  # two places this close are one for comparison (a suburb and its city), when both have coordinates
REACH_PER_ROOT = 0.017  # km of a place's reach per square root of its people: Miami's 12 km, a town's 2
METRO_PEOPLE = 1_000_000  # a city this large stands for its metro area ('Houston' for Cypress): its reach is NEAR_KM
ROLES = ("at", "from", "to")
SPEAKER_WEIGHT = 0.5  # of a place in the name of who said it: less than any place named for itself
NEAR_CHARS = 40  # a place this many characters from a claim weighs half one right beside it
HOME_PLACES = 2  # places below one country a text names, above which a lone town of another country is a namesake


class Site(NamedTuple):
    """What the gazetteer keeps of a place: a small record, quick to copy to a worker and to load from cache."""

    id: str
    name: str
    parent: str | None
    names: dict[str, str]
    minor: bool
    population: int | None
    lat: float | None
    lon: float | None


class Sites(Mapping):
    """Places by id, each kept as one line of JSON (its Site and its rank) and made a Site when first looked
    up: reading tens of thousands of places from the cache costs a string each, not a record of eight."""

    def __init__(self, lines: dict[str, str]):
        self.lines = lines
        self._read: dict[str, tuple[Site, int]] = {}

    def _get(self, place_id: str) -> tuple[Site, int]:
        read = self._read.get(place_id)
        if read is None:
            name, parent, names, minor, population, lat, lon, rank = json.loads(self.lines[place_id])
            read = self._read[place_id] = (Site(place_id, name, parent, names, minor, population, lat, lon), rank)
        return read

    def __getitem__(self, place_id: str) -> Site:
        return self._get(place_id)[0]

    def rank(self, place_id: str) -> int:
        """Where the place comes in the gazetteer's files: earlier files and entries are better known."""
        return self._get(place_id)[1]

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.lines

    def __iter__(self) -> Iterator[str]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def __getstate__(self) -> dict:
        return {"lines": self.lines}

    def __setstate__(self, state: dict) -> None:
        self.lines, self._read = state["lines"], {}


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a text: where, which, the word before it, the role that word gives it."""

    start: int
    end: int
    place_id: str
    prep: str | None
    role: str
    sentence: int = -1


class Gazetteer:
    """Every place of every language; a place knows its parent, its names by language, and maybe where it is."""

    def __init__(self, places: list[Place], curated: int = 0):
        rank = {p.id: i for i, p in enumerate(places)}  # earlier files and entries are better known
        self.curated = curated  # the first places are hand-written (places.yaml), the rest generated
        self.places = Sites({p.id: json.dumps([p.name, p.parent, dict(p.names), p.minor, p.population, p.lat, p.lon,
                                               rank[p.id]], ensure_ascii=False) for p in places})
        by_name: dict[tuple[str, ...], list[str]] = {}
        for p in places:
            for name in dict.fromkeys((p.name, *p.aliases, *p.names.values())):
                words = TOKEN.findall(name)
                if name.endswith(".") and words:  # "Ore.", "Calif.": the dot is part of the abbreviation
                    words[-1] += "."
                ids = by_name.setdefault(tuple(words), [])
                if p.id not in ids:
                    ids.append(p.id)
        self.sizes: dict[str, int] = {}  # first word -> bit n set when a name of n words starts with it
        for key in by_name:
            if key:
                self.sizes[key[0].rstrip(".")] = self.sizes.get(key[0].rstrip("."), 0) | 1 << len(key)
        # a name's words and its places' ids, each joined by spaces (neither holds one): strings load fastest
        self._ids = {" ".join(words): " ".join(ids) for words, ids in by_name.items()}
        self.qualifiers = {code: p.id for p in places for code in p.qualifiers}
        self._ancestors: dict[str, tuple[str, ...]] = {}

    @property
    def first(self) -> Mapping[str, int]:
        """The words a name begins with: the keys of `sizes` (a set of them too would take megabytes more)."""
        return self.sizes

    def named(self, *words: str) -> list[str]:
        """The ids of the places these words name (each word as TOKEN finds it), best known first."""
        ids = self._ids.get(" ".join(words))
        return ids.split(" ") if ids else []

    # --- the hierarchy -------------------------------------------------------------------------------------
    def ancestors(self, place_id: str) -> tuple[str, ...]:
        """Parent, grandparent … of a place, nearest first."""
        cached = self._ancestors.get(place_id)
        if cached is not None:
            return cached
        out, seen, current = [], {place_id}, place_id
        while current in self.places:
            parent = self.places[current].parent
            if parent is None or parent in seen:
                break
            out.append(parent)
            seen.add(parent)
            current = parent
        self._ancestors[place_id] = tuple(out)
        return self._ancestors[place_id]

    def top(self, place_id: str) -> str:
        """The place at the top of a place's chain (its country), or the place itself."""
        return (self.ancestors(place_id) or (place_id,))[-1]

    def countries(self, place_ids) -> set[str]:
        """The countries among place ids: places above which there is none, named by a two-letter code."""
        return {p for p in place_ids if len(p) == 2 and p in self.places and not self.ancestors(p)}

    def far_towns(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        """Whether two lists of places both name towns (places below a country's first subdivision, located),
        no town of one in one area with a town of the other (`one_area`: none within another, nor within its
        reach; Brighton Park and North Lawndale, two Chicago neighbourhoods, are apart)."""
        ta, tb = self._towns(a), self._towns(b)
        if not ta or not tb:
            return False
        return all(not self.one_area(x, y) for x in ta for y in tb)

    def _towns(self, ids: tuple[str, ...]) -> list[str]:
        return [p for p in ids if p in self.places and len(self.ancestors(p)) >= 2 and self._located(p) is not None]

    def contains(self, outer: str, inner: str) -> bool:
        return outer == inner or outer in self.ancestors(inner)

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Two places may be where one fact happened: unknown goes with any; else one contains the other, or
        both lie within NEAR_KM of each other (a neighbourhood and its city, when the data has no such parent)."""
        return self._within(a, b, strict=False)

    def one_area(self, a: str | None, b: str | None) -> bool:
        """Stricter than `compatible`, for two places that figures name: one contains the other, or the smaller
        lies within the reach of the larger (REACH_PER_ROOT times the root of its people: a neighbourhood of its
        city, when the data has no such parent; NEAR_KM for a city of METRO_PEOPLE, whose name stands for its
        metro area), never two towns or neighbourhoods side by side (Hallandale Beach and Miami, Brighton Park and
        North Lawndale). Places whose people are not known are as `compatible`."""
        return self._within(a, b, strict=True)

    def _within(self, a: str | None, b: str | None, strict: bool) -> bool:
        if a is None or b is None or self.contains(a, b) or self.contains(b, a):
            return True
        pa, pb = self.places.get(a), self.places.get(b)
        if pa is None or pb is None or None in (pa.lat, pa.lon, pb.lat, pb.lon):
            return False
        reach = NEAR_KM
        people = max(pa.population or 0, pb.population or 0)
        if strict and pa.population and pb.population and people < METRO_PEOPLE:
            reach = min(REACH_PER_ROOT * math.sqrt(people), NEAR_KM)
        return _km(pa.lat, pa.lon, pb.lat, pb.lon) <= reach

    def apart(self, a: str | None, b: str | None) -> float:
        """Kilometres between two places, each where it is or, without coordinates, where the nearest place
        above it is (a district where its regency is); 0 when either cannot be placed."""
        pa, pb = self._located(a), self._located(b)
        if pa is None or pb is None:
            return 0.0
        return _km(pa.lat, pa.lon, pb.lat, pb.lon)

    def _located(self, place_id: str | None):
        for candidate in (place_id, *self.ancestors(place_id or "")):
            place = self.places.get(candidate or "")
            if place is not None and place.lat is not None and place.lon is not None:
                return place
        return None

    def name(self, place_id: str | None, lang: str | None = None) -> str | None:
        """The name a reader of `lang` knows the place by."""
        if place_id is None or place_id not in self.places:
            return None
        place = self.places[place_id]
        return place.names.get(lang or "", place.name)

    # --- finding names -------------------------------------------------------------------------------------
    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, place id) of every place named in the text, the longest name at each word."""
        return self._found(text)[0]

    def unsure(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, place ids) of every name in the text that only minor places have and none of which it
        places (no parent named: 'Bastrop' in a headline, a town in Texas and in Louisiana): no place of the
        text, but what it may be, for comparing articles (checker.incidents)."""
        return self._found(text)[1]

    def _found(self, text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, tuple[str, ...]]]]:
        """What `find` and `unsure` give, from one reading of the text."""
        first, sizes = self.first, self.sizes
        words = [(m.start(), m.end(), w) if w in first or not (w.isupper() or "-" in w) else self._word(m)
                 for m in TOKEN.finditer(text) for w in (m.group(),)]  # _word changes only these
        # a name of several words in capitals ('NEW ORLEANS', a dateline) as it is written, when it is not known
        # in capitals; a single word so only when it is longer than an acronym (see _cased)
        titled = [w.title() if w.isupper() and len(w) > 1 else w for _, _, w in words]
        found: list[tuple[int, int, list[str], bool]] = []  # each name's span, places, and whether it is sure
        i = 0
        while i < len(words):
            if words[i][2] not in first and titled[i] not in first:
                i += 1
                continue
            match = None
            reach = 1  # a name's words stand apart by blanks on one line, nothing else
            while (reach < MAX_WORDS and i + reach < len(words)
                   and _blank(text[words[i + reach - 1][1]:words[i + reach][0]])):
                reach += 1
            lengths = sizes.get(words[i][2], 0) | sizes.get(titled[i], 0)
            for n in range(reach, 0, -1):
                if not lengths >> n & 1:
                    continue  # no name of n words starts with this one
                span = words[i:i + n]
                end = span[-1][1]
                keys = (" ".join(w for _, _, w in span), " ".join(titled[i:i + n]))  # 'CAN', 'HIT': no place
                # a word in capitals with its stop is a state's abbreviation only after a town and its comma:
                # 'ROSEBURG, ORE.', 'HALLANDALE BEACH, FLA.' ('Fla.'); 'CAN' is never 'Can', nor 'NOT MISS.' Mississippi
                begin = span[0][0]
                stop = text[end:end + 1] == "." and (
                    n > 1 or not text[begin:end].isupper() or text[max(0, begin - 3):begin].rstrip().endswith(","))
                for key in dict.fromkeys(keys if n > 1 or stop else keys[:1]):
                    dotted = stop and self._ids.get(key + ".")
                    ids = dotted or (self._ids.get(key) if n > 1 or key == keys[0] else None)
                    if ids:
                        break
                if ids:
                    match = (span[0][0], end + 1 if dotted else end, ids.split(" "), n)
                    break
            if match:
                start, end, ids, n = match
                i += n
                qualified = QUALIFIER.match(text, end) if self.qualifiers else None
                region = self.qualifiers.get(qualified.group(1)) if qualified else None
                if region is not None:  # 'Columbus, GA': Georgia's, not Ohio's; 'Florence, SC', which the data
                    ids = [pid for pid in ids if region in self.ancestors(pid)]  # holds only in Italy: a town there
                if ids:  # a name of several words that one place alone has is sure of it ('Fort Myers')
                    found.append((start, end, ids, n > 1 and len(ids) == 1))
                if region is not None:
                    found.append((qualified.start(1), qualified.end(1), [region], False))
                    while i < len(words) and words[i][0] < qualified.end(1):
                        i += 1
            else:
                i += 1
        named = {pid for _, _, ids, _ in found for pid in ids}
        # what an ambiguous name is most likely about: a place that holds other places the text names ('Georgia'
        # in a text naming Atlanta), in a country that places it names beyond doubt lie in; asked only where a
        # name is ambiguous (most texts have none)
        within, lands = Counter(), set()
        if any(len(ids) > 1 for _, _, ids, _ in found):
            within.update(a for pid in named for a in self.ancestors(pid))
            lands = {self.top(ids[0]) for _, _, ids, _ in found if len(ids) == 1}
        resolved = [(start, end, self._resolve(ids, named, within, lands), ids, sure)
                    for start, end, ids, sure in found]
        # a minor place whose name has several words and is no other place's ('Fort Myers', 'Brighton Park') needs
        # no parent named, only another place named in the region it lies in ('Fort Lauderdale'; 'Chicago' for a
        # neighbourhood of Chicago): 'Mount Sinai' in Chicago and 'Three Rivers' beside Visalia are other states'
        unsure = any(pid is None and sure for _, _, pid, _, sure in resolved)  # most texts have none
        regions = Counter(a for _, _, pid, _, _ in resolved if pid is not None
                          for a in (pid, *self.ancestors(pid)[:-1])) if unsure else Counter()
        out, unplaced = [], []
        for start, end, pid, ids, sure in resolved:
            if pid is None and sure and any(regions[a] for a in self.ancestors(ids[0])[:-1]):
                pid = ids[0]
            if pid is not None:
                out.append((start, end, pid))
            elif all(self.places[i].minor for i in ids):
                unplaced.append((start, end, tuple(ids)))
        return self._at_home(out), unplaced

    def _at_home(self, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Without the places abroad (see `abroad`) that a text names."""
        away = self.abroad([pid for _, _, pid in found])
        return [f for f in found if self.top(f[2]) not in away] if away else found

    def abroad(self, named: list[str]) -> set[str]:
        """The countries whose places a text names (`named`, each as often as it names it) are namesakes or
        words, not places: a town in one country, in a text whose places are mostly of another (named most often,
        HOME_PLACES of them at least, below the country) and that names nothing else of the town's own country,
        is a namesake or a word ('Melky Rodriguez' in Albuquerque, 'Steve Hamilton' in Jakarta, 'kursi Anda'),
        not that town. Only generated places (a world city of GeoNames) are so doubted: a hand-written one is a
        place news names for itself ('killed in Tibet' in a report from Nepal)."""
        if len(named) <= HOME_PLACES:
            return set()
        tops = {pid: self.top(pid) for pid in named}
        within: dict[str, set[str]] = defaultdict(set)  # country -> the places in it the text names
        for pid, top in tops.items():
            within[top].add(pid)
        told = Counter(tops[pid] for pid in named)  # country -> how often the text names places in it
        (home, most), *rest = told.most_common(2) + [(None, 0)]
        if most == rest[0][1] or len(within[home] - {home}) < HOME_PLACES:
            return set()
        return {top for top, ids in within.items() if top != home and len(ids) == 1 and top not in ids
                and self.places.rank(next(iter(ids))) >= self.curated}

    def _word(self, m: regex.Match) -> tuple[int, int, str]:
        """A token as a name may begin: itself, or, when it is no name, the name before a hyphen that a
        lower-case word follows ('Denver-area', 'Texas-based'; not 'Israel-Iran', two names)."""
        word = _cased(m.group(), self.first)
        if word not in self.first and "-" in word:
            head, _, rest = word.partition("-")
            if rest[:1].islower() and head in self.first:
                return m.start(), m.start() + len(head), head
        return m.start(), m.end(), word

    def _resolve(self, ids: list[str], named: set[str], within: Counter, lands: set[str]) -> str | None:
        """One place for a name: the one whose parents the text also names most, or that holds the places the text
        names (`within`: how many lie in each place; 'Atlanta, Georgia': the state, not the country); then one in
        a country that the places it names beyond doubt lie in (`lands`); then a region before a town (the state of
        California before the town of California, Maryland); then the better known. A minor place needs a
        parent named in the text (one whose name of several words no other place has needs only a place named in
        its region: see find)."""
        def support(pid: str) -> int:
            return sum(1 for a in self.ancestors(pid) if a in named)

        candidates = [pid for pid in ids if not self.places[pid].minor or support(pid)]
        if not candidates:
            return None
        return max(candidates, key=lambda pid: (support(pid) + within[pid],
                                                self.top(pid) in lands,
                                                self.places[pid].population is None,
                                                self.places[pid].population or 0, -self.places.rank(pid)))


def merge(hand: list[Place], generated: list[Place]) -> list[Place]:
    """One gazetteer from hand-written places and generated ones (checker.placedata): a generated place with
    a hand-written one's name or alias in the same country is that place (its coordinates and population
    fill what the hand-written one lacks, its names become aliases); the rest keep their own ids, their
    parents mapped to the places they became; one a hand-written place `holds` lies within it. Generated
    places are taken parents first."""
    by_id = {p.id: p for p in hand}
    held = {p.holds: p.id for p in hand if p.holds}
    known = {p.id: p for p in generated}
    same: dict[str, str] = {}

    def top(pid: str) -> str:
        seen = set()
        while pid in by_id and by_id[pid].parent and pid not in seen:
            seen.add(pid)
            pid = by_id[pid].parent
        return pid

    def related(a: str | None, b: str | None) -> bool:
        """Whether one of two regions lies within the other (or either is unknown)."""
        def chain(pid):
            seen = []
            while pid in by_id and pid not in seen:
                seen.append(pid)
                pid = by_id[pid].parent
            return seen
        return a is None or b is None or a in chain(b) or b in chain(a)

    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in hand:
        for name in (p.name, *p.aliases, *p.names.values()):
            if p.id not in index[name, top(p.id)]:
                index[name, top(p.id)].append(p.id)

    def depth(p: Place) -> int:
        d, pid, seen = 0, p.parent, set()
        while pid in known and pid not in seen:
            seen.add(pid)
            d, pid = d + 1, known[pid].parent
        return d

    out = dict(by_id)
    regions: set[str] = set()
    for g in sorted(generated, key=depth):
        # a place a hand-written one holds lies within it, under its own names and as minor as before: 'Olympia,
        # Washington' finds ISO's Washington, 'Washington' alone never does
        parent = held.get(g.id) or (same.get(g.parent, g.parent) if g.parent else None)
        if parent != g.parent:
            g = g.model_copy(update={"parent": parent})
        country = top(parent) if parent else g.id
        # the place of that name in its country, in a region that holds the other's (Fresno, California is
        # not Fresno, Texas; Surabaya of GeoNames is the city of Kemendagri's)
        match = next((pid for n in (g.name, *g.aliases) for pid in index.get((n, country), ())
                      if related(parent, out[pid].parent)), None)
        if match is not None and match in regions and g.lat is not None and parent != match:
            match = None  # a town named as a region elsewhere in its country (California, Maryland)
        if match is not None:
            if g.lat is None and parent == country:
                regions.add(match)  # a first-level subdivision: a town of another region is not it
            same[g.id] = match
            h = out[match]
            if match in known and parent and _depth(parent, by_id) > _depth(h.parent, by_id):
                h = h.model_copy(update={"parent": parent})  # two generated places: keep the finer parents
                by_id[match] = h
            out[match] = h.model_copy(update={
                "aliases": [*h.aliases, *(n for n in (g.name, *g.aliases) if n not in (h.name, *h.aliases))],
                "lat": h.lat if h.lat is not None else g.lat, "lon": h.lon if h.lon is not None else g.lon,
                "population": h.population or g.population})
            continue
        if g.id in out:
            continue
        out[g.id] = g
        by_id[g.id] = g
        if g.lat is None and parent == country:
            regions.add(g.id)  # a first-level subdivision: no town of its name is it (Washington, D.C.)
        for name in (g.name, *g.aliases):
            index[name, country].append(g.id)
    return list(out.values())


def _depth(pid: str | None, by_id: dict[str, Place]) -> int:
    d, seen = 0, set()
    while pid in by_id and pid not in seen:
        seen.add(pid)
        d, pid = d + 1, by_id[pid].parent
    return d


def _blank(gap: str) -> bool:
    """Between two words of one name: blanks on one line, maybe after an abbreviation's dot ('St. Charles')."""
    gap = gap[1:] if gap.startswith(".") else gap
    return gap.isspace() and "\n" not in gap


def _cased(word: str, first: Mapping[str, int]) -> str:
    """A word in capitals ('ROSEBURG', a dateline) as a name is written, when only that is a known name."""
    if len(word) > 3 and word.isupper() and word not in first and word.title() in first:
        return word.title()
    return word


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def choose(claim: tuple[int, int], clause: tuple[int, int], sentence: int,
           mentions: list[Mention], speakers: list[tuple[int, int]], weights: tuple[dict[str, float], float],
           gazetteer: Gazetteer, frequency: Counter, paragraph: tuple[int, int],
           locative: frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """The places a claim is about, by role (at, from, to): from its own clause, else from the sentence before
    it in its paragraph (never from another clause of its sentence: "…, sedangkan perang Israel-Iran …").
    The best-scored place decides; another role is kept only when it scores at least half as well.

    A place after a word of weight 0 names an actor ("serangan Israel"), never where it happened. A place
    in the speaker's name ("Kementerian Kesehatan Iran mengatakan") weighs little: a country reporting its
    own toll. A preposition the claim's rule names (`locative`: "dari" for displacement) says where it
    happened, whatever role it has elsewhere. Nearer places weigh more; on equal weight: the more specific place (Aleppo timur over
    Aleppo), then the one the article names most. Each role's place comes with how it was named: 'text'
    (after a preposition), 'speaker' (in who said it: a country reporting its own toll), or 'bare' (maybe
    a government or an actor: "Moskow dan Ankara memperantarai")."""
    by_prep, bare = weights
    start, end = claim

    def scored(pool):
        best: dict[str, tuple] = {}
        ids = {m.place_id for m in pool}
        for m in pool:
            weight = by_prep.get(m.prep, bare) if m.prep else bare
            if weight <= 0:
                continue
            speaker = any(s <= m.start < e for s, e in speakers)
            if speaker:
                weight = min(weight, SPEAKER_WEIGHT)
            distance = 0 if m.start < end and m.end > start else min(abs(m.start - end), abs(start - m.end))
            specific = len(set(gazetteer.ancestors(m.place_id)) & ids)
            rank = (weight / (1 + distance / NEAR_CHARS), specific, frequency[m.place_id], -distance)
            role = "at" if m.prep in locative else m.role  # the rule's own words say where it happened
            if role not in best or rank > best[role][0]:
                best[role] = (rank, m.place_id, "speaker" if speaker else "bare" if not m.prep else "text")
        if not best:
            return {}
        top = max(rank[0] for rank, _, _ in best.values())
        if "at" in best and best["at"][0][0] < top:  # 'mengungsi ke Bangladesh' beside a far 'di New York'
            del best["at"]
        return {role: (pid, weak) for role, (rank, pid, weak) in best.items() if rank[0] >= top / 2}

    own = [m for m in mentions if m.sentence == sentence and clause[0] <= m.start < clause[1]]
    before = [m for m in mentions if m.sentence == sentence - 1 and paragraph[0] <= m.start]
    for pool in (own, before):
        found = scored(pool)
        if found:
            return found
    return {}
