"""Story reports on demand, cached per story by the articles they were computed from.

Needs: a store (read on every call) and :func:`newsdesk.pipeline.story_report`. Produces:
:class:`CachedReport`, the :class:`~newsdesk.records.StoryReport` and its JSON document
(:func:`newsdesk.brief.render_json.report_document`, one story). A cached report is reused
only while the story holds the same articles with the same duplicate marks and paragraph
reuse; anything else (a new report, a re-run dedupe or clustering) computes it afresh.
:class:`Memo` keeps other query results (story list pages, the outlet list) under a key that
includes the store's fingerprint, so they too are recomputed after any change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from newsdesk.records import StoryReport
from newsdesk.store import Store
from newsdesk.web.queries import Fingerprint

T = TypeVar("T")


class Memo(Generic[T]):
    """A small thread-safe LRU: ``get(key, compute)``."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


@dataclass(frozen=True, slots=True)
class CachedReport:
    report: StoryReport
    document: dict[str, Any]
    """``report_document([report])``: validates against newsdesk-report.v1."""

    @property
    def story(self) -> dict[str, Any]:
        """The one story of :attr:`document`."""
        story: dict[str, Any] = self.document["stories"][0]
        return story


class ReportCache:
    """A small LRU of story reports. Reports are computed one at a time (the facts stage's
    language model is shared), and never for a story whose articles changed."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, Fingerprint], CachedReport] = OrderedDict()
        self._lock = threading.Lock()
        self._compute = threading.Lock()
        self.computed = 0
        """How many reports were computed (not served from the cache)."""

    def get(self, store: Store, story_id: str) -> CachedReport:
        """The report of the story with this exact id (raises NotFoundError)."""
        from newsdesk.brief.render_json import report_document
        from newsdesk.pipeline import story_report

        story = store.story(story_id)
        key = (story.id, store.story_fingerprint(story.id))
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        with self._compute:
            with self._lock:
                found = self._items.get(key)
            if found is None:
                report = story_report(store, story)
                found = CachedReport(report, report_document([report]))
                self.computed += 1
        with self._lock:
            self._items[key] = found
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return found
