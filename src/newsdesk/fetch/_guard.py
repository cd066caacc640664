"""The SSRF guard: decide whether a URL may be fetched, and pin the address to connect to.

Needs: a URL (every redirect target is checked again by the client) and a resolver
(``socket.getaddrinfo`` unless one is given).
Produces: a :class:`Target` holding the host name to send (Host header, TLS SNI and
certificate check) and the checked addresses to connect to, so a second DNS answer
cannot swap in another address (DNS rebinding); or a :class:`FetchError` saying why not.

Refused, always: a scheme other than http/https, credentials in the URL, no host, and
cloud metadata endpoints (by name and by address). Refused unless ``allow_private``:
a host of which ANY resolved address is loopback, private, link-local, multicast,
reserved, unspecified, carrier-grade NAT (100.64.0.0/10), site-local or otherwise not
globally routable, including IPv4 addresses carried inside IPv6 ones (mapped, 6to4,
NAT64, IPv4-compatible) and Teredo tunnels.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from newsdesk.fetch._types import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., Sequence[tuple[Any, ...]]]
"""``getaddrinfo``-shaped: ``(host, port, family, type, ...) -> [(family, type, proto,
canonname, sockaddr), ...]`` with the address first in ``sockaddr``."""

SCHEMES = frozenset({"http", "https"})
METADATA_HOSTS = frozenset(
    {"metadata", "metadata.google.internal", "metadata.goog", "instance-data.ec2.internal"}
)
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_TEREDO = ipaddress.ip_network("2001::/32")
_ALLOW_HINT = " (--allow-private lifts this for local testing)"


@dataclass(frozen=True, slots=True)
class Target:
    """A URL the guard let through, with the addresses it checked."""

    url: str
    scheme: str
    host: str
    """The host name as sent (IDNA ASCII, lower case; an IP literal without brackets)."""
    port: int
    host_header: str
    """``host`` plus ``:port`` when the URL names a port."""
    addresses: tuple[str, ...]
    """Every address the host resolved to, all checked; connect to these only."""

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` as written in the URL (the robots.txt and pacing key)."""
        return f"{self.scheme}://{self.host_header}"


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64, IPv4-compatible)."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr in _NAT64 or (addr in _IPV4_COMPATIBLE and int(addr) > 1):
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def non_public_reason(addr: IPAddress) -> str | None:
    """Why ``addr`` is not a public unicast address (``None`` when it is)."""
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.scope_id:
            return "scoped"
        inner = _embedded_ipv4(addr)
        if inner is not None:
            reason = non_public_reason(inner)
            return f"{reason} IPv4 {inner} inside IPv6" if reason else None
        if addr in _TEREDO:
            return "Teredo tunnel"
        if addr.is_site_local:
            return "site-local"
    checks = (
        (addr.is_unspecified, "unspecified"),
        (addr.is_loopback, "loopback"),
        (addr.is_link_local, "link-local"),
        (addr.is_multicast, "multicast"),
        (isinstance(addr, ipaddress.IPv4Address) and addr in _CGNAT, "carrier-grade NAT"),
        (addr.is_private, "private"),
        (addr.is_reserved, "reserved"),
        (not addr.is_global, "non-public"),
    )
    return next((reason for hit, reason in checks if hit), None)


def is_metadata(addr: IPAddress) -> bool:
    """A cloud provider's instance metadata endpoint (directly or inside IPv6)."""
    if addr in METADATA_ADDRESSES:
        return True
    if isinstance(addr, ipaddress.IPv6Address):
        inner = _embedded_ipv4(addr)
        return inner is not None and inner in METADATA_ADDRESSES
    return False


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise FetchError(url, f"bad URL: {exc}") from exc
    if parsed.scheme not in SCHEMES:
        shown = parsed.scheme or "none"
        raise FetchError(url, f"refused: scheme {shown!r} (only http and https are fetched)")
    if parsed.userinfo:
        raise FetchError(url, "refused: credentials in the URL")
    if not parsed.host:
        raise FetchError(url, "bad URL: no host")
    return parsed


class Guard:
    """Checks URLs before every request (see the module docstring for the rules)."""

    def __init__(self, *, allow_private: bool = False, resolve: Resolver | None = None) -> None:
        self.allow_private = allow_private
        self._resolve = resolve

    def check_form(self, url: str) -> httpx.URL:
        """The checks that need no DNS: scheme, credentials, host, metadata names."""
        parsed = _parse(url)
        host = parsed.raw_host.decode("ascii").lower()
        if host.rstrip(".") in METADATA_HOSTS:
            raise FetchError(url, f"refused: {host} is a cloud metadata endpoint")
        return parsed

    def check(self, url: str) -> Target:
        """The checked :class:`Target` for ``url``, or :class:`FetchError` (``refused: ...``)."""
        parsed = self.check_form(url)
        host = parsed.raw_host.decode("ascii").lower()
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = self._addresses(url, host, port)
        for addr in addresses:
            via = "" if host == str(addr) else f"{host} resolves to "
            if is_metadata(addr):
                raise FetchError(url, f"refused: {via}cloud metadata address {addr}")
            reason = None if self.allow_private else non_public_reason(addr)
            if reason:
                raise FetchError(url, f"refused: {via}{reason} address {addr}{_ALLOW_HINT}")
        netloc = parsed.netloc.decode("ascii").lower()
        return Target(
            url=url,
            scheme=parsed.scheme,
            host=host,
            port=port,
            host_header=netloc,
            addresses=tuple(dict.fromkeys(str(a) for a in addresses)),
        )

    def _addresses(self, url: str, host: str, port: int) -> list[IPAddress]:
        try:
            return [ipaddress.ip_address(host)]  # an IP literal needs no lookup
        except ValueError:
            pass
        resolve = self._resolve or socket.getaddrinfo
        try:
            infos = resolve(host, port, 0, socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"unreachable: cannot resolve {host} ({exc})") from exc
        addresses: list[IPAddress] = []
        for info in infos:
            raw = str(info[4][0])
            try:
                addresses.append(ipaddress.ip_address(raw))
            except ValueError as exc:
                raise FetchError(url, f"refused: {host} resolves to {raw!r}") from exc
        if not addresses:
            raise FetchError(url, f"unreachable: {host} has no address")
        return addresses
