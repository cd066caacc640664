"""HTML pages through trafilatura: main text only, metadata, charsets, gzip."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import read_file
from newsdesk.records import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PARAGRAPH = "The ferry to the outer islands was cancelled for a second day, the operator said."


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Ferry cancelled</title></head><body>{body}</body></html>"


def _article(n: int = 3) -> str:
    return "<article>" + "".join(f"<p>{PARAGRAPH} ({i})</p>" for i in range(n)) + "</article>"


@pytest.fixture(scope="module")
def page() -> RawDocument:
    result = read_file(FIXTURES / "page.html")
    assert not result.errors and len(result.documents) == 1
    return result.documents[0]


def test_metadata(page: RawDocument) -> None:
    assert page.title == "Storm closes Port Alder harbour bridge"
    assert page.authors == ("Mira Okonkwo", "Tobias Lindqvist")
    assert page.published == "2023-03-14"
    assert page.outlet == "The Alder Gazette"
    assert page.url == "https://www.aldergazette.example/news/2023/03/storm-bridge"
    assert page.format == "html"


def test_boilerplate_and_comments_are_dropped(page: RawDocument) -> None:
    for debris in ("SPONSORED", "Privacy", "Ring road roadworks", "Reader42", "tracker"):
        assert debris not in page.text


def test_paragraphs_are_separated_by_blank_lines(page: RawDocument) -> None:
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].startswith("Engineers counted 14 damaged deck plates")


def test_heading_repeating_the_title_is_not_in_the_text(page: RawDocument) -> None:
    assert not page.text.startswith(page.title or "?")


def test_outlet_falls_back_to_url_domain(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="https://www.harbourtimes.example/a/b">'
    path = tmp_path / "p.html"
    path.write_text(_page(_article(), head), encoding="utf-8")
    doc = read_file(path).documents[0]
    assert doc.outlet == "harbourtimes.example"


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "p.html.gz"
    path.write_bytes(gzip.compress(_page(_article()).encode("utf-8")))
    assert PARAGRAPH in read_file(path).documents[0].text


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    head = '<meta charset="iso-8859-1">'
    body = _article().replace("ferry", "f\u00e4rja")
    path = tmp_path / "p.html"
    path.write_bytes(_page(body, head).encode("latin-1"))
    assert "f\u00e4rja" in read_file(path).documents[0].text


def test_unknown_suffix_that_looks_like_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.dat"
    path.write_text("<!DOCTYPE html>" + _page(_article()), encoding="utf-8")
    assert read_file(path).documents[0].format == "html"


def test_page_without_article_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(_page("<div></div><script>track()</script>"), encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_file(path)


def test_hover_cards_are_not_glued_into_paragraphs(tmp_path: Path) -> None:
    card = (
        '<span class="person-rollover-block"><span>Ann Lee</span>'
        "<span>Harbour board chair, profile and latest stories</span></span>"
    )
    body = (
        f"<article><p>The plan was backed by <a href='/p/ann-lee'>Ann Lee</a>{card}, "
        f"who chairs the harbour board.</p><p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></article>"
    )
    path = tmp_path / "card.html"
    path.write_text(_page(body), encoding="utf-8")
    text = read_file(path).documents[0].text
    assert "backed by Ann Lee, who chairs the harbour board." in text
    assert "profile and latest stories" not in text
