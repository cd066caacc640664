"""Properties: read_file never fails with anything but InputError; outputs are well formed."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import InputError
from newsdesk.ingest import ReadResult, read_file
from newsdesk.ingest._dates import normalise_date

SUFFIXES = st.sampled_from([".txt", ".html", ".jsonl"])
TEXTISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=400).map(str.encode)
HTMLISH = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "<html>",
            "<br>",
            "<!--",
            "<?xml ?>",
            "&amp;",
            '{"text": "',
            '"}',
            "\n",
            "By Jane Doe",
            "date 2024-01-05",
            "\x00",
            "\xe9",
        ]
    ),
    max_size=30,
).map(lambda parts: "".join(parts).encode("utf-8", errors="surrogatepass"))
CONTENT = st.one_of(st.binary(max_size=400), TEXTISH, HTMLISH)


def _read(suffix: str, content: bytes) -> ReadResult | InputError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        try:
            return read_file(path)
        except InputError as exc:
            return exc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=SUFFIXES, content=CONTENT)
def test_read_file_returns_a_result_or_raises_input_error(suffix: str, content: bytes) -> None:
    outcome = _read(suffix, content)
    assert isinstance(outcome, ReadResult | InputError)
    if isinstance(outcome, ReadResult):
        for doc in outcome.documents:
            assert doc.text.strip()
            assert doc.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.published)


@given(st.text(max_size=60))
def test_normalise_date_gives_iso_or_none(value: str) -> None:
    result = normalise_date(value)
    assert result is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", result)


@given(
    title=st.text(alphabet="abcdefghij XYZ", min_size=3, max_size=40).filter(str.strip),
    body=st.lists(st.text(alphabet="klmnop qrs.", min_size=1, max_size=40), min_size=1),
)
def test_plain_text_keeps_every_line_but_the_title(title: str, body: list[str]) -> None:
    from newsdesk.ingest._meta import parse_plain_text

    text = "\n".join([title, *body])
    meta = parse_plain_text(text)
    kept = [line for line in meta.body.split("\n") if line.strip()]
    assert kept == [line for line in body if line.strip()]
