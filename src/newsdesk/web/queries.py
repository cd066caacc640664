"""What the web app's pages ask of the store, and the rows they get back.

Needs: nothing but :mod:`newsdesk.store.reading`, whose records and search helpers this
module re-exports for the web modules. The queries themselves are the store's reader
methods (:class:`~newsdesk.store.Store`: ``status``, ``story_listing``, ``unclustered``,
``outlets``, ``outlet_reports``, ``article_story``, ``copies_of``, ``reuse_of``,
``labels``, ``story_fingerprint``), implemented once per backend (SQLite FTS5 in
:mod:`newsdesk.store.sqlite_reading`, PostgreSQL tsvector in
:mod:`newsdesk.store.postgres_reading`).
"""

from __future__ import annotations

from newsdesk.store.reading import (
    MARK_END,
    MARK_START,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    PAGE_SIZE,
    CopyRow,
    Fingerprint,
    OutletRow,
    ReportRow,
    ReuseRow,
    SearchTerm,
    StoreStatus,
    StoryFilter,
    StoryListing,
    StoryRow,
    TextPart,
    search_terms,
    split_marks,
)
from newsdesk.store.sqlite_reading import fts_query, fts_terms

__all__ = [
    "MARK_END",
    "MARK_START",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "PAGE_SIZE",
    "CopyRow",
    "Fingerprint",
    "OutletRow",
    "ReportRow",
    "ReuseRow",
    "SearchTerm",
    "StoreStatus",
    "StoryFilter",
    "StoryListing",
    "StoryRow",
    "TextPart",
    "fts_query",
    "fts_terms",
    "search_terms",
    "split_marks",
]
