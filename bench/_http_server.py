"""A local HTTP server on 127.0.0.1 for the fetch tests and benchmark (no network).

It serves registered resources (feeds, pages, robots.txt) with ETag / Last-Modified and
answers conditional GETs with 304, plus routes that misbehave on purpose:

``/redirect?to=URL&code=302``   a redirect (``to`` may be a path or any URL)
``/loop?n=K``                   an endless chain of redirects
``/slow?seconds=S``             waits S seconds before answering
``/drip?seconds=S``             sends the headers, then the body a little at a time over S s
``/big?bytes=N&length=1``       N bytes of HTML (``length=0``: no Content-Length, sent until
                                the connection closes)
``/flaky?key=K&fail=N&status=503&retry_after=V``
                                the first N requests with key K get ``status`` (with
                                ``Retry-After: V`` when given), then a page
``/image.png``                  a binary body
Every request is logged (path and headers) in :attr:`LocalServer.requests`. Given a server
``ssl.SSLContext`` (``tls=``), it serves HTTPS instead.
"""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

LAST_MODIFIED = formatdate(1_750_000_000, usegmt=True)
SMALL_PAGE = (
    b"<html><head><title>Quiet day at the harbour</title></head><body><article>"
    b"<p>The harbour master said the day passed without incident and the ferries ran on "
    b"time.</p><p>Fishing boats returned before dusk with a modest catch.</p>"
    b"</article></body></html>"
)


@dataclass(frozen=True, slots=True)
class Resource:
    """A body served at one path."""

    body: bytes
    content_type: str
    validators: bool = True
    """Send ETag and Last-Modified and answer conditional GETs with 304."""
    status: int = 200

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass(frozen=True, slots=True)
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    status: int


@dataclass
class _State:
    resources: dict[str, Resource] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the tests read self.server.state.requests instead

    # ------------------------------------------------------------------ helpers

    def _log(self, status: int) -> None:
        with self.server.state.lock:
            headers = {k.lower(): v for k, v in self.headers.items()}
            self.server.state.requests.append(Seen(urlsplit(self.path).path, headers, status))

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self._log(status)
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if status != 304:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def _not_modified(self, resource: Resource) -> bool:
        if not resource.validators:
            return False
        match = self.headers.get("If-None-Match")
        if match is not None:
            return resource.etag in [m.strip() for m in match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(LAST_MODIFIED)
            except (TypeError, ValueError):
                return False
        return False

    # ------------------------------------------------------------------ routes

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        route = getattr(self, "_route_" + parts.path.strip("/").replace(".", "_"), None)
        if route is not None:
            route(query)
            return
        resource = self.server.state.resources.get(parts.path)
        if resource is None:
            self._send(404, b"<html><body><p>Not here.</p></body></html>")
            return
        if resource.status != 200:
            self._send(resource.status, resource.body, resource.content_type)
            return
        validators = (
            {"ETag": resource.etag, "Last-Modified": LAST_MODIFIED} if resource.validators else {}
        )
        if self._not_modified(resource):
            self._send(304, headers=validators)
            return
        self._send(200, resource.body, resource.content_type, validators)

    def _route_redirect(self, query: dict[str, str]) -> None:
        code = int(query.get("code", "302"))
        self._send(code, b"", headers={"Location": query.get("to", "/")})

    def _route_loop(self, query: dict[str, str]) -> None:
        n = int(query.get("n", "0"))
        self._send(302, b"", headers={"Location": f"/loop?n={n + 1}"})

    def _route_slow(self, query: dict[str, str]) -> None:
        time.sleep(float(query.get("seconds", "2")))
        self._send(200, SMALL_PAGE)

    def _route_drip(self, query: dict[str, str]) -> None:
        seconds = float(query.get("seconds", "2"))
        pieces = [SMALL_PAGE[i : i + 16] for i in range(0, len(SMALL_PAGE), 16)]
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(SMALL_PAGE)))
        self.end_headers()
        for piece in pieces:
            self.wfile.write(piece)
            self.wfile.flush()
            time.sleep(seconds / len(pieces))

    def _route_big(self, query: dict[str, str]) -> None:
        size = int(query.get("bytes", "1000000"))
        body = b"<html><body><p>" + b"news " * (size // 5) + b"</p></body></html>"
        if query.get("length", "1") == "1":
            self._send(200, body)
            return
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for start in range(0, len(body), 65536):
                self.wfile.write(body[start : start + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client cut it off, as it should

    def _route_flaky(self, query: dict[str, str]) -> None:
        key = query.get("key", "")
        state = self.server.state
        with state.lock:
            state.failures[key] += 1
            attempt = state.failures[key]
        if attempt <= int(query.get("fail", "1")):
            headers = {"Retry-After": query["retry_after"]} if "retry_after" in query else {}
            self._send(int(query.get("status", "503")), b"try later", "text/plain", headers)
            return
        self._send(200, SMALL_PAGE)

    def _route_image_png(self, query: dict[str, str]) -> None:
        self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "image/png")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


class LocalServer:
    """``with LocalServer() as server:`` serves on ``server.base`` until the block ends."""

    def __init__(
        self, resources: dict[str, Resource] | None = None, *, tls: ssl.SSLContext | None = None
    ) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = _State(resources=dict(resources or {}))
        self.scheme = "https" if tls else "http"
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, resource: Resource) -> None:
        self._server.state.resources[path] = resource

    @property
    def requests(self) -> list[Seen]:
        with self._server.state.lock:
            return list(self._server.state.requests)

    def hits(self, path: str) -> list[Seen]:
        """The requests for ``path`` so far."""
        return [r for r in self.requests if r.path == path]

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
