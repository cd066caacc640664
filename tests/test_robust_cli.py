"""The command line's promises: one ``error: WHAT: problem`` line per problem, the rest of
the batch stored, an exit code per kind of failure, tracebacks only under ``--verbose``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.store import Store

GOOD = (
    "Harbour ferry service resumes after storm\n\n"
    "Ferries between Port Wenna and the Skerry Isles resumed on Friday after three days of "
    "cancellations, the operator said.\n"
)
ERROR_LINE = re.compile(r"error: \S.*: \S.*")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.txt").write_text(GOOD, encoding="utf-8")
    (folder / "flood.jsonl").write_text(
        json.dumps({"title": "Flood", "text": "The river rose overnight, officials said."})
        + "\n"
        + '{"title": "broken"\n',
        encoding="utf-8",
    )
    (folder / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def _articles(db: Path) -> int:
    with Store(db, readonly=True) as store:
        return store.count_articles()


def test_bad_inputs_are_error_lines_and_the_rest_goes_in(batch: Path, tmp_path: Path) -> None:
    code, _, err = invoke("ingest", str(batch), "--db", str(tmp_path / "nd.db"))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and all(ERROR_LINE.fullmatch(line) for line in errors)
    assert any("flood.jsonl:2" in line for line in errors)
    assert _articles(tmp_path / "nd.db") == 2


def test_unknown_extension_named_explicitly_is_an_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(GOOD, encoding="utf-8")
    code, _, err = invoke("ingest", str(notes), "--db", str(tmp_path / "nd.db"))
    assert code == 1
    assert f"error: {notes}: unsupported" in err
    assert _articles(tmp_path / "nd.db") == 0


def test_internal_error_exits_5_with_a_traceback_only_when_verbose(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.ingest import _text

    def broken(data: bytes, source: str) -> object:
        raise ZeroDivisionError("injected fault")

    monkeypatch.setattr(_text, "read_text", broken)
    monkeypatch.setattr("newsdesk.ingest.read_text", broken)
    code, _, err = invoke("ingest", str(batch), "--db", str(tmp_path / "a.db"))
    assert code == 5
    assert "internal error while reading the file: ZeroDivisionError" in err
    assert "Traceback" not in err
    assert _articles(tmp_path / "a.db") == 1  # the JSONL line still went in
    code, _, err = invoke("ingest", str(batch), "--db", str(tmp_path / "b.db"), "--verbose")
    assert code == 5
    assert "Traceback (most recent call last)" in err and "injected fault" in err


def test_a_crash_outside_any_document_is_one_line_and_exit_5(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("injected fault in clustering")

    monkeypatch.setattr("newsdesk.pipeline.cluster_store", broken)
    code, _, err = invoke("run", str(batch), "--db", str(tmp_path / "nd.db"), "-o", str(tmp_path))
    assert code == 5
    assert "error: internal error: RuntimeError: injected fault in clustering" in err
    assert "Traceback" not in err


def test_max_text_option_and_environment(tmp_path: Path) -> None:
    src = tmp_path / "long.txt"
    src.write_text("Headline\n\n" + "word " * 2000, encoding="utf-8")
    code, _, err = invoke("ingest", str(src), "--db", str(tmp_path / "a.db"), "--max-text", "5k")
    assert code == 1 and "too large: text of" in err
    code, _, err = invoke(
        "ingest", str(src), "--db", str(tmp_path / "b.db"), env={"NEWSDESK_MAX_TEXT": "5000"}
    )
    assert code == 1 and "too large" in err
    code, _, _ = invoke("ingest", str(src), "--db", str(tmp_path / "c.db"), "--max-text", "1M")
    assert code == 0
    code, _, err = invoke("ingest", str(src), "--db", str(tmp_path / "d.db"), "--max-text", "lots")
    assert code == 2 and "not a size" in err


def test_not_a_store_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    for command in (["stories"], ["ingest", str(tmp_path)]):
        code, _, err = invoke(*command, "--db", str(bad))
        assert code == 3, err
        assert str(bad) in err and "Traceback" not in err
