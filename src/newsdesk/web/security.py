"""What keeps the web app safe to open: headers, size limits and the editor's token.

Needs: the ASGI app (Starlette's types) and the token given at start. Produces:

* :class:`Guard`, the outermost ASGI layer: refuses over-long URLs (414) and request
  bodies over the limit (413, also for chunked bodies), and adds the security headers to
  every response, errors included: a Content-Security-Policy that allows scripts, styles,
  images and connections from this site only (no inline script, no inline style, nothing
  from another site, no framing), ``nosniff``, no referrer, ``no-store`` caching;
* :func:`token_ok`: whether a request carries the token (form field ``token`` or
  ``Authorization: Bearer``), compared in constant time; with no token set, never.
* :func:`same_origin`: a state-changing request must not come from another site.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cache-control": "no-store",
}
MAX_BODY = 16 * 1024
MAX_URL = 4096


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    headers += [(b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """URL and body limits plus security headers, around the whole app."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY, max_url: int = MAX_URL) -> None:
        self.app = app
        self.max_body = max_body
        self.max_url = max_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > self.max_url:
            await _plain(send, 414, "URL too long")
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, f"Request body over {self.max_body} bytes")
            return
        if scope["method"] not in ("GET", "HEAD"):
            # Bodies are small (forms): read the whole body first, so an oversized one is
            # refused before the app sees any of it, chunked or not.
            chunks: list[bytes] = []
            size, more = 0, True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > self.max_body:
                    await _plain(send, 413, f"Request body over {self.max_body} bytes")
                    return
                more = bool(message.get("more_body", False))
            receive = _replay(b"".join(chunks), receive)

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    if key == "cache-control" and key in headers:
                        continue
                    headers[key] = value
            await send(message)

        await self.app(scope, receive, secured_send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered body once, then waits for the disconnect."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def token_ok(expected: str | None, headers: Headers, form: dict[str, str]) -> bool:
    """Whether the request carries the editor token; always false when none was set."""
    if not expected:
        return False
    given = form.get("token", "")
    auth = headers.get("authorization", "")
    if not given and auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    return hmac.compare_digest(given.encode(), expected.encode())


def same_origin(headers: Headers) -> bool:
    """False when the browser says the request comes from another site."""
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = headers.get("host", "")
    return urlsplit(origin).netloc.lower() == host.lower()
