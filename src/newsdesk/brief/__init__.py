"""Brief: a story summary in which every sentence links to its sources.

Needs: the story's articles (cleaned, duplicates marked), their facts, the aligned fact
groups and the aligned claim groups. Produces: :class:`~newsdesk.records.Brief`, rendered
by :mod:`.render_markdown`, :mod:`.render_json` and :mod:`.render_html`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.align import EVENT_PREDICATES
from newsdesk.brief._sections import citation_sentences, fact_sections
from newsdesk.brief._summary import summarize
from newsdesk.records import (
    ArticleAnalysis,
    Brief,
    Claim,
    ClaimGroup,
    Fact,
    FactGroup,
    ParagraphReuse,
    Story,
)

Key = tuple[str, int]


def _independence(groups: Sequence[FactGroup], claims: Sequence[ClaimGroup]) -> dict[Key, int]:
    """For each (article, sentence), the most independent origins any of its facts or
    claims has."""
    best: dict[Key, int] = {}
    mentions: list[tuple[int, Sequence[Fact | Claim]]] = [
        (g.independent_origins, g.mentions) for g in groups
    ]
    mentions += [(c.independent_origins, c.mentions) for c in claims]
    for origins, members in mentions:
        for m in members:
            key = (m.article_id, m.sentence_index)
            best[key] = max(best.get(key, 0), origins)
    return best


def _stated_with(claims: Sequence[ClaimGroup]) -> dict[Key, list[Key]]:
    """For each sentence, the other sentences of the claim groups it belongs to."""
    out: dict[Key, list[Key]] = {}
    for c in claims:
        keys = [(m.article_id, m.sentence_index) for m in c.mentions]
        for key in keys:
            out.setdefault(key, []).extend(k for k in keys if k != key)
    return out


def _headline(analyses: Sequence[ArticleAnalysis]) -> set[Key]:
    return {
        (f.article_id, f.sentence_index)
        for an in analyses
        for f in an.facts
        if f.predicate in EVENT_PREDICATES
    }


def build_brief(
    story: Story,
    analyses: Sequence[ArticleAnalysis],
    groups: Sequence[FactGroup],
    reuse: Sequence[ParagraphReuse] = (),
    claims: Sequence[ClaimGroup] = (),
) -> Brief:
    """Summary (what happened, best supported first), then the agree / differ / single
    sections from fact and claim groups, then who cites whom."""
    outlets = {an.article.id: an.article.outlet for an in analyses}
    sentences = summarize(
        [an.article for an in analyses],
        independence=_independence(groups, claims),
        stated_with=_stated_with(claims),
        headline=_headline(analyses),
    )
    sentences += fact_sections(groups, outlets, claims)
    sentences += citation_sentences(analyses, reuse)
    return Brief(story_id=story.id, title=story.title, sentences=sentences)


__all__ = ["build_brief", "summarize"]
