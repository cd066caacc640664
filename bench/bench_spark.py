"""Benchmark the Spark job on generated CC-NEWS-style WARC files: time per stage, growth.

For each size, ``bench/gen_corpus.py`` articles are written as ``--files`` gzipped WARC
archives (not timed), then ``newsdesk.spark.run_job`` runs on ``--master`` (default
``local[2]``) and every stage's wall time is printed, with stories and NMI against the
generated events. ``--peer`` also runs the single-machine pipeline (``newsdesk run``
without writing briefs: ingest, dedupe, cluster, facts+align) on the smallest size's
archives in a child process, so the Spark figures can be read as a ratio to it;
``--peer-only`` runs just that, for each size. For every size the job's own articles (with
its duplicate marks) are also clustered by the single-machine batch clusterer in this
process: its time is a peer of the cluster stage measured in the same run, and its stories
are what the job's windowed stories are compared with (NMI against the events, and NMI
between the two clusterings).

    python bench/bench_spark.py --sizes 10000 30000 --peer
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STAGES = ("read", "clean", "dedupe", "cluster", "facts", "write")


@dataclass
class Run:
    articles: int
    seconds: dict[str, float] = field(default_factory=dict)
    stories: int = 0
    nmi: float = 0.0
    duplicates: int = 0
    facts: int = 0
    single_seconds: float = 0.0
    single_stories: int = 0
    single_nmi: float = 0.0
    agreement: float = 0.0
    """NMI between the job's stories and the single-machine clusterer's."""

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def _nmi(spark: object, out: str, events: dict[str, str]) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    rows = spark.read.parquet(f"{out}/articles").select("url", "story_id").collect()  # type: ignore[attr-defined]
    gold = [events[r["url"]] for r in rows]
    pred = [r["story_id"] for r in rows]
    return float(normalized_mutual_info_score(gold, pred))


def _single_machine(spark: object, out: str, events: dict[str, str], run: Run) -> None:
    """The batch clusterer on the job's articles (duplicate marks included), timed."""
    from dataclasses import replace

    from sklearn.metrics import normalized_mutual_info_score

    from newsdesk.cluster import cluster_articles
    from newsdesk.spark._rows import row_article

    rows = spark.read.parquet(f"{out}/articles").collect()  # type: ignore[attr-defined]
    articles = [replace(row_article(r), duplicate_of=r["duplicate_of"]) for r in rows]
    start = time.perf_counter()
    stories = cluster_articles(articles)
    run.single_seconds = time.perf_counter() - start
    single = {a: s.id for s in stories for a in s.article_ids}
    ids = [r["id"] for r in rows]
    gold = [events[r["url"]] for r in rows]
    run.single_stories = len(stories)
    run.single_nmi = float(normalized_mutual_info_score(gold, [single[i] for i in ids]))
    job = [r["story_id"] for r in rows]
    run.agreement = float(normalized_mutual_info_score([single[i] for i in ids], job))


def run_spark(n: int, args: argparse.Namespace, work: Path) -> tuple[Run, Path]:
    from make_warcs import events_by_url, generated_pages, write_warcs
    from newsdesk.spark import SparkJobConfig, WindowConfig, run_job, spark_session

    archives = work / f"warc-{n}"
    write_warcs(generated_pages(n, args.seed), archives, files=args.files)
    spark = spark_session(args.master, {"spark.driver.memory": args.driver_memory})
    config = SparkJobConfig(
        window=WindowConfig(window_days=args.window_days), partitions=args.partitions
    )
    out = work / f"out-{n}"
    result = run_job(
        spark,
        [str(archives)],
        str(out),
        config,
        on_stage=lambda name, sec: print(f"  {n:,}: {name} {sec:,.1f} s", flush=True),
    )
    run = Run(
        articles=result.articles,
        seconds=dict(result.seconds),
        stories=result.stories,
        duplicates=result.duplicates,
        facts=result.facts,
        nmi=_nmi(spark, str(out), events_by_url(n, args.seed)),
    )
    _single_machine(spark, str(out), events_by_url(n, args.seed), run)
    return run, archives


def _peer_child(archives: str, db: str) -> None:
    """The single-machine pipeline on the same archives, timed per stage (one process)."""
    from newsdesk import pipeline
    from newsdesk.store import Store

    seconds: dict[str, float] = {}
    events = json.loads(Path(archives, "events.json").read_text(encoding="utf-8"))
    with Store(db) as store:
        t = time.perf_counter()
        report = pipeline.ingest_paths(store, [archives])
        seconds["read+clean+store"] = time.perf_counter() - t
        t = time.perf_counter()
        duplicates = pipeline.dedupe_store(store)
        seconds["dedupe"] = time.perf_counter() - t
        t = time.perf_counter()
        stories = pipeline.cluster_store(store)
        seconds["cluster"] = time.perf_counter() - t
        t = time.perf_counter()
        for story in stories:
            pipeline.story_report(store, story)
        seconds["facts+align+brief"] = time.perf_counter() - t
        from sklearn.metrics import normalized_mutual_info_score

        urls = {a.id: a.url for a in store.articles()}
        members = [(events[urls[a]], s.id) for s in stories for a in s.article_ids]
        nmi = normalized_mutual_info_score([m[0] for m in members], [m[1] for m in members])
    summary = {"stories": len(stories), "duplicates": duplicates, "nmi": round(float(nmi), 3)}
    print(json.dumps({"articles": len(report.added), "seconds": seconds, **summary}))


def write_archives(n: int, args: argparse.Namespace, work: Path) -> Path:
    """``n`` generated articles as WARC files, with their events (``events.json``)."""
    from make_warcs import events_by_url, generated_pages, write_warcs

    archives = work / f"warc-{n}"
    write_warcs(generated_pages(n, args.seed), archives, files=args.files)
    events = events_by_url(n, args.seed)
    (archives / "events.json").write_text(json.dumps(events), encoding="utf-8")
    return archives


def run_peer(archives: Path, work: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--peer-child", str(archives), str(work / "peer.db")]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    found: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return found


def _table(runs: list[Run]) -> str:
    head = "| stage | " + " | ".join(f"{r.articles:,} art. (s, art/s)" for r in runs) + " |"
    lines = [head, "|---" * (len(runs) + 1) + "|"]
    for stage in (*STAGES, "total"):
        cells = []
        for r in runs:
            sec = r.total if stage == "total" else r.seconds.get(stage, 0.0)
            cells.append(f"{sec:,.1f} s, {r.articles / max(sec, 1e-9):,.0f}/s")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append(
        "| stories / NMI | " + " | ".join(f"{r.stories:,} / {r.nmi:.3f}" for r in runs) + " |"
    )
    lines.append(
        "| single machine: cluster s / stories / NMI | "
        + " | ".join(
            f"{r.single_seconds:,.1f} s / {r.single_stories:,} / {r.single_nmi:.3f}" for r in runs
        )
        + " |"
    )
    lines.append(
        "| NMI job vs single machine | " + " | ".join(f"{r.agreement:.3f}" for r in runs) + " |"
    )
    lines.append(
        "| duplicates / facts | "
        + " | ".join(f"{r.duplicates:,} / {r.facts:,}" for r in runs)
        + " |"
    )
    return "\n".join(lines)


def _growth(runs: list[Run]) -> str:
    out = []
    for a, b in itertools.pairwise(runs):
        x = b.articles / a.articles
        for stage in (*STAGES, "total"):
            ta = a.total if stage == "total" else a.seconds[stage]
            tb = b.total if stage == "total" else b.seconds[stage]
            out.append(
                f"{a.articles:,}->{b.articles:,} (x{x:.0f} articles): {stage} time x{tb / ta:.1f}"
            )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--files", type=int, default=8, help="WARC files per size")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--window-days", type=int, default=7)
    ap.add_argument("--driver-memory", default="4g")
    ap.add_argument("--peer", action="store_true", help="also time the single-machine path")
    ap.add_argument("--peer-only", action="store_true", help="only the single-machine runs")
    ap.add_argument("--peer-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer_child:
        _peer_child(*args.peer_child)
        return 0
    sys.path.insert(0, str(HERE))
    if args.peer_only:
        with tempfile.TemporaryDirectory(prefix="newsdesk-peer-bench-") as tmp:
            for n in args.sizes:
                print(json.dumps(run_peer(write_archives(n, args, Path(tmp)), Path(tmp))))
        return 0
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-spark-bench-") as tmp:
        work = Path(tmp)
        peer_archives = None
        for n in args.sizes:
            run, archives = run_spark(n, args, work)
            runs.append(run)
            peer_archives = peer_archives or archives
            print(json.dumps(asdict(run)), flush=True)
        print(
            f"\nSpark job on {args.master}, {args.files} archives, {args.partitions} partitions, "
            f"{args.window_days}-day windows\n"
        )
        print(_table(runs))
        print("\n```\n" + _growth(runs) + "\n```")
        if args.peer and peer_archives is not None:
            peer = run_peer(peer_archives, work)["seconds"]
            spark_total = runs[0].total
            peer_total = sum(peer.values())
            print(f"\nSingle-machine peer on the same {runs[0].articles:,} articles (one process):")
            for stage, sec in peer.items():
                print(f"  {stage}: {sec:,.1f} s")
            print(
                f"  total: {peer_total:,.1f} s; "
                f"Spark/peer wall time = {spark_total / peer_total:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
