"""MStream Google News streams: NMI of streaming story assignment.

11,109 news headlines in 152 stories (already stemmed and stop-worded by the dataset's
authors). ``News`` is in random order (every story spans the whole stream); ``News-T``
is roughly in story order. Each headline is fed, in file order, to a
``StreamClusterer`` (words only: entities need cased text) with the *topic* settings
(:meth:`ClusterConfig.for_topics`): an MStream story is a subject followed for months, not
one event, so a story is scored by the cosine to its centroid with a size bonus.
``--events`` also runs the default (event) settings, which split such topics. Two scores
are reported:

* online: the story id ``add`` returned at arrival (never revised);
* final: the partition ``stories()`` returns at the end (after story merges).

    python bench/bench_mstream.py [--data DIR] [--limit N] [--sweep] [--events] [--gate]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from _data import DATA

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _metrics import nmi
from newsdesk.cluster import ClusterConfig, StreamClusterer
from newsdesk.records import Article

DEFAULT_DATA = DATA
PUBLISHED = {"News": 0.834, "News-T": 0.850}
"""MStream (Yin et al., KDD 2018), as quoted in the data README."""
GOAL = 0.88
GATE_LIMIT = 3000
GATE_FLOORS = {
    ("News", "online"): 0.86,
    ("News", "final"): 0.87,
    ("News-T", "online"): 0.82,
    ("News-T", "final"): 0.84,
}
"""NMI floors on the first GATE_LIMIT headlines, pinned a little below the measured
News .888 online / .899 final and News-T .844 / .866 (the News-T prefix covers fewer,
denser stories, so it scores lower than the whole stream)."""


def load(data: Path, name: str, limit: int | None) -> list[dict[str, str]]:
    path = data / "mstream" / f"{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows[:limit] if limit else rows


def as_article(row: dict[str, str]) -> Article:
    text = str(row["textCleaned"])
    return Article(
        id=str(row["Id"]), source="mstream", format="jsonl", title="", raw_text=text, text=text
    )


def run(rows: list[dict[str, str]], config: ClusterConfig) -> tuple[float, float, int, float]:
    """(online NMI, final NMI, number of stories, seconds)."""
    t0 = time.perf_counter()
    sc = StreamClusterer(config)
    online = [sc.add(as_article(r)) for r in rows]
    stories = sc.stories()
    elapsed = time.perf_counter() - t0
    final_of = {aid: s.id for s in stories for aid in s.article_ids}
    gold = [str(r["clusterNo"]) for r in rows]
    final = [final_of[str(r["Id"])] for r in rows]
    return nmi(gold, online), nmi(gold, final), len(stories), elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N headlines of each stream")
    ap.add_argument("--sweep", action="store_true", help="NMI across stream thresholds")
    ap.add_argument("--events", action="store_true", help="also run the default event settings")
    ap.add_argument("--gate", action="store_true", help="fixed fast subset; exit 1 below floors")
    args = ap.parse_args(argv)
    if args.gate:
        args.limit = GATE_LIMIT
    config = ClusterConfig(use_entities=False).for_topics()
    configs = [config]
    if args.events:
        configs.append(ClusterConfig(use_entities=False))
    if args.sweep:
        configs = [
            replace(config, stream_threshold=t, stream_size_bonus=b)
            for t in (0.2, 0.25, 0.3)
            for b in (0.3, 0.5, 0.7)
        ] + [replace(config, stream_merge_threshold=1.0)]
    print(f"MStream Google News streams (limit={args.limit}); goal NMI >= {GOAL:.2f}")
    failed = False
    for name in ("News", "News-T"):
        rows = load(args.data, name, args.limit)
        for cfg in configs:
            on, fin, n, el = run(rows, cfg)
            print(
                f"{name:<7} n={len(rows):>5} NMI online {on:.3f} final {fin:.3f} "
                f"(MStream {PUBLISHED[name]:.3f}) | {n} stories | {el:.1f}s | "
                f"{'topics' if cfg.stream_link == 0 else 'events'}: "
                f"threshold {cfg.stream_threshold} bonus {cfg.stream_size_bonus} "
                f"merge {cfg.stream_merge_threshold}"
            )
            if args.gate and cfg is config:
                for kind, value in (("online", on), ("final", fin)):
                    floor = GATE_FLOORS[(name, kind)]
                    if value < floor:
                        print(f"GATE FAILED: {name} {kind} NMI {value:.3f} < {floor:.2f}")
                        failed = True
    if args.gate and not failed:
        print("gate passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
