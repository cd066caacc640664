"""Is an event measure the story's own event, or a side mention?

Needs: the story's :class:`~newsdesk.records.ArticleAnalysis` records (each article's
title and text) and the evidence of a figure (:class:`~newsdesk.records.EventMeasure`).
Produces: a yes/no per figure, used by :mod:`newsdesk.align._figures` so that a story
presents a death toll only when deaths are what it tells of.

A report *tells of an incident* when its title or its first :data:`LEAD_SENTENCES`
sentences name one (a shooting, an attack, a crash, a fire, a storm, ...) or state an
event measure ("two people were killed"). A story tells of an incident when at least half
of its reports do. A figure is the story's event when the story tells of an incident, or
when one of the figure's statements stands in a report's lead. Otherwise the figure comes
from a side mention (a decree story recalling "two killed" in an earlier case, a war's
running toll deep in the text) and is not presented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.facts._events import mentions_event
from newsdesk.records import ArticleAnalysis, EventMeasure
from newsdesk.sentences import split_sentences

__all__ = ["LEAD_SENTENCES", "about_the_event", "incident_story", "tells_of_incident"]

LEAD_SENTENCES = 3
"""Sentences of a report's text that, with its title, make its lead."""

_INCIDENT = re.compile(
    r"\b(?:shoot(?:ing|ings|out)?|shot|gunfire|gunm[ae]n|murder(?:s|ed)?|homicides?|"
    r"stabb(?:ing|ed)|attack(?:s|ed)?|bomb(?:ing|ings|ed)?|blast|explosions?|crash(?:es|ed)?|"
    r"collisions?|fires?|blaze|earthquake|quake|floods?|flooding|storms?|hurricane|tornado|"
    r"landslide|avalanche|derail(?:ed|ment)|collapse[sd]?|wreck|ambush|massacre|riots?)\b",
    re.IGNORECASE,
)
"""Words that name an incident with victims (a check of the lead, not a measure)."""


def tells_of_incident(analysis: ArticleAnalysis) -> bool:
    """Does the report's lead (title and first sentences) tell of an incident?"""
    article = analysis.article
    lead = [article.title or ""]
    lead += [s.text for s in split_sentences(article.text)[:LEAD_SENTENCES]]
    return any(_INCIDENT.search(t) or mentions_event(t) for t in lead if t)


def incident_story(analyses: Sequence[ArticleAnalysis]) -> bool:
    """Do at least half of the story's reports tell of an incident?"""
    if not analyses:
        return False
    telling = sum(tells_of_incident(an) for an in analyses)
    return 2 * telling >= len(analyses)


def about_the_event(evidence: Sequence[EventMeasure], *, incident: bool) -> bool:
    """Is a figure with this evidence the story's event (see the module docstring)?"""
    return incident or any(e.sentence_index < LEAD_SENTENCES for e in evidence)
