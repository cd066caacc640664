"""The gva-dev gate (test part of the incident split), run in-process; skips without data."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench_gva as bench  # bench/ is on the path (tests/conftest.py)


@pytest.mark.slow
def test_gva_test_part_gate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not (data_dir / "gva-dev" / "gold.json").is_file():
        pytest.skip("gva-dev not found")
    assert bench.main(["--gate", "--data", str(data_dir)]) == 0, capsys.readouterr().out
    assert "gate passed" in capsys.readouterr().out


def test_the_split_is_fixed_and_disjoint() -> None:
    ids = [str(739000 + i) for i in range(400)]
    parts = [bench.part(i) for i in ids]
    assert parts == [bench.part(i) for i in ids]  # stable
    assert 0.5 < parts.count("dev") / len(ids) < 0.7
    assert (bench.part("739413"), bench.part("739451")) == ("dev", "test")


def test_the_regex_baseline_takes_the_majority() -> None:
    texts = ["Two people were killed.", "2 killed, police said.", "Three people were killed."]
    assert bench.regex_vote(texts, "killed") == 2
    assert bench.regex_vote(["Nobody was hurt."], "injured") is None
