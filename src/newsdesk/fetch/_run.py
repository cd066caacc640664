"""One pass over a list of URLs: poll each, commit each, then update the stories.

Needs: a :class:`Store`, the URLs (feeds or article pages) and a :class:`Fetcher`.
Produces: a :class:`FetchReport` (what was read, added, unchanged, failed). Each URL's
articles are committed before the next URL is fetched; a problem with one URL is
reported (``on_error``) and the rest go on. :func:`fetch_urls` updates the stories once
at the end, and also when an earlier run stopped between committing articles and
updating stories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsdesk.errors import InputError
from newsdesk.fetch._client import Fetcher
from newsdesk.fetch._feeds import CHANGED, FAILED, STOPPED, UNCHANGED, Poll, commit, poll
from newsdesk.fetch._types import FetchConfig
from newsdesk.fetch._update import stories_behind, update_stories
from newsdesk.store import Store

ErrorHandler = Callable[[InputError], None]


@dataclass(slots=True)
class FetchReport:
    """What one pass over some URLs did."""

    urls: int = 0
    unchanged: int = 0
    changed: int = 0
    failed: int = 0
    documents: int = 0
    """Documents read from changed URLs (new or already stored)."""
    pages: int = 0
    """Article pages fetched for summary-only feed entries."""
    added: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    stopped: bool = False
    stories_updated: bool = False

    def count(self, result: Poll) -> None:
        self.urls += 1
        self.unchanged += result.outcome == UNCHANGED
        self.changed += result.outcome == CHANGED
        self.failed += result.outcome == FAILED
        self.pages += result.pages
        self.documents += len(result.documents)
        self.stopped = self.stopped or result.outcome == STOPPED


def poll_all(
    store: Store,
    urls: Iterable[str],
    fetcher: Fetcher,
    *,
    on_error: ErrorHandler | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> FetchReport:
    """Poll and commit every URL in turn (stories are left to the caller)."""
    report = FetchReport()
    for url in urls:
        if should_stop():
            report.stopped = True
            break
        result = poll(fetcher, store, url)
        ingest = commit(store, result)
        report.count(result)
        report.added.extend(ingest.added)
        for error in result.errors:
            report.errors.append(error)
            if on_error is not None:
                on_error(error)
        if result.outcome == STOPPED:
            break
    return report


def update_if_needed(store: Store, report: FetchReport, *, check_store: bool) -> None:
    """Update the stories when ``report`` added articles (or, with ``check_store``, when
    the store holds articles no story has yet)."""
    if report.added or (check_store and stories_behind(store)):
        update_stories(store, report.added)
        report.stories_updated = True


def fetch_urls(
    store: Store,
    urls: Iterable[str],
    *,
    config: FetchConfig | None = None,
    on_error: ErrorHandler | None = None,
) -> FetchReport:
    """``newsdesk fetch``: poll every URL once, then update the stories."""
    with Fetcher(config) as fetcher:
        report = poll_all(store, urls, fetcher, on_error=on_error)
    update_if_needed(store, report, check_store=True)
    return report
