"""The store: where articles, duplicates, stories and fetch state live between runs.

Needs: records from :mod:`newsdesk.records`. Produces: a :class:`Store` opened on a path.
One module per backend behind one interface: :mod:`newsdesk.store.sqlite` (the embedded
default, one file).
"""

from __future__ import annotations

from newsdesk.store.sqlite import (
    APPLICATION_ID,
    MIGRATIONS,
    FetchState,
    Migration,
    Store,
    translate_error,
)

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "FetchState",
    "Migration",
    "Store",
    "translate_error",
]
