"""Hashed TF-IDF vectors of what articles are about, built a chunk of articles at a time, and their products."""

from __future__ import annotations

import math

HASH_COLUMNS = 1 << 20  # columns of each part of the hashed TF-IDF vectors
CHUNK = 2048  # articles whose vectors are built at once: memory follows the window compared, not the corpus


class Vectors:
    """L2-normalised TF-IDF vectors (sublinear tf, smooth idf) of profiles' hashed terms, words and character
    n-grams weighed apart, the two parts weighted by `char_weight`. The hashes are the columns (the hashing
    trick: no vocabulary to sort, linear in the terms). The document frequencies are counted over all profiles
    first; the vectors themselves are built a chunk at a time when asked for, and dropped once behind."""

    def __init__(self, profiles: list, char_weight: float, keep: int = 0):
        import numpy as np

        self.profiles = profiles
        self.keep = keep  # the first `keep` rows are never dropped (articles with no date: compared with all)
        self.weights = (math.sqrt(1 - char_weight), math.sqrt(char_weight))
        self.df = [np.zeros(HASH_COLUMNS, dtype=np.int64) for _ in self.weights]
        for lo in range(0, len(profiles), CHUNK):
            for df, counts in zip(self.df, self._counts(lo, min(len(profiles), lo + CHUNK))):
                df += np.bincount(counts.indices, minlength=HASH_COLUMNS)
        self.chunks: dict[int, object] = {}
        self.slot = np.full(len(self.weights) * HASH_COLUMNS, -1, dtype=np.int32)  # see product()

    def _counts(self, lo: int, hi: int) -> list:
        """The term counts of profiles lo … hi-1, words and n-grams apart (duplicate hashes summed)."""
        import numpy as np
        from scipy.sparse import csr_matrix

        chunk = self.profiles[lo:hi]
        terms = [np.frombuffer(p.terms, dtype=np.uint32) for p in chunk]
        flat = np.concatenate(terms) if terms else np.zeros(0, dtype=np.uint32)
        counts = np.concatenate([np.frombuffer(p.counts, dtype=np.uint16) for p in chunk]).astype(float) if (
            chunk) else np.zeros(0)
        rows = np.repeat(np.arange(len(chunk)), [len(t) for t in terms])
        columns = (flat >> 1) & (HASH_COLUMNS - 1)
        grams = (flat & 1).astype(bool)
        return [csr_matrix((counts[which], (rows[which], columns[which])), shape=(len(chunk), HASH_COLUMNS))
                for which in (~grams, grams)]

    def _chunk(self, k: int):
        from scipy.sparse import csr_matrix, hstack

        if k not in self.chunks:
            lo = k * CHUNK
            counts = self._counts(lo, min(len(self.profiles), lo + CHUNK))
            n = len(self.profiles)
            self.chunks[k] = csr_matrix(hstack([tfidf(c, df, n) * weight
                                                for c, df, weight in zip(counts, self.df, self.weights)]))
        return self.chunks[k]

    def forget(self, before: int) -> None:
        """Drop the vectors of the chunks wholly before row `before` (but those of the first `keep` rows)."""
        for k in [k for k in self.chunks if (k + 1) * CHUNK <= before and k * CHUNK >= self.keep]:
            del self.chunks[k]

    def rows(self, lo: int, hi: int):
        """The vectors of profiles lo … hi-1."""
        from scipy.sparse import vstack

        parts = [self._chunk(k)[max(lo, k * CHUNK) - k * CHUNK:min(hi, (k + 1) * CHUNK) - k * CHUNK]
                 for k in range(lo // CHUNK, (hi - 1) // CHUNK + 1)]
        return parts[0] if len(parts) == 1 else vstack(parts, format="csr")

    def product(self, a, b):
        """a @ b.T as a dense array, for two row blocks: b's columns are first narrowed to those a uses, so
        that transposing b costs its terms and not the million hashed columns. Each sum takes the same
        products in the same order (the narrowing keeps the columns' order): the result is the same to the
        bit."""
        import numpy as np
        from scipy.sparse import csr_matrix

        marked = np.zeros(len(self.slot), dtype=bool)
        marked[a.indices] = True
        used = np.flatnonzero(marked)
        self.slot[used] = np.arange(len(used), dtype=self.slot.dtype)
        where = self.slot[b.indices]
        kept = where >= 0
        rows = np.repeat(np.arange(b.shape[0]), np.diff(b.indptr))[kept]
        width = max(1, len(used))
        narrow_b = csr_matrix((b.data[kept], (rows, where[kept])), shape=(b.shape[0], width))
        narrow_a = csr_matrix((a.data, self.slot[a.indices], a.indptr), shape=(a.shape[0], width))
        self.slot[used] = -1  # every column -1 again, for the next product
        return (narrow_a @ narrow_b.T).toarray()


def tfidf(counts, df=None, n: int | None = None):
    """Counts -> sublinear tf times smooth idf, each row L2-normalised (as scikit-learn's TfidfVectorizer);
    the document frequencies and number of documents are the counts' own unless given."""
    import numpy as np
    from scipy.sparse import csr_matrix

    m = csr_matrix(counts, dtype=float)
    n = m.shape[0] if n is None else n
    df = np.bincount(m.indices, minlength=m.shape[1]) if df is None else df
    idf = np.log((1 + n) / (1 + df)) + 1
    m.data = (1 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(m.multiply(1 / norms[:, None]))
