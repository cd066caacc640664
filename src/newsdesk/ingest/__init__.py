"""Ingest: read report files of every supported format into :class:`RawDocument` records.

Formats, by suffix (each may be gzipped, ``.gz``); an unknown suffix is sniffed
(WARC header -> warc, RSS/Atom root -> feed, HTML-looking -> html, else txt):

- ``.txt`` ``.text`` -> ``txt``: scraped plain text, title/metadata by the ``_meta`` rules
- ``.html`` ``.htm`` ``.xhtml`` -> ``html``: trafilatura main text and metadata
- ``.jsonl`` ``.ndjson`` -> ``jsonl``: one article object a line (``source#L<n>``)
- ``.xml`` ``.rss`` ``.atom`` -> ``feed``: feedparser, one document an entry (``source#entry<n>``)
- ``.warc`` -> ``warc``: warcio, HTML response records (``source#record<n>``)

A file that cannot be used at all raises :class:`InputError` (unreadable, binary,
empty, undecodable, malformed); problems with single records come back in
:attr:`ReadResult.errors` while the rest of the file still goes in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.ingest._decode import GZIP_MAGIC, gunzip, read_bytes, require_content
from newsdesk.ingest._discover import FORMAT_BY_SUFFIX, discover_paths, expand, format_for_name
from newsdesk.ingest._feed import read_feed
from newsdesk.ingest._html import read_html
from newsdesk.ingest._jsonl import read_jsonl
from newsdesk.ingest._text import read_text
from newsdesk.ingest._types import ReadResult
from newsdesk.ingest._warc import read_warc
from newsdesk.records import RawDocument

__all__ = [
    "FORMAT_BY_SUFFIX",
    "PROGRESS_THRESHOLD",
    "ReadResult",
    "discover",
    "iter_documents",
    "read_file",
    "sniff_format",
]

PROGRESS_THRESHOLD = 20
"""``iter_documents(progress=True)`` shows a bar only for more files than this."""

_READERS: dict[str, Callable[[bytes, str], ReadResult]] = {
    "txt": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
}
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
    allowed). An argument that names nothing raises :class:`InputError`."""
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


def _gz_is_warc(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def read_file(path: Path) -> ReadResult:
    """Read one file into documents; raises :class:`InputError` if it is wholly unusable."""
    path = Path(path)
    source = str(path)
    data = read_bytes(path)
    require_content(data, source)
    fmt = format_for_name(path.name)
    if fmt == "warc" or (fmt is None and _gz_is_warc(path)):
        return read_warc(data, source)
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, source)
        require_content(data, source)
    fmt = fmt or sniff_format(data)
    if fmt == "warc":
        return read_warc(data, source)
    return _READERS[fmt](data, source)


def _progress_files(files: list[Path], progress: bool) -> Iterator[Path]:
    if not progress or len(files) <= PROGRESS_THRESHOLD:
        yield from files
        return
    from rich.console import Console
    from rich.progress import track

    console = Console(file=sys.stderr)
    yield from track(files, description="Reading", console=console, transient=True)


def iter_documents(
    paths: Iterable[str | Path],
    *,
    on_error: Callable[[InputError], None],
    progress: bool = False,
) -> Iterator[RawDocument]:
    """Documents of every file under ``paths``. Problems (an argument naming nothing, a
    bad file, a bad record) go to ``on_error`` and the batch goes on."""
    files: dict[Path, None] = {}
    for argument in paths:
        try:
            files.update(dict.fromkeys(expand(argument)))
        except InputError as exc:
            on_error(exc)
    for path in _progress_files(list(files), progress):
        try:
            result = read_file(path)
        except InputError as exc:
            on_error(exc)
            continue
        for error in result.errors:
            on_error(error)
        yield from result.documents
