"""The HTTP client against a local server on 127.0.0.1: redirects, limits, retries, robots,
charsets, pinning. Sleeps are recorded instead of slept, so no test waits on a backoff."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from _fetch_site import CAFE_WORDS, corpus_site
from _http_server import LocalServer, Resource
from newsdesk.fetch import FetchConfig, Fetcher, FetchError
from newsdesk.fetch._documents import parse_response


@pytest.fixture()
def site() -> Iterator[LocalServer]:
    with corpus_site() as server:
        yield server


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def make_fetcher(sleep: Recorder | None = None, **changes: Any) -> Fetcher:
    settings: dict[str, Any] = {
        "allow_private": True,
        "host_delay": 0.0,
        "read_timeout": 2.0,
        "connect_timeout": 2.0,
    }
    settings.update(changes)
    return Fetcher(FetchConfig(**settings), sleep=sleep or Recorder())


def get(site: LocalServer, path: str, **changes: Any) -> Any:
    with make_fetcher(**changes) as fetcher:
        return fetcher.get(site.url(path))


def failure(site: LocalServer, path: str, **changes: Any) -> str:
    with pytest.raises(FetchError) as err:
        get(site, path, **changes)
    assert err.value.path == site.url(path)
    return err.value.problem


# ---------------------------------------------------------------- the guard, end to end


def test_loopback_server_is_refused_without_allow_private(site: LocalServer) -> None:
    problem = failure(site, "/pages/page_01.html", allow_private=False)
    assert problem.startswith("refused: loopback address 127.0.0.1")
    assert site.requests == []  # not even robots.txt was asked


def test_redirect_to_an_allowed_target_is_followed(site: LocalServer) -> None:
    fetched = get(site, "/redirect?to=/pages/page_02.html&code=301")
    assert fetched.status == 200
    assert fetched.final_url == site.url("/pages/page_02.html")
    assert fetched.url == site.url("/redirect?to=/pages/page_02.html&code=301")


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("file:///etc/passwd", "scheme 'file'"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata address 169.254.169.254"),
        ("http://metadata.google.internal/", "cloud metadata endpoint"),
        ("gopher://127.0.0.1:70/", "scheme 'gopher'"),
        ("http://admin:pw@127.0.0.1/", "credentials"),
    ],
)
def test_redirect_to_a_forbidden_target_is_refused(
    site: LocalServer, target: str, problem: str
) -> None:
    message = failure(site, f"/redirect?to={target}")
    assert message.startswith("redirect to ")
    assert problem in message


def test_endless_redirects_stop_after_five(site: LocalServer) -> None:
    assert failure(site, "/loop") == "too many redirects (more than 5)"
    assert len(site.hits("/loop")) == 6


def test_connection_goes_to_the_checked_address_with_the_real_host_name(
    site: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []

    def resolve(host: str, port: int, *args: object) -> list[tuple[Any, ...]]:
        checked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    def rebound(host: str, port: object, *args: object, **kw: object) -> list[tuple[Any, ...]]:
        # A rebinding DNS answers a later lookup of the name with an address nobody
        # serves; IP literals (what the client connects to) resolve to themselves.
        address = host if host[:1].isdigit() else "10.66.66.66"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebound)
    config = FetchConfig(allow_private=True, host_delay=0.0, connect_timeout=1.0)
    with Fetcher(config, resolve=resolve, sleep=Recorder()) as fetcher:
        fetched = fetcher.get(f"http://news.test:{site.port}/pages/page_01.html")
    assert fetched.status == 200  # so it connected to 127.0.0.1, the checked address
    seen = site.hits("/pages/page_01.html")[0]
    assert seen.headers["host"] == f"news.test:{site.port}"
    assert checked == ["news.test", "news.test"]  # robots.txt and the page: one check each


# ---------------------------------------------------------------- limits


def test_slow_response_times_out(site: LocalServer) -> None:
    assert failure(site, "/slow?seconds=3", read_timeout=0.3).startswith("timed out")


def test_slow_drip_is_cut_by_the_total_limit(site: LocalServer) -> None:
    problem = failure(site, "/drip?seconds=3", read_timeout=2.0, total_timeout=0.5)
    assert problem == "timed out: response took over 0.5 s"


def test_oversized_response_with_a_length_is_refused_before_reading(site: LocalServer) -> None:
    problem = failure(site, "/big?bytes=300000", max_bytes=100_000)
    assert problem.startswith("too large:") and "declared" in problem


def test_oversized_response_without_a_length_is_cut_off(site: LocalServer) -> None:
    problem = failure(site, "/big?bytes=3000000&length=0", max_bytes=100_000)
    assert problem == "too large: cut off at 100,000 bytes"


def test_binary_content_is_refused(site: LocalServer) -> None:
    assert failure(site, "/image.png") == "unsupported: content type image/png is not text"


def test_missing_page_is_a_clear_error(site: LocalServer) -> None:
    assert failure(site, "/pages/page_99.html") == "HTTP 404 Not Found"


# ---------------------------------------------------------------- retries


def test_429_waits_as_long_as_retry_after_says(site: LocalServer) -> None:
    sleeps = Recorder()
    fetched = get(site, "/flaky?key=a&fail=1&status=429&retry_after=7", sleep=sleeps)
    assert fetched.status == 200
    assert sleeps.sleeps == [7.0]
    assert [r.status for r in site.hits("/flaky")] == [429, 200]


def test_503_is_retried_with_growing_jittered_backoff(site: LocalServer) -> None:
    sleeps = Recorder()
    fetched = get(site, "/flaky?key=b&fail=3&status=503", sleep=sleeps, backoff=1.0)
    assert fetched.status == 200
    assert len(sleeps.sleeps) == 3
    for attempt, slept in enumerate(sleeps.sleeps):
        assert 2**attempt <= slept <= 1.5 * 2**attempt


def test_persistent_5xx_gives_up_with_the_status(site: LocalServer) -> None:
    problem = failure(site, "/flaky?key=c&fail=99&status=502", retries=2)
    assert problem == "HTTP 502 Bad Gateway (gave up after 3 attempts)"
    assert len(site.hits("/flaky")) == 3


def test_retry_after_beyond_the_limit_is_not_waited_for(site: LocalServer) -> None:
    sleeps = Recorder()
    with pytest.raises(FetchError, match="asks to retry after 3600 s"):
        get(site, "/flaky?key=d&fail=1&status=503&retry_after=3600", sleep=sleeps)
    assert sleeps.sleeps == []


def test_4xx_is_not_retried(site: LocalServer) -> None:
    failure(site, "/flaky?key=e&fail=5&status=403")
    assert len(site.hits("/flaky")) == 1


# ---------------------------------------------------------------- robots.txt


def test_robots_disallow_is_obeyed(site: LocalServer) -> None:
    problem = failure(site, "/private/memo.html")
    assert problem == f"disallowed by {site.base}/robots.txt"
    assert site.hits("/private/memo.html") == []


def test_redirect_into_a_disallowed_path_is_refused(site: LocalServer) -> None:
    problem = failure(site, "/redirect?to=/private/memo.html")
    assert "disallowed" in problem and "redirected to" in problem


def test_robots_txt_is_fetched_once_per_host(site: LocalServer) -> None:
    with make_fetcher() as fetcher:
        for page in ("page_01", "page_02", "page_03"):
            fetcher.get(site.url(f"/pages/{page}.html"))
    assert len(site.hits("/robots.txt")) == 1
    assert site.hits("/robots.txt")[0].headers["user-agent"].startswith("newsdesk/")


def test_robots_server_error_disallows_everything() -> None:
    robots = Resource(b"down", "text/plain", status=503)
    with LocalServer({"/robots.txt": robots}) as server:
        server.add("/a.html", Resource(b"<p>x</p>", "text/html"))
        problem = failure(server, "/a.html")
        unread = "robots.txt cannot be read (HTTP 503), so nothing there is fetched"
        assert problem == f"{server.base}/{unread}"
        assert server.hits("/a.html") == []


def test_missing_robots_txt_allows_everything() -> None:
    with LocalServer({"/a.html": Resource(b"<p>a page</p>", "text/html")}) as server:
        assert get(server, "/a.html").status == 200
        assert [r.status for r in server.requests] == [404, 200]


def test_robots_txt_is_read_whatever_its_content_type() -> None:
    robots = Resource(b"User-agent: *\nDisallow: /hidden/\n", "application/octet-stream")
    with LocalServer({"/robots.txt": robots}) as server:
        server.add("/open.html", Resource(b"<p>open</p>", "text/html"))
        assert get(server, "/open.html").status == 200
        assert failure(server, "/hidden/x.html") == f"disallowed by {server.base}/robots.txt"


def test_crawl_delay_spaces_requests_to_the_host() -> None:
    robots = b"User-agent: newsdesk\nCrawl-delay: 4\n"
    with LocalServer({"/robots.txt": Resource(robots, "text/plain")}) as server:
        server.add("/a.html", Resource(b"<p>a</p>", "text/html"))
        sleeps = Recorder()
        with make_fetcher(sleep=sleeps) as fetcher:
            fetcher.get(server.url("/a.html"))
            fetcher.get(server.url("/a.html"))
    assert len(sleeps.sleeps) == 2  # before each page, after robots.txt and the first page
    assert all(3.0 < s <= 4.0 for s in sleeps.sleeps)


# ---------------------------------------------------------------- conditional GET


def test_conditional_get_gets_304(site: LocalServer) -> None:
    with make_fetcher() as fetcher:
        first = fetcher.get(site.url("/feeds/meridian_wire.xml"))
        again = fetcher.get(
            site.url("/feeds/meridian_wire.xml"),
            etag=first.etag,
            last_modified=first.last_modified,
        )
        by_date = fetcher.get(
            site.url("/feeds/meridian_wire.xml"), last_modified=first.last_modified
        )
    assert first.status == 200 and first.etag and first.last_modified
    assert again.not_modified and again.content == b""
    assert by_date.not_modified
    assert site.hits("/feeds/meridian_wire.xml")[1].headers["if-none-match"] == first.etag


# ---------------------------------------------------------------- charsets


@pytest.mark.parametrize(
    "path",
    [
        "/charset/latin1.html",  # header says latin-1, and it is
        "/charset/utf8-says-latin1.html",  # header says latin-1, bytes are UTF-8
        "/charset/meta-only.html",  # no header charset, <meta> says windows-1252
        "/charset/meta-lies.html",  # no header charset, <meta> says latin-1, bytes are UTF-8
        "/charset/unlabelled.html",  # no label anywhere, latin-1 bytes
        "/charset/feed-latin1.xml",  # header says UTF-8, the XML declaration and bytes latin-1
    ],
)
def test_charset_comes_from_headers_and_content(site: LocalServer, path: str) -> None:
    fetched = get(site, path)
    parsed = parse_response(fetched, summary_words=0)
    doc = (parsed.documents or tuple(s.summary for s in parsed.summaries if s.summary))[0]
    text = f"{doc.title}\n{doc.text}"
    for word in CAFE_WORDS:
        assert word in text, (path, text)
    assert "Ã" not in text
