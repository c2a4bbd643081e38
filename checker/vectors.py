"""The TF-IDF vectors of articles' headlines and leads, and their products: scipy's for many articles, built a
chunk of articles at a time, plain Python's for a few (importing scipy takes longer than comparing them), the
same numbers either way."""

from __future__ import annotations

import copy
import math
from array import array
from collections import Counter
from itertools import chain

HASH_COLUMNS = 1 << 20  # columns of each part of the hashed TF-IDF vectors
CHUNK = 2048  # articles whose vectors are built at once: memory follows the window compared, not the corpus
FEW = 32  # articles: up to this many are compared in plain Python (up to 0.1 s; importing scipy takes 0.3)


def matrices(profiles: list, char_weight: float, countries=None, counted: list[bool] | None = None) -> tuple:
    """The matrices grouping compares, each with products(rows, columns) (a dense block of it times its
    transpose) and nonempty(): the profiles' headline-and-lead vectors, places and proper names (TF-IDF, so
    that a shared town says more than a shared country, a shared name the ship or the person; a town a lead
    does not place counts as each place it may be), and the countries they name. Document frequencies are
    counted over the `counted` profiles (all, by default)."""
    places = [set(p.places).union(p.unsure) for p in profiles]
    names = [p.names for p in profiles]  # distinct already (incidents.proper_names)
    named = {pl: set(countries(pl)) if countries else set() for pl in {p.places for p in profiles}}
    nations = [named[p.places] for p in profiles]  # articles name the same places again and again
    if len(profiles) <= FEW:
        return (Rows.vectors(profiles, char_weight, counted), Rows.indicator(places).tfidf(counted),
                Rows.indicator(names).tfidf(counted), Rows.indicator(nations))
    undated = sum(1 for p in profiles if p.date is None)
    return (Chunked(profiles, char_weight, keep=undated, counted=counted), Sparse.indicator(places).tfidf(counted),
            Sparse.indicator(names).tfidf(counted), Sparse.indicator(nations))


def _weights(char_weight: float) -> tuple[float, float]:
    """What words and character n-grams each weigh in a vector (their squares add up to one)."""
    return math.sqrt(1 - char_weight), math.sqrt(char_weight)


class Sparse:
    """A scipy CSR matrix."""

    def __init__(self, matrix):
        import numpy as np

        self.matrix = matrix
        self.slot = np.full(matrix.shape[1], -1, dtype=np.int32)  # see product()

    @classmethod
    def indicator(cls, rows: list) -> Sparse:
        """1 where a row holds a term (each row's terms distinct); the terms, sorted, are the columns (numbered
        through a dict: articles name few terms again and again, which numpy's unique would sort one by one).
        Built as CSR arrays with each row's columns sorted in place: the matrix scipy makes of the same cells
        given one by one, without its conversion, which sorts and merges a million cells that are distinct."""
        import numpy as np
        from scipy.sparse import csr_matrix

        items = list(chain.from_iterable(rows))
        vocab = sorted(set(items))
        index = {t: k for k, t in enumerate(vocab)}
        column = np.fromiter(map(index.__getitem__, items), dtype=np.int32, count=len(items))
        starts = np.zeros(len(rows) + 1, dtype=np.int32)
        np.cumsum(np.fromiter(map(len, rows), dtype=np.int32, count=len(rows)), out=starts[1:])
        matrix = csr_matrix((np.ones(len(items)), column, starts), shape=(len(rows), max(1, len(vocab))))
        matrix.sort_indices()
        return cls(matrix)

    def tfidf(self, counted: list[bool] | None = None) -> Sparse:
        return Sparse(tfidf(self.matrix, counted))

    def copy(self) -> Sparse:
        """The same matrix, with a product() scratch array of its own (for another thread)."""
        return Sparse(self.matrix)

    def products(self, rows, columns):
        """As (matrix[rows] @ matrix[columns].T).toarray(), to the bit (see product()); `rows` and `columns`
        slices, or row numbers."""
        def rows_of(lo: int, hi: int):
            return _rows(self.matrix, lo, hi)

        return product(_picked(rows_of, rows), _picked(rows_of, columns), self.slot)

    def nonempty(self) -> list[bool]:
        return [a < b for a, b in zip(self.matrix.indptr, self.matrix.indptr[1:])]


class Rows:
    """A sparse matrix as one {column: value} per row, columns ascending. Each step does the floating-point
    operations of scipy's (Sparse), in its order: logarithms and sums of squares by the same numpy calls (numpy's
    log is not math.log to the last bit), dot products summed over ascending columns."""

    def __init__(self, rows: list[dict[int, float]]):
        self.rows = rows

    @classmethod
    def vectors(cls, profiles: list, char_weight: float, counted: list[bool] | None = None) -> Rows:
        """As Sparse.vectors."""
        words: list[dict[int, float]] = []
        grams: list[dict[int, float]] = []
        for p in profiles:
            parts: tuple[dict[int, float], dict[int, float]] = ({}, {})
            for term, count in zip(array("I", p.terms), array("H", p.counts)):  # ascending, each once
                part, column = divmod(term, HASH_COLUMNS)
                parts[part][column] = float(count)
            words.append(parts[0])
            grams.append(parts[1])
        a, b = _weights(char_weight)
        return cls(words).tfidf(counted).scaled(a).beside(cls(grams).tfidf(counted).scaled(b), HASH_COLUMNS)

    @classmethod
    def indicator(cls, rows: list[set]) -> Rows:
        vocab = {t: k for k, t in enumerate(sorted({t for r in rows for t in r}))}
        return cls([dict(sorted((vocab[t], 1.0) for t in r)) for r in rows])

    def tfidf(self, counted: list[bool] | None = None) -> Rows:
        import numpy as np

        counts = self.rows if counted is None else [row for row, k in zip(self.rows, counted) if k]
        n = len(counts)
        df = Counter(c for row in counts for c in row)
        if counted is not None:  # a term of rows not counted: in no document
            df.update({c: 0 for row in self.rows for c in row})
        columns = sorted(df)
        ratios = np.array([(1 + n) / (1 + df[c]) for c in columns], dtype=float)
        idf = dict(zip(columns, (np.log(ratios) + 1).tolist()))
        logs = iter(np.log(np.array([v for row in self.rows for v in row.values()], dtype=float)).tolist())
        weighted = [{c: (1 + next(logs)) * idf[c] for c in row} for row in self.rows]
        starts, at = [], 0
        for row in weighted:
            if row:
                starts.append(at)
            at += len(row)
        squares = np.array([v * v for row in weighted for v in row.values()], dtype=float)
        sums = iter(np.add.reduceat(squares, np.array(starts, dtype=np.intp)).tolist() if starts else ())
        norms = [float(np.sqrt(next(sums))) if row else 1.0 for row in weighted]
        return Rows([{c: v * (1 / norm) for c, v in row.items()} for row, norm in zip(weighted, norms)])

    def scaled(self, weight: float) -> Rows:
        return Rows([{c: v * weight for c, v in row.items()} for row in self.rows])

    def beside(self, other: Rows, offset: int) -> Rows:
        """This matrix and `other` side by side, other's columns shifted by `offset`."""
        return Rows([{**a, **{c + offset: v for c, v in b.items()}} for a, b in zip(self.rows, other.rows)])

    def products(self, rows, columns):
        """As scipy multiplies: each row's columns in ascending order, against the rows that hold each."""
        import numpy as np

        left, right = (self.rows[k] if isinstance(k, slice) else [self.rows[i] for i in k] for k in (rows, columns))
        holding: dict[int, list[tuple[int, float]]] = {}
        for j, row in enumerate(right):
            for c, v in row.items():
                holding.setdefault(c, []).append((j, v))
        out = np.zeros((len(left), len(right)))
        for i, row in enumerate(left):
            sums = [0.0] * len(right)
            for c, a in row.items():
                for j, b in holding.get(c, ()):
                    sums[j] += a * b
            out[i] = sums
        return out

    def nonempty(self) -> list[bool]:
        return [bool(row) for row in self.rows]

    def copy(self) -> Rows:
        return self  # no scratch: threads may share it


class Chunked:
    """L2-normalised TF-IDF vectors (sublinear tf, smooth idf) of profiles' hashed terms, words and character
    n-grams weighed apart, the two parts weighted by `char_weight`. The hashes are the columns (the hashing
    trick: no vocabulary to sort, linear in the terms). The document frequencies are counted over all profiles
    first; the vectors themselves are built a chunk at a time when asked for, and dropped once behind."""

    def __init__(self, profiles: list, char_weight: float, keep: int = 0, counted: list[bool] | None = None):
        import numpy as np

        self.profiles = profiles
        self.keep = keep  # the first `keep` rows are never dropped (articles with no date: compared with all)
        self.weights = _weights(char_weight)
        df = np.zeros(len(self.weights) * HASH_COLUMNS, dtype=np.int64)  # words', then n-grams'
        documents = profiles if counted is None else [p for p, k in zip(profiles, counted) if k]
        for lo in range(0, len(documents), CHUNK):  # each profile holds a column once: its terms are what df counts
            df += np.bincount(np.frombuffer(b"".join(p.terms for p in documents[lo:lo + CHUNK]), dtype=np.uint32),
                              minlength=len(df))
        self.idf = smooth_idf(df, len(documents))  # of words' columns, then n-grams'
        self.chunks: dict[int, object] = {}
        self.slot = np.full(len(self.weights) * HASH_COLUMNS, -1, dtype=np.int32)  # see product()

    @staticmethod
    def _terms(chunk: list) -> tuple:
        """The terms of the profiles `chunk` end to end, as integers (row, part, column from the highest bits
        down: words are part 0, n-grams 1), and how often each occurs. Each profile holds its columns ascending
        and once (see incidents.features()), so that they come sorted, with no sort here."""
        import numpy as np

        columns = np.frombuffer(b"".join(p.terms for p in chunk), dtype=np.uint32).astype(np.int64)
        rows = np.repeat(np.arange(len(chunk), dtype=np.int64), [len(p.terms) // 4 for p in chunk])
        counts = np.frombuffer(b"".join(p.counts for p in chunk), dtype=np.uint16).astype(float)
        return (rows << 21) | columns, counts

    def _chunk(self, k: int):
        """The vectors of the k-th chunk of profiles: tfidf() of each part's counts, times the part's weight, the
        n-grams' columns after the words', computed on the terms in their order (row, part, column) by the same
        numpy operations as tfidf's on scipy's matrices, to the bit, without building those matrices."""
        if k not in self.chunks:
            self.chunks[k] = self._vectors(self.profiles[k * CHUNK:(k + 1) * CHUNK])
        return self.chunks[k]

    def _vectors(self, chunk: list):
        """The vectors of the profiles `chunk` (see _chunk()): each row's values depend on its own terms alone,
        so that a row comes out the same in any chunk."""
        import numpy as np
        from scipy.sparse import csr_matrix

        keys, counts = self._terms(chunk)
        column = keys & (2 * HASH_COLUMNS - 1)
        values = (1 + np.log(counts)) * self.idf[column]
        row_part = keys >> 20  # each row's words, then its n-grams: what each is normalised over
        starts = np.flatnonzero(np.diff(row_part, prepend=-1))
        norms = np.sqrt(np.add.reduceat(values * values, starts))  # as scipy's sum(axis=1): by reduceat
        values = values * np.repeat(1 / norms, np.diff(np.append(starts, len(keys))))
        values = values * np.where(row_part & 1, self.weights[1], self.weights[0])
        indptr = np.concatenate(([0], np.cumsum(np.bincount(keys >> 21, minlength=len(chunk)))))
        return csr_matrix((values, column.astype(np.int32), indptr.astype(np.int32)),
                          shape=(len(chunk), 2 * HASH_COLUMNS))

    def copy(self) -> Chunked:
        """The same vectors (document frequencies shared), with chunks and scratch of their own (for another
        thread)."""
        import numpy as np

        other = copy.copy(self)
        other.chunks = {}
        other.slot = np.full(len(self.slot), -1, dtype=np.int32)
        return other

    def forget(self, before: int) -> None:
        """Drop the vectors of the chunks wholly before row `before` (but those of the first `keep` rows)."""
        for k in [k for k in self.chunks if (k + 1) * CHUNK <= before and k * CHUNK >= self.keep]:
            del self.chunks[k]

    def rows(self, lo: int, hi: int) -> tuple:
        """The vectors of profiles lo … hi-1 as CSR arrays (see _rows()), joined when they span two chunks."""
        return _joined([_rows(self._chunk(k), max(lo, k * CHUNK) - k * CHUNK, min(hi, (k + 1) * CHUNK) - k * CHUNK)
                        for k in range(lo // CHUNK, (hi - 1) // CHUNK + 1)])

    def products(self, rows, columns):
        """A dense block of the vectors (`rows` a slice, or row numbers) times their transpose; chunks behind
        `columns` are dropped. With row numbers for `columns` too, the vectors of both are built apart, and no
        chunk is kept or dropped."""
        if not isinstance(columns, slice):
            picked = [self.profiles[k] for k in (range(rows.start, rows.stop) if isinstance(rows, slice) else rows)]
            return product(_rows(self._vectors(picked), 0, len(picked)),
                           _rows(self._vectors([self.profiles[k] for k in columns]), 0, len(columns)), self.slot)
        self.forget(columns.start)
        return product(_picked(self.rows, rows), self.rows(columns.start, columns.stop), self.slot)


def _rows(matrix, lo: int, hi: int) -> tuple:
    """Rows lo … hi-1 of a CSR matrix as its arrays (row starts from 0, columns, values): views, no matrix built."""
    starts = matrix.indptr[lo:hi + 1]
    return starts - starts[0], matrix.indices[starts[0]:starts[-1]], matrix.data[starts[0]:starts[-1]]


def _picked(rows, picked) -> tuple:
    """The CSR arrays of the rows `picked` (a slice, or row numbers), from rows(lo, hi): those of rows lo … hi-1."""
    if isinstance(picked, slice):
        return rows(picked.start, picked.stop)
    return _joined([rows(k, k + 1) for k in picked])


def _joined(parts: list[tuple]) -> tuple:
    """Blocks of rows as CSR arrays (see _rows()), one under the other."""
    import numpy as np

    if len(parts) == 1:
        return parts[0]
    ends = np.cumsum([0] + [len(columns) for _, columns, _ in parts])
    starts = np.concatenate([[0]] + [p[0][1:] + end for p, end in zip(parts, ends)])
    return (starts.astype(np.int32), np.concatenate([p[1] for p in parts]), np.concatenate([p[2] for p in parts]))


def product(a: tuple, b: tuple, slot):
    """a @ b.T as a dense array, for two row blocks as CSR arrays (see _rows()): b's columns are first narrowed
    to those a uses, so that transposing b costs its terms and not the million hashed columns. Then the steps
    of scipy's a @ b.T, called directly: b transposed, the sparse product, the dense array. Each sum takes the
    same products in the same order (the narrowing keeps the columns' order): the result is the same to the
    bit. Called directly, the product skips scipy's first pass that only counts its terms (there are at most
    as many as cells), and the matrices' checks of their arrays. `slot` holds -1 for every column of the
    matrices, and does again on return."""
    import numpy as np

    a_starts, a_columns, a_values = a
    b_starts, b_columns, b_values = b
    used = np.sort(a_columns)  # a's columns, once each: a sort of a's terms, not a scan of every column
    used = used[np.diff(used, prepend=-1) != 0]
    slot[used] = np.arange(len(used), dtype=slot.dtype)
    where = slot[b_columns]
    a_columns = slot[a_columns]
    slot[used] = -1  # every column -1 again, for the next product
    kept = where >= 0
    width = max(1, len(used))
    before = np.concatenate(([0], np.cumsum(kept)))  # b's kept terms before each of its terms: its rows' ends
    b_starts, b_columns, b_values = before[b_starts].astype(np.int32), where[kept], b_values[kept]
    m, n = len(a_starts) - 1, len(b_starts) - 1
    try:
        from scipy.sparse import _sparsetools

        t_starts, t_rows, t_values = np.empty(width + 1, np.int32), np.empty(len(b_columns), np.int32), np.empty(
            len(b_columns))  # b transposed: the rows of b that hold each column
        _sparsetools.csr_tocsc(n, width, b_starts, b_columns, b_values, t_starts, t_rows, t_values)
        starts, columns, values = np.empty(m + 1, np.int32), np.empty(m * n, np.int32), np.empty(m * n)
        _sparsetools.csr_matmat(m, n, a_starts.astype(np.int32), a_columns, a_values, t_starts, t_rows, t_values,
                                starts, columns, values)
        out = np.zeros((m, n))
        _sparsetools.csr_todense(m, n, starts, columns, values, out)
        return out
    except (ImportError, AttributeError, TypeError, ValueError):  # a scipy that moved them: its public product
        from scipy.sparse import csr_matrix

        left = csr_matrix((a_values, a_columns, a_starts), shape=(m, width))
        right = csr_matrix((b_values, b_columns, b_starts), shape=(n, width))
        return (left @ right.T).toarray()


def smooth_idf(df, n: int):
    """The inverse document frequency of each column, smoothed (as scikit-learn's)."""
    import numpy as np

    return np.log((1 + n) / (1 + df)) + 1


def tfidf(counts, counted: list[bool] | None = None):
    """Counts -> sublinear tf times smooth idf, each row L2-normalised (as scikit-learn's TfidfVectorizer); the
    document frequencies of the `counted` rows (all, by default)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    m = csr_matrix(counts, dtype=float)
    documents = m if counted is None else m[np.flatnonzero(np.array(counted, dtype=bool))]
    idf = smooth_idf(np.bincount(documents.indices, minlength=m.shape[1]), documents.shape[0])
    m.data = (1 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(m.multiply(1 / norms[:, None]))
