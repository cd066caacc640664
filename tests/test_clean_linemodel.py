"""The line model's parts on small hand-made inputs, and the shipped model's provenance."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.clean.features import PAGE_FEATURES, SPAN_FEATURES, Span, page_features
from newsdesk.clean.linemodel import BagOfWords, Forest, decode_span, shipped_model


def test_decode_span_takes_the_best_run_and_strong_runs_beside_it() -> None:
    # scores log((1 - p) / p) + 2: 0.99 -> -2.6, 0.01 -> 6.6, 0.001 -> 8.9
    p = np.array([0.99, 0.99, 0.01, 0.02, 0.01, *[0.99] * 10, 0.01, 0.001, 0.001, 0.99])
    span = decode_span(p, bias=2.0, extra_min=10.0)
    assert span == Span((15, 17), ((2, 4),))  # the gap costs more than joining gains
    assert span.contains(3) and not span.contains(8)
    assert span.distance(8) == 4 and span.distance(16) == 0
    assert decode_span(p, bias=2.0, extra_min=30.0) == Span((15, 17))


def test_decode_span_finds_nothing_in_furniture() -> None:
    assert decode_span(np.full(6, 0.999), bias=2.0, extra_min=10.0) is None
    assert decode_span(np.zeros(0), bias=2.0, extra_min=10.0) is None


def test_forest_follows_its_splits() -> None:
    # one tree: x0 <= 0.5 ? -2 : (x1 <= 3 ? 1 : 3)
    tree = {"feature": [0, 0, 1, 0, 0], "threshold": [0.5, 0, 3.0, 0, 0],
            "left": [1, -1, 3, -1, -1], "right": [2, -1, 4, -1, -1],
            "value": [0, -2.0, 0, 1.0, 3.0]}  # fmt: skip
    forest = Forest.from_dict({"baseline": 0.5, "depth": 3, "trees": [tree, tree]})
    x = np.array([[0.1, 9.0], [0.9, 1.0], [0.9, 7.0]])
    expected = 1 / (1 + np.exp(-(0.5 + 2 * np.array([-2.0, 1.0, 3.0]))))
    assert forest.predict(x) == pytest.approx(expected)


def test_bag_of_words_is_sublinear_tfidf_and_logistic() -> None:
    bow = BagOfWords.from_dict(
        {"terms": ["share", "ferry"], "idf": [1.0, 2.0], "coef": [3.0, -1.0], "intercept": 0.5}
    )
    (p,) = bow.predict(["Share the ferry"])
    w = np.array([1.0, 2.0]) / np.sqrt(5.0)
    assert p == pytest.approx(1 / (1 + np.exp(-(0.5 + w @ np.array([3.0, -1.0])))))
    assert bow.predict(["nothing known"])[0] == pytest.approx(1 / (1 + np.exp(-0.5)))


def test_page_features_have_one_row_per_unit_and_the_named_columns() -> None:
    texts = ["Home | News", "Ferry crews vote to strike", "The crews voted on Tuesday to strike."]
    x = page_features(texts, [None, None, None], [0.9, 0.2, 0.1])
    assert x.shape == (3, len(PAGE_FEATURES))
    assert x[2, PAGE_FEATURES.index("ends_sentence")] == 1.0
    assert x[0, PAGE_FEATURES.index("separators")] == 1.0
    assert page_features([], [], []).shape == (0, len(PAGE_FEATURES))


def test_shipped_model_was_trained_on_the_dev_part_only() -> None:
    from _l3s import part

    model = shipped_model()
    assert model is not None
    pages = model.meta["trained_on"]["pages"]
    assert len(pages) > 100 and all(part(name) == "dev" for name in pages)
    assert model.meta["trained_on"]["script"] == "bench/train_line_model.py"
    assert 0.5 < model.threshold < 1.0
    assert set(model.meta["scores"]) >= {"dev_cv_units"}
    assert len(SPAN_FEATURES) == 11


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 1.0]), max_size=30))
def test_closer_counts_match_the_definition(values: list[float]) -> None:
    from newsdesk.clean.features import _closer

    expected = [sum(1 for v in values[i + 1 :] if v >= values[i] > 0) for i in range(len(values))]
    assert _closer(values) == expected
