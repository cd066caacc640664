"""Store migrations 3 and 4: the FTS5 index over article titles and bodies stays in step,
and the change counter moves whenever what a reader sees changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from _factories import make_article
from newsdesk.records import DuplicateLink, Story
from newsdesk.store import Store


def _match(store: Store, query: str) -> set[str]:
    rows = store.connection.execute(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
        " WHERE articles_fts MATCH ?",
        (query,),
    )
    return {r[0] for r in rows}


def test_new_articles_are_indexed_by_title_and_body(tmp_path: Path) -> None:
    ferry = make_article("Ferries to the Skerry Isles resumed on Friday.", title="Ferry news")
    storm = make_article("A storm closed the harbour for three days.", title="Harbour shut")
    with Store(tmp_path / "nd.db") as store:
        assert store.has_full_text()
        store.add_articles([ferry, storm])
        store.add_articles([ferry])  # a repeat changes nothing
        assert _match(store, "ferry") == {ferry.id}  # title, stemmed: ferries ~ ferry
        assert _match(store, "harbour") == {storm.id}
        assert _match(store, '"three days"') == {storm.id}
        assert _match(store, "skerr*") == {ferry.id}
        store.connection.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")


def test_edits_and_deletes_follow_the_index(tmp_path: Path) -> None:
    a = make_article("The lighthouse keeper retired after forty years.")
    with Store(tmp_path / "nd.db") as store:
        store.add_articles([a])
        with store.transaction() as db:
            db.execute(
                "UPDATE articles SET text = 'The ferry pier was rebuilt.' WHERE id = ?", (a.id,)
            )
        assert _match(store, "lighthouse") == set()
        assert _match(store, "pier") == {a.id}
        with store.transaction() as db:
            db.execute("DELETE FROM articles WHERE id = ?", (a.id,))
        assert _match(store, "pier") == set()


def test_a_store_from_before_the_index_is_indexed_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    a = make_article("Snow closed the mountain pass overnight.")
    with Store(path) as store:
        store.add_articles([a])
    con = sqlite3.connect(path)  # as a version-2 store would be
    for trigger in ("insert", "delete", "update"):
        con.execute(f"DROP TRIGGER articles_fts_{trigger}")
    con.execute("DROP TABLE articles_fts")
    con.execute("DROP INDEX paragraph_reuse_original")
    con.execute("DROP TABLE fetch_state")
    con.execute("ALTER TABLE articles DROP COLUMN repairs")
    for name in (
        "article_insert",
        "article_delete",
        "article_update",
        "story_insert",
        "story_delete",
    ):
        con.execute(f"DROP TRIGGER changes_{name}")
    con.execute("DELETE FROM schema_migrations WHERE version > 2")
    con.commit()
    con.close()
    with Store(path) as store:
        assert [v for v, _ in store.migrations] == [1, 2, 3, 4, 5, 6]
        assert _match(store, "snow") == {a.id}


def _changes(store: Store) -> int:
    row = store.connection.execute("SELECT value FROM counters WHERE name = 'changes'")
    found = row.fetchone()
    return int(found[0]) if found else 0


def test_the_change_counter_moves_with_reports_marks_and_stories(tmp_path: Path) -> None:
    a = make_article("The bridge reopened on Monday.", title="Bridge reopens")
    b = make_article("The bridge reopened on Monday, officials said.", title="Bridge open again")
    with Store(tmp_path / "nd.db") as store:
        start = _changes(store)
        store.add_articles([a, b])
        added = _changes(store)
        assert added > start
        store.add_articles([a])  # nothing new
        assert _changes(store) == added
        store.set_duplicates([DuplicateLink(b.id, a.id, "near", 0.9)], [])
        marked = _changes(store)
        assert marked > added
        store.replace_stories([Story("s-1", "Bridge", [a.id, b.id])])
        assert _changes(store) > marked
        stamp = store.connection.execute("SELECT value FROM counters WHERE name = 'changed_at'")
        assert stamp.fetchone()[0] > 1_700_000_000
