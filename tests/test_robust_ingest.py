"""Ingest never crashes on bad bytes: valid strings, bounded reading, errors per document."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk import pipeline
from newsdesk._unicode import valid_text
from newsdesk.errors import InputError, InternalError
from newsdesk.ingest import iter_documents, read_file
from newsdesk.limits import Limits, parse_size
from newsdesk.records import content_hash
from newsdesk.store import Store

BODY = "The harbour office reopened the north quay on Monday after repairs, officials said."
PAGE = (
    "<html><head><title>Quay reopens</title></head><body><article><h1>Quay reopens</h1>"
    f"<p>{BODY}</p><p>{BODY} Traffic resumed.</p></article></body></html>"
)


def _write_jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---------------------------------------------------------------- valid strings


SURROGATES = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=[]),
    max_size=50,
)


@given(SURROGATES)
def test_valid_text_is_encodable_and_a_fixed_point(text: str) -> None:
    clean = valid_text(text)
    clean.encode("utf-8")  # never raises
    assert valid_text(clean) == clean
    assert not any(ord(c) < 32 and c not in "\t\n\v\f\r" for c in clean)


@given(SURROGATES)
def test_content_hash_never_raises_and_hashes_surrogates_as_replacement(text: str) -> None:
    digest = content_hash(text, None)
    assert len(digest) == 64
    replaced = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    assert digest == content_hash(replaced, "")


def test_jsonl_lone_surrogates_are_replaced_and_stored(tmp_path: Path) -> None:
    line = json.dumps({"title": "Quay", "text": BODY, "outlet": "Coast Post"})
    bad = line.replace('"Quay"', '"Qu\\ud800ay"').replace('"Coast', '"\\udfffCoast')
    path = tmp_path / "a.jsonl"
    path.write_text(bad + "\n" + line.replace("Quay", "Pier") + "\n", encoding="utf-8")
    with Store(tmp_path / "nd.db") as store:
        report = pipeline.ingest_paths(store, [path])
        assert not report.errors and len(report.added) == 2
        titles = sorted(a.title for a in store.articles())
        outlets = {a.outlet for a in store.articles()}
    assert titles == ["Pier", "Qu\ufffday"]
    assert "\ufffdCoast Post" in outlets


def test_control_characters_never_reach_the_store(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "c.jsonl", {"title": "Red \x1b[31malert\x1b[0m", "text": BODY + "\x00"}
    )
    (doc,) = read_file(path).documents
    assert doc.title == "Red [31malert[0m"
    assert "\x00" not in doc.text


# ---------------------------------------------------------------- unknown files, boundaries


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_file(fifo)


def test_a_bug_in_one_record_is_an_internal_error_and_the_rest_goes_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.ingest import _jsonl as jsonl_reader

    real = jsonl_reader.record_document

    def flaky(record: object, source: str, where: str) -> object:
        if isinstance(record, dict) and record.get("title") == "boom":
            raise KeyError("injected fault")
        return real(record, source, where)

    monkeypatch.setattr(jsonl_reader, "record_document", flaky)
    path = _write_jsonl(
        tmp_path / "a.jsonl", {"title": "ok", "text": BODY}, {"title": "boom", "text": BODY}
    )
    errors: list[InputError] = []
    docs = list(iter_documents([path], on_error=errors.append))
    assert [d.title for d in docs] == ["ok"]
    (err,) = errors
    assert isinstance(err, InternalError)
    assert err.path == f"{path}:2"
    assert "KeyError" in err.problem and isinstance(err.__cause__, KeyError)


def test_a_bug_while_cleaning_one_document_spares_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.clean import cleaner

    real = cleaner._prepare

    def flaky(doc: object, ctx: object) -> object:
        if "explode" in getattr(doc, "text", ""):
            raise ValueError("injected fault")
        return real(doc, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(cleaner, "_prepare", flaky)
    path = _write_jsonl(
        tmp_path / "a.jsonl",
        {"title": "one", "text": BODY},
        {"title": "two", "text": BODY + " explode"},
        {"title": "three", "text": BODY + " Again."},
    )
    with Store(tmp_path / "nd.db") as store:
        report = pipeline.ingest_paths(store, [path])
        assert sorted(a.title for a in store.articles()) == ["one", "three"]
    (err,) = report.errors
    assert isinstance(err, InternalError) and "while cleaning" in err.problem


# ---------------------------------------------------------------- gzip limits


def _bomb(inflated: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(comp.compress(bytes(1 << 20)) for _ in range(inflated >> 20)) + comp.flush()


def test_html_gz_bomb_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(_bomb(64 << 20))
    with pytest.raises(InputError, match="too large"):
        read_file(path, Limits(max_markup_bytes=1 << 20))


def test_compressed_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    with pytest.raises(InputError, match="too large: gzip file"):
        read_file(path, Limits(max_gzip_bytes=10))
    assert read_file(path).documents


def test_inflated_size_limit_of_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.gz"
    lines = "".join(
        json.dumps({"title": f"t{i}", "text": f"{BODY} {i}"}) + "\n" for i in range(3000)
    )
    path.write_bytes(gzip.compress(lines.encode()))
    errors: list[InputError] = []
    docs = list(
        iter_documents([path], on_error=errors.append, limits=Limits(max_inflated_bytes=200_000))
    )
    assert 0 < len(docs) < 3000
    assert any("inflates past" in e.problem for e in errors)


def test_inflation_ratio_limit(tmp_path: Path) -> None:
    path = tmp_path / "zeros.warc.gz"
    path.write_bytes(_bomb(8 << 20))
    with pytest.raises(InputError, match="decompression bomb"):
        read_file(path, Limits(ratio_check_bytes=1 << 20))


def _warc(pages: list[bytes], *, gzip_records: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    for n, body in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://quay.example/{n}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
    return out.getvalue()


def test_warc_gzipped_as_a_whole_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    pages = [PAGE.encode(), PAGE.replace("Quay", "Pier").encode()]
    path.write_bytes(gzip.compress(_warc(pages, gzip_records=False)))
    result = read_file(path)
    assert [d.source.rsplit("#", 1)[1] for d in result.documents] == ["record1", "record2"]
    assert not result.errors


def test_warc_record_over_the_page_limit_is_an_error_and_the_rest_goes_in(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    big = PAGE.replace("</article>", "<p>" + "filler text " * 20000 + "</p></article>")
    path.write_bytes(_warc([big.encode(), PAGE.encode()], gzip_records=True))
    result = read_file(path, Limits(max_markup_bytes=100_000))
    assert [d.source.rsplit("#", 1)[1] for d in result.documents] == ["record2"]
    (error,) = result.errors
    assert error.path.endswith("#record1") and "too large" in error.problem


def test_gzip_inside_gzip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "double.html.gz"
    path.write_bytes(gzip.compress(gzip.compress(PAGE.encode())))
    with pytest.raises(InputError, match="gzip data inside gzip"):
        read_file(path)


# ---------------------------------------------------------------- text length and nesting


def test_text_length_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Headline\n\n" + BODY * 40, encoding="utf-8")
    with pytest.raises(InputError, match="too large: text of"):
        read_file(path, Limits(max_text_chars=1000))
    assert read_file(path, Limits(max_text_chars=10_000)).documents


@pytest.mark.parametrize(
    ("value", "chars"), [("500", 500), ("2k", 2000), ("10M", 10**7), ("3MB", 3 * 10**6)]
)
def test_sizes_parse(value: str, chars: int) -> None:
    assert parse_size(value) == chars


@pytest.mark.parametrize("value", ["", "ten", "-5", "0", "inf", "nan", "1e30"])
def test_bad_sizes_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        parse_size(value)


@pytest.mark.parametrize(
    ("depth", "problem"), [(150, "too deeply nested"), (100_000, "invalid JSON")]
)
def test_deep_json_is_an_error_for_its_line_only(tmp_path: Path, depth: int, problem: str) -> None:
    nested = "[" * depth + "]" * depth
    path = tmp_path / "deep.jsonl"
    path.write_text(
        f'{{"title": "deep", "text": "{BODY}", "x": {nested}}}\n'
        + json.dumps({"title": "flat", "text": BODY})
        + "\n",
        encoding="utf-8",
    )
    result = read_file(path)
    assert [d.title for d in result.documents] == ["flat"]
    (error,) = result.errors
    assert problem in error.problem and error.path.endswith(":1")


def test_deep_xml_feed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.rss"
    inner = "<b>" * 500 + "x" + "</b>" * 500
    path.write_text(
        f"<rss><channel><title>T</title><item><title>A</title><description>{inner}"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="too deeply nested"):
        read_file(path)


# ---------------------------------------------------------------- XML entities


def _feed(doctype: str, title: str, body: str) -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Coast Post</title>'
        f"<item><title>{title}</title><link>https://coastpost.example/1</link>"
        f"<description>{body}</description></item></channel></rss>"
    )


def test_external_entities_are_never_fetched(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    feeds = {
        "file.xml": _feed(
            '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;", f"{BODY} &xxe;"
        ),
        "net.xml": _feed(
            f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/x">]>',
            "T",
            f"{BODY} &xxe;",
        ),
        "dtd.xml": _feed(f'<!DOCTYPE rss SYSTEM "http://127.0.0.1:{port}/d.dtd">', "T", BODY),
    }
    for name, text in feeds.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    docs = list(iter_documents([tmp_path], on_error=lambda e: None))
    assert not any("root:" in d.text or "root:" in (d.title or "") for d in docs)
    with pytest.raises(BlockingIOError):
        listener.accept()
    listener.close()


def test_feeds_declaring_entities_are_refused_before_parsing(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    path = tmp_path / "laughs.xml"
    path.write_text(_feed(f"<!DOCTYPE rss [{entities}]>", "&a9;", f"{BODY} &a9;"), "utf-8")
    with pytest.raises(InputError, match="declares its own XML entities"):
        read_file(path)
    quoted = tmp_path / "quoted.xml"  # the words in an article's text are not a declaration
    quoted.write_text(_feed("", "XML", f"{BODY} Never trust &lt;!ENTITY x&gt; in a feed."), "utf-8")
    assert read_file(quoted).documents


# ---------------------------------------------------------------- properties


KINDS = [".txt", ".html", ".html.gz", ".jsonl", ".xml", ".warc", ".warc.gz"]


@settings(max_examples=120, deadline=None)
@given(suffix=st.sampled_from(KINDS), data=st.binary(max_size=2000), gz=st.booleans())
def test_any_bytes_give_documents_or_input_errors(suffix: str, data: bytes, gz: bool) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"x{suffix}"
        path.write_bytes(gzip.compress(data) if gz or suffix.endswith(".gz") else data)
        errors: list[InputError] = []
        docs = list(iter_documents([path], on_error=errors.append))
    for doc in docs:
        assert valid_text(doc.text) == doc.text and doc.text.strip()
    assert not any(isinstance(e, InternalError) for e in errors)


# ---------------------------------------------------------------- bounded reports


def test_errors_of_one_file_are_listed_up_to_a_cap(tmp_path: Path) -> None:
    from newsdesk.ingest import MAX_ERRORS_PER_FILE

    path = tmp_path / "noisy.jsonl"
    bad = "not json\n" * (MAX_ERRORS_PER_FILE + 250)
    path.write_text(json.dumps({"title": "ok", "text": BODY}) + "\n" + bad, encoding="utf-8")
    errors: list[InputError] = []
    docs = list(iter_documents([path], on_error=errors.append))
    assert [d.title for d in docs] == ["ok"]
    assert len(errors) == MAX_ERRORS_PER_FILE + 1
    assert errors[-1].problem == "250 more bad records not listed"


def test_ingest_report_counts_all_but_lists_a_bounded_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "MAX_LISTED", 3)
    lines = [{"title": f"t{i}", "text": f"{BODY} Item {i}."} for i in range(8)]
    path = _write_jsonl(tmp_path / "a.jsonl", *lines, "bad", "bad", "bad", "bad")
    with Store(tmp_path / "nd.db") as store:
        report = pipeline.ingest_paths(store, [path])
        assert store.count_articles() == 8
    assert (report.new, len(report.added)) == (8, 3)
    assert (report.error_count, len(report.errors)) == (4, 3)
    assert report.unchanged == 0
