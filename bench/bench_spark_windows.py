"""What clustering in date windows costs, and what the boundary join gives back (no Spark).

Runs the Spark job's cluster stage in one process on generated articles: the batch
clusterer on everything (the single-machine path), per publication window
(``newsdesk.spark``'s ``cluster_window``), and per window plus the boundary join
(``boundaries``, ``join_boundary``, connected components): the same functions the job runs
on its executors, with TF-IDF fitted on the whole collection (``CorpusWeights``, what the
job does) and, for comparison, fitted per window and per boundary (what it did before).
Prints NMI against the generated events and the number of stories.

    python bench/bench_spark_windows.py --articles 2000 --window-days 7 30
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import replace

from sklearn.metrics import normalized_mutual_info_score

from gen_corpus import generate
from newsdesk.cluster import cluster_articles
from newsdesk.cluster.features import parse_iso
from newsdesk.dedupe import find_duplicates
from newsdesk.pipeline import clean_articles
from newsdesk.records import Article, RawDocument
from newsdesk.spark._cluster import (
    Dated,
    WindowConfig,
    boundaries,
    cluster_window,
    join_boundary,
    window_of,
)
from newsdesk.spark._components import components_of
from newsdesk.spark._weights import CorpusWeights


def _score(labels: dict[str, str], events: dict[str, str]) -> str:
    ids = sorted(labels)
    nmi = normalized_mutual_info_score([events[i] for i in ids], [labels[i] for i in ids])
    return f"NMI {nmi:.3f}, {len(set(labels.values())):,} stories"


def _windowed(
    articles: list[Article], dups: dict[str, str], days: int, corpus_idf: bool
) -> tuple[dict[str, str], dict[str, str]]:
    cfg = WindowConfig(window_days=days)
    primaries = [a for a in articles if a.id not in dups]
    weights = CorpusWeights.fit(primaries, cfg.cluster) if corpus_idf else None
    by_window: dict[int, list[Dated]] = defaultdict(list)
    for a in primaries:
        day = parse_iso(a.published)
        by_window[window_of(day, days)].append(Dated(a, day))
    stories = [
        s for w, members in by_window.items() for s in cluster_window(w, members, cfg, weights)
    ]
    alone = {x: s.key for s in stories for x in s.article_ids}
    alone.update({a: alone[o] for a, o in dups.items()})
    tasks = defaultdict(list)
    for s in stories:
        for k in boundaries(s, cfg):
            tasks[k].append(s)
    by_id = {a.id: a for a in primaries}
    edges = [
        e for group in tasks.values() for e in join_boundary(group, by_id, cfg.cluster, weights)
    ]
    roots = components_of(edges)
    return alone, {x: roots.get(key, key) for x, key in alone.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--window-days", type=int, nargs="+", default=[7, 30])
    args = ap.parse_args()
    generated = generate(args.articles, args.seed)
    docs = [
        RawDocument(
            f"gen#{i}", "jsonl", g["text"], g["title"], (), g["published"], g["outlet"], g["url"]
        )
        for i, g in enumerate(generated)
    ]
    articles, _ = clean_articles(docs)
    events = {a.id: g["event"] for a, g in zip(articles, generated, strict=True)}
    dups = {d.article_id: d.original_id for d in find_duplicates(articles)}
    articles = [replace(a, duplicate_of=dups.get(a.id)) for a in articles]
    single = {x: s.id for s in cluster_articles(articles) for x in s.article_ids}
    print(f"{args.articles:,} generated articles, {len(set(events.values())):,} events")
    print(f"single machine (one batch): {_score(single, events)}")
    for days in args.window_days:
        for corpus_idf in (True, False):
            alone, joined = _windowed(articles, dups, days, corpus_idf)
            fit = "collection" if corpus_idf else "each window"
            print(
                f"{days}-day windows, TF-IDF fitted on {fit}: {_score(alone, events)}; "
                f"with the boundary join: {_score(joined, events)}"
            )


if __name__ == "__main__":
    main()
