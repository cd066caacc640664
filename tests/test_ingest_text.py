"""Plain text: title, authors, outlet and date recovery (fixtures and the seed reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.ingest import read_file
from newsdesk.ingest._meta import (
    clean_outlet,
    date_line,
    parse_plain_text,
    split_authors,
    strip_photo_credit,
)
from newsdesk.records import RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _one(path: Path) -> RawDocument:
    result = read_file(path)
    assert not result.errors
    assert len(result.documents) == 1
    return result.documents[0]


# ---------------------------------------------------------------- seeds


def _seed(seeds_dir: Path, index: int) -> RawDocument:
    return _one(sorted(seeds_dir.glob("*.txt"))[index])


def test_seed_title_is_the_first_line(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, 0)
    first_line = sorted(seeds_dir.glob("*.txt"))[0].read_text("utf-8").split("\n")[0]
    assert doc.title == first_line.strip()
    assert doc.title is not None and doc.title not in doc.text


def test_seed_byline_author(seeds_dir: Path) -> None:
    assert _seed(seeds_dir, 0).authors == ("Andrew Naughtie",)


def test_seed_date_line_is_not_the_title(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, 1)
    assert doc.title is not None
    assert not doc.title.lower().startswith("date")
    assert "Photo/" not in doc.title
    assert doc.published == "2024-01-05"
    assert "date 2024-01-05" in doc.text  # the clean stage removes it, not ingest


def test_seed_signoff_author_date_and_outlet(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, 2)
    assert doc.authors == ("Timothy Nerozzi",)
    assert doc.published == "2024-01-04"
    assert doc.outlet == "Fox News"


def test_seed_text_keeps_every_other_line(seeds_dir: Path) -> None:
    path = sorted(seeds_dir.glob("*.txt"))[2]
    doc = _one(path)
    original = [line.strip() for line in path.read_text("utf-8").split("\n") if line.strip()]
    kept = [line.strip() for line in doc.text.split("\n") if line.strip()]
    assert kept == original[1:]


# ---------------------------------------------------------------- own fixtures


def test_signoff_fixture() -> None:
    doc = _one(FIXTURES / "signoff.txt")
    assert doc.title == "Commuters queue for extra ferries at Port Alder harbour"
    assert doc.authors == ("Nils Ekberg",)
    assert doc.outlet == "North Coast News"
    assert doc.published == "2023-03-16"  # the leading date line beats later ones
    assert doc.format == "txt" and doc.source.endswith("signoff.txt")


def test_byline_bio_and_contributed_fixture() -> None:
    doc = _one(FIXTURES / "byline.txt")
    assert doc.title == "Council approves emergency bridge fund"
    assert doc.authors == ("Mira Okonkwo", "Tobias Lindqvist")
    assert doc.outlet == "The Alder Gazette"  # the bio beats "X's NAME contributed"
    assert doc.text.startswith("By Mira Okonkwo")


def test_contributed_line_gives_outlet_when_alone() -> None:
    meta = parse_plain_text("Headline\n\nBody text.\n\nHarbour Times' Ann Lee contributed.")
    assert meta.outlet == "Harbour Times"
    assert meta.authors == ()


def test_published_line_date() -> None:
    meta = parse_plain_text("Headline\n\nBody.\n\nPublished 3 February 2022, 10:00 GMT")
    assert meta.published == "2022-02-03"


def test_title_only_file_is_empty(tmp_path: Path) -> None:
    from newsdesk.errors import InputError

    path = tmp_path / "t.txt"
    path.write_text("Only a headline\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_file(path)


def test_long_first_line_is_body_not_title() -> None:
    line = "word " * 100
    meta = parse_plain_text(f"{line}\n\nMore body.")
    assert meta.title is None and meta.body.startswith("word")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" date 2023-05-01 loading…", ("published", "2023-05-01")),
        ("Published: Jan. 4, 2022", ("published", "2022-01-04")),
        ("Updated 2022-01-05T10:00:00Z", ("updated", "2022-01-05")),
        ("March 3rd, 2021", ("published", "2021-03-03")),
        ("Published by the council on its website", None),
        ("The meeting on 2023-05-01 was long and nobody agreed on anything", None),
    ],
)
def test_date_line(line: str, expected: tuple[str, str] | None) -> None:
    assert date_line(line) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Crowds gather at the port. Photo/Nordic Press", "Crowds gather at the port"),
        ("Crowds gather (AP Photo/Jane Roe)", "Crowds gather"),
        ("Crowds gather. Photo: Lena Berg/AFP", "Crowds gather"),
        ("The week in pictures: a rainy march", "The week in pictures: a rainy march"),
        ("Photo/Reuters", "Photo/Reuters"),
    ],
)
def test_strip_photo_credit(title: str, expected: str) -> None:
    assert strip_photo_credit(title) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("Jane Doe, John Roe & Ana de la Cruz", ("Jane Doe", "John Roe", "Ana de la Cruz")),
        ("JANE DOE | Reuters", ("Jane Doe",)),
        ("the end of the year", ()),
        ("Staff", ()),
    ],
)
def test_split_authors(value: str, expected: tuple[str, ...]) -> None:
    assert split_authors(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("FoxNews", "Fox News"),
        ("WashingtonPost", "Washington Post"),
        ("NewYorkTimes", "New York Times"),
        ("BuzzFeedNews", "BuzzFeed News"),
        ("ZeroHedge", "ZeroHedge"),
        ("HuffPost", "HuffPost"),
        ("McClatchy", "McClatchy"),
        ("  The   Alder Gazette. ", "The Alder Gazette"),
        ("Alder Wire — Top Stories", "Alder Wire"),
        ("The Alder Gazette | World News", "The Alder Gazette"),
        ("Alder Post - Latest Headlines", "Alder Post"),
        ("Alder News", "Alder News"),
        ("", None),
    ],
)
def test_clean_outlet(name: str, expected: str | None) -> None:
    assert clean_outlet(name) == expected


def test_by_in_a_sentence_is_not_a_byline() -> None:
    meta = parse_plain_text("Headline\n\nBy Monday the roads were open again.")
    assert meta.authors == ()


def test_byline_before_the_title_is_skipped() -> None:
    meta = parse_plain_text("By Jane Doe\nHarbour reopens\n\nThe harbour reopened.")
    assert meta.title == "Harbour reopens"
    assert meta.authors == ("Jane Doe",)
    assert meta.body.startswith("By Jane Doe\n")


def test_crlf_and_unknown_suffix_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "report.scraped"
    path.write_bytes(b"Harbour reopens\r\n\r\nThe harbour reopened.\r\nBoats left at dawn.\r\n")
    doc = _one(path)
    assert (doc.format, doc.title) == ("txt", "Harbour reopens")
    assert doc.text == "The harbour reopened.\nBoats left at dawn."


def test_gzipped_text(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "report.txt.gz"
    path.write_bytes(gzip.compress(b"Harbour reopens\n\nThe harbour reopened."))
    assert _one(path).text == "The harbour reopened."
