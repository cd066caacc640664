"""Throughput of the whole pipeline on a generated corpus, stage by stage.

For each size N, a fresh process generates N synthetic articles (bench/gen_corpus.py),
runs every stage over a new SQLite store and reports seconds and articles/s per stage,
peak memory (max RSS), and the clustering NMI against the generated events. The growth
from one size to the next shows whether any stage is worse than linear.

    python bench/bench_throughput.py --sizes 1000 10000          # the usual table
    python bench/bench_throughput.py --sizes 1000 10000 100000   # scaling run (long)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("ingest+clean+store", "dedupe", "cluster", "facts+align+brief", "write")


@dataclass
class Result:
    articles: int
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    stories: int = 0
    nmi: float = 0.0
    cpus: int = 0


def _timed(result: Result, stage: str, fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn()
    result.seconds[stage] = time.perf_counter() - t0
    return value


def run_one(n: int, seed: int, facts_sample: int | None) -> Result:
    """Run every stage on N generated articles (in this process)."""
    sys.path.insert(0, str(HERE))
    from sklearn.metrics import normalized_mutual_info_score

    from gen_corpus import generate
    from newsdesk import pipeline
    from newsdesk.store import Store

    result = Result(articles=n, cpus=len(os.sched_getaffinity(0)))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        rows = generate(n, seed)
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        event_of_url = {r["url"]: r["event"] for r in rows}
        with Store(Path(tmp) / "nd.db") as store:
            _timed(result, "ingest+clean+store", lambda: pipeline.ingest_paths(store, [corpus]))
            _timed(result, "dedupe", lambda: pipeline.dedupe_store(store))
            stories = _timed(result, "cluster", lambda: pipeline.cluster_store(store))
            briefed = stories if facts_sample is None else stories[:facts_sample]
            reports = _timed(
                result,
                "facts+align+brief",
                lambda: [pipeline.story_report(store, s) for s in briefed],
            )
            _timed(
                result,
                "write",
                lambda: pipeline.write_outputs(reports, Path(tmp) / "out", pipeline.FORMATS),
            )
            if facts_sample is not None and briefed:
                done = sum(len(s.article_ids) for s in briefed)
                result.seconds["facts+align+brief"] *= n / max(1, done)  # extrapolated
            story_of = {aid: s.id for s in stories for aid in s.article_ids}
            arts = store.articles()
            gold = [event_of_url[a.url or ""] for a in arts]
            pred = [story_of[a.id] for a in arts]
            result.nmi = float(normalized_mutual_info_score(gold, pred))
            result.stories = len(stories)
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _child(n: int, seed: int, facts_sample: int | None) -> Result:
    args = [sys.executable, __file__, "--child", str(n), "--seed", str(seed)]
    if facts_sample is not None:
        args += ["--facts-sample", str(facts_sample)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return Result(**data)


def _table(results: list[Result]) -> str:
    lines = ["| stage | " + " | ".join(f"{r.articles:,} art. (s, art/s)" for r in results) + " |"]
    lines.append("|---" * (len(results) + 1) + "|")
    for stage in (*STAGES, "total"):
        cells = []
        for r in results:
            sec = sum(r.seconds.values()) if stage == "total" else r.seconds.get(stage, 0.0)
            cells.append(f"{sec:,.1f} s, {r.articles / sec:,.0f}/s" if sec else "-")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append("| peak RSS | " + " | ".join(f"{r.peak_rss_mb:,.0f} MB" for r in results) + " |")
    lines.append(
        "| stories / NMI | " + " | ".join(f"{r.stories:,} / {r.nmi:.3f}" for r in results) + " |"
    )
    return "\n".join(lines)


def _growth(results: list[Result]) -> str:
    out = []
    for a, b in pairwise(results):
        ratio = b.articles / a.articles
        for stage in (*STAGES, "total"):
            sa = sum(a.seconds.values()) if stage == "total" else a.seconds.get(stage, 0.0)
            sb = sum(b.seconds.values()) if stage == "total" else b.seconds.get(stage, 0.0)
            if sa > 0.05:
                step = f"{a.articles:,}->{b.articles:,} (x{ratio:.0f} articles)"
                out.append(f"{step}: {stage} time x{sb / sa:.1f}")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--facts-sample",
        type=int,
        default=None,
        help="brief only the first K stories and extrapolate (for very large N)",
    )
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--json", type=Path, default=None, help="also write results as JSON")
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(asdict(run_one(args.child, args.seed, args.facts_sample))))
        return 0
    results = []
    for n in args.sizes:
        print(f"running {n:,} articles ...", file=sys.stderr, flush=True)
        results.append(_child(n, args.seed, args.facts_sample))
    print(f"Pipeline throughput ({results[0].cpus} CPUs available)")
    print(_table(results))
    print(_growth(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
