"""Scraped plain text -> RawDocument (title and metadata by the rules in ``_meta``)."""

from __future__ import annotations

from newsdesk.errors import InputError
from newsdesk.ingest._decode import decode_text
from newsdesk.ingest._meta import parse_plain_text
from newsdesk.ingest._types import ReadResult
from newsdesk.records import RawDocument


def read_text(data: bytes, source: str) -> ReadResult:
    """A whole plain-text file: one document."""
    decoded = decode_text(data, source)
    meta = parse_plain_text(decoded.text)
    if not meta.body.strip():
        raise InputError(source, "empty: no text after the title line")
    document = RawDocument(
        source=source,
        format="txt",
        text=meta.body,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        outlet=meta.outlet,
        repairs=decoded.repairs,
    )
    return ReadResult((document,))
