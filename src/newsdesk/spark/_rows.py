"""Spark rows <-> newsdesk records: the schemas of the job's tables and the conversions.

Needs: :mod:`newsdesk.records`.
Produces: DDL schemas (the Parquet tables' columns) and functions turning records into
row tuples and rows back into records, so executors work on the typed dataclasses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdesk.records import (
    Article,
    Bound,
    DuplicateLink,
    Fact,
    FactGroup,
    ParagraphReuse,
    Quantity,
    Removal,
    TimeRef,
)

UNDATED_KEY = "9999"

ARTICLE_SCHEMA = (
    "id string, rank string, day int, file_index int, record int, source string,"
    " format string, url string, outlet string, title string, authors array<string>,"
    " published string, raw_text string, text string,"
    " removed array<struct<text: string, reason: string, start: int, `end`: int>>"
)
"""The articles as cleaned, before dedupe (``duplicate_of`` and ``story_id`` come later)."""

FACT_SCHEMA = (
    "id string, story_id string, article_id string, sentence_index int, sentence string,"
    " quantity struct<text: string, start: int, `end`: int, value: double, low: double,"
    " high: double, unit: string, bound: string>,"
    " subject string, predicate string,"
    " time struct<text: string, start: string, `end`: string>, attributed_to array<string>"
)
GROUP_SCHEMA = (
    "id string, story_id string, subject string, predicate string, label string,"
    " independent_origins int, origins array<string>, mentions array<string>"
)
PROBLEM_SCHEMA = "source string, message string"


def rank_key(published: str | None, file_index: int, number: int) -> str:
    """Sorts like ``newsdesk.dedupe``'s order: publication date (undated last), then the
    input order (archive, then record). ``\\x01`` sorts below any character of a date."""
    return f"{published or UNDATED_KEY}\x01{file_index:09d}:{number:09d}"


def article_row(
    article: Article, *, day: int | None, file_index: int, number: int
) -> tuple[Any, ...]:
    removed = [(r.text, r.reason, r.start, r.end) for r in article.removed]
    return (
        article.id,
        rank_key(article.published, file_index, number),
        day,
        file_index,
        number,
        article.source,
        article.format,
        article.url,
        article.outlet,
        article.title,
        list(article.authors),
        article.published,
        article.raw_text,
        article.text,
        removed,
    )


def row_article(row: Mapping[str, Any] | Any) -> Article:
    """An :class:`Article` from a row of the articles table (dedupe marks if present)."""
    fields = row.asDict() if hasattr(row, "asDict") else dict(row)
    removed = tuple(
        Removal(r["text"], r["reason"], r["start"], r["end"]) for r in fields.get("removed") or ()
    )
    return Article(
        id=fields["id"],
        source=fields["source"],
        format=fields["format"],
        title=fields["title"],
        raw_text=fields["raw_text"],
        text=fields["text"],
        removed=removed,
        authors=tuple(fields.get("authors") or ()),
        published=fields.get("published"),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        duplicate_of=fields.get("duplicate_of"),
        duplicate_kind=fields.get("duplicate_kind"),
    )


def row_link(row: Any) -> DuplicateLink:
    return DuplicateLink(row["article_id"], row["original_id"], row["kind"], row["similarity"])


def row_reuse(row: Any) -> ParagraphReuse:
    return ParagraphReuse(
        article_id=row["article_id"],
        paragraph_index=row["paragraph_index"],
        original_id=row["original_id"],
        original_paragraph_index=row["original_paragraph_index"],
        similarity=row["similarity"],
    )


def fact_row(story_id: str, fact: Fact) -> tuple[Any, ...]:
    q = fact.quantity
    quantity = (q.text, q.start, q.end, q.value, q.low, q.high, q.unit, q.bound.value)
    time = (fact.time.text, fact.time.start, fact.time.end) if fact.time else None
    return (
        fact.id,
        story_id,
        fact.article_id,
        fact.sentence_index,
        fact.sentence,
        quantity,
        fact.subject,
        fact.predicate,
        time,
        list(fact.attributed_to),
    )


def row_fact(row: Any) -> Fact:
    q = row["quantity"]
    t = row["time"]
    return Fact(
        id=row["id"],
        article_id=row["article_id"],
        sentence_index=row["sentence_index"],
        sentence=row["sentence"],
        quantity=Quantity(
            text=q["text"],
            start=q["start"],
            end=q["end"],
            value=q["value"],
            low=q["low"],
            high=q["high"],
            unit=q["unit"],
            bound=Bound(q["bound"]),
        ),
        subject=row["subject"],
        predicate=row["predicate"],
        time=TimeRef(t["text"], t["start"], t["end"]) if t is not None else None,
        attributed_to=tuple(row["attributed_to"] or ()),
    )


def group_row(story_id: str, group: FactGroup) -> tuple[Any, ...]:
    return (
        group.id,
        story_id,
        group.subject,
        group.predicate,
        group.label.value,
        group.independent_origins,
        list(group.origins),
        [m.id for m in group.mentions],
    )
