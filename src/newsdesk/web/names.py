"""How the web app names outlets and which URLs it will make links of.

Needs: an article's stated outlet, URL and source. Produces: a display name that is never
an id hash (the outlet as stated, else the URL's host, else "unknown outlet"), and
:func:`http_url`, the only gate through which an article URL becomes an ``href``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

UNKNOWN_OUTLET = "unknown outlet"

_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def url_host(url: str | None) -> str | None:
    """The host of an http(s) URL without a leading ``www.``, or ``None``."""
    safe = http_url(url)
    if safe is None:
        return None
    host = (urlsplit(safe).hostname or "").lower()
    return host.removeprefix("www.") or None


def outlet_name(outlet: str | None, url: str | None) -> str:
    """The name an outlet is shown by: as stated, else the URL's host, else unknown."""
    if outlet and outlet.strip():
        return outlet.strip()
    return url_host(url) or UNKNOWN_OUTLET


def http_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http or https URL with a host, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, URLs with spaces or control
    characters that a browser would strip before reading the scheme) is never linked."""
    if not url or _CONTROL.search(url) or len(url) > 2048:
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a malformed port)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
