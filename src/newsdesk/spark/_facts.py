"""Facts stage of the Spark job: facts and aligned fact groups, one story per task item.

Needs: a story's articles (in the story's order, with their dedupe marks) and the
paragraph reuse of those articles.
Produces: :class:`StoryFacts`: every fact of the story's articles
(:func:`newsdesk.facts.analyse`) and the story's fact groups (:func:`newsdesk.align.align`),
exactly what ``newsdesk show`` computes for the stored story.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsdesk.align import MeasureMatcher
from newsdesk.records import Article, Fact, FactGroup, ParagraphReuse


@dataclass(slots=True)
class StoryFacts:
    story_id: str
    facts: list[Fact] = field(default_factory=list)
    groups: list[FactGroup] = field(default_factory=list)


def story_facts(
    story_id: str,
    articles: Iterable[Article],
    reuse: Iterable[ParagraphReuse],
    matcher: MeasureMatcher | None = None,
) -> StoryFacts:
    """Analyse and align one story, as :func:`newsdesk.pipeline.story_report` does."""
    from newsdesk import facts
    from newsdesk.align import align

    analyses = [facts.analyse(a) for a in articles]
    # The order newsdesk's store hands paragraph reuse to align.
    ordered = sorted(reuse, key=lambda r: (r.article_id, r.paragraph_index, r.original_id))
    groups = align(analyses, ordered, matcher=matcher)
    return StoryFacts(story_id, [f for an in analyses for f in an.facts], groups)


def facts_partition(
    items: Iterator[tuple[str, tuple[Iterable[tuple[int, Article]], Iterable[ParagraphReuse]]]],
    matcher: str,
) -> Iterator[StoryFacts]:
    """:func:`story_facts` for each ``(story_id, ((position, article)..., reuse...))``;
    ``matcher`` names the align stage's matcher, made once per partition."""
    from newsdesk.pipeline import make_matcher

    measure = make_matcher(matcher)
    for story_id, (placed, reuse) in items:
        articles = [a for _, a in sorted(placed, key=lambda pa: pa[0])]
        if articles:
            yield story_facts(story_id, articles, list(reuse), measure)
