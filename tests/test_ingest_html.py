"""HTML pages through trafilatura: main text only, metadata, charsets, gzip."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import read_file
from newsdesk.ingest._html import UNCLOSED_TITLE
from newsdesk.records import PAGE_TEXT, RawDocument

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


# ---------------------------------------------------------------- blocks always separate text

QUOTED = "The harbour master said the crossing would reopen by Friday."


def _read(tmp_path: Path, body: str, head: str = "") -> RawDocument:
    path = tmp_path / "p.html"
    path.write_text(_page(body, head), encoding="utf-8")
    return read_file(path).documents[0]


def test_paragraphs_in_quotes_cells_and_nested_divs_are_not_glued(tmp_path: Path) -> None:
    body = (
        f"<article><p>{PARAGRAPH}</p>"
        f"<blockquote><p>{QUOTED}</p><p>Crews will be paid for the lost days.</p></blockquote>"
        f"<table><tr><td><p>{PARAGRAPH} Cell one.</p><p>Cell two follows here.</p></td></tr>"
        "<tr><td>Route</td><td>Sailings</td></tr><tr><td>North</td><td>4</td></tr></table>"
        f"<div><div>Nested one ends here.</div><div>Nested two starts here.</div></div>"
        f"<p>{PARAGRAPH} Last.</p></article>"
    )
    text = _read(tmp_path, body).text
    paragraphs = text.split("\n\n")
    assert QUOTED in paragraphs and "Crews will be paid for the lost days." in paragraphs
    assert "Cell two follows here." in paragraphs
    assert "Route | Sailings\nNorth | 4" in paragraphs
    for glued in ("reopen by Friday.Crews", "one.Cell", "here.Nested"):
        assert glued not in text


def test_line_breaks_separate_lines(tmp_path: Path) -> None:
    body = f"<article><p>{PARAGRAPH}<br>Second line of it.</p><p>{PARAGRAPH} (2)</p></article>"
    assert f"{PARAGRAPH}\nSecond line of it." in _read(tmp_path, body).text


# ---------------------------------------------------------------- pages the extractor gives up on


def test_a_page_the_extractor_gives_up_on_is_taken_whole_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><head><title>Ferry cancelled at dawn</title></head></html>")
    doc = read_file(path).documents[0]
    assert doc.text == "Ferry cancelled at dawn"
    assert PAGE_TEXT in doc.repairs


def test_an_unclosed_title_that_swallows_the_page_is_dropped(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Ferry cancelled" + "<script>var pad = 1;</script>" * 40 +
        f"</head><body><article>{''.join(f'<p>{PARAGRAPH} ({i})</p>' for i in range(3))}"
        "</article></body></html>"
    )  # fmt: skip
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    doc = read_file(path).documents[0]
    assert doc.text.startswith(PARAGRAPH) and UNCLOSED_TITLE in doc.repairs


# ---------------------------------------------------------------- metadata from the same tree


def test_metadata_from_json_ld_time_and_url(tmp_path: Path) -> None:
    head = (
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"headline": "Night ferry cancelled", "author": [{"name": "Ines Calloway"}], '
        '"publisher": {"name": "Harbour Ledger"}}]}</script>'
        '<link rel="canonical" href="https://ledger.example/2024/03/02/night-ferry">'
    )
    doc = _read(tmp_path, _article(), head)
    assert doc.title == "Night ferry cancelled"
    assert doc.authors == ("Ines Calloway",)
    assert doc.outlet == "Harbour Ledger"
    assert doc.url == "https://ledger.example/2024/03/02/night-ferry"
    assert doc.published == "2024-03-02"  # from the URL: the page states no date


def test_time_element_dates_the_page(tmp_path: Path) -> None:
    body = f"<time datetime='2024-03-05T08:00:00Z'>5 March</time>{_article()}"
    assert _read(tmp_path, body).published == "2024-03-05"
