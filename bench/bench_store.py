"""PostgreSQL vs SQLite store: write, ingest and update throughput with 1 and 4 workers.

    python bench/bench_store.py --articles 2000 --workers 1 4
    python bench/bench_store.py --pg postgresql://USER@HOST/DB   # a server of your own

Without ``--pg`` (or ``$NEWSDESK_TEST_PG``) a throw-away PostgreSQL server is started with
``scripts/pg_test_server.sh`` (unix socket, ``fsync=off``: the figures are of the stores'
own work, not of a disk). Each measurement starts from an empty store. Workers are separate
processes that import everything first and then start together; the time is wall clock
from the first start to the last finish. The corpus is ``bench/gen_corpus.py``'s (invented
events, several outlets each), split into ``--files`` JSONL files dealt out to the workers;
the example corpus (``examples/corpus``, 19 reports) is timed too, with one worker.

* **writes**: ``Store.add_articles`` of already-cleaned articles, 100 per transaction;
* **ingest**: ``pipeline.ingest_paths`` (read, clean, store) of each worker's files;
* **ingest+update**: as ``newsdesk watch`` does: each worker ingests a file, then brings
  duplicates and stories up to date (``fetch._update.update_stories``: dedupe and cluster
  the whole store), file after file. On PostgreSQL one worker at a time recomputes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples" / "corpus"
SCRIPT = ROOT / "scripts" / "pg_test_server.sh"
sys.path.insert(0, str(HERE))

MODES = ("writes", "ingest", "ingest+update")


@dataclass(frozen=True, slots=True)
class Row:
    backend: str
    corpus: str
    mode: str
    workers: int
    articles: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


# ---------------------------------------------------------------- one worker (child)


def _child(mode: str, db: str, files: list[str]) -> None:
    """Import and open everything, say ready, wait for the go line, work, print times."""
    from newsdesk import pipeline
    from newsdesk.fetch._update import update_stories
    from newsdesk.store import open_store

    articles = []
    if mode == "writes":
        from newsdesk.clean import TemplateStats
        from newsdesk.ingest import iter_documents

        docs = list(iter_documents(files, on_error=print))
        articles, _ = pipeline.clean_articles(docs, TemplateStats())
    with open_store(db) as store:
        print("ready", flush=True)
        sys.stdin.readline()
        start = time.time()
        if mode == "writes":
            for i in range(0, len(articles), 100):
                store.add_articles(articles[i : i + 100])
        else:
            for name in files:
                report = pipeline.ingest_paths(store, [name])
                if mode == "ingest+update":
                    update_stories(store, report.added)
        end = time.time()
    print(json.dumps({"start": start, "end": end}), flush=True)


# ---------------------------------------------------------------- the parent


def _measure(mode: str, db: str, shares: list[list[Path]]) -> tuple[float, int]:
    """Wall seconds for the workers (one per share) to do ``mode`` on ``db`` together, and
    the articles then stored."""
    from newsdesk.store import open_store

    open_store(db).close()  # created (and migrated) before the clock starts
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", mode, db, *map(str, share)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for share in shares
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    times = []
    for p in procs:
        out, _ = p.communicate(timeout=3600)
        if p.returncode != 0:
            raise SystemExit(f"a worker failed ({mode} on {db})")
        times.append(json.loads(out.strip().splitlines()[-1]))
    with open_store(db, readonly=True) as store:
        stored = store.count_articles()
    return max(t["end"] for t in times) - min(t["start"] for t in times), stored


def _corpus(folder: Path, articles: int, files: int) -> list[Path]:
    from gen_corpus import generate

    rows = generate(articles, seed=21)
    paths = []
    for i in range(files):
        path = folder / f"part-{i:02}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows[i::files]), encoding="utf-8")
        paths.append(path)
    return paths


class _Stores:
    """Fresh stores: SQLite files in a temporary folder, PostgreSQL schemas on the server."""

    def __init__(self, folder: Path, pg: str) -> None:
        self.folder, self.pg, self.count, self.schemas = folder, pg, 0, []

    def new(self, backend: str) -> str:
        self.count += 1
        if backend == "sqlite":
            return str(self.folder / f"store-{self.count}.db")
        import psycopg

        name = f"bench_{os.getpid()}_{self.count}"
        with psycopg.connect(self.pg, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        self.schemas.append(name)
        sep = "&" if "?" in self.pg else "?"
        return f"{self.pg}{sep}options=-csearch_path%3D{name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.pg, autocommit=True) as conn:
            for name in self.schemas:
                conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def run(pg: str, articles: int, files: int, workers: list[int]) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = _corpus(folder, articles, files)
        stores = _Stores(folder, pg)
        try:
            for backend in ("sqlite", "postgres"):
                seconds, stored = _measure("ingest+update", stores.new(backend), [[EXAMPLES]])
                rows.append(Row(backend, "examples", "ingest+update", 1, stored, seconds))
                print(_line(rows[-1]), flush=True)
            for mode in MODES:
                for n in workers:
                    shares = [corpus[i::n] for i in range(n)]
                    for backend in ("sqlite", "postgres"):
                        seconds, stored = _measure(mode, stores.new(backend), shares)
                        rows.append(Row(backend, "generated", mode, n, stored, seconds))
                        print(_line(rows[-1]), flush=True)
        finally:
            stores.drop()
    return rows


def _line(r: Row) -> str:
    return (
        f"{r.backend:9} {r.corpus:10} {r.mode:14} workers={r.workers} "
        f"{r.articles} articles {r.seconds:7.2f} s {r.rate:8.1f} art/s"
    )


def table(rows: list[Row]) -> str:
    out = [
        "| corpus | what | workers | SQLite (art/s) | PostgreSQL (art/s) | PostgreSQL ÷ SQLite |",
        "|---|---|---|---|---|---|",
    ]
    keyed = {(r.corpus, r.mode, r.workers, r.backend): r for r in rows}
    for corpus, mode, n in dict.fromkeys((r.corpus, r.mode, r.workers) for r in rows):
        lite, pg = keyed[(corpus, mode, n, "sqlite")], keyed[(corpus, mode, n, "postgres")]
        out.append(
            f"| {corpus} | {mode} | {n} | {lite.rate:,.0f} ({lite.seconds:.1f} s) "
            f"| {pg.rate:,.0f} ({pg.seconds:.1f} s) | {pg.rate / lite.rate:.2f} |"
        )
    return "\n".join(out)


def _with_server(argv: list[str]) -> int:
    """Run this benchmark again beside a throw-away server."""
    return subprocess.run(["bash", str(SCRIPT), "run", sys.executable, __file__, *argv]).returncode


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--files", type=int, default=8, help="JSONL files the corpus is split into")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--pg", default=os.environ.get("NEWSDESK_TEST_PG"), help="server URL")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows as JSON")
    args = ap.parse_args()
    if not args.pg:
        return _with_server(sys.argv[1:])
    rows = run(args.pg, args.articles, args.files, args.workers)
    print()
    print(table(rows))
    if args.json:
        found = [asdict(r) | {"rate": r.rate} for r in rows]
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
