"""RSS / Atom feeds via feedparser: one document per entry.

Body: the longest ``content`` (``content:encoded`` in RSS, ``<content>`` in Atom),
else the summary; HTML is turned into paragraphs. Outlet: the feed's title, else the
entry link's domain. An entry with no text is an error naming ``file#entry<n>``.

Before feedparser sees it, a feed that declares its own XML entities in its DOCTYPE is
refused (that is how entity-expansion bombs work; real feeds never do it), and its element
nesting is measured with lxml (entities never expanded, no DTD or network access): a feed
nested deeper than ``Limits.max_depth`` is refused.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.errors import InputError, InternalError
from newsdesk.ingest._dates import normalise_date
from newsdesk.ingest._html import fragment_to_text
from newsdesk.ingest._meta import clean_outlet, outlet_from_url, split_authors
from newsdesk.ingest._types import ReadResult
from newsdesk.limits import Limits
from newsdesk.records import RawDocument

_EMAIL_RE = re.compile(r"\S+@\S+")
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


class _Depth:
    """An lxml parser target that only tracks how deep elements nest."""

    def __init__(self) -> None:
        self.depth = 0
        self.deepest = 0

    def start(self, tag: str, attrib: object) -> None:
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> int:
        return self.deepest


def declares_entities(data: bytes) -> bool:
    """Does the prolog (everything before the first element) declare an XML entity?"""
    first = _FIRST_ELEMENT.search(data)
    return b"<!ENTITY" in data[: first.start() if first else len(data)]


def nesting_depth(data: bytes) -> int:
    """How deep the elements of an XML document nest (counting stops a little past 256,
    where libxml2 gives up; broken XML is measured as far as it can be read)."""
    from lxml import etree

    target = _Depth()
    parser = etree.XMLParser(
        target=target,
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        for start in range(0, len(data), 1 << 16):
            parser.feed(data[start : start + (1 << 16)])
        parser.close()
    except etree.XMLSyntaxError:
        pass  # feedparser judges broken feeds; only the depth reached matters here
    return target.deepest


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


def _entry_item(entry: Any, source: str, outlet: str | None) -> RawDocument | InputError:
    try:
        return entry_document(entry, source, outlet)
    except InputError as exc:
        return exc
    except Exception as exc:  # the document boundary: one bad entry never stops the feed
        return InternalError.wrap(source, exc, "reading the entry")


def read_feed(data: bytes, source: str, limits: Limits | None = None) -> ReadResult:
    """Every entry of an RSS/Atom feed; unusable entries are errors naming ``file#entry<n>``."""
    limits = limits or Limits()
    if declares_entities(data):
        raise InputError(
            source, "unsupported: the feed declares its own XML entities (entity expansion)"
        )
    if nesting_depth(data) > limits.max_depth:
        raise InputError(source, f"too deeply nested: XML deeper than {limits.max_depth} levels")
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
        item = _entry_item(entry, f"{source}#entry{number}", outlet)
        if isinstance(item, InputError):
            errors.append(item)
        else:
            documents.append(item)
    if not documents and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise InputError(source, f"malformed: no usable entry in a broken feed ({reason})")
    return ReadResult(tuple(documents), tuple(errors))
