from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent
REPORT_SCHEMA = json.loads((ROOT / "schema/newsdesk-report.v1.schema.json").read_text())
LIST_SCHEMA = json.loads((ROOT / "schema/newsdesk-story-list.v1.schema.json").read_text())

GOOD = (
    "Harbour ferry service resumes after storm\n\n"
    "By Ada Lindqvist\n\n"
    "Ferries between Port Wenna and the Skerry Isles resumed on Friday after three days of "
    "cancellations, the operator said.\n\n"
    "About 1,200 passengers had been stranded on the islands, according to the harbour office.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_run_on_seeds_makes_one_story_of_three(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    db, out = str(tmp_path / "nd.db"), tmp_path / "out"
    code, stdout, _ = invoke(runner, "run", str(seeds_dir), "--db", db, "--out", str(out))
    assert code == 0
    assert "briefs.json" in stdout
    doc = json.loads((out / "briefs.json").read_text())
    jsonschema.validate(doc, REPORT_SCHEMA)
    assert len(doc["stories"]) == 1
    assert len(doc["stories"][0]["articles"]) == 3
    assert all(s["sources"] for s in doc["stories"][0]["brief"])

    code, stdout, _ = invoke(runner, "stories", "--db", db, "--format", "json")
    assert code == 0
    listing = json.loads(stdout)
    jsonschema.validate(listing, LIST_SCHEMA)
    assert listing["stories"][0]["article_count"] == 3


def test_show_json_validates_and_md_names_outlets(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "nd.db")
    invoke(runner, "run", str(seeds_dir), "--db", db, "--out", str(tmp_path / "o"))
    story_id = json.loads(invoke(runner, "stories", "--db", db, "-f", "json")[1])["stories"][0][
        "id"
    ]
    code, stdout, _ = invoke(runner, "show", story_id[:6], "--db", db, "--format", "json")
    assert code == 0
    jsonschema.validate(json.loads(stdout), REPORT_SCHEMA)
    code, stdout, _ = invoke(runner, "show", story_id, "--db", db)
    assert code == 0
    assert "## Summary" in stdout


def test_ingest_twice_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ferry.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "nd.db"
    code, _, err = invoke(runner, "ingest", str(src), "--db", str(db))
    assert code == 0 and "1 new" in err
    before = _dump(db)
    code, _, err = invoke(runner, "ingest", str(src), "--db", str(db))
    assert code == 0 and "0 new" in err
    assert _dump(db) == before


def _dump(db: Path) -> list[tuple[object, ...]]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id, title, text, removed FROM articles ORDER BY id").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("name", "payload", "problem"),
    [
        ("binary.txt", b"\x00\x01\x02\x03" * 64, "binary"),
        ("empty.txt", b"", "empty"),
        ("noise.txt", bytes(range(0x80, 0x100)) * 8, "undecodable"),
        ("broken.jsonl", b'{"title": "x", "text": \n', "JSON"),
    ],
)
def test_bad_input_is_named_and_the_rest_goes_in(
    runner: CliRunner, tmp_path: Path, name: str, payload: bytes, problem: str
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ferry.txt").write_text(GOOD, encoding="utf-8")
    (src / name).write_bytes(payload)
    db = tmp_path / "nd.db"
    code, _, err = invoke(runner, "ingest", str(src), "--db", str(db))
    assert code == 1
    assert name in err and problem.lower() in err.lower()
    assert len(_dump(db)) == 1


def test_missing_path_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, "ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "d"))
    assert code == 1
    assert "nope" in err


def test_unknown_story_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    Store(tmp_path / "nd.db").close()
    code, _, err = invoke(runner, "show", "s-doesnotexist", "--db", str(tmp_path / "nd.db"))
    assert code == 1
    assert "no story" in err


def test_foreign_database_exits_3(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"hello" * 1000)
    code, _, err = invoke(runner, "stories", "--db", str(bad))
    assert code == 3
    assert str(bad) in err


@pytest.mark.slow
def test_console_script_runs(tmp_path: Path) -> None:
    exe = shutil.which("newsdesk", path=str(Path(sys.executable).parent))
    assert exe, "the newsdesk console script is installed with the package"
    Store(tmp_path / "nd.db").close()
    proc = subprocess.run(
        [exe, "stories", "--db", str(tmp_path / "nd.db")], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert "No stories yet" in proc.stdout


def test_run_stream_clusters_the_example_corpus_into_its_events(
    runner: CliRunner, tmp_path: Path
) -> None:
    db, out = str(tmp_path / "nd.db"), str(tmp_path / "out")
    corpus = str(Path(__file__).resolve().parent.parent / "examples" / "corpus")
    code, _, _ = invoke(runner, "run", corpus, "--db", db, "--out", out, "--stream", "-f", "json")
    assert code == 0
    listing = json.loads(invoke(runner, "stories", "--db", db, "-f", "json")[1])
    assert sorted(s["article_count"] for s in listing["stories"]) == [4, 4, 4, 5]
