"""Batch clustering: candidate links by nearest neighbours, then average-link merging.

1. Each article becomes a unit vector (TF-IDF words, optionally mixed with entities).
2. Candidate links: every article's ``neighbours`` nearest articles, found through an
   inverted index on each article's heaviest terms (keys shared by more than
   ``max_postings`` articles are skipped), then scored exactly. No all-pairs step:
   the work is bounded by ``n * retrieval_terms * max_postings`` index hits.
3. Groups merge greedily, best first, while their average pairwise cosine (computed
   exactly from the groups' vector sums, times a date factor) stays at or above
   ``threshold``. Only groups joined by a candidate link are compared.
4. A few refinement passes move single articles to the linked group they fit best.

The input is sorted by (published, id) first, so the result does not depend on the
order of ``articles``.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.cluster.config import ClusterConfig
from newsdesk.cluster.features import (
    DayRange,
    add_into,
    article_day,
    date_factor,
    dot,
    extract_entities,
    span,
    weighted_text,
)
from newsdesk.cluster.stories import build_stories, order_key, resolve_duplicates
from newsdesk.records import Article, Story

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

Vec = dict[int, float]
Edge = tuple[int, int]

_CHUNK = 256


def cluster_articles(
    articles: Sequence[Article], *, config: ClusterConfig | None = None
) -> list[Story]:
    """Group articles that report the same event into stories.

    Duplicates (``duplicate_of`` naming another input article) join their original's
    story. Stories are ordered by their earliest article.
    """
    cfg = config or ClusterConfig()
    unique = list({a.id: a for a in sorted(articles, key=order_key)}.values())
    dup_root = resolve_duplicates(unique)
    primaries = [a for a in unique if a.id not in dup_root]
    if not primaries:
        return []
    X = vectorize(primaries, cfg)
    vecs = rows_as_dicts(X)
    edges = knn_edges(X, cfg)
    days = [article_day(a, cfg) for a in primaries]
    labels = agglomerate(vecs, edges, days, cfg)
    labels = refine(vecs, edges, labels, days, cfg)
    return _stories(primaries, unique, dup_root, vecs, labels)


# ---------------------------------------------------------------- vectors


def _word_matrix(texts: list[str], cfg: ClusterConfig) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix, diags
    from sklearn.feature_extraction.text import TfidfVectorizer

    min_df = cfg.min_df if len(texts) > cfg.min_df else 1
    for df in (min_df, 1):
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=df)
        try:
            X = vec.fit_transform(texts)
        except ValueError:  # empty vocabulary
            continue
        boost = np.asarray(vec.idf_, dtype=np.float64) ** (cfg.idf_power - 1.0)
        return csr_matrix(X @ diags(boost))
    return csr_matrix((len(texts), 0), dtype=np.float64)


def _entity_matrix(articles: Sequence[Article], cfg: ClusterConfig) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    ents = extract_entities(articles, cfg)
    if not any(ents):
        return csr_matrix((len(articles), 0), dtype=np.float64)
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    return csr_matrix(vec.fit_transform(ents))


def _identity(items: list[str]) -> list[str]:
    return items


def vectorize(articles: Sequence[Article], cfg: ClusterConfig) -> csr_matrix:
    """Unit row vectors: words, plus entities with weight ``entity_weight`` if enabled."""
    from scipy.sparse import hstack

    X = _unit(_word_matrix([weighted_text(a, cfg) for a in articles], cfg))
    if cfg.use_entities and cfg.entity_weight > 0:
        E = _unit(_entity_matrix(articles, cfg))
        if E.shape[1] and X.shape[1]:
            w = cfg.entity_weight
            X = _unit(hstack([X * (1.0 - w) ** 0.5, E * w**0.5]).tocsr())
        elif E.shape[1]:
            X = E
    return X


def _unit(M: csr_matrix) -> csr_matrix:
    """Rows scaled to unit length (rows of zeros stay zero)."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    return csr_matrix(normalize(M)) if M.shape[1] else csr_matrix(M)


def rows_as_dicts(X: csr_matrix) -> list[Vec]:
    indptr, indices, data = X.indptr, X.indices, X.data
    return [
        dict(zip(indices[s:e].tolist(), data[s:e].tolist(), strict=True))
        for s, e in zip(indptr[:-1].tolist(), indptr[1:].tolist(), strict=True)
    ]


# ---------------------------------------------------------------- candidate links


def _keys(X: csr_matrix, cfg: ClusterConfig) -> csr_matrix:
    """Each row's ``retrieval_terms`` heaviest entries, minus over-long postings."""
    import numpy as np
    from scipy.sparse import csr_matrix

    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    m = cfg.retrieval_terms
    for i in range(X.shape[0]):
        s, e = X.indptr[i], X.indptr[i + 1]
        idx, dat = X.indices[s:e], X.data[s:e]
        if len(dat) > m:
            top = np.argpartition(-dat, m - 1)[:m]
            idx, dat = idx[top], dat[top]
        rows.append(np.full(len(idx), i))
        cols.append(idx)
        vals.append(dat)
    K = csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=X.shape
    )
    postings = np.bincount(K.indices, minlength=X.shape[1])
    drop = postings > cfg.max_postings
    if drop.any():
        K = K.tocoo()
        keep = ~drop[K.col]
        K = csr_matrix((K.data[keep], (K.row[keep], K.col[keep])), shape=X.shape)
    return K


def knn_edges(X: csr_matrix, cfg: ClusterConfig) -> dict[Edge, float]:
    """Links ``(i, j)`` (``i < j``) to each article's nearest neighbours, with exact cosine."""
    import numpy as np

    n = X.shape[0]
    if n < 2 or X.shape[1] == 0:
        return {}
    K = _keys(X, cfg)
    KT = K.T.tocsr()
    k = cfg.neighbours
    edges: dict[Edge, float] = {}
    for start in range(0, n, _CHUNK):
        A = (K[start : start + _CHUNK] @ KT).tocsr()
        for r in range(A.shape[0]):
            i = start + r
            s, e = A.indptr[r], A.indptr[r + 1]
            cols, approx = A.indices[s:e], A.data[s:e]
            keep = cols != i
            cols, approx = cols[keep], approx[keep]
            if len(cols) > 3 * k:
                cols = cols[np.argpartition(-approx, 3 * k - 1)[: 3 * k]]
            if not len(cols):
                continue
            exact = np.asarray((X[cols] @ X[i].T).todense()).ravel()
            order = np.lexsort((cols, -exact))[:k]
            for j, sim in zip(cols[order].tolist(), exact[order].tolist(), strict=True):
                if sim > 0:
                    edges[(min(i, j), max(i, j))] = sim
    return edges


# ---------------------------------------------------------------- merging


@dataclass(slots=True)
class _Groups:
    sums: list[Vec]
    sizes: list[int]
    days: list[DayRange]
    version: list[int]
    links: list[set[int]]
    members: list[list[int]] = field(default_factory=list)

    def score(self, a: int, b: int, cfg: ClusterConfig) -> float:
        avg = dot(self.sums[a], self.sums[b]) / (self.sizes[a] * self.sizes[b])
        return avg * date_factor(self.days[a], self.days[b], cfg)

    def merge(self, a: int, b: int) -> None:
        """Fold group ``b`` into group ``a``."""
        add_into(self.sums[a], self.sums[b])
        self.sums[b] = {}
        self.sizes[a] += self.sizes[b]
        self.sizes[b] = 0
        self.days[a] = span(self.days[a], self.days[b])
        self.members[a].extend(self.members[b])
        self.members[b] = []
        self.version[a] += 1
        self.version[b] += 1
        self.links[a] |= self.links[b]
        self.links[a] -= {a, b}
        for c in self.links[b]:
            self.links[c].discard(b)
            if c != a:
                self.links[c].add(a)
        self.links[b] = set()


def agglomerate(
    vecs: Sequence[Vec], edges: dict[Edge, float], days: Sequence[int | None], cfg: ClusterConfig
) -> list[int]:
    """Average-link merging over candidate links; returns a group label per article."""
    n = len(vecs)
    g = _Groups(
        sums=[dict(v) for v in vecs],
        sizes=[1] * n,
        days=[(d, d) if d is not None else None for d in days],
        version=[0] * n,
        links=[set() for _ in range(n)],
        members=[[i] for i in range(n)],
    )
    heap: list[tuple[float, int, int, int, int]] = []
    for a, b in sorted(edges):
        g.links[a].add(b)
        g.links[b].add(a)
        s = g.score(a, b, cfg)
        if s >= cfg.threshold:
            heap.append((-s, a, b, 0, 0))
    heapq.heapify(heap)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if g.version[a] != va or g.version[b] != vb or not g.sizes[a] or not g.sizes[b]:
            continue
        g.merge(a, b)
        for c in sorted(g.links[a]):
            s = g.score(a, c, cfg)
            if s >= cfg.threshold:
                x, y = (a, c) if a < c else (c, a)
                heapq.heappush(heap, (-s, x, y, g.version[x], g.version[y]))
    labels = [0] * n
    for label, members in enumerate(g.members):
        for i in members:
            labels[i] = label
    return labels


def refine(
    vecs: Sequence[Vec],
    edges: dict[Edge, float],
    labels: Sequence[int],
    days: Sequence[int | None],
    cfg: ClusterConfig,
) -> list[int]:
    """Move articles to the linked group with the best average cosine (leave-one-out).

    Articles are visited in (published, id) order and group sums are updated after
    each move, like one pass of k-means. An article alone in its group counts as fitting
    it with ``threshold / 2``: it joins a linked group that fits better than that.
    """
    labels = list(labels)
    links: list[list[int]] = [[] for _ in vecs]
    for a, b in sorted(edges):
        links[a].append(b)
        links[b].append(a)
    for _ in range(cfg.refine_iterations):
        sums, sizes, spans = _group_stats(vecs, labels, days)
        moved = 0
        for i, v in enumerate(vecs):
            own = labels[i]
            best, best_score = own, _fit(v, own, own, sums, sizes, spans, days[i], cfg)
            for c in sorted({labels[j] for j in links[i]} - {own}):
                s = _fit(v, c, own, sums, sizes, spans, days[i], cfg)
                if s > best_score:
                    best, best_score = c, s
            if best != own:
                add_into(sums[own], v, -1.0)
                add_into(sums[best], v)
                sizes[own] -= 1
                sizes[best] += 1
                labels[i] = best
                moved += 1
        if not moved:
            break
    return labels


def _group_stats(
    vecs: Sequence[Vec], labels: Sequence[int], days: Sequence[int | None]
) -> tuple[dict[int, Vec], dict[int, int], dict[int, DayRange]]:
    sums: dict[int, Vec] = {}
    sizes: dict[int, int] = {}
    spans: dict[int, DayRange] = {}
    for v, label, day in zip(vecs, labels, days, strict=True):
        add_into(sums.setdefault(label, {}), v)
        sizes[label] = sizes.get(label, 0) + 1
        spans[label] = span(spans.get(label), (day, day) if day is not None else None)
    return sums, sizes, spans


def _fit(
    v: Vec,
    group: int,
    own: int,
    sums: dict[int, Vec],
    sizes: dict[int, int],
    spans: dict[int, DayRange],
    day: int | None,
    cfg: ClusterConfig,
) -> float:
    """Average cosine of ``v`` to the other members of ``group`` (times the date factor)."""
    total, size = dot(v, sums[group]), sizes[group]
    if group == own:
        total, size = total - dot(v, v), size - 1
    if size <= 0:
        return cfg.threshold / 2 if group == own else 0.0
    here = (day, day) if day is not None else None
    return total / size * date_factor(here, spans[group], cfg)


# ---------------------------------------------------------------- output


def _stories(
    primaries: Sequence[Article],
    unique: Sequence[Article],
    dup_root: dict[str, str],
    vecs: Sequence[Vec],
    labels: Sequence[int],
) -> list[Story]:
    index: dict[int, int] = {}
    groups: list[list[int]] = []
    for i, label in enumerate(labels):
        if label not in index:
            index[label] = len(groups)
            groups.append([])
        groups[index[label]].append(i)
    central = {gi: primaries[_most_central(vecs, members)] for gi, members in enumerate(groups)}
    by_id = {a.id: gi for gi, members in enumerate(groups) for a in (primaries[i] for i in members)}
    arts: list[list[Article]] = [[primaries[i] for i in members] for members in groups]
    for a in unique:
        if a.id in dup_root:
            arts[by_id[dup_root[a.id]]].append(a)
    return build_stories(arts, central)


def _most_central(vecs: Sequence[Vec], members: Sequence[int]) -> int:
    total: Vec = {}
    for i in members:
        add_into(total, vecs[i])
    return max(members, key=lambda i: (dot(vecs[i], total), -i))
