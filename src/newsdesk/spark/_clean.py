"""Clean stage of the Spark job: template statistics over the whole input, then clean.

Needs: the job's :class:`~newsdesk.records.RawDocument` records (an RDD of
:class:`Extracted`).
Produces: the :class:`~newsdesk.clean.TemplateStats` that ``newsdesk ingest`` would learn
from the same batch (reduced to the lines that reach a threshold, which is all the cleaner
asks of it), and cleaned :class:`~newsdesk.records.Article` records.

The statistics are what :meth:`newsdesk.clean.Cleaner.batch_stats` computes, done as Spark
operations: each executor lists a document's candidate template lines and its long lines;
near-copies (documents sharing half of their long lines) are found through an inverted
index of long lines (lines in more than ``copy_max_df`` documents skipped, as in
:func:`newsdesk.clean.template.copy_groups`) and grouped with connected components; a line
then counts once per group and outlet. Cleaning itself is :meth:`newsdesk.clean.Cleaner.clean`
with those statistics, one document at a time on the executors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.clean import CleanConfig, Cleaner, TemplateStats
from newsdesk.records import Article, RawDocument
from newsdesk.spark._components import connected_components

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document read from the input, where it was found, and its article id."""

    doc: RawDocument
    article_id: str
    file_index: int
    number: int


@dataclass(frozen=True, slots=True)
class DocLines:
    """The lines of one document that the template statistics count."""

    candidates: frozenset[str]
    """Keys of the lines that could be site template (short, not a sentence, not debris)."""
    content: frozenset[str]
    """Keys of its long lines, which identify near-copies."""


def doc_lines(doc: RawDocument, config: CleanConfig) -> DocLines:
    """The per-document step of :meth:`~newsdesk.clean.Cleaner.batch_stats`.

    Uses the cleaner's own line splitting and rules (``_prepare``) and candidate test,
    so a change to the clean stage's rules changes both paths alike."""
    from newsdesk.clean.cleaner import _prepare
    from newsdesk.clean.rules import DocContext
    from newsdesk.clean.text import line_key, words

    prep = _prepare(doc, DocContext.of(doc))
    free = [u.text for u, r in zip(prep.units, prep.base, strict=True) if r is None]
    candidates = Cleaner(config)._candidate_keys(free)
    content = {line_key(t) for t in free if len(words(t)) >= config.copy_min_words}
    return DocLines(frozenset(candidates), frozenset(content))


def _line_rows(items: Iterator[Extracted], config: CleanConfig) -> Iterator[tuple[Any, ...]]:
    for item in items:
        lines = doc_lines(item.doc, config)
        yield (item.article_id, item.doc.outlet, sorted(lines.content), sorted(lines.candidates))


_LINES_SCHEMA = "doc string, outlet string, content array<string>, candidates array<string>"


def copy_groups(lines: DataFrame, config: CleanConfig) -> DataFrame:
    """``(doc, group)``: documents sharing ``copy_min_shared`` of the smaller one's long
    lines (and at least two) are one group, as :func:`newsdesk.clean.template.copy_groups`."""
    from pyspark.sql import functions as F

    postings = lines.select("doc", F.explode("content").alias("key"))
    df = postings.groupBy("key").agg(F.count("*").alias("df"))
    usable = postings.join(
        df.filter((F.col("df") >= 2) & (F.col("df") <= config.copy_max_df)), "key"
    )
    a, b = usable.alias("a"), usable.alias("b")
    shared = (
        a.join(b, (F.col("a.key") == F.col("b.key")) & (F.col("a.doc") < F.col("b.doc")))
        .groupBy(F.col("a.doc").alias("src"), F.col("b.doc").alias("dst"))
        .agg(F.count("*").alias("n"))
    )
    sizes = lines.select("doc", F.size("content").alias("size"))
    edges = (
        shared.join(sizes.withColumnRenamed("doc", "src").withColumnRenamed("size", "s1"), "src")
        .join(sizes.withColumnRenamed("doc", "dst").withColumnRenamed("size", "s2"), "dst")
        .filter(
            (F.col("n") >= 2) & (F.col("n") >= F.lit(config.copy_min_shared) * F.least("s1", "s2"))
        )
        .select("src", "dst")
    )
    roots = connected_components(edges)
    return (
        lines.select("doc")
        .join(roots.withColumnRenamed("node", "doc"), "doc", "left")
        .select("doc", F.coalesce("root", "doc").alias("group"))
    )


def template_stats(lines: DataFrame, config: CleanConfig) -> TemplateStats:
    """The batch's per-outlet template statistics, keeping only counts that reach the threshold."""
    from pyspark.sql import functions as F

    groups = copy_groups(lines, config)
    keyed = (
        lines.join(groups, "doc")
        .select("group", "outlet", F.explode("candidates").alias("key"))
        .distinct()
        .persist()
    )
    by_outlet = (
        keyed.filter(F.col("outlet").isNotNull())
        .groupBy("outlet", "key")
        .agg(F.count("*").alias("n"))
        .filter(F.col("n") >= config.outlet_min_articles)
    )
    stats = TemplateStats(articles=groups.select("group").distinct().count())
    # Only the lines that reach the outlet threshold come back: few, so one collect. Cleaning
    # judges a line by its outlet's counts only (never by other sites'), so the cross-site
    # counts (``TemplateStats.overall``) are not gathered.
    for row in by_outlet.collect():
        stats.by_outlet.setdefault(row["outlet"], {})[row["key"]] = int(row["n"])
    keyed.unpersist()
    return stats


def learn_template_stats(
    spark: SparkSession, extracted: RDD[Extracted], config: CleanConfig
) -> TemplateStats:
    """Template statistics of every document in ``extracted``."""
    rows = extracted.mapPartitions(lambda items: _line_rows(items, config))
    lines = spark.createDataFrame(rows, _LINES_SCHEMA).persist()
    try:
        return template_stats(lines, config)
    finally:
        lines.unpersist()


def clean_partition(
    items: Iterator[Extracted], stats: TemplateStats, config: CleanConfig
) -> Iterator[tuple[Extracted, Article]]:
    """Clean each document with the batch's statistics, as ``newsdesk ingest`` does."""
    from newsdesk.pipeline import make_article

    cleaner = Cleaner(config, stats=stats)
    for item in items:
        yield item, make_article(item.doc, cleaner.clean(item.doc))
