"""Cheap names and the event signature of an article (no model; ~1,000 docs/s).

A *name* is a capitalised word the article itself treats as a proper noun: it is
written capitalised somewhere in mid-sentence (not after a full stop, a quote or a
dash, not in a title-case or all-capitals line) at least as often as it is written in
lower case, and it is not a stop word, weekday, month or honorific. Capitalised words
at the start of a sentence, in title-case headlines or in all-capitals datelines count
when the same word passes that test elsewhere in the article. Runs of adjacent names
form phrases (``tarrow bay``, ``chamber of commerce``), used as entity features instead
of spaCy NER. Only the title and the first ``entity_chars`` (at least 1,500) characters
of the body are read: the lead names the event.

The *signature* of an article is what its title and lead are about: the names found
in the title and the lead, i.e. the body up to the first sentence end or paragraph
break after ``signature_min_chars`` (at most ``signature_chars``; web-address lines
skipped). Each is weighted by how often the article repeats it, sharply, so the dominant
name counts most. The words of the article's own outlet and authors (a wire's dateline
credit, a byline) are left out: they say who published it, not what happened. Two
reports of one event share the dominant names of their leads; a report that recalls an
earlier event in its second sentence or further down does not take that event's names
into its signature.

:func:`signature_factor` turns two signatures into a similarity factor: 1 when they
agree, down to ``signature_floor`` when they share no name, 1 when either is empty
(headlines in lower case, texts without names: no evidence either way).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.cluster.config import ClusterConfig
from newsdesk.records import Article

_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
_URL_LINE = re.compile(r"^[ \t]*(?:https?[ \t]*:[ \t]*/[ \t]*/|www[ \t]*\.)[^\n]*\n?", re.M | re.I)
"""A line that is a web address (not part of the lead)."""
_URL_ALLOWANCE = 500
_WINDOW = 1500
"""Body characters read to decide what is a name (at least; more if the lead is longer)."""
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_OPENERS = frozenset(".!?:;\"“”‘'—–([|•*#>")
"""A capitalised word right after one of these (or a line start) may be sentence-initial."""
_JOINERS = " \t-'’"
"""Two names separated only by these belong to one phrase."""
_SHARPEN = 3.0
"""Signature weights are ``(1 + ln count) ** _SHARPEN``: the name the article repeats
most dominates, so a shared agency or official cannot outweigh two different places."""
_HEADLINE = 0.7
"""A line whose non-stop words are at least this often capitalised is title case."""
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


_HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sir mayor president minister governor senator lieutenant "
    "captain sergeant judge".split()
)
"""Titles before a person's name: not names themselves (``Mayor Ines Talvary``)."""


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _CALENDAR | _HONORIFICS


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    """Lower-cased, possessive removed."""
    start: int
    end: int
    capitalised: bool
    trusted: bool
    """Capitalised in mid-sentence (evidence that the word is a proper noun)."""


def _tokens(text: str) -> Iterator[_Token]:
    """Word tokens of ``text``; a title-case line (a headline) gives no trusted token."""
    stop = _stop_words()
    offset = 0
    for line in text.splitlines(keepends=True):
        toks = list(_line_tokens(line, offset))
        offset += len(line)
        content = [t for t in toks if t.word not in stop]
        headline = len(content) >= 2 and sum(t.capitalised for t in content) >= _HEADLINE * len(
            content
        )
        for t in toks:
            yield _Token(t.word, t.start, t.end, t.capitalised, False) if headline else t


def _line_tokens(line: str, offset: int) -> Iterator[_Token]:
    for m in _TOKEN.finditer(line):
        raw = _POSSESSIVE.sub("", m.group())
        if len(raw) < 2:
            continue
        j = m.start() - 1
        while j >= 0 and line[j] in " \t":
            j -= 1
        opener = j < 0 or line[j] in _OPENERS
        cap = raw[0].isupper()
        trusted = cap and not raw.isupper() and not opener
        start = offset + m.start()
        yield _Token(raw.lower(), start, start + len(raw), cap, trusted)


def _name_words(tokens: list[_Token]) -> frozenset[str]:
    trusted: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for t in tokens:
        if t.trusted:
            trusted[t.word] += 1
        elif not t.capitalised:
            lower[t.word] += 1
    stop = _stop_words()
    return frozenset(w for w, c in trusted.items() if c >= lower[w] and w not in stop)


@dataclass(frozen=True, slots=True)
class Names:
    """The names of one article: every mention (as phrases) and the lead signature."""

    phrases: tuple[str, ...]
    """Each mention of a name phrase in the title and the first ``entity_chars`` of the
    body, in order (repeats kept)."""
    signature: dict[str, float]
    """Name words of the title and lead -> weight (unit length; empty if none)."""


def _phrases(text: str, tokens: list[_Token], names: frozenset[str], end: int) -> list[str]:
    """Runs of adjacent name tokens (``of`` may link two: ``chamber of commerce``)."""
    out: list[str] = []
    run: list[str] = []
    last_end, linked = 0, False
    for t in tokens:
        if t.start >= end:
            break
        adjacent = bool(run) and not text[last_end : t.start].strip(_JOINERS)
        if t.capitalised and t.word in names:
            if run and not adjacent:
                out.append(" ".join(run))
                run = []
            run.extend(["of", t.word] if run and linked else [t.word])
            last_end, linked = t.end, False
        elif adjacent and not linked and t.word == "of":
            last_end, linked = t.end, True
        elif run:
            out.append(" ".join(run))
            run, linked = [], False
    if run:
        out.append(" ".join(run))
    return out


_LEAD_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’')]*(?=\s|$)|\n[ \t]*\n")
"""A sentence end (before a space; not an initial or ``Dr.``/``St.``) or a paragraph break."""


def lead_length(body: str, config: ClusterConfig) -> int:
    """Characters of the lead: up to the first sentence end or paragraph break after
    ``signature_min_chars``, and never more than ``signature_chars``."""
    cap = config.signature_chars
    m = _LEAD_END.search(body, min(config.signature_min_chars, cap), cap)
    return m.end() if m else cap


def _publisher_words(article: Article) -> frozenset[str]:
    """Words of the article's outlet and authors: who published it, not what it is about."""
    meta = " ".join((article.outlet or "", *article.authors))
    return frozenset(m.lower() for m in _TOKEN.findall(meta))


def article_names(article: Article, config: ClusterConfig) -> Names:
    """Names and lead signature of ``article`` (see the module docstring)."""
    head = f"{article.title}\n"
    window = max(config.entity_chars, config.signature_chars, _WINDOW)
    text = head + _URL_LINE.sub("", article.text[: window + _URL_ALLOWANCE])[:window]
    tokens = list(_tokens(text))
    names = _name_words(tokens)
    own = _publisher_words(article)
    phrases = [
        p
        for p in _phrases(text, tokens, names, len(head) + config.entity_chars)
        if not own.issuperset(p.split())
    ]
    counts: Counter[str] = Counter(t.word for t in tokens if t.capitalised and t.word in names)
    lead_end = len(head) + lead_length(text[len(head) :], config)
    lead = {
        t.word
        for t in tokens
        if t.start < lead_end and t.capitalised and t.word in names and t.word not in own
    }
    sig = {w: (1.0 + math.log(counts[w])) ** _SHARPEN for w in lead}
    n = math.sqrt(sum(v * v for v in sig.values()))
    return Names(tuple(phrases), {w: v / n for w, v in sig.items()} if n else {})


def signature_factor(
    a: Mapping[str, float], b: Mapping[str, float], config: ClusterConfig
) -> float:
    """1 when two signatures agree (cosine >= ``signature_match``) or one is empty; down to
    ``signature_floor`` when their leads name nothing in common."""
    if not a or not b:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    shared = sum(w * b.get(t, 0.0) for t, w in a.items())
    return factor_of(shared, _sq(a), _sq(b), config)


def _sq(vec: Mapping[str, float]) -> float:
    return sum(w * w for w in vec.values())


def factor_of(shared: float, sq_a: float, sq_b: float, config: ClusterConfig) -> float:
    """The signature factor from the dot product and squared norms of two signatures."""
    floor = config.signature_floor
    if floor >= 1.0 or sq_a <= 1e-12 or sq_b <= 1e-12:
        return 1.0
    cos = max(shared, 0.0) / math.sqrt(sq_a * sq_b)
    return floor + (1.0 - floor) * min(1.0, cos / max(config.signature_match, 1e-9))
