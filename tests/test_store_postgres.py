"""The PostgreSQL store's own checks: foreign and newer schemas refused, migrations applied
once under concurrent first use, passwords kept out of messages, an unreachable server a
clean error, and the command line giving the same stories and briefs as on SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _factories import make_article
from _pg import PgSchemas
from newsdesk.cli import app
from newsdesk.errors import EXIT_STORE, EXIT_USAGE, StoreError
from newsdesk.store import MIGRATIONS, open_store

psycopg = pytest.importorskip("psycopg", reason="the postgres extra is not installed")

from newsdesk.store.postgres import redact  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def _sql(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def test_a_schema_holding_other_tables_is_refused_untouched(pg_schemas: PgSchemas) -> None:
    db = pg_schemas.new()
    _sql(db, "CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="not a newsdesk store"):
        open_store(db)
    with psycopg.connect(db) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
    assert tables == [("people",)]


def test_newer_and_older_schemas(pg_schemas: PgSchemas) -> None:
    db = pg_schemas.new()
    open_store(db).close()
    _sql(db, "INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer"):
        open_store(db)
    _sql(
        db,
        "DELETE FROM schema_migrations WHERE version > 4",
        "DROP TABLE fetch_state",
        "ALTER TABLE articles DROP COLUMN repairs",
    )
    with pytest.raises(StoreError, match="older"):
        open_store(db, readonly=True)
    with open_store(db) as store:  # a writer upgrades it
        assert store.migrations == [(m.version, m.name) for m in MIGRATIONS]
        assert store.fetch_state("https://x.example/") is None


CREATE = "import sys; from newsdesk.store import open_store; open_store(sys.argv[1]).close()"


def test_first_use_by_several_processes_migrates_once(pg_schemas: PgSchemas) -> None:
    db = pg_schemas.new()
    procs = [
        subprocess.Popen([sys.executable, "-c", CREATE, db], stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with open_store(db, readonly=True) as store:
        assert store.migrations == [(m.version, m.name) for m in MIGRATIONS]


def test_passwords_stay_out_of_messages() -> None:
    assert redact("postgresql://ann:s3cret@db.example:5432/news") == (
        "postgresql://ann:***@db.example:5432/news"
    )
    assert "s3cret" not in redact("postgres://ann@/news?host=/tmp&password=s3cret&port=5")
    missing = "postgresql://ann:s3cret@/nowhere?host=/nonexistent-socket-dir&connect_timeout=2"
    with pytest.raises(StoreError) as err:
        open_store(missing)
    assert "s3cret" not in str(err.value) and "nonexistent-socket-dir" in str(err.value)


def test_the_cli_names_bad_stores_with_their_exit_codes(pg_server: str) -> None:
    runner = CliRunner()
    bad_scheme = runner.invoke(app, ["stories", "--db", "mysql://db.example/news"])
    assert bad_scheme.exit_code == EXIT_USAGE
    assert "unsupported store URL scheme 'mysql'" in bad_scheme.stderr
    no_db = pg_server.replace("/newsdesk_test?", "/no_such_database?")
    missing = runner.invoke(app, ["stories", "--db", no_db])
    assert missing.exit_code == EXIT_STORE and "no_such_database" in missing.stderr
    assert "Traceback" not in missing.stderr


def _run(runner: CliRunner, db: str, out: Path) -> tuple[dict[str, object], str]:
    result = runner.invoke(
        app, ["run", str(EXAMPLES), "--db", db, "--out", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    listed = runner.invoke(app, ["stories", "--db", db, "--format", "json"])
    assert listed.exit_code == 0, listed.stderr
    briefs = json.loads((out / "briefs.json").read_text(encoding="utf-8"))
    return briefs, listed.stdout


@pytest.mark.slow
def test_run_gives_the_same_stories_and_briefs_on_both_backends(
    pg_schemas: PgSchemas, tmp_path: Path
) -> None:
    runner = CliRunner()
    db = pg_schemas.new()
    on_pg = _run(runner, db, tmp_path / "pg")
    on_sqlite = _run(runner, str(tmp_path / "nd.db"), tmp_path / "sqlite")
    assert on_pg == on_sqlite
    created = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", pg_schemas.new()])
    assert created.exit_code == 0 and "created a new store" in created.stderr


def test_a_recompute_that_saw_our_articles_is_not_repeated(pg_schemas: PgSchemas) -> None:
    """Watch workers each ask for an update after storing; on PostgreSQL a worker whose
    articles a recompute begun after their commit has already taken in skips its own."""
    db = pg_schemas.new()
    with open_store(db) as ours, open_store(db) as theirs:
        ours.add_articles([make_article("The ferry pier reopened.")])
        with ours.updating() as needed:
            assert needed  # nobody has recomputed since
        with theirs.updating() as needed:
            assert needed  # it stored nothing itself: it recomputes when asked
        with ours.updating() as needed:
            assert not needed  # the last recompute began after ours were committed
        ours.add_articles([make_article("The harbour wall was repaired.")])
        with ours.updating() as needed:
            assert needed
        with pytest.raises(RuntimeError), ours.updating():
            raise RuntimeError("a recompute that failed records nothing")
        theirs.add_articles([make_article("A storm closed the quay.")])
        with theirs.updating() as needed:
            assert needed
