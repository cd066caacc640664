"""Web app response times on a synthetic store, beside the CLI's story list in the same run.

Builds a store from ``bench/gen_corpus.py`` (ingest, dedupe, cluster; or reuses --db), then
times in-process requests (Starlette's TestClient, no network) to the story list, search,
filters, a deep page, the JSON list and the largest story's page, each as a first load after
the store changed (the app's caches emptied) and as a repeat load, beside the call behind
``newsdesk stories`` (``Store.story_summaries``) as the peer. Timings on a shared machine
are noisy: read the ratio columns.

    python bench/bench_web.py --articles 10000 [--db /tmp/web10k.db] [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(db: Path, articles: int) -> None:
    from newsdesk import pipeline
    from newsdesk.store import Store

    corpus = db.with_suffix(".jsonl")
    subprocess.run(
        [
            sys.executable,
            str(HERE / "gen_corpus.py"),
            "--articles",
            str(articles),
            "--out",
            str(corpus),
        ],
        check=True,
    )
    with Store(db) as store:
        pipeline.ingest_paths(store, [corpus])
        pipeline.dedupe_store(store)
        pipeline.cluster_store(store)


def median_ms(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    fn()  # the first story report, SQLite's page cache
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, help="an existing store (else one is built)")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()

    from starlette.testclient import TestClient

    from newsdesk.store import Store
    from newsdesk.web import create_app

    db = args.db or Path(tempfile.mkdtemp()) / "web.db"
    if not db.exists():
        build(db, args.articles)
    with Store(db) as store:
        summaries = store.story_summaries()
        outlet = next(o for s in summaries for o in s.outlets)
        story = summaries[0].id
        word = store.articles([store.story(story).article_ids[0]])[0].title.split()[-1]
        n_articles, n_stories = store.count_articles(), len(summaries)
    print(f"store: {n_articles} articles, {n_stories} stories; search word {word!r}")

    with Store(db) as store:
        peer = median_ms(store.story_summaries, args.repeat)
    from newsdesk.web.reports import Memo, ReportCache

    app = create_app(db)
    state = app.app.state.web  # type: ignore[attr-defined]
    client = TestClient(app, base_url="http://127.0.0.1")

    def forget_lists() -> None:
        state.memo = Memo()

    def forget_all() -> None:
        state.memo = Memo()
        state.cache = ReportCache()

    cases = {
        "GET / (page 1)": "/",
        f"GET /?q={word}": f"/?q={word}",
        "GET /?outlet=…": f"/?outlet={outlet.replace(' ', '+')}",
        "GET /?from=…&to=… (one month)": "/?from=2025-03-01&to=2025-03-31",
        "GET /?page=50": "/?page=50",
        f"GET /api/stories?q={word}": f"/api/stories?q={word}",
    }
    print(f"{'request':34} {'first ms':>9} {'x peer':>7} {'repeat ms':>10} {'x peer':>7}")
    print(f"{'peer: Store.story_summaries()':34} {peer:9.1f} {1.0:7.2f}")
    story_path = f"/stories/{story}"
    rows = [(name, path, forget_lists, args.repeat) for name, path in cases.items()]
    rows.append(
        (f"GET /stories/ID ({len(story_ids(db, story))} reports)", story_path, forget_all, 3)
    )
    for name, path, forget, repeat in rows:
        get = lambda p=path: client.get(p).raise_for_status()  # noqa: E731
        first = median_ms(get, repeat, before=forget)
        again = median_ms(get, args.repeat)
        print(f"{name:34} {first:9.1f} {first / peer:7.2f} {again:10.1f} {again / peer:7.2f}")
    return 0


def story_ids(db: Path, story: str) -> list[str]:
    from newsdesk.store import Store

    with Store(db) as store:
        return store.story(story).article_ids


if __name__ == "__main__":
    sys.exit(main())
