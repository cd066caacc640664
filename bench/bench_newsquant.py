"""NewsQuant benchmark for :func:`newsdesk.facts.extract_quantities`.

Data: ``<shared>/data/newsquant/NewsQuant.json`` (bench/_data.py; 590 sentences, ~900 quantities;
satya77/CQE_Evaluation). Scoring follows that repository's ``evaluate_models.py``:

* a predicted quantity matches a gold one when the values are ``numpy.isclose`` (ranges are
  compared as (low, high) pairs; a range never matches a point);
* value matches are counted at most once per gold quantity slot of a sentence;
* value+unit additionally needs the normalised unit to be equal (lower-cased); a prediction
  is consumed by the first gold quantity it matches on value and unit;
* P = correct / predicted, R = correct / gold, F1 their harmonic mean (percentages).

Bound accuracy: over gold quantities whose ``change`` is one of ``= ~ > <`` and that a
prediction matches on value, the share whose bound agrees (``>=`` counts as ``>`` and
``<=`` as ``<``, as NewsQuant annotates "at least" and "up to"). ``up``/``down`` changes
(rose/fell) are directions, not bounds, and are left out.

Usage::

    python bench/bench_newsquant.py            # print the scores beside the published ones
    python bench/bench_newsquant.py --gate     # exit 1 if a score falls below its floor
    python bench/bench_newsquant.py --errors   # also list misses and spurious predictions
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _data import DATA as SHARED_DATA

DATA = SHARED_DATA / "newsquant" / "NewsQuant.json"

PUBLISHED = {
    "CQE": (92.0, 85.6),
    "quantulum3": (73.0, 47.2),
}
"""Published value F1 and value+unit F1 on NewsQuant (CQE paper, EMNLP 2023)."""

FLOORS = {"value_f1": 92.0, "unit_f1": 79.5, "bound_acc": 95.5}
"""Gate floors, a little below the scores this extractor reaches."""

Value = float | tuple[float, float]


@dataclass(frozen=True, slots=True)
class Item:
    value: Value
    unit: str
    change: str = "="


@dataclass(slots=True)
class Scores:
    gold: int = 0
    predicted: int = 0
    value_correct: int = 0
    unit_correct: int = 0
    bound_total: int = 0
    bound_correct: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _prf(correct: int, gold: int, predicted: int) -> tuple[float, float, float]:
        p = correct / predicted if predicted else 0.0
        r = correct / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p * 100, 1), round(r * 100, 1), round(f * 100, 1)

    @property
    def value_prf(self) -> tuple[float, float, float]:
        return self._prf(self.value_correct, self.gold, self.predicted)

    @property
    def unit_prf(self) -> tuple[float, float, float]:
        return self._prf(self.unit_correct, self.gold, self.predicted)

    @property
    def bound_acc(self) -> float:
        return round(100 * self.bound_correct / self.bound_total, 1) if self.bound_total else 0.0


def _gold_value(raw: str) -> Value:
    text = str(raw).strip()
    if "E" not in text and not text.startswith("-") and "-" in text:
        lo, _, hi = text.partition("-")
        return (float(lo), float(hi))
    return float(text)


def _close(gold: float, pred: float) -> bool:
    """``numpy.isclose(gold, pred)`` with its default tolerances (rtol 1e-5, atol 1e-8)."""
    return abs(gold - pred) <= 1e-8 + 1e-5 * abs(pred)


def values_match(gold: Value, pred: Value) -> bool:
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        return _close(gold[0], pred[0]) and _close(gold[1], pred[1])
    if isinstance(gold, tuple) or isinstance(pred, tuple):
        return False
    return _close(gold, pred)


def load(path: Path = DATA) -> list[tuple[str, list[Item]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (
            row["text"],
            [
                Item(_gold_value(q["value"]), str(q["normalized_unit"]).lower(), q["change"])
                for q in row["quantities"]
            ],
        )
        for row in data
    ]


def predict(text: str) -> list[Item]:
    from newsdesk.facts import extract_quantities, normalize_unit

    items: list[Item] = []
    for q in extract_quantities(text):
        value: Value
        if q.value is not None:
            value = q.value
        else:
            lo, hi = q.interval
            value = (lo, hi)
        change = {">=": ">", "<=": "<"}.get(q.bound.value, q.bound.value)
        items.append(Item(value, normalize_unit(q.unit).lower(), change))
    return items


def score_sentence(gold: list[Item], pred: list[Item], scores: Scores) -> None:
    """One sentence, by the rules of CQE_Evaluation's ``calculate_metrics``."""
    scores.gold += len(gold)
    scores.predicted += len(pred)
    tags = sorted(pred, key=lambda it: it.unit)
    slots = len(gold)
    for g in sorted(gold, key=lambda it: it.unit):
        bound_seen = False
        for t in list(tags):
            if not values_match(g.value, t.value):
                continue
            if slots > 0:
                scores.value_correct += 1
                slots -= 1
            if not bound_seen and g.change in ("=", "~", ">", "<"):
                bound_seen = True
                scores.bound_total += 1
                scores.bound_correct += t.change == g.change
            if t.unit == g.unit:
                scores.unit_correct += 1
                tags.remove(t)
                tags.sort(key=lambda it: it.unit)
                break


def run(path: Path = DATA, *, errors: bool = False) -> Scores:
    scores = Scores()
    for text, gold in load(path):
        pred = predict(text)
        before = (scores.value_correct, scores.unit_correct)
        score_sentence(gold, pred, scores)
        if errors and (
            scores.value_correct - before[0] < max(len(gold), len(pred))
            or scores.unit_correct - before[1] < len(gold)
        ):
            scores.errors.append(_describe(text, gold, pred))
    return scores


def _describe(text: str, gold: list[Item], pred: list[Item]) -> str:
    def fmt(items: list[Item]) -> str:
        return "; ".join(f"{it.change}{it.value} [{it.unit}]" for it in items) or "-"

    return f"{text}\n    gold: {fmt(gold)}\n    pred: {fmt(pred)}"


def gate(scores: Scores) -> list[str]:
    """The floors this run falls below (empty when the gate passes)."""
    got = {
        "value_f1": scores.value_prf[2],
        "unit_f1": scores.unit_prf[2],
        "bound_acc": scores.bound_acc,
    }
    return [f"{k} {got[k]:.1f} < floor {v:.1f}" for k, v in FLOORS.items() if got[k] < v]


def report(scores: Scores) -> str:
    vp, vr, vf = scores.value_prf
    up, ur, uf = scores.unit_prf
    lines = [
        f"NewsQuant: {scores.gold} gold quantities, {scores.predicted} predicted",
        f"{'system':<12} {'value P/R/F1':>20} {'value+unit P/R/F1':>22}",
        f"{'newsdesk':<12} {vp:>6.1f}/{vr:>5.1f}/{vf:>5.1f}    {up:>6.1f}/{ur:>5.1f}/{uf:>5.1f}",
    ]
    for name, (pv, pu) in PUBLISHED.items():
        lines.append(f"{name + ' (pub.)':<12} {'F1':>14} {pv:>5.1f}    {'F1':>16} {pu:>5.1f}")
    lines.append(
        f"bound ('change') accuracy on value-matched = ~ > < quantities: "
        f"{scores.bound_acc:.1f}% ({scores.bound_correct}/{scores.bound_total})"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--gate", action="store_true", help="exit 1 below the pinned floors")
    parser.add_argument("--errors", action="store_true", help="print mismatched sentences")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"NewsQuant data not found at {args.data}", file=sys.stderr)
        return 2
    scores = run(args.data, errors=args.errors)
    if args.errors:
        print("\n".join(scores.errors))
        print()
    print(report(scores))
    if args.gate:
        failed = gate(scores)
        for line in failed:
            print(f"GATE FAIL: {line}", file=sys.stderr)
        if failed:
            return 1
        print("gate: pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
