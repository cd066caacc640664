"""A second quantity check on general text that no newsdesk rule was written from.

Data: the English test sentences that ship inside the quantulum3 package
(``quantulum3/_lang/en_US/tests/quantities.json``: about 100 sentences, 150 quantities, much
of it scientific: electronvolts, femtobarns, milligrams), read from the installed package
at run time (``pip install -e '.[bench]'``); nothing is copied into this repository.
Held out: no newsdesk rule was written looking at these sentences, and none may be (the
script prints no per-sentence errors on purpose). quantulum3 was developed against this
very set, so its own score here flatters it; CQE and newsdesk meet it cold.

Scoring is NewsQuant's (bench_newsquant.score_sentence: value match, then value+unit).
Unit names are quantulum3's. Every system's names go through the same mapping, by name
only (:func:`mapped`): a few renamings (:data:`NAME_MAP`), and a name that is not one of
quantulum3's units (a counted noun such as "people") becomes ``dimensionless``, as
quantulum3 labels counts.

    python bench/bench_quantulum_set.py [--cqe-python PATH]
    python bench/bench_quantulum_set.py --gate     # newsdesk only, exit 1 below its floors
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import bench_newsquant as nq

NAME_MAP = {
    "-": "dimensionless",
    "celsius": "degree celsius",
    "fahrenheit": "degree fahrenheit",
    "metric ton": "tonne",
    "united states dollar": "dollar",
    "count": "dimensionless",
    "times": "dimensionless",
}


FLOORS = {"value_f1": 66.0, "unit_f1": 47.5}
"""Floors for newsdesk, a little below the measured 68.3 and 50.5 (tests/test_facts_gate.py)."""


def score_newsdesk(path: Path) -> nq.Scores:
    """newsdesk's scores on the set, units mapped onto quantulum3's names."""
    known = _unit_names()
    return nq.score(load(path), lambda t: mapped(nq.predict(t), known))


def data_path() -> Path | None:
    """The test file inside the installed quantulum3, or ``None`` when it is not installed."""
    try:
        root = resources.files("quantulum3")
    except ModuleNotFoundError:
        return None
    path = Path(str(root)) / "_lang" / "en_US" / "tests" / "quantities.json"
    return path if path.is_file() else None


def load(path: Path) -> list[nq.Sentence]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        (row["req"], [nq.Item(float(r["value"]), str(r["unit"]).lower()) for r in row["res"]])
        for row in rows
    ]


def _unit_names() -> frozenset[str]:
    """Every unit name quantulum3 knows (lower case): the shared vocabulary of units."""
    from quantulum3 import load

    return frozenset(name.lower() for name in load.units("en_US").names)


def mapped(items: list[nq.Item], known: frozenset[str]) -> list[nq.Item]:
    """Unit names onto quantulum3's: a few renamings (:data:`NAME_MAP`), and any name that is
    not one of its units (a counted noun such as "people") becomes ``dimensionless``."""
    out = []
    for it in items:
        unit = NAME_MAP.get(it.unit, it.unit)
        if unit not in known:
            unit = "dimensionless"
        out.append(nq.Item(it.value, unit, it.change))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cqe-python", help="a Python interpreter that has CQE installed")
    parser.add_argument("--gate", action="store_true", help="exit 1 below newsdesk's floors")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "newsdesk-bench")
    args = parser.parse_args(argv)
    path = data_path()
    if path is None:
        print("quantulum3 is not installed (pip install -e '.[bench]')", file=sys.stderr)
        return 0 if args.gate else 2  # an optional extra: the gate skips without it
    if args.gate:
        ours = score_newsdesk(path)
        got = {"value_f1": ours.value_prf[2], "unit_f1": ours.unit_prf[2]}
        failed = [f"{k} {got[k]:.1f} < floor {v:.1f}" for k, v in FLOORS.items() if got[k] < v]
        print(
            f"newsdesk on quantulum3's test set: value F1 {got['value_f1']:.1f}, "
            f"value+unit F1 {got['unit_f1']:.1f}"
        )
        for line in failed:
            print(f"GATE FAIL: {line}", file=sys.stderr)
        print("gate: pass" if not failed else "gate: FAIL")
        return 1 if failed else 0
    sentences = load(path)
    known = _unit_names()
    results: dict[str, dict[str, nq.Scores]] = {"newsdesk": {"all": score_newsdesk(path)}}
    q3 = nq.quantulum3_predictor(args.cache)
    if q3 is not None:
        results["quantulum3*"] = {"all": nq.score(sentences, lambda t: mapped(q3(t), known))}
    if args.cqe_python:
        cqe = nq.cqe_predictions(args.cqe_python, [t for t, _ in sentences])
        results["CQE"] = {"all": nq.score(sentences, lambda t: mapped(cqe[t], known))}
    table = nq.report(results).splitlines()
    print("quantulum3's own English test set (HELD OUT: no newsdesk rule written from it)")
    print("\n".join(line for line in table[1:] if "(pub.)" not in line and "bound" not in line))
    print("* quantulum3 was developed against this set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
