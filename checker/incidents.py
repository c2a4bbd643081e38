"""Articles -> incidents: which articles report the same real-world event, before any figure is compared.

As the systems that do this job well (the EU's Europe Media Monitor, news-stream clustering), articles are
grouped on what they say they are about, never on their figures: the words and character n-grams of title
and lead (TF-IDF, so that rare names weigh most and names match across languages), the places and the kind
of event they name, and how far apart in time they were published. Average linkage (scipy) over the pairs
of articles published within `days` of each other keeps a chain of loosely similar articles from merging
two incidents. Near-copies of one story (wire copy) are found within each incident and count as one origin."""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import regex

from checker.events import Kinds


WORD = regex.compile(r"[\p{L}][\p{L}\p{N}]+|\p{N}+[\p{L}][\p{L}\p{N}]*")
SKETCH = 128  # a near-copy sketch keeps the smallest hashes of this many 5-word shingles
COPY = 0.6  # resemblance (Jaccard of shingles) above which two articles are copies of one story
MIN_SHINGLES = 20  # texts shorter than this (about 25 words) are too short to call copies


@dataclass(frozen=True, slots=True)
class Profile:
    """What an article is about, as far as grouping needs: its headline and lead, when, where, what kind of
    event, and a sketch of its text for spotting near-copies."""

    source: str
    text: str  # headline and lead (or, with no headline, the words of the URL's last part)
    date: dt.date | None
    places: tuple[str, ...]  # place ids named in headline and lead, ancestors included, most named first
    event: str | None  # the kind of event headline and lead name most
    lang: str | None = None
    sketch: tuple[int, ...] = ()  # the smallest crc32 hashes of its 5-word shingles


@dataclass(frozen=True)
class Settings:
    days: int = 30  # articles published further apart are never one incident
    half_life: float = 7.0  # days after which the time term has halved, for articles naming no kind of event
    threshold: float = 0.28  # average similarity at which two clusters of articles merge
    char_weight: float = 0.5  # share of character n-grams (against words) in the text similarity
    place_weight: float = 0.2  # what sharing the places of headline and lead adds
    across_languages: float = 0.15  # added for articles in two languages that name the same places and kind of
    # event: their words cannot meet, only their names do
    other_event: float = 0.35  # what a kind of event of another family multiplies the similarity by


@dataclass
class Incidents:
    """Which incident each article belongs to, what each incident is about, and which articles are copies."""

    of: dict[str, str] = field(default_factory=dict)  # source id -> incident id
    members: dict[str, list[str]] = field(default_factory=dict)  # incident id -> source ids
    focus: dict[str, str | None] = field(default_factory=dict)  # incident id -> the place it is most about
    event: dict[str, str | None] = field(default_factory=dict)  # incident id -> the kind of event
    origin: dict[str, str] = field(default_factory=dict)  # source id -> the first source of its copies


def profile(source, text: str, lead_end: int, places: list[str], event: str | None) -> Profile:
    """An article's profile: `places` are the ids named in its headline and lead, `event` what they name."""
    about = source.title or _slug_words(source.url) or ""
    counted = Counter(places)
    return Profile(source=source.id, text=f"{about}\n{text[:lead_end]}", date=source.date,
                   places=tuple(sorted(counted, key=lambda pid: (-counted[pid], pid))), event=event,
                   lang=source.lang, sketch=sketch(text))


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


def group(profiles: list[Profile], kinds: Kinds | None = None, settings: Settings = Settings(),
          contains=None) -> Incidents:
    """Cluster articles into incidents. `contains(a, b)` says whether place a contains place b."""
    profiles = sorted(profiles, key=lambda p: (p.date or dt.date.min, p.source))
    n = len(profiles)
    result = Incidents()
    if n == 0:
        return result
    sims = _similarities(profiles, kinds or Kinds(), settings)
    labels = _average_linkage(n, sims, settings.threshold)
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
    return result


def _similarities(profiles: list[Profile], kinds: Kinds, settings: Settings) -> dict[tuple[int, int], float]:
    """How likely each pair of articles published within `settings.days` reports one incident: the cosine of
    their headline-and-lead vectors, plus what they share of the places headline and lead name, times a
    penalty when their kinds of event cannot be one (a shooting and a stabbing), halved every so many days
    apart: as many as the longer-lasting of their kinds of event is reported for (a war's reports link over
    weeks, a shooting's over days)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    def indicator(rows: list[set]) -> csr_matrix:
        vocab = {t: k for k, t in enumerate(sorted({t for r in rows for t in r}))}
        data = [(r, vocab[t]) for r, ts in enumerate(rows) for t in ts]
        return csr_matrix(([1.0] * len(data), ([d[0] for d in data], [d[1] for d in data])),
                          shape=(len(rows), max(1, len(vocab))))

    vectors = _vectors([p.text for p in profiles], settings.char_weight)
    places = indicator([set(p.places) for p in profiles])
    n_places = np.array([len(set(p.places)) for p in profiles], dtype=float)
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
    for block, window in _blocks(profiles, settings.days):
        rows, cols = slice(*block), slice(*window)
        s = (vectors[rows] @ vectors[cols].T).toarray()
        shared = (places[rows] @ places[cols].T).toarray()
        least = np.minimum.outer(n_places[rows], n_places[cols])
        overlap = np.divide(shared, least, out=np.zeros_like(shared), where=least > 0)
        s += settings.place_weight * overlap
        other_language = np.not_equal.outer(language[rows], language[cols])
        same_kind = np.equal.outer(event[rows], event[cols]) & np.not_equal.outer(event[rows], 0)
        s += np.where(other_language & same_kind, settings.across_languages * overlap, 0)
        s = np.where(fits[np.ix_(event[rows], event[cols])], s, s * settings.other_event)
        both = np.logical_and.outer(dated[rows], dated[cols])
        apart = np.where(both, np.abs(np.subtract.outer(days[rows], days[cols])), 0)
        s *= 0.5 ** (apart / np.maximum.outer(lasts[rows], lasts[cols]))
        s[(apart > settings.days) & both] = 0
        for i, j in zip(*np.nonzero(s > 0)):
            i, j = int(i) + block[0], int(j) + window[0]
            if j < i:
                out[(j, i)] = float(s[i - block[0], j - window[0]])
    return out


def _blocks(profiles: list[Profile], days: int, size: int = 256):
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
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    strong = [pair for pair, s in sims.items() if s >= threshold]
    graph = coo_matrix((np.ones(len(strong)), ([i for i, _ in strong], [j for _, j in strong])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(component.tolist()):
        members[c].append(i)
    inside: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for (i, j), s in sims.items():
        if component[i] == component[j]:
            inside[component[i]].append((i, j, s))
    labels = [-1] * n
    next_label = 0
    for c in sorted(members, key=lambda c: members[c][0]):
        group = members[c]
        if len(group) == 1:
            clusters = [1]
        else:
            index = {m: k for k, m in enumerate(group)}
            distance = np.ones((len(group), len(group)))
            np.fill_diagonal(distance, 0)
            for i, j, s in inside[c]:
                distance[index[i], index[j]] = distance[index[j], index[i]] = max(0.0, 1 - s)
            tree = linkage(distance[np.triu_indices(len(group), 1)], method="average")
            clusters = fcluster(tree, t=1 - threshold, criterion="distance").tolist()
        first: dict[int, int] = {}
        for m, cluster in zip(group, clusters):
            if cluster not in first:
                first[cluster] = next_label
                next_label += 1
            labels[m] = first[cluster]
    return labels


def _vectors(texts: list[str], char_weight: float):
    """L2-normalised TF-IDF vectors (sublinear tf, smooth idf) of words and of the character 3-5-grams of
    words (so that 'Suriah' meets 'Syria' halfway), the two parts weighted by `char_weight`.

    Character n-grams are counted once per distinct word: documents x words, times words x n-grams."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, text in enumerate(texts):
        for w in WORD.findall(text):
            rows.append(r)
            cols.append(vocab.setdefault(w.lower(), len(vocab)))
    words = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), max(1, len(vocab))))
    words.sum_duplicates()
    grams: dict[str, int] = {}
    g_rows, g_cols = [], []
    for w, k in vocab.items():
        padded = f" {w} "
        for size in (3, 4, 5):
            for i in range(max(1, len(padded) - size + 1)):
                g_rows.append(k)
                g_cols.append(grams.setdefault(padded[i:i + size], len(grams)))
    spelled = csr_matrix((np.ones(len(g_rows)), (g_rows, g_cols)), shape=(max(1, len(vocab)), max(1, len(grams))))
    a, b = math.sqrt(1 - char_weight), math.sqrt(char_weight)
    return csr_matrix(hstack([_tfidf(words) * a, _tfidf(words @ spelled) * b]))


def _tfidf(counts):
    """Counts -> sublinear tf times smooth idf, each row L2-normalised (as scikit-learn's TfidfVectorizer)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    m = csr_matrix(counts, dtype=float)
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1
    m.data = (1 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(m.multiply(1 / norms[:, None]))


def _focus(members: list[Profile], contains) -> str | None:
    """The place an incident is most about: the most specific place that the most of its articles name."""
    votes = Counter(pid for p in members for pid in set(p.places))
    if not votes:
        return None
    top = max(votes.values())
    best = [pid for pid, v in votes.items() if v == top]
    if contains is not None:
        best = [pid for pid in best if not any(o != pid and contains(pid, o) for o in best)] or best
    return min(best)


def _copies(members: list[Profile], origin: dict[str, str]) -> None:
    """Near-copies within one incident share an origin: the earliest of them (union-find over the pairs)."""
    parent = {p.source: p.source for p in members}
    order = {p.source: k for k, p in enumerate(members)}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, p in enumerate(members):
        for q in members[:k]:
            if resemblance(p.sketch, q.sketch) >= COPY:
                a, b = root(p.source), root(q.source)
                if a != b:
                    parent[max(a, b, key=lambda s: order[s])] = min(a, b, key=lambda s: order[s])
    for p in members:
        origin[p.source] = root(p.source)
