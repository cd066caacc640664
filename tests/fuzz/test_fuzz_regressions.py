"""Regressions found by ``make fuzz`` (docs/reliability.md, "Last make fuzz").

1. A whole-file-gzipped WARC whose second "record" is 1 GB of zeros: warcio's error quotes
   the whole unparseable first line (67 MB, 268 MB as text), and the error, kept in the
   ingest report with its cause and traceback, held it until the end of the batch: four such
   files in one ``newsdesk ingest`` took 1.3 GB. Errors handed on by ingest are now short and
   carry no exception chain.
2. A WARC of 1,000 small pages took 10-17 s of CPU a MB: trafilatura's justext fallback
   hashed its 150,000-word stoplist tuple on every page.
"""

from __future__ import annotations

from pathlib import Path

from make_corpus import pack_warc, page, warc_record, warcinfo

from newsdesk.errors import MAX_PROBLEM_CHARS, InputError, InternalError
from newsdesk.ingest import iter_documents
from newsdesk.ingest._html import extract_article


def _reported(path: Path) -> list[InputError]:
    errors: list[InputError] = []
    assert list(iter_documents([path], on_error=errors.append)) == []
    return errors


def test_an_error_quoting_a_huge_line_is_short_and_holds_no_chain(tmp_path: Path) -> None:
    path = tmp_path / "zeros.warc.gz"
    path.write_bytes(pack_warc([warcinfo(), b"\x00" * (3 * 1024 * 1024)], "whole"))
    (err,) = _reported(path)
    assert not isinstance(err, InternalError)
    assert err.problem.startswith("malformed: ")
    assert len(err.problem) <= MAX_PROBLEM_CHARS
    assert err.__cause__ is None and err.__context__ is None and err.__traceback__ is None


def test_input_error_messages_are_capped() -> None:
    err = InputError("f.txt", "malformed: " + "x" * 10_000)
    assert len(err.problem) == MAX_PROBLEM_CHARS
    assert str(err).startswith("f.txt: malformed: xxx")
    assert err.problem.endswith("…")
    assert InputError("f.txt", "short").problem == "short"


def test_internal_errors_keep_their_cause_for_verbose() -> None:
    cause = ValueError("boom")
    err = InternalError.wrap("f.txt", cause, "cleaning")
    assert err.detached().__cause__ is cause


def test_justext_stoplist_is_hashed_once_and_unchanged() -> None:
    from trafilatura import external

    html = page("Harbour crane stops", ["Short line."]).encode().decode()
    extract_article(html, "a.html", fmt="html")
    first = external.JT_STOPLIST
    extract_article(html, "b.html", fmt="html")
    assert external.JT_STOPLIST is first  # one tuple, so justext's cache key is hashed once
    assert type(first).__hash__ is not tuple.__hash__
    assert set(first) == set(external.jt_stoplist_init())


def test_many_small_pages_still_each_become_a_document(tmp_path: Path) -> None:
    records = [warcinfo()] + [
        warc_record(
            page(
                f"Pier {i} closes", [f"The pier number {i} closed on Monday, wardens said."]
            ).encode(),
            url=f"https://x.example/{i}",
        )
        for i in range(30)
    ]
    path = tmp_path / "many.warc"
    path.write_bytes(pack_warc(records, "plain"))
    errors: list[InputError] = []
    docs = list(iter_documents([path], on_error=errors.append))
    assert errors == []
    assert len(docs) == 30
    assert all("closed on Monday" in d.text for d in docs)
