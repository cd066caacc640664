"""Rule-based sentence splitting, shared by the facts, align and brief stages.

:func:`split_sentences` cuts a cleaned body into :class:`Sentence` records with character
offsets into the text. Paragraphs are separated by blank lines. Inside a paragraph a
single line break ends a sentence when the line reads as complete (scraped headlines and
captions have no final full stop); a break after "the", "of", ... is a hard wrap.

A full stop ends a sentence unless it belongs to a title ("Mr.", "Gen."), an initial
("T. R."), a decimal ("3.5", never followed by a space) or an abbreviation. Acronyms and
abbreviations that can close a sentence ("U.S.", "Inc.", "Jan.") end one only when the next
word usually starts a sentence ("The", "It", ...). A closing quote or bracket after the
stop stays with the sentence; "?" or "!" before a lower-case word ("'Why?' he asked") does
not end it.

A run of text with no boundary longer than :data:`MAX_SENTENCE_CHARS` (a list glued into
one line, lines without full stops, a table) is cut at the last space before the limit, so
no sentence is ever longer: the stages that work sentence by sentence (facts, summary) then
do bounded work per sentence, and a document costs them time linear in its length.

Splitting is linear in the length of the text (no step rescans what an earlier step read).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "split_sentences"]

MAX_SENTENCE_CHARS = 1000
"""The longest sentence returned. The longest found in ECB+ news (982 documents) is 554."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text == body[start:end]``; ``paragraph`` counts non-empty paragraphs."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n")
_CANDIDATE = re.compile(r"(?:(?<![.!?])(?:\.{3}|[.!?]+)|…)[\"'”’»)\]]*(?=\s|$)")
"""Sentence-final punctuation followed by a space or the end. A run of ``.!?`` is only tried
from its first character, so a long run costs linear time, not quadratic."""

_TITLES = frozenset(
    "mr mrs ms messrs dr prof gen col lt sgt capt cpt cmdr adm maj gov sen rep rev hon st mt "
    "ft pres supt det insp fr vs v e.g i.e approx cf ca c est dept univ assn bros".split()
)
"""Abbreviations after which a full stop never ends the sentence."""

_NUMBERED = frozenset("no nos fig figs vol vols pp op ch art sec p".split())
"""Abbreviations that never end a sentence before a number: "No. 1", "Fig. 3"."""

_CLOSERS = frozenset(
    "inc corp co ltd llc plc etc al sr jr jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri sat sun a.m p.m".split()
)
"""Abbreviations that end a sentence only before a typical sentence opener."""

_OPENERS = frozenset(
    "the a an it he she they we i you his her its their our my this that these those there "
    "but and so yet however meanwhile in on at for as if when while after before since "
    "according some many most one two three what who why how no not".split()
)

_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but as that which who whose than "
    "into onto its their his her our your my is are was were be been has have had "
    "will would could should may might must".split()
)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, in order, without overlap, covering all non-space text."""
    out: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraphs(text)):
        for l_start, l_end in _lines(text, p_start, p_end):
            for span in _sentences_in(text, l_start, l_end):
                for s_start, s_end in _pieces(text, *span):
                    out.append(Sentence(len(out), text[s_start:s_end], s_start, s_end, paragraph))
    return out


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most :data:`MAX_SENTENCE_CHARS`, each cut after
    the last whitespace in the second half of the allowance (else hard at the limit)."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = limit
        while cut > start + MAX_SENTENCE_CHARS // 2 and not text[cut - 1].isspace():
            cut -= 1
        if cut <= start + MAX_SENTENCE_CHARS // 2:
            cut = limit
        span = _strip(text, start, cut)
        if span is not None:
            yield span
        next_span = _strip(text, cut, end)
        if next_span is None:
            return
        start, end = next_span
    yield start, end


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank paragraphs (stripped)."""
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        span = _strip(text, pos, m.start())
        if span is not None:
            yield span
        pos = m.end()
    span = _strip(text, pos, len(text))
    if span is not None:
        yield span


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _last_word(text: str, start: int, last: int) -> str:
    """The whitespace-free run ending at index ``last`` (not reaching before ``start``)."""
    first = last
    while first > start and not text[first - 1].isspace():
        first -= 1
    return text[first : last + 1]


class _Scan:
    """Positions of non-space characters around line breaks, found in amortised linear
    time however the paragraph is shaped (long hard-wrapped runs, whitespace-only lines)."""

    def __init__(self, text: str, end: int) -> None:
        self.text = text
        self.end = end
        self._next = -1
        """The first non-space index at or after the last position asked (or ``end``)."""

    def next_nonspace(self, pos: int) -> int:
        if self._next < pos:
            self._next = pos
            while self._next < self.end and self.text[self._next].isspace():
                self._next += 1
        return self._next

    def last_nonspace(self, line_start: int, pos: int) -> int:
        """The last non-space index in ``[line_start, pos)``, else ``-1``."""
        while pos > line_start:
            pos -= 1
            if not self.text[pos].isspace():
                return pos
        return -1


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a paragraph at single line breaks that end a complete line."""
    scan = _Scan(text, end)
    seg_start = start
    line_start = start
    last = -1  # last non-space index of the current segment
    for m in _LINE_BREAK.finditer(text, start, end):
        found = scan.last_nonspace(line_start, m.start())
        if found >= seg_start:
            last = found
        line_start = m.end()
        first = scan.next_nonspace(m.end())
        if last >= seg_start and first < end and _line_ends_sentence(text, seg_start, last, first):
            span = _strip(text, seg_start, m.start())
            if span is not None:
                yield span
            seg_start = m.end()
            last = -1
    span = _strip(text, seg_start, end)
    if span is not None:
        yield span


def _line_ends_sentence(text: str, seg_start: int, last: int, first: int) -> bool:
    """Does the line whose last non-space character is ``text[last]`` end a sentence
    before the line starting at ``text[first]``?"""
    final = text[last]
    if final in '.!?:;"”’)]…':
        return True
    if text[first].islower():
        return False
    word = _last_word(text, seg_start, last).lower()
    return word not in _FUNCTION_WORDS and final not in (",", "-", "–", "—")


def _sentences_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split one line at sentence-final punctuation."""
    seg_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.end() >= end:
            break
        if _is_boundary(text, seg_start, m.start(), m.group(), m.end(), end):
            span = _strip(text, seg_start, m.end())
            if span is not None:
                yield span
            seg_start = m.end()
    span = _strip(text, seg_start, end)
    if span is not None:
        yield span


_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*([^\s\"'”’]*)")


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, end)
    return m.group(1) if m else ""


def _word_before(text: str, seg_start: int, pos: int) -> str:
    """The last whitespace-separated word of ``text[seg_start:pos]`` ("" if none)."""
    last = pos - 1
    while last >= seg_start and text[last].isspace():
        last -= 1
    return _last_word(text, seg_start, last) if last >= seg_start else ""


def _is_boundary(text: str, seg_start: int, p_start: int, punct: str, p_end: int, end: int) -> bool:
    nxt = _next_word(text, p_end, end)
    if not nxt:
        return False
    if nxt[0].islower():
        return False
    if not punct.startswith(".") or punct.startswith("..."):
        return True
    word = _word_before(text, seg_start, p_start).lstrip("\"'“‘([").lower()
    return _period_ends(word, punct, nxt)


def _period_ends(word: str, punct: str, nxt: str) -> bool:
    """Does a full stop after ``word`` (lower-cased) end the sentence before ``nxt``?"""
    if not word or len(punct.rstrip("\"'”’»)]")) > 1:
        return True
    opener = nxt.strip(".,;:").lower() in _OPENERS
    if word in _TITLES or (word in _NUMBERED and nxt[0].isdigit()):
        return False
    if word in _CLOSERS:
        return opener and not nxt[0].isdigit()
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. Smith"
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return opener  # an acronym: "U.S.", "a.m."
    return True
