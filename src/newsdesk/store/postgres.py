"""The PostgreSQL store: one database (schema) on a server, shared by many processes.

Needs: the ``postgres`` extra (psycopg 3 and psycopg_pool) and a ``postgresql://`` URL
(``?options=-csearch_path%3DNAME`` puts the store in schema NAME). Produces:
:class:`PostgresStore`, the :class:`~newsdesk.store.Store` interface over a connection
pool, safe for several ``ingest`` / ``fetch`` / ``watch`` processes and a ``serve`` at once:

* **migrations** (:mod:`.postgres_schema`) are applied in one transaction under an
  advisory lock and recorded in ``schema_migrations``; opening a store that is up to date
  takes no lock;
* **articles** are inserted with ``ON CONFLICT (id) DO NOTHING`` on the content-hash key,
  so two processes storing the same report store it once, and each counts the template
  statistics of exactly the rows it inserted, in the same transaction. Rows are inserted
  in id order and template lines in key order, so concurrent writers never deadlock (a
  deadlock or serialisation failure is still retried, twice);
* **duplicates and stories** are replaced under a transaction-level advisory lock (one
  replacement at a time; an article is in at most one story: a unique index), and
  :meth:`PostgresStore.updating` holds a session-level one while a process recomputes
  them, so a second process waits, then recomputes over everything stored meanwhile, or
  skips its recompute when one begun after its articles were committed took them in;
* every write is one transaction, so a killed process leaves every committed batch and
  nothing else (the server drops its locks with its connection).

Failures: an unreachable server, a missing database or a foreign schema is a
:class:`~newsdesk.errors.StoreError` (exit 3); a full disk, a read-only server or a lock
held past 30 s while writing is a :class:`~newsdesk.errors.WriteError` (exit 4).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from newsdesk.errors import NewsdeskError, NotFoundError, StoreError, UsageError, WriteError
from newsdesk.records import (
    Article,
    DuplicateLink,
    ParagraphReuse,
    Removal,
    Story,
    StorySummary,
)
from newsdesk.store._base import FetchState, Store, TemplateStatsFor
from newsdesk.store.postgres_reading import PgConnection, PostgresReading
from newsdesk.store.postgres_schema import PG_MIGRATIONS
from newsdesk.web.names import outlet_name

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool, PoolTimeout
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise UsageError(
        "a postgresql:// store needs the 'postgres' extra: make postgres "
        "(or pip install -e '.[postgres]')"
    ) from exc

if TYPE_CHECKING:
    from newsdesk.clean import TemplateStats

T = TypeVar("T")

LOCK_CLASS = 0x4E455753  # "NEWS": the first key of every newsdesk advisory lock
CONNECT_SECONDS = 10
WAIT_SECONDS = 30
"""How long a write waits for a row lock, or any call for a free pooled connection."""
RETRIES = 3
_RETRY = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)
_MARKER = "newsdesk store"


def redact(url: str) -> str:
    """The URL without its password (in the authority or as a ``password=`` parameter)."""
    url = re.sub(r"^([a-z]+://[^:/@?]*):[^@/?]*@", r"\1:***@", url, flags=re.I)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url, flags=re.I)


def _lock_sql(kind: str, purpose: str) -> str:
    """An advisory lock (``kind``: ``pg_advisory_lock``, ``..._xact_lock``, ``..._unlock``)
    keyed by purpose and schema, so stores in different schemas never wait for each other."""
    return f"SELECT {kind}({LOCK_CLASS}, hashtext(current_schema() || ':{purpose}'))"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _problem(exc: psycopg.Error) -> str:
    return " ".join(str(exc).split())[:300]


def translate_error(
    where: str, exc: psycopg.Error, *, writing: bool
) -> NewsdeskError | psycopg.Error:
    """A :class:`WriteError` or :class:`StoreError` for a failure of the server, the
    connection, the disk, rights or locks; anything else (a bug) unchanged."""
    state = exc.sqlstate or ""
    problem = _problem(exc)
    if state.startswith("53"):
        return WriteError(f"{where}: cannot write the store: the server lacks space ({problem})")
    if state == "25006":
        return WriteError(f"{where}: cannot write the store: it is read-only ({problem})")
    if state in ("55P03", "40P01", "40001"):
        return WriteError(
            f"{where}: the store is busy: another process held a lock past "
            f"{WAIT_SECONDS} s ({problem})"
        )
    if state.startswith(("08", "57P", "3D", "28", "42501")) or (
        isinstance(exc, psycopg.OperationalError) and not state
    ):
        if writing:
            return WriteError(f"{where}: cannot write the store: {problem}")
        return StoreError(f"{where}: cannot use the store: {problem}")
    return exc


def _removed_to_json(removed: Sequence[Removal]) -> str:
    return json.dumps(
        [{"text": r.text, "reason": r.reason, "start": r.start, "end": r.end} for r in removed],
        ensure_ascii=False,
    )


def _row_to_article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        format=row["format"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        authors=tuple(json.loads(row["authors"])),
        published=row["published"],
        raw_text=row["raw_text"],
        text=row["text"],
        removed=tuple(
            Removal(text=r["text"], reason=r["reason"], start=r["start"], end=r["end"])
            for r in json.loads(row["removed"])
        ),
        duplicate_of=row["duplicate_of"],
        duplicate_kind=row["duplicate_kind"],
        repairs=tuple(json.loads(row["repairs"])),
    )


_ARTICLE_COLUMNS = (
    "id, source, format, url, outlet, title, authors, published, raw_text, text, removed, "
    "duplicate_of, duplicate_kind, repairs"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, seq, source, format, url, outlet, outlet_name, title, authors,"
    " published, raw_text, text, removed, ingested_at, repairs)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    " ON CONFLICT (id) DO NOTHING RETURNING id"
)


class PostgresStore(PostgresReading, Store):
    """A newsdesk store in a PostgreSQL database (see the module docstring).

    ``pool_size``: the most connections this process opens (the web app's threads share
    them)."""

    backend = "postgres"
    shared_across_threads = True
    path: str

    def __init__(
        self, url: str, *, readonly: bool = False, create: bool = True, pool_size: int = 8
    ) -> None:
        self.url = url
        self.path = redact(url)
        self.readonly = readonly
        self.created = False
        self._added_xid: int | None = None
        """The transaction id of this object's last insert of new articles."""
        self._pool: ConnectionPool[PgConnection] | None = None
        with self._errors(writing=False):
            with psycopg.connect(
                url, autocommit=True, connect_timeout=CONNECT_SECONDS, row_factory=dict_row
            ) as conn:
                self._prepare(conn, create)
            pool: ConnectionPool[PgConnection] = ConnectionPool(
                url,
                connection_class=psycopg.Connection[dict[str, Any]],
                kwargs={
                    "autocommit": True,
                    "row_factory": dict_row,
                    "connect_timeout": CONNECT_SECONDS,
                },
                min_size=1,
                max_size=max(2, pool_size),
                timeout=WAIT_SECONDS,
                configure=self._configure,
                name="newsdesk",
                open=False,
            )
            pool.open(wait=True, timeout=CONNECT_SECONDS)
            self._pool = pool

    # ------------------------------------------------------------------ plumbing

    def _configure(self, conn: PgConnection) -> None:
        conn.execute(f"SET lock_timeout = '{WAIT_SECONDS}s'")
        if self.readonly:
            conn.execute("SET default_transaction_read_only = on")

    def _prepare(self, conn: PgConnection, create: bool) -> None:
        """Refuse a foreign schema or a newer store; create or upgrade the store unless
        read-only (pending migrations only: an up-to-date store takes no lock)."""
        schema = conn.execute("SELECT current_schema() AS s").fetchone()
        if schema is None or schema["s"] is None:
            raise StoreError(f"{self.path}: no schema to hold the store (check search_path)")
        tables = {
            r["tablename"]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        if "schema_migrations" not in tables:
            if tables:
                raise StoreError(
                    f"{self.path}: not a newsdesk store (schema {schema['s']!r} holds other "
                    "tables; put the store in a schema of its own with "
                    "?options=-csearch_path%3DNAME)"
                )
            if self.readonly or not create:
                raise StoreError(
                    f"{self.path}: no store here (`newsdesk ingest` or `newsdesk run` creates one)"
                )
        else:
            self._check_version(conn)
        if not self.readonly and self._pending(conn):
            self._migrate(conn)

    def _check_version(self, conn: PgConnection) -> None:
        row = conn.execute(
            "SELECT obj_description('schema_migrations'::regclass, 'pg_class') AS marker,"
            " (SELECT MAX(version) FROM schema_migrations) AS found"
        ).fetchone()
        assert row is not None
        if row["marker"] != _MARKER:
            raise StoreError(f"{self.path}: not a newsdesk store (a foreign schema_migrations)")
        found, newest = row["found"], PG_MIGRATIONS[-1].version
        if found is not None and found > newest:
            raise StoreError(
                f"{self.path}: store schema version {found} is newer than this "
                f"newsdesk supports ({newest}); upgrade newsdesk"
            )
        if self.readonly and (found or 0) < newest:
            raise StoreError(
                f"{self.path}: store schema version {found} is older than this newsdesk's "
                f"({newest}); run `newsdesk ingest` on it once to upgrade it"
            )

    @staticmethod
    def _pending(conn: PgConnection) -> bool:
        exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL AS e")
        row = exists.fetchone()
        if row is None or not row["e"]:
            return True
        done = {r["version"] for r in conn.execute("SELECT version FROM schema_migrations")}
        return any(m.version not in done for m in PG_MIGRATIONS)

    def _migrate(self, conn: PgConnection) -> None:
        """Apply pending migrations in one transaction, under an advisory lock (a second
        process opening the store meanwhile waits, then finds nothing left to do)."""
        with conn.transaction():
            conn.execute("SET LOCAL lock_timeout = 0")
            conn.execute(_lock_sql("pg_advisory_xact_lock", "migrate"))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            conn.execute(f"COMMENT ON TABLE schema_migrations IS '{_MARKER}'")
            done = {r["version"] for r in conn.execute("SELECT version FROM schema_migrations")}
            self.created = not done
            for migration in PG_MIGRATIONS:
                if migration.version in done:
                    continue
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                    (migration.version, migration.name, _now()),
                )

    @contextmanager
    def _errors(self, *, writing: bool) -> Iterator[None]:
        try:
            yield
        except PoolTimeout as exc:
            cls = WriteError if writing else StoreError
            raise cls(
                f"{self.path}: no connection to the store's server within {WAIT_SECONDS} s"
            ) from exc
        except psycopg.Error as exc:
            found = translate_error(self.path, exc, writing=writing)
            if found is exc:
                raise
            raise found from exc

    @property
    def _connections(self) -> ConnectionPool[PgConnection]:
        if self._pool is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._pool

    @contextmanager
    def _conn(self) -> Iterator[PgConnection]:
        """A pooled connection in autocommit mode (each statement its own snapshot)."""
        with self._errors(writing=False), self._connections.connection() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[PgConnection]:
        """A read-only transaction with one snapshot for all its statements."""
        with (
            self._errors(writing=False),
            self._connections.connection() as conn,
            conn.transaction(),
        ):
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """Run a block in one transaction; roll back on any exception."""
        if self.readonly:
            raise WriteError(f"{self.path}: the store was opened read-only")
        with (
            self._errors(writing=True),
            self._connections.connection() as conn,
            conn.transaction(),
        ):
            yield conn

    def _write(self, work: Callable[[PgConnection], T]) -> T:
        """``work`` in one transaction, run again (from the start) after a deadlock or a
        serialisation failure, at most :data:`RETRIES` times in all."""
        if self.readonly:
            raise WriteError(f"{self.path}: the store was opened read-only")
        with self._errors(writing=True):
            for attempt in range(RETRIES):
                try:
                    with self._connections.connection() as conn, conn.transaction():
                        return work(conn)
                except _RETRY:
                    if attempt == RETRIES - 1:
                        raise
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    @contextmanager
    def updating(self) -> Iterator[bool]:
        """A session-level advisory lock, held on a connection of its own. Once it is
        taken, the recompute is skipped (``False``) if the last completed one began after
        this store's last new articles were committed: their transaction id is below the
        oldest transaction still running when that recompute began (``stories_xmin`` in
        ``counters``), so it saw them. On success, the recompute's own start is recorded."""
        if self.readonly:
            yield True
            return
        with self._errors(writing=True), self._connections.connection() as conn:
            with conn.transaction():
                conn.execute("SET LOCAL lock_timeout = 0")
                conn.execute(_lock_sql("pg_advisory_lock", "update"))
            try:
                row = conn.execute(
                    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin,"
                    " (SELECT value FROM counters WHERE name = 'stories_xmin') AS done"
                ).fetchone()
                assert row is not None
                added = self._added_xid
                if added is not None and row["done"] is not None and added < row["done"]:
                    yield False
                    return
                yield True
                conn.execute(
                    "INSERT INTO counters (name, value) VALUES ('stories_xmin', %s)"
                    " ON CONFLICT (name) DO UPDATE"
                    " SET value = GREATEST(counters.value, excluded.value)",
                    (row["xmin"],),
                )
            finally:
                conn.execute(_lock_sql("pg_advisory_unlock", "update"))

    @property
    def migrations(self) -> list[tuple[int, str]]:
        with self._conn() as conn:
            rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version")
            return [(r["version"], r["name"]) for r in rows]

    def integrity_check(self) -> str:
        """``ok`` unless an index of the store is invalid or a story holds an article twice
        (constraints and foreign keys guard the rest)."""
        with self._read() as conn:
            invalid = [
                r["name"]
                for r in conn.execute(
                    "SELECT c.relname AS name FROM pg_index i"
                    " JOIN pg_class c ON c.oid = i.indexrelid"
                    " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE n.nspname = current_schema() AND NOT i.indisvalid"
                )
            ]
            twice = conn.execute(
                "SELECT COUNT(*) - COUNT(DISTINCT article_id) AS n FROM story_articles"
            ).fetchone()
        problems = [f"invalid index {name}" for name in invalid]
        if twice is not None and twice["n"]:
            problems.append(f"{twice['n']} articles in more than one story")
        return "; ".join(problems) or "ok"

    # ------------------------------------------------------------------ articles

    def add_articles(
        self, articles: Iterable[Article], template_stats: TemplateStatsFor | None = None
    ) -> list[str]:
        firsts: dict[str, Article] = {}
        for a in articles:
            firsts.setdefault(a.id, a)
        batch = list(firsts.values())

        def work(conn: PgConnection) -> list[str]:
            if not batch:
                return []
            seqs = sorted(
                r["seq"]
                for r in conn.execute(
                    "SELECT nextval('articles_seq') AS seq FROM generate_series(1, %s)",
                    (len(batch),),
                )
            )
            now = _now()
            rows = [
                (
                    a.id,
                    seq,
                    a.source,
                    a.format,
                    a.url,
                    a.outlet,
                    outlet_name(a.outlet, a.url),
                    a.title,
                    json.dumps(list(a.authors), ensure_ascii=False),
                    a.published,
                    a.raw_text,
                    a.text,
                    _removed_to_json(a.removed),
                    now,
                    json.dumps(list(a.repairs), ensure_ascii=False),
                )
                for a, seq in zip(batch, seqs, strict=True)
            ]
            rows.sort(key=lambda r: r[0])  # one lock order for every writer
            new: set[str] = set()
            with conn.cursor() as cur:
                cur.executemany(_INSERT_ARTICLE, rows, returning=True)
                while True:
                    new.update(r["id"] for r in cur.fetchall())
                    if not cur.nextset():
                        break
            added = [a.id for a in batch if a.id in new]
            delta = template_stats(added) if template_stats is not None and added else None
            if delta is not None:
                self._add_template_stats(conn, delta)
            if added:
                row = conn.execute("SELECT pg_current_xact_id()::text::bigint AS xid")
                found = row.fetchone()
                xids.append(int(found["xid"]) if found else None)
            return added

        xids: list[int | None] = []
        added = self._write(work)
        if added and xids[-1] is not None:
            self._added_xid = max(self._added_xid or 0, xids[-1])
        return added

    def has_article(self, article_id: str) -> bool:
        with self._conn() as conn:
            row = conn.execute("SELECT 1 AS x FROM articles WHERE id = %s", (article_id,))
            return row.fetchone() is not None

    def count_articles(self) -> int:
        with self._conn() as conn:
            row = conn.execute("SELECT COUNT(*) AS n FROM articles").fetchone()
        return int(row["n"]) if row else 0

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        with self._conn() as conn:
            if ids is None:
                rows = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq")
                return [_row_to_article(r) for r in rows]
            found = conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ANY(%s)", (list(ids),)
            )
            by_id = {r["id"]: _row_to_article(r) for r in found}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise NotFoundError(f"no article with id {missing[0]!r} in {self.path}")
        return [by_id[i] for i in ids]

    # ------------------------------------------------------------------ clean statistics

    def template_stats(self) -> TemplateStats:
        from newsdesk.clean import TemplateStats

        stats = TemplateStats()
        with self._read() as conn:
            for r in conn.execute("SELECT outlet, line_key, articles FROM template_lines"):
                if r["outlet"] is None:
                    stats.overall[r["line_key"]] = r["articles"]
                else:
                    stats.by_outlet.setdefault(r["outlet"], {})[r["line_key"]] = r["articles"]
            found = conn.execute(
                "SELECT value FROM counters WHERE name = 'template_articles'"
            ).fetchone()
        stats.articles = int(found["value"]) if found else 0
        return stats

    def add_template_stats(self, delta: TemplateStats) -> None:
        self._write(lambda conn: self._add_template_stats(conn, delta))

    @staticmethod
    def _add_template_stats(conn: PgConnection, delta: TemplateStats) -> None:
        rows: list[tuple[str | None, str, int]] = [(None, k, n) for k, n in delta.overall.items()]
        rows += [(o, k, n) for o, counts in delta.by_outlet.items() for k, n in counts.items()]
        rows.sort(key=lambda r: (r[0] or "", r[1]))  # one lock order for every writer
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO template_lines (outlet, line_key, articles) VALUES (%s, %s, %s)"
                " ON CONFLICT ((COALESCE(outlet, '')), line_key)"
                " DO UPDATE SET articles = template_lines.articles + excluded.articles",
                rows,
            )
        conn.execute(
            "INSERT INTO counters (name, value) VALUES ('template_articles', %s)"
            " ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value",
            (delta.articles,),
        )

    # ------------------------------------------------------------------ dedupe

    def set_duplicates(
        self, links: Sequence[DuplicateLink], reuse: Sequence[ParagraphReuse]
    ) -> None:
        """Only marks that change are written (fewer row versions, and the change counter
        moves only when a mark did)."""
        marks = {link.article_id: (link.original_id, link.kind) for link in links}
        reused = {(r.article_id, r.paragraph_index, r.original_id): r for r in reuse}

        def work(conn: PgConnection) -> None:
            conn.execute("SET LOCAL lock_timeout = 0")
            conn.execute(_lock_sql("pg_advisory_xact_lock", "derived"))
            conn.execute(
                'CREATE TEMP TABLE nd_links (article_id TEXT COLLATE "C", original_id TEXT'
                ' COLLATE "C", kind TEXT) ON COMMIT DROP'
            )
            with conn.cursor() as cur, cur.copy("COPY nd_links FROM STDIN") as copy:
                for aid in sorted(marks):
                    copy.write_row((aid, *marks[aid]))
            conn.execute(
                "UPDATE articles a SET duplicate_of = NULL, duplicate_kind = NULL"
                " WHERE (a.duplicate_of IS NOT NULL OR a.duplicate_kind IS NOT NULL)"
                " AND NOT EXISTS (SELECT 1 FROM nd_links n WHERE n.article_id = a.id)"
            )
            conn.execute(
                "UPDATE articles a SET duplicate_of = n.original_id, duplicate_kind = n.kind"
                " FROM nd_links n WHERE a.id = n.article_id"
                " AND (a.duplicate_of IS DISTINCT FROM n.original_id"
                " OR a.duplicate_kind IS DISTINCT FROM n.kind)"
            )
            conn.execute("DELETE FROM paragraph_reuse")
            with (
                conn.cursor() as cur,
                cur.copy(
                    "COPY paragraph_reuse (article_id, paragraph_index, original_id,"
                    " original_paragraph_index, similarity) FROM STDIN"
                ) as copy,
            ):
                for key in sorted(reused):
                    r = reused[key]
                    copy.write_row(
                        (
                            r.article_id,
                            r.paragraph_index,
                            r.original_id,
                            r.original_paragraph_index,
                            r.similarity,
                        )
                    )

        self._write(work)

    def paragraph_reuse(self, article_ids: Sequence[str] | None = None) -> list[ParagraphReuse]:
        query = "SELECT * FROM paragraph_reuse"
        with self._conn() as conn:
            if article_ids is None:
                rows = conn.execute(query).fetchall()
            else:
                rows = conn.execute(
                    query + " WHERE article_id = ANY(%s)", (list(article_ids),)
                ).fetchall()
        rows.sort(key=lambda r: (r["article_id"], r["paragraph_index"], r["original_id"]))
        return [
            ParagraphReuse(
                article_id=r["article_id"],
                paragraph_index=r["paragraph_index"],
                original_id=r["original_id"],
                original_paragraph_index=r["original_paragraph_index"],
                similarity=r["similarity"],
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ stories

    def replace_stories(self, stories: Sequence[Story]) -> None:
        def work(conn: PgConnection) -> None:
            conn.execute("SET LOCAL lock_timeout = 0")
            conn.execute(_lock_sql("pg_advisory_xact_lock", "derived"))
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM stories")
            with conn.cursor() as cur:
                with cur.copy("COPY stories (id, title) FROM STDIN") as copy:
                    for s in stories:
                        copy.write_row((s.id, s.title))
                with cur.copy(
                    "COPY story_articles (story_id, article_id, position) FROM STDIN"
                ) as copy:
                    for s in stories:
                        for pos, aid in enumerate(s.article_ids):
                            copy.write_row((s.id, aid, pos))

        self._write(work)

    def stories(self) -> list[Story]:
        stories: dict[str, Story] = {}
        with self._read() as conn:
            for r in conn.execute("SELECT id, title FROM stories ORDER BY id"):
                stories[r["id"]] = Story(id=r["id"], title=r["title"])
            for r in conn.execute(
                "SELECT story_id, article_id FROM story_articles ORDER BY story_id, position"
            ):
                stories[r["story_id"]].article_ids.append(r["article_id"])
        return list(stories.values())

    def story_summaries(self) -> list[StorySummary]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT s.id, s.title, COUNT(*) AS n, MIN(a.published) AS first,"
                " array_agg(DISTINCT a.outlet) AS outlets"
                " FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
                " JOIN articles a ON a.id = sa.article_id"
                " GROUP BY s.id ORDER BY n DESC, first NULLS FIRST, s.id"
            ).fetchall()
        return [
            StorySummary(
                id=r["id"],
                title=r["title"],
                article_count=r["n"],
                outlets=tuple(sorted(o for o in r["outlets"] if o)),
                first_published=r["first"],
            )
            for r in rows
        ]

    def story(self, story_id: str) -> Story:
        prefix = story_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, title FROM stories WHERE id = %s OR id LIKE %s ESCAPE '\\'"
                " ORDER BY id LIMIT 50",
                (story_id, prefix),
            ).fetchall()
            exact = [r for r in rows if r["id"] == story_id]
            if exact:
                rows = exact
            if not rows:
                raise NotFoundError(f"no story {story_id!r} in {self.path}")
            if len(rows) > 1:
                raise NotFoundError(f"story id prefix {story_id!r} is ambiguous in {self.path}")
            story = Story(id=rows[0]["id"], title=rows[0]["title"])
            story.article_ids = [
                r["article_id"]
                for r in conn.execute(
                    "SELECT article_id FROM story_articles WHERE story_id = %s ORDER BY position",
                    (story.id,),
                )
            ]
        return story

    # ------------------------------------------------------------------ fetch state

    def fetch_state(self, url: str) -> FetchState | None:
        with self._conn() as conn:
            row = conn.execute("SELECT * FROM fetch_state WHERE url = %s", (url,)).fetchone()
        if row is None:
            return None
        return FetchState(
            url=row["url"],
            fetched_at=row["fetched_at"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            content_hash=row["content_hash"],
            status=row["status"],
            error=row["error"],
            changed_at=row["changed_at"],
        )

    def save_fetch_states(self, states: Iterable[FetchState]) -> None:
        latest = {s.url: s for s in states}
        rows = [
            (
                s.url,
                s.etag,
                s.last_modified,
                s.content_hash,
                s.status,
                s.error,
                s.fetched_at,
                s.changed_at,
            )
            for s in (latest[u] for u in sorted(latest))
        ]

        def work(conn: PgConnection) -> None:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO fetch_state (url, etag, last_modified, content_hash, status,"
                    " error, fetched_at, changed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
                    " last_modified = excluded.last_modified,"
                    " content_hash = excluded.content_hash, status = excluded.status,"
                    " error = excluded.error, fetched_at = excluded.fetched_at,"
                    " changed_at = excluded.changed_at",
                    rows,
                )

        self._write(work)
