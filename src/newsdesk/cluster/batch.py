"""Batch clustering: candidate links by nearest neighbours, then average-link merging.

1. Each article becomes a unit vector (TF-IDF words, optionally mixed with entities).
2. Candidate links: every article's ``neighbours`` nearest articles, found through an
   inverted index on each article's heaviest terms (keys shared by more than
   ``max_postings`` articles are skipped), then scored exactly. No all-pairs step:
   the work is bounded by ``n * retrieval_terms * max_postings`` index hits.
3. Groups merge greedily, best first, while their average pairwise cosine (computed
   exactly from the groups' vector sums, times a date factor and a signature factor
   comparing the groups' summed lead signatures) stays at or above ``threshold``. Only
   groups joined by a candidate link are compared.
4. A few refinement passes move single articles to the linked group they fit best.

The input is sorted by (published, id) first, so the result does not depend on the
order of ``articles``.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
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
from newsdesk.cluster.names import Names, article_names, factor_of
from newsdesk.cluster.stories import build_stories, order_key, resolve_duplicates
from newsdesk.records import Article, Story

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

Vec = dict[int, float]
Sig = dict[str, float]
Edge = tuple[int, int]

_CHUNK = 256

Vectorizer = Callable[[Sequence[Article], ClusterConfig, Sequence[Names]], "csr_matrix"]
"""Articles (with their names) -> unit row vectors; :func:`vectorize` by default."""


def cluster_articles(
    articles: Sequence[Article],
    *,
    config: ClusterConfig | None = None,
    vectorizer: Vectorizer | None = None,
) -> list[Story]:
    """Group articles that report the same event into stories.

    Duplicates (``duplicate_of`` naming another input article) join their original's
    story. Stories are ordered by their earliest article. ``vectorizer`` replaces
    :func:`vectorize` (which fits TF-IDF on ``articles``), e.g. with weights fitted on a
    larger collection that ``articles`` are one part of (the Spark job's windows).
    """
    cfg = config or ClusterConfig()
    unique = list({a.id: a for a in sorted(articles, key=order_key)}.values())
    dup_root = resolve_duplicates(unique)
    primaries = [a for a in unique if a.id not in dup_root]
    if not primaries:
        return []
    names = [article_names(a, cfg) for a in primaries]
    X = (vectorizer or vectorize)(primaries, cfg, names)
    vecs = rows_as_dicts(X)
    edges = knn_edges(X, cfg)
    days = [article_day(a, cfg) for a in primaries]
    sigs = [n.signature for n in names]
    labels = agglomerate(vecs, edges, days, cfg, sigs)
    labels = refine(vecs, edges, labels, days, cfg, sigs)
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


def _entity_matrix(
    articles: Sequence[Article], cfg: ClusterConfig, names: Sequence[Names] | None
) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    ents = extract_entities(articles, cfg, names)
    if not any(ents):
        return csr_matrix((len(articles), 0), dtype=np.float64)
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    return csr_matrix(vec.fit_transform(ents))


def _identity(items: list[str]) -> list[str]:
    return items


def vectorize(
    articles: Sequence[Article], cfg: ClusterConfig, names: Sequence[Names] | None = None
) -> csr_matrix:
    """Unit row vectors: words, plus entities with weight ``entity_weight`` if enabled."""
    from scipy.sparse import hstack

    X = _unit(_word_matrix([weighted_text(a, cfg) for a in articles], cfg))
    if cfg.use_entities and cfg.entity_weight > 0:
        E = _unit(_entity_matrix(articles, cfg, names))
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
    sigs: list[Sig]
    sig_sq: list[float]
    """Squared norm of each group's signature sum."""
    version: list[int]
    links: list[set[int]]
    members: list[list[int]] = field(default_factory=list)

    def score(self, a: int, b: int, cfg: ClusterConfig) -> float:
        avg = dot(self.sums[a], self.sums[b]) / (self.sizes[a] * self.sizes[b])
        return (
            avg
            * date_factor(self.days[a], self.days[b], cfg)
            * factor_of(dot(self.sigs[a], self.sigs[b]), self.sig_sq[a], self.sig_sq[b], cfg)
        )

    def merge(self, a: int, b: int) -> None:
        """Fold group ``b`` into group ``a``."""
        add_into(self.sums[a], self.sums[b])
        self.sums[b] = {}
        self.sizes[a] += self.sizes[b]
        self.sizes[b] = 0
        self.days[a] = span(self.days[a], self.days[b])
        self.sig_sq[a] += 2.0 * dot(self.sigs[a], self.sigs[b]) + self.sig_sq[b]
        add_into(self.sigs[a], self.sigs[b])
        self.sigs[b], self.sig_sq[b] = {}, 0.0
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
    vecs: Sequence[Vec],
    edges: dict[Edge, float],
    days: Sequence[int | None],
    cfg: ClusterConfig,
    sigs: Sequence[Mapping[str, float]] | None = None,
) -> list[int]:
    """Average-link merging over candidate links; returns a group label per article.

    The score of two groups is their average cosine times the date factor and the
    signature factor (their summed lead signatures compared)."""
    n = len(vecs)
    start: list[Sig] = [dict(s) for s in sigs] if sigs is not None else [{} for _ in range(n)]
    g = _Groups(
        sums=[dict(v) for v in vecs],
        sizes=[1] * n,
        days=[(d, d) if d is not None else None for d in days],
        sigs=start,
        sig_sq=[dot(s, s) for s in start],
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
    sigs: Sequence[Mapping[str, float]] | None = None,
) -> list[int]:
    """Move articles to the linked group with the best average cosine (leave-one-out).

    Articles are visited in (published, id) order and group sums are updated after
    each move, like one pass of k-means. An article alone in its group counts as fitting
    it with ``threshold / 2``: it joins a linked group that fits better than that.
    """
    labels = list(labels)
    sig_of: Sequence[Mapping[str, float]] = sigs if sigs is not None else [{} for _ in vecs]
    links: list[list[int]] = [[] for _ in vecs]
    for a, b in sorted(edges):
        links[a].append(b)
        links[b].append(a)
    for _ in range(cfg.refine_iterations):
        st = _group_stats(vecs, labels, days, sig_of)
        moved = 0
        for i, v in enumerate(vecs):
            own = labels[i]
            item = _Item(v, days[i], sig_of[i])
            best, best_score = own, st.fit(item, own, own, cfg)
            for c in sorted({labels[j] for j in links[i]} - {own}):
                s = st.fit(item, c, own, cfg)
                if s > best_score:
                    best, best_score = c, s
            if best != own:
                st.move(item, own, best)
                labels[i] = best
                moved += 1
        if not moved:
            break
    return labels


@dataclass(frozen=True, slots=True)
class _Item:
    vec: Vec
    day: int | None
    sig: Mapping[str, float]


@dataclass(slots=True)
class _Stats:
    sums: dict[int, Vec] = field(default_factory=dict)
    sizes: dict[int, int] = field(default_factory=dict)
    spans: dict[int, DayRange] = field(default_factory=dict)
    sigs: dict[int, Sig] = field(default_factory=dict)
    sig_sq: dict[int, float] = field(default_factory=dict)
    """Squared norm of each group's signature sum."""

    def add(self, item: _Item, group: int, scale: float = 1.0) -> None:
        sig = self.sigs.setdefault(group, {})
        self.sig_sq[group] = (
            self.sig_sq.get(group, 0.0) + 2.0 * scale * dot(item.sig, sig) + dot(item.sig, item.sig)
        )
        add_into(sig, item.sig, scale)
        add_into(self.sums.setdefault(group, {}), item.vec, scale)
        self.sizes[group] = self.sizes.get(group, 0) + int(scale)

    def move(self, item: _Item, src: int, dst: int) -> None:
        self.add(item, src, -1.0)
        self.add(item, dst)

    def fit(self, item: _Item, group: int, own: int, cfg: ClusterConfig) -> float:
        """Average cosine of the item to the other members of ``group``, times the date
        and signature factors."""
        total, size = dot(item.vec, self.sums[group]), self.sizes[group]
        shared, sq_self = dot(item.sig, self.sigs[group]), dot(item.sig, item.sig)
        sq_group = self.sig_sq[group]
        if group == own:
            total, size = total - dot(item.vec, item.vec), size - 1
            shared, sq_group = shared - sq_self, sq_group - 2.0 * shared + sq_self
        if size <= 0:
            return cfg.threshold / 2 if group == own else 0.0
        here = (item.day, item.day) if item.day is not None else None
        return (
            total
            / size
            * date_factor(here, self.spans[group], cfg)
            * factor_of(shared, sq_self, sq_group, cfg)
        )


def _group_stats(
    vecs: Sequence[Vec],
    labels: Sequence[int],
    days: Sequence[int | None],
    sigs: Sequence[Mapping[str, float]],
) -> _Stats:
    st = _Stats()
    for v, label, day, sig in zip(vecs, labels, days, sigs, strict=True):
        st.add(_Item(v, day, sig), label)
        st.spans[label] = span(st.spans.get(label), (day, day) if day is not None else None)
    return st


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
