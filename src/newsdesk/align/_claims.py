"""Align claims: group the sentences of a story's reports that state the same thing.

Needs: :class:`~newsdesk.records.ArticleAnalysis` per article (facts with sources),
duplicate marks and paragraph reuse from dedupe, and a :class:`ClaimMatcher` (rules by
default; embeddings where installed).
Produces: :class:`~newsdesk.records.ClaimGroup` records with the labels and independent
origin counts fact groups have (:mod:`._quantities`), for every claim of the story.

Claims: every sentence of an article that states something, figures or not: at least
:attr:`ClaimConfig.min_words` words, not a question, not a line in capitals, and not
boilerplate (:mod:`newsdesk.boilerplate`: calls for information, contact details,
bylines, credits). A claim carries the sentence's sources, read across the article by the
facts stage (speaker first; quotations, "the statistic ..." and wire credits followed).

Alignment, bounded for large stories:

1. **blocking**: an inverted index of the claims' content words; a pair of claims from
   two different articles is scored only if it shares at least two words that each occur
   in at most :attr:`ClaimConfig.max_postings` claims of the story;
2. **scoring**: the matcher scores the candidate pairs (one batch per story); pairs at or
   above its threshold match, except two sentences giving incompatible figures for one
   measure (same unit and predicate): figures are judged by fact groups;
3. **grouping**: stars (:func:`star_groups`): the claim matched by the most reports leads
   a group holding it and every claim that matches it; the next uncovered claim leads the
   next group. A group's mentions all state what its first mention (the centre) states;
   there is no chaining (A matches B, B matches C) of claims that do not match. A sentence
   that states two claims ("for at least one year, with their families") can be a mention
   of two groups; claims that match nothing are groups of one.

Labels, in order: ``single-source`` (one article); ``conflicting`` (two reports' sentences
plainly alike, :data:`CONFLICT_SCORE` times the threshold, but one denies a word both state:
"was not charged" / "was charged");
``single-origin`` (one independent origin, see :mod:`._origins`); ``compatible`` (figures
for the same measure differ within their precision); ``corroborated``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.align._match import (
    SAME_CLAIM,
    ClaimMatcher,
    ClaimProfile,
    RuleMatcher,
    canonical_term,
    claim_profile,
    story_weights,
)
from newsdesk.align._origins import copy_roots, group_origins
from newsdesk.align._quantities import compatible, same_figure
from newsdesk.boilerplate import is_boilerplate
from newsdesk.records import (
    Agreement,
    ArticleAnalysis,
    Claim,
    ClaimGroup,
    Fact,
    ParagraphReuse,
    content_hash,
)

__all__ = ["ClaimConfig", "align_claims", "article_claims", "sentence_sources"]


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    threshold: float = SAME_CLAIM
    """Pair score at which two sentences state the same claim."""
    min_words: int = 6
    max_postings: int = 50
    """Blocking: words in more claims than this do not make pairs (they are topic words)."""
    min_blocking_words: int = 2


# ------------------------------------------------------------------ claims of an article


def sentence_sources(analysis: ArticleAnalysis) -> dict[int, tuple[str, ...]]:
    """Sentence index -> its sources, primary first, as the facts stage reads them (only
    sentences with an attribution of their own are read again; the rest inherit)."""
    from newsdesk.facts._attribution import sentence_sources as sourced
    from newsdesk.facts._sources import article_sources
    from newsdesk.sentences import split_sentences

    article = analysis.article
    cued = {a.sentence_index for a in analysis.attributions}
    sentences = split_sentences(article.text)
    found = [sourced(s.index, s.text) if s.index in cued else [] for s in sentences]
    return article_sources([s.text for s in sentences], found, article.outlet).chains


_SHOUTED = re.compile(r"[a-z]")


def _is_claim(text: str, min_words: int) -> bool:
    if len(text.split()) < min_words or text.rstrip("\"'”’) ").endswith("?"):
        return False
    if not _SHOUTED.search(text):
        return False  # a headline or promo line in capitals
    return not is_boilerplate(text)


def article_claims(analysis: ArticleAnalysis, config: ClaimConfig | None = None) -> list[Claim]:
    """The claims of one article (see the module docstring)."""
    from newsdesk.sentences import split_sentences

    cfg = config or ClaimConfig()
    article = analysis.article
    chains = sentence_sources(analysis)
    for fact in analysis.facts:
        chains[fact.sentence_index] = fact.attributed_to
    claims = []
    for s in split_sentences(article.text):
        if not _is_claim(s.text, cfg.min_words):
            continue
        profile = claim_profile(s.text)
        claims.append(
            Claim(
                id="c-" + content_hash(article.id, str(s.index))[:16],
                article_id=article.id,
                sentence_index=s.index,
                sentence=s.text,
                terms=tuple(profile.surface.values()),
                attributed_to=chains.get(s.index, ()),
            )
        )
    return claims


# ------------------------------------------------------------------ blocking and scoring


def candidate_pairs(
    claims: Sequence[Claim], profiles: Sequence[ClaimProfile], cfg: ClaimConfig
) -> list[tuple[int, int]]:
    """Pairs of claims from different articles sharing enough rare-enough words."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for word in p.words:
            postings[word].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) > cfg.max_postings:
            continue
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if claims[i].article_id != claims[j].article_id:
                    shared[(i, j)] += 1
    return sorted(pair for pair, n in shared.items() if n >= cfg.min_blocking_words)


# ------------------------------------------------------------------ figures and negation

_NEGATION = frozenset("not n't n’t never".split())
_NEG_SCOPE = 3
_TOKEN = re.compile(r"[^\W_]+(?=n['’]t\b)|n['’]t\b|[^\W_]+", re.UNICODE)
JOIN = 0.75
"""Share of the threshold at which a near match joins a star that two reports back."""
CONFLICT_SCORE = 2.0
"""A negation makes a conflict only between sentences this many times the matcher's
threshold alike: plainly the same statement, once affirmed and once denied."""


def negated_words(sentence: str) -> frozenset[str]:
    """Stems of the words a verbal negation denies: the first content word after it ("was
    not charged" -> ``charg``); "no one", "non-fatal" and "without" deny no statement."""
    tokens = [t.lower() for t in _TOKEN.findall(sentence)]
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok in _NEGATION:
            for word in tokens[i + 1 : i + 1 + _NEG_SCOPE]:
                stems = claim_profile(word).words
                if stems:
                    out |= stems
                    break
    return frozenset(out)


def _measures(facts: Sequence[Fact]) -> dict[tuple[str, str], list[Fact]]:
    by: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in facts:
        by[(canonical_term(f.quantity.unit or ""), canonical_term(f.predicate))].append(f)
    return by


def _figures_clash(a: Sequence[Fact], b: Sequence[Fact]) -> bool:
    """The two sentences give incompatible figures for one measure."""
    if not a or not b:
        return False
    mb = _measures(b)
    for key, facts in _measures(a).items():
        for fa in facts:
            if any(not compatible(fa.quantity, fb.quantity) for fb in mb.get(key, ())):
                return True
    return False


def _figures_differ(members: Sequence[Fact]) -> bool:
    for facts in _measures(members).values():
        first = facts[0].quantity
        if any(not same_figure(first, f.quantity) for f in facts[1:]):
            return True
    return False


# ------------------------------------------------------------------ grouping


def star_groups(
    claims: Sequence[Claim],
    scores: dict[tuple[int, int], float],
    facts: Sequence[Sequence[Fact]],
    threshold: float,
) -> list[tuple[int, list[int]]]:
    """Groups as stars: a centre claim and the claims of other reports that match it.

    Centres are taken greediest first (most reports, then highest total score); a claim
    matched by an earlier centre is covered and leads no group of its own, but may still
    join a later star (a sentence can state two claims). A claim of another report that
    falls short of the threshold but reaches :data:`JOIN` of it with the centre *and* with a
    member of a third report joins too: two sentences that agree both back it. Matches whose
    figures clash with the centre's or a closer match's stay out. Claims no star covers are
    groups of one.
    """
    links: dict[int, dict[int, float]] = defaultdict(dict)
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), score in scores.items():
        if score >= JOIN * threshold and not _figures_clash(facts[i], facts[j]):
            near[i][j] = near[j][i] = score
            if score >= threshold:
                links[i][j] = links[j][i] = score

    def strength(i: int) -> tuple[int, float, int]:
        reports = {claims[j].article_id for j in links[i]}
        return (len(reports), sum(links[i].values()), -i)

    covered: set[int] = set()
    out: list[tuple[int, list[int]]] = []
    for centre in sorted(links, key=strength, reverse=True):
        if centre in covered:
            continue
        members = [centre]
        for i in sorted(links[centre], key=lambda i: (-links[centre][i], i)):
            if not any(_figures_clash(facts[i], facts[m]) for m in members[1:]):
                members.append(i)
        if len(members) > 1:
            members += _backed(centre, members, near, claims, facts)
        covered.update(members)
        out.append((centre, members))
    out.extend((i, [i]) for i in range(len(claims)) if i not in covered)
    return out


def _backed(
    centre: int,
    members: list[int],
    near: dict[int, dict[int, float]],
    claims: Sequence[Claim],
    facts: Sequence[Sequence[Fact]],
) -> list[int]:
    """Near matches of the centre that a member of yet another report also nearly matches."""
    out: list[int] = []
    for k in sorted(near[centre]):
        if k in members:
            continue
        report = claims[k].article_id
        backers = [
            m
            for m in members[1:]
            if claims[m].article_id not in (report, claims[centre].article_id)
        ]
        if any(m in near[k] for m in backers) and not any(
            _figures_clash(facts[k], facts[m]) for m in members
        ):
            out.append(k)
    return out


def _conflicting(members: Sequence[Claim], alike: Sequence[float], threshold: float) -> bool:
    """A report denies what the centre (first member) states, or the reverse: the two
    sentences are plainly alike (``alike``: each member's score with the centre) and a
    word both state is negated in one only."""
    a = members[0]
    for b, score in zip(members[1:], alike[1:], strict=True):
        if a.article_id != b.article_id and score >= CONFLICT_SCORE * threshold:
            shared = claim_profile(a.sentence).words & claim_profile(b.sentence).words
            if (negated_words(a.sentence) ^ negated_words(b.sentence)) & shared:
                return True
    return False


def _label(
    members: Sequence[Claim], facts: Sequence[Fact], origins: Sequence[str], conflict: bool
) -> Agreement:
    if len({m.article_id for m in members}) == 1:
        return Agreement.SINGLE_SOURCE
    if conflict:
        return Agreement.CONFLICTING
    if len(origins) == 1:
        return Agreement.SINGLE_ORIGIN
    if _figures_differ(facts):
        return Agreement.COMPATIBLE
    return Agreement.CORROBORATED


def _shared_terms(members: Sequence[Claim], weights: dict[str, float]) -> tuple[str, ...]:
    """Words stated by at least two of the group's reports, rarest first (at most six)."""
    seen: dict[str, set[str]] = defaultdict(set)
    surface: dict[str, str] = {}
    for m in members:
        profile = claim_profile(m.sentence)
        for stem, word in profile.surface.items():
            seen[stem].add(m.article_id)
            surface.setdefault(stem, word)
    shared = [s for s, arts in seen.items() if len(arts) >= 2]
    shared.sort(key=lambda s: (-weights.get(s, 0.0), s))
    return tuple(surface[s] for s in shared[:6])


def align_claims(
    analyses: Sequence[ArticleAnalysis],
    reuse: Sequence[ParagraphReuse] = (),
    *,
    matcher: ClaimMatcher | None = None,
    config: ClaimConfig | None = None,
) -> list[ClaimGroup]:
    """Group the claims of one story's articles and label each group."""
    cfg = config or ClaimConfig()
    match = matcher or RuleMatcher()
    claims = [c for an in analyses for c in article_claims(an, cfg)]
    profiles = [claim_profile(c.sentence) for c in claims]
    pairs = candidate_pairs(claims, profiles, cfg)
    scores = dict(zip(pairs, match.claim_scores(claims, pairs), strict=True))
    facts_at: dict[tuple[str, int], list[Fact]] = defaultdict(list)
    for an in analyses:
        for f in an.facts:
            facts_at[(f.article_id, f.sentence_index)].append(f)
    facts = [facts_at.get((c.article_id, c.sentence_index), []) for c in claims]

    copied_from = copy_roots(reuse)
    articles = {an.article.id: an.article for an in analyses}
    weights = story_weights(profiles)
    out: list[ClaimGroup] = []
    for centre, idx in star_groups(claims, scores, facts, cfg.threshold):
        members = [claims[i] for i in idx]
        alike = [scores.get((min(centre, i), max(centre, i)), 0.0) for i in idx]
        origins = group_origins(members, copied_from, articles)
        member_facts = [f for i in idx for f in facts[i]]
        out.append(
            ClaimGroup(
                id="cg-" + content_hash(*sorted(m.id for m in members))[:12],
                label=_label(
                    members,
                    member_facts,
                    origins,
                    _conflicting(members, alike, cfg.threshold),
                ),
                mentions=members,
                independent_origins=len(origins),
                origins=origins,
                terms=_shared_terms(members, weights) if len(idx) > 1 else (),
            )
        )
    return out
