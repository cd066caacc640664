"""Every class of unusable file raises InputError naming the file and the problem."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import discover, read_file


def _raises(path: Path, problem: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.problem.startswith(problem), caught.value.problem
    assert str(path) in str(caught.value)
    return caught.value


def test_binary_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    _raises(path, "binary")


def test_binary_control_bytes(tmp_path: Path) -> None:
    path = tmp_path / "blob.html"
    path.write_bytes(bytes(range(1, 32)) * 20)
    _raises(path, "binary")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", codecs.BOM_UTF8 + b"\n\n"])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    _raises(path, "empty")


def test_latin1_text_is_read_and_the_repair_recorded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Headline\n\nThe caf\u00e9 reopened.".encode("latin-1"))
    (doc,) = read_file(path).documents
    assert doc.text == "The caf\u00e9 reopened."
    assert doc.repairs and "not valid UTF-8" in doc.repairs[0]


def test_mostly_unreadable_text_is_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    with pytest.raises(InputError):
        read_file(path)


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Headline\n\nThe caf\u00e9 reopened.".encode("utf-16"))
    assert read_file(path).documents[0].text == "The caf\u00e9 reopened."


def test_directory_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    _raises(folder, "unreadable")


def test_broken_symlink_is_unreadable(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    _raises(link, "unreadable")


def test_malformed_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "unterminated\n{also bad\n', encoding="utf-8")
    _raises(path, "malformed")


def test_broken_gzip_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "a.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    _raises(path, "malformed")


def test_nonexistent_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "nope.html"])
    with pytest.raises(InputError, match="unreadable"):
        read_file(tmp_path / "nope.html")


def test_empty_glob(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no files match"):
        discover([str(tmp_path / "**" / "*.warc")])
