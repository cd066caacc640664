from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk.errors import NotFoundError, StoreError
from newsdesk.records import Removal, Story
from newsdesk.store import MIGRATIONS, Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "nd.db")


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "nd.db"
    with Store(path) as s:
        assert s.migrations == [(m.version, m.name) for m in MIGRATIONS]
    with Store(path) as s:
        assert len(s.migrations) == len(MIGRATIONS)


def test_store_uses_wal(store: Store) -> None:
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_adding_the_same_article_twice_changes_nothing(store: Store) -> None:
    a = make_article("Body of the report.")
    assert store.add_articles([a]) == [a.id]
    assert store.add_articles([a]) == []
    assert store.count_articles() == 1


def test_article_round_trip_keeps_every_field(store: Store) -> None:
    a = make_article("Kept body.")
    a.removed = (Removal("ADVERTISEMENT", "advertisement", 0, 13),)
    a.authors = ("Ann Example", "Bo Example")
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


def test_failed_transaction_leaves_store_unchanged(store: Store) -> None:
    a = make_article("First.")
    store.add_articles([a])
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("DELETE FROM articles")
        raise RuntimeError("boom")
    assert store.count_articles() == 1


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=8))
def test_reingest_is_idempotent(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    path = tmp_path_factory.mktemp("h") / "nd.db"
    articles = [make_article(t) for t in texts]
    with Store(path) as s:
        first = s.add_articles(articles)
        before = s.articles()
        assert s.add_articles(articles) == []
        assert s.articles() == before
        assert len(first) == len({a.id for a in articles})
