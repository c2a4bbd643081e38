"""The TF-IDF vectors of articles' headlines and leads, and their products: scipy's for many articles, plain
Python's for a few (importing scipy takes longer than comparing them), the same numbers either way."""

from __future__ import annotations

import math
from array import array
from collections import Counter

HASH_COLUMNS = 1 << 20  # columns of each part of the hashed TF-IDF vectors
FEW = 32  # articles: up to this many are compared in plain Python (up to 0.1 s; importing scipy takes 0.3)


def matrices(profiles: list, char_weight: float, countries=None) -> tuple:
    """The matrices grouping compares, each with products(rows, columns) (a dense block of it times its
    transpose) and nonempty(): the profiles' headline-and-lead vectors, places and proper names (TF-IDF, so
    that a shared town says more than a shared country, a shared name the ship or the person), and the
    countries they name."""
    places = [set(p.places) for p in profiles]
    names = [set(p.names) for p in profiles]
    nations = [set(countries(p.places)) if countries else set() for p in profiles]
    kind = Rows if len(profiles) <= FEW else Sparse
    return (kind.vectors(profiles, char_weight), kind.indicator(places).tfidf(), kind.indicator(names).tfidf(),
            kind.indicator(nations))


def _weights(char_weight: float) -> tuple[float, float]:
    """What words and character n-grams each weigh in a vector (their squares add up to one)."""
    return math.sqrt(1 - char_weight), math.sqrt(char_weight)


class Sparse:
    """A scipy CSR matrix."""

    def __init__(self, matrix):
        self.matrix = matrix

    @classmethod
    def vectors(cls, profiles: list, char_weight: float) -> Sparse:
        """L2-normalised TF-IDF vectors (sublinear tf, smooth idf) of the profiles' hashed terms, words and
        character n-grams weighed apart, the two parts weighted by `char_weight`. The hashes are the columns
        (the hashing trick: no vocabulary to sort, linear in the terms)."""
        import numpy as np
        from scipy.sparse import csr_matrix, hstack

        terms = [np.frombuffer(p.terms, dtype=np.uint32) for p in profiles]
        flat = np.concatenate(terms) if terms else np.zeros(0, dtype=np.uint32)
        counts = np.concatenate([np.frombuffer(p.counts, dtype=np.uint16) for p in profiles]).astype(float) if (
            profiles) else np.zeros(0)
        rows = np.repeat(np.arange(len(profiles)), [len(t) for t in terms])
        columns = (flat >> 1) & (HASH_COLUMNS - 1)
        grams = (flat & 1).astype(bool)
        parts = [cls(csr_matrix((counts[which], (rows[which], columns[which])),
                                shape=(len(profiles), HASH_COLUMNS))).tfidf().matrix * weight
                 for which, weight in zip((~grams, grams), _weights(char_weight))]
        return cls(csr_matrix(hstack(parts)))

    @classmethod
    def indicator(cls, rows: list[set]) -> Sparse:
        """1 where a row holds a term; the terms, sorted, are the columns."""
        from scipy.sparse import csr_matrix

        vocab = {t: k for k, t in enumerate(sorted({t for r in rows for t in r}))}
        data = [(r, vocab[t]) for r, ts in enumerate(rows) for t in ts]
        return cls(csr_matrix(([1.0] * len(data), ([d[0] for d in data], [d[1] for d in data])),
                              shape=(len(rows), max(1, len(vocab)))))

    def tfidf(self) -> Sparse:
        """Counts -> sublinear tf times smooth idf, each row L2-normalised (as scikit-learn's TfidfVectorizer)."""
        import numpy as np
        from scipy.sparse import csr_matrix

        m = csr_matrix(self.matrix, dtype=float)
        n = m.shape[0]
        df = np.bincount(m.indices, minlength=m.shape[1])
        idf = np.log((1 + n) / (1 + df)) + 1
        m.data = (1 + np.log(m.data)) * idf[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return Sparse(csr_matrix(m.multiply(1 / norms[:, None])))

    def products(self, rows: slice, columns: slice):
        return (self.matrix[rows] @ self.matrix[columns].T).toarray()

    def nonempty(self) -> list[bool]:
        return [a < b for a, b in zip(self.matrix.indptr, self.matrix.indptr[1:])]


class Rows:
    """A sparse matrix as one {column: value} per row, columns ascending. Each step does the floating-point
    operations of scipy's (Sparse), in its order: logarithms and sums of squares by the same numpy calls (numpy's
    log is not math.log to the last bit), dot products summed over ascending columns."""

    def __init__(self, rows: list[dict[int, float]]):
        self.rows = rows

    @classmethod
    def vectors(cls, profiles: list, char_weight: float) -> Rows:
        """As Sparse.vectors."""
        words: list[dict[int, float]] = []
        grams: list[dict[int, float]] = []
        for p in profiles:
            parts: tuple[dict[int, float], dict[int, float]] = ({}, {})
            for term, count in zip(array("I", p.terms), array("H", p.counts)):
                part, column = parts[term & 1], (term >> 1) & (HASH_COLUMNS - 1)
                part[column] = part.get(column, 0.0) + count  # hashes that share a column add up
            words.append(dict(sorted(parts[0].items())))
            grams.append(dict(sorted(parts[1].items())))
        a, b = _weights(char_weight)
        return cls(words).tfidf().scaled(a).beside(cls(grams).tfidf().scaled(b), HASH_COLUMNS)

    @classmethod
    def indicator(cls, rows: list[set]) -> Rows:
        vocab = {t: k for k, t in enumerate(sorted({t for r in rows for t in r}))}
        return cls([dict(sorted((vocab[t], 1.0) for t in r)) for r in rows])

    def tfidf(self) -> Rows:
        import numpy as np

        n = len(self.rows)
        df = Counter(c for row in self.rows for c in row)
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

    def products(self, rows: slice, columns: slice):
        """As scipy multiplies: each row's columns in ascending order, against the rows that hold each."""
        import numpy as np

        right = self.rows[columns]
        holding: dict[int, list[tuple[int, float]]] = {}
        for j, row in enumerate(right):
            for c, v in row.items():
                holding.setdefault(c, []).append((j, v))
        out = np.zeros((len(self.rows[rows]), len(right)))
        for i, row in enumerate(self.rows[rows]):
            sums = [0.0] * len(right)
            for c, a in row.items():
                for j, b in holding.get(c, ()):
                    sums[j] += a * b
            out[i] = sums
        return out

    def nonempty(self) -> list[bool]:
        return [bool(row) for row in self.rows]
