"""Spark: the newsdesk pipeline as a Spark job over news archives (WARC, e.g. CC-NEWS).

Needs: the ``spark`` extra (pyspark) and Java 17+; on a cluster, newsdesk and its
dependencies on every executor (see docs/benchmarks.md, "Spark").
Produces: Parquet tables (articles, duplicates, reuse, stories, facts, fact_groups,
errors, template_lines, summary) and, on request, the same results loaded into a store.

* :func:`spark_session` - a local session with light settings, or the spark-submit one;
* :func:`run_job` - read, clean, dedupe, cluster, facts+align, write (:mod:`.job`);
* :func:`load_into_store` - the written tables into a :class:`~newsdesk.store.Store`.

Run it as ``newsdesk spark``, ``python -m newsdesk.spark`` or ``spark-submit
<site-packages>/newsdesk/spark/__main__.py`` (same arguments). pyspark is imported only
when a function here runs.
"""

from __future__ import annotations

from newsdesk.spark._cluster import WindowConfig
from newsdesk.spark._dedupe import SparkDedupeConfig
from newsdesk.spark._load import LoadError, load_into_store
from newsdesk.spark._records import Problem
from newsdesk.spark._session import SparkUnavailable, spark_problem, spark_session
from newsdesk.spark.job import TABLES, JobResult, SparkJobConfig, run_job

__all__ = [
    "TABLES",
    "JobResult",
    "LoadError",
    "Problem",
    "SparkDedupeConfig",
    "SparkJobConfig",
    "SparkUnavailable",
    "WindowConfig",
    "load_into_store",
    "run_job",
    "spark_problem",
    "spark_session",
]
