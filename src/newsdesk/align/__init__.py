"""Align: group what the reports of one story state, and say how far they agree.

Needs: :class:`~newsdesk.records.ArticleAnalysis` per article (facts with subject,
predicate, time and attribution), duplicate marks and paragraph reuse from dedupe.
Produces: :class:`~newsdesk.records.FactGroup` and :class:`~newsdesk.records.ClaimGroup`
records, each with a label and a count of independent origins.

* :mod:`._match` - whether two facts measure the same thing, and whether two sentences
  state the same claim (rules; embeddings plug in);
* :mod:`._quantities` - facts that state the same figure of the same measure;
* :mod:`._claims` - sentences of different reports that state the same claim;
* :mod:`._origins` - what counts as an independent origin (copies and attribution
  followed);
* :mod:`._figures` - the one figure a story presents per event measure (killed, injured,
  ...), with its evidence, its label (``update`` when later reports revised it) and history;
* :mod:`.embeddings` - the optional sentence-embedding matcher (extra ``embeddings``).
"""

from __future__ import annotations

from newsdesk.align._claims import ClaimConfig, align_claims, article_claims
from newsdesk.align._figures import HEADLINE_ORDER, headline_figures, report_figures
from newsdesk.align._match import (
    EVENT_PREDICATES,
    SAME_CLAIM,
    ClaimMatcher,
    MeasureMatcher,
    RuleMatcher,
    canonical_term,
    claim_profile,
)
from newsdesk.align._origins import copy_roots, group_origins, origin_key, origin_of
from newsdesk.align._quantities import (
    AlignConfig,
    admissible_range,
    align,
    compatible,
    implied_precision,
    same_figure,
    story_window,
)

__all__ = [
    "EVENT_PREDICATES",
    "HEADLINE_ORDER",
    "SAME_CLAIM",
    "AlignConfig",
    "ClaimConfig",
    "ClaimMatcher",
    "MeasureMatcher",
    "RuleMatcher",
    "admissible_range",
    "align",
    "align_claims",
    "article_claims",
    "canonical_term",
    "claim_profile",
    "compatible",
    "copy_roots",
    "group_origins",
    "headline_figures",
    "implied_precision",
    "origin_key",
    "origin_of",
    "report_figures",
    "same_figure",
    "story_window",
]
