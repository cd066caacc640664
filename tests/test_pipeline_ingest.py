"""Ingest through the pipeline: template statistics carry over from one ingest to the next."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk import pipeline
from newsdesk.store import Store

FOOTER = "Gullhaven Gazette newsroom tips line"
BODIES = [
    "The harbour master reopened the north channel on Monday after dredging finished.",
    "A new bakery opened on Quay Street, drawing a queue that stretched past the ferry office.",
]


def _jsonl(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    row = {
        "outlet": "Gullhaven Gazette",
        "title": f"Headline {name}",
        "text": f"{body}\n\n{FOOTER}",
    }
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_template_lines_learnt_in_earlier_ingests_are_removed(tmp_path: Path) -> None:
    with Store(tmp_path / "nd.db") as store:
        first = pipeline.ingest_paths(store, [_jsonl(tmp_path / "a", "one.jsonl", BODIES[0])])
        assert FOOTER in store.article(first.added[0]).text  # one article: not yet template
        second = pipeline.ingest_paths(store, [_jsonl(tmp_path / "b", "two.jsonl", BODIES[1])])
        later = store.article(second.added[0])
        assert FOOTER not in later.text
        assert [r.reason for r in later.removed if FOOTER in r.text] == ["template"]


def test_reingest_does_not_count_template_lines_twice(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a", "one.jsonl", BODIES[0])
    with Store(tmp_path / "nd.db") as store:
        pipeline.ingest_paths(store, [path])
        before = store.template_stats().to_dict()
        again = pipeline.ingest_paths(store, [path])
        assert again.added == [] and again.unchanged == 1
        assert store.template_stats().to_dict() == before
