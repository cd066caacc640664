"""JSON Lines: one article object per line.

Fields (first present wins): ``url``; ``outlet``/``source``/``site``/``sitename``/
``publisher``; ``title``/``headline``; ``published``/``date``/``published_at``/
``pubDate``; ``author``/``authors`` (a string or a list); the body as plain text in
``text``/``body``/``content`` or as HTML in ``html``. JSON fields win; missing
authors, date and outlet are recovered from plain text by the ``_meta`` rules, and
the URL's domain stands in for a missing outlet.
"""

from __future__ import annotations

import json
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest._dates import normalise_date
from newsdesk.ingest._decode import load_text
from newsdesk.ingest._html import extract_article
from newsdesk.ingest._meta import clean_outlet, outlet_from_url, recover_meta, split_authors
from newsdesk.ingest._types import ReadResult
from newsdesk.records import RawDocument

_OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("published", "date", "published_at", "pubDate", "datePublished")
_TEXT_KEYS = ("text", "body", "content")


def _string(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _authors(record: dict[str, Any]) -> tuple[str, ...]:
    value = record.get("authors", record.get("author"))
    if isinstance(value, str):
        value = " ".join(value.split())
        return (split_authors(value) or (value,)) if value else ()
    if isinstance(value, list):
        names = (" ".join(v.split()) for v in value if isinstance(v, str))
        return tuple(dict.fromkeys(n for n in names if n))
    return ()


def _from_text(record: dict[str, Any], text: str, source: str) -> RawDocument:
    authors, published, outlet = recover_meta(text)
    url = _string(record, ("url", "link"))
    return RawDocument(
        source=source,
        format="jsonl",
        text=text,
        title=_string(record, _TITLE_KEYS),
        authors=_authors(record) or authors,
        published=normalise_date(_string(record, _DATE_KEYS)) or published,
        outlet=clean_outlet(_string(record, _OUTLET_KEYS)) or outlet or outlet_from_url(url),
        url=url,
    )


def _from_html(record: dict[str, Any], html: str, source: str) -> RawDocument:
    url = _string(record, ("url", "link"))
    page = extract_article(html, source, fmt="jsonl", url=url)
    return RawDocument(
        source=source,
        format="jsonl",
        text=page.text,
        title=_string(record, _TITLE_KEYS) or page.title,
        authors=_authors(record) or page.authors,
        published=normalise_date(_string(record, _DATE_KEYS)) or page.published,
        outlet=clean_outlet(_string(record, _OUTLET_KEYS)) or page.outlet,
        url=url or page.url,
    )


def record_document(record: Any, source: str, where: str) -> RawDocument:
    """One parsed line as a document; ``where`` (``file:line``) names it in errors."""
    if not isinstance(record, dict):
        raise InputError(where, f"malformed: a JSON {type(record).__name__}, not an object")
    text = _string(record, _TEXT_KEYS)
    if text is not None:
        return _from_text(record, text.replace("\r\n", "\n"), source)
    html = _string(record, ("html",))
    if html is not None:
        try:
            return _from_html(record, html, source)
        except InputError as exc:
            raise InputError(where, exc.problem) from exc
    raise InputError(where, "malformed: no text or html field")


def read_jsonl(data: bytes, source: str) -> ReadResult:
    """Every line an article; bad lines are errors naming ``file:line``."""
    documents: list[RawDocument] = []
    errors: list[InputError] = []
    parsed = 0
    for number, line in enumerate(load_text(data, source).split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
            errors.append(InputError(where, f"malformed: invalid JSON ({exc})"))
            continue
        parsed += 1
        try:
            documents.append(record_document(record, f"{source}#L{number}", where))
        except InputError as exc:
            errors.append(exc)
    if parsed == 0:
        first = errors[0]
        line_no = first.path.rsplit(":", 1)[1]
        reason = first.problem.removeprefix("malformed: ")
        raise InputError(source, f"malformed: no line is valid JSON (line {line_no}: {reason})")
    return ReadResult(tuple(documents), tuple(errors))
