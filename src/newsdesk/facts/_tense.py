"""The tense of the clause around a time expression, read from its words (no parse).

Needs: a sentence and the character span of a time expression in it.
Produces: ``"future"``, ``"past"`` or ``None`` (no tense signal), for :mod:`._time` to pick
the occurrence of a weekday or a month without a year: the most recent past one in
past-tense text, the next one only when the clause speaks of the future ("will meet on
Tuesday", "is scheduled for March 3"). The clause is the stretch of the sentence between
clause breaks (";", ":", a dash, ", and", " after ", " who ", ...) around the expression;
when it holds no signal, the nearest signal elsewhere in the sentence decides.
"""

from __future__ import annotations

import re

__all__ = ["clause_span", "clause_tense"]

_BREAK = re.compile(
    r"[;:—–]|\s-\s|,\s*(?:and|but|while|who|which|where|when|as|after|before|because|"
    r"although|though|so|then|police\s+said|officials\s+said)\b|,\s*\"|\"\s|"
    r"\s(?:and|but|while|who|which|that|after|before|when|because|until|since|once|whereas)\s",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|going\s+to|(?:is|are|was|were)\s+(?:set|scheduled|slated|due|"
    r"expected|planned|poised|to\s+be|to)\b|scheduled|upcoming|plans?\s+to|intends?\s+to|"
    r"next|tomorrow)\b",
    re.IGNORECASE,
)
_NOT_PAST_ED = frozenset(
    """need speed feed seed indeed hundred bed red shed breed greed weed proceed exceed succeed
    embed bleed steed reed deed freed agreed shred sled wed fled""".split()
)
_PAST_WORDS = frozenset(
    """was were had did said told shot killed went came took found left began fought ran hit
    struck saw got made held met paid sold brought heard died fell rose caught drove fired
    thought knew gave stood sat led lost won broke spoke wrote sent spent felt kept became
    sank swam rang sang drank flew threw grew drew blew wore tore swore froze chose rode woke
    stole forgot bought taught sought dealt meant slept swept wept fled fed bled quit ate
    spun hung stuck dug understood shook mistook laid slid hid bit lit shone burnt built bent
    lent fled arose awoke beat forbade forgave overcame overtook withdrew happened occurred
    ago yesterday last earlier""".split()
)
_WORD = re.compile(r"[A-Za-z']+")


def _is_past_word(w: str) -> bool:
    return w in _PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED)


def _signal(text: str) -> str | None:
    """``future`` if ``text`` has a future signal, else ``past`` if it has a past one."""
    if _FUTURE.search(text):
        return "future"
    if any(_is_past_word(m.group().lower()) for m in _WORD.finditer(text)):
        return "past"
    return None


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause of ``sentence`` that holds ``sentence[start:end]``."""
    lo, hi = 0, len(sentence)
    for m in _BREAK.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """The tense of the clause holding ``sentence[start:end]``, else of the nearest signal."""
    lo, hi = clause_span(sentence, start, end)
    tense = _signal(sentence[lo:start] + " " + sentence[end:hi])
    if tense is not None:
        return tense
    best: tuple[int, str] | None = None
    for m in _FUTURE.finditer(sentence):
        d = min(abs(m.start() - start), abs(m.start() - end))
        if best is None or d < best[0]:
            best = (d, "future")
    for m in _WORD.finditer(sentence):
        if _is_past_word(m.group().lower()):
            d = min(abs(m.start() - start), abs(m.start() - end))
            if best is None or d < best[0]:
                best = (d, "past")
    return best[1] if best is not None else None
