"""WARC records for the Spark job: split archives into HTML responses, extract each one.

Needs: a WARC file (plain or gzipped) as a seekable binary stream; warcio.
Produces: :class:`WarcRecord` (one HTML response record's stored bytes, named
``file#record<n>`` as :mod:`newsdesk.ingest` names it) and, per record, the
:class:`~newsdesk.records.RawDocument` that newsdesk's own WARC reader makes of it.

Splitting and extracting are separate steps so that the expensive one (HTML extraction)
can be spread over executors after a shuffle: one CC-NEWS file holds tens of thousands
of records. A record's stored bytes are a complete WARC on their own (each record of a
``.warc.gz`` is its own gzip member), so extraction reads them back with warcio and hands
the record to :func:`newsdesk.ingest._warc.record_document`, the same code path as
``newsdesk ingest``: same filtering, charset handling, date fallback and extraction.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from newsdesk.errors import InputError
from newsdesk.records import RawDocument


@dataclass(frozen=True, slots=True)
class WarcRecord:
    """One HTML response record, as stored in its archive."""

    source: str
    """``path#record<n>`` (``n`` counts every record of the file from 1, like ingest)."""
    file_index: int
    """Position of the archive in the job's input list (orders articles like ingest)."""
    number: int
    raw: bytes


@dataclass(frozen=True, slots=True)
class Problem:
    """An input the job could not use: a whole file or one record (``file#record<n>``)."""

    source: str
    message: str

    @classmethod
    def of(cls, error: InputError) -> Problem:
        return cls(error.path, error.problem)


def _is_html_response(record: Any) -> bool:
    from newsdesk.ingest._warc import _is_html_response as is_html

    return bool(is_html(record))


def split_records(
    stream: IO[bytes], copy: IO[bytes], path: str, file_index: int
) -> Iterator[WarcRecord | Problem]:
    """The HTML response records of one archive, then any problem met on the way.

    ``stream`` is read by warcio; ``copy`` is a second handle on the same bytes from which
    each record's stored span is cut (warcio buffers ``stream``, so it cannot seek back).
    Problems follow ``newsdesk.ingest``: an archive that cannot be read at all, a damaged
    record (the records before it still count), or an archive with no HTML responses.
    """
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    found = 0
    last = (0, 0)
    try:
        it = ArchiveIterator(stream)
        for number, record in enumerate(it, 1):
            html = _is_html_response(record)
            it.read_to_end(record)
            last = (it.get_record_offset(), it.get_record_length())
            if not html:
                continue
            copy.seek(it.get_record_offset())
            raw = copy.read(it.get_record_length())
            found += 1
            yield WarcRecord(f"{path}#record{number}", file_index, number, raw)
    except Exception as exc:  # warcio raises assorted errors on a damaged archive
        if number == 0:
            yield Problem(path, f"malformed: not a readable WARC file ({exc})")
        else:
            yield Problem(f"{path}#record{number + 1}", f"malformed: {exc}")
        return
    if _cut_off(copy, *last):  # warcio stops quietly where the archive is cut off
        yield Problem(f"{path}#record{number}", "malformed: the archive ends inside a record")
        return
    if not found:
        yield Problem(path, "empty: no HTML response records")


def split_file(path: str, file_index: int) -> Iterator[WarcRecord | Problem]:
    """:func:`split_records` of a file on a local (or locally mounted) file system."""
    try:
        with open(path, "rb") as stream, open(path, "rb") as copy:
            if not stream.read(1):
                yield Problem(path, "empty: file is empty")
                return
            stream.seek(0)
            yield from split_records(stream, copy, path, file_index)
    except OSError as exc:
        yield Problem(path, f"unreadable: {exc.strerror or exc}")


def _cut_off(copy: IO[bytes], offset: int, length: int) -> bool:
    """Does the archive end inside its last record (a gzip member without its end, or
    bytes after the last whole record)?"""
    copy.seek(offset)
    span = copy.read(length)
    if span[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(wbits=31)
        try:
            while span and not inflater.eof:
                inflater.decompress(span, 1 << 20)
                span = inflater.unconsumed_tail
        except zlib.error:
            return True
        if not inflater.eof:
            return True
    return bool(copy.read(4096).strip(b"\x00\r\n"))


def split_bytes(data: bytes, path: str, file_index: int) -> Iterator[WarcRecord | Problem]:
    """:func:`split_records` of an archive already in memory (Spark's ``binaryFile``)."""
    if not data:
        yield Problem(path, "empty: file is empty")
        return
    yield from split_records(io.BytesIO(data), io.BytesIO(data), path, file_index)


def record_document(record: WarcRecord) -> RawDocument:
    """The document of one record, exactly as ``newsdesk ingest`` reads it.

    Raises :class:`~newsdesk.errors.InputError` naming ``file#record<n>`` when the page
    cannot be used (unreadable body, undecodable, no article text)."""
    from warcio.archiveiterator import ArchiveIterator

    from newsdesk.ingest._warc import record_document as read_record

    try:
        parsed = next(iter(ArchiveIterator(io.BytesIO(record.raw))))
    except Exception as exc:  # a span that warcio read once but cannot re-read
        raise InputError(record.source, f"malformed: {exc}") from exc
    doc: RawDocument = read_record(parsed, record.source)
    return doc
