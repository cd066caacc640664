"""Fixtures of the Spark job's tests: one local SparkSession for the whole test session,
the example corpus as CC-NEWS-style WARC files, the job's output on them and the
single-machine pipeline's result on the same files (the reference).

The Spark tests skip, saying why, only when pyspark (the ``spark`` extra) or Java is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from make_warcs import example_pages, write_warcs
from newsdesk.records import StoryReport
from newsdesk.spark import JobResult, SparkJobConfig, run_job, spark_problem, spark_session
from newsdesk.store import Store

TEST_CONF = {
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.memory": "1g",
}


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    problem = spark_problem()
    if problem is not None:
        pytest.skip(f"Spark cannot run here: {problem}")
    session = spark_session("local[2]", TEST_CONF, app_name="newsdesk-tests")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def example_warcs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole example corpus (every format, read by newsdesk) as four .warc.gz files."""
    root = tmp_path_factory.mktemp("ccnews-examples")
    write_warcs(example_pages(), root, files=4)
    return root


@dataclass
class JobRun:
    result: JobResult
    out: Path
    spark: Any

    def rows(self, table: str) -> list[Any]:
        return list(self.spark.read.parquet(str(self.out / table)).collect())


@pytest.fixture(scope="session")
def example_job(
    spark: Any, example_warcs: Path, tmp_path_factory: pytest.TempPathFactory
) -> JobRun:
    out = tmp_path_factory.mktemp("spark-examples-out")
    result = run_job(spark, [str(example_warcs)], str(out), SparkJobConfig(partitions=2))
    return JobRun(result, out, spark)


@dataclass
class Reference:
    store: Store
    reports: list[StoryReport]


@pytest.fixture(scope="session")
def example_reference(
    example_warcs: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Reference]:
    """``newsdesk run`` on the same archives: ingest, dedupe, cluster, facts and align."""
    from newsdesk import pipeline

    db = tmp_path_factory.mktemp("reference") / "newsdesk.db"
    with Store(db) as store:
        report = pipeline.ingest_paths(store, [example_warcs])
        assert not report.errors
        pipeline.dedupe_store(store)
        stories = pipeline.cluster_store(store)
        reports = [pipeline.story_report(store, s) for s in stories]
        yield Reference(store, reports)
