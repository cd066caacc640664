"""RSS / Atom feeds via feedparser: one document per entry.

Body: the longest ``content`` (``content:encoded`` in RSS, ``<content>`` in Atom),
else the summary; HTML is turned into paragraphs. Outlet: the feed's title, else the
entry link's domain. An entry with no text is an error naming ``file#entry<n>``.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest._dates import normalise_date
from newsdesk.ingest._html import fragment_to_text
from newsdesk.ingest._meta import clean_outlet, outlet_from_url, split_authors
from newsdesk.ingest._types import ReadResult
from newsdesk.records import RawDocument

_EMAIL_RE = re.compile(r"\S+@\S+")


def _parse(data: bytes, source: str) -> Any:
    import feedparser

    try:
        # Bytes, never a str: feedparser would treat a str that looks like a URL as one.
        return feedparser.parse(data)
    except Exception as exc:  # third-party parser: any failure means unparseable input
        raise InputError(source, f"malformed: feed could not be parsed ({exc})") from exc


def _author_name(raw: str) -> str:
    """``jane@example.com (Jane Doe)`` -> ``Jane Doe``."""
    inside = re.search(r"\(([^()]+)\)", raw)
    name = inside.group(1) if inside and _EMAIL_RE.search(raw) else _EMAIL_RE.sub("", raw)
    return " ".join(name.split()).strip(" ,;()")


def _authors(entry: Any) -> tuple[str, ...]:
    raw = str(entry.get("author") or "")
    if _EMAIL_RE.search(raw):  # feedparser splits "mail (Name)" badly for some domains
        names = [_author_name(raw)]
    else:
        names = [_author_name(str(a.get("name", ""))) for a in entry.get("authors") or []]
        names = names if any(names) else [_author_name(raw)]
    out: list[str] = []
    for name in filter(None, names):
        out.extend(split_authors(name) or (name,))
    return tuple(dict.fromkeys(out))


def _as_text(value: str, kind: str) -> str:
    if "html" in kind or "<" in value:
        return fragment_to_text(value)
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", value) if p.strip())


def _body(entry: Any) -> str:
    contents = [c for c in entry.get("content") or [] if str(c.get("value", "")).strip()]
    if contents:
        best = max(contents, key=lambda c: len(str(c.get("value", ""))))
        text = _as_text(str(best.get("value", "")), str(best.get("type", "")))
        if text:
            return text
    detail = entry.get("summary_detail") or {}
    return _as_text(str(entry.get("summary") or ""), str(detail.get("type", "")))


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        parsed = normalise_date(entry.get(f"{key}_parsed")) or normalise_date(entry.get(key))
        if parsed:
            return parsed
    return None


def entry_document(entry: Any, source: str, feed_outlet: str | None) -> RawDocument:
    """One feed entry as a document (``empty`` when it carries no text)."""
    try:
        text = _body(entry)
    except RecursionError as exc:
        raise InputError(source, "malformed: entry content nested too deeply") from exc
    if not text:
        raise InputError(source, "empty: entry has no content or summary")
    title = " ".join(str(entry.get("title") or "").split()) or None
    url = str(entry.get("link") or "") or None
    return RawDocument(
        source=source,
        format="feed",
        text=text,
        title=title,
        authors=_authors(entry),
        published=_published(entry),
        outlet=feed_outlet or outlet_from_url(url),
        url=url,
    )


def read_feed(data: bytes, source: str) -> ReadResult:
    """Every entry of an RSS/Atom feed; unusable entries are errors naming ``file#entry<n>``."""
    parsed = _parse(data, source)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise InputError(source, f"malformed: not a readable RSS/Atom feed ({reason})")
        raise InputError(source, "empty: feed has no entries")
    outlet = clean_outlet(str((parsed.get("feed") or {}).get("title") or "")) or None
    documents: list[RawDocument] = []
    errors: list[InputError] = []
    for number, entry in enumerate(entries, 1):
        try:
            documents.append(entry_document(entry, f"{source}#entry{number}", outlet))
        except InputError as exc:
            errors.append(exc)
    if not documents and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise InputError(source, f"malformed: no usable entry in a broken feed ({reason})")
    return ReadResult(tuple(documents), tuple(errors))
