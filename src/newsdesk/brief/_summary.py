"""Extractive summary: sentences chosen from the reports, each linked to its sources.

A sentence scores by *coverage* (how many other independent reports say much the
same thing) plus a small lead bonus (news puts the key facts first). Sentences are
picked greedily, skipping ones too close to a sentence already picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk._text import content_words, jaccard
from newsdesk.records import Article, BriefSentence, SourceRef


@dataclass(frozen=True, slots=True)
class _Candidate:
    article: Article
    index: int
    text: str
    words: frozenset[str]


def _candidates(articles: Sequence[Article]) -> list[_Candidate]:
    from newsdesk.sentences import split_sentences

    out: list[_Candidate] = []
    for a in articles:
        for s in split_sentences(a.text):
            words = content_words(s.text)
            if 6 <= len(s.text.split()) <= 60 and len(words) >= 4:
                out.append(_Candidate(a, s.index, s.text, words))
    return out


def _voice(article: Article) -> str:
    """Copies speak with their original's voice."""
    return article.duplicate_of or article.id


def _sources(best: _Candidate, pool: Sequence[_Candidate], same: float) -> tuple[SourceRef, ...]:
    refs = {best.article.id: SourceRef(best.article.id, best.article.outlet, best.index)}
    for c in pool:
        if c.article.id not in refs and jaccard(best.words, c.words) >= same:
            refs[c.article.id] = SourceRef(c.article.id, c.article.outlet, c.index)
    return tuple(refs.values())


def summarize(
    articles: Sequence[Article],
    *,
    max_sentences: int = 5,
    support: float = 0.3,
    same: float = 0.5,
    independence: dict[tuple[str, int], int] | None = None,
    per_article: int = 2,
) -> list[BriefSentence]:
    """Pick up to ``max_sentences`` sentences that the most independent reports support.

    ``independence`` maps (article id, sentence index) to the number of independent
    origins of the facts stated there; well-sourced sentences rank higher.
    At most ``per_article`` sentences come from one report while others have candidates.
    """
    origins = independence or {}
    pool = _candidates(articles)
    voices = {_voice(a) for a in articles}
    scored: list[tuple[float, int, _Candidate]] = []
    for n, c in enumerate(pool):
        backers = {
            _voice(o.article)
            for o in pool
            if _voice(o.article) != _voice(c.article) and jaccard(c.words, o.words) >= support
        }
        lead = 1.0 / (1 + c.index)
        sourced = min(origins.get((c.article.id, c.index), 0), 3) / 3
        score = len(backers) / max(1, len(voices) - 1) + 0.5 * lead + 0.25 * sourced
        scored.append((score, -n, c))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    cap = max(per_article, -(-max_sentences // max(1, len({c.article.id for c in pool}))))
    chosen: list[_Candidate] = []
    for _, _, c in scored:
        if len(chosen) >= max_sentences:
            break
        if any(jaccard(c.words, k.words) >= support for k in chosen):
            continue
        if sum(k.article.id == c.article.id for k in chosen) >= cap:
            continue  # let other reports speak
        chosen.append(c)
    return [BriefSentence(c.text, _sources(c, pool, same)) for c in chosen]
