"""Brief: a story summary in which every sentence links to its sources.

Needs: the story's articles (cleaned, duplicates marked), their facts, the aligned fact
groups, the aligned claim groups and the headline figures. Produces:
:class:`~newsdesk.records.Brief`, rendered by :mod:`.render_markdown`, :mod:`.render_json`
and :mod:`.render_html`.

Groups labelled ``update`` (a later report revised the figure) go to their own section,
"How figures changed": each report's wording, oldest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.align import EVENT_PREDICATES
from newsdesk.brief._sections import citation_sentences, fact_sections
from newsdesk.brief._summary import summarize
from newsdesk.records import (
    Agreement,
    ArticleAnalysis,
    Brief,
    BriefSentence,
    Claim,
    ClaimGroup,
    Fact,
    FactGroup,
    HeadlineFigure,
    ParagraphReuse,
    Section,
    SourceRef,
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


def update_sentences(
    groups: Sequence[FactGroup], outlets: dict[str, str | None], published: dict[str, str]
) -> list[BriefSentence]:
    """Each revised group's mentions, oldest report first (section ``updates``)."""
    out: list[BriefSentence] = []
    for g in groups:
        for f in sorted(g.mentions, key=lambda f: published.get(f.article_id, "")):
            ref = SourceRef(f.article_id, outlets.get(f.article_id), f.sentence_index)
            out.append(BriefSentence(f.sentence, (ref,), Section.UPDATES, g.id))
    return out


def build_brief(
    story: Story,
    analyses: Sequence[ArticleAnalysis],
    groups: Sequence[FactGroup],
    reuse: Sequence[ParagraphReuse] = (),
    claims: Sequence[ClaimGroup] = (),
    *,
    figures: Sequence[HeadlineFigure] = (),
) -> Brief:
    """Summary (what happened, best supported first), then the agree / differ / single
    sections from fact and claim groups, how figures changed, then who cites whom.
    ``figures`` (from :func:`newsdesk.align.headline_figures`) are carried as the story's
    headline figures."""
    outlets = {an.article.id: an.article.outlet for an in analyses}
    published = {an.article.id: an.article.published or "" for an in analyses}
    sentences = summarize(
        [an.article for an in analyses],
        independence=_independence(groups, claims),
        stated_with=_stated_with(claims),
        headline=_headline(analyses),
    )
    stable = [g for g in groups if g.label is not Agreement.UPDATE]
    sentences += fact_sections(stable, outlets, claims)
    sentences += update_sentences(
        [g for g in groups if g.label is Agreement.UPDATE], outlets, published
    )
    sentences += citation_sentences(analyses, reuse)
    return Brief(story_id=story.id, title=story.title, sentences=sentences, figures=list(figures))


__all__ = ["build_brief", "summarize", "update_sentences"]
