"""Headline figures on the three real seed reports (read at run time, never copied): the
story is about a decree, so no death toll or implied "no one injured" is presented."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.records import StoryReport
from newsdesk.store import Store


@pytest.fixture(scope="module")
def report(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> StoryReport:
    store = Store(tmp_path_factory.mktemp("seeds-figures") / "nd.db")
    pipeline.ingest_paths(store, [seeds_dir])
    pipeline.dedupe_store(store)
    [story] = pipeline.cluster_store(store)
    return pipeline.story_report(store, story)


def test_a_decree_story_presents_no_toll(report: StoryReport) -> None:
    assert not [f for f in report.figures if f.measure in ("killed", "injured", "casualties")]


def test_the_side_mentions_are_still_read_as_statements(report: StoryReport) -> None:
    # the war's losses are stated; they are simply not this story's event
    assert any(e.measure in ("killed", "casualties") for an in report.analyses for e in an.events)
