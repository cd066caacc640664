"""Quality gates on the test parts: claim matching on ClaimDiff, briefs on gva-dev."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench_brief_gva
import bench_claims
from newsdesk.align import SAME_CLAIM


def test_claimdiff_test_part_stays_above_the_floor(data_dir: Path) -> None:
    if not (data_dir / "claimdiff").is_dir():
        pytest.skip("no ClaimDiff data")
    assert bench_claims.main(["--gate", "--data", str(data_dir / "claimdiff")]) == 0


def test_claimdiff_rules_are_precise_on_the_test_part(data_dir: Path) -> None:
    if not (data_dir / "claimdiff").is_dir():
        pytest.skip("no ClaimDiff data")
    pairs = bench_claims.load("test", data_dir / "claimdiff")
    res = bench_claims.evaluate(
        pairs, bench_claims.score_pairs(pairs, bench_claims.make_matcher("rules")), SAME_CLAIM
    )
    assert res.precision >= bench_claims.PRECISION_FLOOR
    assert res.f1 >= bench_claims.FLOORS["rules"]


def test_gva_briefs_lead_with_the_event_and_show_no_boilerplate(data_dir: Path) -> None:
    if not (data_dir / "gva-dev").is_dir():
        pytest.skip("no gva-dev data")
    assert bench_brief_gva.main(["--gate", "--data", str(data_dir / "gva-dev")]) == 0
