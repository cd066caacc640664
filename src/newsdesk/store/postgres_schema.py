"""The PostgreSQL store's schema, as numbered migrations (the same numbers and names as the
SQLite store's, so one schema version means the same tables on both).

Needs: nothing (plain SQL). Produces: :data:`PG_MIGRATIONS`, applied in order by
:class:`~newsdesk.store.postgres.PostgresStore` and recorded in ``schema_migrations``.

Differences from SQLite, each for many writers on one server: text ids and the columns the
web app sorts or groups by are ``COLLATE "C"`` (byte order, as in SQLite, whatever the
database's locale); ``articles.seq`` comes from a sequence (reserved per batch, so ingest
order is kept without a table lock); ``articles.outlet_name`` holds the display name
computed on insert (SQLite computes it in a registered SQL function); full-text search is
a generated ``tsvector`` column (English stemming, title weighted above body, body read to
:data:`SEARCH_CHARS`) with a GIN index; the change counter the web app polls is a pair of
sequences bumped by triggers (no row every writer would wait for).
"""

from __future__ import annotations

from dataclasses import dataclass

SEARCH_CHARS = 100_000
"""How much of an article's body the full-text index reads (a tsvector holds at most 1 MB)."""


@dataclass(frozen=True, slots=True)
class PgMigration:
    version: int
    name: str
    statements: tuple[str, ...]


_INITIAL = (
    """CREATE TABLE articles (
        id TEXT COLLATE "C" PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        url TEXT,
        outlet TEXT COLLATE "C",
        outlet_name TEXT COLLATE "C" NOT NULL,
        title TEXT NOT NULL,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT COLLATE "C",
        raw_text TEXT NOT NULL,
        text TEXT NOT NULL,
        removed TEXT NOT NULL DEFAULT '[]',
        duplicate_of TEXT COLLATE "C" REFERENCES articles(id),
        duplicate_kind TEXT,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE SEQUENCE articles_seq AS BIGINT OWNED BY articles.seq",
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX articles_outlet_name ON articles (outlet_name)",
    "CREATE INDEX articles_duplicate_of ON articles (duplicate_of)",
    """CREATE TABLE stories (
        id TEXT COLLATE "C" PRIMARY KEY,
        title TEXT NOT NULL
    )""",
    """CREATE TABLE story_articles (
        story_id TEXT COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (story_id, article_id)
    )""",
    "CREATE UNIQUE INDEX story_articles_article ON story_articles (article_id)",
    """CREATE TABLE paragraph_reuse (
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        paragraph_index INTEGER NOT NULL,
        original_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
        original_paragraph_index INTEGER NOT NULL,
        similarity DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (article_id, paragraph_index, original_id)
    )""",
)

_TEMPLATE_LINES = (
    """CREATE TABLE template_lines (
        outlet TEXT COLLATE "C",
        line_key TEXT COLLATE "C" NOT NULL,
        articles BIGINT NOT NULL
    )""",
    "CREATE UNIQUE INDEX template_lines_key ON template_lines ((COALESCE(outlet, '')), line_key)",
    """CREATE TABLE counters (
        name TEXT COLLATE "C" PRIMARY KEY,
        value BIGINT NOT NULL
    )""",
)

_FULL_TEXT = (
    "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('english'::regconfig, title), 'A')"
    f" || to_tsvector('english'::regconfig, left(text, {SEARCH_CHARS}))) STORED",
    "CREATE INDEX articles_search ON articles USING GIN (search)",
)

_READERS = (
    "CREATE INDEX paragraph_reuse_original ON paragraph_reuse (original_id)",
    "CREATE SEQUENCE nd_changes AS BIGINT MINVALUE 0 START 0",
    "CREATE SEQUENCE nd_changed_at AS BIGINT MINVALUE 0 START 0",
    """CREATE FUNCTION nd_bump_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM nextval('nd_changes');
        PERFORM setval('nd_changed_at', extract(epoch FROM clock_timestamp())::bigint);
        RETURN NULL;
    END
    $$""",
    "CREATE TRIGGER changes_article_insert AFTER INSERT ON articles"
    " FOR EACH ROW EXECUTE FUNCTION nd_bump_changes()",
    "CREATE TRIGGER changes_article_delete AFTER DELETE ON articles"
    " FOR EACH ROW EXECUTE FUNCTION nd_bump_changes()",
    "CREATE TRIGGER changes_article_update AFTER UPDATE OF title, text, duplicate_of"
    " ON articles FOR EACH ROW WHEN (old.duplicate_of IS DISTINCT FROM new.duplicate_of"
    " OR old.title IS DISTINCT FROM new.title OR old.text IS DISTINCT FROM new.text)"
    " EXECUTE FUNCTION nd_bump_changes()",
    "CREATE TRIGGER changes_story_insert AFTER INSERT ON stories"
    " FOR EACH ROW EXECUTE FUNCTION nd_bump_changes()",
    "CREATE TRIGGER changes_story_delete AFTER DELETE ON stories"
    " FOR EACH ROW EXECUTE FUNCTION nd_bump_changes()",
)

_FETCH_STATE = (
    """CREATE TABLE fetch_state (
        url TEXT COLLATE "C" PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT,
        status INTEGER,
        error TEXT,
        fetched_at TEXT NOT NULL,
        changed_at TEXT
    )""",
)

_REPAIRS = ("ALTER TABLE articles ADD COLUMN repairs TEXT NOT NULL DEFAULT '[]'",)

PG_MIGRATIONS: tuple[PgMigration, ...] = (
    PgMigration(1, "initial", _INITIAL),
    PgMigration(2, "template line statistics", _TEMPLATE_LINES),
    PgMigration(3, "full-text search", _FULL_TEXT),
    PgMigration(4, "change counter and reuse by original", _READERS),
    PgMigration(5, "fetch state (conditional GET)", _FETCH_STATE),
    PgMigration(6, "decoding repairs", _REPAIRS),
)
