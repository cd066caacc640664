"""Every page of the web app, through Starlette's TestClient, on the example corpus."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsdesk.store import Store
from newsdesk.web import create_app

TARROW = "Tarrow Bay"


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db, page_size=2), base_url="http://127.0.0.1") as c:
        yield c


def _story_id(demo_db: Path, word: str) -> str:
    with Store(demo_db) as store:
        return next(s.id for s in store.story_summaries() if word in s.title)


def _links(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"#?]+)', html)


def test_story_list_is_newest_first_and_paginated(client: TestClient) -> None:
    first = client.get("/")
    assert first.status_code == 200
    stories = _links(first.text, "/stories/")
    assert len(dict.fromkeys(stories)) == 2  # page_size=2
    assert "Page 1 of 3" in first.text
    assert "Lantern festival" in first.text  # the newest story (October) leads
    assert "Store updated" in first.text and "The store was last updated" in first.text
    second = client.get("/?page=2")
    assert "Calvane" in second.text or "Brackenford" in second.text
    assert not set(_links(second.text, "/stories/")) & set(stories)
    last = client.get("/?page=99")  # past the end: the last page
    assert "Page 3 of 3" in last.text


def test_search_finds_words_in_bodies_with_highlighted_snippets(client: TestClient) -> None:
    page = client.get("/", params={"q": "ammonia"})
    # the derailment, and the strike story whose tanker once carried the ammonia
    assert "2 stories matching “ammonia”." in page.text
    assert "Brackenford" in page.text and "Nordic Crest" in page.text
    assert "<mark>ammonia</mark>" in page.text.lower()
    # every word must occur in the story's reports; the last one also as a prefix
    both = client.get("/", params={"q": "ammonia dockwork"}).text
    assert "1 story matching" in both and "Calvane" in both
    # a quoted phrase stays a phrase
    assert "2 stories" in client.get("/", params={"q": "wall harbour"}).text
    assert "No story matches" in client.get("/", params={"q": '"wall harbour"'}).text
    assert "Tarrow" in client.get("/", params={"q": '"harbour wall"'}).text
    assert client.get("/", params={"q": 'AND OR NOT * "( NEAR'}).status_code == 200
    assert "No story matches" in client.get("/", params={"q": "zeppelin"}).text


def test_filters_by_outlet_and_date_range(client: TestClient) -> None:
    kessen = client.get("/", params={"outlet": "Kessen Tribune"})
    assert "1 story with a report from Kessen Tribune." in kessen.text
    assert "Velmora" in kessen.text
    june = client.get("/", params={"from": "2025-06-01", "to": "2025-06-30"})
    assert "1 story" in june.text and "Brackenford" in june.text
    march = client.get("/", params={"from": "2025-03-01", "to": "2025-03-31"})
    assert "2 stories" in march.text
    bad = client.get("/", params={"from": "March", "q": ""})  # invalid dates are dropped
    assert "5 stories" in bad.text


def test_story_page_shows_every_section(client: TestClient, demo_db: Path) -> None:
    page = client.get(f"/stories/{_story_id(demo_db, TARROW)}")
    assert page.status_code == 200
    html = page.text
    for heading in (
        "Summary",
        "Where reports agree",
        "Where they differ",
        "Updates over time",
        "Only in one report",
        "Who cites whom",
    ):
        assert f">{heading}</h2>" in html
    # the disputed toll side by side, each figure marked inside its own sentence
    assert "<mark>12 people</mark>" in html and "<mark>19 people</mark>" in html
    assert html.count('class="wording"') >= 2
    assert re.search(r"href=\"#differ\"[^>]*>1 conflicting<", html)  # the glance links down
    assert "<svg" in html and 'class="edge edge-copy"' in html
    # citations point at a sentence of an article
    assert re.search(r'href="/articles/[0-9a-f]+#s\d+"', html)
    # unknown outlets are named as such, never by an id hash
    assert "unknown outlet" in html
    assert not re.search(r">\s*\[?\d*\]?\s*[0-9a-f]{12}\s*<", html)


def test_story_prefix_redirects_and_unknown_story_is_404(client: TestClient, demo_db: Path) -> None:
    sid = _story_id(demo_db, TARROW)
    moved = client.get(f"/stories/{sid[:6]}", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == f"/stories/{sid}"
    assert client.get("/stories/s-000000000000").status_code == 404
    assert client.get("/stories/..%2F..%2Fetc").status_code == 404


def _reuser(demo_db: Path) -> tuple[str, str]:
    with Store(demo_db) as store:
        r = store.paragraph_reuse()[0]
    return r.article_id, r.original_id


def test_article_page_links_reuse_and_copies(client: TestClient, demo_db: Path) -> None:
    reuser, original = _reuser(demo_db)
    page = client.get(f"/articles/{reuser}")
    assert page.status_code == 200
    assert re.search(rf'Reuses <a href="/articles/{original}#p\d+">', page.text)
    assert 'class="sentence" id="s0"' in page.text
    back = client.get(f"/articles/{original}")
    assert re.search(rf'Reused by <a href="/articles/{reuser}#p\d+">', back.text)
    assert "Copied by:" in back.text  # the wire story has copies
    with Store(demo_db) as store:
        copy = next(a for a in store.articles() if a.duplicate_of == original)
    dup = client.get(f"/articles/{copy.id}")
    assert "copy</b> of" in dup.text and f'href="/articles/{original}"' in dup.text


def test_article_page_strikes_through_removed_debris(client: TestClient, demo_db: Path) -> None:
    with Store(demo_db) as store:
        article = max(store.articles(), key=lambda a: len(a.removed))
    page = client.get(f"/articles/{article.id}")
    assert f"Removed debris ({len(article.removed)})" in page.text
    assert page.text.count('<del title="') >= 1
    assert all(f"<code>{r.reason}</code>" in page.text for r in article.removed)
    assert client.get("/articles/0123456789abcdef").status_code == 404


def test_outlet_pages_name_outlets_and_tally_figures(client: TestClient) -> None:
    listing = client.get("/outlets")
    assert 'href="/outlets/Meridian%20Wire"' in listing.text
    page = client.get("/outlets/Meridian%20Wire")
    assert page.status_code == 200
    assert "<h1>Meridian Wire</h1>" in page.text
    assert "How its figures held up" in page.text
    assert re.search(r"label-corroborated", page.text)
    assert "National Seismological Centre" in page.text  # one of its primary sources
    assert "Its stories" in page.text and "/stories/" in page.text
    assert client.get("/outlets/No%20Such%20Outlet").status_code == 404


def test_static_assets_come_from_the_package(client: TestClient) -> None:
    page = client.get("/").text
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        assert client.get(asset).status_code == 200
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page.replace('href="http', "xx"))


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsdesk.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
    assert "no store there" in result.stderr
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "junk.db").write_text("not sqlite")
    assert CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "junk.db")]).exit_code == 3
