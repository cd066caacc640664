"""robots.txt: fetched once per host (cached for a while), parsed by urllib.robotparser.

Needs: a loader that fetches ``scheme://host/robots.txt`` through the guarded client and
returns its status and text (``status=None`` when it could not be reached).
Produces: whether our user agent may fetch a URL, and the host's ``Crawl-delay``.

As RFC 9309 says: a 4xx answer (no robots.txt) allows everything; a 5xx answer or an
unreachable host disallows everything, and that verdict is kept only a few minutes so a
passing outage does not block a host for the whole ``ttl``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

FAILURE_TTL = 300.0
"""Seconds an unreachable/5xx robots.txt verdict (disallow all) is kept."""


@dataclass(frozen=True, slots=True)
class RobotsFile:
    """One host's robots.txt as fetched: HTTP status (``None``: unreachable) and text."""

    status: int | None
    text: str = ""
    problem: str | None = None
    """Why it could not be read (unreachable, refused, TLS failure), if so."""


def origin_of(url: str) -> str:
    """``scheme://netloc`` of ``url`` (lower case): the robots.txt key."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """robots.txt verdicts per origin (scheme, host and port)."""

    def __init__(
        self,
        load: Callable[[str], RobotsFile],
        user_agent: str,
        *,
        ttl: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self.user_agent = user_agent
        self.ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[float, RobotFileParser]] = {}
        self._problems: dict[str, str] = {}

    def _parser(self, url: str) -> RobotFileParser:
        origin = origin_of(url)
        cached = self._cache.get(origin)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        self._problems.pop(origin, None)
        robots_url = f"{origin}/robots.txt"
        answer = self._load(robots_url)
        parser = RobotFileParser(robots_url)
        ttl = self.ttl
        if answer.status is None or answer.status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
            ttl = min(ttl, FAILURE_TTL)
            self._problems[origin] = answer.problem or f"HTTP {answer.status}"
        elif answer.status >= 400:
            parser.parse([])
        else:
            parser.parse(answer.text.splitlines())
        self._cache[origin] = (self._clock() + ttl, parser)
        return parser

    def allowed(self, url: str) -> bool:
        """May our user agent fetch ``url``?"""
        return self._parser(url).can_fetch(self.user_agent, url)

    def problem(self, url: str) -> str | None:
        """Why the robots.txt for ``url`` could not be read (everything is then disallowed)."""
        return self._problems.get(origin_of(url))

    def crawl_delay(self, url: str) -> float | None:
        """The ``Crawl-delay`` the host asks of our user agent, if any."""
        delay = self._parser(url).crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
