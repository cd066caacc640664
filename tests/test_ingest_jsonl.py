"""JSON Lines: one article a line; bad lines are errors and the rest goes in."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import ReadResult, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def result() -> ReadResult:
    return read_file(FIXTURES / "articles.jsonl")


def test_good_lines_become_documents(result: ReadResult) -> None:
    assert [d.source.rsplit("#", 1)[1] for d in result.documents] == ["L1", "L2", "L6"]
    assert all(d.format == "jsonl" for d in result.documents)


def test_bad_lines_are_errors_naming_file_and_line(result: ReadResult) -> None:
    assert [e.path.rsplit(":", 1)[1] for e in result.errors] == ["3", "5"]
    assert "invalid JSON" in result.errors[0].problem
    assert "no text or html" in result.errors[1].problem


def test_text_record_fields(result: ReadResult) -> None:
    doc = result.documents[0]
    assert doc.title == "Bridge shut for weeks"
    assert doc.authors == ("Hanna Vik",)
    assert doc.published == "2023-03-14"
    assert doc.outlet == "Coast Post"
    assert doc.url == "https://coastpost.example/bridge-shut"
    assert doc.text.split("\n\n")[1] == "Engineers found 14 damaged deck plates."


def test_html_record_is_extracted_with_synonym_fields(result: ReadResult) -> None:
    doc = result.documents[1]
    assert doc.title == "Storm night in pictures"
    assert doc.authors == ("Leo Marsh", "Ines Duarte")
    assert doc.published == "2023-03-14"
    assert doc.outlet == "islandnews.example"
    assert "Menu" not in doc.text and doc.text.startswith("Gales of 130 km/h")


def test_missing_fields_are_recovered_from_text(result: ReadResult) -> None:
    doc = result.documents[2]
    assert doc.authors == ("Sara Lind",)
    assert doc.outlet == "harbourtimes.example"


def test_file_with_no_json_at_all_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("this is not json\nnor is this\n", encoding="utf-8")
    with pytest.raises(InputError, match="malformed"):
        read_file(path)


def test_non_object_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.ndjson"
    path.write_text('["a list"]\n{"text": "Body."}\n', encoding="utf-8")
    result = read_file(path)
    assert len(result.documents) == 1
    assert "not an object" in result.errors[0].problem
