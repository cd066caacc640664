"""Cluster stage of the Spark job: stories within date windows, then joined across them.

Needs: the primary articles (those that copy no other), with their day (ordinal of the
publication date), and the job's settings.
Produces: :class:`WindowStory` records (one per story of a window), and the pairs of
window stories that the boundary pass joins into one story.

0. TF-IDF weights of words and names are fitted on all primary articles at once
   (:mod:`newsdesk.spark._weights`: document frequencies summed by key), so every article
   gets the vector the single-machine clusterer gives it, whatever window it falls in.
1. Articles are partitioned by publication window (``window_days`` wide; undated articles
   form a window of their own) and each window is clustered on an executor with
   :func:`newsdesk.cluster.cluster_articles`, the single-machine batch clusterer, using
   those weights.
2. A story whose dates come within ``join_margin_days`` of a window boundary takes part in
   that boundary's join. Per boundary (on an executor) the articles of those stories get
   the batch clusterer's features (TF-IDF words and names under the same weights, and lead
   signatures) and its candidate links (nearest neighbours through the inverted index);
   stories of different windows linked by a candidate are compared with the clusterer's
   merge score (average cosine x date factor x signature factor) and merged best-first
   while the score reaches its threshold. A merged group holds at most one story per
   window, since each window's clusterer already kept its own stories apart.
3. The job turns joined pairs into stories with connected components.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsdesk.cluster import ClusterConfig, cluster_articles
from newsdesk.cluster.features import add_into, date_factor, dot, span
from newsdesk.cluster.names import factor_of
from newsdesk.records import Article
from newsdesk.spark._weights import CorpusWeights

UNDATED = -1
"""The window of undated articles (never joined across a boundary)."""


@dataclass(frozen=True, slots=True)
class WindowConfig:
    window_days: int = 7
    """Width of a clustering window (days of publication)."""
    join_margin_days: int = 3
    """A story this close (in days) to a window boundary is compared across it."""
    cluster: ClusterConfig = field(default_factory=ClusterConfig)


@dataclass(frozen=True, slots=True)
class WindowStory:
    """A story as one window's clusterer found it."""

    key: str
    """Unique over the job: ``w<window>:<story id within the window>``."""
    window: int
    title: str
    article_ids: tuple[str, ...]
    first_day: int | None
    last_day: int | None


@dataclass(frozen=True, slots=True)
class Dated:
    """An article and its publication day (ordinal), as the cluster stage reads it."""

    article: Article
    day: int | None


def window_of(day: int | None, window_days: int) -> int:
    return UNDATED if day is None else day // window_days


def cluster_window(
    window: int,
    members: Iterable[Dated],
    config: WindowConfig,
    weights: CorpusWeights | None = None,
) -> list[WindowStory]:
    """The stories of one window, by the single-machine batch clusterer (with TF-IDF
    ``weights`` fitted on the whole collection; ``None``: fitted on the window)."""
    items = list(members)
    day_of = {d.article.id: d.day for d in items}
    out = []
    vectorizer = weights.vectorize if weights is not None else None
    articles = [d.article for d in items]
    for story in cluster_articles(articles, config=config.cluster, vectorizer=vectorizer):
        days = [d for d in (day_of[a] for a in story.article_ids) if d is not None]
        out.append(
            WindowStory(
                key=f"w{window}:{story.id}",
                window=window,
                title=story.title,
                article_ids=tuple(story.article_ids),
                first_day=min(days) if days else None,
                last_day=max(days) if days else None,
            )
        )
    return out


def boundaries(story: WindowStory, config: WindowConfig) -> list[int]:
    """The window boundaries (``k``: the first day of window ``k``) this story is near."""
    if story.window == UNDATED or story.first_day is None or story.last_day is None:
        return []
    w, m = config.window_days, config.join_margin_days
    lo = (story.first_day - m) // w
    hi = (story.last_day + m) // w + 1
    return [
        k for k in range(lo, hi + 1) if story.last_day >= k * w - m and story.first_day < k * w + m
    ]


@dataclass(slots=True)
class _Group:
    sum: dict[int, float]
    size: int
    days: tuple[int, int] | None
    sig: dict[str, float]
    sig_sq: float
    windows: set[int]
    keys: list[str]
    version: int = 0
    alive: bool = True


def _score(a: _Group, b: _Group, cfg: ClusterConfig) -> float:
    avg = dot(a.sum, b.sum) / (a.size * b.size)
    return (
        avg
        * date_factor(a.days, b.days, cfg)
        * factor_of(dot(a.sig, b.sig), a.sig_sq, b.sig_sq, cfg)
    )


def _groups(
    stories: Sequence[WindowStory],
    articles: dict[str, Article],
    cfg: ClusterConfig,
    weights: CorpusWeights | None,
) -> tuple[list[_Group], list[int], dict[tuple[int, int], float]]:
    """One group per story (vector and signature sums over its articles), the story of
    each article, and the clusterer's candidate links between articles."""
    from newsdesk.cluster.batch import knn_edges, rows_as_dicts, vectorize
    from newsdesk.cluster.features import article_day
    from newsdesk.cluster.names import article_names

    order: list[Article] = []
    owner: list[int] = []
    for gi, story in enumerate(stories):
        for aid in story.article_ids:
            order.append(articles[aid])
            owner.append(gi)
    names = [article_names(a, cfg) for a in order]
    X = vectorize(order, cfg, names) if weights is None else weights.vectorize(order, cfg, names)
    vecs = rows_as_dicts(X)
    groups = [_Group({}, 0, None, {}, 0.0, {s.window}, [s.key]) for s in stories]
    for a, g, vec, n in zip(order, owner, vecs, names, strict=True):
        grp = groups[g]
        add_into(grp.sum, vec)
        grp.size += 1
        day = article_day(a, cfg)
        grp.days = span(grp.days, (day, day) if day is not None else None)
        add_into(grp.sig, n.signature)
    for grp in groups:
        grp.sig_sq = dot(grp.sig, grp.sig)
    return groups, owner, knn_edges(X, cfg)


def _merge(a: _Group, b: _Group) -> None:
    a.sig_sq += 2.0 * dot(a.sig, b.sig) + b.sig_sq
    add_into(a.sig, b.sig)
    add_into(a.sum, b.sum)
    a.size += b.size
    a.days = span(a.days, b.days)
    a.windows |= b.windows
    a.keys.extend(b.keys)
    a.version += 1
    b.alive = False


def join_boundary(
    stories: Sequence[WindowStory],
    articles: dict[str, Article],
    cfg: ClusterConfig,
    weights: CorpusWeights | None = None,
) -> list[tuple[str, str]]:
    """Pairs of story keys (across windows) that one boundary's pass merges (TF-IDF
    ``weights`` fitted on the whole collection; ``None``: on the boundary's articles)."""
    stories = sorted(stories, key=lambda s: s.key)
    if len({s.window for s in stories}) < 2:
        return []
    groups, owner, edges = _groups(stories, articles, cfg, weights)
    links: dict[int, set[int]] = {i: set() for i in range(len(groups))}
    for i, j in edges:
        a, b = owner[i], owner[j]
        if groups[a].windows.isdisjoint(groups[b].windows):
            links[a].add(b)
            links[b].add(a)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        x, y = (a, b) if a < b else (b, a)
        s = _score(groups[x], groups[y], cfg)
        if s >= cfg.threshold:
            heapq.heappush(heap, (-s, x, y, groups[x].version, groups[y].version))

    for a in sorted(links):
        for b in sorted(links[a]):
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        ga, gb = groups[a], groups[b]
        if not (ga.alive and gb.alive and ga.version == va and gb.version == vb):
            continue
        if not ga.windows.isdisjoint(gb.windows):
            continue
        _merge(ga, gb)
        links[a] |= links.pop(b)
        links[a] -= {a, b}
        for c in links[a]:
            links[c].discard(b)
            links[c].add(a)
        for c in sorted(links[a]):
            if groups[c].alive and ga.windows.isdisjoint(groups[c].windows):
                push(a, c)
    return [(g.keys[0], other) for g in groups if g.alive for other in g.keys[1:]]


def join_partition(
    tasks: Iterator[tuple[int, tuple[Iterable[WindowStory], Iterable[Dated]]]],
    cfg: ClusterConfig,
    weights: CorpusWeights | None = None,
) -> Iterator[tuple[str, str]]:
    """:func:`join_boundary` for each boundary task ``(k, (stories, articles))``."""
    for _, (stories, dated) in tasks:
        articles = {d.article.id: d.article for d in dated}
        yield from join_boundary(list(stories), articles, cfg, weights)
