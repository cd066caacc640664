"""An outlet from the URL's site when a report does not state one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.ingest import iter_documents
from newsdesk.ingest._site import outlet_of, site_of
from newsdesk.pipeline import make_article
from newsdesk.records import CleanedText, RawDocument


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.nytimes.com/2017/01/02/us/story.html", "nytimes.com"),
        ("http://nytimes.com/a", "nytimes.com"),
        ("https://news.bbc.co.uk/2/hi/world.stm", "bbc.co.uk"),
        ("https://www.abc.net.au/news/x", "abc.net.au"),
        ("https://pittsburgh.cbslocal.com/2017/01/02/x/", "cbslocal.com"),
        ("HTTPS://WWW.Example.ORG:8080/path?q=1", "example.org"),
        ("www.valleypost.example.com/story", "example.com"),
        ("http://192.168.1.20/story", "192.168.1.20"),
        ("http://localhost/story", "localhost"),
        ("", None),
        (None, None),
        ("not a url", None),
    ],
)
def test_site_of(url: str | None, site: str | None) -> None:
    assert site_of(url) == site


def test_outlet_of_prefers_the_stated_name() -> None:
    assert outlet_of("The Valley Post", "https://www.valleypost.com/a") == "The Valley Post"
    assert outlet_of(None, "https://www.valleypost.com/a") == "valleypost.com"
    assert outlet_of("  ", "https://m.valleypost.com/a") == "valleypost.com"
    assert outlet_of("www.valleypost.com", "https://www.valleypost.com/a") == "valleypost.com"
    assert outlet_of(None, None) is None


@given(st.sampled_from(["www", "m", "mobile", "amp", "news"]), st.sampled_from(["com", "co.uk"]))
def test_subdomains_of_one_site_are_one_outlet(sub: str, suffix: str) -> None:
    assert site_of(f"https://{sub}.valleypost.{suffix}/x") == f"valleypost.{suffix}"


def _raw(url: str | None, outlet: str | None = None) -> RawDocument:
    return RawDocument(source="x.jsonl#L1", format="jsonl", text="Body.", url=url, outlet=outlet)


def test_make_article_fills_the_outlet_from_the_url() -> None:
    article = make_article(_raw("https://www.valleypost.com/a"), CleanedText("Body."))
    assert article.outlet == "valleypost.com"
    named = make_article(_raw("https://www.valleypost.com/a", "Valley Post"), CleanedText("B."))
    assert named.outlet == "Valley Post"


def test_jsonl_reports_of_one_site_share_one_outlet(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    rows = [
        {"url": "https://www.valleypost.com/a", "title": "One", "text": "The pier closed."},
        {"url": "https://m.valleypost.com/b", "title": "Two", "text": "The pier opened."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    errors: list[object] = []
    docs = list(iter_documents([path], on_error=errors.append))
    outlets = {make_article(d, CleanedText(d.text)).outlet for d in docs}
    assert outlets == {"valleypost.com"}


def test_every_gva_dev_report_gets_a_site(data_dir: Path) -> None:
    path = data_dir / "gva-dev" / "articles.jsonl"
    if not path.is_file():
        pytest.skip("gva-dev not found")
    errors: list[object] = []
    docs = list(iter_documents([path], on_error=errors.append))
    outlets = [make_article(d, CleanedText(d.text)).outlet for d in docs]
    assert docs and all(outlets)
    assert not [o for o in outlets if o and o.startswith("www.")]
    assert len(set(outlets)) < len(docs)  # several reports of one site share an outlet
