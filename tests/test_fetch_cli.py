"""`newsdesk fetch` and `newsdesk watch` through the command line, against the local server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from _fetch_site import corpus_site, with_summaries
from _http_server import LocalServer
from newsdesk.cli import app
from newsdesk.fetch import FetchConfig, Fetcher, read_feeds_file, watch
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent
LIST_SCHEMA = json.loads((ROOT / "schema/newsdesk-story-list.v1.schema.json").read_text())


@pytest.fixture()
def site() -> Iterator[LocalServer]:
    with corpus_site() as server:
        yield server


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fetch_refuses_loopback_without_allow_private(site: LocalServer, tmp_path: Path) -> None:
    db = str(tmp_path / "nd.db")
    url = site.url("/feeds/meridian_wire.xml")
    code, _, err = invoke("fetch", url, "--db", db)
    assert code == 1
    assert f"error: {url}: refused: loopback address 127.0.0.1" in err
    assert site.requests == []
    with Store(db) as store:
        assert store.count_articles() == 0


def test_fetch_then_stories_lists_the_fetched_reports(site: LocalServer, tmp_path: Path) -> None:
    db = str(tmp_path / "nd.db")
    feed, page = site.url("/feeds/meridian_wire.xml"), site.url("/pages/page_04.html")
    code, _, err = invoke("fetch", feed, page, "--db", db, "--allow-private", "--delay", "0")
    assert code == 0, err
    assert "2 URLs: 2 changed, 0 unchanged, 0 failed; 4 documents read" in err
    code, out, _ = invoke("stories", "--db", db, "--format", "json")
    listing = json.loads(out)
    jsonschema.validate(listing, LIST_SCHEMA)
    assert sum(s["article_count"] for s in listing["stories"]) == 4
    outlets = {o for s in listing["stories"] for o in s["outlets"]}
    assert outlets == {"Meridian Wire", "Valley Post"}


def test_fetch_reports_each_bad_url_and_keeps_the_rest(site: LocalServer, tmp_path: Path) -> None:
    db = str(tmp_path / "nd.db")
    good, missing = site.url("/pages/page_01.html"), site.url("/pages/none.html")
    code, _, err = invoke(
        "fetch", "file:///etc/passwd", missing, good, "--db", db, "--allow-private", "--delay", "0"
    )
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert lines == [
        "error: file:///etc/passwd: refused: scheme 'file' (only http and https are fetched)",
        f"error: {missing}: HTTP 404 Not Found",
    ]
    with Store(db) as store:
        assert [a.url for a in store.articles()] == [good]
        assert len(store.stories()) == 1


def test_watch_polls_twice_and_the_second_poll_is_free(site: LocalServer, tmp_path: Path) -> None:
    feeds = [site.url("/feeds/meridian_wire.xml"), with_summaries(site)]
    polls = []
    stop = threading.Event()
    config = FetchConfig(allow_private=True, host_delay=0.0)
    with Store(tmp_path / "nd.db") as store, Fetcher(config) as fetcher:
        report = watch(
            store,
            feeds,
            fetcher,
            every=0.01,
            stop=stop,
            on_poll=lambda n, r: polls.append(r),
            max_polls=2,
        )
        assert store.count_articles() == 7
    first, second = polls
    assert (len(first.added), first.pages, first.stories_updated) == (7, 4, True)
    assert (second.unchanged, second.documents, second.added, second.pages) == (2, 0, [], 0)
    assert not second.stories_updated
    assert [r.status for r in site.hits("/summaries.xml")] == [200, 304]
    assert report.polls == 2 and len(report.added) == 7


def test_feeds_file_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# my feeds\n\nhttps://a.example/rss  # the A feed\nhttps://b.example/x#top\n"
        "  https://a.example/rss\n"
    )
    assert read_feeds_file(path) == ["https://a.example/rss", "https://b.example/x#top"]


def test_watch_with_no_usable_url_fails(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("ftp://a.example/feed\n")
    code, _, err = invoke("watch", str(path), "--db", str(tmp_path / "nd.db"))
    assert code == 1
    assert "error: ftp://a.example/feed: refused: scheme 'ftp'" in err
    assert "no usable feed URL" in err


def start_watch(site: LocalServer, tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# local\n{site.url('/feeds/meridian_wire.xml')}\n")
    db = tmp_path / "nd.db"
    cmd = [sys.executable, "-m", "newsdesk.cli", "watch", str(feeds), "--db", str(db)]
    cmd += ["--every", "60", "--allow-private", "--delay", "0"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    for line in proc.stderr:  # wait for the first poll to be committed and reported
        if line.startswith("poll 1:") or time.monotonic() > deadline:
            break
    return proc, db


@pytest.mark.slow
def test_sigterm_stops_watch_cleanly(site: LocalServer, tmp_path: Path) -> None:
    proc, db = start_watch(site, tmp_path)
    proc.send_signal(signal.SIGTERM)  # it is waiting 60 s for the next poll
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 0, rest
    assert "stopped after 1 polls: 3 new articles, 0 errors" in rest
    with Store(db) as store:
        assert store.count_articles() == 3
        assert sum(len(s.article_ids) for s in store.stories()) == 3


@pytest.mark.slow
def test_a_killed_watch_loses_no_committed_article(site: LocalServer, tmp_path: Path) -> None:
    proc, db = start_watch(site, tmp_path)
    proc.kill()
    proc.communicate(timeout=60)
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        assert store.count_articles() == 3
