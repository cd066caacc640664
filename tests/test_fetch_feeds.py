"""Polling feeds and pages from the local server into a store: articles, stories,
conditional GETs, summary-only feeds, stops and catch-up."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from _fetch_site import CORPUS, FEED, PAGES, RSS, corpus_site, with_summaries
from _http_server import LocalServer, Resource
from newsdesk.fetch import FetchConfig, Fetcher, Stopped, fetch_urls, poll, store_documents
from newsdesk.fetch._feeds import commit
from newsdesk.fetch._run import poll_all
from newsdesk.pipeline import cluster_store, dedupe_store, ingest_paths
from newsdesk.store import Store

EXPECTED = json.loads((CORPUS.parent / "expected.json").read_text())
CONFIG = FetchConfig(allow_private=True, host_delay=0.0)


@pytest.fixture()
def site() -> Iterator[LocalServer]:
    with corpus_site() as server:
        yield server


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "nd.db") as s:
        yield s


def corpus_key_by_url(site: LocalServer) -> dict[str, str]:
    """The corpus key (``expected.json`` naming) of every feed entry link and page URL."""
    entries = feedparser.parse(FEED.read_bytes()).entries
    keys = {str(e.link): f"feeds/meridian_wire.xml#entry{n}" for n, e in enumerate(entries, 1)}
    keys.update({site.url(f"/pages/{p.name}"): f"pages/{p.name}" for p in PAGES})
    return keys


def partition(store: Store, key: dict[str, str]) -> set[frozenset[str]]:
    articles = {a.id: a for a in store.articles()}
    return {frozenset(key[articles[i].source] for i in s.article_ids) for s in store.stories()}


def test_fetched_reports_land_in_the_stories_files_make(
    site: LocalServer, store: Store, tmp_path: Path
) -> None:
    urls = [site.url("/feeds/meridian_wire.xml")] + [site.url(f"/pages/{p.name}") for p in PAGES]
    report = fetch_urls(store, urls, config=CONFIG)
    assert report.errors == []
    assert (report.changed, len(report.added), report.stories_updated) == (5, 7, True)
    keys = corpus_key_by_url(site)
    assert {a.url for a in store.articles()} == set(keys)
    fetched = partition(store, {a.source: keys[str(a.url)] for a in store.articles()})
    with Store(tmp_path / "files.db") as files:
        ingest_paths(files, [CORPUS / "feeds", CORPUS / "pages"])
        dedupe_store(files)
        cluster_store(files)
        by_path = {a.source: a.source.split("corpus/", 1)[1] for a in files.articles()}
        assert fetched == partition(files, by_path)
    copies = [a for a in store.articles() if a.duplicate_of]
    assert [c.url for c in copies] == [site.url("/pages/page_02.html")]  # the wire's near copy


def test_second_poll_is_a_304_and_does_no_work(site: LocalServer, store: Store) -> None:
    urls = [site.url("/feeds/meridian_wire.xml"), site.url("/pages/page_01.html")]
    fetch_urls(store, urls, config=CONFIG)
    stories_before = store.stories()
    again = fetch_urls(store, urls, config=CONFIG)
    assert (again.unchanged, again.documents, again.added, again.errors) == (2, 0, [], [])
    assert not again.stories_updated
    assert [r.status for r in site.hits("/feeds/meridian_wire.xml")] == [200, 304]
    assert [r.status for r in site.hits("/pages/page_01.html")] == [200, 304]
    assert store.stories() == stories_before
    state = store.fetch_state(urls[0])
    assert state is not None and state.etag and state.status == 304 and state.error is None


def test_same_body_without_validators_is_unchanged(site: LocalServer, store: Store) -> None:
    url = site.url("/plain/meridian_wire.xml")
    with Fetcher(CONFIG) as fetcher:
        first = poll(fetcher, store, url)
        commit(store, first)
        second = poll(fetcher, store, url)
    assert (first.outcome, len(first.documents)) == ("changed", 3)
    assert (second.outcome, second.documents) == ("unchanged", [])
    assert [r.status for r in site.hits("/plain/meridian_wire.xml")] == [200, 200]


def test_summary_feed_entries_are_fetched_as_article_pages(site: LocalServer, store: Store) -> None:
    feed = with_summaries(site, PAGES[:2])
    first = fetch_urls(store, [feed], config=CONFIG)
    assert (first.pages, len(first.added)) == (2, 2)
    articles = store.articles()
    assert {a.format for a in articles} == {"html"}
    expected = {EXPECTED["documents"][f"pages/{p.name}"]["title"] for p in PAGES[:2]}
    assert {a.title for a in articles} == expected
    assert {a.outlet for a in articles} == {
        EXPECTED["documents"][f"pages/{p.name}"]["outlet"] for p in PAGES[:2]
    }
    with_summaries(site, PAGES)  # two more entries appear
    second = fetch_urls(store, [feed], config=CONFIG)
    assert (second.pages, len(second.added)) == (2, 2)
    for page in PAGES:
        assert len(site.hits(f"/pages/{page.name}")) == 1  # a known page is not fetched again


def test_an_entry_whose_page_fails_keeps_its_summary(site: LocalServer, store: Store) -> None:
    missing = site.url("/pages/gone.html")
    feed = with_summaries(site, PAGES[:1], extra=(missing,))
    errors: list[str] = []
    report = fetch_urls(store, [feed], config=CONFIG, on_error=lambda e: errors.append(str(e)))
    assert errors == [f"{missing}: HTTP 404 Not Found"]
    by_url = {a.url: a for a in store.articles()}
    assert by_url[missing].format == "feed"
    assert by_url[missing].title == "Missing report 1"
    assert by_url[site.url(f"/pages/{PAGES[0].name}")].format == "html"
    assert report.pages == 1


def test_relative_entry_links_are_resolved_against_the_feed(
    site: LocalServer, store: Store
) -> None:
    item = "<item><title>Velmora</title><link>../pages/page_03.html</link></item>"
    feed = f'<rss version="2.0"><channel><title>Rel</title>{item}</channel></rss>'
    site.add("/feeds/relative.xml", Resource(feed.encode(), RSS))
    report = fetch_urls(store, [site.url("/feeds/relative.xml")], config=CONFIG)
    assert (report.pages, report.errors) == (1, [])
    assert [a.url for a in store.articles()] == [site.url("/pages/page_03.html")]


def feed_of(items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>https://lakeside.example/{slug}</link>"
        f"<description>{title}. {' '.join(['The council met again on the matter.'] * 30)}"
        f"</description></item>"
        for slug, title in items
    )
    return f'<rss version="2.0"><channel><title>Lakeside</title>{body}</channel></rss>'.encode()


def test_entries_keep_their_ids_when_the_feed_shifts(site: LocalServer, store: Store) -> None:
    older = [("bridge", "Bridge repairs start"), ("school", "School roof fixed")]
    site.add("/shifting.xml", Resource(feed_of(older), RSS))
    url = site.url("/shifting.xml")
    first = fetch_urls(store, [url], config=CONFIG)
    site.add("/shifting.xml", Resource(feed_of([("market", "Market moves"), *older]), RSS))
    second = fetch_urls(store, [url], config=CONFIG)
    assert (len(first.added), second.documents, len(second.added)) == (2, 3, 1)
    assert store.count_articles() == 3
    assert {a.source for a in store.articles()} == {
        f"https://lakeside.example/{slug}" for slug in ("bridge", "school", "market")
    }


def test_stories_catch_up_after_a_stop_before_the_update(site: LocalServer, store: Store) -> None:
    url = site.url("/feeds/meridian_wire.xml")
    with Fetcher(CONFIG) as fetcher:
        commit(store, poll(fetcher, store, url))  # committed, then "killed" before the update
    assert store.stories() == []
    report = fetch_urls(store, [url], config=CONFIG)
    assert report.unchanged == 1 and report.stories_updated
    assert sum(len(s.article_ids) for s in store.stories()) == store.count_articles() == 3


class StopAt:
    """A sleep that asks to stop on its n-th call (a frozen clock makes every request wait)."""

    def __init__(self, n: int) -> None:
        self.n, self.calls = n, 0

    def __call__(self, seconds: float) -> None:
        self.calls += 1
        if self.calls >= self.n:
            raise Stopped


def test_stop_mid_feed_commits_what_it_has_and_resumes(site: LocalServer, store: Store) -> None:
    feed = with_summaries(site, PAGES)
    config = FetchConfig(allow_private=True, host_delay=0.01)
    # Waits come before the feed, page 1, page 2, page 3: stop before page 3.
    with Fetcher(config, sleep=StopAt(4), clock=lambda: 0.0) as fetcher:
        stopped = poll_all(store, [feed], fetcher)
    assert stopped.stopped and len(stopped.added) == 2
    assert store.fetch_state(feed) is None  # the feed is not marked as read
    resumed = fetch_urls(store, [feed], config=CONFIG)
    assert (resumed.pages, len(resumed.added)) == (2, 2)
    assert [r.status for r in site.hits("/summaries.xml")] == [200, 200]
    assert all(len(site.hits(f"/pages/{p.name}")) == 1 for p in PAGES)


def test_bad_entries_and_bad_urls_do_not_stop_the_rest(site: LocalServer, store: Store) -> None:
    site.add("/broken.xml", Resource(b"<rss><channel><item>", RSS))
    urls = [site.url("/broken.xml"), site.url("/nowhere.xml"), site.url("/pages/page_03.html")]
    errors: list[str] = []
    report = fetch_urls(store, urls, config=CONFIG, on_error=lambda e: errors.append(str(e)))
    assert report.failed == 2 and len(report.added) == 1
    assert errors[0].startswith(f"{urls[0]}: ")
    assert errors[1] == f"{urls[1]}: HTTP 404 Not Found"


def test_documents_go_through_the_same_cleaning_as_files(site: LocalServer, store: Store) -> None:
    with Fetcher(CONFIG) as fetcher:
        result = poll(fetcher, store, site.url("/pages/page_01.html"))
    store_documents(store, result.documents)
    (article,) = store.articles()
    debris = EXPECTED["documents"]["pages/page_01.html"]["debris_strings"]
    assert not [d for d in debris if d in article.text]
    assert article.source == site.url("/pages/page_01.html")
