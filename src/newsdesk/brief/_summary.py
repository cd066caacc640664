"""Extractive summary: what happened, in sentences chosen from the reports, each linked to
every report that says it.

Needs: the story's articles and, where aligned, the independent origins behind each
sentence (claim and fact groups) and the sentences that state a headline measure.
Produces: up to ``max_sentences`` :class:`~newsdesk.records.BriefSentence` records, the
first one the lead.

A sentence scores by **support** (the independent origins of the claims it states, else
how many other reports say much the same thing) and by how much it tells **what happened**:
what the reports' headlines say (the largest share of one headline's words it restates),
a headline figure (killed, injured, evacuated, ...), a time ("on Sunday", "early
January 1"), a place ("in Dallas", "at Azure Hall") and its position (news puts the key
facts first). Quotations and first- or second-person sentences tell what someone felt or
asks, not what happened, and a sentence opening with a pronoun ("It happened at ...") needs
the sentence before it: they score less. Boilerplate (calls for information, phone numbers,
bylines, credits: :mod:`newsdesk.boilerplate`) and questions are never candidates.
Sentences are picked greedily, skipping ones too close to a sentence already picked, and
at most ``per_article`` from one report while others have candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk._text import content_words, jaccard
from newsdesk.align import claim_profile
from newsdesk.boilerplate import is_boilerplate
from newsdesk.records import Article, BriefSentence, SourceRef

Key = tuple[str, int]


@dataclass(frozen=True, slots=True)
class _Candidate:
    article: Article
    index: int
    text: str
    words: frozenset[str]


_WHEN = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"overnight|morning|afternoon|evening|night|midnight|noon|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.|new year's|christmas|"
    r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?)",
    re.IGNORECASE,
)
_WHERE = re.compile(r"\b(?:in|at|near|outside|inside|on|of)\s+(?:the\s+)?[A-Z][a-z]")
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|we|We|we're|you|You|my|My|our|Our)\b")
_QUOTE_OPEN = "\"“‘'"
_DEPENDENT = re.compile(
    r"^\W*(?:it|he|she|they|this|that|these|those|there|his|her|their)\b", re.IGNORECASE
)


def title_cover(text: str, titles: Sequence[frozenset[str]]) -> float:
    """The largest share of one report's headline that the sentence restates."""
    words = claim_profile(text).words
    return max((len(words & t) / len(t) for t in titles if t), default=0.0)


def what_happened(text: str, index: int, headline: bool, titles: float = 0.0) -> float:
    """How much a sentence tells what happened (see the module docstring); ``titles`` is
    its :func:`title_cover`."""
    score = 0.5 / (1 + index) + 0.75 * titles
    if headline:
        score += 0.5
    if _WHEN.search(text):
        score += 0.25
    if _WHERE.search(text):
        score += 0.25
    if text.lstrip()[:1] in _QUOTE_OPEN or _DEPENDENT.match(text):
        score -= 0.5
    elif _PERSONAL.search(_outside_quotes(text)):
        score -= 0.25
    return score


def _outside_quotes(text: str) -> str:
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)


def _candidates(articles: Sequence[Article]) -> list[_Candidate]:
    from newsdesk.sentences import split_sentences

    out: list[_Candidate] = []
    for a in articles:
        for s in split_sentences(a.text):
            words = content_words(s.text)
            if not 6 <= len(s.text.split()) <= 60 or len(words) < 4:
                continue
            if s.text.rstrip("\"'”’) ").endswith("?") or is_boilerplate(s.text):
                continue
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
    independence: dict[Key, int] | None = None,
    stated_with: dict[Key, list[Key]] | None = None,
    headline: set[Key] | None = None,
    per_article: int = 2,
) -> list[BriefSentence]:
    """Pick up to ``max_sentences`` sentences telling what happened, best supported first.

    ``independence`` maps (article id, sentence index) to the independent origins of the
    claims or facts stated there; ``stated_with`` maps a sentence to the sentences aligned
    with it (those of other reports become its sources; none of them is picked beside it);
    ``headline`` holds the sentences that state a headline measure. Without them, support
    is how many other reports have a sentence sharing ``support`` of its content words.
    """
    origins = independence or {}
    aligned = stated_with or {}
    headlines = headline or set()
    pool = _candidates(articles)
    outlets = {a.id: a.outlet for a in articles}
    voices = {_voice(a) for a in articles}
    titles = [claim_profile(a.title).words for a in articles if a.title]
    scored: list[tuple[float, int, _Candidate]] = []
    for n, c in enumerate(pool):
        key = (c.article.id, c.index)
        backers = {
            _voice(o.article)
            for o in pool
            if _voice(o.article) != _voice(c.article) and jaccard(c.words, o.words) >= support
        }
        backed = max(len(backers), origins.get(key, 1) - 1)
        happened = what_happened(c.text, c.index, key in headlines, title_cover(c.text, titles))
        score = backed / max(1, len(voices) - 1) + happened
        scored.append((score, -n, c))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    cap = max(per_article, -(-max_sentences // max(1, len({c.article.id for c in pool}))))
    chosen: list[_Candidate] = []
    said: set[Key] = set()
    for _, _, c in scored:
        if len(chosen) >= max_sentences:
            break
        key = (c.article.id, c.index)
        if key in said or any(jaccard(c.words, k.words) >= support for k in chosen):
            continue
        if sum(k.article.id == c.article.id for k in chosen) >= cap:
            continue  # let other reports speak
        chosen.append(c)
        said.update(aligned.get(key, ()))
    out = []
    for c in chosen:
        refs = list(_sources(c, pool, same))
        for aid, index in aligned.get((c.article.id, c.index), []):
            if aid in outlets and all(r.article_id != aid for r in refs):
                refs.append(SourceRef(aid, outlets[aid], index))
        out.append(BriefSentence(c.text, tuple(refs)))
    return out
