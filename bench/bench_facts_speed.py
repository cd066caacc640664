"""Facts-stage throughput against an earlier revision, measured in the same run.

python bench/bench_facts_speed.py                 # this checkout vs HEAD~1
python bench/bench_facts_speed.py --against REV   # vs any git revision

Times :func:`newsdesk.facts.analyse` over the gva-dev articles (``<shared>/data/gva-dev``,
text as ingested, no cleaning) for the working tree and for ``REV`` (its ``src/`` exported
with ``git archive`` to a temporary folder), each in its own child process, alternating
``--rounds`` times, and prints articles per CPU-second of the child (``time.process_time``,
less sensitive than wall time to the load of a shared machine), the number of sentences
parsed, and the ratio of medians. Only the ratio means anything.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from _data import DATA, ROOT

_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from newsdesk.facts import analyse
from newsdesk.facts._nlp import parse_many
from newsdesk.records import Article
rows = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")][: int(sys.argv[3])]
arts = [Article(id=str(i), source="gva", format="jsonl", title=r.get("title") or "",
                raw_text=r["text"], text=r["text"], published=r.get("published"))
        for i, r in enumerate(rows)]
parse_many(["warm up the pipeline."])
from newsdesk.facts import _nlp
nlp, parsed = _nlp._nlp(), [0]
pipe = nlp.pipe
def counting(texts, **kw):
    texts = list(texts)
    parsed[0] += len(texts)
    return pipe(texts, **kw)
nlp.pipe = counting
t0 = time.process_time()
facts = sum(len(analyse(a).facts) for a in arts)
print(json.dumps({"seconds": time.process_time() - t0, "articles": len(arts), "facts": facts,
                  "parsed": parsed[0]}))
"""


def _run(src: Path, path: Path, limit: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), str(path), str(limit)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", default="HEAD~1")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=200, help="first N gva-dev articles")
    args = ap.parse_args()
    path = DATA / "gva-dev" / "articles.jsonl"
    if not path.is_file():
        print(f"gva-dev not found at {path}; skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", "-o", str(archive), args.against, "src"],
            check=True,
        )
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        runs: dict[str, list[float]] = {"this": [], args.against: []}
        for _ in range(args.rounds):
            for name, src in (("this", ROOT / "src"), (args.against, Path(tmp) / "src")):
                r = _run(src, path, args.limit)
                runs[name].append(r["articles"] / r["seconds"])
                print(
                    f"  {name:10s} {r['articles']:.0f} articles, {r['facts']:.0f} facts, "
                    f"{r['parsed']:.0f} sentences parsed, {r['articles'] / r['seconds']:.1f} art/s"
                )
    mine, theirs = statistics.median(runs["this"]), statistics.median(runs[args.against])
    print(
        f"facts.analyse on gva-dev: this {mine:.1f} art/s, {args.against} {theirs:.1f} art/s, "
        f"ratio {mine / theirs:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
