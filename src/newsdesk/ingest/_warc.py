"""WARC archives via warcio: each HTTP response record with an HTML body is a page.

The page goes through the same decoding and extraction as an HTML file, and what
decoding repaired (a charset that did not fit, dropped NUL bytes, replaced bytes) is
kept in the document's ``repairs`` as for an HTML file. URL: the
record's ``WARC-Target-URI``; date: the page's own, else ``WARC-Date``. Records that
are not 2xx HTML responses (requests, metadata, images, redirects) are skipped;
an HTML response that cannot be used is an error naming ``file#record<n>``.

The archive is read as a stream, one record at a time: gzip (record by record, or the
whole file at once) is undone by the bounded reader of ``_stream`` before warcio sees the
bytes, and each page body is read only up to ``Limits.max_markup_bytes``, so an archive
of any size, or a record that inflates without end, is read in bounded memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsdesk.errors import InputError, InternalError
from newsdesk.ingest._dates import normalise_date
from newsdesk.ingest._decode import decode_text, sniff_charset
from newsdesk.ingest._html import extract_article
from newsdesk.ingest._stream import StreamError, is_gzip
from newsdesk.ingest._types import Item
from newsdesk.limits import Limits
from newsdesk.records import RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _records(stream: BinaryIO) -> Iterator[Any]:
    from warcio.archiveiterator import ArchiveIterator

    class Quiet(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""  # warcio prints this warning to stderr itself; the next read judges

    yield from Quiet(stream)


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = str(record.http_headers.get_statuscode() or "")
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(_HTML_TYPES)


def _header_charset(record: Any) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _payload(record: Any, source: str, limit: int) -> bytes:
    try:
        payload: bytes = record.content_stream().read(limit + 1)
    except StreamError:
        raise
    except Exception as exc:  # warcio decoding chunked/gzip bodies: any failure is malformed
        raise InputError(source, f"malformed: record body cannot be read ({exc})") from exc
    if len(payload) > limit:
        raise InputError(source, f"too large: page over {limit} bytes")
    return payload


def record_document(record: Any, source: str, limits: Limits | None = None) -> RawDocument:
    """One HTML response record as a document."""
    limits = limits or Limits()
    payload = _payload(record, source, limits.max_markup_bytes)
    declared = _header_charset(record) or sniff_charset(payload)
    decoded = decode_text(payload, source, declared=declared)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    warc_date = normalise_date(record.rec_headers.get_header("WARC-Date") or "")
    return extract_article(
        decoded.text,
        source,
        fmt="warc",
        url=url,
        fallback_date=warc_date,
        repairs=decoded.repairs,
    )


def _record_item(record: Any, source: str, limits: Limits) -> Item | None:
    try:
        if not _is_html_response(record):
            return None
        return record_document(record, source, limits)
    except StreamError:
        raise
    except InputError as exc:
        return exc
    except Exception as exc:  # the document boundary: one bad record never stops the file
        return InternalError.wrap(source, exc, "reading the record")


def iter_warc(stream: BinaryIO, source: str, limits: Limits) -> Iterator[Item]:
    """Every HTML response in a WARC (already gunzipped by the caller's stream)."""
    if is_gzip(stream):
        raise InputError(source, "malformed: gzip data inside gzip data")
    found = False
    number = 0
    try:
        for number, record in enumerate(_records(stream), 1):
            item = _record_item(record, f"{source}#record{number}", limits)
            if item is not None:
                found = True
                yield item
    except InputError as exc:  # a limit of the stream itself (too large, broken gzip)
        if number == 0:
            raise
        found = True
        yield exc
    except Exception as exc:  # warcio raises assorted errors on a damaged archive
        if number == 0:
            raise InputError(source, f"malformed: not a readable WARC file ({exc})") from exc
        found = True
        yield InputError(f"{source}#record{number + 1}", f"malformed: {exc}")
    if not found:
        raise InputError(source, "empty: no HTML response records")
