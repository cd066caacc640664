"""Corpus-wide TF-IDF weights (``spark/_weights.py``): every window's vectors are the
single-machine clusterer's vectors, and windowed clustering comes close to one batch.
No Spark needed: these are the functions the job runs on its executors."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import normalized_mutual_info_score

from gen_corpus import generate
from newsdesk.cluster import ClusterConfig, cluster_articles
from newsdesk.cluster.batch import vectorize
from newsdesk.cluster.features import parse_iso
from newsdesk.cluster.names import article_names
from newsdesk.cluster.stories import order_key
from newsdesk.dedupe import find_duplicates
from newsdesk.ingest import iter_documents
from newsdesk.pipeline import clean_articles
from newsdesk.records import Article, RawDocument
from newsdesk.spark._cluster import Dated, WindowConfig, cluster_window, window_of
from newsdesk.spark._weights import CorpusWeights, count_terms

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    docs = list(iter_documents([EXAMPLES], on_error=lambda e: None))
    return sorted(clean_articles(docs)[0], key=order_key)  # as the batch clusterer takes them


@pytest.fixture(scope="module")
def generated() -> tuple[list[Article], dict[str, str]]:
    made = generate(600, 3)
    docs = [
        RawDocument(f"g#{i}", "jsonl", g["text"], g["title"], (), g["published"], g["outlet"])
        for i, g in enumerate(made)
    ]
    articles = clean_articles(docs)[0]
    events = {a.id: g["event"] for a, g in zip(articles, made, strict=True)}
    dups = {d.article_id: d.original_id for d in find_duplicates(articles)}
    marked = [replace(a, duplicate_of=dups.get(a.id)) for a in articles]
    return sorted(marked, key=order_key), events


def _names(articles: list[Article], cfg: ClusterConfig) -> list:  # type: ignore[type-arg]
    return [article_names(a, cfg) for a in articles]


@pytest.mark.parametrize("entities", [True, False])
def test_whole_collection_vectors_equal_the_batch_clusterer(
    example_articles: list[Article], entities: bool
) -> None:
    cfg = ClusterConfig(use_entities=entities)
    names = _names(example_articles, cfg)
    expected = vectorize(example_articles, cfg, names)
    got = CorpusWeights.fit(example_articles, cfg).vectorize(example_articles, cfg, names)
    assert got.shape == expected.shape and expected.shape[1] > 100
    _same_bits(got, expected)


def _same_bits(got: Any, expected: Any) -> None:
    """The same stored entries in the same order with the same values, to the last bit:
    ties between equal scores (the title of a two-article story) break alike."""
    assert got.indptr.tolist() == expected.indptr.tolist()
    assert got.indices.tolist() == expected.indices.tolist()
    assert got.data.tobytes() == expected.data.tobytes()


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_a_part_gets_the_rows_the_whole_collection_gives_it(
    generated: tuple[list[Article], dict[str, str]], data: st.DataObject
) -> None:
    articles = generated[0]
    cfg = ClusterConfig()
    picked = sorted(data.draw(st.sets(st.integers(0, len(articles) - 1), min_size=1, max_size=60)))
    whole = vectorize(articles, cfg, _names(articles, cfg))
    weights = CorpusWeights.fit(articles, cfg)
    part = [articles[i] for i in picked]
    got = weights.vectorize(part, cfg, _names(part, cfg))
    _same_bits(got, whole[picked])


def test_min_df_drops_words_of_one_article(example_articles: list[Article]) -> None:
    cfg = ClusterConfig()
    n, stats = count_terms(example_articles, cfg)
    df = {term: count for term, (count, _) in stats.items()}
    weights = CorpusWeights.from_counts(n, stats, cfg)
    rare = [t for (kind, t), c in df.items() if kind == "w" and c == 1]
    assert rare and not any(t in weights.words.columns for t in rare)
    assert list(weights.words.columns) == sorted(weights.words.columns)
    idf = dict(zip(weights.words.columns, weights.words.idf, strict=True))
    common = max(weights.words.columns, key=lambda t: df[("w", t)])
    assert idf[common] == pytest.approx(np.log((1 + n) / (1 + df[("w", common)])) + 1)


def _nmi(labels: dict[str, str], events: dict[str, str]) -> float:
    ids = sorted(labels)
    return float(normalized_mutual_info_score([events[i] for i in ids], [labels[i] for i in ids]))


def _windowed(articles: list[Article], weights: CorpusWeights | None) -> dict[str, str]:
    cfg = WindowConfig(window_days=7)
    by_window: dict[int, list[Dated]] = defaultdict(list)
    for a in articles:
        if a.duplicate_of is None:
            day = parse_iso(a.published)
            by_window[window_of(day, cfg.window_days)].append(Dated(a, day))
    labels = {
        x: s.key
        for w, members in by_window.items()
        for s in cluster_window(w, members, cfg, weights)
        for x in s.article_ids
    }
    return labels


def test_windows_with_collection_weights_come_close_to_one_batch(
    generated: tuple[list[Article], dict[str, str]],
) -> None:
    """Weekly windows over a month of generated reports: with per-window IDF the stories
    merge same-kind events (NMI several points under one batch); with the collection's
    IDF they come within a point of it."""
    articles, events = generated
    primaries = [a for a in articles if a.duplicate_of is None]
    single = {x: s.id for s in cluster_articles(primaries) for x in s.article_ids if x in events}
    weights = CorpusWeights.fit(primaries, ClusterConfig())
    with_weights = _nmi(_windowed(articles, weights), events)
    per_window = _nmi(_windowed(articles, None), events)
    one_batch = _nmi(single, events)
    assert len({window_of(parse_iso(a.published), 7) for a in primaries}) >= 4
    assert with_weights >= one_batch - 0.015
    assert with_weights > per_window + 0.01
