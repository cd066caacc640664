"""Fixtures for the web app's tests: a store holding the example corpus plus two crafted
reports with script and HTML in every field, built once per session and per backend
(``demo_db`` is parametrised: SQLite, and PostgreSQL where a server can be started)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (make web)")

from _pg import BACKENDS, PgSchemas
from newsdesk import pipeline
from newsdesk.store import SQLiteStore, Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "corpus"
SCHEMAS = ROOT / "schema"

PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
"""Markup that runs script if any page fails to escape it."""

CRAFTED = [
    {
        "url": "javascript:window.__pwned=3//lantern",
        "outlet": f"Lantern Gazette {PAYLOAD}",
        "title": f"Lantern festival in Orrin draws 4,000 visitors {PAYLOAD}",
        "published": "2025-10-04",
        "authors": ['Mallory Vane <svg onload="window.__pwned=4">'],
        "text": (
            "ORRIN — The lantern festival in the river town of Orrin drew 4,000 visitors on "
            f"Saturday, the organisers said. {PAYLOAD}\n\n"
            "Twelve stalls sold paper lanterns along the quay, and 3 people were treated for "
            "minor burns, according to the Orrin fire service "
            '<a href="javascript:window.__pwned=5">read more</a>.\n\n'
            "ADVERTISEMENT\n\n"
            "Photo: <script>window.__pwned=11</script> / Lantern Gazette\n\n"
            'Read more: <img src=x onerror="window.__pwned=12">\n\n'
            '<iframe src="javascript:window.__pwned=6"></iframe> The festival has run since '
            "1998, the town council said."
        ),
    },
    {
        "url": 'https://lantern.example/"><script>window.__pwned=7</script>',
        "outlet": 'Orrin <b onmouseover="window.__pwned=8">Evening</b> Star',
        "title": "Orrin lantern festival: 5,000 came, organisers say <script>alert(1)</script>",
        "published": "2025-10-05",
        "authors": ["<script>window.__pwned=9</script>"],
        "text": (
            "ORRIN — About 5,000 people came to the lantern festival in Orrin on Saturday, the "
            "organisers said on Sunday.\n\n"
            "Three people were treated for minor burns, according to the Orrin fire service. "
            '<img src="x" onerror="window.__pwned=10">\n\n'
            "The festival has run since 1998, the town council said."
        ),
    },
]


def build_store(db: str | Path, extra: Path | None = None) -> str | Path:
    """The example corpus (and ``extra`` reports) ingested, deduplicated and clustered in
    the store ``db`` names (a file, or a PostgreSQL URL)."""
    with Store(db) as store:
        pipeline.ingest_paths(store, [EXAMPLES, *([extra] if extra else [])])
        pipeline.dedupe_store(store)
        pipeline.cluster_store(store)
    return db


@pytest.fixture(scope="session")
def crafted_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crafted") / "crafted.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in CRAFTED) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sqlite_demo_db(tmp_path_factory: pytest.TempPathFactory, crafted_jsonl: Path) -> Path:
    path = tmp_path_factory.mktemp("store") / "newsdesk.db"
    build_store(path, crafted_jsonl)
    return path


@pytest.fixture(scope="session")
def pg_demo_schemas(pg_server: str) -> Iterator[PgSchemas]:
    schemas = PgSchemas(pg_server)
    yield schemas
    schemas.drop_all()


@pytest.fixture(scope="session")
def postgres_demo_db(pg_demo_schemas: PgSchemas, crafted_jsonl: Path) -> str:
    return str(build_store(pg_demo_schemas.new(), crafted_jsonl))


@pytest.fixture(scope="session", params=BACKENDS)
def demo_db(request: pytest.FixtureRequest) -> str | Path:
    """A store built once per backend; tests that change a store use :func:`fresh_db`."""
    found: str | Path = request.getfixturevalue(f"{request.param}_demo_db")
    return found


@pytest.fixture()
def fresh_db(
    demo_db: str | Path,
    tmp_path: Path,
    crafted_jsonl: Path,
    request: pytest.FixtureRequest,
) -> Iterator[str | Path]:
    """A private store like the demo store, for tests that write to it: a copy of the
    SQLite file, or the same store built again in a new PostgreSQL schema."""
    if isinstance(demo_db, str):
        schemas: PgSchemas = request.getfixturevalue("pg_schemas")
        yield build_store(schemas.new(), crafted_jsonl)
        return
    copy = tmp_path / "newsdesk.db"
    with SQLiteStore(demo_db) as store:
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(demo_db, copy)
    yield copy


def schema(name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded
