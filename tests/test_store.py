"""The store's contract, on both backends (``backend`` fixture: SQLite and PostgreSQL),
and the SQLite file's own checks (WAL, foreign or damaged files)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.errors import NotFoundError, StoreError, UsageError
from newsdesk.records import DuplicateLink, ParagraphReuse, Removal, Story
from newsdesk.store import MIGRATIONS, FetchState, SQLiteStore, Store, backend_of, open_store


@pytest.fixture()
def store(db: str) -> Store:
    return open_store(db)


def test_migrations_are_recorded_once(db: str) -> None:
    with open_store(db) as s:
        assert s.created
        assert s.migrations == [(m.version, m.name) for m in MIGRATIONS]
    with open_store(db) as s:
        assert not s.created
        assert len(s.migrations) == len(MIGRATIONS)


def test_store_opens_the_backend_its_name_says(db: str, backend: str) -> None:
    with Store(db) as s, open_store(db, readonly=True) as r:
        assert s.backend == r.backend == backend_of(db) == backend


def test_other_url_schemes_are_refused() -> None:
    for db in ("mysql://host/db", "ftp://x/y.db", "HTTPS://example.org/newsdesk.db"):
        with pytest.raises(UsageError, match="unsupported store URL scheme"):
            open_store(db)
    assert backend_of("postgres://u@h/d") == backend_of("POSTGRESQL://u@h/d") == "postgres"
    assert backend_of("stores/postgresql.db") == backend_of(Path("a://b")) == "sqlite"


def test_a_missing_store_is_an_error_when_reading(db: str) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(db, readonly=True)
    with pytest.raises(StoreError, match="no store here"):
        open_store(db, create=False)


def test_a_read_only_store_refuses_writes(db: str) -> None:
    a = make_article("Body.")
    open_store(db).close()
    with open_store(db, readonly=True) as r:
        with pytest.raises(Exception, match="read-only"):
            r.add_articles([a])
        assert r.count_articles() == 0


def test_adding_the_same_article_twice_changes_nothing(store: Store) -> None:
    a = make_article("Body of the report.")
    assert store.add_articles([a]) == [a.id]
    assert store.add_articles([a]) == []
    assert store.count_articles() == 1


def test_new_ids_come_back_in_the_order_given(store: Store) -> None:
    arts = [make_article(f"Report number {n}.") for n in range(12)]
    store.add_articles(arts[:3])
    assert store.add_articles([*reversed(arts), arts[5]]) == [a.id for a in reversed(arts[3:])]
    assert [a.id for a in store.articles()] == [a.id for a in arts[:3] + arts[3:][::-1]]


def test_article_round_trip_keeps_every_field(store: Store) -> None:
    a = make_article("Kept body.")
    a.removed = (Removal("ADVERTISEMENT", "advertisement", 0, 13),)
    a.authors = ("Ann Example", "Bo Example")
    a.repairs = ("nul bytes dropped",)
    store.add_articles([a])
    assert store.article(a.id) == a


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.article("nope")
    with pytest.raises(NotFoundError):
        store.story("s-missing")


def test_story_lookup_by_unique_prefix(store: Store) -> None:
    a, b = make_article("One."), make_article("Two.")
    store.add_articles([a, b])
    store.replace_stories([Story("s-abc1", "One", [a.id]), Story("s-abd2", "Two", [b.id])])
    assert store.story("s-abc").article_ids == [a.id]
    with pytest.raises(NotFoundError, match="ambiguous"):
        store.story("s-ab")
    with pytest.raises(NotFoundError):
        store.story("s-a_c")  # LIKE wildcards are taken literally


def test_stories_and_summaries(store: Store) -> None:
    a = make_article("One.", outlet="North Post", published="2025-01-02")
    b = make_article("Two.", outlet="South Herald", published="2025-01-01")
    c = make_article("Three.", outlet=None, published=None)
    store.add_articles([a, b, c])
    store.replace_stories([Story("s-2", "Pair", [a.id, b.id]), Story("s-1", "One", [c.id])])
    assert [(s.id, s.article_ids) for s in store.stories()] == [
        ("s-1", [c.id]),
        ("s-2", [a.id, b.id]),
    ]
    summaries = store.story_summaries()
    assert [(s.id, s.article_count, s.outlets, s.first_published) for s in summaries] == [
        ("s-2", 2, ("North Post", "South Herald"), "2025-01-01"),
        ("s-1", 1, (), None),
    ]
    store.replace_stories([Story("s-3", "All", [c.id, a.id, b.id])])
    assert [s.id for s in store.stories()] == ["s-3"]


def test_an_article_is_never_in_two_stories(store: Store) -> None:
    a = make_article("One.")
    store.add_articles([a])
    store.replace_stories([Story("s-1", "One", [a.id])])
    with pytest.raises(Exception):  # noqa: B017 - each backend's integrity error
        store.replace_stories([Story("s-1", "One", [a.id]), Story("s-2", "Again", [a.id])])
    assert [(s.id, s.article_ids) for s in store.stories()] == [("s-1", [a.id])]
    assert store.integrity_check() == "ok"


def test_duplicates_and_reuse_are_replaced_whole(store: Store) -> None:
    a, b, c = (make_article(t) for t in ("Original.", "Copy.", "Other."))
    store.add_articles([a, b, c])
    reuse = [ParagraphReuse(b.id, 0, a.id, 0, 0.95), ParagraphReuse(c.id, 1, a.id, 2, 0.8)]
    store.set_duplicates([DuplicateLink(b.id, a.id, "near", 0.9)], reuse)
    assert store.article(b.id).duplicate_of == a.id
    assert store.article(b.id).duplicate_kind == "near"
    assert store.paragraph_reuse() == sorted(reuse, key=lambda r: r.article_id)
    assert store.paragraph_reuse([c.id]) == [reuse[1]]
    store.set_duplicates([DuplicateLink(c.id, a.id, "exact", 1.0)], [])
    assert [x.duplicate_of for x in store.articles([a.id, b.id, c.id])] == [None, None, a.id]
    assert store.paragraph_reuse() == []


def test_template_stats_add_up(store: Store) -> None:
    from newsdesk.clean import TemplateStats

    one = TemplateStats(articles=2, overall={"share this": 2}, by_outlet={"Post": {"ad": 1}})
    two = TemplateStats(articles=3, overall={"share this": 1, "menu": 3})
    store.add_template_stats(one)
    a = make_article("Body.")
    assert store.add_articles([a], template_stats=lambda ids: two if ids == [a.id] else None)
    assert store.add_articles([a], template_stats=lambda ids: one) == []  # nothing new: no count
    stats = store.template_stats()
    assert stats.articles == 5
    assert stats.overall == {"share this": 3, "menu": 3}
    assert stats.by_outlet == {"Post": {"ad": 1}}


def test_fetch_state_round_trip(store: Store) -> None:
    url = "https://news.example/feed.xml"
    assert store.fetch_state(url) is None
    first = FetchState(url=url, fetched_at="2025-01-01T00:00:00+00:00", etag='"v1"', status=200)
    store.save_fetch_states([first])
    assert store.fetch_state(url) == first
    later = FetchState(url=url, fetched_at="2025-01-02T00:00:00+00:00", error="timed out")
    store.save_fetch_states([later])
    assert store.fetch_state(url) == later


def test_failed_transaction_leaves_store_unchanged(store: Store) -> None:
    a = make_article("First.")
    store.add_articles([a])
    assert isinstance(store, SQLiteStore) or store.backend == "postgres"
    with pytest.raises(RuntimeError), store.transaction() as conn:  # type: ignore[attr-defined]
        conn.execute("DELETE FROM articles")
        raise RuntimeError("boom")
    assert store.count_articles() == 1


_VALID_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
)
"""Text as ingest hands it to the store: no surrogates, no control characters
(docs/reliability.md, promise 3)."""


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_VALID_TEXT, min_size=1, max_size=8))
def test_reingest_is_idempotent(new_db: Callable[[], str], texts: list[str]) -> None:
    articles = [make_article(t) for t in texts]
    with open_store(new_db()) as s:
        first = s.add_articles(articles)
        before = s.articles()
        assert s.add_articles(articles) == []
        assert s.articles() == before
        assert len(first) == len({a.id for a in articles})


# ------------------------------------------------------------------ SQLite's file


def test_store_uses_wal(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "nd.db")
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE people (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a newsdesk store"):
        Store(path)


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=str(path)):
        Store(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nd.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)
