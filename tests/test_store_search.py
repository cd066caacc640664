"""The store's reader methods on both backends: searching (stemmed words, phrases, the last
word as a prefix), filters, outlets, and the fingerprint that moves whenever what a reader
sees changes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _factories import make_article
from _pg import PgSchemas
from newsdesk.records import DuplicateLink, Story
from newsdesk.store import Store, open_store
from newsdesk.store.reading import StoryFilter

FERRY = make_article(
    "Ferries to the Skerry Isles resumed on Friday after three days of storms.",
    title="Ferry news",
    outlet="North Post",
    published="2025-02-03",
)
STORM = make_article(
    "A storm closed the harbour for three days.",
    title="Harbour shut",
    outlet=None,
    published="2025-02-01",
)
STORM.url = "https://www.south-herald.example/harbour"
BRIDGE = make_article(
    "The bridge reopened on Monday.", title="Bridge", outlet="North Post", published=None
)


@pytest.fixture()
def store(db: str) -> Store:
    s = open_store(db)
    s.add_articles([FERRY, STORM, BRIDGE])
    s.replace_stories(
        [Story("s-ferry", "Ferry", [FERRY.id]), Story("s-storm", "Storm", [STORM.id])]
    )
    return s


def _found(store: Store, q: str = "", **filters: str) -> list[str]:
    return [row.id for row in store.story_listing(StoryFilter(q=q, **filters)).rows]


def test_search_finds_stemmed_words_phrases_and_prefixes(store: Store) -> None:
    assert _found(store, "ferry") == ["s-ferry"]  # title and body, ferries ~ ferry
    assert _found(store, "harbour") == ["s-storm"]
    assert _found(store, '"three days"') == ["s-ferry", "s-storm"]  # newest first
    assert _found(store, "skerr") == ["s-ferry"]  # the last word is a prefix
    assert _found(store, '"skerr"') == []  # unless quoted
    assert _found(store, "storms harbour") == ["s-storm"]  # every word, somewhere
    assert _found(store, "<script> ;--") == []  # no word: nothing


def test_snippets_mark_the_words_found(store: Store) -> None:
    (row,) = store.story_listing(StoryFilter(q="skerry")).rows
    assert [part.text for part in row.snippet if part.match] == ["Skerry"]
    assert "Isles" in "".join(part.text for part in row.snippet)


def test_filters_outlets_and_reports_not_in_stories(store: Store) -> None:
    assert _found(store, outlet="south-herald.example") == ["s-storm"]  # named by host
    assert _found(store, date_from="2025-02-02") == ["s-ferry"]
    assert _found(store, date_to="2025-02-02") == ["s-storm"]
    assert [(o.name, o.reports, o.stories) for o in store.outlets()] == [
        ("North Post", 2, 1),
        ("south-herald.example", 1, 1),
    ]
    assert [r.id for r in store.outlet_reports("North Post")] == [FERRY.id, BRIDGE.id]
    assert [r.id for r in store.unclustered(StoryFilter())] == [BRIDGE.id]
    assert store.unclustered(StoryFilter(q="bridge"))[0].outlet == "North Post"
    assert store.unclustered(StoryFilter(q="ferry")) == []
    assert store.article_story(FERRY.id) == ("s-ferry", "Ferry")
    assert store.article_story(BRIDGE.id) is None
    assert store.labels([STORM.id]) == {STORM.id: ("south-herald.example", "Harbour shut")}


def test_pages_of_the_story_list(store: Store) -> None:
    first = store.story_listing(StoryFilter(), page_size=1)
    second = store.story_listing(StoryFilter(page=2), page_size=1)
    assert (first.total, first.pages) == (2, 2)
    assert [r.id for r in first.rows + second.rows] == ["s-ferry", "s-storm"]
    assert store.story_listing(StoryFilter(page=9), page_size=1).page == 2


def test_the_fingerprint_moves_with_reports_marks_and_stories(store: Store) -> None:
    start = store.status()
    assert (start.articles, start.stories, start.unclustered) == (3, 2, 1)
    assert store.add_articles([FERRY]) == []
    assert store.status().fingerprint == start.fingerprint  # nothing new
    store.set_duplicates([DuplicateLink(STORM.id, FERRY.id, "near", 0.9)], [])
    marked = store.status()
    assert marked.fingerprint != start.fingerprint
    assert store.copies_of(FERRY.id)[0].id == STORM.id
    store.set_duplicates([DuplicateLink(STORM.id, FERRY.id, "near", 0.9)], [])
    if store.backend == "postgres":  # writes only marks that change (SQLite rewrites all)
        assert store.status().fingerprint == marked.fingerprint
    store.replace_stories([Story("s-all", "All", [FERRY.id, STORM.id, BRIDGE.id])])
    after = store.status()
    assert after.fingerprint != marked.fingerprint and after.unclustered == 0
    assert after.last_updated is not None and after.last_updated >= "2025"
    assert store.story_fingerprint("s-all") == (
        (FERRY.id, None, 0),
        (STORM.id, FERRY.id, 0),
        (BRIDGE.id, None, 0),
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_typed_text_makes_a_query_postgres_accepts(pg_schemas: PgSchemas, text: str) -> None:
    store = _pg_store(pg_schemas)
    store.story_listing(StoryFilter(q=text))
    store.unclustered(StoryFilter(q=text))


_PG_STORES: dict[str, Store] = {}


def _pg_store(schemas: PgSchemas) -> Store:
    """One store for all of the hypothesis examples of a test run."""
    key = schemas.url
    if key not in _PG_STORES or not schemas.made:
        store = open_store(schemas.new())
        store.add_articles([FERRY, STORM])
        store.replace_stories([Story("s-ferry", "Ferry", [FERRY.id])])
        _PG_STORES[key] = store
    return _PG_STORES[key]
