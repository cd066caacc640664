"""Measure matching: do two facts measure the same thing, whatever their values?

Needs: two :class:`~newsdesk.records.Fact` records (subject, predicate, sentence).
Produces: a similarity in [0, 1]. :class:`RuleMatcher` is the default; the embedding
matcher (:mod:`.embeddings`) implements the same :class:`MeasureMatcher` interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from newsdesk._text import content_words
from newsdesk.records import Fact


class MeasureMatcher(Protocol):
    """Decides whether two facts measure the same thing (ignoring their values)."""

    def similarity(self, a: Fact, b: Fact) -> float:
        """A score in [0, 1]; facts at or above the aligner's threshold are the same measure."""
        ...


_PLURAL = re.compile(r"(?<=[a-z])(ies|es|s)$")
_SYNONYMS = {
    "soldier": "troop",
    "serviceman": "troop",
    "servicemen": "troop",
    "personnel": "troop",
    "fighter": "troop",
    "people": "person",
    "persons": "person",
    "resident": "person",
    "percent": "%",
    "per cent": "%",
    "dollar": "$",
    "usd": "$",
}


def canonical_term(text: str) -> str:
    """Lower-case, singular, synonym-folded form of a subject or predicate."""
    words = []
    for raw in re.findall(r"[\w%$]+", text.lower()):
        word = _SYNONYMS.get(raw)
        if word is None:
            stem = raw
            if len(raw) > 4 and raw.endswith("ies"):
                stem = raw[:-3] + "y"
            elif len(raw) > 3 and not raw.endswith("ss"):
                stem = _PLURAL.sub(lambda m: "" if m.group(1) == "s" else m.group(1)[:-1], raw)
            word = _SYNONYMS.get(stem, stem)
        words.append(word)
    return " ".join(words)


def _context(fact: Fact) -> frozenset[str]:
    """Content words of the fact's sentence, minus its subject, predicate and figure."""
    own = {canonical_term(w) for w in content_words(f"{fact.subject} {fact.predicate}")}
    own |= {canonical_term(w) for w in content_words(fact.quantity.text)}
    return frozenset(canonical_term(w) for w in content_words(fact.sentence)) - own


EVENT_PREDICATES = frozenset(
    """killed injured casualties evacuated damaged destroyed deployed arrested rescued treated
    sheltered striking missing magnitude mobilised recruited derailed""".split()
)
"""Canonical predicates (as the facts stage names them) of the headline measures of an
event: within one story there is one true number of people killed or homes damaged, so
two reports of it align without needing more shared context."""


@dataclass(frozen=True, slots=True)
class RuleMatcher:
    """Same measure when canonical subject and predicate are equal *and* the two
    sentences share context (a place, a name, the event's nouns).

    Scores 0 when subject or predicate differ; 1 for an event's headline measure
    (:data:`EVENT_PREDICATES`); otherwise 0.5 plus 0.25 per shared context word (up to
    two), so the default threshold (0.75) needs one.
    """

    def similarity(self, a: Fact, b: Fact) -> float:
        if canonical_term(a.subject) != canonical_term(b.subject):
            return 0.0
        if canonical_term(a.predicate) != canonical_term(b.predicate):
            return 0.0
        if a.predicate in EVENT_PREDICATES:
            return 1.0
        shared = len(_context(a) & _context(b))
        return 0.5 + 0.25 * min(shared, 2)
