"""Fetched bytes -> :class:`RawDocument` records, through the same readers as files.

Needs: a :class:`Fetched` response (2xx).
Produces: :class:`Parsed`: the documents ready to store, the feed entries that carry
only a summary (their link is to be fetched as an article page) and per-entry problems.

The body is turned into BOM + UTF-8 by :mod:`._charset` (header and content decide the
charset), its kind is sniffed (feed, HTML page, plain text) with the content type as a
tie-breaker, and the ingest readers do the rest (``read_feed`` / ``read_html`` /
``read_text`` on bytes). Documents keep the URL: a page's ``source`` is the URL asked
for and ``url`` where it was found; a feed entry's ``source`` and ``url`` are its link
(its guid when it has none), so an entry keeps its article id when the feed shifts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import InputError
from newsdesk.fetch._charset import as_utf8
from newsdesk.fetch._types import Fetched, FetchError
from newsdesk.records import RawDocument, content_hash

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+xml",
    }
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class SummaryEntry:
    """A feed entry with only a summary: its article page is to be fetched."""

    link: str
    summary: RawDocument | None
    """The entry as the feed gives it, stored if the page cannot be fetched."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one response yielded."""

    kind: str
    """``feed``, ``html`` or ``txt``."""
    documents: tuple[RawDocument, ...]
    summaries: tuple[SummaryEntry, ...] = ()
    errors: tuple[InputError, ...] = ()


def kind_of(data: bytes, media_type: str, url: str) -> str:
    """``feed``, ``html`` or ``txt`` by the content first, then the content type."""
    from newsdesk.ingest import sniff_format

    sniffed = sniff_format(data)
    if sniffed in ("feed", "html"):
        return sniffed
    if media_type in HTML_TYPES:
        return "html"
    if media_type in FEED_TYPES or media_type.endswith("+xml"):
        return "feed"
    if sniffed == "txt" and (media_type in ("", "text/plain")):
        return "txt"
    raise FetchError(url, f"unsupported: content type {media_type or 'unknown'}")


def host_outlet(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, the outlet of last resort."""
    import httpx

    try:
        host = httpx.URL(url or "").host
    except (httpx.InvalidURL, ValueError):
        return None
    return host.removeprefix("www.") if "." in host else None


def parse_response(fetched: Fetched, *, summary_words: int) -> Parsed:
    """The documents of one fetched response (see the module docstring)."""
    data = as_utf8(fetched.content, fetched.charset, fetched.url)
    kind = kind_of(data, fetched.content_type, fetched.url)
    if kind == "feed":
        return _feed(data, fetched, summary_words)
    if kind == "html":
        from newsdesk.ingest._html import read_html

        result = read_html(data, fetched.url)
    else:
        from newsdesk.ingest._text import read_text

        result = read_text(data, fetched.url)
    docs = tuple(_located(doc, fetched) for doc in result.documents)
    return Parsed(kind, docs, errors=result.errors)


def _located(doc: RawDocument, fetched: Fetched) -> RawDocument:
    return dataclasses.replace(
        doc,
        source=fetched.url,
        url=fetched.final_url,
        outlet=doc.outlet or host_outlet(fetched.final_url),
    )


def page_document(fetched: Fetched, entry: SummaryEntry) -> RawDocument:
    """An entry's article page as a document; what the page lacks comes from the entry."""
    parsed = parse_response(fetched, summary_words=0)
    if parsed.kind == "feed":
        raise FetchError(fetched.url, "unsupported: the link is a feed, not an article page")
    if not parsed.documents:
        raise parsed.errors[0] if parsed.errors else FetchError(fetched.url, "empty page")
    doc = parsed.documents[0]
    summary = entry.summary
    if summary is None:
        return doc
    return dataclasses.replace(
        doc,
        title=doc.title or summary.title,
        authors=doc.authors or summary.authors,
        published=doc.published or summary.published,
        outlet=(summary.outlet or doc.outlet) if doc.outlet == host_outlet(doc.url) else doc.outlet,
    )


# ---------------------------------------------------------------- feeds


def _entry_number(source: str) -> int:
    _, _, number = source.rpartition("#entry")
    return int(number) if number.isdigit() else 0


def _full_content(entry: Any) -> bool:
    return any(str(c.get("value", "")).strip() for c in entry.get("content") or [])


def _link(entry: Any, base: str) -> str | None:
    import httpx

    link = str(entry.get("link") or "").strip()
    if not link:
        return None
    try:
        absolute = httpx.URL(base).join(link)
    except (httpx.InvalidURL, ValueError):
        return None
    return str(absolute) if absolute.scheme in ("http", "https") else None


def _feed(data: bytes, fetched: Fetched, summary_words: int) -> Parsed:
    import feedparser

    from newsdesk.ingest._feed import read_feed

    result = read_feed(data, fetched.url)
    entries = list(feedparser.parse(data).get("entries") or [])
    by_number = {_entry_number(doc.source): doc for doc in result.documents}
    problems = {_entry_number(err.path): err for err in result.errors}
    documents: list[RawDocument] = []
    summaries: list[SummaryEntry] = []
    errors: list[InputError] = []
    for number, entry in enumerate(entries, 1):
        doc = by_number.get(number)
        link = _link(entry, fetched.final_url)
        if doc is not None:
            guid = str(entry.get("id") or "") or content_hash(doc.title, doc.text)[:16]
            key = link or f"{fetched.url}#{guid}"
            doc = dataclasses.replace(doc, source=key, url=link or doc.url)
        short = doc is None or len(doc.text.split()) < summary_words
        if link and short and not _full_content(entry):
            summaries.append(SummaryEntry(link, doc))
        elif doc is not None:
            documents.append(doc)
        elif number in problems:
            errors.append(problems[number])
    return Parsed("feed", tuple(documents), tuple(summaries), tuple(errors))
