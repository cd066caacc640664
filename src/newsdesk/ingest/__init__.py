"""Ingest: read report files of every supported format into :class:`RawDocument` records.

Formats, by suffix (each may be gzipped, ``.gz``). A file of any other suffix named on the
command line is an ``unsupported`` error (:func:`discover`; folders and globs skip such
files); :func:`read_file` called on one sniffs its content (WARC header -> warc, RSS/Atom
root -> feed, HTML-looking -> html, else txt):

- ``.txt`` ``.text`` -> ``txt``: scraped plain text, title/metadata by the ``_meta`` rules
- ``.html`` ``.htm`` ``.xhtml`` -> ``html``: trafilatura main text and metadata
- ``.jsonl`` ``.ndjson`` -> ``jsonl``: one article object a line (``source#L<n>``)
- ``.xml`` ``.rss`` ``.atom`` -> ``feed``: feedparser, one document an entry (``source#entry<n>``)
- ``.warc`` -> ``warc``: warcio, HTML response records (``source#record<n>``); gzipped
  record by record or as a whole file

A file that cannot be used at all raises :class:`InputError` (unreadable, binary,
empty, undecodable, malformed, too large, too deeply nested, unsupported); problems with
single records come back in :attr:`ReadResult.errors` while the rest of the file still
goes in. Everything is read within :class:`~newsdesk.limits.Limits`: JSONL and WARC files
are streamed record by record, other files are read whole only up to their size limit,
and every document's text is capped (``max_text_chars``). Every string of a document is
made valid (:func:`newsdesk._unicode.valid_text`) before anything hashes or stores it, and
an unexpected exception inside one file or record becomes an :class:`InternalError` for
that file or record, never the end of the batch.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from newsdesk._unicode import valid_optional, valid_text
from newsdesk.errors import InputError, InternalError
from newsdesk.ingest._discover import FORMAT_BY_SUFFIX, discover_paths, expand, format_for_name
from newsdesk.ingest._feed import read_feed
from newsdesk.ingest._html import read_html
from newsdesk.ingest._jsonl import iter_jsonl
from newsdesk.ingest._stream import is_gzip, open_input, read_at_most
from newsdesk.ingest._text import read_text
from newsdesk.ingest._types import Item, ReadResult
from newsdesk.ingest._warc import iter_warc
from newsdesk.limits import Limits
from newsdesk.records import RawDocument

__all__ = [
    "FORMAT_BY_SUFFIX",
    "PROGRESS_THRESHOLD",
    "ReadResult",
    "discover",
    "iter_documents",
    "iter_file",
    "read_file",
    "sniff_format",
]

PROGRESS_THRESHOLD = 20
"""``iter_documents(progress=True)`` shows a bar only for more files than this."""
MAX_ERRORS_PER_FILE = 1000
"""Record errors reported one by one for one file; the rest are counted in one last error."""

_WHAT = {"txt": "text file", "html": "HTML page", "feed": "feed"}
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta ",
    b"<title",
    b"<div",
    b"<p>",
    b"<article",
)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: each argument is a file, a folder (walked recursively in sorted
    order, skipping hidden entries and unsupported suffixes) or a glob pattern (``**``
    allowed). An argument that names nothing, or a file of an unknown format, raises
    :class:`InputError`."""
    return discover_paths(paths)


def sniff_format(data: bytes) -> str:
    """The format of (gunzipped) content whose suffix says nothing: ``warc`` for a WARC
    header, ``feed`` for an RSS/Atom root, ``html`` for HTML-looking text, else ``txt``."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if not head.startswith(b"<"):
        return "txt"
    if b"<html" not in head and any(root in head for root in _FEED_ROOTS):
        return "feed"
    if any(marker in head for marker in _HTML_MARKERS):
        return "html"
    return "txt"


def _peek(stream: BinaryIO) -> bytes:
    peek = getattr(stream, "peek", None)
    return bytes(peek(2048)[:2048]) if peek is not None else b""


def _whole_file(fmt: str, data: bytes, source: str, limits: Limits) -> ReadResult:
    if fmt == "txt":
        return read_text(data, source)
    if fmt == "html":
        return read_html(data, source)
    return read_feed(data, source, limits)


def _raw_items(path: Path, limits: Limits) -> Iterator[Item]:
    source = str(path)
    fmt = format_for_name(path.name)
    with open_input(path, limits) as stream:
        fmt = fmt or sniff_format(_peek(stream))
        if fmt == "warc":
            yield from iter_warc(stream, source, limits)
            return
        if is_gzip(stream):
            raise InputError(source, "malformed: gzip data inside gzip data")
        if fmt == "jsonl":
            yield from iter_jsonl(stream, source, limits)
            return
        limit = limits.max_record_bytes if fmt == "txt" else limits.max_markup_bytes
        result = _whole_file(fmt, read_at_most(stream, limit, source, _WHAT[fmt]), source, limits)
    yield from result.documents
    yield from result.errors


def valid_document(doc: RawDocument, limits: Limits) -> RawDocument:
    """``doc`` with every string made valid; ``too large`` when its text is over the limit."""
    if len(doc.text) > limits.max_text_chars:
        raise InputError(
            doc.source,
            f"too large: text of {len(doc.text):,} characters (limit {limits.max_text_chars:,}; "
            "see --max-text)",
        )
    text = valid_text(doc.text)
    if not text.strip():
        raise InputError(doc.source, "empty: only control characters or spaces in the text")
    return replace(
        doc,
        source=valid_text(doc.source),
        text=text,
        title=valid_optional(doc.title),
        authors=tuple(valid_text(a) for a in doc.authors),
        published=valid_optional(doc.published),
        outlet=valid_optional(doc.outlet),
        url=valid_optional(doc.url),
    )


def _checked(item: Item, limits: Limits) -> Item:
    if isinstance(item, InputError):
        return item
    try:
        return valid_document(item, limits)
    except InputError as exc:
        return exc


def iter_file(path: Path, limits: Limits | None = None) -> Iterator[Item]:
    """Documents of one file, or the problems met, one record at a time.

    Raises :class:`InputError` when the file is wholly unusable; an unexpected exception
    becomes an :class:`InternalError` naming the file (records read before it are kept)."""
    limits = limits or Limits()
    path = Path(path)
    try:
        for item in _raw_items(path, limits):
            checked = _checked(item, limits)
            if (
                checked is not item
                and isinstance(checked, InputError)
                and checked.path == str(path)
            ):
                raise checked  # the file's one document is unusable: so is the file
            yield checked
    except InputError:
        raise
    except Exception as exc:  # the file boundary: a bug in a reader never ends the batch
        raise InternalError.wrap(str(path), exc, "reading the file") from exc


def read_file(path: Path, limits: Limits | None = None) -> ReadResult:
    """Read one file into documents; raises :class:`InputError` if it is wholly unusable."""
    documents: list[RawDocument] = []
    errors: list[InputError] = []
    for item in iter_file(path, limits):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            documents.append(item)
    return ReadResult(tuple(documents), tuple(errors))


def _progress_files(files: list[Path], progress: bool) -> Iterator[Path]:
    if not progress or len(files) <= PROGRESS_THRESHOLD:
        yield from files
        return
    from rich.console import Console
    from rich.progress import track

    console = Console(file=sys.stderr)
    yield from track(files, description="Reading", console=console, transient=True)


def _expand_all(paths: Iterable[str | Path], on_error: Callable[[InputError], None]) -> list[Path]:
    files: dict[Path, None] = {}
    for argument in paths:
        try:
            files.update(dict.fromkeys(expand(argument)))
        except InputError as exc:
            on_error(exc)
        except (OSError, ValueError) as exc:  # a name the system refuses (too long, NUL)
            on_error(InputError(str(argument), f"unreadable: {exc}"))
    return list(files)


def iter_documents(
    paths: Iterable[str | Path],
    *,
    on_error: Callable[[InputError], None],
    progress: bool = False,
    limits: Limits | None = None,
) -> Iterator[RawDocument]:
    """Documents of every file under ``paths``, read lazily. Problems (an argument naming
    nothing, a bad file, a bad record, a bug met on one of them) go to ``on_error`` and the
    batch goes on."""
    limits = limits or Limits()
    for path in _progress_files(_expand_all(paths, on_error), progress):
        errors = 0
        try:
            for item in iter_file(path, limits):
                if not isinstance(item, InputError):
                    yield item
                    continue
                errors += 1
                if errors <= MAX_ERRORS_PER_FILE:
                    on_error(item.detached())
        except InputError as exc:
            on_error(exc.detached())
        if errors > MAX_ERRORS_PER_FILE:
            more = errors - MAX_ERRORS_PER_FILE
            on_error(InputError(str(path), f"{more:,} more bad records not listed"))
