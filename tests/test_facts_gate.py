"""The NewsQuant gate on its test part, run in-process (skips when the data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench_newsquant as bench  # bench/ is on the path (tests/conftest.py)
import bench_quantulum_set as held_out


@pytest.mark.slow
def test_newsquant_gate(data_dir: Path) -> None:
    path = data_dir / "newsquant" / "NewsQuant.json"
    if not path.is_file():
        pytest.skip(f"NewsQuant not found at {path}")
    scores = bench.run(path, part="test")
    assert scores.gold > 250
    assert bench.gate(scores) == [], bench.report({"newsdesk": {"test": scores}})


def test_split_is_fixed_and_disjoint(data_dir: Path) -> None:
    path = data_dir / "newsquant" / "NewsQuant.json"
    if not path.is_file():
        pytest.skip(f"NewsQuant not found at {path}")
    dev = {t for t, _ in bench.load(path, "dev")}
    test = {t for t, _ in bench.load(path, "test")}
    assert not dev & test
    assert len(dev | test) == len(bench.load(path))
    assert 0.25 < len(test) / len(dev | test) < 0.42


def test_part_of_depends_on_the_text_only() -> None:
    parts = [bench.part_of(f"Sentence number {i} of a made-up list.") for i in range(300)]
    assert parts == [bench.part_of(f"Sentence number {i} of a made-up list.") for i in range(300)]
    assert 60 < parts.count("test") < 140
    assert bench.part_of("  Padded.  ") == bench.part_of("Padded.")


def test_scoring_follows_cqe_rules() -> None:
    scores = bench.Scores()
    gold = [bench.Item(5.0, "dollar"), bench.Item((1.0, 2.0), "year")]
    pred = [bench.Item(5.0, "percentage"), bench.Item(5.0, "dollar"), bench.Item(1.5, "year")]
    bench.score_sentence(gold, pred, scores)
    assert (scores.gold, scores.predicted) == (2, 3)
    assert scores.value_correct == 1
    assert scores.unit_correct == 1
    assert bench.values_match((1.0, 2.0), (1.0, 2.0))
    assert not bench.values_match((1.0, 2.0), 1.0)


@pytest.mark.slow
def test_held_out_general_text_floor() -> None:
    path = held_out.data_path()
    if path is None:
        pytest.skip("quantulum3 (the 'bench' extra) is not installed")
    scores = held_out.score_newsdesk(path)
    assert scores.gold > 100
    assert scores.value_prf[2] >= held_out.FLOORS["value_f1"]
    assert scores.unit_prf[2] >= held_out.FLOORS["unit_f1"]
