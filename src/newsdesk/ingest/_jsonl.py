"""JSON Lines: one article object per line.

Fields (first present wins): ``url``; ``outlet``/``source``/``site``/``sitename``/
``publisher``; ``title``/``headline``; ``published``/``date``/``published_at``/
``pubDate``; ``author``/``authors`` (a string or a list); the body as plain text in
``text``/``body``/``content`` or as HTML in ``html``. JSON fields win; missing
authors, date and outlet are recovered from plain text by the ``_meta`` rules, and
the URL's domain stands in for a missing outlet.

The file is read one line at a time (each line at most ``Limits.max_record_bytes``, its
JSON at most ``Limits.max_depth`` deep, an ``html`` field at most ``max_markup_bytes``), so
a file of any size is read in bounded memory. Lines are UTF-8 (a UTF-16/32 file with a BOM
is decoded whole).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsdesk.errors import InputError, InternalError
from newsdesk.ingest._dates import normalise_date
from newsdesk.ingest._decode import check_not_binary, load_text, require_content
from newsdesk.ingest._html import extract_article
from newsdesk.ingest._meta import clean_outlet, outlet_from_url, recover_meta, split_authors
from newsdesk.ingest._stream import BUFFER, read_at_most
from newsdesk.ingest._types import Item
from newsdesk.limits import Limits
from newsdesk.records import RawDocument

_OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("published", "date", "published_at", "pubDate", "datePublished")
_TEXT_KEYS = ("text", "body", "content")
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_MAX_PENDING = 100
Lines = Iterator[tuple[int, str | InputError]]
"""Bad lines held back while no line has been valid JSON yet (then the file is one error)."""


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


def _depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _record_item(record: Any, source: str, where: str, limits: Limits) -> Item:
    if _depth(record) > limits.max_depth:
        return InputError(where, f"too deeply nested: JSON deeper than {limits.max_depth} levels")
    if isinstance(record, dict) and _string(record, _TEXT_KEYS) is None:
        html = record.get("html")
        if isinstance(html, str) and len(html) > limits.max_markup_bytes:
            return InputError(
                where, f"too large: html field over {limits.max_markup_bytes} characters"
            )
    try:
        return record_document(record, source, where)
    except InputError as exc:
        return exc
    except Exception as exc:  # the document boundary: one bad record never stops the file
        return InternalError.wrap(where, exc, "reading the record")


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(BUFFER)
        if not chunk or chunk.endswith(b"\n"):
            return


def _byte_lines(stream: BinaryIO, source: str, limit: int) -> Lines:
    """UTF-8 lines (numbered from 1, blank ones skipped), each at most ``limit`` bytes."""
    number = 0
    while raw := stream.readline(limit + 1):
        number += 1
        where = f"{source}:{number}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, InputError(where, f"too large: line over {limit} bytes")
            continue
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            yield number, load_text(raw.rstrip(b"\r\n"), where)
        except InputError as exc:
            yield number, exc


def _wide_lines(stream: BinaryIO, source: str, limit: int) -> Lines:
    """Lines of a UTF-16/32 file (marked by its BOM), decoded as a whole."""
    text = load_text(read_at_most(stream, limit, source, "JSON Lines file"), source)
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield number, line


def _lines(stream: BinaryIO, source: str, limits: Limits) -> Lines:
    head = stream.peek(BUFFER)[:BUFFER] if hasattr(stream, "peek") else b""
    require_content(head, source)
    check_not_binary(head, source)
    if head.startswith(_WIDE_BOMS):
        return _wide_lines(stream, source, limits.max_record_bytes)
    return _byte_lines(stream, source, limits.max_record_bytes)


def _parse(number: int, line: str | InputError, source: str, limits: Limits) -> tuple[Item, bool]:
    """The line's document or error, and whether the line was valid JSON."""
    if isinstance(line, InputError):
        return line, False
    where = f"{source}:{number}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        return InputError(where, f"malformed: invalid JSON ({exc})"), False
    return _record_item(record, f"{source}#L{number}", where, limits), True


def _no_valid_line(source: str, first: InputError | None) -> InputError:
    if first is None:
        return InputError(source, "empty: no text at all")
    line_no = first.path.rsplit(":", 1)[1]
    if first.problem.startswith("malformed: "):
        reason = first.problem.removeprefix("malformed: ")
        return InputError(source, f"malformed: no line is valid JSON (line {line_no}: {reason})")
    return InputError(source, f"{first.problem} (line {line_no}; no line is usable)")


def iter_jsonl(stream: BinaryIO, source: str, limits: Limits) -> Iterator[Item]:
    """Every line an article, read one line at a time; bad lines are errors naming
    ``file:line``. A file none of whose lines is JSON is one error for the whole file."""
    pending: list[InputError] = []
    first: InputError | None = None
    dropped = 0
    valid = False
    for number, line in _lines(stream, source, limits):
        item, parsed = _parse(number, line, source, limits)
        if valid:
            yield item
            continue
        if parsed:
            valid = True
            yield from pending
            if dropped:
                yield InputError(source, f"{dropped} more bad lines before line {number}")
            yield item
            continue
        assert isinstance(item, InputError)
        first = first or item
        if len(pending) < _MAX_PENDING:
            pending.append(item)
        else:
            dropped += 1
    if not valid:
        raise _no_valid_line(source, first)
