"""A kill -9 in the middle of an ingest leaves a valid store with every committed article
(both backends)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from newsdesk.store import open_store

WRITER = textwrap.dedent(
    """
    import hashlib, sys
    from newsdesk.records import Article
    from newsdesk.store import open_store

    store = open_store(sys.argv[1])
    n = 0
    while True:
        batch = []
        for _ in range(20):
            n += 1
            text = ("paragraph %d. " % n) * 200
            aid = hashlib.sha256(text.encode()).hexdigest()[:32]
            batch.append(Article(id=aid, source="gen/%d.txt" % n, format="txt",
                                 title="t%d" % n, raw_text=text, text=text))
        store.add_articles(batch)
        print(" ".join(a.id for a in batch), flush=True)
    """
)


@pytest.mark.slow
def test_kill_9_mid_ingest_keeps_committed_articles(db: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, db],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    committed: list[str] = []
    while len(committed) < 200:
        line = proc.stdout.readline()
        assert line, "writer died before committing enough articles"
        committed.extend(line.split())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with open_store(db) as store:
        assert store.integrity_check() == "ok"
        stored = {a.id: a for a in store.articles()}
    assert set(committed) <= set(stored)
    for aid in committed:
        art = stored[aid]
        assert hashlib.sha256(art.text.encode()).hexdigest()[:32] == aid
