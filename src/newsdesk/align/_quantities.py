"""Align quantities: group the facts of a story that state the same figure, and label each group.

Needs: :class:`ArticleAnalysis` per article (facts with subject, predicate, time and
attribution), duplicate marks and paragraph reuse from dedupe.
Produces: :class:`FactGroup` records with a label and a count of independent origins.

Two facts are *the same measure* when a :class:`MeasureMatcher` says their subject and
predicate match (the default :class:`RuleMatcher` compares canonical forms and asks for
shared context; an embedding matcher can be plugged in behind the same interface), their
units agree, their time references overlap and they are not two figures of one sentence.
Equal numbers alone never make two facts the same: 300,000 troops lost and 300,000
troops mobilised stay apart.

Labels, in order of precedence:

* ``single-source``: every mention comes from one article;
* ``conflicting``: mentions in two articles published at the same time (the same day, or
  either undated) whose admissible ranges do not overlap;
* ``update``: mentions whose ranges do not overlap, but never at the same time: a later
  report revised the figure (1 killed on Monday, 2 on Tuesday);
* ``single-origin``: several articles, but one independent origin (copied text, or the
  same primary source cited by all);
* ``corroborated``: two or more independent origins stating the same figure;
* ``compatible``: two or more independent origins whose figures differ but agree within
  their stated precision ("300,000-odd" and "315,000").

Origins (what counts as independent) are decided in :mod:`._origins`.

Times: a fact holds at its resolved time, or, undated, during the story (from a few days
before its first report to its last). A fact must overlap every member of a group, so a
figure about an earlier event (a quake last week, a toll from 1987) stays apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsdesk.align._match import MeasureMatcher, RuleMatcher, canonical_term
from newsdesk.align._origins import copy_roots, group_origins
from newsdesk.records import (
    Agreement,
    ArticleAnalysis,
    Bound,
    Fact,
    FactGroup,
    ParagraphReuse,
    Quantity,
    content_hash,
)

# ------------------------------------------------------------------ precision and compatibility


def implied_precision(value: float) -> float:
    """Half the rounding step a written figure implies, at most 5% of it.

    315,000 -> 500; 300,000 -> 15,000 (5%); 3.5 -> 0.05. Counts under 100 are exact
    (12 dead and 19 dead conflict; so do 20 and 19).
    """
    if abs(value) < 100 and value == int(value):
        return 0.0
    return min(_rounding_step(value), 0.05 * abs(value))


def _rounding_step(value: float) -> float:
    if value == 0 or not math.isfinite(value):
        return 0.0
    if value != int(value):
        decimals = len(repr(value).split(".")[1].rstrip("0"))
        return 0.5 * 10.0 ** (-decimals)
    n = int(abs(value))
    zeros = 0
    while n % 10 == 0 and n > 0:
        n //= 10
        zeros += 1
    return 0.5 * 10.0**zeros if zeros else 0.0


APPROX_TOLERANCE = 0.10
"""How far an approximate figure ("about", "-odd", "an estimated") may stray, relative."""


def admissible_range(q: Quantity) -> tuple[float, float]:
    """The values a reader may take a quantity to admit, given its bound and precision."""
    lo, hi = q.interval
    if q.bound is Bound.EQ:
        if q.low is not None or q.high is not None:
            return (lo, hi)
        step = implied_precision(lo)
        return (lo - step, hi + step)
    if q.bound is Bound.APPROX:
        spread = max(abs(lo), abs(hi)) * APPROX_TOLERANCE
        return (lo - spread, hi + spread)
    if q.bound in (Bound.GT, Bound.GE):
        return (lo, math.inf)
    return (-math.inf, hi)  # LT, LE


def compatible(a: Quantity, b: Quantity) -> bool:
    a_lo, a_hi = admissible_range(a)
    b_lo, b_hi = admissible_range(b)
    return a_lo <= b_hi and b_lo <= a_hi


def same_figure(a: Quantity, b: Quantity) -> bool:
    return a.interval == b.interval and a.bound is b.bound


def _unit_key(q: Quantity) -> str:
    return canonical_term(q.unit) if q.unit else ""


Window = tuple[str, str] | None
"""ISO date range of a story's reports (a few days before the first to the last)."""

STORY_LEAD_DAYS = 3


def story_window(analyses: Sequence[ArticleAnalysis]) -> Window:
    dates = sorted(an.article.published[:10] for an in analyses if an.article.published)
    if not dates:
        return None
    try:
        first = date.fromisoformat(dates[0]) - timedelta(days=STORY_LEAD_DAYS)
    except ValueError:
        return None
    return (first.isoformat(), dates[-1])


def _span(fact: Fact, window: Window) -> tuple[str, str] | None:
    """When a fact holds: its own resolved time, else the story's window (an undated
    figure in a report is about the reported event)."""
    if fact.time is not None and fact.time.start:
        return (fact.time.start, fact.time.end or fact.time.start)
    return window


def _times_overlap(a: Fact, b: Fact, window: Window) -> bool:
    sa, sb = _span(a, window), _span(b, window)
    if sa is None or sb is None:
        return True
    return sa[0] <= sb[1] and sb[0] <= sa[1]


# ------------------------------------------------------------------ grouping and labels


@dataclass(frozen=True, slots=True)
class AlignConfig:
    threshold: float = 0.75


def same_time(a: str | None, b: str | None) -> bool:
    """Were two reports published at the same time (same day; an unknown date may be)?"""
    if not a or not b:
        return True
    return a[:10] == b[:10]


def _label(
    mentions: Sequence[Fact],
    origins: Sequence[str],
    articles: set[str],
    published: dict[str, str | None] | None = None,
) -> Agreement:
    quantities = [m.quantity for m in mentions]
    if len(articles) == 1:
        return Agreement.SINGLE_SOURCE
    when = published or {}
    revised = False
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if a.article_id != b.article_id and not compatible(a.quantity, b.quantity):
                if same_time(when.get(a.article_id), when.get(b.article_id)):
                    return Agreement.CONFLICTING
                revised = True
    if revised:
        return Agreement.UPDATE
    if len(origins) == 1:
        return Agreement.SINGLE_ORIGIN
    first = quantities[0]
    if all(same_figure(first, q) for q in quantities[1:]):
        return Agreement.CORROBORATED
    return Agreement.COMPATIBLE


def _same_sentence(members: Sequence[Fact], fact: Fact) -> bool:
    return any(
        m.article_id == fact.article_id and m.sentence_index == fact.sentence_index for m in members
    )


def align(
    analyses: Sequence[ArticleAnalysis],
    reuse: Sequence[ParagraphReuse] = (),
    *,
    matcher: MeasureMatcher | None = None,
    config: AlignConfig | None = None,
) -> list[FactGroup]:
    """Group the facts of one story's articles and label each group."""
    match = matcher or RuleMatcher()
    cfg = config or AlignConfig()
    window = story_window(analyses)
    clusters: list[list[Fact]] = []
    for an in analyses:
        for fact in an.facts:
            home = None
            for members in clusters:
                head = members[0]
                if _same_sentence(members, fact):
                    continue  # two figures of one sentence are two facts
                if (
                    _unit_key(head.quantity) == _unit_key(fact.quantity)
                    and all(_times_overlap(m, fact, window) for m in members)
                    and match.similarity(head, fact) >= cfg.threshold
                ):
                    home = members
                    break
            if home is None:
                clusters.append([fact])
            else:
                home.append(fact)

    copied_from = copy_roots(reuse)
    articles = {an.article.id: an.article for an in analyses}
    published = {aid: a.published for aid, a in articles.items()}
    groups: list[FactGroup] = []
    for members in clusters:
        origins = group_origins(members, copied_from, articles)
        in_articles = {f.article_id for f in members}
        head = members[0]
        groups.append(
            FactGroup(
                id="g-" + content_hash(*sorted(f.id for f in members))[:12],
                subject=head.subject,
                predicate=head.predicate,
                label=_label(members, origins, in_articles, published),
                mentions=list(members),
                independent_origins=len(origins),
                origins=origins,
            )
        )
    return groups
