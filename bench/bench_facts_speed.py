"""Facts-stage speed on real reports, as a ratio to another checkout measured in the same run.

Times :func:`newsdesk.facts.analyse` over the first N gva-dev reports (``<shared>/data``), in a
fresh child process per run (model loading excluded), alternating this checkout's ``src``
with ``--against``'s (e.g. a ``git archive`` of the commit before a change), so that the
load on a shared machine hits both alike. Reports CPU and wall seconds and the ratio.

    python bench/bench_facts_speed.py --against /tmp/before/src --articles 200 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from _data import DATA

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from newsdesk.facts import analyse
from newsdesk.facts._nlp import parse
from newsdesk.records import Article
rows = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")][: int(sys.argv[3])]
arts = [Article(id=str(i), source=r["url"], format="jsonl", title=r["title"], raw_text=r["text"],
        text=r["text"], published=r.get("published"), url=r["url"]) for i, r in enumerate(rows)]
parse("Warm up the model with 3 cats.")
wall, cpu = time.perf_counter(), time.process_time()
facts = sum(len(analyse(a).facts) for a in arts)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "facts": facts}))
"""


def _run(src: Path, articles: int) -> dict[str, float]:
    path = DATA / "gva-dev" / "articles.jsonl"
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(path), str(articles)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", type=Path, help="another checkout's src/ to compare with")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    if not (DATA / "gva-dev" / "articles.jsonl").is_file():
        print(f"gva-dev not found under {DATA}", file=sys.stderr)
        return 2
    sides = {"this": ROOT / "src"}
    if args.against:
        sides["against"] = args.against
    totals = {name: {"wall": 0.0, "cpu": 0.0} for name in sides}
    for _ in range(args.rounds):
        for name, src in sides.items():
            r = _run(src, args.articles)
            totals[name]["wall"] += r["wall"]
            totals[name]["cpu"] += r["cpu"]
            print(
                f"{name:<8} {r['wall']:7.2f} s wall {r['cpu']:7.2f} s cpu {r['facts']:6.0f} facts"
            )
    for name, t in totals.items():
        print(f"{name:<8} {args.articles * args.rounds / t['cpu']:.1f} articles per CPU second")
    if "against" in totals:
        this, other = totals["this"], totals["against"]
        print(
            f"throughput ratio this/against: cpu x{other['cpu'] / this['cpu']:.2f}, "
            f"wall x{other['wall'] / this['wall']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
