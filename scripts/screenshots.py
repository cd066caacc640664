"""Screenshots of the web app's main pages, for the README (docs/screenshots/*.png).

Needs: the ``web`` extra, Playwright and Debian's Chromium (``make screenshots`` installs
the Python parts; ``apt-get install chromium`` the browser) and a store, by default the
demo's (``make demo``). Produces: stories.png, search.png, story.png, story-differ.png,
article.png and outlet.png in docs/screenshots/ (or --out).

    .venv/bin/python scripts/screenshots.py [--db out/demo/newsdesk.db] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.browser import chromium_missing, launch
from newsdesk.web.server import running

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1280, 900


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "out/demo/newsdesk.db")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/screenshots")
    args = parser.parse_args()
    problem = chromium_missing()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    if not args.db.is_file():
        print(f"error: no store at {args.db}; run `make demo` first", file=sys.stderr)
        return 1
    story, article = pick(args.db)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    shots = {
        "stories.png": "/",
        "search.png": "/?q=evacuated",
        "story.png": f"/stories/{story}",
        "story-differ.png": f"/stories/{story}#differ",
        "article.png": f"/articles/{article}",
        "outlet.png": "/outlets/" + quote("Meridian Wire"),
    }
    with running(create_app(args.db)) as base, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for name, path in shots.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            target = args.out / name
            page.screenshot(path=str(target), full_page=False)
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        browser.close()
    return 0


def pick(db: Path) -> tuple[str, str]:
    """The story with the most disputed figures (then the most reports), and the report
    that shows most of what an article page does (reused paragraphs, then removed debris)."""
    from newsdesk.web.reports import ReportCache

    cache = ReportCache()
    with Store(db) as store:
        summaries = store.story_summaries()[:10]

        def disputes(story_id: str) -> int:
            groups = cache.get(store, story_id).story["fact_groups"]
            return sum(g["label"] == "conflicting" for g in groups)

        story = max(summaries, key=lambda s: (disputes(s.id), s.article_count)).id
        reusers = {r.article_id for r in store.paragraph_reuse()}
        article = max(
            store.articles(),
            key=lambda a: (a.id in reusers and a.duplicate_of is None, len(a.removed)),
        ).id
    return story, article


if __name__ == "__main__":
    sys.exit(main())
