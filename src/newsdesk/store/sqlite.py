"""The SQLite store: one file, WAL journal, migrations recorded in a table.

One writer connection per :class:`Store`. Articles are keyed by a content hash, so
adding the same article twice is a no-op. Every write happens inside a transaction:
a crash mid-ingest (even ``kill -9``) leaves the file valid with every committed
article intact (the ``-wal`` and ``-shm`` files beside it are part of the store until
the next clean close folds them in). Template-line statistics are counted in the
transaction that stores their articles. Commands that only read open the store read-only.
A failed write (disk full, read-only location, busy past the 30 s timeout) is a
:class:`~newsdesk.errors.WriteError`; a damaged or foreign file a
:class:`~newsdesk.errors.StoreError`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import quote

from newsdesk.errors import NewsdeskError, NotFoundError, StoreError, WriteError
from newsdesk.records import (
    Article,
    DuplicateLink,
    ParagraphReuse,
    Removal,
    Story,
    StorySummary,
)
from newsdesk.store._base import FetchState, Store, TemplateStatsFor
from newsdesk.store.sqlite_reading import SQLiteReading, register_functions

if TYPE_CHECKING:
    from newsdesk.clean import TemplateStats

APPLICATION_ID = 0x4E455753  # "NEWS"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated DDL inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m1_initial(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT NOT NULL,
            authors TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            raw_text TEXT NOT NULL,
            text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            duplicate_of TEXT REFERENCES articles(id),
            duplicate_kind TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (story_id, article_id)
        );
        CREATE UNIQUE INDEX story_articles_article ON story_articles(article_id);
        CREATE TABLE paragraph_reuse (
            article_id TEXT NOT NULL REFERENCES articles(id),
            paragraph_index INTEGER NOT NULL,
            original_id TEXT NOT NULL REFERENCES articles(id),
            original_paragraph_index INTEGER NOT NULL,
            similarity REAL NOT NULL,
            PRIMARY KEY (article_id, paragraph_index, original_id)
        );
        """,
    )


def _m2_template_lines(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE template_lines (
            outlet TEXT,
            line_key TEXT NOT NULL,
            articles INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX template_lines_key ON template_lines(COALESCE(outlet, ''), line_key);
        CREATE TABLE counters (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        """,
    )


_FTS_TRIGGERS = (
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    " VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF seq, title, text ON articles BEGIN"
    " INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    " VALUES ('delete', old.seq, old.title, old.text);"
    " INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); END",
)


def _m3_full_text(db: sqlite3.Connection) -> None:
    """SQLite FTS5 index over article titles and cleaned bodies (rowid = ``articles.seq``),
    kept in step by triggers. Skipped where SQLite was built without FTS5 (search then
    falls back to a plain scan; see :meth:`Store.has_full_text`)."""
    try:
        db.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
            " content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc):
            return
        raise
    for trigger in _FTS_TRIGGERS:
        db.execute(trigger)
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


_BUMP = (
    "INSERT INTO counters (name, value) VALUES ('changes', 1)"
    " ON CONFLICT (name) DO UPDATE SET value = value + 1;"
    " INSERT INTO counters (name, value) VALUES ('changed_at', CAST(strftime('%s', 'now') AS INT))"
    " ON CONFLICT (name) DO UPDATE SET value = excluded.value;"
)
_CHANGE_TRIGGERS = (
    f"CREATE TRIGGER changes_article_insert AFTER INSERT ON articles BEGIN {_BUMP} END",
    f"CREATE TRIGGER changes_article_delete AFTER DELETE ON articles BEGIN {_BUMP} END",
    "CREATE TRIGGER changes_article_update AFTER UPDATE OF title, text, duplicate_of ON articles"
    " WHEN old.duplicate_of IS NOT new.duplicate_of OR old.title IS NOT new.title"
    f" OR old.text IS NOT new.text BEGIN {_BUMP} END",
    f"CREATE TRIGGER changes_story_insert AFTER INSERT ON stories BEGIN {_BUMP} END",
    f"CREATE TRIGGER changes_story_delete AFTER DELETE ON stories BEGIN {_BUMP} END",
)


def _m4_readers(db: sqlite3.Connection) -> None:
    """For readers of a live store (the web app): reuse looked up by original, and a change
    counter with the time of the last change (``counters``: ``changes``, ``changed_at``),
    bumped by triggers when reports are added or edited, duplicate marks change or stories
    are replaced, so a reader can tell cheaply whether anything changed."""
    db.execute("CREATE INDEX paragraph_reuse_original ON paragraph_reuse(original_id)")
    for trigger in _CHANGE_TRIGGERS:
        db.execute(trigger)


def _m5_fetch_state(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            content_hash TEXT,
            status INTEGER,
            error TEXT,
            fetched_at TEXT NOT NULL,
            changed_at TEXT
        );
        """,
    )


def _m6_repairs(db: sqlite3.Connection) -> None:
    """What decoding repaired to read each article (``Article.repairs``), a JSON list."""
    db.execute("ALTER TABLE articles ADD COLUMN repairs TEXT NOT NULL DEFAULT '[]'")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", _m1_initial),
    Migration(2, "template line statistics", _m2_template_lines),
    Migration(3, "full-text search", _m3_full_text),
    Migration(4, "change counter and reuse by original", _m4_readers),
    Migration(5, "fetch state (conditional GET)", _m5_fetch_state),
    Migration(6, "decoding repairs", _m6_repairs),
)


_WRITE_PROBLEMS = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the store or its folder is read-only",
    "SQLITE_IOERR": "disk I/O error",
    "SQLITE_BUSY": "the store is busy: another process kept it locked past the 30 s timeout",
    "SQLITE_LOCKED": "the store is locked by another connection",
    "SQLITE_CANTOPEN": "cannot open it or create its -wal/-shm files (a read-only location?)",
}
_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def translate_error(path: Path, exc: sqlite3.Error) -> NewsdeskError | sqlite3.Error:
    """A :class:`WriteError` or :class:`StoreError` for an SQLite failure that is about
    the disk or the file (full, read-only, busy, damaged); anything else unchanged."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    for prefix, problem in _WRITE_PROBLEMS.items():
        if name.startswith(prefix):
            return WriteError(f"{path}: cannot write the store: {problem} ({exc})")
    if name.startswith(_DAMAGE):
        return StoreError(f"{path}: the store is damaged or not a database ({exc})")
    return exc


def _open_error(path: Path, exc: sqlite3.DatabaseError) -> NewsdeskError:
    found = translate_error(path, exc)
    if isinstance(found, NewsdeskError):
        return found
    return StoreError(f"{path}: not a usable newsdesk store: {exc}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _removed_to_json(removed: Sequence[Removal]) -> str:
    return json.dumps(
        [{"text": r.text, "reason": r.reason, "start": r.start, "end": r.end} for r in removed],
        ensure_ascii=False,
    )


def _removed_from_json(raw: str) -> tuple[Removal, ...]:
    return tuple(
        Removal(text=r["text"], reason=r["reason"], start=r["start"], end=r["end"])
        for r in json.loads(raw)
    )


_ARTICLE_COLUMNS = (
    "id, source, format, url, outlet, title, authors, published, raw_text, text, removed, "
    "duplicate_of, duplicate_kind, repairs"
)


def _row_to_article(row: sqlite3.Row) -> Article:
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
        removed=_removed_from_json(row["removed"]),
        duplicate_of=row["duplicate_of"],
        duplicate_kind=row["duplicate_kind"],
        repairs=tuple(json.loads(row["repairs"])),
    )


class SQLiteStore(SQLiteReading, Store):
    """A newsdesk SQLite store (see :class:`~newsdesk.store.Store`), one file.

    ``readonly=True`` (the commands that only read) opens an existing store without
    writing anything, also on a read-only location; a missing file is a :class:`StoreError`.
    Otherwise a missing file is created (``created`` says so) unless ``create=False``. A
    file that is not a newsdesk store is refused before anything is written to it.
    """

    backend = "sqlite"
    path: Path

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.created = False
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a store file")
        if not self.path.exists():
            if readonly or not create:
                raise StoreError(
                    f"{self.path}: no store here (`newsdesk ingest` or `newsdesk run` creates one)"
                )
            self._create_folder()
            self.created = True
        self._db = self._connect_readonly() if readonly else self._connect("rwc")
        self._db.row_factory = sqlite3.Row
        register_functions(self._db)
        try:
            self._check_newsdesk()
            if not readonly:
                self._configure()
                self._migrate()
        except sqlite3.DatabaseError as exc:
            self._abandon()
            raise _open_error(self.path, exc) from exc
        except BaseException:
            self._abandon()
            raise

    # ------------------------------------------------------------------ plumbing

    def _create_folder(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(
                f"{self.path}: cannot create the store's folder: {exc.strerror or exc}"
            ) from exc

    def _uri(self, query: str) -> str:
        return f"file:{quote(str(self.path.absolute()))}?{query}"

    def _connect(self, mode: str) -> sqlite3.Connection:
        try:
            return sqlite3.connect(
                self._uri(f"mode={mode}"), uri=True, isolation_level=None, timeout=30.0
            )
        except sqlite3.Error as exc:
            if self.created:
                raise WriteError(f"{self.path}: cannot create the store: {exc}") from exc
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc

    def _connect_readonly(self) -> sqlite3.Connection:
        """A read-only connection. Where the folder cannot be written and SQLite cannot set
        up its shared-memory file, the store is opened as immutable, which is exact only
        when no ``-wal`` file holds changes not yet in the main file."""
        db = self._connect("ro")
        try:
            db.execute("PRAGMA schema_version").fetchone()
            return db
        except sqlite3.DatabaseError as exc:
            db.close()
            if not isinstance(exc, sqlite3.OperationalError):
                raise _open_error(self.path, exc) from exc
            wal = Path(f"{self.path}-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise StoreError(
                    f"{self.path}: cannot read the store: its -wal file holds changes not yet in "
                    "the main file and the folder cannot be written; open it once where it can "
                    "be written, or copy the store together with its -wal file"
                ) from exc
        try:
            return sqlite3.connect(
                self._uri("mode=ro&immutable=1"), uri=True, isolation_level=None, timeout=30.0
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc

    def _abandon(self) -> None:
        """Close after a failed open; remove the file if this open created it."""
        self._db.close()
        if self.created:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _check_newsdesk(self) -> None:
        """Refuse a foreign or too new file, reading only (nothing is written before)."""
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables - {"schema_migrations"}):
            raise StoreError(f"{self.path}: this SQLite file is not a newsdesk store")
        if "schema_migrations" not in tables:
            if self.readonly:
                raise StoreError(f"{self.path}: an empty file, not a newsdesk store yet")
            return
        found = self._db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        newest = max(m.version for m in MIGRATIONS)
        if found is not None and found > newest:
            raise StoreError(
                f"{self.path}: store schema version {found} is newer than this "
                f"newsdesk supports ({newest}); upgrade newsdesk"
            )
        if self.readonly and (found or 0) < newest:
            raise StoreError(
                f"{self.path}: store schema version {found} is older than this newsdesk's "
                f"({newest}); run `newsdesk ingest` on it once (where it can be written) to "
                "upgrade it"
            )

    def _configure(self) -> None:
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")

    def _pending(self) -> bool:
        """Is any migration (or the application id) still to be written?"""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if "schema_migrations" not in tables:
            return True
        done = {r[0] for r in self._db.execute("SELECT version FROM schema_migrations")}
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        return app_id != APPLICATION_ID or any(m.version not in done for m in MIGRATIONS)

    def _migrate(self) -> None:
        """Apply pending migrations in one transaction (none taken when all are applied, so
        opening a store never waits for another writer)."""
        if not self._pending():
            return
        with self.transaction():
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            done = {r[0] for r in self._db.execute("SELECT version FROM schema_migrations")}
            for migration in MIGRATIONS:
                if migration.version in done:
                    continue
                migration.apply(self._db)
                self._db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, _now()),
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one IMMEDIATE transaction; roll back on any exception.

        A write the disk or the location refuses (full, read-only, I/O error, busy past
        the timeout) becomes a :class:`WriteError`; nothing of the block is kept."""
        if self.readonly:
            raise WriteError(f"{self.path}: the store was opened read-only")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._raise_translated(exc)
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error):
                self._raise_translated(exc)
            raise

    def _raise_translated(self, exc: sqlite3.Error) -> NoReturn:
        found = translate_error(self.path, exc)
        if found is not exc:
            raise found from exc
        raise exc

    def _rollback(self) -> None:
        with suppress(sqlite3.Error):  # SQLite may have rolled back already (SQLITE_FULL)
            self._db.execute("ROLLBACK")

    def close(self) -> None:
        self._db.close()

    def updating(self) -> AbstractContextManager[bool]:
        """Nothing to hold: SQLite runs one write transaction at a time, and each
        replacement of duplicates or stories is one transaction. Always needed."""
        return nullcontext(True)

    @property
    def connection(self) -> sqlite3.Connection:
        """The store's SQLite connection, for tools and tests that need SQLite itself (the
        web app's queries are the reader methods of :mod:`.sqlite_reading`). Writes go
        through the methods here."""
        return self._db

    @property
    def migrations(self) -> list[tuple[int, str]]:
        rows = self._db.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        return [(r[0], r[1]) for r in rows]

    # ------------------------------------------------------------------ articles

    def add_articles(
        self,
        articles: Iterable[Article],
        template_stats: TemplateStatsFor | None = None,
    ) -> list[str]:
        """Insert articles in one transaction; return the ids that were new.

        ``template_stats``, given the ids that were new, returns the template-line counts
        those articles add; they are counted in the same transaction, so the statistics
        stay exact whatever else writes at the same time or however the ingest ends."""
        added: list[str] = []
        with self.transaction() as db:
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]
            for a in articles:
                seq += 1
                cur = db.execute(
                    "INSERT OR IGNORE INTO articles (id, seq, source, format, url, outlet, title,"
                    " authors, published, raw_text, text, removed, ingested_at, repairs)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        a.id,
                        seq,
                        a.source,
                        a.format,
                        a.url,
                        a.outlet,
                        a.title,
                        json.dumps(list(a.authors), ensure_ascii=False),
                        a.published,
                        a.raw_text,
                        a.text,
                        _removed_to_json(a.removed),
                        _now(),
                        json.dumps(list(a.repairs), ensure_ascii=False),
                    ),
                )
                if cur.rowcount:
                    added.append(a.id)
                else:
                    seq -= 1
            delta = template_stats(added) if template_stats is not None and added else None
            if delta is not None:
                self._add_template_stats(db, delta)
        return added

    def has_article(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """All articles in ingest order, or the given ids in the given order."""
        if ids is None:
            rows = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq")
            return [_row_to_article(r) for r in rows]
        query = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({{marks}})"
        by_id = {r["id"]: _row_to_article(r) for r in self._rows_for_ids(query, ids)}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise NotFoundError(f"no article with id {missing[0]!r} in {self.path}")
        return [by_id[i] for i in ids]

    def article(self, article_id: str) -> Article:
        return self.articles([article_id])[0]

    # ------------------------------------------------------------------ clean statistics

    def template_stats(self) -> TemplateStats:
        """The cross-document line counts learnt from every article ingested so far."""
        from newsdesk.clean import TemplateStats

        stats = TemplateStats()
        for r in self._db.execute("SELECT outlet, line_key, articles FROM template_lines"):
            if r["outlet"] is None:
                stats.overall[r["line_key"]] = r["articles"]
            else:
                stats.by_outlet.setdefault(r["outlet"], {})[r["line_key"]] = r["articles"]
        row = self._db.execute("SELECT value FROM counters WHERE name = 'template_articles'")
        found = row.fetchone()
        stats.articles = int(found[0]) if found else 0
        return stats

    def add_template_stats(self, delta: TemplateStats) -> None:
        """Add one batch's line counts to the stored ones (in a transaction of its own;
        ingest counts them with their articles instead, see :meth:`add_articles`)."""
        with self.transaction() as db:
            self._add_template_stats(db, delta)

    @staticmethod
    def _add_template_stats(db: sqlite3.Connection, delta: TemplateStats) -> None:
        rows: list[tuple[str | None, str, int]] = [(None, k, n) for k, n in delta.overall.items()]
        rows += [(o, k, n) for o, counts in delta.by_outlet.items() for k, n in counts.items()]
        db.executemany(
            "INSERT INTO template_lines (outlet, line_key, articles) VALUES (?, ?, ?)"
            " ON CONFLICT (COALESCE(outlet, ''), line_key)"
            " DO UPDATE SET articles = articles + excluded.articles",
            rows,
        )
        db.execute(
            "INSERT INTO counters (name, value) VALUES ('template_articles', ?)"
            " ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
            (delta.articles,),
        )

    # ------------------------------------------------------------------ dedupe

    def set_duplicates(
        self, links: Sequence[DuplicateLink], reuse: Sequence[ParagraphReuse]
    ) -> None:
        """Replace the duplicate marks and paragraph-reuse table with these results."""
        with self.transaction() as db:
            db.execute("UPDATE articles SET duplicate_of = NULL, duplicate_kind = NULL")
            db.executemany(
                "UPDATE articles SET duplicate_of = ?, duplicate_kind = ? WHERE id = ?",
                [(link.original_id, link.kind, link.article_id) for link in links],
            )
            db.execute("DELETE FROM paragraph_reuse")
            db.executemany(
                "INSERT OR REPLACE INTO paragraph_reuse VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        r.article_id,
                        r.paragraph_index,
                        r.original_id,
                        r.original_paragraph_index,
                        r.similarity,
                    )
                    for r in reuse
                ],
            )

    def paragraph_reuse(self, article_ids: Sequence[str] | None = None) -> list[ParagraphReuse]:
        """Reused paragraphs of the given articles (all when ``None``)."""
        query = "SELECT * FROM paragraph_reuse"
        if article_ids is None:
            rows = list(self._db.execute(query))
        else:
            rows = self._rows_for_ids(query + " WHERE article_id IN ({marks})", article_ids)
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

    def _rows_for_ids(self, query: str, ids: Sequence[str]) -> list[sqlite3.Row]:
        """Run ``query`` (with a ``{marks}`` placeholder list) over ``ids`` in chunks."""
        rows: list[sqlite3.Row] = []
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows.extend(self._db.execute(query.format(marks=marks), chunk))
        return rows

    # ------------------------------------------------------------------ stories

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Replace the story table with a new clustering, atomically."""
        with self.transaction() as db:
            db.execute("DELETE FROM story_articles")
            db.execute("DELETE FROM stories")
            for s in stories:
                db.execute("INSERT INTO stories (id, title) VALUES (?, ?)", (s.id, s.title))
                db.executemany(
                    "INSERT INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)",
                    [(s.id, aid, pos) for pos, aid in enumerate(s.article_ids)],
                )

    def stories(self) -> list[Story]:
        stories: dict[str, Story] = {}
        for r in self._db.execute("SELECT id, title FROM stories ORDER BY id"):
            stories[r["id"]] = Story(id=r["id"], title=r["title"])
        for r in self._db.execute(
            "SELECT story_id, article_id FROM story_articles ORDER BY story_id, position"
        ):
            stories[r["story_id"]].article_ids.append(r["article_id"])
        return list(stories.values())

    def story_summaries(self) -> list[StorySummary]:
        """Stories with their size, outlets and first publication date, largest first."""
        rows = self._db.execute(
            "SELECT s.id, s.title, COUNT(*) AS n, MIN(a.published) AS first,"
            " json_group_array(DISTINCT a.outlet) AS outlets"
            " FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
            " JOIN articles a ON a.id = sa.article_id"
            " GROUP BY s.id ORDER BY n DESC, first, s.id"
        )
        return [
            StorySummary(
                id=r["id"],
                title=r["title"],
                article_count=r["n"],
                outlets=tuple(sorted(o for o in json.loads(r["outlets"]) if o)),
                first_published=r["first"],
            )
            for r in rows
        ]

    def story(self, story_id: str) -> Story:
        """A story by id, or by a unique id prefix."""
        rows = self._db.execute(
            "SELECT id, title FROM stories WHERE id = ? OR id LIKE ? ESCAPE '\\' ORDER BY id",
            (story_id, story_id.replace("%", "\\%").replace("_", "\\_") + "%"),
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
            r[0]
            for r in self._db.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position",
                (story.id,),
            )
        ]
        return story

    # ------------------------------------------------------------------ fetch state

    def fetch_state(self, url: str) -> FetchState | None:
        """The stored state of ``url``'s last fetch, if it was ever fetched."""
        row = self._db.execute("SELECT * FROM fetch_state WHERE url = ?", (url,)).fetchone()
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
        """Insert or replace fetch states, in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO fetch_state (url, etag, last_modified, content_hash,"
                " status, error, fetched_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
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
                    for s in states
                ],
            )

    def integrity_check(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])
