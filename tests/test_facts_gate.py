"""The NewsQuant gate, run in-process (skips when the benchmark data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench_newsquant as bench  # bench/ is on the path (tests/conftest.py)


@pytest.mark.slow
def test_newsquant_gate(data_dir: Path) -> None:
    path = data_dir / "newsquant" / "NewsQuant.json"
    if not path.is_file():
        pytest.skip(f"NewsQuant not found at {path}")
    scores = bench.run(path)
    assert scores.gold > 800
    assert bench.gate(scores) == [], bench.report(scores)


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
