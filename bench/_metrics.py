"""Clustering metrics shared by the benchmarks: pairwise and B-cubed P/R/F1, NMI.

Both P/R/F1 families are computed from the contingency table of (gold, predicted)
labels, so they cost O(n) and never enumerate pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import NamedTuple


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _check(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but pred has {len(pred)}")


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_prf(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> PRF:
    """Precision/recall of the item pairs put together (1.0 when there is nothing to find)."""
    _check(gold, pred)
    joint = Counter(zip(gold, pred, strict=True))
    tp = sum(_pairs(c) for c in joint.values())
    pred_pairs = sum(_pairs(c) for c in Counter(pred).values())
    gold_pairs = sum(_pairs(c) for c in Counter(gold).values())
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    return PRF(p, r, _f1(p, r))


def bcubed_prf(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> PRF:
    """B-cubed precision/recall: per item overlap of its gold and predicted clusters, averaged."""
    _check(gold, pred)
    n = len(gold)
    if n == 0:
        return PRF(1.0, 1.0, 1.0)
    joint = Counter(zip(gold, pred, strict=True))
    gsize, psize = Counter(gold), Counter(pred)
    p = sum(c * c / psize[pl] for (_, pl), c in joint.items()) / n
    r = sum(c * c / gsize[gl] for (gl, _), c in joint.items()) / n
    return PRF(p, r, _f1(p, r))


def nmi(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Normalised mutual information (sklearn, arithmetic normalisation)."""
    from sklearn.metrics import normalized_mutual_info_score

    _check(gold, pred)
    g = [str(x) for x in gold]
    q = [str(x) for x in pred]
    return float(normalized_mutual_info_score(g, q))
