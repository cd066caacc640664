"""Facts stage: quantities, time references and attributions in an article's sentences.

Needs: an :class:`~newsdesk.records.Article` (cleaned text, publication date).
Produces: :class:`~newsdesk.records.Fact` records (one per quantity, with subject,
predicate, resolved time and attribution), :class:`~newsdesk.records.Attribution` records
and the article's primary sources.

* :func:`extract_quantities` - every number in a sentence with its unit and bound;
* :func:`extract_time` - time expressions resolved against the publication date;
* :func:`extract_attributions` - who each sentence relies on ("according to X", "X said",
  "a source told X", "citing X", datelines);
* :func:`primary_sources` - the outlets and named sources an article relies on;
* :func:`extract_facts` - the above combined into facts.

Conventions worth knowing (see the private modules for the full rules):

* years, days of the month and clock times are dates, not quantities ("in 2022" is a
  :class:`~newsdesk.records.TimeRef`); so are ordinals ("22nd") and model names ("T-62");
* "nearly"/"almost" give bound ``~`` (as NewsQuant annotates them), "at least" ``>=``,
  "up to" ``<=``; vague magnitudes are intervals one order wide ("hundreds of thousands"
  = 100,000-1,000,000; "dozens" = 12-120);
* ``Fact.attributed_to`` lists the named sources of the fact's sentence, the *primary*
  one first: the outlet that relayed an anonymous source ("a source ... told Reuters" ->
  ``("Reuters",)``), else the outlet or agency the sentence cites, else a named speaker.
  Unnamed sources ("the decree", "a source familiar with ...") are left out. A wire
  credit ("MOSCOW (Reuters) -") attributes every otherwise unattributed fact of the article.
"""

from __future__ import annotations

import re

from newsdesk.facts._attribution import (
    canonical_source,
    is_named,
    is_outlet,
    mentions_cue,
    sentence_attributions,
)
from newsdesk.facts._nlp import parse_many
from newsdesk.facts._quantities import extract_quantities
from newsdesk.facts._subject import subject_predicate
from newsdesk.facts._time import find_times
from newsdesk.facts._units import normalize_unit
from newsdesk.records import Article, Attribution, Fact, Quantity, TimeRef, content_hash
from newsdesk.sentences import Sentence, split_sentences

__all__ = [
    "canonical_source",
    "extract_attributions",
    "extract_facts",
    "extract_quantities",
    "extract_time",
    "fact_id",
    "normalize_unit",
    "primary_sources",
]

_RELAYED = frozenset({"according_to", "reports", "citing", "translation", "wire"})


def extract_time(sentence: str, published: str | None) -> list[TimeRef]:
    """Time expressions in ``sentence``, resolved against ``published`` (ISO date) if given."""
    return [t.to_ref() for t in find_times(sentence, published) if t.is_ref]


_HAS_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million|billion|dozens?|half)\b",
    re.IGNORECASE,
)


def _sentences(article: Article) -> list[Sentence]:
    """The article's sentences, with the ones that need a parse parsed in one batch."""
    sentences = split_sentences(article.text)
    parse_many(s.text for s in sentences if mentions_cue(s.text) or _HAS_NUMBER.search(s.text))
    return sentences


def extract_attributions(article: Article) -> list[Attribution]:
    """Every attribution in the article, sentence by sentence."""
    out: list[Attribution] = []
    for sent in _sentences(article):
        out.extend(sentence_attributions(sent.index, sent.text))
    return out


def _primary_of(att: Attribution) -> str | None:
    """The outlet or named source this attribution makes the article rely on, if any."""
    if att.kind in ("told", "citing") and att.via and is_named(att.via):
        return att.via
    if att.kind in _RELAYED and is_named(att.source):
        return att.source
    if is_outlet(att.source):
        return att.source
    return None


def primary_sources(article: Article) -> list[str]:
    """The distinct primary sources (outlets, agencies, named sources) the article relies on."""
    return _primary_sources(extract_attributions(article))


def _primary_sources(attributions: list[Attribution]) -> list[str]:
    seen: list[str] = []
    for att in attributions:
        name = _primary_of(att)
        if name is not None and name not in seen:
            seen.append(name)
    return seen


def _chain(attributions: list[Attribution]) -> tuple[str, ...]:
    """Named sources of one sentence, the primary (relaying) one first."""
    primary = [p for p in (_primary_of(a) for a in attributions) if p is not None]
    named = [a.source for a in attributions if is_named(a.source)]
    out: list[str] = []
    for name in primary + named:
        if name not in out:
            out.append(name)
    return tuple(out)


def fact_id(article_id: str, sentence_index: int, q: Quantity) -> str:
    """Deterministic id: article, sentence and quantity span."""
    return content_hash(article_id, str(sentence_index), f"{q.start}:{q.end}")[:16]


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|although)\b")


def _nearest_time(
    sentence: str, times: list[tuple[int, int, TimeRef]], q: Quantity
) -> TimeRef | None:
    """The time reference closest to ``q``, preferring one in the same clause."""
    if not times:
        return None

    def distance(item: tuple[int, int, TimeRef]) -> int:
        start, end, _ = item
        if end <= q.start:
            gap, size = sentence[end : q.start], q.start - end
        elif start >= q.end:
            gap, size = sentence[q.end : start], start - q.end
        else:
            return 0
        return size + (1000 if _CLAUSE_BREAK.search(gap) else 0)

    return min(times, key=distance)[2]


def _sentence_facts(article: Article, sent: Sentence, attributed: tuple[str, ...]) -> list[Fact]:
    quantities = extract_quantities(sent.text)
    if not quantities:
        return []
    times = [
        (t.start, t.end, t.to_ref())
        for t in find_times(sent.text, article.published)
        if t.is_ref and (t.period[0] is not None or t.period[1] is not None)
    ]
    facts: list[Fact] = []
    for q in quantities:
        subject, predicate = subject_predicate(sent.text, q)
        facts.append(
            Fact(
                id=fact_id(article.id, sent.index, q),
                article_id=article.id,
                sentence_index=sent.index,
                sentence=sent.text,
                quantity=q,
                subject=subject,
                predicate=predicate,
                time=_nearest_time(sent.text, times, q),
                attributed_to=attributed,
            )
        )
    return facts


def extract_facts(article: Article) -> list[Fact]:
    """One fact per quantity in the article, with subject, predicate, time and sources."""
    sentences = _sentences(article)
    by_sentence = {s.index: sentence_attributions(s.index, s.text) for s in sentences}
    wire = [
        a.source
        for atts in by_sentence.values()
        for a in atts
        if a.kind == "wire" and is_named(a.source)
    ]
    facts: list[Fact] = []
    for sent in sentences:
        chain = _chain(by_sentence[sent.index]) or tuple(dict.fromkeys(wire))
        facts.extend(_sentence_facts(article, sent, chain))
    return facts
