"""Stores: read-only use, creation only by writers, foreign files untouched, exact statistics
under concurrent and interrupted ingests, clean errors when the disk refuses a write."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.errors import StoreError, WriteError
from newsdesk.store import Store

NEWSDESK = shutil.which("newsdesk", path=str(Path(sys.executable).parent)) or "newsdesk"
WORDS = "harbour ferry bridge council market storm river school quay tunnel".split()


def _corpus(folder: Path, count: int) -> Path:
    """``count`` JSONL articles of one outlet, each with the same footer (a template line)
    and a body of its own (no two are near-copies)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] + str(i * 31 + k) for k in range(12))
        row = {
            "outlet": "Gullhaven Gazette",
            "title": f"Report {i}",
            "text": f"Item {i}: {words}, officials said on Monday.\n\nGazette newsroom tips line",
        }
        (folder / f"{i:03}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return folder


def _stats(db: str | Path) -> dict[str, object]:
    with Store(db, readonly=True) as store:
        return store.template_stats().to_dict()


def _cli(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSDESK, *args], capture_output=True, text=True, **kw)  # type: ignore[call-overload,no-any-return]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- opening


def test_read_commands_do_not_create_a_missing_store(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "nd.db"
    for command in (["stories"], ["show", "s-1"]):
        proc = _cli(*command, "--db", str(db))
        assert proc.returncode == 3
        assert "no store here" in proc.stderr and "Traceback" not in proc.stderr
    assert not db.parent.exists()


def test_write_commands_create_a_store_and_say_so(tmp_path: Path) -> None:
    db = tmp_path / "new" / "nd.db"
    src = _corpus(tmp_path / "in", 1)
    proc = _cli("ingest", str(src), "--db", str(db))
    assert proc.returncode == 0
    assert f"created a new store at {db}" in proc.stderr
    proc = _cli("ingest", str(src), "--db", str(db))
    assert "created" not in proc.stderr


def test_foreign_sqlite_file_is_refused_unmodified(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE people (name TEXT)")
    con.execute("INSERT INTO people VALUES ('Ada')")
    con.commit()
    con.close()
    before = _sha(path)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not a newsdesk store"):
            Store(path, readonly=readonly)
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no -shm
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "delete"


def test_read_only_open_of_an_older_store_asks_for_an_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.store import sqlite as store_module

    path = tmp_path / "nd.db"
    with monkeypatch.context() as older:
        older.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:-1])
        Store(path).close()
    with pytest.raises(StoreError, match="older"):
        Store(path, readonly=True)
    Store(path).close()  # a writer upgrades it
    Store(path, readonly=True).close()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    Store(tmp_path / "nd.db").close()
    with Store(tmp_path / "nd.db", readonly=True) as store, pytest.raises(WriteError):
        store.replace_stories([])


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` and its files read-only for this user: the write bits for an
    ordinary user, the immutable attribute for root (whom permissions do not stop)."""
    paths = [folder, *folder.iterdir()]
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr: no way to make a folder read-only")
        for path in paths:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                pytest.skip("this file system has no immutable attribute")
        try:
            yield
        finally:
            for path in paths:
                subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        for path in paths:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_read_commands_work_on_a_read_only_location(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "nd.db"
    src = _corpus(tmp_path / "in", 3)
    with Store(db) as store:
        pipeline.ingest_paths(store, [src])
        pipeline.cluster_store(store)
        story = store.stories()[0].id
    before = sorted(p.name for p in folder.iterdir())
    assert before == ["nd.db"]  # a clean close folds the -wal file in
    with read_only(folder):
        listing = _cli("stories", "--db", str(db), "-f", "json")
        shown = _cli("show", story, "--db", str(db))
        ingest = _cli("ingest", str(src), "--db", str(db))
        after = sorted(p.name for p in folder.iterdir())
    assert listing.returncode == 0, listing.stderr
    assert json.loads(listing.stdout)["stories"][0]["id"] == story
    assert shown.returncode == 0, shown.stderr
    assert "## Summary" in shown.stdout
    assert after == before
    assert ingest.returncode == 4, ingest.stderr
    assert "read-only" in ingest.stderr and "Traceback" not in ingest.stderr


# ---------------------------------------------------------------- template statistics


def test_concurrent_ingests_count_template_lines_exactly(tmp_path: Path, db: str) -> None:
    src = _corpus(tmp_path / "in", 40)
    single = tmp_path / "single.db"
    with Store(single) as store:
        pipeline.ingest_paths(store, [src], chunk_documents=7)
    shared = db
    Store(shared).close()
    code = (
        "import sys; from newsdesk.store import Store; from newsdesk import pipeline;"
        "s = Store(sys.argv[1]); pipeline.ingest_paths(s, [sys.argv[2]], chunk_documents=7)"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(shared), str(src)]) for _ in range(3)
    ]
    assert [p.wait(300) for p in procs] == [0, 0, 0]
    assert _stats(shared) == _stats(single)
    with Store(shared, readonly=True) as store:
        assert store.count_articles() == 40


SLOW_INGEST = textwrap.dedent(
    """
    import sys, time
    from newsdesk.store import Store
    from newsdesk import pipeline
    store = Store(sys.argv[1])
    real = store.add_articles
    def slow(*args, **kwargs):
        added = real(*args, **kwargs)
        print(len(added), flush=True)
        time.sleep(0.3)
        return added
    store.add_articles = slow
    pipeline.ingest_paths(store, [sys.argv[2]], chunk_documents=5)
    """
)


def test_killed_ingest_leaves_statistics_of_exactly_what_was_stored(
    tmp_path: Path, db: str
) -> None:
    src = _corpus(tmp_path / "in", 30)
    single = tmp_path / "single.db"
    with Store(single) as store:
        pipeline.ingest_paths(store, [src], chunk_documents=5)
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_INGEST, str(db), str(src)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "5"  # one chunk committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        stored = store.count_articles()
        assert 5 <= stored < 30
        assert store.template_stats().articles == stored
        pipeline.ingest_paths(store, [src], chunk_documents=5)
        assert store.count_articles() == 30
    assert _stats(db) == _stats(single)


# ---------------------------------------------------------------- a full disk


FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from newsdesk.cli import main
    sys.argv = ["newsdesk", *sys.argv[2:]]
    main()
    """
)


def _full_disk(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with files capped at ``limit`` bytes: every write past it fails as
    on a full disk."""
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(limit), *args], capture_output=True, text=True
    )


def test_store_on_a_full_disk_is_a_clean_error(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(20):
        body = " ".join(f"{WORDS[k % 10]}{i}{k}" for k in range(3000))
        (src / f"{i}.txt").write_text(f"Headline {i}\n\n{body}.\n", encoding="utf-8")
    db = tmp_path / "nd.db"
    Store(db).close()
    proc = _full_disk(200_000, "ingest", str(src), "--db", str(db))
    assert proc.returncode == 4, proc.stderr
    assert "cannot write the store" in proc.stderr and "Traceback" not in proc.stderr
    with Store(db) as store:
        assert store.integrity_check() == "ok"


def test_outputs_on_a_full_disk_keep_the_old_files(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 6)
    db, out = tmp_path / "nd.db", tmp_path / "out"
    assert _cli("run", str(src), "--db", str(db), "--out", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    big = max(len(b) for b in before.values())
    proc = _full_disk(big // 2, "run", str(src), "--db", str(db), "--out", str(out))
    assert proc.returncode == 4, proc.stderr
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # every file whole: the old one or the new one, no temp file


def test_run_removes_story_files_of_stories_that_are_gone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _corpus(tmp_path / "a", 2)
    assert (
        _cli("run", str(first), "--db", str(tmp_path / "a.db"), "--out", str(out)).returncode == 0
    )
    old = {p.name for p in (out / "stories").iterdir()}
    (out / "stories" / "notes.md").write_text("mine", encoding="utf-8")
    second = tmp_path / "b"
    second.mkdir()
    (second / "x.txt").write_text(
        "Tunnel closes for repairs\n\nThe valley tunnel closes on Friday for six weeks "
        "of repairs, the roads office said.\n",
        encoding="utf-8",
    )
    assert (
        _cli("run", str(second), "--db", str(tmp_path / "b.db"), "--out", str(out)).returncode == 0
    )
    now = {p.name for p in (out / "stories").iterdir()}
    assert not old & now
    assert "notes.md" in now
    index = (out / "index.md").read_text(encoding="utf-8")
    assert all(f"stories/{name}" in index for name in now - {"notes.md"})


def test_a_busy_store_is_a_write_error_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "nd.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(db) as store:
            store._db.execute("PRAGMA busy_timeout=100")
            with pytest.raises(WriteError, match="busy"):
                store.replace_stories([])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
