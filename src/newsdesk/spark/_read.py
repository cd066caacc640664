"""Read stage of the Spark job: archives -> records -> documents, on the executors.

Needs: the resolved :class:`~newsdesk.spark._inputs.Inputs`.
Produces: an RDD of :class:`~newsdesk.spark._clean.Extracted` documents and
:class:`~newsdesk.spark._records.Problem` items, one document per article id (the first
in input order, as ``newsdesk ingest`` keeps it).

Local archives are opened by the executors themselves and streamed record by record.
URIs (``s3a://``, ``hdfs://``, ``file://``; globs allowed) are listed on the driver through
Hadoop's file systems, each file numbered in listing order, and read with Spark's
``binaryFile`` source (one whole archive per task, so executors need memory for one
archive, about 1 GB for CC-NEWS). Records are then spread over ``partitions`` partitions
before extraction, which is where the time goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsdesk.errors import InputError
from newsdesk.spark._clean import Extracted
from newsdesk.spark._inputs import Inputs, is_uri
from newsdesk.spark._records import Problem, WarcRecord, record_document, split_bytes, split_file

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

Item = Extracted | Problem


def hadoop_files(spark: SparkSession, pattern: str) -> list[str]:
    """Every file a URI or URI glob names, through Hadoop (directories walked)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(pattern)
    fs = path.getFileSystem(conf)
    statuses = fs.globStatus(path) or []
    found: list[str] = []
    for status in statuses:
        if status.isDirectory():
            it = fs.listFiles(status.getPath(), True)
            inner = []
            while it.hasNext():
                inner.append(str(it.next().getPath().toString()))
            found.extend(sorted(p for p in inner if p.lower().endswith((".warc", ".warc.gz"))))
        else:
            found.append(str(status.getPath().toString()))
    return found


def list_files(spark: SparkSession, inputs: Inputs) -> tuple[list[str], list[Problem]]:
    """The archives in input order (URIs expanded), and URIs that name nothing."""
    files: list[str] = []
    problems: list[Problem] = []
    for entry in inputs.paths:
        if not is_uri(entry):
            files.append(entry)
            continue
        try:
            found = hadoop_files(spark, entry)
        except Exception as exc:  # Hadoop reports a missing bucket, bad scheme... as Py4J errors
            problems.append(Problem(entry, f"unreadable: {str(exc).splitlines()[0]}"))
            continue
        if not found:
            problems.append(Problem(entry, "no such file or directory"))
        files.extend(f for f in found if f not in files)
    return files, problems


def _extract(item: WarcRecord | Problem) -> Item:
    if isinstance(item, Problem):
        return item
    from newsdesk.pipeline import article_id

    try:
        doc = record_document(item)
    except InputError as exc:
        return Problem.of(exc)
    return Extracted(doc, article_id(doc), item.file_index, item.number)


def _first(a: Extracted, b: Extracted) -> Extracted:
    return a if (a.file_index, a.number) <= (b.file_index, b.number) else b


def _split_uri(content: bytes, path: str, index: dict[str, int]) -> Iterator[WarcRecord | Problem]:
    return split_bytes(bytes(content), path, index.get(path, len(index)))


def read_items(spark: SparkSession, files: list[str], partitions: int) -> RDD[Item]:
    """Documents and problems of every archive in ``files`` (see the module docstring)."""
    sc = spark.sparkContext
    local = [(i, f) for i, f in enumerate(files) if not is_uri(f)]
    remote = {f: i for i, f in enumerate(files) if is_uri(f)}
    parts: list[RDD[WarcRecord | Problem]] = []
    if local:
        parts.append(sc.parallelize(local, len(local)).flatMap(lambda it: split_file(it[1], it[0])))
    if remote:
        table = spark.read.format("binaryFile").load(list(remote))
        parts.append(
            table.select("path", "content").rdd.flatMap(
                lambda row: _split_uri(row["content"], row["path"], remote)
            )
        )
    if not parts:
        return sc.emptyRDD()
    records = parts[0] if len(parts) == 1 else sc.union(parts)
    items = records.repartition(partitions).map(_extract)
    problems = items.filter(lambda it: isinstance(it, Problem))
    docs = (
        items.filter(lambda it: isinstance(it, Extracted))
        .keyBy(lambda e: e.article_id)
        .reduceByKey(_first, partitions)
        .values()
    )
    return sc.union([docs, problems])
