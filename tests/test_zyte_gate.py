"""The Zyte article-extraction gate, run in-process (skips when the data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
def test_zyte_gate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not (data_dir / "zyte-article-extraction" / "ground-truth.json").is_file():
        pytest.skip("Zyte benchmark data not found")
    import bench_zyte

    assert bench_zyte.main(["--gate", "--data", str(data_dir)]) == 0
    assert "-> pass" in capsys.readouterr().out


def test_metric_matches_the_benchmark_definition() -> None:
    import bench_zyte

    assert bench_zyte.tp_fp_fn("a b c d e", "a b c d e") == (2.0, 0.0, 0.0)
    assert bench_zyte.tp_fp_fn("a b c d e", "a b c d") == (1.0, 0.0, 1.0)
    both = bench_zyte.score([("a b c d e", "a b c d"), ("x y z w", "x y z w")])
    assert both.precision == 1.0 and both.recall == 0.75
