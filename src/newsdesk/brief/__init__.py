"""Brief: a story summary in which every sentence links to its sources.

Needs: the story's articles (cleaned, duplicates marked), their facts, the aligned fact
groups and the headline figures. Produces: :class:`~newsdesk.records.Brief`, rendered by
:mod:`.render_markdown`, :mod:`.render_json` and :mod:`.render_html`.

Groups labelled ``update`` (a later report revised the figure) go to their own section,
"How figures changed": each report's wording, oldest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.brief._sections import citation_sentences, fact_sections
from newsdesk.brief._summary import summarize
from newsdesk.records import (
    Agreement,
    ArticleAnalysis,
    Brief,
    BriefSentence,
    FactGroup,
    HeadlineFigure,
    ParagraphReuse,
    Section,
    SourceRef,
    Story,
)


def _independence(groups: Sequence[FactGroup]) -> dict[tuple[str, int], int]:
    """For each (article, sentence), the most independent origins any of its facts has."""
    best: dict[tuple[str, int], int] = {}
    for g in groups:
        for f in g.mentions:
            key = (f.article_id, f.sentence_index)
            best[key] = max(best.get(key, 0), g.independent_origins)
    return best


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
    *,
    figures: Sequence[HeadlineFigure] = (),
) -> Brief:
    """Summary (extractive, ranked by coverage and independence), then the fact sections;
    ``figures`` (from :func:`newsdesk.align.headline_figures`) are carried as the story's
    headline figures."""
    outlets = {an.article.id: an.article.outlet for an in analyses}
    published = {an.article.id: an.article.published or "" for an in analyses}
    sentences = summarize([an.article for an in analyses], independence=_independence(groups))
    sentences += fact_sections([g for g in groups if g.label is not Agreement.UPDATE], outlets)
    sentences += update_sentences(
        [g for g in groups if g.label is Agreement.UPDATE], outlets, published
    )
    sentences += citation_sentences(analyses, reuse)
    return Brief(story_id=story.id, title=story.title, sentences=sentences, figures=list(figures))


__all__ = ["build_brief", "summarize", "update_sentences"]
