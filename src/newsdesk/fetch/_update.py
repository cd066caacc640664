"""The hand-off from fetching to the pipeline: store documents, then update the stories.

Needs: a :class:`~newsdesk.store.Store` and fetched :class:`RawDocument` records.
Produces: stored articles (cleaned exactly as ``newsdesk ingest`` cleans files, keyed by
the same content hash, so fetching a report twice stores it once) and stories that
include them, so ``newsdesk stories`` lists fetched reports as soon as a fetch returns.

:func:`update_stories` is the one place fetching asks for dedupe and clustering; today it
re-runs both over the whole store (``pipeline.dedupe_store`` / ``cluster_store``), and
an incremental update that only looks at ``added`` can replace its body. It runs inside
:meth:`~newsdesk.store.Store.updating`, so on a shared (PostgreSQL) store one worker
recomputes at a time and a worker whose articles another's recompute took in skips its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.pipeline import IngestReport, article_id, clean_articles
from newsdesk.records import RawDocument
from newsdesk.store import Store

BATCH = 100
"""Articles committed per transaction."""


def store_documents(store: Store, docs: Sequence[RawDocument]) -> IngestReport:
    """Clean and store the documents new to the store, committed in batches."""
    report = IngestReport(documents=len(docs))
    seen: set[str] = set()
    new_docs = []
    for doc in docs:
        aid = article_id(doc)
        if aid not in seen and not store.has_article(aid):
            seen.add(aid)
            new_docs.append(doc)
    if not new_docs:
        return report
    articles, delta = clean_articles(new_docs, store.template_stats())
    for start in range(0, len(articles), BATCH):
        report.added.extend(store.add_articles(articles[start : start + BATCH]))
    store.add_template_stats(delta)
    return report


def stories_behind(store: Store) -> bool:
    """Are there stored articles no story holds (a run stopped between commit and update)?"""
    in_stories = sum(s.article_count for s in store.story_summaries())
    return in_stories < store.count_articles()


def update_stories(store: Store, added: Sequence[str]) -> None:
    """Bring duplicates and stories up to date after ``added`` articles went in.

    (The whole-store update below does not need ``added``; an incremental one will.)"""
    from newsdesk.pipeline import cluster_store, dedupe_store

    with store.updating() as needed:  # one process at a time recomputes (PostgreSQL)
        if needed:  # else a recompute begun after ours were stored took them in
            dedupe_store(store)
            cluster_store(store)
