"""Streaming clustering: articles arrive in time order and join a story at once.

Each article becomes a unit vector (TF-IDF with document frequencies counted so far,
optionally mixed with entities). Candidate stories are the *active* stories that share
one of the article's heaviest terms (an inverted index). The article joins the best
story if ``cosine(article, centroid) * (1 + bonus * agree * ln(size)) * date_factor *
signature_factor`` reaches ``stream_threshold``; otherwise it starts a new story. The
size bonus is a rich-get-richer prior: a big story's centroid is spread over more words,
so its cosines are lower although it is the likelier home. ``agree`` (0..1, the
signature factor rescaled from its floor) gives the bonus only to stories whose lead
names the article's lead shares: a big story about one town's fire must not swallow
the first report of a fire in another town. Texts without names (lower-cased
headlines) have no signature, so they get the full bonus.

After a join, the story is compared with the other candidate stories of that article;
if two centroids (times the date and signature factors) reach
``stream_merge_threshold`` the younger story is merged into the
older one (its id becomes an alias: :meth:`StreamClusterer.story_of` resolves it).

Stories leave the active set when not updated for ``window_days`` of publication time
or when more than ``max_active`` are active (least recently updated first); they are
still returned by :meth:`StreamClusterer.stories`.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field

from newsdesk.cluster.config import ClusterConfig
from newsdesk.cluster.features import (
    DayRange,
    add_into,
    analyzer,
    article_day,
    combine,
    date_factor,
    dot,
    extract_entities,
    normalized,
    span,
    sublinear_tf,
    top_items,
    weighted_text,
)
from newsdesk.cluster.names import Names, article_names, signature_factor
from newsdesk.cluster.stories import fallback_title, order_key, story_id
from newsdesk.records import Article, Story

StrVec = dict[str, float]

_MERGE_CANDIDATES = 3
"""How many runner-up stories of an article are checked for a merge after it joins."""
_KEPT_TERMS = 50
"""Terms of each member vector kept while its story is active (to pick the title)."""


@dataclass(slots=True)
class _Member:
    key: tuple[str, str]
    id: str
    title: str
    vector: StrVec | None = None
    """Truncated vector while the story is active (``None`` for duplicates)."""


@dataclass(slots=True)
class _StoryState:
    id: str
    founder: tuple[str, str]
    centroid: StrVec = field(default_factory=dict)
    sq_norm: float = 0.0
    size: int = 0
    days: DayRange = None
    signature: StrVec = field(default_factory=dict)
    """Sum of the members' lead signatures."""
    members: list[_Member] = field(default_factory=list)
    title: str | None = None
    """Frozen when the story retires."""
    merged_into: str | None = None


class StreamClusterer:
    """Assign articles to stories one at a time (see the module docstring)."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._stories: dict[str, _StoryState] = {}
        self._article_story: dict[str, str] = {}
        self._df: dict[str, int] = {}
        self._docs = 0
        self._postings: dict[str, set[str]] = {}
        self._active: OrderedDict[str, int | None] = OrderedDict()
        """Active story id -> stream clock at its last update (oldest first)."""
        self._clock: int | None = None
        self._origin: int | None = None

    # ------------------------------------------------------------ public

    def add(self, article: Article) -> str:
        """Assign ``article`` to a story and return that story's id."""
        if article.id in self._article_story:
            return self.story_of(article.id)
        if article.duplicate_of and article.duplicate_of in self._article_story:
            return self._join_duplicate(article)
        names = article_names(article, self.config)
        vec = self._vectorize(article, names)
        day = article_day(article, self.config)
        self._tick(day)
        here: DayRange = (day, day) if day is not None else None
        ranked = self._rank(vec, here, names.signature)
        if ranked and ranked[0][0] >= self.config.stream_threshold:
            story = self._stories[ranked[0][1]]
        else:
            story = self._new_story(article)
        self._join(story, article, vec, here)
        add_into(story.signature, names.signature)
        self._maybe_merge(story, [sid for _, sid in ranked[1 : 1 + _MERGE_CANDIDATES]])
        self._evict_over_count()
        return self.story_of(article.id)

    def story_of(self, article_id: str) -> str:
        """The current id of the story holding ``article_id`` (after merges)."""
        return self.resolve(self._article_story[article_id])

    def resolve(self, story_id: str) -> str:
        """Follow merges: the id of the story that ``story_id`` now belongs to."""
        state = self._stories[story_id]
        while state.merged_into is not None:
            state = self._stories[state.merged_into]
        return state.id

    def active_story_ids(self) -> list[str]:
        """Ids of the stories that can still receive articles (oldest update first)."""
        return list(self._active)

    def stories(self) -> list[Story]:
        """Every story so far (active or aged out), ordered by earliest article."""
        live = [s for s in self._stories.values() if s.merged_into is None]
        live.sort(key=lambda s: min(m.key for m in s.members))
        return [
            Story(
                id=s.id,
                title=self._title(s),
                article_ids=[m.id for m in sorted(s.members, key=lambda m: m.key)],
            )
            for s in live
        ]

    # ------------------------------------------------------------ features

    def _vectorize(self, article: Article, names: Names) -> StrVec:
        cfg = self.config
        words = {
            "w:" + t: w for t, w in sublinear_tf(analyzer()(weighted_text(article, cfg))).items()
        }
        ents: StrVec = {}
        if cfg.use_entities and cfg.entity_weight > 0:
            ents = {
                "e:" + e: w
                for e, w in sublinear_tf(extract_entities([article], cfg, [names])[0]).items()
            }
        self._docs += 1
        for t in (*words, *ents):
            self._df[t] = self._df.get(t, 0) + 1
        return combine(self._tfidf(words), self._tfidf(ents), cfg.entity_weight)

    def _tfidf(self, tf: StrVec) -> StrVec:
        n, p = self._docs + self.config.stream_prior_docs, self.config.idf_power
        return normalized(
            {t: w * math.log((n + 1) / (self._df[t] + 0.5)) ** p for t, w in tf.items()}
        )

    # ------------------------------------------------------------ assignment

    def _rank(self, vec: StrVec, here: DayRange, sig: StrVec) -> list[tuple[float, str]]:
        """Candidate stories, best first: (score, story id)."""
        cands: set[str] = set()
        for t in top_items(vec, self.config.stream_query_terms):
            cands |= self._postings.get(t, set())
        scored = [(self._score(vec, here, sig, self._stories[sid]), sid) for sid in cands]
        return sorted(scored, key=lambda x: (-x[0], self._stories[x[1]].founder))

    def _score(self, vec: StrVec, here: DayRange, sig: StrVec, story: _StoryState) -> float:
        cfg = self.config
        if story.sq_norm <= 0:
            return 0.0
        cos = dot(vec, story.centroid) / math.sqrt(story.sq_norm)
        sig_factor = signature_factor(sig, story.signature, cfg)
        floor = cfg.signature_floor
        agree = (sig_factor - floor) / (1.0 - floor) if floor < 1.0 else 1.0
        bonus = 1.0 + cfg.stream_size_bonus * agree * math.log(story.size)
        return cos * bonus * date_factor(here, story.days, cfg) * sig_factor

    def _new_story(self, article: Article) -> _StoryState:
        base = story_id(article)
        sid, n = base, 1
        while sid in self._stories:
            n += 1
            sid = f"{base}-{n}"
        story = _StoryState(id=sid, founder=order_key(article))
        self._stories[sid] = story
        return story

    def _join(self, story: _StoryState, article: Article, vec: StrVec, here: DayRange) -> None:
        story.sq_norm += 2.0 * dot(vec, story.centroid) + dot(vec, vec)
        add_into(story.centroid, vec)
        for t in vec:
            self._postings.setdefault(t, set()).add(story.id)
        story.size += 1
        story.days = span(story.days, here)
        kept = {t: vec[t] for t in top_items(vec, _KEPT_TERMS)}
        story.members.append(_Member(order_key(article), article.id, fallback_title(article), kept))
        self._article_story[article.id] = story.id
        self._touch(story.id)

    def _join_duplicate(self, article: Article) -> str:
        story = self._stories[self.story_of(article.duplicate_of or "")]
        story.members.append(_Member(order_key(article), article.id, fallback_title(article)))
        self._article_story[article.id] = story.id
        return story.id

    def _maybe_merge(self, story: _StoryState, others: list[str]) -> None:
        cfg = self.config
        if cfg.stream_merge_threshold >= 1.0 or story.size < 2:
            return
        best: tuple[float, str] | None = None
        for sid in others:
            other = self._stories[sid]
            if other.merged_into is not None or sid not in self._active or other.size < 1:
                continue
            shared = dot(story.centroid, other.centroid)
            cos = shared / math.sqrt(story.sq_norm * other.sq_norm)
            cos *= date_factor(story.days, other.days, cfg)
            cos *= signature_factor(story.signature, other.signature, cfg)
            if cos >= cfg.stream_merge_threshold and (best is None or cos > best[0]):
                best = (cos, sid)
        if best is not None:
            older, younger = sorted((story, self._stories[best[1]]), key=lambda s: s.founder)
            self._merge(older, younger)

    def _merge(self, keep: _StoryState, gone: _StoryState) -> None:
        keep.sq_norm += 2.0 * dot(keep.centroid, gone.centroid) + gone.sq_norm
        add_into(keep.centroid, gone.centroid)
        for t in gone.centroid:
            post = self._postings[t]
            post.discard(gone.id)
            post.add(keep.id)
        keep.size += gone.size
        keep.days = span(keep.days, gone.days)
        add_into(keep.signature, gone.signature)
        gone.signature = {}
        keep.members.extend(gone.members)
        gone.centroid, gone.members = {}, []
        gone.merged_into = keep.id
        self._active.pop(gone.id, None)
        self._touch(keep.id)

    # ------------------------------------------------------------ ageing

    def _tick(self, day: int | None) -> None:
        """Advance the stream clock to ``day`` and retire stories outside the window."""
        if day is None:
            return
        if self._clock is None:
            self._origin = day
        self._clock = day if self._clock is None else max(self._clock, day)
        cutoff = self._clock - self.config.window_days
        while self._active:
            sid, stamp = next(iter(self._active.items()))
            last = stamp if stamp is not None else self._origin
            if last is None or last >= cutoff:
                break
            self._retire(sid)

    def _touch(self, sid: str) -> None:
        self._active[sid] = self._clock
        self._active.move_to_end(sid)

    def _evict_over_count(self) -> None:
        while len(self._active) > self.config.max_active:
            self._retire(next(iter(self._active)))

    def _retire(self, sid: str) -> None:
        story = self._stories[sid]
        self._active.pop(sid, None)
        story.title = self._title(story)
        for t in story.centroid:
            post = self._postings.get(t)
            if post is not None:
                post.discard(sid)
                if not post:
                    del self._postings[t]
        story.centroid = {}
        story.signature = {}
        for m in story.members:
            m.vector = None

    def _title(self, story: _StoryState) -> str:
        """The title of the member closest to the centroid (frozen once retired)."""
        if story.title is not None:
            return story.title
        best: _Member | None = None
        best_score = -math.inf
        for m in sorted(story.members, key=lambda m: m.key):
            if m.vector is not None and m.title:
                score = dot(m.vector, story.centroid)
                if score > best_score:
                    best, best_score = m, score
        if best is None:
            return min(story.members, key=lambda m: m.key).title
        return best.title
