"""The site a report comes from, when the report does not name its outlet.

Needs: a report's URL (and the outlet it states, if any). Produces: an outlet name, so that
two reports of one site count as one origin and no report is left without an outlet.

* :func:`site_of` - the registrable domain of a URL: ``https://www.nytimes.com/a`` ->
  ``nytimes.com``, ``news.bbc.co.uk`` -> ``bbc.co.uk`` (multi-part public suffixes from the
  Public Suffix List snapshot bundled with ``publicsuffixlist``; nothing is fetched at run
  time). IP addresses and bare host names are kept as written;
* :func:`outlet_of` - the outlet to store: the name the report or page gives ("The Dallas
  Morning News"), else the site of its URL; an outlet that is itself a host name
  (``www.wfaa.com``, as JSONL readers fill in from the URL) becomes its registrable domain.
"""

from __future__ import annotations

import ipaddress
import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

__all__ = ["outlet_of", "site_of"]

_HOST = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?/?$", re.IGNORECASE)


_HOSTNAME = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")


@cache
def _psl() -> Any:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()  # the bundled snapshot; no download


def _host(url: str) -> str | None:
    text = url.strip()
    if "://" not in text:
        text = "//" + text  # "www.example.com/path" has no scheme
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    host = host.rstrip(".").lower() if host else None
    return host if host and _HOSTNAME.match(host) else None


def site_of(url: str | None) -> str | None:
    """The registrable domain of ``url`` ("www.nytimes.com" -> "nytimes.com"), else None."""
    if not url:
        return None
    host = _host(url)
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if "." not in host:
        return host
    domain = _psl().privatesuffix(host)
    return str(domain) if domain else host.removeprefix("www.")


def outlet_of(outlet: str | None, url: str | None) -> str | None:
    """The outlet a report is stored under: the stated name, else its URL's site."""
    name = (outlet or "").strip()
    if name and _HOST.match(name):
        return site_of(name) or name  # a host name standing in for the outlet
    return name or site_of(url)
