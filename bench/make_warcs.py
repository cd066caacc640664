"""Write articles as WARC archives in the CC-NEWS layout, for the Spark job's tests and benchmark.

Each article becomes an HTML page (title, author, site name and publication date in the
``<head>``, one ``<p>`` per paragraph, debris lines kept) in a gzipped ``response`` record,
spread over several files ``crawl-data/CC-NEWS/YYYY/MM/CC-NEWS-<stamp>-<n>.warc.gz`` like a
real CC-NEWS month. Record ids, dates and gzip headers are derived from the content, so the
same input gives byte-identical files.

Two sources::

    python bench/make_warcs.py --examples --out /tmp/ccnews-examples    # examples/corpus
    python bench/make_warcs.py --generated 10000 --out /tmp/ccnews-10k  # bench/gen_corpus.py
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
CRAWL_TIME = "T12:00:00Z"


@dataclass(frozen=True, slots=True)
class Page:
    """One article to archive as a web page."""

    url: str
    title: str
    text: str
    """Paragraphs separated by blank lines; a single newline is a line break."""
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


def page_html(page: Page) -> str:
    """The article as a plain news page that trafilatura reads back."""
    esc = html.escape
    head = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        f"<title>{esc(page.title)}</title>",
        f'<meta property="og:title" content="{esc(page.title)}">',
        '<meta property="og:type" content="article">',
    ]
    if page.authors:
        head.append(f'<meta name="author" content="{esc(", ".join(page.authors))}">')
    if page.outlet:
        head.append(f'<meta property="og:site_name" content="{esc(page.outlet)}">')
    if page.published:
        head.append(f'<meta property="article:published_time" content="{esc(page.published)}">')
    body = [f"<h1>{esc(page.title)}</h1>"]
    for para in (p.strip() for p in page.text.split("\n\n")):
        if para:
            body.append("<p>" + "<br>\n".join(esc(line) for line in para.splitlines()) + "</p>")
    return "\n".join([*head, "</head>\n<body>\n<article>", *body, "</article>\n</body>\n</html>\n"])


def _record_id(*parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return f"<urn:uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}>"


def _warc_date(published: str | None) -> str:
    day = (published or "2025-01-01")[:10]
    return day + CRAWL_TIME


def _response(writer: Any, page: Page) -> Any:
    from warcio.statusandheaders import StatusAndHeaders

    data = page_html(page).encode("utf-8")
    http_headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(data)))],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        page.url,
        "response",
        payload=io.BytesIO(data),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": _record_id(page.url, page.title, page.text),
            "WARC-Date": _warc_date(page.published),
        },
    )


def warc_path(out_dir: Path, month: str, number: int) -> Path:
    """``crawl-data/CC-NEWS/YYYY/MM/CC-NEWS-YYYYMM01000000-<number>.warc.gz`` under ``out_dir``."""
    year, mon = month[:4], month[5:7]
    name = f"CC-NEWS-{year}{mon}01000000-{number:05d}.warc.gz"
    return out_dir / "crawl-data" / "CC-NEWS" / year / mon / name


def write_warcs(pages: Sequence[Page], out_dir: Path, files: int = 4) -> list[Path]:
    """Spread ``pages`` (in the given order, round-robin) over ``files`` archives; the path
    of each file carries the month of its first page. Returns the paths written."""
    from warcio.warcwriter import WARCWriter

    files = max(1, min(files, len(pages)))
    chunks = [pages[i::files] for i in range(files)]
    written: list[Path] = []
    for number, chunk in enumerate(chunks):
        month = (chunk[0].published or "2025-01")[:7]
        path = warc_path(out_dir, month, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True, warc_version="1.1")
            for page in chunk:
                writer.write_record(_response(writer, page))
        written.append(path)
    return written


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum()) or "site"


def example_pages(corpus: Path = EXAMPLES) -> list[Page]:
    """Every report of the example corpus, read by newsdesk's own ingest, as a page."""
    from newsdesk.ingest import iter_documents

    def fail(err: Exception) -> None:
        raise err

    pages = []
    for n, doc in enumerate(iter_documents([corpus], on_error=fail)):
        url = doc.url or f"https://{_slug(doc.outlet or 'site')}.example/report-{n}"
        pages.append(
            Page(
                url=url,
                title=doc.title or "",
                text=doc.text,
                published=doc.published,
                outlet=doc.outlet,
                authors=doc.authors,
            )
        )
    return pages


def _url(url: str) -> str:
    """A valid URI (generated place names may hold spaces, which WARC does not allow)."""
    return url.replace(" ", "-")


def generated_pages(n_articles: int, seed: int = 7) -> list[Page]:
    """``n_articles`` synthetic articles from ``bench/gen_corpus.py`` as pages."""
    from gen_corpus import generate

    return [
        Page(
            url=_url(a["url"]),
            title=a["title"],
            text=a["text"],
            published=a["published"],
            outlet=a["outlet"],
        )
        for a in generate(n_articles, seed)
    ]


def events_by_url(n_articles: int, seed: int = 7) -> dict[str, str]:
    """The generated event each URL reports (the ground truth for story quality)."""
    from gen_corpus import generate

    return {_url(a["url"]): a["event"] for a in generate(n_articles, seed)}


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--examples", action="store_true", help="the example corpus")
    src.add_argument("--generated", type=int, metavar="N", help="N generated articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--files", type=int, default=4, help="number of .warc.gz files")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(None if argv is None else list(argv))
    pages = example_pages() if args.examples else generated_pages(args.generated, args.seed)
    for path in write_warcs(pages, args.out, args.files):
        print(path)


if __name__ == "__main__":
    main()
