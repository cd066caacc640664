"""The SSRF guard on its own: address classes, resolution (monkeypatched), URL forms."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.fetch import FetchError, Guard, non_public_reason


def resolver(table: dict[str, Sequence[str]]) -> Any:
    """A getaddrinfo that answers from ``table`` and counts its calls."""

    def resolve(host: str, port: int, *args: object) -> list[tuple[Any, ...]]:
        resolve.calls.append(host)  # type: ignore[attr-defined]
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in table[host]
        ]

    resolve.calls = []  # type: ignore[attr-defined]
    return resolve


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("239.1.2.3", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("240.0.0.1", "private"),
        ("192.0.2.5", "private"),
        ("fec0::1", "site-local"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo tunnel"),
        ("::ffff:127.0.0.1", "loopback IPv4 127.0.0.1 inside IPv6"),
        ("::ffff:10.0.0.1", "private IPv4 10.0.0.1 inside IPv6"),
        ("::ffff:100.64.3.4", "carrier-grade NAT IPv4 100.64.3.4 inside IPv6"),
        ("2002:7f00:1::", "loopback IPv4 127.0.0.1 inside IPv6"),
        ("64:ff9b::a00:1", "private IPv4 10.0.0.1 inside IPv6"),
        ("::7f00:1", "loopback IPv4 127.0.0.1 inside IPv6"),
    ],
)
def test_non_public_addresses_are_named(address: str, reason: str) -> None:
    assert non_public_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_pass(address: str) -> None:
    assert non_public_reason(ipaddress.ip_address(address)) is None


PRIVATE_V4 = [
    ipaddress.ip_network(n)
    for n in (
        *("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16"),
        *("100.64.0.0/10", "224.0.0.0/4", "0.0.0.0/8"),
    )
]


@given(st.sampled_from(PRIVATE_V4), st.integers(min_value=0, max_value=2**24 - 1))
def test_every_private_v4_address_is_refused_plain_and_mapped(
    net: ipaddress.IPv4Network, offset: int
) -> None:
    addr = net[offset % net.num_addresses]
    assert non_public_reason(addr) is not None
    mapped = ipaddress.IPv6Address(f"::ffff:{addr}")
    assert non_public_reason(mapped) is not None


def test_public_host_is_pinned_to_the_checked_address() -> None:
    resolve = resolver({"news.example.com": ["93.184.216.34", "2606:2800:220:1::1"]})
    target = Guard(resolve=resolve).check("https://News.Example.com/a?b=1#c")
    assert target.host == "news.example.com"
    assert target.port == 443
    assert target.host_header == "news.example.com"
    assert target.addresses == ("93.184.216.34", "2606:2800:220:1::1")
    assert resolve.calls == ["news.example.com"]


def test_host_with_any_private_address_is_refused() -> None:
    resolve = resolver({"mixed.example.com": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(FetchError) as err:
        Guard(resolve=resolve).check("http://mixed.example.com/")
    assert "refused: mixed.example.com resolves to private address 10.0.0.7" in str(err.value)
    assert "--allow-private" in str(err.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/feed.xml",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.1/",
        "http://192.168.0.10/x",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_loopback_and_private_urls_are_refused(url: str) -> None:
    resolve = resolver({"localhost": ["127.0.0.1", "::1"]})

    def lookup(host: str, port: int, *args: object) -> list[tuple[Any, ...]]:
        return resolve(host, port) if host == "localhost" else socket.getaddrinfo(host, port)

    with pytest.raises(FetchError, match="refused"):
        Guard(resolve=lookup).check(url)
    assert Guard(allow_private=True, resolve=lookup).check(url).addresses


def test_real_resolver_refuses_loopback_without_allow_private() -> None:
    with pytest.raises(FetchError, match=r"loopback address 127\.0\.0\.1"):
        Guard().check("http://127.0.0.1:9/")


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://metadata.google.internal./",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:169.254.169.254]/",
        "http://sneaky.example.com/",
    ],
)
def test_metadata_endpoints_are_refused_even_when_private_is_allowed(url: str) -> None:
    resolve = resolver({"sneaky.example.com": ["169.254.169.254"]})
    with pytest.raises(FetchError, match="metadata"):
        Guard(allow_private=True, resolve=resolve).check(url)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("file:///etc/passwd", "scheme 'file'"),
        ("ftp://example.com/feed.xml", "scheme 'ftp'"),
        ("gopher://example.com/", "scheme 'gopher'"),
        ("javascript:alert(1)", "scheme 'javascript'"),
        ("example.com/feed.xml", "scheme 'none'"),
        ("http://user:secret@example.com/", "credentials"),
        ("http:///no-host", "no host"),
    ],
)
def test_bad_forms_are_refused_even_when_private_is_allowed(url: str, problem: str) -> None:
    with pytest.raises(FetchError) as err:
        Guard(allow_private=True, resolve=resolver({})).check(url)
    assert problem in err.value.problem
    assert err.value.path == url


def test_unresolvable_host_is_a_clear_error() -> None:
    with pytest.raises(FetchError, match=r"unreachable: cannot resolve nowhere\.invalid"):
        Guard(resolve=resolver({})).check("http://nowhere.invalid/")
