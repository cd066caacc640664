"""The example corpus as a small web site for the fetch tests (served by bench/_http_server).

Paths: ``/feeds/meridian_wire.xml`` (full-text RSS), ``/pages/page_0N.html`` (article
pages), ``/summaries.xml`` (an RSS feed of the pages that carries only one-line summaries,
written here), ``/robots.txt`` (disallows ``/private/``), ``/private/memo.html`` and a few
pages in other charsets, written for these tests.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from _http_server import LocalServer, Resource

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
PAGES = sorted((CORPUS / "pages").glob("page_*.html"))
FEED = CORPUS / "feeds" / "meridian_wire.xml"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"

CAFE_TITLE = "Café owner in Zürich wins the pastry prize"
CAFE_PARAGRAPHS = (
    "The owner of a small café near the Zürich lake front won this year's regional pastry "
    "prize on Saturday, the jury said.",
    "Her crème brûlée and a naïve-looking apple tart beat 41 rival entries, and the jury "
    "praised the façade of the shop as well.",
)
CAFE_WORDS = ("Café", "Zürich", "crème brûlée", "naïve", "façade")


def cafe_html(meta_charset: str | None) -> str:
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "".join(f"<p>{p}</p>" for p in CAFE_PARAGRAPHS)
    return (
        f"<html><head>{meta}<title>{CAFE_TITLE}</title></head>"
        f"<body><article><h1>{CAFE_TITLE}</h1>{body}</article></body></html>"
    )


def cafe_feed(encoding: str) -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
        f"<title>Lakeside Café Gazette</title><item><title>{CAFE_TITLE}</title>"
        f"<link>https://gazette.example/cafe</link>"
        f"<description>{escape(' '.join(CAFE_PARAGRAPHS))}</description></item>"
        f"</channel></rss>"
    )


def og_title(page: Path) -> str:
    found = re.search(r'property="og:title" content="([^"]+)"', page.read_text("utf-8"))
    assert found, page
    return found.group(1)


def summary_feed(base: str, pages: list[Path], extra_links: tuple[str, ...] = ()) -> bytes:
    """An RSS feed of ``pages`` whose entries hold a title, a link and a one-line summary."""
    items = [
        f"<item><title>{escape(og_title(p))}</title><link>{base}/pages/{p.name}</link>"
        f"<guid>{base}/pages/{p.name}</guid>"
        f"<description>Short note: the full report is on the outlet's page.</description>"
        f"</item>"
        for p in pages
    ]
    items += [
        f"<item><title>Missing report {n}</title><link>{link}</link>"
        f"<description>A teaser whose page cannot be had.</description></item>"
        for n, link in enumerate(extra_links, 1)
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Regional Digest</title>" + "".join(items) + "</channel></rss>"
    ).encode()


def corpus_site() -> LocalServer:
    """A server holding the corpus feed and pages, robots.txt and the charset pages."""
    server = LocalServer()
    server.add("/robots.txt", Resource(ROBOTS, "text/plain"))
    server.add("/feeds/meridian_wire.xml", Resource(FEED.read_bytes(), RSS))
    server.add("/plain/meridian_wire.xml", Resource(FEED.read_bytes(), RSS, validators=False))
    for page in PAGES:
        server.add(f"/pages/{page.name}", Resource(page.read_bytes(), HTML))
    server.add("/private/memo.html", Resource(cafe_html("utf-8").encode(), HTML))
    latin1 = "text/html; charset=iso-8859-1"
    server.add("/charset/latin1.html", Resource(cafe_html(None).encode("latin-1"), latin1))
    server.add("/charset/utf8-says-latin1.html", Resource(cafe_html(None).encode(), latin1))
    server.add(
        "/charset/meta-only.html", Resource(cafe_html("windows-1252").encode("cp1252"), "text/html")
    )
    server.add(
        "/charset/meta-lies.html", Resource(cafe_html("iso-8859-1").encode("utf-8"), "text/html")
    )
    server.add("/charset/unlabelled.html", Resource(cafe_html(None).encode("latin-1"), "text/html"))
    server.add(
        "/charset/feed-latin1.xml",
        Resource(cafe_feed("ISO-8859-1").encode("latin-1"), "application/rss+xml; charset=utf-8"),
    )
    return server


def with_summaries(
    server: LocalServer, pages: list[Path] = PAGES, extra: tuple[str, ...] = ()
) -> str:
    """Register ``/summaries.xml`` on a started server; return its URL."""
    server.add("/summaries.xml", Resource(summary_feed(server.base, pages, extra), RSS))
    return server.url("/summaries.xml")
