"""Dedupe stage of the Spark job: exact and near duplicates, and paragraph reuse.

Needs: the articles DataFrame (``id``, ``rank``, ``day``, ``text``; ``rank`` orders
articles as ``newsdesk.dedupe`` does: publication date, undated last, then input order).
Produces: DataFrames of links ``(article_id, original_id, kind, similarity)`` and of
paragraph reuse ``(article_id, paragraph_index, original_id, original_paragraph_index,
similarity)``, equal to :func:`newsdesk.dedupe.find_duplicates` and
:func:`newsdesk.dedupe.find_paragraph_reuse` on the same articles.

Signatures are made on the executors with ``newsdesk.dedupe``'s own words, shingles and
MinHash (crc32 item hashes, datasketch permutations), so they equal the single-machine ones.
Exact copies share a normalised-text hash. Near copies: each signature is cut into the
bands datasketch's ``MinHashLSH`` uses for the candidate threshold; articles that share a
band (a ``groupBy`` on band and band values, done as a join) are candidates, confirmed by
the estimated Jaccard similarity. Duplicate groups are connected components over exact and
near links; the root is the earliest article. Paragraph reuse does the same per paragraph,
keeping per paragraph the best earlier match within the reuse window. No step compares all
pairs: work grows with the sizes of the LSH buckets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsdesk.dedupe import DedupeConfig, normalized_hash, shingles, words
from newsdesk.records import Article
from newsdesk.spark._components import connected_components

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

MAX_BUCKET = 5000
"""LSH buckets holding more items than this are boilerplate shared far and wide; they
are skipped rather than expanded into millions of candidate pairs."""


@dataclass(frozen=True, slots=True)
class SparkDedupeConfig:
    """The single-machine dedupe settings, plus the bucket guard of the Spark job."""

    base: DedupeConfig = field(default_factory=DedupeConfig)
    max_bucket: int = MAX_BUCKET


@lru_cache(maxsize=8)
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` that datasketch's ``MinHashLSH`` picks for this threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def signature(tokens: list[str], size: int, num_perm: int) -> list[int] | None:
    """The MinHash values of ``tokens``' ``size``-shingles (``None`` when there are none)."""
    from newsdesk.dedupe import _minhash

    items = shingles(tokens, size)
    if not items:
        return None
    return [int(v) for v in _minhash(items, num_perm).hashvalues]


def article_signatures(rows: Iterator[Any], config: DedupeConfig) -> Iterator[tuple[Any, ...]]:
    """``(rank, id, hash, signature)`` per article row."""
    for row in rows:
        text = row["text"]
        sig = signature(words(text), config.shingle_size, config.num_perm)
        yield (row["rank"], row["id"], normalized_hash(text), sig)


def paragraph_signatures(rows: Iterator[Any], config: DedupeConfig) -> Iterator[tuple[Any, ...]]:
    """``(rank, id, day, paragraph_index, signature)`` per paragraph long enough to count."""
    for row in rows:
        article = Article(
            id=row["id"], source="", format="", title="", raw_text="", text=row["text"]
        )
        for index, para in enumerate(article.paragraphs):
            tokens = words(para)
            if len(tokens) < config.min_paragraph_words:
                continue
            sig = signature(tokens, 3, config.paragraph_num_perm)
            yield (row["rank"], row["id"], row["day"], index, sig)


def _estimate(a: Column, b: Column, num_perm: int) -> Column:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    from pyspark.sql import functions as F

    equal = F.zip_with(a, b, lambda x, y: F.when(x == y, 1).otherwise(0))
    return F.aggregate(equal, F.lit(0), lambda acc, v: acc + v) / F.lit(float(num_perm))


def _banded(sigs: DataFrame, key: list[str], threshold: float, num_perm: int) -> DataFrame:
    """``key`` columns plus ``band`` and ``values`` (the band's slice of the signature)."""
    from pyspark.sql import functions as F

    b, r = bands(threshold, num_perm)
    cut = F.transform(
        F.sequence(F.lit(0), F.lit(b - 1)),
        lambda i: F.struct(i.alias("band"), F.slice("sig", i * r + 1, r).alias("values")),
    )
    exploded = sigs.select(*key, F.explode(cut).alias("bv"))
    return exploded.select(*key, F.col("bv.band").alias("band"), F.col("bv.values").alias("values"))


def _bucket_pairs(banded: DataFrame, key: list[str], max_bucket: int) -> DataFrame:
    """Distinct pairs of items that share a band: columns ``a_<key>``, ``b_<key>``,
    with ``a_<key[0]> < b_<key[0]>`` (items of oversized buckets are skipped)."""
    from pyspark.sql import functions as F

    sizes = banded.groupBy("band", "values").agg(F.count("*").alias("bucket"))
    kept = banded.join(sizes.filter(F.col("bucket") <= max_bucket), ["band", "values"])
    a = kept.select("band", "values", *[F.col(k).alias(f"a_{k}") for k in key])
    b = kept.select("band", "values", *[F.col(k).alias(f"b_{k}") for k in key])
    first = key[0]
    pairs = a.join(b, ["band", "values"]).filter(F.col(f"a_{first}") < F.col(f"b_{first}"))
    return pairs.select(*[f"a_{k}" for k in key], *[f"b_{k}" for k in key]).distinct()


def find_duplicates(
    spark: SparkSession, articles: DataFrame, config: SparkDedupeConfig
) -> DataFrame:
    """Duplicate links (see the module docstring)."""
    from pyspark.sql import functions as F

    cfg = config.base
    sigs = spark.createDataFrame(
        articles.select("rank", "id", "text").rdd.mapPartitions(
            lambda rows: article_signatures(rows, cfg)
        ),
        "rank string, id string, hash string, sig array<bigint>",
    )
    reps = sigs.groupBy("hash").agg(F.min("rank").alias("rep"))
    marked = sigs.join(reps, "hash").withColumn("is_rep", F.col("rank") == F.col("rep")).persist()
    exact = marked.filter(~F.col("is_rep")).select(
        F.col("rep").alias("src"), F.col("rank").alias("dst")
    )
    with_sig = marked.filter(F.col("is_rep") & F.col("sig").isNotNull())
    pairs = _bucket_pairs(
        _banded(with_sig, ["rank"], cfg.candidate_threshold, cfg.num_perm),
        ["rank"],
        config.max_bucket,
    )
    sig_a = with_sig.select(F.col("rank").alias("a_rank"), F.col("sig").alias("sa"))
    sig_b = with_sig.select(F.col("rank").alias("b_rank"), F.col("sig").alias("sb"))
    near = (
        pairs.join(sig_a, "a_rank")
        .join(sig_b, "b_rank")
        .filter(_estimate(F.col("sa"), F.col("sb"), cfg.num_perm) >= cfg.near_threshold)
        .select(F.col("a_rank").alias("src"), F.col("b_rank").alias("dst"))
    )
    roots = connected_components(exact.union(near)).filter(F.col("node") != F.col("root"))
    member = marked.select(F.col("rank").alias("node"), "id", "hash", "sig", "is_rep")
    root = marked.select(
        F.col("rank").alias("root"),
        F.col("id").alias("original_id"),
        F.col("hash").alias("root_hash"),
        F.col("sig").alias("root_sig"),
    )
    joined = roots.join(member, "node").join(root, "root")
    same_text = F.col("hash") == F.col("root_hash")
    estimated = F.bround(_estimate(F.col("root_sig"), F.col("sig"), cfg.num_perm), 4)
    similarity = (
        F.when(same_text, F.lit(1.0))
        .when(F.col("is_rep") & F.col("sig").isNotNull() & F.col("root_sig").isNotNull(), estimated)
        .otherwise(F.lit(0.0))
    )
    links = joined.select(
        F.col("id").alias("article_id"),
        "original_id",
        F.when(same_text, F.lit("exact")).otherwise(F.lit("near")).alias("kind"),
        similarity.cast("double").alias("similarity"),
    )
    return links


def find_paragraph_reuse(
    spark: SparkSession, articles: DataFrame, config: SparkDedupeConfig
) -> DataFrame:
    """Paragraph reuse (see the module docstring)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    cfg = config.base
    sigs = spark.createDataFrame(
        articles.select("rank", "id", "day", "text").rdd.mapPartitions(
            lambda rows: paragraph_signatures(rows, cfg)
        ),
        "rank string, id string, day int, p int, sig array<bigint>",
    ).persist()
    key = ["rank", "id", "day", "p"]
    banded = _banded(sigs, key, cfg.paragraph_candidate_threshold, cfg.paragraph_num_perm)
    pairs = _bucket_pairs(banded, key, config.max_bucket).filter(F.col("a_id") != F.col("b_id"))
    last_day = articles.agg(F.max("day")).first()
    latest = last_day[0] if last_day is not None else None
    # The reuse window as find_paragraph_reuse keeps it: when article b is read, the
    # index holds undated articles and those dated within reuse_window_days of the last
    # dated article read so far (b itself if dated, else the latest of all).
    now = F.coalesce(F.col("b_day"), F.lit(latest))
    in_window = F.col("a_day").isNull() | (now - F.col("a_day") <= cfg.reuse_window_days)
    sa = sigs.select(F.col("id").alias("a_id"), F.col("p").alias("a_p"), F.col("sig").alias("sa"))
    sb = sigs.select(F.col("id").alias("b_id"), F.col("p").alias("b_p"), F.col("sig").alias("sb"))
    scored = (
        pairs.filter(in_window)
        .join(sa, ["a_id", "a_p"])
        .join(sb, ["b_id", "b_p"])
        .withColumn("sim", _estimate(F.col("sa"), F.col("sb"), cfg.paragraph_num_perm))
        .filter(F.col("sim") >= cfg.paragraph_threshold)
    )
    best = Window.partitionBy("b_id", "b_p").orderBy(
        F.col("sim").desc(), F.col("a_rank").asc(), F.col("a_p").asc()
    )
    return (
        scored.withColumn("n", F.row_number().over(best))
        .filter(F.col("n") == 1)
        .select(
            F.col("b_id").alias("article_id"),
            F.col("b_p").alias("paragraph_index"),
            F.col("a_id").alias("original_id"),
            F.col("a_p").alias("original_paragraph_index"),
            F.bround("sim", 4).cast("double").alias("similarity"),
        )
    )
