"""The records the fetch modules exchange: settings, a fetched response, and the error.

Needs: nothing but the standard library and :mod:`newsdesk.errors`.
Produces: :class:`FetchConfig` (every limit and delay in one place), :class:`Fetched`
(one final HTTP response, body already cut to the size limit) and :class:`FetchError`
(an :class:`~newsdesk.errors.InputError` naming the URL, so it flows through the same
``on_error`` handlers and prints as ``error: URL: problem``).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk import __version__
from newsdesk.errors import InputError

USER_AGENT = f"newsdesk/{__version__} (news report reader; fetches feeds and article pages)"
"""Sent with every request; robots.txt rules for ``User-agent: newsdesk`` apply to it."""


class FetchError(InputError):
    """A URL that could not be fetched or used: ``URL: problem``."""


class Stopped(Exception):
    """Raised from an interruptible wait when the caller asked to stop (watch)."""


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """Limits, delays and switches for fetching. Times are seconds, sizes bytes."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    """Longest wait for the next bytes of a response."""
    total_timeout: float = 60.0
    """Longest time one response may take from request to last byte (slow drips)."""
    max_bytes: int = 10 * 1024 * 1024
    """Largest body read; a longer one is cut off there and refused."""
    max_robots_bytes: int = 512 * 1024
    max_redirects: int = 5
    retries: int = 3
    """Extra attempts after a 429, a 5xx or a failed connection."""
    backoff: float = 1.0
    """First retry delay; doubled each retry, with up to 50% random jitter."""
    max_retry_after: float = 120.0
    """A server asking to wait longer than this (``Retry-After``) gets an error instead."""
    host_delay: float = 1.0
    """Least time between two requests to the same host."""
    max_crawl_delay: float = 30.0
    """A robots.txt ``Crawl-delay`` above this is capped to it."""
    robots_ttl: float = 3600.0
    """How long a host's robots.txt is trusted before it is fetched again."""
    allow_private: bool = False
    """Lift the address check of the SSRF guard (local testing). Never the scheme check."""
    summary_words: int = 150
    """A feed entry without full content whose summary is shorter than this is a summary:
    its link is fetched as an article page."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """One final response (after redirects and retries) to a GET."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the response came from, after redirects."""
    status: int
    """200 (or another 2xx) with a body, or 304 Not Modified without one."""
    content: bytes
    content_type: str
    """Media type in lower case without parameters (``text/html``); empty if not given."""
    charset: str | None
    """The ``charset`` parameter of the Content-Type header, if any."""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304
