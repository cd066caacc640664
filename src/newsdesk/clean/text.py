"""Line units, whitespace normalisation and the prose test that every clean rule shares.

A *line* is one non-blank line of ``RawDocument.text`` (split on ``"\\n"`` only), with its
character span trimmed of surrounding whitespace. A *unit* is what the rules judge: usually
one line, or several lines of one block (no blank line between them) when the later ones are
hard-wrap continuations of the first (they start with a lowercase letter and the previous
line does not end a sentence). Blocks are runs of lines without a blank line between them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_NUMBER = re.compile(r"[\d'’.\-]+")
TERMINAL = ".!?…"
"""Characters that end a sentence."""
CLOSING_QUOTES = "\"'”’»"
_CLOSERS = CLOSING_QUOTES + ")]"


_INVISIBLE = ("\u200b", "\u2060", "\ufeff", "\u00ad")
"""Zero-width space, word joiner, byte-order mark and soft hyphen: dropped from kept text."""


def normalize(text: str) -> str:
    """Drop invisible characters; collapse whitespace runs (incl. no-break spaces); strip."""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Word tokens that contain at least one letter (cached: every rule asks)."""
    return tuple(w for w in _WORD.findall(text) if not _NUMBER.fullmatch(w))


def ends_sentence(text: str) -> bool:
    """True if ``text`` ends with terminal punctuation (maybe inside closers) or a closing quote."""
    t = text.rstrip()
    if not t:
        return False
    if t[-1] in TERMINAL or t[-1] in CLOSING_QUOTES:
        return True
    core = t.rstrip(_CLOSERS)
    return core != t and bool(core) and core[-1] in TERMINAL


def is_prose(text: str, min_words: int = 4) -> bool:
    """A normal prose sentence: several words and a sentence ending."""
    return len(words(text)) >= min_words and ends_sentence(text)


_STOPWORDS = frozenset(
    """a an the of on in at to for and or but nor with by from that which who whom whose as than
    into onto over under after before about between against during without within across through
    per its their his her our your my is are was were be been has have had will would could should
    may might must can not said says it this these those there here he she they we you i me him
    them us up out off down new also more most very just so all any some no""".split()
)


def _stem(word: str) -> str:
    w = word.casefold()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    return w


def content_stems(text: str) -> frozenset[str]:
    """Crudely stemmed content words (function words dropped): for word-overlap tests."""
    return frozenset(_stem(w) for w in words(text) if w.casefold() not in _STOPWORDS)


def mostly_caps(text: str) -> bool:
    """At least 90% of the letters are capitals."""
    letters = sum(map(str.isalpha, text))
    return letters > 0 and sum(map(str.isupper, text)) >= 0.9 * letters


def line_key(text: str) -> str:
    """Exact-repeat key: whitespace- and case-insensitive."""
    return unicodedata.normalize("NFKC", normalize(text)).casefold()


def template_key(text: str) -> str:
    """Cross-document key: case-, punctuation- and digit-insensitive (digit runs become 0)."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = re.sub(r"\d+", "0", t)
    return " ".join(re.findall(r"[^\W_]+", t))


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank raw line: ``raw[start:end]`` is its content without outer whitespace."""

    start: int
    end: int
    block: int


def split_lines(raw: str) -> Iterator[Line]:
    """Yield the non-blank lines of ``raw`` with exact offsets and their block number."""
    pos = 0
    block = 0
    blank_before = False
    for line in raw.split("\n"):
        begin = pos
        pos += len(line) + 1
        content = line.strip()
        if not content:
            blank_before = True
            continue
        if blank_before:
            block += 1
            blank_before = False
        lead = len(line) - len(line.lstrip())
        yield Line(begin + lead, begin + len(line.rstrip()), block)


@dataclass(frozen=True, slots=True)
class Unit:
    """A span of raw text judged as one line; ``cuts`` are inline removals inside it."""

    start: int
    end: int
    block: int
    text: str
    """Normalised text of the span with the cuts taken out."""
    cuts: tuple[tuple[int, int], ...] = ()

    def kept_spans(self, raw: str) -> list[tuple[int, int]]:
        """The raw spans of this unit outside its cuts, trimmed of outer whitespace."""
        spans: list[tuple[int, int]] = []
        pos = self.start
        for cut_start, cut_end in (*self.cuts, (self.end, self.end)):
            spans.extend(_trimmed(raw, pos, cut_start))
            pos = max(pos, cut_end)
        return spans


def _trimmed(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = raw[start:end]
    if not piece.strip():
        return []
    lead = len(piece) - len(piece.lstrip())
    return [(start + lead, start + len(piece.rstrip()))]


def join_text(raw: str, spans: list[tuple[int, int]]) -> str:
    return normalize(" ".join(raw[a:b] for a, b in spans))
