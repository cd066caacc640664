"""Clustering metrics of bench/_metrics.py, against values computed by hand."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import _metrics as M  # bench/ is on the path (tests/conftest.py)

# gold: {0,1,2} {3,4}; pred: {0,1} {2,3,4}
GOLD = ["a", "a", "a", "b", "b"]
PRED = [1, 1, 2, 2, 2]


def test_pairwise_hand_computed() -> None:
    # pred pairs: (0,1) + (2,3),(2,4),(3,4) = 4; correct: (0,1),(3,4) = 2; gold pairs: 3 + 1 = 4
    p, r, f = M.pairwise_prf(GOLD, PRED)
    assert (p, r) == (0.5, 0.5)
    assert f == pytest.approx(0.5)


def test_bcubed_hand_computed() -> None:
    # precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    p, r, f = M.bcubed_prf(GOLD, PRED)
    assert p == pytest.approx(11 / 15)
    assert r == pytest.approx(11 / 15)
    assert f == pytest.approx(11 / 15)


def test_bcubed_all_in_one_cluster() -> None:
    # precision per item: 3/5,3/5,3/5,2/5,2/5 -> 13/25; recall 1
    p, r, _ = M.bcubed_prf(GOLD, [0] * 5)
    assert p == pytest.approx(13 / 25)
    assert r == 1.0


def test_pairwise_singletons_have_no_pairs() -> None:
    p, r, f = M.pairwise_prf(GOLD, [0, 1, 2, 3, 4])
    assert (p, r, f) == (1.0, 0.0, 0.0)


def test_nmi_perfect_and_independent() -> None:
    assert M.nmi(GOLD, ["x", "x", "x", "y", "y"]) == pytest.approx(1.0)
    assert M.nmi(["a", "a", "b", "b"], [1, 2, 1, 2]) == pytest.approx(0.0, abs=1e-12)


def test_nmi_hand_computed() -> None:
    # gold {0,1},{2,3}; pred {0,1,2},{3}: MI = H(pred) - H(pred|gold)
    hg = math.log(2)
    hp = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    mi = hp - 0.5 * (-(0.5 * math.log(0.5) * 2))
    assert M.nmi(["a", "a", "b", "b"], [1, 1, 1, 2]) == pytest.approx(mi / ((hg + hp) / 2))


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="labels"):
        M.bcubed_prf(["a"], [1, 2])


labels = st.lists(st.integers(0, 4), min_size=1, max_size=30)


@given(labels, st.data())
def test_scores_are_probabilities_and_perfect_on_identity(
    gold: list[int], data: st.DataObject
) -> None:
    pred = data.draw(st.lists(st.integers(0, 4), min_size=len(gold), max_size=len(gold)))
    for prf in (M.pairwise_prf(gold, pred), M.bcubed_prf(gold, pred)):
        assert all(0.0 <= x <= 1.0 + 1e-12 for x in prf)
    assert M.bcubed_prf(gold, gold).f1 == pytest.approx(1.0)
    # Renaming the predicted labels changes nothing.
    renamed = [f"c{x}" for x in pred]
    assert M.bcubed_prf(gold, renamed) == M.bcubed_prf(gold, pred)
    # B-cubed precision and recall swap when gold and pred swap.
    b, s = M.bcubed_prf(gold, pred), M.bcubed_prf(pred, gold)
    assert b.precision == pytest.approx(s.recall)
