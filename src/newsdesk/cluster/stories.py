"""Turning groups of articles into :class:`Story` records: order, ids, titles, duplicates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from newsdesk.records import Article, Story

UNDATED = "9999"
"""Sort key of a missing publication date: undated articles come after dated ones."""


def order_key(article: Article) -> tuple[str, str]:
    """Articles are ordered by publication date, then id."""
    return (article.published or UNDATED, article.id)


def story_id(earliest: Article) -> str:
    return "s-" + earliest.id[:12]


def unique_ids(bases: Iterable[str]) -> list[str]:
    """Make ids unique by suffixing repeats ``-2``, ``-3``... (in the order given)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for base in bases:
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}-{n}")
    return out


def fallback_title(article: Article, limit: int = 120) -> str:
    if article.title.strip():
        return article.title.strip()
    for line in article.text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


def resolve_duplicates(articles: Sequence[Article]) -> dict[str, str]:
    """Map each duplicate's id to the id of its root original present in ``articles``.

    A duplicate whose original is not among ``articles`` is clustered like any other.
    """
    present = {a.id: a for a in articles}
    out: dict[str, str] = {}
    for a in articles:
        root, seen = a, {a.id}
        while root.duplicate_of and root.duplicate_of in present and root.duplicate_of not in seen:
            root = present[root.duplicate_of]
            seen.add(root.id)
        if root.id != a.id:
            out[a.id] = root.id
    return out


def build_stories(
    groups: Sequence[Sequence[Article]],
    central: Mapping[int, Article] | None = None,
) -> list[Story]:
    """Stories from groups of articles, ordered by their earliest article.

    ``central`` maps a group's index to its most central article (the title source);
    groups without one take the earliest article's title.
    """
    central = central or {}
    ordered = sorted(
        ((sorted(g, key=order_key), i) for i, g in enumerate(groups) if g),
        key=lambda gi: order_key(gi[0][0]),
    )
    ids = unique_ids(story_id(members[0]) for members, _ in ordered)
    stories: list[Story] = []
    for sid, (members, i) in zip(ids, ordered, strict=True):
        head = central.get(i, members[0])
        title = fallback_title(head) or fallback_title(members[0])
        stories.append(Story(id=sid, title=title, article_ids=[a.id for a in members]))
    return stories
