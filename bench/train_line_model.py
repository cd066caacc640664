"""Train the clean stage's line model on the development part of L3S-GN1 and ship it.

    python bench/train_line_model.py --threshold 0.99 --folds-out /tmp/folds
                                                  # train, cross-validate, write the model
    python bench/train_line_model.py --cv-only    # only the grouped cross-validation figures

Each dev page is rendered as scraped text (``_l3s.render``), split into the cleaner's units
(``Cleaner._prepare``: the same hard-wrap merging and single-line rules as at run time), and
each unit labelled body (headline or full text) or debris (everything else) by the line
labels it covers. Then, with 5-fold cross-validation grouped by page for every stacked part:

1. a bag-of-words logistic regression (sublinear tf-idf of ``features.bow_tokens``);
2. gradient-boosted trees over ``PAGE_FEATURES`` (bag-of-words score of each unit and its
   neighbours from out-of-fold predictions);
3. the body span decoded from out-of-fold first-pass scores, and gradient-boosted trees over
   ``PAGE_FEATURES + SPAN_FEATURES`` trained on the units outside it;
4. the removal threshold for units outside the span: the highest debris recall whose
   out-of-fold body-unit recall stays at or above ``--body-floor``; a sentence is removed
   only at the stricter ``--statement-threshold`` (chosen with ``bench_l3s.py --part dev
   --folds DIR --statement-threshold T`` on the fold models).

Test pages are never read here. The model is written to
``src/newsdesk/clean/line_model.json.gz`` with its version, the dev pages used, the
cross-validated scores and the settings.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from _l3s import BODY_LABELS, load
from newsdesk.clean.cleaner import _prepare
from newsdesk.clean.features import PAGE_FEATURES, SPAN_FEATURES, page_features, span_features
from newsdesk.clean.linemodel import MODEL_FILE, BagOfWords, Forest, decode_span
from newsdesk.clean.rules import DocContext
from newsdesk.records import RawDocument

OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "clean" / MODEL_FILE
FOLDS = 5
BIAS = 2.0
EXTRA_MIN = 10.0
TREES = {"max_iter": 150, "learning_rate": 0.1, "max_leaf_nodes": 15, "random_state": 0}
BOW_MIN_DF = 3
BOW_C = 2.0
REVISION = 2
"""Bumped when the model's settings or decoding change (2: retrained with the sentence
threshold setting, shipped at 1, i.e. the line model never removes a sentence)."""


@dataclass
class PageUnits:
    name: str
    texts: list[str]
    reasons: list[str | None]
    debris: list[int]
    """1 for a debris unit, 0 for a body unit."""


def page_units(name: str, lines: Sequence[tuple[str, int]]) -> PageUnits:
    text = "\n".join(t for t, _ in lines)
    doc = RawDocument(name, "txt", text)
    prep = _prepare(doc, DocContext.of(doc))
    starts, pos = [], 0
    for line, _ in lines:
        starts.append(pos)
        pos += len(line) + 1
    labels = []
    k = 0
    for unit in prep.units:
        weight = {True: 0, False: 0}
        while k < len(lines) and starts[k] + len(lines[k][0]) <= unit.start:
            k += 1
        j = k
        while j < len(lines) and starts[j] < unit.end:
            overlap = min(unit.end, starts[j] + len(lines[j][0])) - max(unit.start, starts[j])
            weight[lines[j][1] in BODY_LABELS] += max(0, overlap)
            j += 1
        labels.append(0 if weight[True] >= weight[False] else 1)
    return PageUnits(name, [u.text for u in prep.units], list(prep.base), labels)


def _folds(groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(GroupKFold(FOLDS).split(groups, groups, groups))


def _vectorizer() -> TfidfVectorizer:
    from newsdesk.clean.features import bow_tokens

    return TfidfVectorizer(analyzer=bow_tokens, min_df=BOW_MIN_DF, sublinear_tf=True)


def fit_bow(texts: list[str], y: np.ndarray) -> tuple[TfidfVectorizer, LogisticRegression]:
    vec = _vectorizer()
    model = LogisticRegression(C=BOW_C, max_iter=3000).fit(vec.fit_transform(texts), y)
    return vec, model


def _trees() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(**TREES)


def export_bow(vec: TfidfVectorizer, model: LogisticRegression) -> dict[str, Any]:
    terms = vec.get_feature_names_out()
    coef = model.coef_[0]
    keep = [i for i in range(len(terms)) if abs(coef[i]) >= 1e-3]
    return {
        "terms": [str(terms[i]) for i in keep],
        "idf": [round(float(vec.idf_[i]), 5) for i in keep],
        "coef": [round(float(coef[i]), 5) for i in keep],
        "intercept": float(model.intercept_[0]),
    }


def export_trees(model: HistGradientBoostingClassifier) -> dict[str, Any]:
    trees = []
    depth = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()) + 1)
        trees.append(
            {
                "feature": nodes["feature_idx"].tolist(),
                "threshold": nodes["num_threshold"].tolist(),
                "left": [
                    int(x) if not leaf else -1
                    for x, leaf in zip(nodes["left"], nodes["is_leaf"], strict=True)
                ],
                "right": [
                    int(x) if not leaf else -1
                    for x, leaf in zip(nodes["right"], nodes["is_leaf"], strict=True)
                ],
                "value": nodes["value"].tolist(),
            }
        )
    return {
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "depth": depth,
        "trees": trees,
    }


def _check_export(model: HistGradientBoostingClassifier, x: np.ndarray) -> None:
    forest = Forest.from_dict(export_trees(model))
    diff = np.abs(forest.predict(x) - model.predict_proba(x)[:, 1]).max()
    if diff > 1e-6:
        raise SystemExit(f"exported trees disagree with scikit-learn by {diff}")


@dataclass
class Stacked:
    bow: np.ndarray
    x_page: list[np.ndarray]
    p_page: np.ndarray
    x_span: np.ndarray
    outside: np.ndarray


def _stack(pages: list[PageUnits], bow: np.ndarray, p_page: np.ndarray) -> Stacked:
    x_pages, x_spans, outside = [], [], []
    at = 0
    for page in pages:
        n = len(page.texts)
        b = bow[at : at + n]
        x = page_features(page.texts, page.reasons, list(b))
        x_pages.append(x)
        if p_page is not None and len(p_page):
            p = p_page[at : at + n]
            span = decode_span(p, BIAS, EXTRA_MIN)
            if span is None:
                x_spans.append(np.hstack([x, np.full((n, len(SPAN_FEATURES)), -1.0)]))
                outside.extend([True] * n)
            else:
                x_spans.append(np.hstack([x, span_features(page.texts, p, span)]))
                outside.extend(not span.contains(i) for i in range(n))
        at += n
    x_span = np.vstack(x_spans) if x_spans else np.zeros((0, 0))
    return Stacked(bow, x_pages, p_page, x_span, np.array(outside, dtype=bool))


def _scores(y: np.ndarray, removed: np.ndarray) -> dict[str, float]:
    body, debris = y == 0, y == 1
    return {
        "body_unit_recall": round(float(1 - removed[body].mean()), 4),
        "debris_unit_recall": round(float(removed[debris].mean()), 4),
        "removal_precision": round(float(y[removed].mean()) if removed.any() else 1.0, 4),
    }


def _model_data(
    parts: dict[str, Any],
    thresholds: tuple[float, float],
    sweep: dict[float, dict[str, float]],
    names: list[str],
    tag: str,
) -> dict[str, Any]:
    threshold, statement = thresholds
    return {
        "version": datetime.now(UTC).strftime("%Y-%m-%d") + f"+{len(names)}dev{tag}.r{REVISION}",
        "trained_on": {
            "data": "L3S-GN1 (l3s-gn1-dev), dev part: sha256(file name) % 5 >= 2",
            "pages": names,
            "script": "bench/train_line_model.py",
            "settings": {"trees": TREES, "bow_min_df": BOW_MIN_DF, "bow_c": BOW_C},
        },
        "scores": {
            "dev_cv_units": sweep[threshold],
            "dev_cv_threshold_sweep": {str(k): v for k, v in sweep.items()},
        },
        "features": {"page": list(PAGE_FEATURES), "span": list(SPAN_FEATURES)},
        "decode": {
            "bias": BIAS,
            "extra_min": EXTRA_MIN,
            "threshold": threshold,
            "statement_threshold": statement,
        },
        **parts,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--body-floor", type=float, default=0.99)
    ap.add_argument("--folds-out", type=Path, help="also write the fold models here")
    ap.add_argument(
        "--threshold",
        type=float,
        help="removal threshold to ship (chosen with bench_l3s.py --part dev --folds DIR "
        "--threshold T on the fold models); default: from --body-floor",
    )
    ap.add_argument(
        "--statement-threshold",
        type=float,
        default=1.0,
        help="removal threshold for a sentence outside the span (default %(default)s: never;\n"
        "0.999 gains debris recall on L3S dev but removes whole bodies the span missed)",
    )
    args = ap.parse_args(argv)

    dev = load("dev")
    pages = [page_units(p.name, p.lines) for p in dev]
    texts = [t for p in pages for t in p.texts]
    y = np.array([d for p in pages for d in p.debris])
    groups = np.array([k for k, p in enumerate(pages) for _ in p.texts])
    folds = _folds(groups)
    print(f"{len(pages)} dev pages, {len(y)} units ({int(y.sum())} debris)", flush=True)

    fold_parts: list[dict[str, Any]] = [{} for _ in folds]
    bow_oof = np.zeros(len(y))
    for k, (tr, te) in enumerate(folds):
        vec, lr = fit_bow([texts[i] for i in tr], y[tr])
        bow_oof[te] = lr.predict_proba(vec.transform([texts[i] for i in te]))[:, 1]
        fold_parts[k]["bow"] = export_bow(vec, lr)
    stacked = _stack(pages, bow_oof, np.zeros(0))
    x_page = np.vstack(stacked.x_page)
    p_oof = np.zeros(len(y))
    for k, (tr, te) in enumerate(folds):
        model = _trees().fit(x_page[tr], y[tr])
        p_oof[te] = model.predict_proba(x_page[te])[:, 1]
        fold_parts[k]["page"] = export_trees(model)
    print("page trees done", flush=True)
    stacked = _stack(pages, bow_oof, p_oof)
    out = stacked.outside
    p2_oof = np.zeros(len(y))
    for k, (tr, te) in enumerate(folds):
        trm = tr[out[tr]]
        model = _trees().fit(stacked.x_span[trm], y[trm])
        p2_oof[te] = model.predict_proba(stacked.x_span[te])[:, 1]
        fold_parts[k]["span"] = export_trees(model)
    p2_oof[~out] = 0.0

    sweep = {}
    for tau in (0.5, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998):
        sweep[tau] = _scores(y, out & (p2_oof >= tau))
        print(f"  tau {tau}: {sweep[tau]}")
    if args.threshold is not None:
        threshold = args.threshold
        sweep.setdefault(threshold, _scores(y, out & (p2_oof >= threshold)))
        print(f"threshold {threshold} (given)")
    else:
        ok = [t for t, s in sweep.items() if s["body_unit_recall"] >= args.body_floor]
        threshold = min(ok) if ok else max(sweep)
        print(f"threshold {threshold} (lowest with dev CV body-unit recall >= {args.body_floor})")
    thresholds = (threshold, args.statement_threshold)
    if args.folds_out:
        args.folds_out.mkdir(parents=True, exist_ok=True)
        for k, (_, te) in enumerate(folds):
            held_out = sorted({pages[groups[i]].name for i in te})
            data = _model_data(fold_parts[k], thresholds, sweep, [], f"fold{k}")
            data["held_out"] = held_out
            with gzip.open(args.folds_out / f"fold{k}.json.gz", "wt", encoding="utf-8") as fh:
                json.dump(data, fh)
        print(f"wrote {len(folds)} fold models to {args.folds_out}")
    if args.cv_only:
        return 0

    # Stacking: the trees learn from out-of-fold bag-of-words and first-pass scores, which is
    # what the full models give on pages they have not seen.
    vec, lr = fit_bow(texts, y)
    bow_check = BagOfWords.from_dict(export_bow(vec, lr)).predict(texts[:200])
    if np.abs(bow_check - lr.predict_proba(vec.transform(texts[:200]))[:, 1]).max() > 1e-3:
        raise SystemExit("exported bag-of-words model disagrees with scikit-learn")
    page_model = _trees().fit(x_page, y)
    _check_export(page_model, x_page)
    span_model = _trees().fit(stacked.x_span[out], y[out])
    _check_export(span_model, stacked.x_span[out])

    parts = {"bow": export_bow(vec, lr), "page": export_trees(page_model),
             "span": export_trees(span_model)}  # fmt: skip
    data = _model_data(parts, thresholds, sweep, [p.name for p in pages], "")
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, separators=(",", ":"))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
