"""The PolNeAR attribution gate, run in-process on the test part (skips without the data)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench_polnear as bench  # bench/ is on the path (tests/conftest.py)


@pytest.mark.slow
def test_polnear_gate(data_dir: Path) -> None:
    root = data_dir / "polnear-train"
    if not root.is_dir():
        pytest.skip(f"PolNeAR not found at {root}")
    docs = bench.load(root, part="test", limit=bench.GATE_ARTICLES)
    assert len(docs) == bench.GATE_ARTICLES
    assert all(bench.part_of(d.stem) == "test" for d in docs)
    scores = bench.score(docs, bench.newsdesk_predict)
    assert bench.gate(scores) == [], bench.report("newsdesk", scores)


def test_split_is_fixed_and_about_half() -> None:
    stems = [f"outlet_2016-01-{i:02d}_story-{i}" for i in range(1, 400)]
    parts = [bench.part_of(s) for s in stems]
    assert parts == [bench.part_of(s) for s in stems]
    assert 0.4 < parts.count("dev") / len(parts) < 0.6


def test_matching_is_one_to_one_and_trims_punctuation() -> None:
    text = "“The pier is gone,” said Ola Brenn, an aide."
    gold = {bench.trim(text, ((25, 35),))}  # "Ola Brenn,"
    assert bench.match({((25, 34),)}, gold, overlap=False).f1 == 1.0
    partial = {((25, 28),), ((29, 34),)}  # "Ola", "Brenn": one of them may match
    count = bench.match(partial, gold, overlap=True)
    assert (count.matched_pred, count.matched_gold, count.pred) == (1, 1, 2)
    assert bench.match({((0, 5),)}, gold, overlap=True).f1 == 0.0


def test_brat_events_give_distinct_spans(tmp_path: Path) -> None:
    text = "Ola Brenn said the pier was gone. She said it twice."
    ann = tmp_path / "a_x.ann"
    ann.write_text(
        "T1\tSource 0 9\tOla Brenn\nT2\tCue 10 14\tsaid\nT3\tContent 15 32\tthe pier was gone\n"
        "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 38 42\tsaid\nT6\tContent 43 52\tit twice.\nT7\tDiscuss 34 37\tShe\n"
        "T8\tAttribution 38 42\tsaid\nE2\tAttribution-no-source:T8 Content:T6 Cue:T5\n",
        encoding="utf-8",
    )
    gold = bench.read_ann(ann, text)
    assert gold["source"] == {((0, 9),)}
    assert gold["cue"] == {((10, 14),), ((38, 42),)}
    assert gold["content"] == {((15, 32),), ((43, 51),)}
