"""Several writers and a reader on one store at once, as several `newsdesk watch` /
`ingest` processes and a `newsdesk serve` share one: four writer processes ingest a
generated corpus file by file, committing in chunks and bringing duplicates and stories
up to date after each file as fetching does (with a random pause between computing the
stories and writing them). Two files are ingested by every writer, the others by one
writer each, last; one writer (of shared files only) is killed mid-way, and a reader
process checks what it sees all along.

Afterwards: every article is stored exactly once, the template statistics equal those of
one process ingesting the corpus alone, no article is in two stories, and on PostgreSQL
(where :meth:`Store.updating` lets one process recompute at a time) every article is in
a story without any further update.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from _pg import PgSchemas
from gen_corpus import generate
from newsdesk import pipeline
from newsdesk.store import open_store

WRITER = textwrap.dedent(
    """
    import random, sys, time
    from newsdesk import pipeline
    from newsdesk.fetch._update import update_stories
    from newsdesk.store import open_store

    db, files = sys.argv[1], sys.argv[2:]
    with open_store(db) as store:
        replace = store.replace_stories

        def slow_replace(stories):  # widen the window between reading and writing
            time.sleep(random.uniform(0.0, 0.6))
            replace(stories)

        store.replace_stories = slow_replace
        for name in files:
            report = pipeline.ingest_paths(store, [name], chunk_documents=4)
            print("ingested", report.new, flush=True)
            update_stories(store, report.added)
            print("updated", flush=True)
    """
)

READER = textwrap.dedent(
    """
    import json, os, sys, time
    from newsdesk.store import open_store
    from newsdesk.store.reading import StoryFilter

    db, stop = sys.argv[1], sys.argv[2]
    problems, polls, last = [], 0, 0
    with open_store(db, readonly=True) as store:
        while not os.path.exists(stop) or polls < 3:
            polls += 1
            status = store.status()
            if status.articles < last:
                problems.append(f"articles went from {last} to {status.articles}")
            last = status.articles
            placed = [a for s in store.stories() for a in s.article_ids]
            if len(placed) != len(set(placed)):
                problems.append("an article in two stories")
            if status.unclustered < 0:
                problems.append(f"unclustered {status.unclustered}")
            listing = store.story_listing(StoryFilter(q="people"))
            if any(row.article_count < 1 for row in listing.rows):
                problems.append("an empty story listed")
            time.sleep(0.05)
    print(json.dumps({"polls": polls, "problems": problems}))
    """
)


def _corpus(folder: Path, articles: int, files: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rows = generate(articles, seed=12)
    paths = []
    for i in range(files):
        path = folder / f"part-{i}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows[i::files]), encoding="utf-8")
        paths.append(path)
    return paths


def _run(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow
def test_four_writers_and_a_reader_keep_the_store_exact(
    db: str, backend: str, tmp_path: Path
) -> None:
    files = _corpus(tmp_path / "in", articles=96, files=8)
    shared, own = files[:2], files[2:]
    with open_store(tmp_path / "alone.db") as alone:
        pipeline.ingest_paths(alone, files, chunk_documents=4)
        expected_ids = {a.id for a in alone.articles()}
        expected_stats = alone.template_stats().to_dict()
    open_store(db).close()  # created (and migrated) once, as `newsdesk ingest` would

    stop = tmp_path / "stop"
    reader = _run(READER, db, str(stop))
    orders = [[shared[k % 2], own[2 * k], shared[1 - k % 2], own[2 * k + 1]] for k in range(3)]
    orders.append([shared[1], shared[0], shared[1]])
    writers = [_run(WRITER, db, *map(str, order)) for order in orders]
    victim = writers[3]
    assert victim.stdout is not None
    while not victim.stdout.readline().startswith("updated"):  # one file in, then killed
        assert victim.poll() is None, victim.stderr.read() if victim.stderr else ""
    os.kill(victim.pid, signal.SIGKILL)
    for w in writers[:3]:
        _, err = w.communicate(timeout=600)
        assert w.returncode == 0, err
    victim.wait()
    stop.touch()
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    seen = json.loads(out.splitlines()[-1])
    assert seen["problems"] == [] and seen["polls"] >= 3

    with open_store(db) as store:
        assert {a.id for a in store.articles()} == expected_ids
        assert store.count_articles() == len(expected_ids)
        assert store.template_stats().to_dict() == expected_stats
        assert store.integrity_check() == "ok"
        placed = [a for s in store.stories() for a in s.article_ids]
        assert len(placed) == len(set(placed))
        if backend == "postgres":
            assert set(placed) == expected_ids
            assert store.status().unclustered == 0


HOLDER = textwrap.dedent(
    """
    import sys
    from newsdesk.store import open_store

    with open_store(sys.argv[1]) as store:
        print("waiting", flush=True)
        with store.updating():
            print("in", flush=True)
            sys.stdin.readline()
        print("out", flush=True)
    """
)


def _holder(db: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "waiting"
    return proc


def _said_within(proc: subprocess.Popen[str], seconds: float) -> bool:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], seconds)
    return bool(ready)


def test_one_process_at_a_time_recomputes_stories_on_postgres(pg_schemas: PgSchemas) -> None:
    """While one process holds :meth:`Store.updating`, a second one waits; it gets in as
    soon as the first lets go, or is killed (the server drops a dead session's locks)."""
    db = pg_schemas.new()
    open_store(db).close()
    first = _holder(db)
    assert first.stdout is not None and first.stdin is not None
    assert first.stdout.readline().strip() == "in"
    second = _holder(db)
    assert second.stdout is not None and second.stdin is not None
    assert not _said_within(second, 1.0), "the second got in while the first held the lock"
    first.stdin.write("\n")
    first.stdin.flush()
    assert first.stdout.readline().strip() == "out"
    assert second.stdout.readline().strip() == "in"
    third = _holder(db)
    assert not _said_within(third, 1.0)
    second.kill()
    second.wait()
    assert third.stdout is not None and third.stdin is not None
    assert third.stdout.readline().strip() == "in"
    third.stdin.write("\n")
    third.stdin.flush()
    assert third.stdout.readline().strip() == "out"
    for proc in (first, third):
        assert proc.wait(30) == 0
