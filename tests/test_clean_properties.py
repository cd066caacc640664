"""Property tests of the clean stage's invariants (hypothesis).

Offsets are exact: ``raw[r.start:r.end] == r.text`` (no whitespace normalisation in spans);
the cleaned text is whitespace-normalised, so "nothing lost" compares normalised text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.clean import Cleaner
from newsdesk.clean.text import normalize
from newsdesk.records import CleanedText, RawDocument

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
PROSE = st.lists(WORD, min_size=3, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
LABEL = st.lists(WORD, min_size=1, max_size=6).map(lambda ws: " ".join(w.title() for w in ws))
DEBRIS = st.sampled_from(
    [
        "ADVERTISEMENT",
        "loading…",
        "Share this articleComments",
        "By Ines Calloway",
        "(ahm)",
        "date 2024-03-02 loading…",
        "Crews gather at the gate. (AP Photo/Odile Brand)",
        "Copyright Jan Holm/Harbour Wire via AP",
        "You might also like",
        "FERRY OPERATOR WARNS OF LOSSES AS QUEUES GROW",
        "Valley Courier's Ada Fenn contributed to this report.",
        "This email address is being protected from spambots. "
        "You need JavaScript enabled to view it.",
        "Read more: Growers fear second frost",
    ]
)
PAD = st.sampled_from(["", " ", "\t", "\u00a0", "  "])
SEP = st.sampled_from(["\n", "\n\n", "\n \n", "\r\n"])


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A raw body mixing prose, labels and debris; also returns its prose lines."""
    kinds = st.one_of(PROSE.map(lambda t: ("prose", t)), LABEL.map(lambda t: ("label", t)),
                      DEBRIS.map(lambda t: ("debris", t)))  # fmt: skip
    items = draw(st.lists(kinds, max_size=14))
    raw = ""
    for _, line in items:
        raw += draw(PAD) + line + draw(PAD) + draw(SEP)
    return raw, [line for kind, line in items if kind == "prose"]


def _clean(text: str) -> CleanedText:
    return Cleaner().clean(RawDocument(source="p", format="txt", text=text, outlet="Ledger"))


def _uncovered(raw: str, result: CleanedText) -> list[str]:
    """The normalised text of each input line outside every removal span."""
    covered = [False] * len(raw)
    for r in result.removed:
        covered[r.start : r.end] = [True] * (r.end - r.start)
    out, pos = [], 0
    for line in raw.split("\n"):
        pieces, piece = [], ""
        for offset, char in enumerate(line, start=pos):
            if covered[offset]:
                pieces.append(piece)
                piece = ""
            else:
                piece += char
        pieces.append(piece)
        out.append(normalize(" ".join(pieces)))
        pos += len(line) + 1
    return out


def _check_nothing_lost(raw: str, result: CleanedText) -> None:
    cleaned = normalize(result.text)
    for rest in _uncovered(raw, result):
        assert rest in cleaned, rest


def _check_offsets(raw: str, result: CleanedText) -> None:
    end = 0
    for r in result.removed:
        assert raw[r.start : r.end] == r.text
        assert r.text == r.text.strip() and r.text
        assert r.start >= end, "removals overlap or are unsorted"
        end = r.end


@settings(max_examples=300, deadline=None)
@given(documents())
def test_nothing_lost(doc: tuple[str, list[str]]) -> None:
    raw, _ = doc
    _check_nothing_lost(raw, _clean(raw))


@settings(max_examples=300, deadline=None)
@given(documents())
def test_offsets_are_exact(doc: tuple[str, list[str]]) -> None:
    raw, _ = doc
    _check_offsets(raw, _clean(raw))


@settings(max_examples=300, deadline=None)
@given(documents())
def test_recleaning_keeps_the_prose(doc: tuple[str, list[str]]) -> None:
    """Cleaning the cleaned text again never takes a sentence of the body away.

    (Not strict idempotence: the line model judges units in their neighbourhood, so a short
    label whose debris neighbours are gone may be judged again differently.)"""
    raw, prose = doc
    once = _clean(raw)
    twice = _clean(once.text)
    kept = normalize(once.text)
    for line in prose:
        if normalize(line) in kept:
            assert normalize(line) in normalize(twice.text), line
    assert all(not r.text.endswith(".") or len(r.text.split()) < 3 for r in twice.removed)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_prose_lines_are_never_removed(doc: tuple[str, list[str]]) -> None:
    raw, prose = doc
    paragraphs = _clean(raw).text.split("\n\n")
    for line in prose:
        assert line in paragraphs


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_keeps_invariants(raw: str) -> None:
    result = _clean(raw)
    _check_offsets(raw, result)
    _check_nothing_lost(raw, result)
    assert _clean(result.text).removed == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(PROSE, min_size=1, max_size=6), st.integers(min_value=2, max_value=4))
def test_prose_shared_across_a_batch_is_never_template(lines: list[str], n: int) -> None:
    text = "\n\n".join(lines)
    docs = [RawDocument(f"d{i}", "txt", f"Story {i} text.\n\n{text}", outlet="L") for i in range(n)]
    cleaner = Cleaner().fit(docs)
    for d in docs:
        assert all(r.reason != "template" for r in cleaner.clean(d).removed)
