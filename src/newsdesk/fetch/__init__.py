"""Fetch: read RSS/Atom feeds and article pages over HTTP(S) into the store.

Needs: a :class:`~newsdesk.store.Store` and URLs. Produces: stored articles (through the
same readers and cleaning as files) and up-to-date stories.

* :func:`fetch_urls` polls URLs once (``newsdesk fetch``); :func:`watch` polls a list
  every N seconds until stopped (``newsdesk watch``).
* :class:`Fetcher` (``_client``) does one guarded, polite, bounded GET: the SSRF guard
  (``_guard``) on every URL and redirect, robots.txt (``_robots``), a per-host delay
  (``_politeness``), timeouts, a size limit, retries with backoff, charset from headers
  and content (``_charset``).
* ``_feeds`` polls one URL with a conditional GET (ETag / Last-Modified, state kept in the
  store) and fetches the article pages of summary-only feed entries; ``_documents`` turns
  responses into :class:`~newsdesk.records.RawDocument` records with the ingest readers;
  ``_update`` stores them and updates dedupe and stories.
"""

from __future__ import annotations

from newsdesk.fetch._client import Fetcher
from newsdesk.fetch._feeds import Poll, commit, poll
from newsdesk.fetch._guard import Guard, Target, non_public_reason
from newsdesk.fetch._run import FetchReport, fetch_urls, poll_all, update_if_needed
from newsdesk.fetch._types import USER_AGENT, FetchConfig, Fetched, FetchError, Stopped
from newsdesk.fetch._update import store_documents, update_stories
from newsdesk.fetch._watch import (
    WatchReport,
    interruptible_sleep,
    read_feeds_file,
    stop_on_signals,
    usable_urls,
    watch,
)

__all__ = [
    "USER_AGENT",
    "FetchConfig",
    "FetchError",
    "FetchReport",
    "Fetched",
    "Fetcher",
    "Guard",
    "Poll",
    "Stopped",
    "Target",
    "WatchReport",
    "commit",
    "fetch_urls",
    "interruptible_sleep",
    "non_public_reason",
    "poll",
    "poll_all",
    "read_feeds_file",
    "stop_on_signals",
    "store_documents",
    "update_if_needed",
    "update_stories",
    "usable_urls",
    "watch",
]
