"""The SQLite store: one file, WAL journal, migrations recorded in a table.

One writer connection per :class:`Store`. Articles are keyed by a content hash, so
adding the same article twice is a no-op. Every write happens inside a transaction:
a crash mid-ingest (even ``kill -9``) leaves the file valid with every committed
article intact.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import NotFoundError, StoreError
from newsdesk.records import (
    Article,
    DuplicateLink,
    ParagraphReuse,
    Removal,
    Story,
    StorySummary,
)

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


def _m3_repairs(db: sqlite3.Connection) -> None:
    """What decoding repaired to read each article (``Article.repairs``), a JSON list."""
    db.execute("ALTER TABLE articles ADD COLUMN repairs TEXT NOT NULL DEFAULT '[]'")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", _m1_initial),
    Migration(2, "template line statistics", _m2_template_lines),
    Migration(3, "decoding repairs", _m3_repairs),
)


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


class Store:
    """A newsdesk SQLite store. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create its folder: {exc}") from exc
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        self._db.row_factory = sqlite3.Row
        try:
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path}: not a usable newsdesk store: {exc}") from exc

    # ------------------------------------------------------------------ plumbing

    def _configure(self) -> None:
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")

    def _migrate(self) -> None:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables - {"schema_migrations"}):
            raise StoreError(f"{self.path}: this SQLite file is not a newsdesk store")
        with self.transaction():
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            done = {r[0] for r in self._db.execute("SELECT version FROM schema_migrations")}
            newest = max(m.version for m in MIGRATIONS)
            if done and max(done) > newest:
                raise StoreError(
                    f"{self.path}: store schema version {max(done)} is newer than this "
                    f"newsdesk supports ({newest}); upgrade newsdesk"
                )
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
        """Run a block in one IMMEDIATE transaction; roll back on any exception."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def migrations(self) -> list[tuple[int, str]]:
        rows = self._db.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        return [(r[0], r[1]) for r in rows]

    # ------------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Insert articles in one transaction; return the ids that were new."""
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
        """Add one batch's line counts to the stored ones."""
        rows: list[tuple[str | None, str, int]] = [(None, k, n) for k, n in delta.overall.items()]
        rows += [(o, k, n) for o, counts in delta.by_outlet.items() for k, n in counts.items()]
        with self.transaction() as db:
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

    def integrity_check(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])
