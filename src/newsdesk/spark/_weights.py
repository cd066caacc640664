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
from newsdesk.records import Article

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

WORD = "w"
NAME = "e"
TermKey = tuple[str, str]
"""``(WORD, word)`` or ``(NAME, name phrase)``."""


def article_terms(article: Article, cfg: ClusterConfig) -> Iterator[TermKey]:
    """The distinct words and (if names are used) name phrases of one article: its
    contribution to the document frequencies."""
    for word in set(analyzer()(weighted_text(article, cfg))):
        yield WORD, word
    if cfg.use_entities and cfg.entity_weight > 0:
        names = [article_names(article, cfg)]
        for name in set(extract_entities([article], cfg, names)[0]):
            yield NAME, name


def count_terms(articles: Iterable[Article], cfg: ClusterConfig) -> tuple[int, dict[TermKey, int]]:
    """Articles and document frequencies, counted in one process (tests, benchmarks)."""
    n = 0
    df: dict[TermKey, int] = {}
    for article in articles:
        n += 1
        for key in article_terms(article, cfg):
            df[key] = df.get(key, 0) + 1
    return n, df


@dataclass(frozen=True, slots=True)
class _Table:
    """One vocabulary: term -> column (terms in sorted order) and the IDF of each column."""

    columns: dict[str, int]
    idf: np.ndarray

    @classmethod
    def of(cls, n: int, df: Mapping[str, int]) -> _Table:
        import numpy as np

        terms = sorted(df)
        counts = np.array([df[t] for t in terms], dtype=np.float64)
        counts += 1.0  # scikit-learn's TfidfTransformer.fit, smooth_idf=True, step by step
        idf = np.full_like(counts, fill_value=n + 1, dtype=np.float64)
        idf /= counts
        np.log(idf, out=idf)
        idf += 1.0
        return cls({t: i for i, t in enumerate(terms)}, idf)

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
            for col in sorted(counts):
                indices.append(col)
                data.append(counts[col])
            indptr.append(len(indices))
        shape = (len(docs), len(self.columns))
        if not self.columns:
            return csr_matrix(shape, dtype=np.float64)
        X = csr_matrix(
            (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
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
    def from_counts(cls, n: int, df: Mapping[TermKey, int], cfg: ClusterConfig) -> CorpusWeights:
        """The weights ``cluster.batch.vectorize`` would fit on ``n`` articles with these
        document frequencies (``min_df`` applied as it applies it)."""
        words = {t: c for (kind, t), c in df.items() if kind == WORD}
        min_df = cfg.min_df if n > cfg.min_df else 1
        kept = {t: c for t, c in words.items() if c >= min_df} or words  # empty: min_df 1
        names = {t: c for (kind, t), c in df.items() if kind == NAME}
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
