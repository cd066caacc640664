"""The SparkSession the job runs in, and a clear answer when Spark cannot run here.

Needs: the ``spark`` extra (pyspark) and a Java runtime (17 or newer) on the driver.
Produces: a :class:`pyspark.sql.SparkSession`.

Under ``spark-submit`` the session takes the master and settings spark-submit was given
(only ``conf`` is added). Run from plain Python (``newsdesk spark``, ``python -m
newsdesk.spark``, the tests) it starts a local Spark (``local[*]`` unless ``master`` says
otherwise) with light settings fit for a laptop, and makes executors use this Python.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOCAL_DEFAULTS: dict[str, str] = {
    "spark.driver.memory": "2g",
    "spark.sql.shuffle.partitions": "8",
    "spark.default.parallelism": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.adaptive.enabled": "true",
    "spark.python.worker.reuse": "true",
}
"""Settings for a local run; any of them can be overridden with ``conf``."""


class SparkUnavailable(RuntimeError):
    """pyspark or Java is missing: the message says what to install."""


def spark_problem() -> str | None:
    """Why Spark cannot run here (``None`` when it can)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed: install the 'spark' extra (pip install 'newsdesk[spark]')"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))) and not (
        shutil.which("java")
    ):
        return "no Java runtime found: Spark needs Java 17 or newer (set JAVA_HOME or PATH)"
    return None


def under_spark_submit() -> bool:
    """Was this Python started by ``spark-submit`` (which hands it a running JVM)?"""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def spark_session(
    master: str | None = None,
    conf: Mapping[str, str] | None = None,
    app_name: str = "newsdesk",
) -> SparkSession:
    """A session for the job (see the module docstring); raises :class:`SparkUnavailable`."""
    problem = spark_problem()
    if problem is not None:
        raise SparkUnavailable(problem)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    settings: dict[str, str] = {}
    if not under_spark_submit():
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings.update(LOCAL_DEFAULTS)
        builder = builder.master(master or "local[*]")
    elif master:
        builder = builder.master(master)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    session: SparkSession = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    return session
