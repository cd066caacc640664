"""The HTTP client: one guarded, polite, bounded GET at a time, with httpx.

Needs: a :class:`FetchConfig`; optionally a resolver (tests), a ``sleep`` (a watch passes
one that stops early) and the TLS ``verify`` setting.
Produces: a :class:`Fetched` response (2xx with body, or 304), or a :class:`FetchError`
naming the URL and the problem.

Every request, the first and each redirect hop (followed here, at most
``max_redirects``), is checked by the SSRF guard, asked of the host's robots.txt and
paced per host. The connection goes to the address the guard checked (the URL's host is
swapped for it) while the Host header, TLS SNI and certificate check use the real name.
Environment proxies are ignored, since they would connect elsewhere. A 429 or 5xx
answer, or a failed connection, is retried with exponential backoff and jitter,
honouring ``Retry-After``. Bodies are streamed and cut off past ``max_bytes``; a
response that takes longer than ``total_timeout`` in all is dropped; binary media types
are refused before their body is read.
"""

from __future__ import annotations

import random
import ssl
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from newsdesk.fetch._guard import Guard, Resolver, Target
from newsdesk.fetch._politeness import HostPacer
from newsdesk.fetch._robots import RobotsCache, RobotsFile
from newsdesk.fetch._types import FetchConfig, Fetched, FetchError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.9, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"
)
BINARY_TYPES = ("image/", "audio/", "video/", "font/", "model/")
BINARY_APPLICATION = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/octet-stream",
        "application/x-tar",
        "application/vnd.ms-excel",
        "application/msword",
        "application/wasm",
    }
)
MAX_CLIENTS = 32
"""Connection pools kept open at once (one per scheme, host and port)."""


class _Retry(Exception):
    """A response or failure worth another attempt."""

    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class _Body:
    status: int
    reason: str
    headers: httpx.Headers
    content: bytes


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _media_type(headers: httpx.Headers) -> tuple[str, str | None]:
    raw = headers.get("content-type", "")
    media, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _tls_failure(exc: BaseException) -> bool:
    """Did a connection fail in the TLS handshake (bad certificate, wrong name)? Such a
    failure is not retried."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _is_binary(media: str) -> bool:
    return media.startswith(BINARY_TYPES) or media in BINARY_APPLICATION


class Fetcher:
    """Fetches URLs one at a time under :class:`FetchConfig`. Close it (or use ``with``)."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        resolve: Resolver | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        verify: ssl.SSLContext | bool = True,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config or FetchConfig()
        self.guard = Guard(allow_private=self.config.allow_private, resolve=resolve)
        self._sleep = sleep or time.sleep
        self._clock = clock
        self._verify = verify
        self._rng = rng or random.Random()
        self.pacer = HostPacer(self.config.host_delay, clock=clock, sleep=self._sleep)
        self.robots = RobotsCache(
            self._load_robots, self.config.user_agent, ttl=self.config.robots_ttl, clock=clock
        )
        self._clients: OrderedDict[tuple[str, str, int], httpx.Client] = OrderedDict()
        self.requests = 0
        """HTTP requests sent so far (robots.txt, redirects and retries included)."""

    # ------------------------------------------------------------------ public

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given)."""
        headers = {"Accept": ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._with_retries(url, headers, robots=True, limit=self.config.max_bytes)

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ retries

    def backoff(self, attempt: int) -> float:
        """Delay before retry ``attempt`` (0-based): doubling, plus up to 50% jitter."""
        base = self.config.backoff * (2**attempt)
        return float(min(base * (1.0 + 0.5 * self._rng.random()), self.config.max_retry_after))

    def _with_retries(
        self, url: str, headers: dict[str, str], *, robots: bool, limit: int
    ) -> Fetched:
        retries = self.config.retries
        for attempt in range(retries + 1):
            try:
                return self._follow(url, headers, robots=robots, limit=limit)
            except _Retry as retry:
                if attempt == retries:
                    tries = f"{retries + 1} attempts" if retries else "1 attempt"
                    raise FetchError(url, f"{retry.problem} (gave up after {tries})") from None
                delay = retry.retry_after
                if delay is None:
                    delay = self.backoff(attempt)
                elif delay > self.config.max_retry_after:
                    raise FetchError(
                        url,
                        f"{retry.problem}; the server asks to retry after {delay:.0f} s, "
                        f"longer than the {self.config.max_retry_after:.0f} s this waits",
                    ) from None
                self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    # ------------------------------------------------------------------ redirects

    def _follow(
        self,
        url: str,
        headers: dict[str, str],
        *,
        robots: bool,
        limit: int,
        raw: bool = False,
    ) -> Fetched:
        """The response at the end of the redirects. ``raw`` (robots.txt): any final status
        comes back, and a body that is too long is cut to ``limit`` instead of refused."""
        current = url
        for _hop in range(self.config.max_redirects + 1):
            try:
                target = self.guard.check(current)
            except FetchError as exc:
                if current == url:
                    raise
                raise FetchError(url, f"redirect to {current}: {exc.problem}") from None
            if robots and not self.robots.allowed(current):
                where = "" if current == url else f" (redirected to {current})"
                unread = self.robots.problem(current)
                if unread:
                    raise FetchError(
                        url,
                        f"{target.origin}/robots.txt cannot be read ({unread}), "
                        f"so nothing there is fetched{where}",
                    )
                raise FetchError(url, f"disallowed by {target.origin}/robots.txt{where}")
            delay = self.robots.crawl_delay(current) if robots else None
            if delay is not None:
                delay = min(delay, self.config.max_crawl_delay)
            self.pacer.wait(target.host, delay)
            body = self._send(url, target, headers, limit=limit, truncate=raw)
            if body.status in REDIRECT_STATUSES:
                location = body.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {body.status} redirect without a Location")
                current = str(httpx.URL(current).join(location.strip()).copy_with(fragment=None))
                continue
            problem = f"HTTP {body.status} {body.reason}".rstrip()
            if body.status in RETRY_STATUSES and not raw:
                raise _Retry(problem, retry_after_seconds(body.headers.get("retry-after")))
            if body.status != 304 and not 200 <= body.status < 300 and not raw:
                raise FetchError(url, problem)
            media, charset = _media_type(body.headers)
            return Fetched(
                url=url,
                final_url=current,
                status=body.status,
                content=body.content,
                content_type=media,
                charset=charset,
                etag=body.headers.get("etag"),
                last_modified=body.headers.get("last-modified"),
            )
        raise FetchError(url, f"too many redirects (more than {self.config.max_redirects})")

    # ------------------------------------------------------------------ one request

    def _client(self, target: Target) -> httpx.Client:
        key = (target.scheme, target.host, target.port)
        client = self._clients.get(key)
        if client is not None:
            self._clients.move_to_end(key)
            return client
        cfg = self.config
        client = httpx.Client(
            timeout=httpx.Timeout(
                cfg.read_timeout, connect=cfg.connect_timeout, pool=cfg.connect_timeout
            ),
            follow_redirects=False,
            trust_env=False,
            verify=self._verify,
            headers={"User-Agent": cfg.user_agent},
        )
        self._clients[key] = client
        while len(self._clients) > MAX_CLIENTS:
            self._clients.popitem(last=False)[1].close()
        return client

    def _send(
        self, url: str, target: Target, headers: dict[str, str], *, limit: int, truncate: bool
    ) -> _Body:
        client = self._client(target)
        deadline = self._clock() + self.config.total_timeout
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        failure = ""
        for address in target.addresses:
            request = client.build_request(
                "GET",
                httpx.URL(target.url).copy_with(host=address, fragment=None),
                headers={**headers, "Host": target.host_header},
                extensions=extensions,
            )
            self.requests += 1
            try:
                response = client.send(request, stream=True)
            except httpx.ConnectTimeout:
                failure = f"timed out connecting to {target.host_header}"
                continue
            except httpx.ConnectError as exc:
                if _tls_failure(exc):
                    raise FetchError(url, f"TLS failure with {target.host_header}: {exc}") from exc
                failure = f"cannot connect to {target.host_header} ({exc})"
                continue
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"timed out: no response in time ({exc})") from exc
            except httpx.RemoteProtocolError as exc:
                raise _Retry(f"connection dropped by {target.host_header} ({exc})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"HTTP failure: {exc}") from exc
            try:
                return self._read(url, response, deadline, limit=limit, truncate=truncate)
            finally:
                response.close()
        raise _Retry(f"unreachable: {failure}")

    def _read(
        self, url: str, response: httpx.Response, deadline: float, *, limit: int, truncate: bool
    ) -> _Body:
        status, headers = response.status_code, response.headers
        reason = response.reason_phrase
        wanted = 200 <= status < 300
        if not wanted:
            return _Body(status, reason, headers, b"")
        media, _ = _media_type(headers)
        if _is_binary(media) and not truncate:  # robots.txt is read whatever its label
            raise FetchError(url, f"unsupported: content type {media} is not text")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and not truncate:
            raise FetchError(
                url, f"too large: {int(declared):,} bytes declared, the limit is {limit:,}"
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    if truncate:
                        break
                    raise FetchError(url, f"too large: cut off at {limit:,} bytes")
                if self._clock() > deadline:
                    raise FetchError(
                        url, f"timed out: response took over {self.config.total_timeout:g} s"
                    )
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out while reading the response ({exc})") from exc
        except httpx.DecodingError as exc:
            raise FetchError(url, f"malformed: content encoding ({exc})") from exc
        except httpx.HTTPError as exc:
            raise _Retry(f"connection dropped while reading ({exc})") from exc
        return _Body(status, reason, headers, b"".join(chunks)[:limit])

    # ------------------------------------------------------------------ robots.txt

    def _load_robots(self, robots_url: str) -> RobotsFile:
        """One attempt at ``robots_url`` (redirects followed, guarded, paced)."""
        try:
            body = self._follow(
                robots_url,
                {"Accept": "text/plain, */*;q=0.1"},
                robots=False,
                limit=self.config.max_robots_bytes,
                raw=True,
            )
        except (FetchError, _Retry) as exc:
            return RobotsFile(None, problem=exc.problem)
        text = body.content.decode("utf-8", errors="replace")
        problem = f"HTTP {body.status}" if body.status >= 500 else None
        return RobotsFile(body.status, text, problem)
