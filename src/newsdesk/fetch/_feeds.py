"""Polling one URL, a feed or an article page, with a conditional GET.

Needs: a :class:`Fetcher` and the :class:`Store` (for the state of earlier fetches).
Produces: a :class:`Poll`: the documents to store, the problems met, and the fetch
states to save once the documents are committed (:func:`commit` does both, in that
order, so a crash in between costs a re-fetch, never an article).

An unchanged URL costs one request and no parsing: the stored ETag / Last-Modified go
out as If-None-Match / If-Modified-Since and a 304 ends the poll; a server that ignores
them and sends the same bytes is caught by the stored SHA-256 of the body. In a changed
feed, entries that carry only a summary have their link fetched as an article page,
unless that page was fetched before; if the page cannot be had, the summary is stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsdesk.errors import InputError
from newsdesk.fetch._client import Fetcher
from newsdesk.fetch._documents import SummaryEntry, page_document, parse_response
from newsdesk.fetch._types import Fetched, Stopped
from newsdesk.fetch._update import store_documents
from newsdesk.pipeline import IngestReport
from newsdesk.records import RawDocument
from newsdesk.store import FetchState, Store

UNCHANGED, CHANGED, FAILED, STOPPED = "unchanged", "changed", "failed", "stopped"


@dataclass(slots=True)
class Poll:
    """What polling one URL found."""

    url: str
    outcome: str
    """``unchanged`` (304 or same body), ``changed``, ``failed`` or ``stopped``."""
    documents: list[RawDocument] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    states: list[FetchState] = field(default_factory=list)
    pages: int = 0
    """Article pages fetched for summary-only feed entries."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ok(state: FetchState | None) -> bool:
    return state is not None and state.status is not None and state.error is None


def _failed(previous: FetchState | None, url: str, error: InputError) -> FetchState:
    """The state after a failure: the last good validators are kept for the next try."""
    return FetchState(
        url=url,
        fetched_at=_now(),
        etag=previous.etag if previous else None,
        last_modified=previous.last_modified if previous else None,
        content_hash=previous.content_hash if previous else None,
        status=None,
        error=error.problem,
        changed_at=previous.changed_at if previous else None,
    )


def _fresh(fetched: Fetched, digest: str) -> FetchState:
    now = _now()
    return FetchState(
        url=fetched.url,
        fetched_at=now,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        content_hash=digest,
        status=fetched.status,
        changed_at=now,
    )


def poll(fetcher: Fetcher, store: Store, url: str) -> Poll:
    """Fetch ``url`` if it changed and turn it into documents (see the module docstring)."""
    previous = store.fetch_state(url)
    result = Poll(url, CHANGED)
    try:
        fetched = fetcher.get(
            url,
            etag=previous.etag if previous else None,
            last_modified=previous.last_modified if previous else None,
        )
        digest = hashlib.sha256(fetched.content).hexdigest()
        if fetched.not_modified or (_ok(previous) and previous and previous.content_hash == digest):
            result.outcome = UNCHANGED
            result.states.append(_unchanged(previous, fetched))
            return result
        parsed = parse_response(fetched, summary_words=fetcher.config.summary_words)
        result.documents.extend(parsed.documents)
        result.errors.extend(parsed.errors)
        for entry in parsed.summaries:
            _fetch_page(fetcher, store, entry, result)
        result.states.append(_fresh(fetched, digest))  # last: after every entry was handled
    except Stopped:
        result.outcome = STOPPED
    except InputError as exc:
        result.outcome = FAILED
        result.errors.append(exc)
        result.states.append(_failed(previous, url, exc))
    return result


def _unchanged(previous: FetchState | None, fetched: Fetched) -> FetchState:
    return FetchState(
        url=fetched.url,
        fetched_at=_now(),
        etag=fetched.etag or (previous.etag if previous else None),
        last_modified=fetched.last_modified or (previous.last_modified if previous else None),
        content_hash=previous.content_hash if previous else None,
        status=fetched.status,
        changed_at=previous.changed_at if previous else None,
    )


def _fetch_page(fetcher: Fetcher, store: Store, entry: SummaryEntry, result: Poll) -> None:
    """Fetch one summary-only entry's article page into ``result`` (the summary if not)."""
    known = store.fetch_state(entry.link)
    if _ok(known):
        return  # fetched on an earlier poll
    try:
        fetched = fetcher.get(entry.link)
        result.documents.append(page_document(fetched, entry))
    except InputError as exc:
        result.errors.append(exc)
        result.states.append(_failed(known, entry.link, exc))
        if entry.summary is not None:
            result.documents.append(entry.summary)
        return
    result.pages += 1
    result.states.append(_fresh(fetched, hashlib.sha256(fetched.content).hexdigest()))


def commit(store: Store, result: Poll) -> IngestReport:
    """Store the poll's documents, then its fetch states (never the other way round)."""
    report = store_documents(store, result.documents)
    if result.states:
        store.save_fetch_states(result.states)
    return report
