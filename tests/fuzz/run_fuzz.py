"""``make fuzz``: ingest 1,000+ nasty inputs of every kind and report crashes, hangs, memory.

Usage::

    python tests/fuzz/run_fuzz.py [--per-kind 1000] [--good 300] [--out out/fuzz]
        [--batch 200] [--seed 0] [--skip-cli] [--skip-run]

1. Generates the corpus (``make_corpus.py``; its external entities point at a TCP port
   this script listens on, so any request newsdesk made would be counted).
2. Per file: a worker child process ingests the files one at a time with the library
   (``pipeline.ingest_paths``), timing each (CPU and wall) and reading its peak memory
   (``VmHWM``, reset before each file). A file that makes the worker go silent past its
   watchdog is a hang; the worker is restarted on the next file.
3. End to end: ``newsdesk ingest --verbose`` on mixed batches (nasty files plus good ones)
   in child processes, peak RSS from ``wait4``; every good file must be stored, no
   traceback may appear but under an ``internal error`` line, and the exit code must be
   0 or 1 (5 counts internal errors).
4. ``newsdesk run`` on a batch of good and crafted files; its Markdown, HTML and JSON are
   checked for active content (see ``output_checks.py``).

A *crash* is an exception escaping the library, a traceback without an ``internal error``
line, or an exit code other than 0/1/5; an *internal error* is a bug caught at the document
boundary (exit 5); a *hang* is a file taking more than ``max(2 s, 10 s per MB)`` of CPU,
or silence past the watchdog. Prints a Markdown summary and writes ``OUT/report.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import resource
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402
import output_checks  # noqa: E402

MB = 1024 * 1024
SECONDS_PER_MB = 10.0
MIN_SECONDS = 2.0
WATCHDOG_MIN = 120.0


# ---------------------------------------------------------------- the worker (child side)


def _hwm_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_hwm() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def _warm_up(folder: Path) -> None:
    """Ingest one good file of every kind, so imports and first-call set-up are not timed."""
    import random

    from newsdesk import pipeline
    from newsdesk.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(0)
    files = {
        "a.txt": make_corpus.good_txt(rnd),
        "a.html": make_corpus.good_html(rnd),
        "a.jsonl": make_corpus.good_jsonl(rnd),
        "a.xml": make_corpus.good_feed(rnd),
        "a.warc.gz": make_corpus.pack_warc(make_corpus.good_warc_records(rnd), "records"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with Store(folder / "warm.db") as store:
        pipeline.ingest_paths(store, [folder])


def worker(db: str) -> None:
    """Read paths on stdin; ingest each; print one JSON line per file."""
    import traceback

    from newsdesk import pipeline
    from newsdesk.errors import InternalError
    from newsdesk.store import Store

    _warm_up(Path(db).with_suffix(".warm"))
    store = Store(db)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        path = line.rstrip("\n")
        print(json.dumps({"start": path}), flush=True)
        errors: list[str] = []
        internal: list[str] = []

        def collect(err: Any, errors: list[str] = errors, internal: list[str] = internal) -> None:
            (internal if isinstance(err, InternalError) else errors).append(str(err))

        _reset_hwm()
        cpu, wall = time.process_time(), time.monotonic()
        escape = None
        added = 0
        try:
            added = len(pipeline.ingest_paths(store, [path], on_error=collect).added)
        except BaseException as exc:  # a crash: what the fuzz suite exists to find
            escape = "".join(traceback.format_exception(exc))[-2000:]
        result = {
            "path": path,
            "cpu": time.process_time() - cpu,
            "wall": time.monotonic() - wall,
            "hwm_mb": _hwm_kb() / 1024,
            "added": added,
            "errors": errors[:5],
            "internal": internal[:5],
            "escape": escape,
        }
        print(json.dumps(result), flush=True)


# ---------------------------------------------------------------- the parent side


@dataclass
class FileResult:
    path: str
    kind: str
    family: str
    size: int
    cpu: float = 0.0
    wall: float = 0.0
    hwm_mb: float = 0.0
    added: int = 0
    errors: list[str] = field(default_factory=list)
    internal: list[str] = field(default_factory=list)
    escape: str | None = None
    hang: bool = False

    @property
    def budget(self) -> float:
        return max(MIN_SECONDS, SECONDS_PER_MB * self.size / MB)


class Probe:
    """A TCP listener counting connections (requests an external entity would make)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()


class Worker:
    """A worker child process, its output lines read by a thread (so a line already read
    into a buffer is never waited for again)."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.read(600.0)  # "ready", once the imports and the warm-up are done

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put("")

    def read(self, timeout: float) -> dict[str, Any] | None:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        return json.loads(line) if line else None

    def send(self, path: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(path + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()


def per_file(cases: list[make_corpus.Case], scratch: Path) -> list[FileResult]:
    results: list[FileResult] = []
    worker: Worker | None = None
    for n, case in enumerate(cases):
        size = Path(case.path).stat().st_size
        res = FileResult(case.path, case.kind, case.family, size)
        if worker is None:
            worker = Worker(scratch / f"worker-{n}.db")
        worker.send(case.path)
        worker.read(60.0)  # the "start" line
        watchdog = max(WATCHDOG_MIN, 3 * res.budget)
        line = worker.read(watchdog)
        if line is None:  # silent past the watchdog (or died): a hang or a hard crash
            res.hang = worker.proc.poll() is None
            res.escape = None if res.hang else f"worker died ({worker.proc.returncode})"
            res.wall = watchdog
            worker.kill()
            worker = None
        else:
            for key in ("cpu", "wall", "hwm_mb", "added", "errors", "internal", "escape"):
                setattr(res, key, line[key])
            res.hang = res.cpu > res.budget
        results.append(res)
        if (n + 1) % 200 == 0:
            print(f"  {n + 1}/{len(cases)} files", file=sys.stderr, flush=True)
    if worker is not None:
        worker.kill()
    return results


@dataclass
class BatchResult:
    files: int
    exit_code: int
    seconds: float
    maxrss_mb: float
    good_files: int
    good_stored: int
    error_lines: int
    internal_lines: int
    stray_tracebacks: int
    other_lines: list[str]


_TRACE_START = "Traceback (most recent call last):"


def _stray_tracebacks(stderr: str) -> int:
    """Tracebacks not printed right under an ``internal error`` line (``--verbose``)."""
    stray = 0
    last_error = ""
    for line in stderr.splitlines():
        if line.startswith("error: "):
            last_error = line
        elif line.startswith(_TRACE_START) and "internal error" not in last_error:
            stray += 1
    return stray


def _stored_sources(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT source FROM articles")}
    finally:
        con.close()


def _newsdesk() -> str:
    return str(Path(sys.executable).with_name("newsdesk"))


def cli_batches(
    cases: list[make_corpus.Case], good: list[make_corpus.Case], scratch: Path, size: int
) -> list[BatchResult]:
    results = []
    per_batch = max(1, len(good) * size // max(len(cases), 1))
    for start in range(0, len(cases), size):
        nasty = cases[start : start + size]
        extra = (
            good[(start // size * per_batch) % max(len(good), 1) :][:per_batch] or good[:per_batch]
        )
        db = scratch / f"cli-{start}.db"
        paths = [c.path for c in nasty + extra]
        budget = 600 + SECONDS_PER_MB * sum(Path(p).stat().st_size for p in paths) / MB
        code, err, seconds, rss = _measured(
            [_newsdesk(), "ingest", "--verbose", "--db", str(db), *paths], budget
        )
        stored = _stored_sources(db) if db.exists() else set()
        good_stored = sum(
            any(s == c.path or s.startswith(c.path + "#") for s in stored) for c in extra
        )
        lines = err.splitlines()
        results.append(
            BatchResult(
                files=len(paths),
                exit_code=code,
                seconds=seconds,
                maxrss_mb=rss,
                good_files=len(extra),
                good_stored=good_stored,
                error_lines=sum(line.startswith("error: ") for line in lines),
                internal_lines=sum(
                    "internal error" in line for line in lines if line.startswith("error: ")
                ),
                stray_tracebacks=_stray_tracebacks(err),
                other_lines=[
                    line
                    for line in lines
                    if not line.startswith(
                        ("error: ", "newsdesk: created", "  ", _TRACE_START, "note: ")
                    )
                    and "documents read" not in line
                ][:5],
            )
        )
        print(
            f"  CLI batch {start // size + 1}: exit {code}, {seconds:.0f} s, {rss:.0f} MB",
            file=sys.stderr,
            flush=True,
        )
    return results


def _measured(args: list[str], timeout: float) -> tuple[int, str, float, float]:
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    deadline = start + timeout
    status, usage = 0, None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            chunks.append("\nTIMEOUT")
            break
        time.sleep(0.2)
    reader.join(10)
    code = os.waitstatus_to_exitcode(status)
    return code, "".join(chunks), time.monotonic() - start, usage.ru_maxrss / 1024 if usage else 0.0


@dataclass
class RunResult:
    exit_code: int
    seconds: float
    maxrss_mb: float
    problems: list[str]
    stories: int


def run_check(
    good: list[make_corpus.Case], crafted: list[make_corpus.Case], scratch: Path
) -> RunResult:
    db, out = scratch / "run.db", scratch / "run-out"
    paths = [c.path for c in good + crafted]
    code, err, seconds, rss = _measured(
        [_newsdesk(), "run", "--db", str(db), "--out", str(out), *paths], 3600
    )
    problems = output_checks.check_folder(out)
    if _stray_tracebacks(err):
        problems.append("traceback on stderr")
    stories = len(list((out / "stories").glob("*.md"))) if (out / "stories").is_dir() else 0
    return RunResult(code, seconds, rss, problems, stories)


# ---------------------------------------------------------------- report


def leaked(scratch: Path) -> int:
    """Stored articles holding text only an external entity could have brought in."""
    found = 0
    for db in scratch.glob("*.db"):
        con = sqlite3.connect(db)
        try:
            query = "SELECT COUNT(*) FROM articles WHERE text LIKE ? OR text LIKE ?"
            found += con.execute(query, ("%root:x:0:0%", "%PATH=%")).fetchone()[0]
        finally:
            con.close()
    return found


def summarise(results: list[FileResult]) -> list[dict[str, Any]]:
    rows = []
    by_kind: dict[str, list[FileResult]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r)
    for kind, rs in by_kind.items():
        per_mb = [r.cpu / max(r.size / MB, 1e-9) for r in rs if r.size >= MB // 4]
        rows.append(
            {
                "kind": kind,
                "files": len(rs),
                "families": len({r.family for r in rs}),
                "crashes": sum(r.escape is not None for r in rs),
                "internal_errors": sum(bool(r.internal) for r in rs),
                "hangs": sum(r.hang for r in rs),
                "max_cpu_s": round(max(r.cpu for r in rs), 2),
                "max_cpu_s_per_mb_big": round(max(per_mb), 2) if per_mb else None,
                "peak_mb": round(max(r.hwm_mb for r in rs)),
                "stored_docs": sum(r.added for r in rs),
            }
        )
    return rows


_HEADER = (
    "| kind | files | families | crashes | internal errors | hangs | max CPU s (one file) "
    "| max CPU s/MB (files ≥ 0.25 MB) | peak RSS MB |"
)


def markdown(
    rows: list[dict[str, Any]],
    batches: list[BatchResult],
    run: RunResult | None,
    extra: dict[str, Any],
) -> str:
    out = [_HEADER, "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = [
            r["kind"],
            r["files"],
            r["families"],
            r["crashes"],
            r["internal_errors"],
            r["hangs"],
            r["max_cpu_s"],
            r["max_cpu_s_per_mb_big"],
            r["peak_mb"],
        ]
        out.append("| " + " | ".join(str(c) for c in cells) + " |")
    if batches:
        codes = dict(sorted(Counter(b.exit_code for b in batches).items()))
        files = sum(b.files for b in batches)
        stored = sum(b.good_stored for b in batches)
        good = sum(b.good_files for b in batches)
        out += [
            "",
            f"CLI mixed batches: {len(batches)} (`newsdesk ingest --verbose`, {files} files); "
            f"exit codes {codes}; good files stored {stored}/{good}; "
            f"stray tracebacks {sum(b.stray_tracebacks for b in batches)}; "
            f"internal-error lines {sum(b.internal_lines for b in batches)}; "
            f"peak RSS {max(b.maxrss_mb for b in batches):.0f} MB; "
            f"slowest batch {max(b.seconds for b in batches):.0f} s.",
        ]
    if run is not None:
        found = "; ".join(run.problems[:3])
        out += [
            "",
            f"`newsdesk run` on good + crafted files: exit {run.exit_code}, {run.stories} stories, "
            f"{run.seconds:.0f} s, peak RSS {run.maxrss_mb:.0f} MB, active content found: "
            f"{len(run.problems)}{f' ({found})' if found else ''}.",
        ]
    out += [
        "",
        f"External entities: {extra['probe_hits']} connections to the probe port, "
        f"{extra['leaks']} leaked file contents.",
    ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", metavar="DB")
    parser.add_argument("--per-kind", type=int, default=1000)
    parser.add_argument("--good", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("out/fuzz"))
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-run", action="store_true")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    probe = Probe()
    corpus, scratch = args.out / "corpus", args.out / "scratch"
    for folder in (corpus, scratch):
        if folder.exists():
            subprocess.run(["rm", "-rf", str(folder)], check=True)
        folder.mkdir(parents=True)
    t0 = time.monotonic()
    cases = make_corpus.generate(
        corpus, args.per_kind, good=args.good, seed=args.seed, probe_port=probe.port
    )
    print(
        f"corpus: {len(cases)} files in {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True
    )
    nasty = [c for c in cases if not c.good]
    good = [c for c in cases if c.good]
    results = per_file(nasty + good, scratch)
    batches = [] if args.skip_cli else cli_batches(nasty, good, scratch, args.batch)
    crafted = [c for c in nasty if c.family == "crafted"]
    run = None if args.skip_run else run_check(good, crafted, scratch)
    extra = {
        "probe_hits": probe.hits,
        "leaks": leaked(scratch),
        "seconds": round(time.monotonic() - t0),
    }
    rows = summarise(results)
    report = {
        "per_kind": rows,
        "batches": [asdict(b) for b in batches],
        "run": asdict(run) if run else None,
        **extra,
        "internal": sorted({f"{r.kind}/{r.family}: {m}" for r in results for m in r.internal})[:50],
        "crashes": [asdict(r) for r in results if r.escape][:20],
        "hangs": [{"path": r.path, "cpu": r.cpu, "size": r.size} for r in results if r.hang][:50],
    }
    (args.out / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(markdown(rows, batches, run, extra))
    print(f"\nfull report: {args.out / 'report.json'} ({extra['seconds']} s)")


if __name__ == "__main__":
    main()
