"""Independence: which origin each mention of a fact or claim goes back to.

Needs: the story's articles (duplicate marks set by dedupe) and paragraph reuse.
Produces: an origin key per mention, and the distinct origins of a group of mentions.

The origin of a mention is, in order: the primary source it is attributed to; else the
article it was copied from (exact/near duplicate or reused paragraph); else its outlet.
Sources and outlets share one namespace, so "according to Meridian Wire" and Meridian
Wire's own report are one origin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from newsdesk.records import Article, ParagraphReuse


class Mention(Protocol):
    """What origin counting needs of a mention (a :class:`~newsdesk.records.Fact` or a
    claim): where it stands and whom it is attributed to."""

    @property
    def id(self) -> str: ...
    @property
    def article_id(self) -> str: ...
    @property
    def sentence(self) -> str: ...
    @property
    def attributed_to(self) -> tuple[str, ...]: ...


CopyRoots = dict[tuple[str, int], str]
"""(article id, paragraph index) -> id of the article the paragraph was first copied from."""


def origin_key(name: str) -> str:
    """One key for an outlet or source however it is written ("The Meridian Wire")."""
    key = " ".join(name.casefold().split())
    return key.removeprefix("the ")


def _outlet_origin(article: Article) -> str:
    return origin_key(article.outlet) if article.outlet else "article:" + article.id


def origin_of(mention: Mention, copied_from: CopyRoots, articles: dict[str, Article]) -> str:
    """The independent origin of one mention (see module docstring)."""
    if mention.attributed_to:
        # A source that is an outlet of the story ("..., Meridian Wire reported") is the
        # same origin as that outlet's own report: both keys are the outlet's name.
        return origin_key(mention.attributed_to[0])
    article = articles[mention.article_id]
    original_id = article.duplicate_of
    if original_id is None:
        para = paragraph_of(article, mention.sentence)
        original_id = copied_from.get((article.id, para)) if para is not None else None
    if original_id is not None:
        original = articles.get(original_id)
        return _outlet_origin(original) if original else "article:" + original_id
    return _outlet_origin(article)


def paragraph_of(article: Article, sentence: str) -> int | None:
    """Index of the paragraph holding ``sentence``, numbered as dedupe numbers them."""
    for i, para in enumerate(article.paragraphs):
        if sentence and sentence in para:
            return i
    return None


def copy_roots(reuse: Sequence[ParagraphReuse]) -> CopyRoots:
    """Follow chains of reused paragraphs back to the first article that had them."""
    direct = {
        (r.article_id, r.paragraph_index): (r.original_id, r.original_paragraph_index)
        for r in reuse
    }
    roots: CopyRoots = {}
    for key, target in direct.items():
        seen = {key}
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        roots[key] = target[0]
    return roots


def group_origins(
    members: Sequence[Mention], copied_from: CopyRoots, articles: dict[str, Article]
) -> list[str]:
    """Distinct origins of a group's mentions. A mention relayed from another outlet of
    the group ("..., Meridian Wire reported") takes that outlet's mention's origin."""
    own = {m.id: origin_of(m, copied_from, articles) for m in members}
    by_outlet: dict[str, set[str]] = {}
    for m in members:
        outlet = articles[m.article_id].outlet
        if outlet:
            by_outlet.setdefault(origin_key(outlet), set()).add(own[m.id])
    origins: set[str] = set()
    for m in members:
        relayed = by_outlet.get(own[m.id], set()) - {own[m.id]}
        origins |= relayed or {own[m.id]}
    return sorted(origins)
