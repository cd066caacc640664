"""The small parts of fetching on their own: charset repair, Retry-After, per-host pacing,
the robots.txt cache, and how a response's kind is decided."""

from __future__ import annotations

import os
import signal
import threading
from datetime import UTC, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsdesk.fetch import FetchError, stop_on_signals
from newsdesk.fetch._charset import BOM, as_utf8
from newsdesk.fetch._client import retry_after_seconds
from newsdesk.fetch._documents import kind_of
from newsdesk.fetch._politeness import HostPacer
from newsdesk.fetch._robots import RobotsCache, RobotsFile

# ---------------------------------------------------------------- charset


@given(st.text(min_size=1), st.sampled_from([None, "iso-8859-1", "windows-1252", "koi8-r"]))
def test_utf8_bodies_are_read_right_whatever_the_label(text: str, label: str | None) -> None:
    data = text.encode("utf-8")
    out = as_utf8(data, label, "http://x.example/")
    assert out.decode("utf-8-sig") == text.removeprefix("\ufeff") or out == data


LATIN1_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
    min_size=1,
).filter(lambda t: not any(0x80 <= ord(c) < 0xA0 for c in t))


@given(LATIN1_TEXT)
def test_latin1_bodies_labelled_latin1_are_read_right(text: str) -> None:
    data = text.encode("latin-1")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return  # bytes that are also valid UTF-8 are read as UTF-8 (the documented bet)
    assert as_utf8(data, "ISO-8859-1", "u").decode("utf-8-sig") == text


@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "shift_jis", "bogus"]))
@example(b"\xff\xfeh\x00i\x00", None)
@example(b"\xef\xbb\xbf\xff", "utf-8")
@example(b"\x00\x00\xfe\xff\x00\x00\x00h", None)
def test_the_result_is_always_utf8(data: bytes, label: str | None) -> None:
    try:
        out = as_utf8(data, label, "u")
    except FetchError as exc:
        assert exc.problem.startswith("undecodable")
        return
    out.decode("utf-8")
    assert out.startswith(BOM) or out == data


def test_declared_charset_is_used_when_the_header_has_none() -> None:
    page = '<meta charset="koi8-r"><p>Привет, город</p>'.encode("koi8-r")
    assert "Привет, город" in as_utf8(page, None, "u").decode("utf-8-sig")


# ---------------------------------------------------------------- Retry-After


def test_retry_after_takes_seconds_and_dates() -> None:
    now = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Mon, 05 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 05 Jan 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


# ---------------------------------------------------------------- pacing


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_pacer_waits_out_the_gap_per_host() -> None:
    t = FakeTime()
    pacer = HostPacer(2.0, clock=t.clock, sleep=t.sleep)
    pacer.wait("a.example")
    pacer.wait("b.example")  # another host: no wait
    t.now += 0.5
    pacer.wait("a.example")
    assert t.slept == [1.5]
    t.now += 10
    pacer.wait("a.example", delay=4.0)  # a crawl delay longer than the default
    t.now += 1
    pacer.wait("a.example", delay=4.0)
    assert t.slept == [1.5, 3.0]


# ---------------------------------------------------------------- robots.txt cache


def test_robots_are_cached_per_origin_for_the_ttl() -> None:
    t = FakeTime()
    loads: list[str] = []

    def load(url: str) -> RobotsFile:
        loads.append(url)
        return RobotsFile(200, "User-agent: newsdesk\nDisallow: /drafts/\nCrawl-delay: 3\n")

    robots = RobotsCache(load, "newsdesk/0.1.0 (test)", ttl=60, clock=t.clock)
    assert robots.allowed("https://a.example/news/1")
    assert not robots.allowed("https://a.example/drafts/2")
    assert robots.crawl_delay("https://a.example/x") == 3.0
    assert robots.allowed("http://a.example/news/1")  # another origin: its own robots.txt
    assert loads == ["https://a.example/robots.txt", "http://a.example/robots.txt"]
    t.now += 61
    robots.allowed("https://a.example/news/1")
    assert len(loads) == 3


@pytest.mark.parametrize(
    ("answer", "allowed"),
    [
        (RobotsFile(404), True),
        (RobotsFile(410), True),
        (RobotsFile(503), False),
        (RobotsFile(None, problem="timed out"), False),
    ],
)
def test_robots_status_rules(answer: RobotsFile, allowed: bool) -> None:
    robots = RobotsCache(lambda url: answer, "newsdesk/0.1.0")
    assert robots.allowed("https://a.example/x") is allowed


# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("body", "media", "kind"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', "text/html", "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "text/plain", "feed"),
        (b"<!doctype html><html><body>", "application/xml", "html"),
        (b"Plain words about a harbour.", "text/plain", "txt"),
        (b"Plain words about a harbour.", "", "txt"),
        (b"<x/>", "application/atom+xml", "feed"),
    ],
)
def test_kind_is_sniffed_then_taken_from_the_content_type(
    body: bytes, media: str, kind: str
) -> None:
    assert kind_of(body, media, "u") == kind


def test_unknown_content_type_is_refused() -> None:
    with pytest.raises(FetchError, match="unsupported: content type application/json"):
        kind_of(b'{"a": 1}', "application/json", "u")


# ---------------------------------------------------------------- signals


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_first_signal_asks_to_stop_and_a_second_one_interrupts(sig: signal.Signals) -> None:
    stop = threading.Event()
    before = signal.getsignal(sig)
    with stop_on_signals(stop):
        os.kill(os.getpid(), sig)
        assert stop.wait(5)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), sig)
            stop.wait(5)  # the handler runs here at the latest
    assert signal.getsignal(sig) is before
