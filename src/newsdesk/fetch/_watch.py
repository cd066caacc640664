"""Watching feeds: poll a list of URLs every N seconds until told to stop.

Needs: a :class:`Store`, the URLs (:func:`read_feeds_file` reads them from a file: one
URL a line, ``#`` comments), a :class:`Fetcher` built with :func:`interruptible_sleep`
and a :class:`threading.Event` that says stop (:func:`stop_on_signals` sets it on
Ctrl-C / SIGTERM).
Produces: a :class:`WatchReport`; articles committed feed by feed, stories updated after
every poll that added some.

Stopping is clean: a stop request ends any wait at once (between polls, between requests
to a host); the feed being read commits what it has, the stories are brought up to date
and the watch returns. A feed cut short keeps its old fetch state, so the next poll
fetches it again and picks up the entries that were left. A crash loses nothing
committed; the next ``fetch`` or ``watch`` updates stories it left behind.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from newsdesk.errors import InputError
from newsdesk.fetch._client import Fetcher
from newsdesk.fetch._guard import Guard
from newsdesk.fetch._run import ErrorHandler, FetchReport, poll_all, update_if_needed
from newsdesk.fetch._types import FetchError, Stopped
from newsdesk.store import Store


@dataclass(slots=True)
class WatchReport:
    """What a watch did before it stopped."""

    polls: int = 0
    added: list[str] = field(default_factory=list)
    errors: int = 0


def read_feeds_file(path: Path) -> list[str]:
    """The URLs in ``path``: one a line; blank lines and ``#`` comments skipped (a ``#``
    starts a comment at the start of a line or after a space, so fragments survive)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"unreadable: {exc}") from exc
    urls: list[str] = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return list(dict.fromkeys(urls))


def usable_urls(urls: Sequence[str], guard: Guard, on_error: ErrorHandler) -> list[str]:
    """The URLs whose scheme and form the guard accepts (addresses are checked per
    request, since DNS answers change); the rest go to ``on_error``."""
    good: list[str] = []
    for url in urls:
        try:
            guard.check_form(url)
        except FetchError as exc:
            on_error(exc)
            continue
        good.append(url)
    return good


def interruptible_sleep(stop: threading.Event) -> Callable[[float], None]:
    """A ``sleep`` that raises :class:`Stopped` as soon as ``stop`` is set."""

    def sleep(seconds: float) -> None:
        if stop.wait(seconds):
            raise Stopped

    return sleep


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM set ``stop``; a second one interrupts at once
    (``KeyboardInterrupt``; committed articles are safe, stories catch up next run)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def watch(
    store: Store,
    urls: Sequence[str],
    fetcher: Fetcher,
    *,
    every: float,
    stop: threading.Event,
    on_error: ErrorHandler | None = None,
    on_poll: Callable[[int, FetchReport], None] | None = None,
    max_polls: int | None = None,
) -> WatchReport:
    """Poll ``urls`` every ``every`` seconds until ``stop`` is set (or ``max_polls``)."""
    report = WatchReport()
    first = True
    while not stop.is_set():
        polled = poll_all(store, urls, fetcher, on_error=on_error, should_stop=stop.is_set)
        update_if_needed(store, polled, check_store=first)
        first = False
        report.polls += 1
        report.added.extend(polled.added)
        report.errors += len(polled.errors)
        if on_poll is not None:
            on_poll(report.polls, polled)
        if max_polls is not None and report.polls >= max_polls:
            break
        if stop.wait(every):
            break
    return report
