"""Fast quality gates on fixed benchmark subsets (skipped when the data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
def test_ecbplus_gate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import bench_ecbplus

    assert bench_ecbplus.main(["--gate", "--data", str(data_dir)]) == 0
    assert "gate passed" in capsys.readouterr().out


@pytest.mark.slow
def test_mstream_gate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import bench_mstream

    assert bench_mstream.main(["--gate", "--data", str(data_dir)]) == 0
    assert "gate passed" in capsys.readouterr().out


@pytest.mark.slow
def test_stream_gate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import bench_stream

    if not (data_dir / "allsides-dev").is_dir() or not (data_dir / "gva-dev").is_dir():
        pytest.skip("allsides-dev or gva-dev not found")
    assert bench_stream.main(["--gate", "--data", str(data_dir)]) == 0
    assert "gate passed" in capsys.readouterr().out


def test_stream_split_is_fixed_and_by_gold_story() -> None:
    import bench_stream

    assert bench_stream.part_of("6112") == bench_stream.part_of("6112")
    parts = [bench_stream.part_of(str(i)) for i in range(300)]
    assert 0.25 < parts.count("test") / len(parts) < 0.42
