"""WARC archives via warcio: each HTTP response record with an HTML body is a page.

The page goes through the same trafilatura extraction as an HTML file. URL: the
record's ``WARC-Target-URI``; date: the page's own, else ``WARC-Date``. Records that
are not 2xx HTML responses (requests, metadata, images, redirects) are skipped;
an HTML response that cannot be used is an error naming ``file#record<n>``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest._dates import normalise_date
from newsdesk.ingest._decode import load_text, sniff_charset
from newsdesk.ingest._html import extract_article
from newsdesk.ingest._types import ReadResult
from newsdesk.records import RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _records(data: bytes) -> Iterator[Any]:
    from warcio.archiveiterator import ArchiveIterator

    yield from ArchiveIterator(io.BytesIO(data))


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


def record_document(record: Any, source: str) -> RawDocument:
    """One HTML response record as a document."""
    try:
        payload = record.content_stream().read()
    except Exception as exc:  # warcio decoding chunked/gzip bodies: any failure is malformed
        raise InputError(source, f"malformed: record body cannot be read ({exc})") from exc
    html = load_text(payload, source, declared=_header_charset(record) or sniff_charset(payload))
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    warc_date = normalise_date(record.rec_headers.get_header("WARC-Date") or "")
    return extract_article(html, source, fmt="warc", url=url, fallback_date=warc_date)


def read_warc(data: bytes, source: str) -> ReadResult:
    """Every HTML response in a WARC (plain or gzipped)."""
    documents: list[RawDocument] = []
    errors: list[InputError] = []
    number = 0
    try:
        for number, record in enumerate(_records(data), 1):
            if _is_html_response(record):
                try:
                    documents.append(record_document(record, f"{source}#record{number}"))
                except InputError as exc:
                    errors.append(exc)
    except Exception as exc:  # warcio raises assorted errors on a damaged archive
        if number == 0:
            raise InputError(source, f"malformed: not a readable WARC file ({exc})") from exc
        errors.append(InputError(f"{source}#record{number + 1}", f"malformed: {exc}"))
    if not documents and not errors:
        raise InputError(source, "empty: no HTML response records")
    return ReadResult(tuple(documents), tuple(errors))
