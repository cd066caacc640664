"""Fetching speed against a local server (no network): pages/s, and the cost of a 304 poll.

N generated articles (bench/gen_corpus.py) are served as HTML pages on 127.0.0.1 behind a
summary-only RSS feed. Measured in one run, alternating rounds, best round kept:

* fetch: ``newsdesk.fetch`` polls the feed, fetches every page (guard, robots.txt, pacing
  at 0 s, size and time limits), reads, cleans and stores them, then updates the stories;
* peer "files": the same pages read from disk by ``newsdesk ingest`` (``ingest_paths``),
  then dedupe and cluster: what fetching adds over reading files;
* peer "raw GET": a bare httpx loop over the same URLs, nothing parsed: the transfer floor;
* a 304 poll: the unchanged feed polled again (conditional GET -> 304, no parse, no write),
  against a bare httpx GET of the same feed body.

    python bench/bench_fetch.py --pages 200 --rounds 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _http_server import LocalServer, Resource  # noqa: E402
from gen_corpus import generate  # noqa: E402


def page_html(article: dict[str, str]) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article["text"].split("\n\n"))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{escape(article['title'])}</title>"
        f"<meta property='og:site_name' content='{escape(article['outlet'])}'>"
        f"<meta property='article:published_time' content='{article['published']}'>"
        f"</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>"
        f"<h1>{escape(article['title'])}</h1>{paragraphs}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()


def summary_feed(base: str, articles: list[dict[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(a['title'])}</title><link>{base}/gen/{n:05d}.html</link>"
        f"<description>{escape(a['title'])}.</description></item>"
        for n, a in enumerate(articles)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Generated wire</title>{items}</channel></rss>"
    ).encode()


def best(times: list[float]) -> float:
    return min(times)


def run_fetch(server: LocalServer, tmp: Path, n_round: int) -> float:
    from newsdesk.fetch import FetchConfig, fetch_urls
    from newsdesk.store import Store

    with Store(tmp / f"fetch-{n_round}.db") as store:
        t0 = time.perf_counter()
        report = fetch_urls(
            store,
            [server.url("/gen/feed.xml")],
            config=FetchConfig(allow_private=True, host_delay=0.0),
        )
        seconds = time.perf_counter() - t0
        assert not report.errors, report.errors[:3]
    return seconds


def run_files(pages_dir: Path, tmp: Path, n_round: int) -> float:
    from newsdesk import pipeline
    from newsdesk.store import Store

    with Store(tmp / f"files-{n_round}.db") as store:
        t0 = time.perf_counter()
        pipeline.ingest_paths(store, [pages_dir])
        pipeline.dedupe_store(store)
        pipeline.cluster_store(store)
        return time.perf_counter() - t0


def run_raw(urls: list[str]) -> float:
    import httpx

    t0 = time.perf_counter()
    with httpx.Client() as client:
        for url in urls:
            client.get(url).raise_for_status()
    return time.perf_counter() - t0


def poll_costs(server: LocalServer, db: Path, polls: int) -> tuple[float, float]:
    """Seconds per 304 poll through newsdesk (on a store that has read the feed), and per
    bare GET of the whole feed."""
    import httpx

    from newsdesk.fetch import FetchConfig, Fetcher, commit, poll
    from newsdesk.store import Store

    feed = server.url("/gen/feed.xml")
    with Store(db) as store, Fetcher(FetchConfig(allow_private=True, host_delay=0.0)) as fetcher:
        commit(store, poll(fetcher, store, feed))  # warm: robots.txt, connection
        t0 = time.perf_counter()
        for _ in range(polls):
            result = poll(fetcher, store, feed)
            assert result.outcome == "unchanged" and not result.documents
            commit(store, result)
        per_poll = (time.perf_counter() - t0) / polls
    with httpx.Client() as client:
        client.get(feed)
        t0 = time.perf_counter()
        for _ in range(polls):
            client.get(feed).raise_for_status()
        per_get = (time.perf_counter() - t0) / polls
    return per_poll, per_get


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--polls", type=int, default=50)
    args = ap.parse_args()
    articles = generate(args.pages, seed=11)
    times: dict[str, list[float]] = {"fetch": [], "files": [], "raw GET": []}
    with tempfile.TemporaryDirectory() as tmp_name, LocalServer() as server:
        tmp = Path(tmp_name)
        pages_dir = tmp / "pages"
        pages_dir.mkdir()
        urls = []
        for n, article in enumerate(articles):
            body = page_html(article)
            server.add(f"/gen/{n:05d}.html", Resource(body, "text/html; charset=utf-8"))
            (pages_dir / f"{n:05d}.html").write_bytes(body)
            urls.append(server.url(f"/gen/{n:05d}.html"))
        server.add(
            "/gen/feed.xml", Resource(summary_feed(server.base, articles), "application/rss+xml")
        )
        runs: dict[str, Callable[[int], float]] = {
            "fetch": lambda r: run_fetch(server, tmp, r),
            "files": lambda r: run_files(pages_dir, tmp, r),
            "raw GET": lambda r: run_raw(urls),
        }
        run_files(pages_dir, tmp, -1)  # warm the imports and models once, untimed
        for n_round in range(args.rounds):
            for name, run in runs.items():
                times[name].append(run(n_round))
        per_poll, per_get = poll_costs(server, tmp / "fetch-0.db", args.polls)
    n = args.pages
    fetch, files, raw = (best(times[k]) for k in ("fetch", "files", "raw GET"))
    rounds = ", ".join(f"{k} {best(v):.2f}" for k, v in times.items())
    print(f"{n} pages, best of {args.rounds} rounds (s): {rounds}")
    print(f"fetch + ingest + stories: {n / fetch:,.0f} pages/s")
    print(
        f"files (same pages from disk): {n / files:,.0f} pages/s; fetch/files x{fetch / files:.2f}"
    )
    print(f"raw GET (no parsing): {n / raw:,.0f} pages/s; fetch/raw time x{fetch / raw:.1f}")
    print(
        f"304 poll of a {n}-entry feed: {per_poll * 1000:.1f} ms "
        f"(bare GET of the whole feed: {per_get * 1000:.1f} ms, x{per_poll / per_get:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
