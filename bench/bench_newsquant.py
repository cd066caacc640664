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

Split: every sentence belongs to the *dev* or the *test* part by a stable hash of its text
(:func:`part_of`; about one third is test). NewsQuant is DEVELOPMENT data: the extraction
rules written before the split were written against all of it, so neither part is held out
from those; rules written since come from the dev part only (``--errors`` lists dev
sentences unless ``--part test`` is asked for explicitly). The gate checks the test part.

Peers, run in the same process when installed (``pip install -e '.[bench]'``): quantulum3
(its unit classifier retrained once with the installed scikit-learn, as its docs advise
when the shipped pickle does not load; counts it calls ``dimensionless`` score as no unit),
and CQE when ``--cqe-python`` names a Python that has it (see ``bench/peer_cqe.py``).

Usage::

    python bench/bench_newsquant.py            # dev and test scores, with the peers installed
    python bench/bench_newsquant.py --gate     # exit 1 if a test score falls below its floor
    python bench/bench_newsquant.py --errors   # also list dev misses and spurious predictions
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _data import DATA as SHARED_DATA

DATA = SHARED_DATA / "newsquant" / "NewsQuant.json"
HERE = Path(__file__).resolve().parent

PUBLISHED = {
    "CQE": (92.0, 85.6),
    "quantulum3": (73.0, 47.2),
}
"""Published value F1 and value+unit F1 on all of NewsQuant (CQE paper, EMNLP 2023)."""

FLOORS = {"value_f1": 94.5, "unit_f1": 82.0, "bound_acc": 96.0}
"""Gate floors on the TEST part, a little below the scores measured there (96.0, 83.8, 97.8)."""

PARTS = ("dev", "test")

Value = float | tuple[float, float]


def part_of(text: str) -> str:
    """``test`` for about one sentence in three (stable hash of the text), else ``dev``."""
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 3 == 0 else "dev"


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
    sentences: int = 0
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


Sentence = tuple[str, list[Item]]


def load(path: Path = DATA, part: str | None = None) -> list[Sentence]:
    """The sentences of ``part`` (``dev``, ``test``; ``None`` for all) with their quantities."""
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
        if part is None or part_of(row["text"]) == part
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


Predictor = Callable[[str], list[Item]]


def quantulum3_predictor(cache: Path) -> Predictor | None:
    """quantulum3's ``parser.parse`` as a predictor, or ``None`` when it is not installed."""
    try:
        from quantulum3 import classifier, parser
    except ImportError:
        return None
    clf = cache / "quantulum3-clf.joblib"
    if not clf.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        classifier.train_classifier(store=True, n_jobs=1, output_path=str(clf))

    def run(text: str) -> list[Item]:
        out = []
        for q in parser.parse(text, classifier_path=str(clf)):
            unit = q.unit.name.lower()
            out.append(Item(float(q.value), "-" if unit == "dimensionless" else unit))
        return out

    return run


def cqe_predictions(python: str, texts: list[str]) -> dict[str, list[Item]]:
    """CQE's predictions, run by ``python`` (an interpreter that has CQE) on ``texts``."""
    proc = subprocess.run(
        [python, str(HERE / "peer_cqe.py")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    raw = json.loads(proc.stdout.strip().splitlines()[-1])
    out: dict[str, list[Item]] = {}
    for text, items in zip(texts, raw, strict=True):
        out[text] = [
            Item(tuple(v) if isinstance(v, list) else float(v), u, c)  # type: ignore[arg-type]
            for v, u, c in items
        ]
    return out


def score_sentence(gold: list[Item], pred: list[Item], scores: Scores) -> None:
    """One sentence, by the rules of CQE_Evaluation's ``calculate_metrics``."""
    scores.sentences += 1
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


def score(
    sentences: list[Sentence], predictor: Predictor = predict, *, errors: bool = False
) -> Scores:
    scores = Scores()
    for text, gold in sentences:
        pred = predictor(text)
        before = (scores.value_correct, scores.unit_correct)
        score_sentence(gold, pred, scores)
        if errors and (
            scores.value_correct - before[0] < max(len(gold), len(pred))
            or scores.unit_correct - before[1] < len(gold)
        ):
            scores.errors.append(_describe(text, gold, pred))
    return scores


def run(path: Path = DATA, *, part: str | None = "test", errors: bool = False) -> Scores:
    """newsdesk's scores on ``part`` of NewsQuant (the test part unless told otherwise)."""
    return score(load(path, part), errors=errors)


def _describe(text: str, gold: list[Item], pred: list[Item]) -> str:
    def fmt(items: list[Item]) -> str:
        return "; ".join(f"{it.change}{it.value} [{it.unit}]" for it in items) or "-"

    return f"{text}\n    gold: {fmt(gold)}\n    pred: {fmt(pred)}"


def gate(scores: Scores) -> list[str]:
    """The floors this run (of the test part) falls below (empty when the gate passes)."""
    got = {
        "value_f1": scores.value_prf[2],
        "unit_f1": scores.unit_prf[2],
        "bound_acc": scores.bound_acc,
    }
    return [f"{k} {got[k]:.1f} < floor {v:.1f}" for k, v in FLOORS.items() if got[k] < v]


def _row(name: str, part: str, s: Scores) -> str:
    vp, vr, vf = s.value_prf
    up, ur, uf = s.unit_prf
    return (
        f"{name:<12} {part:<5} {s.sentences:>5} {s.gold:>5}  "
        f"{vp:>5.1f}/{vr:>5.1f}/{vf:>5.1f}    {up:>5.1f}/{ur:>5.1f}/{uf:>5.1f}"
    )


def report(results: dict[str, dict[str, Scores]]) -> str:
    """A table of every system on every part, ratios to each peer and the bound accuracy."""
    lines = [
        "NewsQuant (DEVELOPMENT data; split by a stable hash of the sentence text)",
        f"{'system':<12} {'part':<5} {'sent.':>5} {'gold':>5}  "
        f"{'value P/R/F1':>17}    {'value+unit P/R/F1':>17}",
    ]
    for name, parts in results.items():
        lines.extend(_row(name, part, s) for part, s in parts.items())
    for name, (pv, pu) in PUBLISHED.items():
        lines.append(f"{name + ' (pub.)':<18} all of it  value F1 {pv:.1f}  value+unit F1 {pu:.1f}")
    ours = results.get("newsdesk", {})
    for name, parts in results.items():
        if name == "newsdesk":
            continue
        for part, s in parts.items():
            if part in ours and s.value_prf[2] and s.unit_prf[2]:
                lines.append(
                    f"ratio newsdesk/{name} ({part}): value F1 x"
                    f"{ours[part].value_prf[2] / s.value_prf[2]:.2f}, value+unit F1 x"
                    f"{ours[part].unit_prf[2] / s.unit_prf[2]:.2f}"
                )
    for part, s in ours.items():
        lines.append(
            f"newsdesk bound ('change') accuracy, {part}, on value-matched = ~ > < quantities: "
            f"{s.bound_acc:.1f}% ({s.bound_correct}/{s.bound_total})"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--gate", action="store_true", help="exit 1 below the test floors")
    parser.add_argument("--errors", action="store_true", help="print mismatched sentences")
    parser.add_argument("--part", choices=PARTS, default="dev", help="part --errors lists")
    parser.add_argument("--no-peers", action="store_true", help="newsdesk only")
    parser.add_argument("--cqe-python", help="a Python interpreter that has CQE installed")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "newsdesk-bench")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"NewsQuant data not found at {args.data}", file=sys.stderr)
        return 2
    split = {part: load(args.data, part) for part in PARTS}
    if args.gate:
        scores = score(split["test"])
        print(report({"newsdesk": {"test": scores}}))
        failed = gate(scores)
        for line in failed:
            print(f"GATE FAIL: {line}", file=sys.stderr)
        if failed:
            return 1
        print("gate: pass")
        return 0
    results: dict[str, dict[str, Scores]] = {"newsdesk": {}}
    for part, sentences in split.items():
        scores = score(sentences, errors=args.errors and part == args.part)
        results["newsdesk"][part] = scores
        if scores.errors:
            print("\n".join(scores.errors) + "\n")
    peers: dict[str, Predictor] = {}
    q3 = None if args.no_peers else quantulum3_predictor(args.cache)
    if q3 is not None:
        peers["quantulum3"] = q3
    if args.cqe_python and not args.no_peers:
        texts = [t for sentences in split.values() for t, _ in sentences]
        cqe = cqe_predictions(args.cqe_python, texts)
        peers["CQE"] = lambda text: cqe[text]
    for name, predictor in peers.items():
        results[name] = {part: score(sentences, predictor) for part, sentences in split.items()}
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
