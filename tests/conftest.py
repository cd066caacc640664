from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _data import DATA, SEEDS  # noqa: E402  (bench/ must be on the path first)

EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"benchmark data not found at {DATA}")
    return DATA


# ------------------------------------------------------------------ store backends

from collections.abc import Callable, Iterator  # noqa: E402

from _pg import BACKENDS, PgSchemas, serve_pg  # noqa: E402


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A running PostgreSQL server (see tests/_pg.py); skips when none can be started."""
    yield from serve_pg()


@pytest.fixture()
def pg_schemas(pg_server: str) -> Iterator[PgSchemas]:
    schemas = PgSchemas(pg_server)
    yield schemas
    schemas.drop_all()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def new_db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """Makes the ``--db`` value of a new, empty store of the test's backend: a file path
    (SQLite) or a URL of a fresh schema on the test server (PostgreSQL)."""
    if backend == "postgres":
        schemas: PgSchemas = request.getfixturevalue("pg_schemas")
        return schemas.new
    counter = iter(range(1_000_000))
    return lambda: str(tmp_path / f"store-{next(counter)}.db")


@pytest.fixture()
def db(new_db: Callable[[], str]) -> str:
    """The ``--db`` value of a new, empty store of the test's backend."""
    return new_db()
