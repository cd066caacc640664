"""Load the Spark job's tables into a newsdesk store, through the Store API.

Needs: the job's output directory (read with Spark) and an open
:class:`~newsdesk.store.Store` that is empty or holds only articles of this output.
Produces: the store as ``newsdesk run`` would leave it for the same input: articles (in
input order), duplicate marks and paragraph reuse, stories, and the template lines the
job learnt. ``newsdesk show`` then briefs any story from the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.errors import NewsdeskError
from newsdesk.records import Story
from newsdesk.spark._rows import row_article, row_link, row_reuse

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from newsdesk.clean import TemplateStats
    from newsdesk.store import Store

BATCH = 500


class LoadError(NewsdeskError):
    """The store holds articles that are not part of the job's output."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    added: int
    duplicates: int
    stories: int


def _rows(spark: SparkSession, out: str, table: str, *order: str) -> Iterator[Any]:
    frame = spark.read.parquet(f"{out.rstrip('/')}/{table}")
    if order:
        frame = frame.orderBy(*order)
    rows: Iterator[Any] = frame.toLocalIterator()
    return rows


def _check_store(spark: SparkSession, out: str, store: Store) -> None:
    held = store.count_articles()
    if not held:
        return
    ours = sum(1 for row in _rows(spark, out, "articles") if store.has_article(row["id"]))
    if ours != held:
        raise LoadError(
            f"{store.path} holds {held - ours} articles that are not in {out}; "
            "load a Spark job's output into an empty store (or one it was loaded into)"
        )


def _template_stats(spark: SparkSession, out: str) -> TemplateStats:
    from newsdesk.clean import TemplateStats

    stats = TemplateStats()
    for row in _rows(spark, out, "template_lines"):
        if row["outlet"] is None:
            stats.overall[row["line_key"]] = row["articles"]
        else:
            stats.by_outlet.setdefault(row["outlet"], {})[row["line_key"]] = row["articles"]
    summary = next(_rows(spark, out, "summary"), None)
    stats.articles = int(summary["template_articles"]) if summary is not None else 0
    return stats


def load_into_store(spark: SparkSession, out: str, store: Store) -> LoadReport:
    """Load the tables written to ``out`` into ``store`` (see the module docstring).

    Loading the same output again adds nothing and leaves the store as it was."""
    _check_store(spark, out, store)
    added = 0
    batch = []
    for row in _rows(spark, out, "articles", "file_index", "record"):
        batch.append(row_article(row))
        if len(batch) >= BATCH:
            added += len(store.add_articles(batch))
            batch = []
    added += len(store.add_articles(batch))
    links = [row_link(r) for r in _rows(spark, out, "duplicates")]
    reuse = [row_reuse(r) for r in _rows(spark, out, "reuse")]
    store.set_duplicates(links, reuse)
    stories = [
        Story(id=r["id"], title=r["title"], article_ids=list(r["article_ids"]))
        for r in _rows(spark, out, "stories", "id")
    ]
    store.replace_stories(stories)
    if added:
        store.add_template_stats(_template_stats(spark, out))
    return LoadReport(added=added, duplicates=len(links), stories=len(stories))
