"""The store: where articles, duplicates, stories and fetch state live between runs.

Needs: records from :mod:`newsdesk.records`. Produces: :func:`open_store`, which opens the
store a ``--db`` value names, behind one interface (:class:`Store`, in :mod:`._base`):

* a path: :mod:`newsdesk.store.sqlite` (the embedded default, one file);
* a ``postgresql://`` or ``postgres://`` URL: :mod:`newsdesk.store.postgres` (a shared
  server for several workers and a web app; needs the ``postgres`` extra);
* any other ``scheme://``: a :class:`~newsdesk.errors.UsageError` (exit code 2).

What readers of a live store (the web app) ask for and get is in :mod:`.reading`.
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.store._base import FetchState, Store, backend_of
from newsdesk.store.sqlite import (
    APPLICATION_ID,
    MIGRATIONS,
    Migration,
    SQLiteStore,
    translate_error,
)


def open_store(db: str | Path, *, readonly: bool = False, create: bool = True) -> Store:
    """The store ``db`` names (see the module docstring), opened read-only or for writing
    (creating it when missing, unless ``create=False``)."""
    if backend_of(db) == "postgres":
        from newsdesk.store.postgres import PostgresStore

        return PostgresStore(str(db), readonly=readonly, create=create)
    return SQLiteStore(db, readonly=readonly, create=create)


__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "FetchState",
    "Migration",
    "SQLiteStore",
    "Store",
    "backend_of",
    "open_store",
    "translate_error",
]
