"""Streaming clustering: articles arrive in time order and join a story at once.

Each article becomes a unit vector (TF-IDF with document frequencies counted so far,
optionally mixed with entities). Candidate stories are the *active* stories indexed under
one of the article's ``stream_query_terms`` heaviest terms (a story is indexed under every
term of its capped centroid; a query term shared by more than ``stream_max_postings``
stories finds none), and only the ``stream_candidates`` stories sharing the most query
weight are scored. The article joins the best story if its score
reaches ``stream_threshold``; otherwise it starts a new story. The score of story ``s``::

    dot(v, C_s) / (n_s ** link * |C_s| ** (1 - link)) * size bonus * date * names

``C_s`` is the sum of the members' vectors, capped to its ``stream_centroid_terms``
heaviest terms, ``n_s`` the story's size. With ``link = 1`` (the default) the score is the
article's mean cosine to the members, as in batch average linkage: a story whose members
are about many things does not become a better home by growing, which is what made
long-running subjects snowball. ``link = 0`` is the cosine to the centroid, which with a
size bonus ``1 + bonus * agree * ln(min(n_s, stream_bonus_cap))`` suits topic streams
(:meth:`ClusterConfig.for_topics`; the default has no bonus).

*names* compares lead names (:mod:`newsdesk.cluster.names`): the share of the article's
lead names that the story's members name (a name only some members name counts in part)
times the share of the story's lead names that the article names, each name weighted by
its inverse document frequency among the names of the stream (a small town or a victim
counts, "Biden" little). Reports of one event name each other's lead names somewhere; a
report that recalls an earlier event names that event's place, but the earlier reports
never name its own. No shared name gives ``signature_floor``; ``stream_name_match`` or
more gives 1 (linear between).

*date* compares the article's day with the story's days (no penalty within
``date_grace_days``, then ``exp(-extra / decay)``, at least ``date_floor``); the decay is
stretched by ``1 + stream_follow_up * agreement``: a follow-up days later (an arrest,
charges, a victim who died) still names the people and the place of its story.

Two later checks make up for deciding at once, as batch refinement does:

* after a join, the story is compared with the runner-up candidates of that article; if
  two stories' mean pairwise similarity (times the date and names factors) reaches
  ``stream_merge_threshold`` the younger is merged into the older (its id becomes an
  alias: :meth:`StreamClusterer.story_of` and :meth:`StreamClusterer.resolve` follow it);
* a story started by an article that is still alone ``stream_review_after`` articles
  later (or when it is about to leave the active set) is merged into its best story if
  that scores ``stream_absorb_threshold``: the report's own story never came, so it
  belongs with its nearest one. :meth:`StreamClusterer.stories` takes the input to end
  there and reviews the stories still waiting first (:meth:`StreamClusterer.flush`).

Stories leave the active set when not updated for ``window_days`` of publication time or
when more than ``max_active`` are active (least recently updated first); they are still
returned by :meth:`StreamClusterer.stories`.

Cost: every step for one article reads a bounded number of postings, scores a bounded
number of stories, each with a capped centroid, capped name lists and a bounded pool of
title candidates; a merge moves no member list (members are gathered at output). So the
cost of adding an article does not grow with the size of the stories it meets;
:meth:`StreamClusterer.stats` reports the most work spent on one article.
:meth:`StreamClusterer.state` and :meth:`StreamClusterer.from_state` save and restore
the clusterer (:mod:`newsdesk.cluster.stream_state`).
"""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

from newsdesk.cluster.config import ClusterConfig
from newsdesk.cluster.features import (
    analyzer,
    article_day,
    combine,
    dot,
    extract_entities,
    normalized,
    sublinear_tf,
    top_items,
    weighted_text,
)
from newsdesk.cluster.names import Names, article_names
from newsdesk.cluster.stories import fallback_title, order_key, story_id
from newsdesk.cluster.stream_state import (
    Member,
    StoryState,
    StreamState,
    TitleCandidate,
    Vec,
)
from newsdesk.records import Article, Story

_MERGE_CANDIDATES = 3
"""How many runner-up stories of an article are checked for a merge after it joins."""
_TITLE_POOL = 4
"""Title candidates kept per story (those closest to its centroid)."""
_TITLE_TERMS = 30
"""Terms kept of each title candidate's vector."""
_PRUNE_SLACK = 1.25
"""A capped vector is cut back to its cap once it holds this many times more entries."""


@dataclass(slots=True)
class StreamStats:
    """The most work spent on one article so far (each bounded by the config)."""

    max_candidates: int = 0
    """Stories scored for one article."""
    max_terms: int = 0
    """Terms of the largest centroid an article was compared with."""
    max_postings: int = 0
    """Index entries read for one article."""


@dataclass(frozen=True, slots=True)
class _Query:
    """What an article (or a story under review) is compared with stories by."""

    vec: Vec
    day: int | None
    lead: Vec
    """Lead signature: the names of the title and lead, weighted."""
    names: Vec
    """Every name word of the title and lead window."""


class StreamClusterer:
    """Assign articles to stories one at a time (see the module docstring)."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._s = StreamState()
        self._active: OrderedDict[str, None] = OrderedDict()
        """Active story ids, least recently updated first."""
        self._postings: dict[str, set[str]] = {}
        self._indexed: dict[str, set[str]] = {}
        """Active story id -> the terms it is indexed under."""
        self._stats = StreamStats()

    # ------------------------------------------------------------ public

    def add(self, article: Article) -> str:
        """Assign ``article`` to a story and return that story's id."""
        s, cfg = self._s, self.config
        if article.id in s.article_story:
            return self.story_of(article.id)
        s.seen += 1
        if article.duplicate_of and article.duplicate_of in s.article_story:
            return self._join_duplicate(article)
        names = article_names(article, cfg)
        vec = self._vectorize(article, names)
        query = _Query(vec, article_day(article, cfg), dict(names.signature), self._names(names))
        self._tick(query.day)
        ranked = self._rank(query)
        if ranked and ranked[0][0] >= cfg.stream_threshold:
            story = s.stories[ranked[0][1]]
        else:
            story = self._new_story(article)
            if cfg.stream_review_after > 0:
                s.pending.append((s.seen + cfg.stream_review_after, story.id))
        self._join(story, article, query)
        self._maybe_merge(story, [sid for _, sid in ranked[1 : 1 + _MERGE_CANDIDATES]])
        self._review_due()
        self._evict_over_count()
        return self.story_of(article.id)

    def story_of(self, article_id: str) -> str:
        """The current id of the story holding ``article_id`` (after merges)."""
        return self.resolve(self._s.article_story[article_id])

    def resolve(self, story_id: str) -> str:
        """Follow merges: the id of the story that ``story_id`` now belongs to."""
        story = self._s.stories[story_id]
        while story.merged_into is not None:
            story = self._s.stories[story.merged_into]
        return story.id

    def active_story_ids(self) -> list[str]:
        """Ids of the stories that can still receive articles (oldest update first)."""
        return list(self._active)

    def flush(self) -> None:
        """Review now every story still waiting for its review (the end of the input)."""
        s = self._s
        if s.pending:
            s.pending = [(0, sid) for _, sid in s.pending]
            self._review_due()

    def stories(self) -> list[Story]:
        """Every story so far (active or aged out), ordered by earliest article.

        The input is taken to end here: stories still waiting for their review are
        reviewed first (:meth:`flush`)."""
        self.flush()
        members: dict[str, list[Member]] = {}
        for sid, state in self._s.stories.items():
            members.setdefault(self.resolve(sid), []).extend(state.members)
        out: list[tuple[tuple[str, str], Story]] = []
        for sid, ms in members.items():
            ms.sort(key=lambda m: (m.published, m.id))
            title = self._title(self._s.stories[sid])
            story = Story(id=sid, title=title, article_ids=[m.id for m in ms])
            out.append(((ms[0].published, ms[0].id), story))
        out.sort(key=lambda x: x[0])
        return [story for _, story in out]

    def stats(self) -> StreamStats:
        """The most work spent on one article so far (see :class:`StreamStats`)."""
        st = self._stats
        return StreamStats(st.max_candidates, st.max_terms, st.max_postings)

    def state(self) -> StreamState:
        """The clusterer's state. These are the live objects: serialise them
        (:meth:`StreamState.to_dict`) before adding more articles if they must be kept."""
        self._s.active = list(self._active)
        return self._s

    @classmethod
    def from_state(cls, state: StreamState, config: ClusterConfig | None = None) -> StreamClusterer:
        """A clusterer that goes on from ``state``, as the one that produced it would (the
        index is rebuilt from the active stories' centroids)."""
        sc = cls(config)
        sc._s = state
        for sid in state.active:
            sc._active[sid] = None
            sc._index(state.stories[sid])
        return sc

    # ------------------------------------------------------------ features

    def _vectorize(self, article: Article, names: Names) -> Vec:
        cfg = self.config
        words = {
            "w:" + t: w for t, w in sublinear_tf(analyzer()(weighted_text(article, cfg))).items()
        }
        ents: Vec = {}
        if cfg.use_entities and cfg.entity_weight > 0:
            ents = {
                "e:" + e: w
                for e, w in sublinear_tf(extract_entities([article], cfg, [names])[0]).items()
            }
        self._s.docs += 1
        df = self._s.df
        for t in (*words, *ents):
            df[t] = df.get(t, 0) + 1
        return combine(self._tfidf(words), self._tfidf(ents), cfg.entity_weight)

    def _idf(self, term: str) -> float:
        n = self._s.docs + self.config.stream_prior_docs
        return math.log((n + 1) / (self._s.df.get(term, 0) + 0.5))

    def _tfidf(self, tf: Vec) -> Vec:
        p = self.config.idf_power
        return normalized({t: w * self._idf(t) ** p for t, w in tf.items()})

    def _names(self, names: Names) -> Vec:
        """The article's name words (counted for their IDF), weight 1 each."""
        bag = {w: 1.0 for p in names.phrases for w in p.split() if w != "of"}
        bag.update(dict.fromkeys(names.signature, 1.0))
        df = self._s.df
        for name in bag:
            key = "n:" + name
            df[key] = df.get(key, 0) + 1
        return bag

    # ------------------------------------------------------------ scoring

    def _rank(self, query: _Query) -> list[tuple[float, str]]:
        """Candidate stories, best first: (score, story id)."""
        cfg = self.config
        shared: dict[str, float] = {}
        read = 0
        for t in top_items(query.vec, cfg.stream_query_terms):
            post = self._postings.get(t)
            if not post or len(post) > cfg.stream_max_postings:
                continue
            read += len(post)
            w = query.vec[t]
            for sid in post:
                shared[sid] = shared.get(sid, 0.0) + w
        cands = heapq.nlargest(cfg.stream_candidates, shared.items(), key=lambda kv: (kv[1], kv[0]))
        st = self._stats
        st.max_postings = max(st.max_postings, read)
        st.max_candidates = max(st.max_candidates, len(cands))
        stories = self._s.stories
        scored = [(self._score(query, stories[sid]), sid) for sid, _ in cands]
        return sorted(scored, key=lambda x: (-x[0], stories[x[1]].founder))

    def _score(self, query: _Query, story: StoryState) -> float:
        cfg = self.config
        self._stats.max_terms = max(self._stats.max_terms, len(story.centroid))
        base = self._link(dot(query.vec, story.centroid), story.size, story.sq_norm)
        if base <= 0:
            return 0.0
        factor, agree = self._agreement(query.lead, query.names, story)
        bonus = 1.0
        if cfg.stream_size_bonus > 0:
            floor = cfg.signature_floor
            share = (factor - floor) / (1.0 - floor) if floor < 1.0 else 1.0
            size = min(story.size, cfg.stream_bonus_cap)
            bonus += cfg.stream_size_bonus * share * math.log(max(size, 1))
        days = (query.day, query.day) if query.day is not None else None
        return base * bonus * factor * self._date(days, story, agree)

    def _link(self, shared: float, size: float, sq_norm: float) -> float:
        """Mean cosine (``link`` 1) to cosine with the centroid (``link`` 0)."""
        if size <= 0 or sq_norm <= 0:
            return 0.0
        beta = self.config.stream_link
        return shared / (math.pow(size, beta) * math.pow(sq_norm, (1.0 - beta) / 2.0))

    def _agreement(self, lead: Vec, names: Vec, story: StoryState) -> tuple[float, float]:
        """(names factor, agreement 0..1) of an article's (or story's) lead and names with a
        story's; ``(1, 0)`` when either side has no lead names. The agreement is the share
        of the article's lead names the story's members name (in part when only some do)
        times the share of the story's lead names the article names: a report that recalls
        an earlier event names that event's place, but the earlier reports never name its
        own."""
        if not lead or not story.signature:
            return 1.0, 0.0
        agree = self._contained(lead, story.names, story.size) * self._contained(
            story.signature, names
        )
        cfg = self.config
        floor = cfg.signature_floor
        factor = floor + (1.0 - floor) * min(1.0, agree / max(cfg.stream_name_match, 1e-9))
        return factor, agree

    def _contained(
        self, lead: Mapping[str, float], names: Mapping[str, float], size: int = 0
    ) -> float:
        """IDF-weighted share of the names of ``lead`` found in ``names``. With ``size``,
        ``names`` counts how many of ``size`` members name each, and a name counts in part."""
        total = found = 0.0
        for t, w in lead.items():
            x = w * self._idf("n:" + t)
            total += x
            n = names.get(t, 0.0)
            if n > 0:
                found += x * (min(1.0, n / size) if size > 0 else 1.0)
        return found / total if total > 0 else 0.0

    def _date(self, days: tuple[int, int] | None, story: StoryState, agree: float) -> float:
        """The date factor of ``days`` (first, last) against the story's days."""
        cfg = self.config
        if days is None or story.first_day is None or story.last_day is None:
            return 1.0
        gap = max(days[0] - story.last_day, story.first_day - days[1], 0)
        extra = gap - cfg.date_grace_days
        if extra <= 0:
            return 1.0
        decay = max(cfg.date_decay_days, 1e-9) * (1.0 + cfg.stream_follow_up * agree)
        return max(cfg.date_floor, math.exp(-extra / decay))

    def _story_query(self, story: StoryState) -> _Query:
        return _Query(story.centroid, story.last_day, story.signature, story.names)

    def _between(self, a: StoryState, b: StoryState) -> float:
        """Mean pairwise similarity of two stories times the names and date factors."""
        shared = dot(a.centroid, b.centroid)
        beta = self.config.stream_link
        norms = math.sqrt(a.sq_norm * b.sq_norm)
        scale = math.pow(a.size * b.size, beta) * math.pow(norms, 1.0 - beta)
        if scale <= 0:
            return 0.0
        factor, agree = self._agreement(a.signature, a.names, b)
        days = None
        if a.first_day is not None and a.last_day is not None:
            days = (a.first_day, a.last_day)
        return shared / scale * factor * self._date(days, b, agree)

    # ------------------------------------------------------------ stories

    def _new_story(self, article: Article) -> StoryState:
        base = story_id(article)
        sid, n = base, 1
        while sid in self._s.stories:
            n += 1
            sid = f"{base}-{n}"
        story = StoryState(id=sid, founder=order_key(article))
        self._s.stories[sid] = story
        return story

    def _join(self, story: StoryState, article: Article, query: _Query) -> None:
        cfg = self.config
        vec = query.vec
        story.sq_norm += 2.0 * dot(vec, story.centroid) + dot(vec, vec)
        _add(story.centroid, vec)
        if len(story.centroid) > _PRUNE_SLACK * cfg.stream_centroid_terms:
            story.centroid = _prune(story.centroid, cfg.stream_centroid_terms)
            story.sq_norm = dot(story.centroid, story.centroid)
        story.signature = _capped_sum(story.signature, query.lead, cfg.stream_signature_names)
        story.names = _capped_sum(story.names, query.names, cfg.stream_story_names)
        story.size += 1
        if query.day is not None:
            story.first_day = _min(story.first_day, query.day)
            story.last_day = _max(story.last_day, query.day)
        published, aid = order_key(article)
        story.members.append(Member(published, aid))
        self._offer_title(story, article, vec)
        self._s.article_story[article.id] = story.id
        self._touch(story)
        self._index(story)

    def _join_duplicate(self, article: Article) -> str:
        story = self._s.stories[self.story_of(article.duplicate_of or "")]
        published, aid = order_key(article)
        story.members.append(Member(published, aid))
        self._s.article_story[article.id] = story.id
        return story.id

    def _maybe_merge(self, story: StoryState, others: list[str]) -> None:
        cfg = self.config
        if cfg.stream_merge_threshold >= 1.0:
            return
        best: tuple[float, str] | None = None
        for sid in others:
            other = self._s.stories[sid]
            if other.merged_into is not None or sid not in self._active or other.size < 1:
                continue
            sim = self._between(story, other)
            if sim >= cfg.stream_merge_threshold and (best is None or sim > best[0]):
                best = (sim, sid)
        if best is not None:
            self._merge(story, self._s.stories[best[1]])

    def _review_due(self) -> None:
        """Review the stories whose review is due (see :meth:`_review`)."""
        s = self._s
        while s.pending and s.pending[0][0] <= s.seen:
            self._review(s.pending.pop(0)[1])

    def _review(self, sid: str) -> None:
        """A story whose first article is still alone ``stream_review_after`` articles later
        (or when it is about to leave the active set) joins its best story if that scores
        ``stream_absorb_threshold``: the report's own story never came."""
        s, cfg = self._s, self.config
        story = s.stories[sid]
        if story.merged_into is not None or sid not in self._active or story.size != 1:
            return
        ranked = [(v, o) for v, o in self._rank(self._story_query(story)) if o != sid]
        if ranked and ranked[0][0] >= cfg.stream_absorb_threshold:
            self._merge(story, s.stories[ranked[0][1]])

    def _review_before_leaving(self, leaving: list[str]) -> None:
        """Review the pending stories among ``leaving`` while all of them are active."""
        s = self._s
        gone = set(leaving)
        due = [sid for _, sid in s.pending if sid in gone]
        if due:
            s.pending = [(d, sid) for d, sid in s.pending if sid not in gone]
            for sid in due:
                self._review(sid)

    def _merge(self, a: StoryState, b: StoryState) -> None:
        """Fold the younger of two stories into the older. The younger keeps its members
        (gathered by :meth:`stories`), so a merge costs the same whatever the sizes."""
        cfg = self.config
        keep, gone = sorted((a, b), key=lambda x: x.founder)
        _add(keep.centroid, gone.centroid)
        keep.centroid = _prune(keep.centroid, cfg.stream_centroid_terms)
        keep.sq_norm = dot(keep.centroid, keep.centroid)
        keep.signature = _capped_sum(keep.signature, gone.signature, cfg.stream_signature_names)
        keep.names = _capped_sum(keep.names, gone.names, cfg.stream_story_names)
        keep.size += gone.size
        for day in (gone.first_day, gone.last_day):
            if day is not None:
                keep.first_day = _min(keep.first_day, day)
                keep.last_day = _max(keep.last_day, day)
        keep.title_pool = self._best_titles(keep, [*keep.title_pool, *gone.title_pool])
        gone.merged_into = keep.id
        gone.title_pool = []
        days = [d for d in (keep.touched_day, gone.touched_day) if d is not None]
        self._deactivate(gone)
        self._touch(keep, max(days) if days else None)
        self._index(keep)

    # ------------------------------------------------------------ index

    def _index(self, story: StoryState) -> None:
        """Index an active story under every term of its (capped) centroid."""
        old = self._indexed.get(story.id)
        new = set(story.centroid)
        if old is not None:
            for t in old - new:
                self._unpost(t, story.id)
            fresh = new - old
        else:
            fresh = new
        for t in fresh:
            self._postings.setdefault(t, set()).add(story.id)
        self._indexed[story.id] = new

    def _unpost(self, term: str, sid: str) -> None:
        post = self._postings.get(term)
        if post is not None:
            post.discard(sid)
            if not post:
                del self._postings[term]

    # ------------------------------------------------------------ titles

    def _offer_title(self, story: StoryState, article: Article, vec: Vec) -> None:
        title = fallback_title(article)
        if not title:
            return
        published, aid = order_key(article)
        kept = {t: vec[t] for t in top_items(vec, _TITLE_TERMS)}
        pool = [*story.title_pool, TitleCandidate(aid, published, title, kept)]
        story.title_pool = self._best_titles(story, pool) if len(pool) > _TITLE_POOL else pool

    def _best_titles(self, story: StoryState, pool: list[TitleCandidate]) -> list[TitleCandidate]:
        """The candidates closest to the centroid, best first (earliest on ties)."""
        ranked = sorted(pool, key=lambda c: (-dot(c.vector, story.centroid), c.published, c.id))
        return ranked[:_TITLE_POOL]

    def _title(self, story: StoryState) -> str:
        """The title of the candidate closest to the centroid (frozen once retired)."""
        if story.title is not None:
            return story.title
        if story.title_pool:
            return self._best_titles(story, story.title_pool)[0].title
        return ""

    # ------------------------------------------------------------ ageing

    def _tick(self, day: int | None) -> None:
        """Advance the stream clock to ``day`` and retire stories outside the window."""
        s = self._s
        if day is None:
            return
        if s.day is None:  # the first dated article: undated stories date from here
            for sid in self._active:
                s.stories[sid].touched_day = day
        s.day = day if s.day is None else max(s.day, day)
        cutoff = s.day - self.config.window_days
        leaving: list[str] = []
        for sid in self._active:
            last = s.stories[sid].touched_day
            if last is None or last >= cutoff:
                break
            leaving.append(sid)
        self._leave(leaving)

    def _evict_over_count(self) -> None:
        excess = len(self._active) - self.config.max_active
        if excess > 0:
            self._leave(list(self._active)[:excess])

    def _leave(self, leaving: list[str]) -> None:
        """Retire ``leaving`` (reviewing the pending ones first)."""
        if not leaving:
            return
        self._review_before_leaving(leaving)
        for sid in leaving:
            if sid in self._active:
                self._retire(sid)

    def _touch(self, story: StoryState, day: int | None = None) -> None:
        story.touched_day = self._s.day if day is None else day
        self._active[story.id] = None
        self._active.move_to_end(story.id)

    def _deactivate(self, story: StoryState) -> None:
        self._active.pop(story.id, None)
        for t in self._indexed.pop(story.id, set()):
            self._unpost(t, story.id)
        story.centroid, story.signature, story.names, story.sq_norm = {}, {}, {}, 0.0

    def _retire(self, sid: str) -> None:
        story = self._s.stories[sid]
        story.title = self._title(story)
        story.title_pool = []
        self._deactivate(story)


def _add(target: Vec, vec: Mapping[str, float]) -> None:
    for t, w in vec.items():
        target[t] = target.get(t, 0.0) + w


def _prune(vec: Vec, keep: int) -> Vec:
    """The ``keep`` heaviest entries of ``vec``."""
    if len(vec) <= keep:
        return vec
    return dict(heapq.nlargest(keep, vec.items(), key=lambda kv: kv[1]))


def _capped_sum(target: Vec, vec: Mapping[str, float], cap: int) -> Vec:
    """``target + vec``, cut back to its ``cap`` heaviest entries when it grows past it."""
    _add(target, vec)
    return _prune(target, cap) if len(target) > _PRUNE_SLACK * cap else target


def _min(a: int | None, b: int) -> int:
    return b if a is None else min(a, b)


def _max(a: int | None, b: int) -> int:
    return b if a is None else max(a, b)
