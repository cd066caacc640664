"""Metadata of an HTML page, read from the tree already parsed for the body (one pass).

Needs the lxml tree trafilatura's ``load_html`` builds; produces :class:`PageMeta`. Only
cheap lookups, in this order of trust:

title
    ``og:title`` / ``twitter:title`` / JSON-LD ``headline``, else the ``<title>`` without
    its site part (``Headline | Site``), else the first ``<h1>``.
authors
    ``<meta name="author">``, ``article:author`` (when not a URL), JSON-LD ``author``,
    else the text of the first element marked as a byline (``rel=author``, ``byline``).
published
    ``article:published_time`` and the other common date metas, ``itemprop=datePublished``,
    JSON-LD ``datePublished``, the first ``<time datetime>``, else a date in the URL path.
outlet
    ``og:site_name``, JSON-LD ``publisher.name``, ``application-name``.
url
    ``<link rel="canonical">``, else ``og:url``.

Nothing here searches the visible text for dates (what makes a full metadata pass slow).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsdesk.ingest._dates import normalise_date

_TITLE_META = ("og:title", "twitter:title", "title", "dc.title", "sailthru.title")
_AUTHOR_META = (
    "author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author",
)  # fmt: skip
_DATE_META = (
    "article:published_time", "og:published_time", "article:published", "published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    "og:updated_time", "article:modified_time", "last-modified",
)  # fmt: skip

_TITLE_SEPARATOR = re.compile(r"\s+[|–—•·»:-]\s+")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|\D)")
_BYLINE_XPATH = (
    '//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
    ' or contains(@class, "author-name")]'
)
_MAX_BYLINE_CHARS = 120


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    authors: str | None = None
    """Raw author text (the caller splits it into names)."""
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


def _squash(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _metas(tree: Any) -> dict[str, str]:
    """``<meta>`` contents by lower-cased name/property/itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = _squash(meta.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key and key not in found:
                found[key] = content
    return found


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page (``@graph`` members and list items included)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))


def _ld_name(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _squash(value.get("name"))
    return _squash(value)


def _ld_field(objects: list[dict[str, Any]], key: str) -> str | None:
    for obj in objects:
        value = _ld_name(obj.get(key)) if key in ("author", "publisher") else obj.get(key)
        text = _squash(value)
        if text:
            return text
    return None


def _first(metas: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in metas:
            return metas[name]
    return None


def _title_element(tree: Any) -> str | None:
    element = tree.find(".//title")
    text = _squash(element.text_content()) if element is not None else None
    if text is None:
        return None
    parts = _TITLE_SEPARATOR.split(text)
    return max(parts, key=len) if len(parts) > 1 else text


def _h1(tree: Any) -> str | None:
    for element in tree.iter("h1"):
        text = _squash(element.text_content())
        if text:
            return text
    return None


def _time_element(tree: Any) -> str | None:
    for element in tree.iter("time"):
        found = normalise_date(element.get("datetime") or element.text_content())
        if found:
            return found
    return None


def _byline(tree: Any) -> str | None:
    for element in tree.xpath(_BYLINE_XPATH)[:5]:
        text = _squash(element.text_content())
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return re.sub(r"^(?i:by)\s+", "", text)
    return None


def _url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    if m is None:
        return None
    return normalise_date(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")


def _canonical(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            href = _squash(link.get("href"))
            if href and href.startswith(("http://", "https://")):
                return href
    return None


def page_meta(tree: Any, url: str | None = None) -> PageMeta:
    """The page's metadata by the lookups in the module docstring."""
    metas = _metas(tree)
    ld = list(_json_ld(tree))
    page_url = url or _canonical(tree) or _first(metas, ("og:url",))
    author = _first(metas, _AUTHOR_META)
    if author and author.startswith(("http://", "https://")):
        author = None
    published = next(
        (
            d
            for d in (
                normalise_date(_first(metas, _DATE_META)),
                normalise_date(_ld_field(ld, "datePublished")),
                _time_element(tree),
                _url_date(page_url),
            )
            if d
        ),
        None,
    )
    return PageMeta(
        title=_first(metas, _TITLE_META) or _ld_field(ld, "headline") or _title_element(tree)
        or _h1(tree),
        authors=author or _ld_field(ld, "author") or _byline(tree),
        published=published,
        outlet=_first(metas, ("og:site_name",)) or _ld_field(ld, "publisher")
        or _first(metas, ("application-name",)),
        url=page_url,
    )  # fmt: skip
