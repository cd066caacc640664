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
