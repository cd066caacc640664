"""Corpus-wide TF-IDF weights for the Spark job's windowed clustering.

Needs: the document frequencies of words and names over all primary articles (counted as a
Spark aggregation: :func:`article_terms` per article, summed by key), and the cluster
settings.
Produces: :class:`CorpusWeights`, whose :meth:`~CorpusWeights.vectorize` gives any subset
of the articles (one window, one boundary) exactly the vectors the single-machine batch
clusterer gives them when it fits TF-IDF on the whole collection
(:func:`newsdesk.cluster.batch.vectorize`): same vocabulary (``min_df`` over the whole
collection), same column order (sorted terms), same IDF (scikit-learn's smoothed
``ln((1 + n) / (1 + df)) + 1``), same arithmetic. Without it each window fitted its own
IDF on its few hundred articles, which weighs the names that tell two same-kind events
apart less than the whole-collection fit does, and the job's stories merged more.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.cluster.config import ClusterConfig
from newsdesk.cluster.features import analyzer, extract_entities, weighted_text
from newsdesk.cluster.names import Names, article_names
from newsdesk.cluster.stories import order_key
from newsdesk.records import Article

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

WORD = "w"
NAME = "e"
TermKey = tuple[str, str]
"""``(WORD, word)`` or ``(NAME, name phrase)``."""
Seen = tuple[tuple[str, str], int]
"""Where a term first occurs: the article's order key (publication date, id), then the
token's position in that article."""
TermStat = tuple[int, Seen]
"""A term's document frequency and its first occurrence in the collection."""


def article_terms(article: Article, cfg: ClusterConfig) -> Iterator[tuple[TermKey, TermStat]]:
    """The distinct words and (if names are used) name phrases of one article, each with
    ``(1, where it first occurs)``: its contribution to the collection's statistics, which
    :func:`add_stats` sums."""
    key = order_key(article)
    first: dict[TermKey, int] = {}
    for pos, word in enumerate(analyzer()(weighted_text(article, cfg))):
        first.setdefault((WORD, word), pos)
    if cfg.use_entities and cfg.entity_weight > 0:
        names = [article_names(article, cfg)]
        for pos, name in enumerate(extract_entities([article], cfg, names)[0]):
            first.setdefault((NAME, name), pos)
    for term, pos in first.items():
        yield term, (1, (key, pos))


def add_stats(a: TermStat, b: TermStat) -> TermStat:
    """Two partial statistics of one term as one (commutative and associative)."""
    return a[0] + b[0], min(a[1], b[1])


def count_terms(
    articles: Iterable[Article], cfg: ClusterConfig
) -> tuple[int, dict[TermKey, TermStat]]:
    """Articles and term statistics, counted in one process (tests, benchmarks)."""
    n = 0
    stats: dict[TermKey, TermStat] = {}
    for article in articles:
        n += 1
        for term, stat in article_terms(article, cfg):
            old = stats.get(term)
            stats[term] = stat if old is None else add_stats(old, stat)
    return n, stats


@dataclass(frozen=True, slots=True)
class _Table:
    """One vocabulary: term -> column (terms in sorted order), the IDF of each column, and
    the order in which scikit-learn stores a row's entries (the order in which the terms
    first occur in the collection, articles taken by publication date then id), so that
    every sum runs in the same order and the vectors are the same to the last bit."""

    columns: dict[str, int]
    idf: np.ndarray
    rank: np.ndarray
    """The position of each column's term in order of first occurrence."""

    @classmethod
    def of(cls, n: int, stats: Mapping[str, TermStat]) -> _Table:
        import numpy as np

        terms = sorted(stats)
        counts = np.array([stats[t][0] for t in terms], dtype=np.float64)
        counts += 1.0  # scikit-learn's TfidfTransformer.fit, smooth_idf=True, step by step
        idf = np.full_like(counts, fill_value=n + 1, dtype=np.float64)
        idf /= counts
        np.log(idf, out=idf)
        idf += 1.0
        rank = np.empty(len(terms), dtype=np.int64)
        rank[sorted(range(len(terms)), key=lambda i: stats[terms[i]][1])] = np.arange(len(terms))
        return cls({t: i for i, t in enumerate(terms)}, idf, rank)

    def tfidf(self, docs: Sequence[list[str]]) -> csr_matrix:
        """``TfidfVectorizer(sublinear_tf=True)`` rows of ``docs`` (token lists) under this
        vocabulary and IDF (tokens outside the vocabulary are dropped)."""
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.preprocessing import normalize

        indptr, indices, data = [0], [], []
        for tokens in docs:
            counts: dict[int, int] = {}
            for token in tokens:
                col = self.columns.get(token)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            cols = np.fromiter(counts, dtype=np.int32, count=len(counts))
            order = np.argsort(self.rank[cols], kind="stable")
            indices.append(cols[order])
            data.append(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))[order])
            indptr.append(indptr[-1] + len(counts))
        shape = (len(docs), len(self.columns))
        if not self.columns:
            return csr_matrix(shape, dtype=np.float64)
        X = csr_matrix(
            (np.concatenate(data), np.concatenate(indices), np.array(indptr, dtype=np.int32)),
            shape=shape,
        )
        np.log(X.data, X.data)
        X.data += 1.0
        X.data *= self.idf[X.indices]
        return csr_matrix(normalize(X, norm="l2", copy=False))


@dataclass(frozen=True, slots=True)
class CorpusWeights:
    """TF-IDF vocabularies and IDF of words and names, fitted on a whole collection."""

    words: _Table
    names: _Table

    @classmethod
    def from_counts(
        cls, n: int, stats: Mapping[TermKey, TermStat], cfg: ClusterConfig
    ) -> CorpusWeights:
        """The weights ``cluster.batch.vectorize`` would fit on ``n`` articles with these
        term statistics (``min_df`` applied as it applies it)."""
        words = {t: s for (kind, t), s in stats.items() if kind == WORD}
        min_df = cfg.min_df if n > cfg.min_df else 1
        kept = {t: s for t, s in words.items() if s[0] >= min_df} or words  # empty: min_df 1
        names = {t: s for (kind, t), s in stats.items() if kind == NAME}
        return cls(_Table.of(n, kept), _Table.of(n, names))

    @classmethod
    def fit(cls, articles: Sequence[Article], cfg: ClusterConfig) -> CorpusWeights:
        n, df = count_terms(articles, cfg)
        return cls.from_counts(n, df, cfg)

    def vectorize(
        self, articles: Sequence[Article], cfg: ClusterConfig, names: Sequence[Names] | None = None
    ) -> csr_matrix:
        """Unit row vectors of ``articles``, as ``cluster.batch.vectorize`` gives them when
        fitted on the whole collection (a drop-in ``vectorizer`` for the batch clusterer)."""
        from scipy.sparse import csr_matrix, diags, hstack

        tokenize = analyzer()
        X = self.words.tfidf([tokenize(weighted_text(a, cfg)) for a in articles])
        X = _unit(csr_matrix(X @ diags(self.words.idf ** (cfg.idf_power - 1.0))))
        if not (cfg.use_entities and cfg.entity_weight > 0) or not self.names.columns:
            return X
        E = _unit(self.names.tfidf(extract_entities(articles, cfg, names)))
        if not X.shape[1]:
            return E
        w = cfg.entity_weight
        return _unit(hstack([X * (1.0 - w) ** 0.5, E * w**0.5]).tocsr())


def _unit(M: csr_matrix) -> csr_matrix:
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    return csr_matrix(normalize(M)) if M.shape[1] else csr_matrix(M)
