"""The brief's sections: where reports agree, where they differ, what only one report
says, and who cites whom. Every sentence carries its sources.

Needs: the story's fact groups and claim groups (:mod:`newsdesk.align`).
Produces: :class:`~newsdesk.records.BriefSentence` records, section by section:

* **Where they differ**: every wording of a conflicting fact or claim group;
* **Where reports agree**: one sentence per agreeing group (corroborated, compatible,
  single-origin), most independent origins first; for a claim group its centre, for a fact
  group its most precise mention. A group whose sentence is already shown adds its reports
  to that sentence's sources instead of repeating it;
* **Only in one report**: the story's *notable* single-source claims (:func:`notability`),
  at most :data:`MAX_SINGLE` and :data:`PER_REPORT` per report, never a sentence that an
  agreeing group already states (as its centre or as a matching mention), nor a near copy
  of a sentence shown above.

No sentence is shown twice, and boilerplate (:mod:`newsdesk.boilerplate`) is never shown.
Each sentence carries the id of the group it reports (a fact group's or a claim group's),
so that renderers can show its label and origins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from newsdesk._text import content_words, jaccard
from newsdesk.align import EVENT_PREDICATES
from newsdesk.boilerplate import is_boilerplate
from newsdesk.records import (
    Agreement,
    Article,
    ArticleAnalysis,
    Bound,
    BriefSentence,
    Claim,
    ClaimGroup,
    Fact,
    FactGroup,
    ParagraphReuse,
    Section,
    SourceRef,
)

_AGREE = {Agreement.CORROBORATED, Agreement.COMPATIBLE, Agreement.SINGLE_ORIGIN}
MAX_SINGLE = 6
"""At most this many sentences under "Only in one report"."""
PER_REPORT = 2
"""At most this many of them from one report."""
NEAR_COPY = 0.6
"""Content-word Jaccard at which a sentence repeats one already shown."""

Key = tuple[str, int]
"""(article id, sentence index) of a sentence."""
_M = TypeVar("_M", Fact, Claim)


def _key(m: Fact | Claim) -> Key:
    return (m.article_id, m.sentence_index)


def _ref(m: Fact | Claim, outlets: dict[str, str | None]) -> SourceRef:
    return SourceRef(m.article_id, outlets.get(m.article_id), m.sentence_index)


def _per_report(refs: Sequence[SourceRef]) -> tuple[SourceRef, ...]:
    """One reference per report (its first sentence): a brief cites reports."""
    seen: dict[str, SourceRef] = {}
    for r in refs:
        seen.setdefault(r.article_id, r)
    return tuple(seen.values())


def _representative(mentions: Sequence[Fact]) -> list[Fact]:
    """Mentions by precision: exact figures first, then in reported order."""
    return sorted(mentions, key=lambda f: f.quantity.bound is not Bound.EQ)


@dataclass(slots=True)
class _Shown:
    """The sentences shown so far, by position, so that none is shown twice."""

    outlets: dict[str, str | None]
    sentences: list[BriefSentence] = field(default_factory=list)
    at: dict[Key, int] = field(default_factory=dict)
    texts: dict[str, int] = field(default_factory=dict)
    words: list[frozenset[str]] = field(default_factory=list)

    def has(self, mention: Fact | Claim) -> bool:
        """Shown already: this sentence, or the same words from another report."""
        return _key(mention) in self.at or mention.sentence in self.texts

    def add(
        self,
        mention: Fact | Claim,
        refs: Sequence[SourceRef],
        section: Section,
        group_id: str | None,
    ) -> None:
        if mention.sentence in self.texts:  # a copy: the shown sentence gains a source
            self.at[_key(mention)] = self.texts[mention.sentence]
            self.extend(_key(mention), refs)
            return
        self.at[_key(mention)] = self.texts[mention.sentence] = len(self.sentences)
        self.sentences.append(BriefSentence(mention.sentence, _per_report(refs), section, group_id))
        self.words.append(content_words(mention.sentence))

    def section_of(self, mention: Fact | Claim) -> Section | None:
        n = self.at.get(_key(mention), self.texts.get(mention.sentence))
        return None if n is None else self.sentences[n].section

    def extend(self, key: Key, refs: Sequence[SourceRef]) -> None:
        """More reports state what the sentence at ``key`` states."""
        n = self.at.get(key)
        if n is None:
            return
        old = self.sentences[n]
        merged = _per_report([*old.sources, *refs])
        self.sentences[n] = BriefSentence(old.text, merged, old.section, old.group_id)

    def near_copy(self, sentence: str) -> bool:
        words = content_words(sentence)
        return any(jaccard(words, w) >= NEAR_COPY for w in self.words)

    def section(self, section: Section) -> list[BriefSentence]:
        return [s for s in self.sentences if s.section is section]


def _clean(mentions: Sequence[_M]) -> list[_M]:
    return [m for m in mentions if not is_boilerplate(m.sentence)]


def _differ(shown: _Shown, groups: Sequence[FactGroup], claims: Sequence[ClaimGroup]) -> None:
    for g in groups:
        mentions = _clean(g.mentions)
        if g.label is Agreement.CONFLICTING and len({m.article_id for m in mentions}) > 1:
            for f in mentions:
                if not shown.has(f):
                    shown.add(f, [_ref(f, shown.outlets)], Section.DIFFER, g.id)
    for c in claims:
        if c.label is Agreement.CONFLICTING:
            for m in _clean(c.mentions):
                if not shown.has(m):
                    shown.add(m, [_ref(m, shown.outlets)], Section.DIFFER, c.id)


@dataclass(frozen=True, slots=True)
class _Agreed:
    group_id: str
    origins: int
    reports: int
    order: int
    choices: Sequence[Fact | Claim]
    """Sentences that can represent the group, best first."""
    mentions: Sequence[Fact | Claim]


def _agreed(groups: Sequence[FactGroup], claims: Sequence[ClaimGroup]) -> list[_Agreed]:
    items: list[_Agreed] = []
    for g in groups:
        facts = _clean(g.mentions)
        reports = len({m.article_id for m in facts})
        if g.label in _AGREE and reports > 1:
            choices = _representative(facts)
            items.append(_Agreed(g.id, g.independent_origins, reports, len(items), choices, facts))
    for c in claims:
        claimed = _clean(c.mentions)
        reports = len({m.article_id for m in claimed})
        if c.label in _AGREE and reports > 1 and claimed[0] is c.mentions[0]:
            items.append(
                _Agreed(c.id, c.independent_origins, reports, len(items), claimed[:1], claimed)
            )
    return sorted(items, key=lambda i: (-i.origins, -i.reports, i.order))


def _agree(shown: _Shown, groups: Sequence[FactGroup], claims: Sequence[ClaimGroup]) -> None:
    for item in _agreed(groups, claims):
        refs = [_ref(m, shown.outlets) for m in item.mentions]
        fresh = [m for m in item.choices if not shown.has(m)]
        if fresh:
            shown.add(fresh[0], refs, Section.AGREE, item.group_id)
        elif shown.section_of(item.choices[0]) is Section.AGREE:
            shown.add(item.choices[0], refs, Section.AGREE, item.group_id)


def notability(claim: Claim, facts: Sequence[Fact], topical: float) -> float:
    """How much a single-source claim matters to a reader checking the story.

    Figures are checkable (+1; +1 more for a headline measure such as killed or injured),
    a named source makes a claim accountable (+0.75), news puts what matters first (up to
    +0.5 for the lead), a claim about the story's subject (``topical``: the share of its
    words other reports use too) beats a tangent (+0.75 at most), and a bare quotation is
    colour rather than a claim (-0.5).
    """
    score = 0.5 / (1 + claim.sentence_index) + 0.75 * topical
    if facts:
        score += 1.0
        if any(f.predicate in EVENT_PREDICATES for f in facts):
            score += 1.0
    if claim.attributed_to:
        score += 0.75
    if claim.sentence.lstrip()[:1] in "\"“‘'":
        score -= 0.5
    return score


def _single(
    shown: _Shown,
    groups: Sequence[FactGroup],
    claims: Sequence[ClaimGroup],
    max_single: int,
) -> None:
    stated = {_key(m) for c in claims if c.label is not Agreement.SINGLE_SOURCE for m in c.mentions}
    stated |= {
        _key(f) for g in groups if g.label is not Agreement.SINGLE_SOURCE for f in g.mentions
    }
    facts_at: dict[Key, list[Fact]] = {}
    for g in groups:
        for f in g.mentions:
            facts_at.setdefault(_key(f), []).append(f)
    group_of = {_key(c.mentions[0]): c.id for c in claims if c.label is Agreement.SINGLE_SOURCE}
    lone = [c.mentions[0] for c in claims if c.label is Agreement.SINGLE_SOURCE]
    lone = [m for m in _clean(lone) if _key(m) not in stated and not shown.has(m)]
    reports_using: Counter[str] = Counter()
    own: dict[str, set[str]] = {}
    for c in claims:
        for m in c.mentions:
            own.setdefault(m.article_id, set()).update(m.terms)
    for terms in own.values():
        reports_using.update(terms)

    def topical(m: Claim) -> float:
        """Share of the claim's words that another report uses too."""
        mine = own.get(m.article_id, set())
        shared = sum(1 for t in m.terms if reports_using[t] - (t in mine) > 0)
        return shared / max(1, len(m.terms))

    ranked = sorted(
        lone,
        key=lambda m: (-notability(m, facts_at.get(_key(m), []), topical(m)), _key(m)),
    )
    per_report: Counter[str] = Counter()
    for m in ranked:
        if len(shown.section(Section.SINGLE)) >= max_single:
            break
        if per_report[m.article_id] >= PER_REPORT or shown.near_copy(m.sentence):
            continue
        per_report[m.article_id] += 1
        shown.add(m, [_ref(m, shown.outlets)], Section.SINGLE, group_of.get(_key(m)))


def _fallback_claims(groups: Sequence[FactGroup]) -> list[ClaimGroup]:
    """Without claim alignment, each single-source fact's sentence stands as a claim."""
    out: dict[Key, ClaimGroup] = {}
    for g in groups:
        if g.label is not Agreement.SINGLE_SOURCE:
            continue
        for f in _clean(g.mentions):
            claim = Claim(
                f.id,
                f.article_id,
                f.sentence_index,
                f.sentence,
                tuple(sorted(content_words(f.sentence))),
                f.attributed_to,
            )
            out.setdefault(_key(f), ClaimGroup(g.id, Agreement.SINGLE_SOURCE, [claim]))
    return list(out.values())


def fact_sections(
    groups: Sequence[FactGroup],
    outlets: dict[str, str | None],
    claims: Sequence[ClaimGroup] = (),
    *,
    max_single: int = MAX_SINGLE,
) -> list[BriefSentence]:
    """The agree, differ and single-report sections (see the module docstring)."""
    shown = _Shown(outlets)
    _differ(shown, groups, claims)
    _agree(shown, groups, claims)
    _single(shown, groups, claims or _fallback_claims(groups), max_single)
    return [
        *shown.section(Section.AGREE),
        *shown.section(Section.DIFFER),
        *shown.section(Section.SINGLE),
    ]


def _name(article: Article) -> str:
    if article.outlet:
        return article.outlet
    return f"“{article.title}”" if article.title else f"article {article.id[:12]}"


def citation_sentences(
    analyses: Sequence[ArticleAnalysis], reuse: Sequence[ParagraphReuse]
) -> list[BriefSentence]:
    """Who cites whom: primary sources per report, and copied text between reports."""
    by_id = {an.article.id: an.article for an in analyses}
    out: list[BriefSentence] = []
    for an in analyses:
        a = an.article
        ref = (SourceRef(a.id, a.outlet, None),)
        if an.primary_sources:
            out.append(
                BriefSentence(
                    f"{_name(a)} relies on {', '.join(an.primary_sources)}.",
                    ref,
                    Section.CITATIONS,
                )
            )
        original = by_id.get(a.duplicate_of) if a.duplicate_of else None
        if original is not None:
            out.append(
                BriefSentence(
                    f"{_name(a)} republishes {_name(original)}'s report "
                    f"({a.duplicate_kind or 'near'} copy).",
                    (*ref, SourceRef(original.id, original.outlet, None)),
                    Section.CITATIONS,
                )
            )
            continue
        copied = Counter(r.original_id for r in reuse if r.article_id == a.id)
        for orig_id, n in copied.items():
            orig = by_id.get(orig_id)
            if orig is None:
                continue
            out.append(
                BriefSentence(
                    f"{_name(a)} reuses {n} paragraph{'s' if n > 1 else ''} from {_name(orig)}.",
                    (*ref, SourceRef(orig.id, orig.outlet, None)),
                    Section.CITATIONS,
                )
            )
    return out
