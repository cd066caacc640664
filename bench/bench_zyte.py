"""Article body extraction on the Zyte (scrapinghub) article-extraction benchmark.

Scores newsdesk's HTML ingest (trafilatura) alone and followed by the clean stage with
the benchmark's own metric: 4-word shingles of ``\\w+`` tokens; per-page precision and
recall, each averaged over the pages where it is defined; F1 from the two means.

    python bench/bench_zyte.py                 # all 181 pages
    python bench/bench_zyte.py --gate          # fixed subset, exit 1 below the floors
    python bench/bench_zyte.py --worst 15      # also list the pages to look at next
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from _data import DATA
from newsdesk.clean import Cleaner
from newsdesk.errors import InputError
from newsdesk.ingest import read_file
from newsdesk.records import RawDocument

DEFAULT_DATA = DATA
PUBLISHED = "published: trafilatura 2.0 F1 .958 (P .938 R .978); newspaper4k .949; readability .922"
GATE_PAGES = 60
GATE_FLOOR_F1 = 0.960
"""Floor for the cleaned output on the first GATE_PAGES pages (sorted ids). Raise, never lower."""

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = sum((t & p).values())
    return float(tp), float(sum(p.values()) - tp), float(sum(t.values()) - tp)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(pairs: list[tuple[str, str]]) -> Score:
    counts = [tp_fp_fn(true, pred) for true, pred in pairs]
    return Score(
        precision=statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0),
        recall=statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0),
    )


def page_score(true: str, pred: str) -> tuple[float, float]:
    """Precision and recall of one page, as the benchmark defines them."""
    counts = tp_fp_fn(true, pred)
    return _precision(*counts), _recall(*counts)


def print_worst(
    truth: dict[str, str], raw: dict[str, str], cleaned: dict[str, str], n: int
) -> None:
    """The pages with the lowest cleaned precision, and those where cleaning lost recall."""
    rows = []
    for key, true in truth.items():
        (p0, r0), (p1, r1) = page_score(true, raw[key]), page_score(true, cleaned[key])
        rows.append((key, p0, r0, p1, r1))
    print(f"  lowest precision after clean (ingest -> clean), first {n}:")
    for key, p0, r0, p1, r1 in sorted(rows, key=lambda row: row[3])[:n]:
        print(f"    {key[:16]}  P {p0:.3f} -> {p1:.3f}  R {r0:.3f} -> {r1:.3f}")
    print(f"  largest recall lost by clean, first {n}:")
    for key, p0, r0, p1, r1 in sorted(rows, key=lambda row: row[4] - row[2])[:n]:
        if r1 < r0:
            print(f"    {key[:16]}  P {p0:.3f} -> {p1:.3f}  R {r0:.3f} -> {r1:.3f}")


def _read(path: Path) -> RawDocument | None:
    try:
        docs = read_file(path).documents
    except InputError as exc:
        print(f"  ! {exc}", file=sys.stderr)
        return None
    return docs[0] if docs else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="first N pages (sorted ids)")
    ap.add_argument("--gate", action="store_true", help=f"first {GATE_PAGES} pages vs floor")
    ap.add_argument("--worst", type=int, default=0, help="list the N weakest pages")
    args = ap.parse_args(argv)
    root = args.data / "zyte-article-extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    limit = GATE_PAGES if args.gate else args.limit
    keys = keys[:limit] if limit else keys

    t0 = time.perf_counter()
    docs = {k: _read(root / "html" / f"{k}.html.gz") for k in keys}
    t_ingest = time.perf_counter() - t0
    present = [d for d in docs.values() if d is not None]
    t1 = time.perf_counter()
    cleaner = Cleaner().fit(present)
    cleaned = {k: (cleaner.clean(d).text if d else "") for k, d in docs.items()}
    t_clean = time.perf_counter() - t1

    texts = {k: (d.text if d else "") for k, d in docs.items()}
    raw = score([(truth[k]["articleBody"], texts[k]) for k in keys])
    ours = score([(truth[k]["articleBody"], cleaned[k]) for k in keys])
    print(f"Zyte article extraction, {len(keys)} pages ({PUBLISHED})")
    print(f"  ingest (trafilatura)   P {raw.precision:.3f}  R {raw.recall:.3f}  F1 {raw.f1:.3f}")
    print(f"  ingest + clean         P {ours.precision:.3f}  R {ours.recall:.3f}  F1 {ours.f1:.3f}")
    speed = f"ingest {len(keys) / t_ingest:.1f} pages/s, clean {len(keys) / t_clean:.0f} pages/s"
    print(f"  speed: {speed}")
    if args.worst:
        bodies = {k: truth[k]["articleBody"] for k in keys}
        print_worst(bodies, texts, cleaned, args.worst)
    if args.gate:
        ok = ours.f1 >= GATE_FLOOR_F1
        print(f"  gate: F1 {ours.f1:.3f} vs floor {GATE_FLOOR_F1} -> {'pass' if ok else 'FAIL'}")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
