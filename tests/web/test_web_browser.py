"""The web app in a real browser: Playwright driving the system's Chromium.

Skips (saying why) only when Playwright or Chromium is missing; .ci/run installs both."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.browser import chromium_missing
from newsdesk.web.names import outlet_name

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=str(chromium_missing()))


@pytest.fixture(scope="session")
def demo_db(sqlite_demo_db: Path) -> Path:
    """In the browser, on SQLite only (the pages are the same on both backends: the HTTP
    tests run on both)."""
    return sqlite_demo_db


@pytest.fixture()
def fresh_db(tmp_path: Path, sqlite_demo_db: Path) -> Path:
    import shutil

    from newsdesk.store import SQLiteStore

    with SQLiteStore(sqlite_demo_db) as store:
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(shutil.copy(sqlite_demo_db, tmp_path / "newsdesk.db"))


INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.startsWith("on")) found.push(el.tagName + " " + a.name);
      const linked = ["href", "src", "action"].includes(a.name);
      if (linked && /^\\s*(javascript|data|vbscript):/i.test(a.value))
        found.push(el.tagName + " " + a.name + "=" + a.value);
    }
    if (["IFRAME", "OBJECT", "EMBED", "IMG"].includes(el.tagName)) found.push(el.tagName);
  }
  for (const s of document.scripts) if (!s.src) found.push("inline script");
  return found;
}"""


@pytest.fixture(scope="module")
def base_url(demo_db: Path) -> Iterator[str]:
    from newsdesk.web.server import running

    with running(create_app(demo_db, poll_seconds=0.3)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    from newsdesk.web.browser import launch

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


class Watched:
    """A page with every dialog and console CSP complaint recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.csp: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, msg: Any) -> None:
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            self.csp.append(msg.text)

    def clean(self) -> None:
        """Nothing ran, nothing was injected, nothing broke the CSP."""
        assert self.page.evaluate("typeof window.__pwned") == "undefined"
        assert self.dialogs == []
        assert self.page.evaluate(INJECTED) == []
        assert self.csp == []


@pytest.fixture()
def page(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


def test_search_open_story_and_follow_a_citation(page: Watched, base_url: str) -> None:
    p = page.page
    p.goto(base_url + "/")
    p.get_by_label("Search titles and texts").fill("ammonia evacuees")
    p.get_by_role("button", name="Search").click()
    p.wait_for_url(re.compile(r"\?q=ammonia"))
    assert "1 story matching “ammonia evacuees”" in p.locator("#result-count").inner_text()
    assert p.locator(".snippet mark").count() >= 1
    p.locator(".story-card h2 a").first.click()
    p.wait_for_url(re.compile(r"/stories/s-"))
    assert "Freight train carrying ammonia" in p.locator("h1").inner_text()
    for section in ("#summary", "#agree", "#differ", "#updates", "#single", "#citations"):
        assert p.locator(section).is_visible()
    assert p.locator("#citations svg .node-report").count() == 4
    ref = p.locator("#agree a.ref").first
    target = ref.get_attribute("href") or ""
    ref.click()
    p.wait_for_url(re.compile(r"/articles/[0-9a-f]+#s\d+$"))
    sentence = p.locator("#" + target.split("#")[1])
    assert sentence.is_visible()
    # the cited sentence is the one highlighted (CSS :target), in the report's cleaned text
    assert p.evaluate("document.querySelector(':target').className") == "sentence"
    assert p.locator("#text").is_visible() and p.locator("#debris").is_visible()
    page.clean()


def test_outlet_filter_and_pages(page: Watched, base_url: str) -> None:
    p = page.page
    p.goto(base_url + "/")
    p.get_by_label("Outlet").select_option("Kessen Tribune")
    p.get_by_role("button", name="Search").click()
    p.wait_for_url(re.compile(r"outlet=Kessen"))
    assert p.locator(".story-card").count() == 1
    p.locator(".story-card .meta a", has_text="Kessen Tribune").click()
    assert p.locator("h1").inner_text() == "Kessen Tribune"
    assert p.locator("#record").is_visible()
    page.clean()


def test_crafted_reports_run_no_script(page: Watched, base_url: str, demo_db: Path) -> None:
    with Store(demo_db) as store:
        crafted = [a for a in store.articles() if "Orrin" in a.title]
        story = next(s for s in store.story_summaries() if "Lantern" in s.title)
    p = page.page
    paths = ["/", "/?q=lantern+festival", f"/stories/{story.id}", "/outlets"]
    paths += [f"/articles/{a.id}" for a in crafted]
    for path in paths:
        p.goto(base_url + path)
        p.wait_for_load_state("load")
        page.clean()
    # every field shows as text: title, outlet, byline, URL, body and removed debris
    p.goto(base_url + f"/articles/{crafted[0].id}")
    assert "<script>window.__pwned=1</script>" in p.locator("h1").inner_text()
    assert "<svg onload" in p.locator(".byline").inner_text()
    assert "javascript:window.__pwned=3" in p.locator(".unlinked").inner_text()
    assert p.locator("a.external").count() == 0
    assert (
        "__pwned=11" in p.locator("#debris del").first.inner_text()
        or p.locator("#debris del", has_text="__pwned=11").count()
    )
    # the outlet's own page, reached by its (escaped) name
    p.locator(".kicker a.outlet").click()
    assert outlet_name(crafted[0].outlet, crafted[0].url) == p.locator("h1").inner_text()
    page.clean()


def test_new_reports_show_on_the_next_load(page: Watched, fresh_db: Path, tmp_path: Path) -> None:
    from newsdesk import pipeline
    from newsdesk.web.server import running

    report = tmp_path / "ferry.txt"
    report.write_text(
        "Ferry service to the Skerry Isles resumes\n\n"
        "Ferries between Port Wenna and the Skerry Isles resumed on Friday after three days "
        "of storms, the operator said.\n",
        encoding="utf-8",
    )
    p = page.page
    with running(create_app(fresh_db, poll_seconds=0.3)) as url:
        p.goto(url + "/")
        assert not p.locator("#live").is_visible()
        with Store(fresh_db) as store:  # another writer, as `newsdesk ingest` would be
            pipeline.ingest_paths(store, [report])
        p.locator("#live").wait_for(state="visible", timeout=15_000)
        p.locator("#live a").click()
        p.wait_for_load_state()
        assert "Ferry service to the Skerry Isles resumes" in p.locator(".unclustered").inner_text()
        assert "20 reports" in p.locator("#store-status").inner_text()
    page.clean()
