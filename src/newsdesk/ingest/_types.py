"""The result types shared by the ingest readers."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.errors import InputError
from newsdesk.records import RawDocument

Item = RawDocument | InputError
"""What a streaming reader yields for each record: its document, or the problem with it."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What one file yielded: its documents and the per-record problems met on the way.

    A record-level problem (a bad JSONL line, a broken feed entry, a WARC record that
    cannot be used) lands in ``errors`` and the rest of the file still comes through.
    """

    documents: tuple[RawDocument, ...]
    errors: tuple[InputError, ...] = ()
