"""Matching: do two facts measure the same thing, do two sentences state the same claim?

Needs: two :class:`~newsdesk.records.Fact` records (subject, predicate, sentence), or the
:class:`~newsdesk.records.Claim` records of one story and the pairs to score.
Produces: similarities in [0, 1]. :class:`RuleMatcher` is the default for both; the
embedding matcher (:mod:`.embeddings`) implements the same :class:`MeasureMatcher` and
:class:`ClaimMatcher` interfaces.

Claims (rules): each sentence becomes a :class:`ClaimProfile`, its content words stemmed
(Snowball) with figures normalised ("315,000" -> ``315000``) and verbs of saying dropped,
plus *skip-bigrams* (two content words at most three tokens apart, in order), which keep a
little of who did what to whom ("sign ... contract", "obtain ... citizenship"). Words are
weighted by their rarity in the story (IDF over its claims), so the story's topic words
("Putin", "Ukraine") count little and the details a claim adds count much. The score is
the weighted Dice overlap of the two profiles, skip-bigrams at :data:`BIGRAM_WEIGHT`;
pairs sharing fewer than two words, or no lower-case word, score 0, and pairs sharing one
lower-case word only count :data:`ONE_COMMON` of their score.
:data:`SAME_CLAIM` (tuned on the ClaimDiff development part, see ``bench/bench_claims.py``)
is the score at which two sentences state the same claim.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol, runtime_checkable

from newsdesk._text import STOPWORDS, content_words
from newsdesk.records import Claim, Fact


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


@lru_cache(maxsize=65536)
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


@runtime_checkable
class ClaimMatcher(Protocol):
    """Scores pairs of one story's claims: at or above :data:`SAME_CLAIM`, the same claim."""

    def claim_scores(
        self, claims: Sequence[Claim], pairs: Sequence[tuple[int, int]]
    ) -> list[float]:
        """One score in [0, 1] per pair of indices into ``claims`` (all of one story)."""
        ...


SAME_CLAIM = 0.2
"""Rule score at which two sentences state the same claim: the highest-recall threshold
with precision >= 0.95 on the ClaimDiff development part (and, looked at by eye, most
pairs of gva-dev development stories at or above it state the same thing)."""

BIGRAM_WEIGHT = 0.5
"""Weight of a shared skip-bigram relative to its rarer word."""

MIN_SHARED = 2
"""Fewer shared content words than this never make one claim."""

ONE_COMMON = 2 / 3
"""Two sentences that share only names, places and figures ("Dawson", "Terminal 2") say
different things about them (score 0); sharing a single lower-case word, what is done
is barely shared, and the score counts this much."""

_SKIP = 3
_TOKEN = re.compile(r"\d[\d,.]*\d%?|\d%?|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SAYING = frozenset(
    """say says said saying tell tells told telling according add adds added stated states
    noted notes claimed claims""".split()
)
_IGNORED = STOPWORDS | _SAYING | frozenset("s t ’s 's".split())


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


_EVENT_STEMS = {
    **dict.fromkeys("kill die dead death fatal fatally slain".split(), "die"),
    **dict.fromkeys("injur wound hurt".split(), "injur"),
}
"""Stems of the words news uses for one headline outcome, folded into one: "was killed",
"died", "was fatally shot" all say someone died; "wounded", "injured", "hurt" likewise."""


@lru_cache(maxsize=65536)
def _norm(token: str) -> str | None:
    """Stem of a content word (event outcomes folded), normal form of a figure, ``None``
    for a function word."""
    if token[0].isdigit():
        return token.replace(",", "").rstrip(".")
    word = token.lower().replace("’", "'")
    if word in _IGNORED or len(word) < 2:
        return None
    stem: str = _stemmer().stemWord(word)
    return _EVENT_STEMS.get(stem, stem)


@dataclass(frozen=True, slots=True)
class ClaimProfile:
    """What rule matching compares of a sentence (see the module docstring)."""

    words: frozenset[str]
    common: frozenset[str]
    """Stems of the words written in lower case (not names, places, figures, the first
    word): what is done and to what, rather than who and where."""
    bigrams: frozenset[tuple[str, str]]
    surface: dict[str, str]
    """Stem -> the first word written for it (to show what a group shares)."""


@lru_cache(maxsize=8192)
def claim_profile(sentence: str) -> ClaimProfile:
    tokens = [(_norm(m.group(0)), m.group(0)) for m in _TOKEN.finditer(sentence)]
    surface: dict[str, str] = {}
    common: set[str] = set()
    for n, (stem, word) in enumerate(tokens):
        if stem is not None:
            surface.setdefault(stem, word.lower())
            if n > 0 and word[0].islower():
                common.add(stem)
    bigrams: set[tuple[str, str]] = set()
    for i, (a, _) in enumerate(tokens):
        if a is None:
            continue
        for b, _ in tokens[i + 1 : i + 1 + _SKIP]:
            if b is not None and b != a:
                bigrams.add((a, b))
    return ClaimProfile(frozenset(surface), frozenset(common), frozenset(bigrams), surface)


def story_weights(profiles: Sequence[ClaimProfile]) -> dict[str, float]:
    """IDF of every word over a story's claims: rare details weigh more than topic words."""
    n = len(profiles)
    df = Counter(w for p in profiles for w in p.words)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _mass(p: ClaimProfile, weights: dict[str, float]) -> tuple[float, float]:
    """Total weight of a profile's words, and of its skip-bigrams (before BIGRAM_WEIGHT)."""
    words = sum(weights.get(w, 1.0) for w in p.words)
    pairs = sum(min(weights.get(a, 1.0), weights.get(b, 1.0)) for a, b in p.bigrams)
    return words, pairs


def profile_similarity(
    a: ClaimProfile,
    b: ClaimProfile,
    weights: dict[str, float],
    masses: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> float:
    """Weighted Dice overlap of two profiles (words, and skip-bigrams at BIGRAM_WEIGHT).
    ``masses`` are the two profiles' :func:`_mass`, when already known."""
    shared = a.words & b.words
    common = len(a.common & b.common)
    if len(shared) < MIN_SHARED or common == 0:
        return 0.0
    (wa, pa), (wb, pb) = masses or (_mass(a, weights), _mass(b, weights))

    def w(word: str) -> float:
        return weights.get(word, 1.0)

    overlap = sum(w(x) for x in shared)
    overlap += BIGRAM_WEIGHT * sum(min(w(x), w(y)) for x, y in a.bigrams & b.bigrams)
    total = wa + wb + BIGRAM_WEIGHT * (pa + pb)
    score = 2 * overlap / total if total else 0.0
    return score if common >= MIN_SHARED else ONE_COMMON * score


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

    def claim_scores(
        self, claims: Sequence[Claim], pairs: Sequence[tuple[int, int]]
    ) -> list[float]:
        """Weighted Dice overlap of the two sentences' profiles (see the module docstring)."""
        profiles = [claim_profile(c.sentence) for c in claims]
        weights = story_weights(profiles)
        masses = [_mass(p, weights) for p in profiles]
        return [
            profile_similarity(profiles[i], profiles[j], weights, (masses[i], masses[j]))
            for i, j in pairs
        ]
