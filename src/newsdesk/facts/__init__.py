"""Facts stage: quantities, time references and attributions in an article's sentences.

Needs: an :class:`~newsdesk.records.Article` (cleaned text, publication date).
Produces: :class:`~newsdesk.records.Fact` records (one per quantity, with subject,
predicate, resolved time and attribution), :class:`~newsdesk.records.Attribution` records
and the article's primary sources.

* :func:`extract_quantities` - every number in a sentence with its unit and bound;
* :func:`extract_time` - time expressions resolved against the publication date;
* :func:`extract_attributions` - who each sentence relies on ("according to X", "X said",
  "a source told X", "citing X", datelines), with pronoun speakers resolved ("he said" ->
  the person named before) and learned stance cues ("X criticized ...");
* :func:`primary_sources` - the outlets and named sources an article relies on;
* :func:`extract_facts` - the above combined into facts;
* :func:`prepare` - parse several articles' sentences in one batch before analysing them;
* :func:`extract_events` - event measures (people killed, injured, shot, arrested, ...),
  including singletons written without a number ("a man was shot and killed"), never ages,
  partitive parts, negated or hypothetical ones, or running totals (see :mod:`._events`).

Conventions worth knowing (see the private modules for the full rules):

* years, days of the month and clock times are dates, not quantities ("in 2022" is a
  :class:`~newsdesk.records.TimeRef`); so are ordinals ("22nd") and model names ("T-62");
* "nearly"/"almost" give bound ``~`` (as NewsQuant annotates them), "at least" ``>=``,
  "up to" ``<=``; vague magnitudes are intervals one order wide ("hundreds of thousands"
  = 100,000-1,000,000; "dozens" = 12-120);
* ``Fact.attributed_to`` lists the sources of the fact's sentence, the *primary* one
  first: the speaker or institution that states it ("..., the ministry said" ->
  ``("the ministry",)``; "according to Wire, citing the ministry" -> ``("the ministry",
  "Wire")``), or for an anonymous speaker the outlet it spoke to ("a source ... told
  Reuters" -> ``("Reuters",)``). Institutions count even when unnamed ("the port
  authority", "Kessen police"); anonymous people and documents ("officials", "a source
  familiar with ...", "the decree") do not. Short mentions resolve to the article's full
  names ("Maddox" -> "Ruth Maddox", "the ministry" -> "Sarnhold regional emergency
  ministry"). Sentences of a quotation share its speaker; "The figure/statistic ..." passes
  its source back to the previous sentence; a wire credit ("MOSCOW (Reuters) -") attributes
  every otherwise unattributed fact (see :mod:`._sources`);
* ``primary_sources`` lists outlets relied on (never the article's own), institutions and
  people speaking for them, not passers-by or anonymous sources;
* sentences in capitals (headlines or promo lines left in the body) give no facts and no
  attributions;
* a fact's unit is the counted class of its subject ("43 injured patients" -> ``people``),
  and its time is the time of its own clause, else of the statement (see :mod:`._dating`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from newsdesk.facts._attribution import (
    Sourced,
    canonical_source,
    is_shouted,
    mentions_cue,
    sentence_sources,
)
from newsdesk.facts._dating import fact_time
from newsdesk.facts._events import find_events, mentions_event
from newsdesk.facts._nlp import parse, parse_many
from newsdesk.facts._numbers import scan_cores
from newsdesk.facts._quantities import extract_quantities
from newsdesk.facts._sources import ArticleSources, article_sources, resolve_pronouns
from newsdesk.facts._subject import describe
from newsdesk.facts._time import date_spans, find_times
from newsdesk.facts._units import normalize_unit
from newsdesk.records import (
    Article,
    ArticleAnalysis,
    Attribution,
    EventMeasure,
    Fact,
    Quantity,
    TimeRef,
    content_hash,
)
from newsdesk.sentences import Sentence, split_sentences

__all__ = [
    "analyse",
    "canonical_source",
    "extract_attributions",
    "extract_events",
    "extract_facts",
    "extract_quantities",
    "extract_time",
    "fact_id",
    "normalize_unit",
    "prepare",
    "primary_sources",
]


def extract_time(sentence: str, published: str | None) -> list[TimeRef]:
    """Time expressions in ``sentence``, resolved against ``published`` (ISO date) if given."""
    return [t.to_ref() for t in find_times(sentence, published) if t.is_ref]


_HAS_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million|billion|dozens?|half)\b",
    re.IGNORECASE,
)


EVENT_LEAD = 10
"""Sentences with an event word but no number or reporting cue are parsed (to find the
people counted one by one: "a man was shot and killed") only in a report's first
``EVENT_LEAD`` sentences, where news states what happened; later ones are mostly
background, and parsing them all would cost throughput."""


@lru_cache(maxsize=8192)
def _parsed_anyway(sentence: str) -> bool:
    """A reporting cue, or a number that is not part of a date ("on Jan. 1, 2017" alone
    gives no quantity, so it needs no parse)."""
    if mentions_cue(sentence):
        return True
    if not _HAS_NUMBER.search(sentence):
        return False
    cores = scan_cores(sentence)
    if not cores:
        return False
    dates = list(date_spans(sentence))
    return any(not any(c.start < end and start < c.end for start, end in dates) for c in cores)


def _needs_parse(sent: Sentence) -> bool:
    if sent.index < EVENT_LEAD and mentions_event(sent.text):
        return True
    return _parsed_anyway(sent.text)


def _event_sentence(sent: Sentence) -> bool:
    """Does the sentence get searched for event measures?"""
    if not mentions_event(sent.text):
        return False
    return sent.index < EVENT_LEAD or _parsed_anyway(sent.text)


def prepare(articles: Iterable[Article]) -> None:
    """Parse the sentences of several articles that will need a parse in one batch (a
    story's reports together parse faster than one by one); :func:`analyse` then finds
    them cached."""
    parse_many(s.text for a in articles for s in split_sentences(a.text) if _needs_parse(s))


def _sentences(article: Article) -> list[Sentence]:
    """The article's sentences, with the ones that need a parse parsed in one batch."""
    sentences = split_sentences(article.text)
    parse_many(s.text for s in sentences if _needs_parse(s))
    return sentences


def _sourced(sentences: list[Sentence]) -> list[list[Sourced]]:
    found = [sentence_sources(s.index, s.text) for s in sentences]
    return resolve_pronouns([s.text for s in sentences], found)


def extract_attributions(article: Article) -> list[Attribution]:
    """Every attribution in the article, sentence by sentence."""
    return [s.att for found in _sourced(_sentences(article)) for s in found]


def _article_sources(article: Article, sentences: list[Sentence]) -> ArticleSources:
    return article_sources([s.text for s in sentences], _sourced(sentences), article.outlet)


def primary_sources(article: Article) -> list[str]:
    """The distinct primary sources (outlets, agencies, institutions, officials) the article
    relies on, in order of first appearance; never the article's own outlet."""
    sentences = _sentences(article)
    return _article_sources(article, sentences).primary


def fact_id(article_id: str, sentence_index: int, q: Quantity) -> str:
    """Deterministic id: article, sentence and quantity span."""
    return content_hash(article_id, str(sentence_index), f"{q.start}:{q.end}")[:16]


Findings = tuple[list[Fact], list[EventMeasure]]


def _sentence_findings(article: Article, sent: Sentence, attributed: tuple[str, ...]) -> Findings:
    """The facts (one per quantity) and event measures of one sentence."""
    if is_shouted(sent.text):
        return [], []  # a headline or promo line in capitals states no fact of the story
    # No number core, no quantity: skip the scanner's own date pass on such sentences.
    quantities = extract_quantities(sent.text) if scan_cores(sent.text) else []
    event = _event_sentence(sent)
    if not quantities and not event:
        return [], []
    times = [
        (t.start, t.end, t.to_ref())
        for t in find_times(sent.text, article.published)
        if t.is_ref and (t.period[0] is not None or t.period[1] is not None)
    ]
    doc = parse(sent.text) if times or event else None
    facts: list[Fact] = []
    for q in quantities:
        frame = describe(sent.text, q)
        fact_q = replace(q, unit=frame.unit) if frame.unit and frame.unit != q.unit else q
        facts.append(
            Fact(
                id=fact_id(article.id, sent.index, q),
                article_id=article.id,
                sentence_index=sent.index,
                sentence=sent.text,
                quantity=fact_q,
                subject=frame.subject,
                predicate=frame.predicate,
                time=fact_time(doc, times, q, frame.verb) if doc is not None and times else None,
                attributed_to=attributed,
            )
        )
    events: list[EventMeasure] = []
    if event and doc is not None:
        events = find_events(
            doc,
            quantities,
            times,
            article_id=article.id,
            sentence_index=sent.index,
            published=article.published,
            attributed_to=attributed,
        )
    return facts, events


def _findings(article: Article, sentences: list[Sentence], sources: ArticleSources) -> Findings:
    facts: list[Fact] = []
    events: list[EventMeasure] = []
    for i, sent in enumerate(sentences):
        found_facts, found_events = _sentence_findings(article, sent, sources.chains.get(i, ()))
        facts.extend(found_facts)
        events.extend(found_events)
    return facts, events


def extract_facts(article: Article) -> list[Fact]:
    """One fact per quantity in the article, with subject, predicate, time and sources."""
    sentences = _sentences(article)
    return _findings(article, sentences, _article_sources(article, sentences))[0]


def extract_events(article: Article) -> list[EventMeasure]:
    """The event measures the article states, sentence by sentence."""
    sentences = _sentences(article)
    return _findings(article, sentences, _article_sources(article, sentences))[1]


def analyse(article: Article) -> ArticleAnalysis:
    """Facts, attributions and primary sources of one article, splitting and sourcing its
    sentences once (the three ``extract_*`` functions each do it on their own)."""
    sentences = _sentences(article)
    sourced = _sourced(sentences)
    sources = article_sources([s.text for s in sentences], sourced, article.outlet)
    facts, events = _findings(article, sentences, sources)
    return ArticleAnalysis(
        article=article,
        facts=facts,
        attributions=[s.att for found in sourced for s in found],
        primary_sources=sources.primary,
        events=events,
    )
