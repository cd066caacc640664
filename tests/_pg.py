"""A PostgreSQL server for the tests, and a fresh store on it per test.

The server is the one ``NEWSDESK_TEST_PG`` names (``.ci/run`` and ``make pg-test`` start
one with ``scripts/pg_test_server.sh``); without it the tests start their own with that
script and stop it at the end. Tests that need it are skipped only when no server can be
started, with the reason. Each store lives in a schema of its own
(``?options=-csearch_path=...``), dropped after the test.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "pg_test_server.sh"
ENV = "NEWSDESK_TEST_PG"
BACKENDS = ("sqlite", "postgres")


def _start_own() -> tuple[str, Path]:
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
    done = subprocess.run(
        ["bash", str(SCRIPT), "start", str(folder)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], check=False)
        problem = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        pytest.skip(f"no PostgreSQL server could be started ({SCRIPT.name}: {problem[0]})")
    return done.stdout.strip().splitlines()[-1], folder


def serve_pg() -> Iterator[str]:
    """The URL of a running PostgreSQL server's test database (a generator for a
    session fixture: the server it started, if any, stops after the yield)."""
    try:
        import psycopg
    except ImportError:
        pytest.skip("the postgres extra is not installed (make postgres)")
    url = os.environ.get(ENV)
    folder: Path | None = None
    if not url:
        url, folder = _start_own()
    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        if folder is not None:
            subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], check=False)
        pytest.skip(f"no PostgreSQL server at {ENV}={url}: {exc}")
    yield url
    if folder is not None:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], check=False)


def with_schema(url: str, schema: str) -> str:
    """``url`` with the store put in ``schema`` (its search_path)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


class PgSchemas:
    """Makes empty schemas on the server and drops them all at the end."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.made: list[str] = []

    def new(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        self.made.append(name)
        return with_schema(self.url, name)

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        self.made.clear()
