"""Articles -> incidents: which articles report the same real-world event, before any figure is compared.

As the systems that do this job well (the EU's Europe Media Monitor, news-stream clustering), articles are
grouped on what they say they are about, never on their figures: the words and character n-grams of title
and lead (TF-IDF, so that rare names weigh most and names match across languages), the places and the kind
of event they name, and how far apart in time they were published. Average linkage (scipy) over the pairs
of articles published within `days` of each other keeps a chain of loosely similar articles from merging
two incidents. Near-copies of one story (wire copy) are found within each incident and count as one origin."""

from __future__ import annotations

import bisect
import datetime as dt
import zlib
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import accumulate

import regex

from checker.events import Kinds
from checker.vectors import HASH_COLUMNS


WORD = regex.compile(r"[\p{L}][\p{L}\p{N}]+|\p{N}+[\p{L}][\p{L}\p{N}]*")
SKETCH = 128  # a near-copy sketch keeps the smallest hashes of this many 5-word shingles
COPY = 0.6  # resemblance (Jaccard of shingles) above which two articles are copies of one story
FLOOR = 0.5  # pairs less similar than this share of the threshold are taken as not similar at all
GRAMS_END = 600  # characters of an article's start whose words also count as character n-grams
GRAM_SIZES = (4,)  # character n-grams of words: 4-grams alone do as well as 3 to 5 here, at a third of the cost
COVERAGE = 3  # days: an event's own reports come out on its day and the next three (see _recalling)
SHARED_CELLS = 4_000_000  # pairs of articles compared, above which every core takes a share
MIN_SHINGLES = 20  # texts shorter than this (about 25 words) are too short to call copies


@dataclass(frozen=True, slots=True)
class Profile:
    """What an article is about, as far as grouping needs: its headline and lead, when, where, what kind of
    event, and a sketch of its text for spotting near-copies."""

    source: str
    text: str  # the headline (or, with no headline, the words of the URL's last part)
    date: dt.date | None
    places: tuple[str, ...]  # place ids named in headline and lead, ancestors included, weightiest first
    event: str | None  # the kind of event headline and lead name most
    lang: str | None = None
    weights: tuple[float, ...] = ()  # how strongly each place is named: after 'di'/'in' more than bare
    sketch: tuple[int, ...] = ()  # the smallest crc32 hashes of its 5-word shingles
    terms: bytes = b""  # the TF-IDF columns of its words and character n-grams, as uint32 (see features())
    counts: bytes = b""  # how often each column's terms occur, as uint16
    names: tuple[int, ...] = ()  # hashed proper names of headline and lead ('Zahro Express', 'Setya Novanto')
    # the first and last day of the past event a later article is about (a trial's shooting; 'in August')
    recalls: tuple[dt.date, dt.date] | None = None
    # the places a town its lead names but does not place may be ('Bastrop': in Texas, in Louisiana): another
    # article that places it shares that place (checker.vectors), never a place of this one's
    unsure: tuple[str, ...] = ()
    # the one town of several words its lead names that a single place of the data has but the lead does not place
    # ('Hallandale Beach', with no Florida named): told apart from another article's towns as a placed one is
    lone: str | None = None


@dataclass(frozen=True)
class Settings:
    days: int = 30  # articles published further apart are never one incident
    half_life: float = 7.0  # days after which the time term has halved, for articles naming no kind of event
    decay: float = 1.5  # the time term halves every `decay` times the days the kind of event lasts
    threshold: float = 0.2  # average similarity at which two clusters of articles merge
    char_weight: float = 0.5  # share of character n-grams (against words) in the text similarity
    place_weight: float = 0.25  # what sharing the places of headline and lead adds
    name_weight: float = 0.15  # what sharing the proper names of headline and lead adds (a ship, a person)
    across_languages: float = 0.15  # added for articles in two languages that name the same places and kind of
    # event: their words cannot meet, only their names do
    other_event: float = 0.35  # what a kind of event of another family multiplies the similarity by
    other_country: float = 0.7  # what headlines and leads that name only other countries multiply it by
    other_town: float = 0.6  # what headlines and leads whose towns all lie apart from each other's multiply it by
    town_weight: float = 1.0  # a town counts so only named more strongly than a dateline (the outlet's office)


@dataclass
class Incidents:
    """Which incident each article belongs to, what each incident is about, and which articles are copies."""

    of: dict[str, str] = field(default_factory=dict)  # source id -> incident id
    members: dict[str, list[str]] = field(default_factory=dict)  # incident id -> source ids
    focus: dict[str, str | None] = field(default_factory=dict)  # incident id -> the place it is most about
    event: dict[str, str | None] = field(default_factory=dict)  # incident id -> the kind of event
    origin: dict[str, str] = field(default_factory=dict)  # source id -> the first source of its copies
    joined: dict[str, str] = field(default_factory=dict)  # source id -> incident, of the articles with no say


def profile(source, text: str, lead_end: int, places: Counter, event: str | None, unsure=(),
            lone: str | None = None) -> Profile:
    """An article's profile: `places` weighs the ids named in its headline and lead, `event` what they name,
    `unsure` what the towns its lead names without placing them may be. Built where the article is read (in a
    worker), so that grouping needs no text, only counted terms."""
    about = headline(source)
    named = sorted((pid for pid in places if places[pid] > 0), key=lambda pid: (-places[pid], pid))
    terms, counts = features(f"{about}\n{text[:lead_end]}", f"{about}\n{text[:GRAMS_END]}")
    return Profile(source=source.id, text=about, date=source.date, places=tuple(named),
                   weights=tuple(float(places[pid]) for pid in named), event=event, lang=source.lang,
                   sketch=sketch(text), terms=terms, counts=counts,
                   names=proper_names(f"{source.headline or ''}\n{text[:lead_end]}"),
                   unsure=tuple(sorted(set(unsure) - set(named))), lone=lone if lone not in named else None)


def features(words_text: str, grams_text: str) -> tuple[bytes, bytes]:
    """The terms of a text for TF-IDF as the columns they count in, ascending, each once, and how often: its
    words, and the character n-grams (GRAM_SIZES) of the words of its start (so that 'Suriah' and 'Syria' meet
    halfway). A term's column is its hash (crc32, the same in every process) folded into HASH_COLUMNS, words'
    columns first and n-grams' after them, so that the two are weighed apart; terms whose hashes fold into one
    column add up. Built in the worker that reads the article, already in the order the vectors need."""
    fold = HASH_COLUMNS - 1
    counted: Counter = Counter()
    for w, n in Counter(w.lower() for w in WORD.findall(words_text)).items():  # each word hashed once
        counted[(zlib.crc32(w.encode()) >> 1) & fold] += n
    for w, n in Counter(w.lower() for w in WORD.findall(grams_text)).items():
        padded = f" {w} "
        for size in GRAM_SIZES:
            for i in range(max(1, len(padded) - size + 1)):
                counted[HASH_COLUMNS | (zlib.crc32(padded[i:i + size].encode()) >> 1) & fold] += n
    keys = sorted(counted)
    return array("I", keys).tobytes(), array("H", (min(counted[k], 65535) for k in keys)).tobytes()


OPENER = regex.compile(r"(?:\A|[.!?:;\"“”(\n]|\s[-–—]+)\s*\Z")  # what may stand before a sentence's first word


def proper_names(text: str) -> tuple[int, ...]:
    """The proper names of a text, hashed: its capitalised words and pairs of them ('Zahro Express', 'Setya
    Novanto'), but a sentence's first word (as often a common word as a name). What ties two reports of one
    incident told from different angles: the ship, the person, the venue."""
    names: set[str] = set()
    previous = None
    for m in WORD.finditer(text):
        word = m.group()
        capital = word[:1].isupper() and not OPENER.search(text, max(0, m.start() - 6), m.start())
        if capital:
            names.add(word.lower())
            if previous is not None and _blank(text[previous.end():m.start()]):
                names.add(f"{previous.group().lower()} {word.lower()}")
        previous = m if capital else None
    return tuple(sorted({zlib.crc32(n.encode()) for n in names}))


def _blank(gap: str) -> bool:
    return gap.isspace() and "\n" not in gap


def headline(source) -> str:
    """An article's headline: its title without the outlet's own part, else the words of its URL's last part
    (most archives keep no title)."""
    return source.headline or _slug_words(source.url) or ""


def _slug_words(url: str | None) -> str:
    """The words of a URL's last part ('…/kunjungan-ariana-grande-bangkitkan-semangat'): a headline stand-in."""
    if not url:
        return ""
    last = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    last = regex.sub(r"\.[a-z]{2,5}$", "", last)
    return " ".join(w for w in regex.split(r"[-_+]", last) if w and not w.isdigit())


def sketch(text: str) -> tuple[int, ...]:
    """A bottom-k MinHash sketch of a text's 5-word shingles (crc32: the same in every process)."""
    words = [w.lower() for w in WORD.findall(text)]
    shingles = {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))} if words else set()
    return tuple(sorted({zlib.crc32(s.encode()) for s in shingles})[:SKETCH])


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two texts from their bottom-k sketches."""
    if len(a) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def _may_copy(a: set[int], b: set[int]) -> bool:
    """Whether two sketches share enough hashes that their resemblance may reach COPY: it counts only shared
    hashes, over at least min(SKETCH, the union) of them. Rules out most pairs without sorting the union."""
    both = len(a & b)
    return len(a) >= MIN_SHINGLES and len(b) >= MIN_SHINGLES and both >= COPY * min(SKETCH, len(a) + len(b) - both)


def group(profiles: list[Profile], kinds: Kinds | None = None, settings: Settings = Settings(),
          contains=None, countries=None, towns=None, jobs: int = 1, others: list[Profile] = ()) -> Incidents:
    """Cluster articles into incidents. `contains(a, b)` says whether place a contains place b; `countries`
    picks the countries among place ids; `towns(ids, km)` says whether two lists of place ids name towns all
    further than km apart.

    `others` have no say in grouping (articles with no figure to compare, only claims that may be told alike):
    each joins the incident of the grouped article most like it, when that one is as like as two articles that
    merge (`settings.threshold`); the rest are grouped among themselves, their incidents numbered after the
    grouped ones' (`Incidents.joined`). One pass of similarities serves both; the terms are weighed (TF-IDF) by
    the grouped articles alone, so that how they group does not depend on the others."""
    everyone = sorted([*profiles, *others], key=lambda p: (p.date or dt.date.min, p.source))
    result = Incidents()
    if not everyone:
        return result
    outside = {p.source for p in others}
    counted = [p.source not in outside for p in everyone] if others else None  # weighed as if alone
    sims = _similarities(everyone, kinds or Kinds(), settings, countries, jobs, counted)
    if towns is not None and settings.other_town != 1:
        _far_towns(everyone, sims, settings, towns)
    grouped = [k for k, p in enumerate(everyone) if p.source not in outside]
    _cluster(result, [everyone[k] for k in grouped], _among(sims, grouped) if others else sims, settings, contains)
    if others:
        best: dict[int, tuple[float, str]] = {}
        for (i, j), s in sims.items():
            if counted[i] == counted[j] or s < settings.threshold:
                continue  # a pair of grouped articles, or of others
            one, other = (j, i) if counted[i] else (i, j)
            if (s, everyone[other].source) > best.get(one, (0.0, "")):
                best[one] = (s, everyone[other].source)
        result.joined = {everyone[one].source: result.of[source] for one, (_, source) in best.items()}
        rest = [k for k, p in enumerate(everyone) if p.source in outside and k not in best]
        more = Incidents()
        _cluster(more, [everyone[k] for k in rest], _among(sims, rest), settings, contains)
        for k, members in enumerate(more.members.values()):
            result.joined.update((source, f"i{len(result.members) + k + 1}") for source in members)
    return result


def _among(sims: dict[tuple[int, int], float], rows: list[int]) -> dict[tuple[int, int], float]:
    """The similarities of the pairs among `rows` (ascending), renumbered 0, 1 … in their order."""
    index = {k: n for n, k in enumerate(rows)}
    return {(index[i], index[j]): s for (i, j), s in sims.items() if i in index and j in index}


def _cluster(result: Incidents, profiles: list[Profile], sims: dict[tuple[int, int], float], settings: Settings,
             contains) -> None:
    """Average-linkage incidents of `profiles` (sorted by day) from their similarities, into `result`."""
    labels = _average_linkage(len(profiles), sims, settings.threshold)
    groups: dict[int, list[Profile]] = defaultdict(list)
    for p, label in zip(profiles, labels):
        groups[label].append(p)
    for k, label in enumerate(sorted(groups, key=lambda lb: (groups[lb][0].date or dt.date.min, groups[lb][0].source))):
        members = groups[label]
        incident = f"i{k + 1}"
        result.members[incident] = [p.source for p in members]
        for p in members:
            result.of[p.source] = incident
        result.focus[incident] = _focus(members, contains)
        events = Counter(p.event for p in members if p.event)
        result.event[incident] = max(events, key=lambda e: (events[e], e)) if events else None
        _copies(members, result.origin)


def _similarities(profiles: list[Profile], kinds: Kinds, settings: Settings, countries=None, jobs: int = 1,
                  counted: list[bool] | None = None) -> dict[tuple[int, int], float]:
    """How likely each pair of articles published within `settings.days` reports one incident: the cosine of
    their headline-and-lead vectors, plus the cosine of the places headline and lead name (weighed by how
    rare each place is, so that a town counts and a country hardly does), times a
    penalty when their kinds of event cannot be one (a shooting and a stabbing) and another when each names
    countries and none of the other's (a quake in Java, a quake in New Zealand), halved every so many days
    apart: as many as the longer-lasting of their kinds of event is reported for (a war's reports link over
    weeks, a shooting's over days). An article about a past event (`recalls`: a trial's story of the shooting
    it tries) is also compared, as if published on that event's day (any day of its span, for 'in August'),
    with the reports of those days and the next COVERAGE days."""
    import numpy as np

    from checker.vectors import matrices

    vectors, places, proper, nations = matrices(profiles, settings.char_weight, countries, counted)
    named = np.array(nations.nonempty(), dtype=bool)
    names = sorted({p.event for p in profiles if p.event})
    index = {name: k + 1 for k, name in enumerate(names)}  # 0: no kind of event named
    event = np.array([index.get(p.event, 0) for p in profiles])
    fits = np.ones((len(names) + 1, len(names) + 1), dtype=bool)
    for a in names:
        for b in names:
            fits[index[a], index[b]] = kinds.compatible(a, b)
    lasts = np.array([float(kinds.lasts.get(p.event, settings.half_life)) if p.event else settings.half_life
                      for p in profiles])
    days = np.array([p.date.toordinal() if p.date else 0 for p in profiles])
    languages = {lang: k for k, lang in enumerate(sorted({p.lang or "" for p in profiles}))}
    language = np.array([languages[p.lang or ""] for p in profiles])
    dated = np.array([p.date is not None for p in profiles])
    out: dict[tuple[int, int], float] = {}

    mats = (vectors, places, proper, nations)

    def similar(rows, cols, when=None, until=None, using=mats, spans=None):
        """The similarities of a block of articles (`rows` a slice, or row numbers, against the columns `cols`,
        likewise), the rows taken as of the days `when` (their own by default) or of any day from `when` to
        `until`, the columns as of their own days or of any day of their `spans` (first days, last days), and
        which of them count; `using` the matrices of one thread (each has scratch arrays of its own)."""
        text, where, names_, nations_ = using
        s = text.products(rows, cols)
        overlap = where.products(rows, cols)
        s += settings.place_weight * overlap
        if settings.name_weight:
            s += settings.name_weight * names_.products(rows, cols)
        other_language = np.not_equal.outer(language[rows], language[cols])
        same_kind = np.equal.outer(event[rows], event[cols]) & (event[rows] != 0)[:, None]
        s += np.where(other_language & same_kind, settings.across_languages * overlap, 0)
        s = np.where(fits[np.ix_(event[rows], event[cols])], s, s * settings.other_event)
        elsewhere = np.logical_and.outer(named[rows], named[cols]) & (nations_.products(rows, cols) == 0)
        s = np.where(elsewhere, s * settings.other_country, s)
        both = np.logical_and.outer(dated[rows], dated[cols])
        when = days[rows] if when is None else when
        if until is None and spans is None:
            apart = np.where(both, np.abs(np.subtract.outer(when, days[cols])), 0)
        else:  # none when the spans meet, else the days between their nearer ends
            first, last = (days[cols], days[cols]) if spans is None else spans
            behind = np.subtract.outer(when, last)
            ahead = -np.subtract.outer(when if until is None else until, first)
            apart = np.where(both, np.maximum(np.maximum(behind, ahead), 0), 0)
        s *= 0.5 ** (apart / (settings.decay * np.maximum.outer(lasts[rows], lasts[cols])))
        s[(apart > settings.days) & both] = 0
        return s, np.nonzero(s >= settings.threshold * FLOOR)

    def pairs(share: list, using) -> tuple[list, list]:
        """The pairs of a share's blocks that count, a block at a time: (earlier rows, later rows, similarities);
        and of the runs of articles about past events that follow each block: (report, article, similarity)."""
        found, recalled = [], []
        for block, window, runs in share:
            s, (i, j) = similar(slice(*block), slice(*window), using=using)
            below = j + window[0] < i + block[0]  # each pair once: the later article's row holds it
            found.append(((j[below] + window[0]).tolist(), (i[below] + block[0]).tolist(),
                          s[i[below], j[below]].tolist()))
            for run in runs:  # each article against the reports of its own days
                lo, hi = run[0][3], max(r[4] for r in run)
                s, (i, j) = similar([r[0] for r in run], slice(lo, hi), np.array([r[1] for r in run]),
                                    np.array([r[2] for r in run]), using=using)
                recalled.append([(other, run[row][0], value) for row, other, value in
                                 zip(i.tolist(), (j + lo).tolist(), s[i, j].tolist())
                                 if run[row][3] <= other < run[row][4]])
        return found, recalled

    # an article about a past event is also compared with that day's reports, as if published then (those
    # reports were published before it: each pair is (report, article)), within a span such as 'in August' as
    # if published on any of its days: such articles a run at a time (see _batched), each after the block whose
    # vectors its reports' are among
    blocks = list(_blocks(profiles, settings.days))
    after = _after(blocks, _batched(_recalling(profiles, days, COVERAGE)))
    shares = _shares([(block, window, after.get(k, [])) for k, (block, window) in enumerate(blocks)], jobs)
    if len(shares) > 1:  # numpy and scipy let go of the interpreter while they multiply: threads share the work
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(shares)) as pool:
            done = list(pool.map(lambda share: pairs(share, [m.copy() for m in mats]), shares))
    else:
        done = [pairs(share, mats) for share in shares]
    for first, second, values in (block for found, _ in done for block in found):
        out.update(zip(zip(first, second), values))
    for other, k, value in (pair for _, recalled in done for run in recalled for pair in run):
        out[other, k] = max(out.get((other, k), 0.0), value)
    # two articles about one past event (two trials' stories of one shooting) are compared as of its days too:
    # neither is among the other's reports
    for a, b, value in _recalled_together(profiles, similar):
        out[a, b] = max(out.get((a, b), 0.0), value)
    return out


def _recalled_together(profiles: list[Profile], similar, size: int = 96):
    """(earlier row, later row, similarity) of the pairs of articles about past events (`recalls`) whose spans
    share a day, compared as of it (`similar`, of _similarities). Days apart, two stories recall two events, or
    one of them a wrong day: neither is known to be the other's story. The articles are sorted by their spans'
    first days, and compared a run of `size` at a time against those that begin before the run's last span
    ends."""
    import numpy as np

    spans = sorted((p.recalls[0].toordinal(), p.recalls[1].toordinal(), k) for k, p in enumerate(profiles)
                   if p.recalls is not None and p.date is not None)
    if not spans:
        return
    firsts, lasts, rows = (np.array(column, dtype=np.int64) for column in zip(*spans))
    for lo in range(0, len(spans), size):
        hi = int(np.searchsorted(firsts, lasts[lo:lo + size].max(), side="right"))
        if hi - lo < 2:
            continue
        run, window = slice(lo, min(hi, lo + size)), slice(lo, hi)
        s, (i, j) = similar(rows[run].tolist(), rows[window].tolist(), firsts[run], lasts[run],
                            spans=(firsts[window], lasts[window]))
        meet = (j > i) & (firsts[window][j] <= lasts[run][i])  # each pair once (sorted by first day); spans meet
        for row, col, value in zip(i[meet].tolist(), j[meet].tolist(), s[i[meet], j[meet]].tolist()):
            a, b = sorted((int(rows[lo + row]), int(rows[lo + col])))
            yield a, b, value


def _shares(blocks: list, jobs: int) -> list[list]:
    """`blocks` ((rows, columns, …) ranges) cut into at most `jobs` runs of consecutive blocks, each about as
    much work (cells compared); one run when there is too little work to share."""
    work = [(b[1] - b[0]) * (w[1] - w[0]) for b, w, *_ in blocks]
    total = sum(work)
    if jobs <= 1 or total < SHARED_CELLS:
        return [blocks] if blocks else []
    shares: list[list] = [[]]
    done = 0
    for block, cells in zip(blocks, work):
        if done >= total * len(shares) / jobs:
            shares.append([])
        shares[-1].append(block)
        done += cells
    return shares


def _recalling(profiles: list[Profile], days, coverage: int):
    """(row, first day, last day, first row, end row) of each article about a past event (`recalls`), with the
    rows of the articles published on those days or up to `coverage` days after (its own reports), in the order
    of those rows (so that vectors behind are dropped once, as the blocks drop them)."""
    out = []
    for k, p in enumerate(profiles):
        if p.recalls is not None and p.date is not None:
            first, last = (day.toordinal() for day in p.recalls)
            lo = bisect.bisect_left(days, first)
            hi = bisect.bisect_right(days, last + coverage)
            if lo < hi:
                out.append((k, first, last, lo, hi))
    return sorted(out, key=lambda r: (r[3], r[0]))


def _batched(recalling: list[tuple], rows: int = 96, columns: int = 192) -> list[list[tuple]]:
    """The articles about past events (see _recalling), in runs of consecutive ones (at most `rows`) whose reports
    lie within `columns` rows of the run's first: each run is compared at once, at the cost of a block (one at a
    time, each cost as much as a block for a few cells)."""
    out: list[list[tuple]] = []
    for r in recalling:
        if out and len(out[-1]) < rows and r[4] - out[-1][0][3] <= columns:
            out[-1].append(r)
        else:
            out.append([r])
    return out


def _after(blocks: list, runs: list[list[tuple]]) -> dict[int, list]:
    """The runs of articles about past events (see _batched) to compare after each block (by its number): after
    the last block whose columns start at or before the run's reports, so that the vectors of those are still
    at hand, and none behind them are needed again."""
    starts = list(accumulate((window[0] for _, window in blocks), max))
    out: dict[int, list] = defaultdict(list)
    for run in runs:
        out[max(0, bisect.bisect_right(starts, run[0][3]) - 1)].append(run)
    return out


def _far_towns(profiles: list[Profile], sims: dict[tuple[int, int], float], settings: Settings, towns) -> None:
    """Lower the similarity of two articles that name a kind of event and towns (beyond a dateline), all apart
    from each other's: two shootings in one state on one day (Isla Vista, Bellflower; two neighbourhoods of
    Chicago) are two incidents. An article that names no kind of event (an interview, a round-up's opening) is
    not told apart so. Pairs that fall below the floor are dropped, as `_similarities` drops them."""
    floor = settings.threshold * FLOOR
    strong = [_strong(p, settings) + ((p.lone,) if p.lone else ()) if p.event else None for p in profiles]
    far: dict[tuple, bool] = {}  # of two lists of places (articles name the same ones again and again)
    for pair, s in list(sims.items()):
        a, b = strong[pair[0]], strong[pair[1]]
        if a is None or b is None:
            continue
        if (a, b) not in far:
            far[a, b] = towns(a, b)
        if far[a, b]:
            s *= settings.other_town
            if s < floor:
                del sims[pair]
            else:
                sims[pair] = s


def _strong(p: Profile, settings: Settings) -> tuple[str, ...]:
    """The places a profile names more strongly than a dateline does ('NEW DELHI, KOMPAS.com' is where the
    outlet filed from, not where the crash was)."""
    return tuple(pid for pid, w in zip(p.places, p.weights or [settings.town_weight] * len(p.places))
                 if w >= settings.town_weight)


def _blocks(profiles: list[Profile], days: int, size: int = 96):
    """(rows, columns) ranges to compare: each block of articles (sorted by date) against every earlier one
    published within `days` of its first (articles with no date sort first and are compared with all)."""
    undated = sum(1 for p in profiles if p.date is None)
    start = undated
    for lo in range(0, len(profiles), size):
        hi = min(len(profiles), lo + size)
        first = profiles[lo].date
        if first is None or lo < undated:
            yield (lo, hi), (0, hi)
            continue
        while start < lo and (first - profiles[start].date).days > days:
            start += 1
        if undated:
            yield (lo, hi), (0, undated)
        yield (lo, hi), (start, hi)


def _average_linkage(n: int, sims: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Cluster labels (0, 1 … in order of first member): average linkage, cut where the average similarity
    falls below `threshold`; computed within each connected component of the pairs at or above it."""
    import numpy as np

    component = _components(n, [pair for pair, s in sims.items() if s >= threshold])
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(component):
        members[c].append(i)
    inside: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for (i, j), s in sims.items():
        if component[i] == component[j]:
            inside[component[i]].append((i, j, s))
    labels = [-1] * n
    next_label = 0
    for c in sorted(members, key=lambda c: members[c][0]):
        group = members[c]
        if len(group) <= 2:  # one article, or two whose link made the component: one cluster
            clusters = [1] * len(group)
        else:
            index = {m: k for k, m in enumerate(group)}
            distance = np.ones((len(group), len(group)))
            np.fill_diagonal(distance, 0)
            for i, j, s in inside[c]:
                distance[index[i], index[j]] = distance[index[j], index[i]] = max(0.0, 1 - s)
            clusters = _cut(distance, 1 - threshold)
        first: dict[int, int] = {}
        for m, cluster in zip(group, clusters):
            if cluster not in first:
                first[cluster] = next_label
                next_label += 1
            labels[m] = first[cluster]
    return labels


SMALL = 60  # components up to this size are clustered here; larger ones by scipy (slow to import, fast to run)


def _cut(distance, height: float) -> list[int]:
    """Average-linkage clusters of a distance matrix, cut at `height` (scipy's linkage and fcluster with the
    distance criterion): merge the two closest clusters while they are no further apart than `height`."""
    n = len(distance)
    if n > SMALL:
        import numpy as np
        from scipy.cluster.hierarchy import fcluster, linkage

        return fcluster(linkage(distance[np.triu_indices(n, 1)], method="average"), t=height,
                        criterion="distance").tolist()
    d = distance.copy()
    size = {k: 1 for k in range(n)}
    member = list(range(n))
    while len(size) > 1:
        alive = sorted(size)
        gap, a, b = min((d[a, b], a, b) for x, a in enumerate(alive) for b in alive[x + 1:])
        if gap > height:
            break
        for k in alive:  # the merged cluster's distance to each other: the size-weighted average
            if k not in (a, b):
                d[a, k] = d[k, a] = (size[a] * d[a, k] + size[b] * d[b, k]) / (size[a] + size[b])
        size[a] += size.pop(b)
        member = [a if m == b else m for m in member]
    first: dict[int, int] = {}
    return [first.setdefault(m, len(first) + 1) for m in member]


def _components(n: int, pairs: list[tuple[int, int]]) -> list[int]:
    """The connected component of each of n nodes (union-find; a component is named by its smallest node)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [root(i) for i in range(n)]


def _focus(members: list[Profile], contains) -> str | None:
    """The place an incident is most about: the most specific of the places its headlines and leads name
    most."""
    votes: Counter = Counter()
    for p in members:
        for pid, weight in zip(p.places, p.weights or [1.0] * len(p.places)):
            votes[pid] += weight
    if not votes:
        return None
    return most_specific(votes, contains)


def most_specific(votes: Counter, contains=None) -> str:
    """Of places counted with the places they lie within (so that a country has at least its towns' votes),
    the most specific of those named most."""
    top = max(votes.values())
    strong = [pid for pid, v in votes.items() if v == top]
    if contains is None:
        return max(strong, key=lambda pid: (votes[pid], pid))
    return max(strong, key=lambda pid: (sum(1 for o in strong if o != pid and contains(o, pid)), votes[pid], pid))


def _copies(members: list[Profile], origin: dict[str, str]) -> None:
    """Near-copies within one incident share an origin: the earliest of them (union-find over the pairs)."""
    if len(members) == 1:  # most incidents: no pair to compare
        origin[members[0].source] = members[0].source
        return
    parent = {p.source: p.source for p in members}
    order = {p.source: k for k, p in enumerate(members)}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    shingles = [set(p.sketch) for p in members]
    for k, p in enumerate(members):
        if len(p.sketch) < MIN_SHINGLES:
            continue
        for q, seen in zip(members[:k], shingles):
            if _may_copy(shingles[k], seen) and resemblance(p.sketch, q.sketch) >= COPY:
                a, b = root(p.source), root(q.source)
                if a != b:
                    parent[max(a, b, key=lambda s: order[s])] = min(a, b, key=lambda s: order[s])
    for p in members:
        origin[p.source] = root(p.source)
