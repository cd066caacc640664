"""The brief's fact sections: where reports agree, where they differ, what only one
report says, and who cites whom. Every sentence carries its sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsdesk.records import (
    Agreement,
    Article,
    ArticleAnalysis,
    Bound,
    BriefSentence,
    Fact,
    FactGroup,
    ParagraphReuse,
    Section,
    SourceRef,
)

_AGREE = {Agreement.CORROBORATED, Agreement.COMPATIBLE, Agreement.SINGLE_ORIGIN}


def _ref(fact: Fact, outlets: dict[str, str | None]) -> SourceRef:
    return SourceRef(fact.article_id, outlets.get(fact.article_id), fact.sentence_index)


def _representative(group: FactGroup) -> Fact:
    """The most precise mention: exact figures first, then the first reported."""
    return min(group.mentions, key=lambda f: (f.quantity.bound is not Bound.EQ,))


def _dedupe(sentences: list[BriefSentence]) -> list[BriefSentence]:
    seen: set[tuple[str, str]] = set()
    out = []
    for s in sentences:
        key = (str(s.section), s.text)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def fact_sections(
    groups: Sequence[FactGroup], outlets: dict[str, str | None]
) -> list[BriefSentence]:
    """One sentence per agreeing group, every outlet's wording for conflicting ones, and
    single-report facts whose sentence is not already shown above."""
    agree: list[BriefSentence] = []
    differ: list[BriefSentence] = []
    single: list[BriefSentence] = []
    for g in groups:
        if g.label is Agreement.CONFLICTING:
            differ.extend(
                BriefSentence(f.sentence, (_ref(f, outlets),), Section.DIFFER, g.id)
                for f in g.mentions
            )
            continue
        rep = _representative(g)
        refs = tuple(dict.fromkeys(_ref(f, outlets) for f in g.mentions))
        if g.label in _AGREE:
            agree.append(BriefSentence(rep.sentence, refs, Section.AGREE, g.id))
        else:
            single.append(BriefSentence(rep.sentence, refs, Section.SINGLE, g.id))
    shown = {s.text for s in agree} | {s.text for s in differ}
    return _dedupe(agree) + differ + _dedupe([s for s in single if s.text not in shown])


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
