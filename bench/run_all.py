"""Run every benchmark and print its figures beside the published anchors.

python bench/run_all.py            # full runs (several minutes)
python bench/run_all.py --gate     # the fast CI subsets, exit 1 if any floor is missed
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ("bench_zyte.py", []),
    ("bench_l3s.py", []),
    ("bench_newsquant.py", []),
    ("bench_gva_dates.py", []),
    ("bench_quantulum_set.py", []),
    ("bench_polnear.py", []),
    ("bench_ecbplus.py", []),
    ("bench_mstream.py", []),
    ("bench_stream.py", []),
    ("bench_align_examples.py", []),
    ("bench_claims.py", []),
    ("bench_brief_gva.py", []),
    ("bench_gva.py", []),
    ("bench_throughput.py", ["--sizes", "1000", "10000"]),
    ("bench_web.py", ["--articles", "10000"]),
    ("bench_fetch.py", []),
    ("bench_store.py", ["--articles", "2000"]),  # starts a throw-away PostgreSQL server
    ("bench_spark_windows.py", ["--articles", "2000"]),
    ("bench_spark.py", ["--sizes", "10000"]),  # needs the 'spark' extra (make spark) and Java
]
SPEED_ONLY = (
    "bench_throughput.py",
    "bench_fetch.py",
    "bench_web.py",
    "bench_spark.py",
    "bench_store.py",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gate", action="store_true")
    args = ap.parse_args()
    failed = []
    for script, extra in BENCHES:
        if args.gate and script in SPEED_ONLY:
            continue  # speed is reported, never gated
        if args.gate and script == "bench_spark_windows.py":
            continue  # a measurement of the Spark job's windows, no floor
        cmd = [sys.executable, str(HERE / script), *(["--gate"] if args.gate else extra)]
        print(f"\n$ {' '.join(cmd[1:])}", flush=True)
        if subprocess.run(cmd, check=False).returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
