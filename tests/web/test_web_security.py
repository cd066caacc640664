"""Security: escaping, safe links, headers, limits, host check and the editor token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient

from conftest import CRAFTED
from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.names import http_url, outlet_name


class Markup(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").startswith("/static/"):
            self.found.append(f"inline <script> {values}")
        if tag in ("iframe", "object", "embed", "img", "base"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            linked = name in ("href", "src", "action", "xlink:href") and value is not None
            if linked and not re.match(r"^(/|#|https?://)", (value or "").strip()):
                self.found.append(f"{tag} {name}={value}")


def injected(html: str) -> list[str]:
    """What in ``html`` would run script or load something (empty for a safe page)."""
    return Markup(html).found


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db), base_url="http://127.0.0.1") as c:
        yield c


def _crafted(demo_db: Path) -> tuple[str, list[str], list[str]]:
    with Store(demo_db) as store:
        ids = [a.id for a in store.articles() if "Orrin" in a.title]
        story = store.story_summaries()
        outlets = [outlet_name(a.outlet, a.url) for a in store.articles(ids)]
    sid = next(s.id for s in story if "Lantern" in s.title)
    return sid, ids, outlets


def test_crafted_reports_are_shown_as_text_on_every_page(client: TestClient, demo_db: Path) -> None:
    sid, ids, outlets = _crafted(demo_db)
    assert len(ids) == len(CRAFTED)
    pages = ["/", "/?q=lantern", "/outlets", f"/stories/{sid}"]
    pages += [f"/articles/{i}" for i in ids]
    pages += ["/outlets/" + o.replace("/", "%2F") for o in outlets]
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        assert injected(page.text) == [], path
        assert "&lt;script&gt;window.__pwned=" in page.text, path  # shown, escaped
    article = client.get(f"/articles/{ids[0]}").text
    assert "javascript:window.__pwned=3//lantern" in article  # the URL is shown...
    assert 'class="unlinked"' in article  # ...but not linked
    assert "<del title=" in article and "__pwned=11" in article  # escaped debris


def test_the_markup_check_finds_injections() -> None:
    assert injected('<p><img src=x onerror="alert(1)"></p>')
    assert injected('<a href="javascript:alert(1)">x</a>')
    assert injected("<script>alert(1)</script>")
    assert injected('<svg onload="alert(1)"></svg>')
    assert not injected('<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="/x">x</a></p>')


def test_javascript_urls_are_never_links() -> None:
    for url in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/x",
        "/relative",
        "https://",
        "http://[::1",
        None,
        "",
    ):
        assert http_url(url) is None, url
    assert http_url("https://news.example/a?b=1") == "https://news.example/a?b=1"


@given(st.text())
def test_http_url_only_passes_http_and_https(url: str) -> None:
    safe = http_url(url)
    if safe is not None:
        assert safe.lower().startswith(("http://", "https://"))
        assert not any(ord(c) <= 0x20 for c in safe)


def test_every_response_has_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/status", "/static/style.css", "/no/such/page"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(client: TestClient, demo_db: Path) -> None:
    sid, ids, _ = _crafted(demo_db)
    for path in ("/", f"/stories/{sid}", f"/articles/{ids[0]}", "/outlets"):
        html = client.get(path).text
        scripts = re.findall(r"<script([^>]*)>", html)
        assert scripts and all('src="/static/' in s for s in scripts)
        assert " style=" not in html and "<style" not in html


def test_other_hosts_are_refused(demo_db: Path) -> None:
    with TestClient(create_app(demo_db), base_url="http://attacker.example") as c:
        assert c.get("/").status_code == 400


def test_request_size_limits(client: TestClient) -> None:
    big = client.post("/actions/recluster", content=b"token=" + b"x" * 20_000)
    assert big.status_code == 413
    chunks = client.post("/actions/recluster", content=iter([b"token=" + b"x" * 9000] * 3))
    assert chunks.status_code == 413  # no length given: counted as it arrives
    long_url = client.get("/?q=" + "a" * 5000)
    assert long_url.status_code == 414
    assert "content-security-policy" in long_url.headers


def test_read_only_without_a_token(client: TestClient) -> None:
    refused = client.post("/actions/recluster", data={"token": ""})
    assert refused.status_code == 403
    assert "read-only" in refused.text
    assert "This newsdesk is read-only" in client.get("/").text
    assert client.get("/actions/recluster").status_code == 405


def test_actions_need_the_token(fresh_db: Path) -> None:
    app = create_app(fresh_db, token="s3cret-token")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert 'name="token"' in c.get("/").text
        assert c.post("/actions/recluster", data={"token": "wrong"}).status_code == 403
        assert c.post("/actions/recluster").status_code == 403
        cross = c.post(
            "/actions/recluster",
            data={"token": "s3cret-token"},
            headers={"origin": "http://attacker.example"},
        )
        assert cross.status_code == 403
        done = c.post("/actions/recluster", data={"token": "s3cret-token"}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/?notice=reclustered"
        assert "Dedupe and clustering were re-run" in c.get(done.headers["location"]).text
        bearer = c.post(
            "/actions/recluster",
            headers={"authorization": "Bearer s3cret-token"},
            follow_redirects=False,
        )
        assert bearer.status_code == 303
