"""The gva-dev relative-date gate on its test part (skips when the data is absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import bench_gva_dates as bench  # bench/ is on the path (tests/conftest.py)


def _data(data_dir: Path) -> Path:
    path = data_dir / "gva-dev"
    if not (path / "gold.json").is_file():
        pytest.skip(f"gva-dev not found at {path}")
    return path


def test_gva_dates_gate(data_dir: Path) -> None:
    found = bench.mentions(_data(data_dir), "test")
    t = bench.tally(found)
    assert t.mentions > 50
    assert bench.gate(t) == [], bench.report({"test": t})


def test_incident_split_is_fixed_and_disjoint(data_dir: Path) -> None:
    path = _data(data_dir)
    dev = {m.incident for m in bench.mentions(path, "dev")}
    test = {m.incident for m in bench.mentions(path, "test")}
    assert dev and test and not dev & test
    assert all(bench.part_of(i) == "test" for i in test)


def test_statement_times_are_not_shooting_times() -> None:
    s = "The boy was shot near the park, police said Monday."
    at = s.index("Monday")
    assert bench.dates_a_statement(s, at, at + len("Monday"))
    s2 = "The boy was shot near the park on Monday."
    at2 = s2.index("on Monday")
    assert not bench.dates_a_statement(s2, at2, at2 + len("on Monday"))


def test_mention_right_and_near() -> None:
    day = date(2020, 3, 7)
    m = bench.Mention("1", day, day, "s", "Saturday", "weekday", day, day)
    late = bench.Mention(
        "1", day, day, "s", "Sunday", "weekday", date(2020, 3, 8), date(2020, 3, 8)
    )
    assert m.right and m.near
    assert not late.right and late.near
    assert bench.kind_of("on Jan. 3") == "month day"
    assert bench.kind_of("Saturday night") == "weekday"
    assert bench.kind_of("last night") == "relative day"
    assert bench.kind_of("in 2019") is None
