"""Brief: a story summary in which every sentence links to its sources.

Needs: the story's articles (cleaned, duplicates marked), their facts and the
aligned fact groups. Produces: :class:`~newsdesk.records.Brief`, rendered by
:mod:`.render_markdown`, :mod:`.render_json` and :mod:`.render_html`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.brief._summary import summarize
from newsdesk.records import ArticleAnalysis, Brief, FactGroup, Story


def build_brief(
    story: Story, analyses: Sequence[ArticleAnalysis], groups: Sequence[FactGroup]
) -> Brief:
    del groups  # fact-group sections are added by the align stage's renderer
    sentences = summarize([an.article for an in analyses])
    return Brief(story_id=story.id, title=story.title, sentences=sentences)


__all__ = ["build_brief", "summarize"]
