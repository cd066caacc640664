"""RSS 2.0 and Atom feeds: one document per entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import ReadResult, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def rss() -> ReadResult:
    return read_file(FIXTURES / "feed_rss.xml")


@pytest.fixture(scope="module")
def atom() -> ReadResult:
    return read_file(FIXTURES / "feed_atom.atom")


def test_rss_entries(rss: ReadResult) -> None:
    first, second = rss.documents
    assert first.source.endswith("feed_rss.xml#entry1") and first.format == "feed"
    assert first.title == "Ferries added after bridge closure"
    assert first.authors == ("Jonas Berg",)
    assert first.published == "2023-03-14"
    assert first.outlet == "Alder Valley Radio"
    assert first.url == "https://avr.example/news/ferries-added"
    assert second.authors == ("Kaisa Holm",)


def test_rss_content_encoded_beats_description(rss: ReadResult) -> None:
    paragraphs = rss.documents[0].text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[1].startswith("The crossing takes 25 minutes")
    assert "track()" not in rss.documents[0].text


def test_rss_entry_without_text_is_an_error(rss: ReadResult) -> None:
    assert [e.path.rsplit("#", 1)[1] for e in rss.errors] == ["entry3"]


def test_atom_entries(atom: ReadResult) -> None:
    first, second = atom.documents
    assert first.authors == ("Petra Nyström", "Ali Haddad")
    assert first.published == "2023-03-15"
    assert first.outlet == "Northern Coast Wire"
    assert (
        first.text.split("\n\n")[1] == "The council will ask the regional government to cover half."
    )
    assert second.published == "2023-03-16"  # updated stands in for published
    assert second.text.startswith("The harbour master thanked")


def test_feed_without_entries_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_text('<rss version="2.0"><channel><title>X</title></channel></rss>', "utf-8")
    with pytest.raises(InputError, match="empty"):
        read_file(path)


def test_unparseable_feed_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    path.write_text("<rss><channel><item><title>oops</", encoding="utf-8")
    with pytest.raises(InputError, match="malformed"):
        read_file(path)


def test_unknown_suffix_feed_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "feed.dat"
    path.write_bytes((FIXTURES / "feed_atom.atom").read_bytes())
    assert read_file(path).documents[0].format == "feed"
