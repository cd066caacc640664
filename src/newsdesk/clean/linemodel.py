"""The learned line model: which units of a scraped page are article body, from their shape
and their neighbourhood.

Needs the units' texts and single-line rule reasons; produces a :class:`Judgement`: the
first-pass debris probability of each unit, the article body :class:`~.features.Span` decoded
from it, and the second-pass debris probability of each unit given that span.

Three parts, all trained on the development part of L3S-GN1 by ``bench/train_line_model.py``
and shipped in ``line_model.json.gz`` (its ``version``, training pages and held-out scores
are in the file):

1. a bag-of-words logistic model (``bow``): how much a line's words read like page furniture;
2. gradient-boosted trees (``page``) over :data:`~.features.PAGE_FEATURES`;
3. the body span: the maximum-scoring run of units under the per-unit score
   ``log((1 - p) / p) + bias`` (Kadane), plus further runs scoring ``extra_min`` or more (a
   body interrupted by a long block of links);
4. gradient-boosted trees (``span``) over :data:`~.features.SPAN_FEATURES`, trained on the
   units outside the span: the headline and body tails stay, furniture goes.

Trees are evaluated here with numpy (no scikit-learn at run time, no pickles).
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsdesk.clean.features import (
    PAGE_FEATURES,
    SPAN_FEATURES,
    Span,
    bow_tokens,
    page_features,
    span_features,
)

Vector = npt.NDArray[np.float64]
MODEL_FILE = "line_model.json.gz"
MAX_EXTRA_SEGMENTS = 4


@dataclass(frozen=True, slots=True)
class BagOfWords:
    """Logistic regression over sublinear tf-idf of :func:`~.features.bow_tokens`."""

    index: dict[str, int]
    idf: Vector
    coef: Vector
    intercept: float

    def predict(self, texts: Sequence[str]) -> Vector:
        out = np.empty(len(texts))
        for row, text in enumerate(texts):
            counts = Counter(t for t in bow_tokens(text) if t in self.index)
            if not counts:
                out[row] = self.intercept
                continue
            idx = np.fromiter((self.index[t] for t in counts), dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))
            weights = tf * self.idf[idx]
            norm = math.sqrt(float(weights @ weights))
            out[row] = self.intercept + float(weights @ self.coef[idx]) / norm
        return _sigmoid(out)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BagOfWords:
        terms = data["terms"]
        return cls(
            index={t: i for i, t in enumerate(terms)},
            idf=np.asarray(data["idf"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
        )


@dataclass(frozen=True, slots=True)
class Forest:
    """Binary gradient-boosted trees, all nodes in flat arrays (a leaf points to itself)."""

    baseline: float
    roots: npt.NDArray[np.int64]
    feature: npt.NDArray[np.int64]
    threshold: Vector
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    value: Vector
    depth: int

    def predict(self, x: Vector) -> Vector:
        """Probability of the positive class (debris) for each row of ``x``."""
        if len(x) == 0:
            return np.zeros(0)
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        for _ in range(self.depth):
            goes_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(goes_left, self.left[node], self.right[node])
        return _sigmoid(self.baseline + self.value[node].sum(axis=1))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Forest:
        feature: list[int] = []
        threshold: list[float] = []
        left: list[int] = []
        right: list[int] = []
        value: list[float] = []
        roots: list[int] = []
        for tree in data["trees"]:
            base = len(feature)
            roots.append(base)
            for f, t, lo, hi, v in zip(
                tree["feature"], tree["threshold"], tree["left"], tree["right"], tree["value"],
                strict=True,
            ):  # fmt: skip
                leaf = lo < 0
                feature.append(0 if leaf else f)
                threshold.append(math.inf if leaf else t)
                left.append(len(left) if leaf else base + lo)
                right.append(len(right) if leaf else base + hi)
                value.append(v)
        return cls(
            baseline=float(data["baseline"]),
            roots=np.asarray(roots, dtype=np.int64),
            feature=np.asarray(feature, dtype=np.int64),
            threshold=np.asarray(threshold, dtype=float),
            left=np.asarray(left, dtype=np.int64),
            right=np.asarray(right, dtype=np.int64),
            value=np.asarray(value, dtype=float),
            depth=int(data["depth"]),
        )


def _sigmoid(z: Vector) -> Vector:
    out: Vector = 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))
    return out


def _best_run(scores: Vector, lo: int, hi: int) -> tuple[float, int, int]:
    """Kadane: the maximum-sum run of ``scores[lo:hi]`` as ``(sum, first, last)``."""
    best, first, last = -math.inf, lo, lo - 1
    running, start = 0.0, lo
    for i in range(lo, hi):
        if running <= 0:
            running, start = float(scores[i]), i
        else:
            running += float(scores[i])
        if running > best:
            best, first, last = running, start, i
    return best, first, last


def decode_span(p: Vector, bias: float, extra_min: float) -> Span | None:
    """The body span under per-unit scores ``log((1 - p) / p) + bias`` (``None`` when no run
    scores above zero): the best run, then the best runs left and right of what is taken
    while they score at least ``extra_min``."""
    if len(p) == 0:
        return None
    q = np.clip(p, 1e-4, 1 - 1e-4)
    scores = np.log((1 - q) / q) + bias
    best, a, b = _best_run(scores, 0, len(p))
    if best <= 0:
        return None
    extra: list[tuple[int, int]] = []
    gaps = [(0, a), (b + 1, len(p))]
    while gaps and len(extra) < MAX_EXTRA_SEGMENTS:
        lo, hi = gaps.pop()
        if hi - lo <= 0:
            continue
        score, x, y = _best_run(scores, lo, hi)
        if score >= extra_min:
            extra.append((x, y))
            gaps.extend([(lo, x), (y + 1, hi)])
    return Span((a, b), tuple(sorted(extra)))


@dataclass(frozen=True, slots=True)
class Judgement:
    p_page: Vector
    """First-pass probability that each unit is debris."""
    span: Span | None
    p_outside: Vector
    """Second-pass probability that each unit outside the span is debris (0 inside it)."""


@dataclass(frozen=True, slots=True)
class LineModel:
    version: str
    bow: BagOfWords
    page: Forest
    span: Forest
    bias: float
    extra_min: float
    threshold: float
    """A unit outside the span is removed when its second-pass probability reaches this."""
    meta: dict[str, Any]
    statement_threshold: float = 1.0
    """... and a sentence (:func:`~.frame.is_statement`) only when it reaches this (1: never:
    models trained before this setting)."""

    def judge(self, texts: Sequence[str], reasons: Sequence[str | None]) -> Judgement:
        x_page = page_features(texts, reasons, list(self.bow.predict(texts)))
        p_page = self.page.predict(x_page)
        span = decode_span(p_page, self.bias, self.extra_min)
        p_out = np.zeros(len(texts))
        if span is not None:
            outside = np.array([not span.contains(i) for i in range(len(texts))])
            if outside.any():
                x = np.hstack([x_page, span_features(texts, p_page, span)])
                p_out[outside] = self.span.predict(x[outside])
        return Judgement(p_page, span, p_out)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        if tuple(data["features"]["page"]) != PAGE_FEATURES:
            raise ValueError("line model was trained on other page features")
        if tuple(data["features"]["span"]) != SPAN_FEATURES:
            raise ValueError("line model was trained on other span features")
        decode = data["decode"]
        return cls(
            version=str(data["version"]),
            bow=BagOfWords.from_dict(data["bow"]),
            page=Forest.from_dict(data["page"]),
            span=Forest.from_dict(data["span"]),
            bias=float(decode["bias"]),
            extra_min=float(decode["extra_min"]),
            threshold=float(decode["threshold"]),
            statement_threshold=float(decode.get("statement_threshold", 1.0)),
            meta={k: v for k, v in data.items() if k in ("trained_on", "scores", "version")},
        )


def load_model(path: str | Path) -> LineModel:
    """A line model from a ``.json.gz`` file (the shipped one, or one trained elsewhere)."""
    with gzip.open(path, "rt", encoding="utf-8") as text:
        return LineModel.from_dict(json.load(text))


@cache
def shipped_model() -> LineModel | None:
    """The model shipped in the package (``None`` if the file is missing)."""
    path = resources.files("newsdesk.clean").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return LineModel.from_dict(json.load(text))
