"""Facts+align+brief throughput of this checkout against another commit, in the same run.

Timing on a shared machine drifts, so a speed is only meaningful as a ratio to a peer
measured alongside. This script extracts ``--base`` (a git commit) into a temporary folder
and, alternating base and this checkout in fresh processes, ingests, dedupes and clusters a
corpus, then times ``pipeline.story_report`` over every story (CPU time of the process,
parse cache cleared, best of ``--rounds``). Corpora: the synthetic one of
``bench/gen_corpus.py`` and, when present, the first reports of gva-dev.

    python bench/bench_facts_ab.py --base e646c05 [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _corpus(which: str) -> list[dict[str, str]]:
    if which == "synthetic":
        from gen_corpus import generate

        return generate(600, seed=7)
    from _data import DATA

    lines = (DATA / "gva-dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines[:150]]
    return [{k: d[k] for k in ("url", "title", "published", "text")} for d in docs]


def child(which: str, rounds: int) -> float:
    """Articles per CPU second of ``story_report`` over every story of the corpus."""
    from newsdesk import pipeline
    from newsdesk.facts import _nlp
    from newsdesk.store import Store

    docs = _corpus(which)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        with Store(Path(tmp) / "ab.db") as store:
            pipeline.ingest_paths(store, [path])
            pipeline.dedupe_store(store)
            stories = pipeline.cluster_store(store)
            best = float("inf")
            for _ in range(rounds):
                _nlp._cache.clear()
                t0 = time.process_time()
                for story in stories:
                    pipeline.story_report(store, story)
                best = min(best, time.process_time() - t0)
    return len(docs) / best


def _extract(commit: str, into: Path) -> Path:
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _run(src: Path, which: str, rounds: int) -> float:
    code = (
        f"import sys; sys.path[:0] = [{str(src)!r}, {str(HERE)!r}]; import bench_facts_ab as b; "
        f"print(b.child({which!r}, {rounds}))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base", required=True, help="git commit to compare against")
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs per side")
    ap.add_argument("--rounds", type=int, default=2, help="timed passes per run (best kept)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = _extract(args.base, Path(tmp))
        for which in ("synthetic", "gva"):
            if which == "gva":
                from _data import DATA

                if not (DATA / "gva-dev").is_dir():
                    continue
            old: list[float] = []
            new: list[float] = []
            for _ in range(args.repeat):
                old.append(_run(base, which, args.rounds))
                new.append(_run(ROOT / "src", which, args.rounds))
            a, b = statistics.median(old), statistics.median(new)
            print(
                f"{which:10} base {args.base}: {a:6.1f} art/s   this checkout: {b:6.1f} art/s   "
                f"ratio x{b / a:.2f}  (CPU time, median of {args.repeat})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
