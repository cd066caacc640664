"""Small builders for records used across tests (fictional content only)."""

from __future__ import annotations

from newsdesk.records import Article, content_hash


def make_article(
    text: str,
    *,
    title: str = "A headline",
    outlet: str | None = "The Test Gazette",
    published: str | None = "2025-03-01",
    source: str | None = None,
    duplicate_of: str | None = None,
) -> Article:
    aid = content_hash(source, outlet, title, text)[:32]
    return Article(
        id=aid,
        source=source or f"{aid[:8]}.txt",
        format="txt",
        title=title,
        raw_text=text,
        text=text,
        outlet=outlet,
        published=published,
        duplicate_of=duplicate_of,
    )
