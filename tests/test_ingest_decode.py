"""Decoding never gives up on a page with a readable majority, and says what it repaired."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import InputError
from newsdesk.ingest import read_file
from newsdesk.ingest._decode import decode_text, web_codec
from newsdesk.pipeline import ingest_paths
from newsdesk.store import Store

SENTENCE = "The night ferry left the quay at nine and reached the island before dawn."


def _page(body: str, charset: str) -> str:
    paragraphs = "".join(f"<p>{body} ({i})</p>" for i in range(3))
    return (
        f'<html><head><meta charset="{charset}"><title>Night ferry</title></head>'
        f"<body><article>{paragraphs}</article></body></html>"
    )


@pytest.mark.parametrize("charset", ["base64", "rot13", "punycode", "uu", "no-such-charset"])
@pytest.mark.parametrize("suffix", [".html", ".html.gz"])
def test_declared_non_text_codec_is_ignored(tmp_path: Path, charset: str, suffix: str) -> None:
    data = _page(SENTENCE, charset).encode("utf-8")
    path = tmp_path / f"page{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    (doc,) = read_file(path).documents
    assert SENTENCE in doc.text
    assert any(charset in repair for repair in doc.repairs)


def test_wrong_declared_charset_falls_back_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = _page("Le caf\u00e9 du port a rouvert ses portes ce matin.", "utf-8")
    path.write_bytes(page.encode("cp1252"))
    (doc,) = read_file(path).documents
    assert "caf\u00e9" in doc.text
    assert "sniffed" in doc.repairs[-1] and "'utf-8'" in doc.repairs[-1]


def test_a_few_broken_bytes_in_utf8_become_replacement_characters() -> None:
    data = ("Stra\u00dfe und Br\u00fccke, " * 20).encode("utf-8") + b"\xff\xfe broken"
    found = decode_text(data, "x.txt")
    assert "Stra\u00dfe" in found.text and found.text.count("\ufffd") == 2
    assert found.repairs == ("not valid UTF-8; read as UTF-8, 2 bad bytes replaced by U+FFFD",)


def test_stray_nul_bytes_are_dropped() -> None:
    found = decode_text(SENTENCE.encode().replace(b" ", b" \x00", 3), "x.txt")
    assert found.text == SENTENCE
    assert found.repairs == ("dropped 3 NUL bytes",)


def test_utf16_without_bom_is_recognised() -> None:
    found = decode_text(SENTENCE.encode("utf-16-le"), "x.txt")
    assert found.text == SENTENCE and "utf-16-le" in found.repairs[0]


def test_undeclared_cyrillic_is_sniffed() -> None:
    text = "Паром отправился в девять часов вечера и прибыл на остров до рассвета. " * 5
    found = decode_text(text.encode("cp1251"), "x.txt")
    assert found.text == text
    assert "cp1251" in found.repairs[0]


def test_clean_input_has_no_repairs() -> None:
    assert decode_text(SENTENCE.encode(), "x.txt").repairs == ()
    assert decode_text(codecs.BOM_UTF8 + SENTENCE.encode(), "x.txt").repairs == ()


@pytest.mark.parametrize(
    ("label", "codec"),
    [("ISO-8859-1", "cp1252"), ("latin1", "cp1252"), ("utf-16", "utf-8"),
     ("Shift_JIS", "shift_jis"), ("base64", None), ("rot13", None), ("punycode", None),
     ("utf-7", None), ("", None)],
)  # fmt: skip
def test_web_codec(label: str, codec: str | None) -> None:
    assert web_codec(label) == codec


def test_repairs_are_stored_with_the_article(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(f"Ferry news\n\n{SENTENCE} Caf\u00e9.".encode("latin-1"))
    with Store(tmp_path / "n.db") as store:
        report = ingest_paths(store, [path])
        (article,) = store.articles(report.added)
    assert article.repairs and "not valid UTF-8" in article.repairs[0]


CODEC_NAMES = sorted(
    {"utf-8", "base64", "rot13", "punycode", "idna", "utf-7", "hex", "zlib", "unicode_escape",
     "raw_unicode_escape", "undefined", "charmap", "utf-16", "utf-32", "cp1252", "shift_jis",
     "koi8-r", "big5", "mbcs", "\x00", "x" * 80}
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([None, *CODEC_NAMES]))
def test_any_bytes_and_any_declared_name_decode_or_raise_input_error(
    data: bytes, declared: str | None
) -> None:
    try:
        found = decode_text(data, "x", declared)
    except InputError:
        return
    assert isinstance(found.text, str) and found.text.strip()
    assert "\x00" not in found.text
