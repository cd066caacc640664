"""The Spark job: WARC archives -> articles, duplicates, stories, facts and fact groups.

Needs: a :class:`pyspark.sql.SparkSession` (see :func:`newsdesk.spark.spark_session`), the
input arguments (archives, folders, globs, listings, URIs) and an output directory (a
local path or any URI Spark can write, e.g. ``s3a://bucket/newsdesk/2024-01``).
Produces: Parquet tables under the output directory (:data:`TABLES`) and a
:class:`JobResult` with counts and the time of each stage.

Stages (each ends with its results materialised, so its time is its own):

read     archives split into HTML response records; records extracted on executors
clean    template statistics over the whole input, then every document cleaned
dedupe   exact and near duplicates (MinHash LSH as joins), paragraph reuse
cluster  stories per publication window, joined across window boundaries
facts    facts and aligned fact groups, one story at a time
write    the Parquet tables

Every stage reuses the single-machine library (ingest's WARC reader, ``clean.Cleaner``,
``dedupe``'s signatures, ``cluster.cluster_articles``, ``facts.analyse``, ``align.align``);
on inputs that fit in one window the tables equal what ``newsdesk run`` stores.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsdesk.clean import CleanConfig, TemplateStats
from newsdesk.spark._clean import Extracted, clean_partition, learn_template_stats
from newsdesk.spark._cluster import (
    Dated,
    WindowConfig,
    WindowStory,
    boundaries,
    cluster_window,
    join_partition,
    window_of,
)
from newsdesk.spark._components import connected_components
from newsdesk.spark._dedupe import SparkDedupeConfig, find_duplicates, find_paragraph_reuse
from newsdesk.spark._facts import StoryFacts, facts_partition
from newsdesk.spark._inputs import resolve_inputs
from newsdesk.spark._read import list_files, read_items
from newsdesk.spark._records import Problem
from newsdesk.spark._rows import (
    ARTICLE_SCHEMA,
    FACT_SCHEMA,
    GROUP_SCHEMA,
    PROBLEM_SCHEMA,
    UNDATED_KEY,
    article_row,
    fact_row,
    group_row,
    row_article,
    row_reuse,
)
from newsdesk.spark._weights import CorpusWeights, add_stats, article_terms

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

TABLES = (
    "articles",
    "duplicates",
    "reuse",
    "stories",
    "facts",
    "fact_groups",
    "errors",
    "template_lines",
    "summary",
)
"""The Parquet tables the job writes, one folder each under the output directory."""

STAGES = ("read", "clean", "dedupe", "cluster", "facts", "write")
MAX_PROBLEMS = 1000
"""At most this many problems are brought back to the driver (all are in ``errors``)."""


@dataclass(frozen=True, slots=True)
class SparkJobConfig:
    """Settings of the job; the stages' own settings default to the single-machine ones."""

    window: WindowConfig = field(default_factory=WindowConfig)
    dedupe: SparkDedupeConfig = field(default_factory=SparkDedupeConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    partitions: int | None = None
    """Partitions of the record, article and story data (default: 2 x default parallelism)."""
    matcher: str = "rules"
    """The align stage's matcher: ``rules`` or ``embeddings`` (the extra, on every executor)."""
    base: str | None = None
    """Where relative entries of a listing live (e.g. ``s3a://commoncrawl/``)."""


@dataclass(slots=True)
class JobResult:
    """What one run produced, and how long each stage took (seconds)."""

    out: str
    archives: int = 0
    articles: int = 0
    duplicates: int = 0
    reused_paragraphs: int = 0
    stories: int = 0
    facts: int = 0
    fact_groups: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


StageHook = Callable[[str, float], None]
"""Called with a stage's name and seconds as each stage ends (progress reports)."""


@contextmanager
def _stage(result: JobResult, name: str, hook: StageHook | None) -> Iterator[None]:
    start = time.perf_counter()
    yield
    result.seconds[name] = round(time.perf_counter() - start, 3)
    if hook is not None:
        hook(name, result.seconds[name])


def _row(item: tuple[Extracted, Any]) -> tuple[Any, ...]:
    from newsdesk.cluster.features import parse_iso

    extracted, article = item
    return article_row(
        article,
        day=parse_iso(article.published),
        file_index=extracted.file_index,
        number=extracted.number,
    )


def _clean(
    spark: SparkSession, docs: RDD[Extracted], config: SparkJobConfig
) -> tuple[DataFrame, TemplateStats]:
    stats = learn_template_stats(spark, docs, config.clean)
    shared = spark.sparkContext.broadcast(stats)
    cfg = config.clean
    cleaned = docs.mapPartitions(lambda items: clean_partition(items, shared.value, cfg))
    articles = spark.createDataFrame(cleaned.map(_row), ARTICLE_SCHEMA).persist()
    articles.count()
    return articles, stats


def _dated(row: Any, config: WindowConfig) -> tuple[int, Dated]:
    from newsdesk.cluster.features import article_day

    article = row_article(row)
    day = article_day(article, config.cluster)
    return window_of(day, config.window_days), Dated(article, day)


def _boundary_articles(
    touch: RDD[tuple[int, WindowStory]], dated: RDD[tuple[int, Dated]]
) -> RDD[tuple[int, Dated]]:
    """``(boundary, article)`` for every article of a story taking part in a boundary join."""
    wanted = touch.flatMap(lambda ks: [(aid, ks[0]) for aid in ks[1].article_ids])
    by_id = dated.map(lambda wd: (wd[1].article.id, wd[1]))
    return wanted.join(by_id).map(lambda kv: (kv[1][0], kv[1][1]))


def _corpus_weights(dated: RDD[tuple[int, Dated]], config: WindowConfig) -> CorpusWeights:
    """TF-IDF weights fitted on every primary article: document frequencies (and first
    occurrences) are summed by key on the executors; the driver receives one statistic per
    word or name."""
    cfg = config.cluster
    counts = (
        dated.flatMap(lambda wd: article_terms(wd[1].article, cfg)).reduceByKey(add_stats).collect()
    )
    return CorpusWeights.from_counts(dated.count(), dict(counts), cfg)


def _window_stories(
    spark: SparkSession, marked: DataFrame, config: SparkJobConfig, partitions: int
) -> tuple[DataFrame, DataFrame]:
    """Window stories ``(key, title, size, first)`` and their joined roots ``(node, root)``."""
    from pyspark.sql import functions as F

    wcfg = config.window
    primaries = marked.filter(F.col("duplicate_of").isNull())
    dated = primaries.rdd.map(lambda row: _dated(row, wcfg)).persist()
    shared = spark.sparkContext.broadcast(_corpus_weights(dated, wcfg))
    stories = (
        dated.groupByKey(partitions)
        .flatMap(lambda kv: cluster_window(kv[0], kv[1], wcfg, shared.value))
        .persist()
    )
    touch = stories.flatMap(lambda s: [(k, s) for k in boundaries(s, wcfg)])
    tasks = touch.cogroup(_boundary_articles(touch, dated), partitions)
    joins = tasks.mapPartitions(lambda items: join_partition(items, wcfg.cluster, shared.value))
    roots = connected_components(spark.createDataFrame(joins, "src string, dst string"))
    members = spark.createDataFrame(
        stories.flatMap(lambda s: [(s.key, s.title, len(s.article_ids), a) for a in s.article_ids]),
        "key string, title string, size int, article_id string",
    )
    dated.unpersist()
    return members, roots


def _stories(
    spark: SparkSession, marked: DataFrame, config: SparkJobConfig, partitions: int
) -> tuple[DataFrame, DataFrame]:
    """The stories table and ``(article_id, story_id)`` for every article."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    members, roots = _window_stories(spark, marked, config, partitions)
    grouped = members.join(roots.withColumnRenamed("node", "key"), "key", "left").withColumn(
        "group", F.coalesce("root", "key")
    )
    primary = grouped.select("article_id", "group")
    copies = marked.filter(F.col("duplicate_of").isNotNull()).select(
        F.col("id").alias("article_id"), F.col("duplicate_of")
    )
    copied = copies.join(
        primary.withColumnRenamed("article_id", "duplicate_of"), "duplicate_of"
    ).select("article_id", "group")
    placed = primary.union(copied).join(
        marked.select(F.col("id").alias("article_id"), "published", "outlet"), "article_id"
    )
    order = F.struct(F.coalesce("published", F.lit(UNDATED_KEY)).alias("p"), F.col("article_id"))
    per_group = placed.groupBy("group").agg(
        F.sort_array(F.collect_list(order)).alias("ordered"),
        F.min("published").alias("first_published"),
        F.max("published").alias("last_published"),
        F.sort_array(F.collect_set("outlet")).alias("outlets"),
    )
    # The title of the largest window story of the group (ties: the earliest).
    first_of = members.join(
        marked.select(F.col("id").alias("article_id"), "published"), "article_id"
    )
    heads = first_of.groupBy("key", "title", "size").agg(F.min(order).alias("first"))
    heads = heads.join(roots.withColumnRenamed("node", "key"), "key", "left").withColumn(
        "group", F.coalesce("root", "key")
    )
    best = Window.partitionBy("group").orderBy(F.col("size").desc(), F.col("first").asc())
    titles = (
        heads.withColumn("n", F.row_number().over(best))
        .filter(F.col("n") == 1)
        .select("group", "title")
    )
    base = F.concat(F.lit("s-"), F.substring(F.col("ordered")[0]["article_id"], 1, 12))
    by_base = Window.partitionBy("base").orderBy(F.col("ordered")[0].asc())
    stories = (
        per_group.join(titles, "group")
        .withColumn("base", base)
        .withColumn("n", F.row_number().over(by_base))
        .select(
            F.when(F.col("n") == 1, F.col("base"))
            .otherwise(F.concat(F.col("base"), F.lit("-"), F.col("n").cast("string")))
            .alias("id"),
            "title",
            F.transform("ordered", lambda o: o["article_id"]).alias("article_ids"),
            F.size("ordered").alias("articles"),
            "first_published",
            "last_published",
            "outlets",
        )
        .persist()
    )
    story_of = stories.select(
        F.col("id").alias("story_id"), F.posexplode("article_ids").alias("position", "article_id")
    ).persist()
    return stories, story_of


def _facts(
    spark: SparkSession,
    marked: DataFrame,
    reuse: DataFrame,
    story_of: DataFrame,
    config: SparkJobConfig,
    partitions: int,
) -> tuple[DataFrame, DataFrame]:
    placed = story_of.join(marked.withColumnRenamed("id", "article_id"), "article_id").rdd.map(
        lambda r: (
            r["story_id"],
            (r["position"], row_article({**r.asDict(), "id": r["article_id"]})),
        )
    )
    reused = reuse.join(story_of.select("article_id", "story_id"), "article_id").rdd.map(
        lambda r: (r["story_id"], row_reuse(r))
    )
    matcher = config.matcher
    analysed: RDD[StoryFacts] = (
        placed.cogroup(reused, partitions)
        .mapPartitions(lambda items: facts_partition(items, matcher))
        .persist()
    )
    facts = spark.createDataFrame(
        analysed.flatMap(lambda sf: [fact_row(sf.story_id, f) for f in sf.facts]), FACT_SCHEMA
    ).persist()
    groups = spark.createDataFrame(
        analysed.flatMap(lambda sf: [group_row(sf.story_id, g) for g in sf.groups]), GROUP_SCHEMA
    ).persist()
    facts.count()
    groups.count()
    analysed.unpersist()
    return facts, groups


def _template_rows(stats: TemplateStats) -> list[tuple[str | None, str, int]]:
    rows: list[tuple[str | None, str, int]] = [(None, k, n) for k, n in stats.overall.items()]
    rows += [(o, k, n) for o, counts in stats.by_outlet.items() for k, n in counts.items()]
    return rows


def run_job(
    spark: SparkSession,
    arguments: Sequence[str],
    out: str,
    config: SparkJobConfig | None = None,
    on_stage: StageHook | None = None,
) -> JobResult:
    """Run every stage over the archives ``arguments`` name; write the tables to ``out``."""
    from pyspark.sql import functions as F

    cfg = config or SparkJobConfig()
    sc = spark.sparkContext
    partitions = cfg.partitions or max(2, 2 * sc.defaultParallelism)
    result = JobResult(out=out.rstrip("/"))
    with _stage(result, "read", on_stage):
        inputs = resolve_inputs(arguments, cfg.base)
        files, listing_problems = list_files(spark, inputs)
        result.archives = len(files)
        items = read_items(spark, files, partitions).persist()
        docs: RDD[Extracted] = items.filter(lambda it: isinstance(it, Extracted))
        early = [*inputs.problems, *listing_problems]
        bad: RDD[Problem] = items.filter(lambda it: isinstance(it, Problem))
        errors = spark.createDataFrame(
            sc.parallelize([(p.source, p.message) for p in early], 1).union(
                bad.map(lambda p: (p.source, p.message))
            ),
            PROBLEM_SCHEMA,
        ).persist()
        result.problem_count = errors.count()
        result.problems = [Problem(r["source"], r["message"]) for r in errors.take(MAX_PROBLEMS)]
    with _stage(result, "clean", on_stage):
        articles, stats = _clean(spark, docs, cfg)
        items.unpersist()
    with _stage(result, "dedupe", on_stage):
        links = find_duplicates(spark, articles, cfg.dedupe).persist()
        reuse = find_paragraph_reuse(spark, articles, cfg.dedupe).persist()
        marked = articles.join(
            links.select(
                F.col("article_id").alias("id"),
                F.col("original_id").alias("duplicate_of"),
                F.col("kind").alias("duplicate_kind"),
            ),
            "id",
            "left",
        ).persist()
        result.articles = marked.count()
        result.duplicates = links.count()
        result.reused_paragraphs = reuse.count()
    with _stage(result, "cluster", on_stage):
        stories, story_of = _stories(spark, marked, cfg, partitions)
        result.stories = stories.count()
        story_of.count()
    with _stage(result, "facts", on_stage):
        facts, groups = _facts(spark, marked, reuse, story_of, cfg, partitions)
        result.facts = facts.count()
        result.fact_groups = groups.count()
    with _stage(result, "write", on_stage):
        tables: dict[str, DataFrame] = {
            "articles": marked.join(
                story_of.select(F.col("article_id").alias("id"), "story_id"), "id", "left"
            ).drop("rank", "day"),
            "duplicates": links,
            "reuse": reuse,
            "stories": stories,
            "facts": facts,
            "fact_groups": groups,
            "errors": errors,
            "template_lines": spark.createDataFrame(
                _template_rows(stats), "outlet string, line_key string, articles int"
            ),
            "summary": spark.createDataFrame(
                [(result.archives, result.articles, stats.articles, result.problem_count)],
                "archives int, articles long, template_articles long, problems long",
            ),
        }
        for name, table in tables.items():
            table.write.mode("overwrite").parquet(f"{result.out}/{name}")
    for frame in (articles, links, reuse, marked, stories, story_of, facts, groups, errors):
        frame.unpersist()
    return result
