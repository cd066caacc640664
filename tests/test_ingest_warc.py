"""WARC archives (built here with warcio's writer): HTML responses become documents."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import ReadResult, read_file

PARAGRAPH = "Divers inspected the harbour bridge piers on Sunday and found no damage below water."
PAGE = (
    "<html><head><title>Divers inspect piers</title></head><body><nav>Home | News</nav>"
    f"<article><h1>Divers inspect piers</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p>"
    "</article></body></html>"
)


def _write_warc(path: Path, *, gzip: bool, pages: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-03-19T06:00:00Z"},
            )
            writer.write_record(record)


def _pages() -> list[tuple[str, str, bytes]]:
    return [
        ("https://www.pierwatch.example/divers", "text/html; charset=utf-8", PAGE.encode()),
        ("https://www.pierwatch.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        (
            "https://www.pierwatch.example/bad",
            "text/html; charset=utf-8",
            b"<p>The caf\xe9 on the quay stayed open all night.</p>" * 9,
        ),
    ]


@pytest.fixture(params=[True, False], ids=["gz", "plain"])
def result(request: pytest.FixtureRequest, tmp_path: Path) -> ReadResult:
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    _write_warc(path, gzip=request.param, pages=_pages())
    return read_file(path)


def test_html_response_becomes_a_document(result: ReadResult) -> None:
    doc = result.documents[0]
    assert doc.format == "warc"
    assert doc.source.endswith("#record2")
    assert doc.url == "https://www.pierwatch.example/divers"
    assert doc.outlet == "pierwatch.example"
    assert doc.published == "2023-03-19"  # WARC-Date, the page states none
    assert doc.text.startswith(PARAGRAPH) and "Home | News" not in doc.text


def test_wrongly_declared_record_is_read_and_images_are_skipped(result: ReadResult) -> None:
    assert not result.errors
    sources = [doc.source.rsplit("#", 1)[1] for doc in result.documents]
    assert sources == ["record2", "record4"]  # record3 is the image
    assert "The caf\u00e9 on the quay" in result.documents[1].text


def test_decoding_repairs_are_recorded_per_record(result: ReadResult) -> None:
    clean, repaired = result.documents
    assert clean.repairs == ()
    assert repaired.repairs and any("utf-8" in note.lower() for note in repaired.repairs)


def test_nul_bytes_are_dropped_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "nul.warc.gz"
    body = PAGE.encode().replace(b"Divers inspected", b"Divers\x00 inspected")
    _write_warc(path, gzip=True, pages=[("https://nul.example/a", "text/html", body)])
    (doc,) = read_file(path).documents
    assert "\x00" not in doc.text and doc.text.startswith(PARAGRAPH)
    assert "dropped 2 NUL bytes" in doc.repairs


def test_not_a_warc_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    path.write_text("this is not an archive\n" * 5, encoding="utf-8")
    with pytest.raises(InputError, match="malformed"):
        read_file(path)


def test_warc_without_html_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "x.warc.gz"
    _write_warc(path, gzip=True, pages=[])
    with pytest.raises(InputError, match="empty"):
        read_file(path)
