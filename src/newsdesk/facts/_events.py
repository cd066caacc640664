"""Event measures: how many people a report says were killed, injured, shot, arrested...

Needs: one sentence (its spaCy parse from :mod:`._nlp`, the quantities
:func:`~newsdesk.facts._quantities.extract_quantities` found in it, its time expressions).
Produces: :class:`~newsdesk.records.EventMeasure` records, one per (measure, counted
phrase).

A measure is found from a *trigger* (a word that says what happened: "killed", "dead",
"died", "fatally", "wounded", "in critical condition", "expected to survive", "claimed the
life of", "struck by gunfire", "arrested", "evacuated", "deaths", "injuries", ...) and its
*patient*, the phrase the dependency parse says it happened to: the passive subject ("four
people were injured"), the object ("killing five people"), the subject of an intransitive
or copular clause ("two men died", "two people are dead"), the object of "leave"/"find"
("left eight wounded", "found a man dead"), the noun a participle or adjective modifies
("the five victims killed", "5 dead"), or the number "fatally" qualifies ("four people
were shot, one fatally"). What the patient counts (a number, an explicit zero, or one
implicit person with a name, age and sex) is read by :mod:`._counted`; coordinated phrases
add up ("a man and a woman" = 2); "a fourth victim has died" gives four killed. Killed
and injured of one phrase are ``casualties`` ("16 people hurt or killed"); "shot and
killed" is one death, not a wounding too.

What is never a count: ages ("a 16-year-old", "James Doe, 15,"); the part of a partitive
whose whole is the same measure ("one of five people injured": 5 injured, and the 1 is a
``subset``); numbers that only share the sentence (addresses, "called 911", clock times,
dates: they are never a trigger's patient). Not a measure at all: negated triggers ("two
men were not injured"; but "no one was injured" is an explicit 0), hypothetical ones
("could have killed", "tried to kill", "was almost killed"), nouns that only name a kind
("the death penalty", "a death investigation", "died of his wounds" counts no wounded),
running totals and other events ("the city's 30th homicide this year", "in another
shooting", "a total of", "previously", "so far in the war", "in the 22-month war"),
sentences about a time over a year before the report, and video
lists left in the body ("1:52 Owner shoots, kills robber"). Each measure carries the time
of its clause (via :mod:`._dating`), so a count from an earlier event ("a shooting last
month that killed two") can be left out by :mod:`newsdesk.align._figures`.

This module works around the shared number and time modules without changing them: a
number word the quantity scanner leaves out ("at least six wounded") is read with
:func:`~newsdesk.facts._numbers.scan_cores` and its bound words here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from newsdesk.facts._counted import (
    conjuncts,
    count_phrase,
    is_person,
    is_unborn,
    ordinal,
    phrase_span,
)
from newsdesk.facts._dating import fact_time
from newsdesk.facts._time import parse_published
from newsdesk.facts._units import singular
from newsdesk.records import Bound, EventMeasure, Quantity, TimeRef, content_hash

__all__ = ["EVENT_WORDS", "MEASURES", "Found", "event_id", "find_events", "mentions_event"]

EVENT_WORDS = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|die[sd]?|dying|deaths?|fatalit(?:y|ies)|fatally|mortally|"
    r"slain|murdered|injur(?:e|es|ed|ing|y|ies)|wound(?:s|ed|ing)?|hurt|shot|shoots?|"
    r"shooting\s+(?:a|an|the|his|her|him|himself|herself|their|two|three|four|five)|"
    r"hospitali[sz]ed|(?:critical|serious|stable|fair|good|grave|guarded)\s+condition|"
    r"surviv(?:e|ed|es)|recover(?:ed|s)?|arrest(?:s|ed)?|detained|missing|evacu(?:ated|ees?)|"
    r"displaced|rescued|casualt(?:y|ies)|homeless|(?:fatal|deadly)\s+shooting|slaying|"
    r"(?:claim|take|lose|cost)(?:s|ed|en|ing)?\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    r"(?:own\s+)?li(?:fe|ves)|lost\s+(?:his|her|their)\s+li(?:fe|ves)|took\s+\w+\s+li(?:fe|ves)|"
    r"str(?:uck|ike|iking)|hit\s+by)\b",
    re.IGNORECASE,
)
"""A cheap filter: sentences without one of these words hold no event measure."""


def mentions_event(sentence: str) -> bool:
    """Could ``sentence`` state an event measure (does it hold a trigger word)?"""
    return EVENT_WORDS.search(sentence) is not None


_VERBS: dict[str, str] = {}
for _measure, _words in {
    "killed": "kill slay murder die perish execute",
    "injured": "injure wound hurt hospitalize hospitalise",
    "shot": "shoot",
    "arrested": "arrest detain",
    "missing": "vanish disappear",
    "evacuated": "evacuate",
    "displaced": "displace",
    "rescued": "rescue",
}.items():
    for _w in _words.split():
        _VERBS[_w] = _measure

_ADJECTIVES = {
    "dead": "killed",
    "killed": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "missing": "missing",
    "homeless": "displaced",
    "displaced": "displaced",
    "evacuated": "evacuated",
    "arrested": "arrested",
}
_NOUNS = {
    "death": "killed",
    "fatality": "killed",
    "casualty": "casualties",
    "injury": "injured",
    "wound": "injured",
    "arrest": "arrested",
    "evacuee": "evacuated",
}
"""Counted nouns that name their measure ("seven deaths" = seven people killed)."""

MEASURES = frozenset({*_VERBS.values(), *_ADJECTIVES.values(), *_NOUNS.values()})
"""Every measure this module names."""

_CONDITIONS = frozenset({"critical", "serious", "stable", "fair", "good", "grave", "guarded"})
"""Hospital conditions: a person "in stable condition" was hurt and is alive."""
_SURVIVE = frozenset({"survive", "recover"})
_SUFFER = frozenset({"suffer", "sustain", "receive", "treat"})
_FATAL_ADVERBS = frozenset({"fatally", "mortally"})

_MODALS = frozenset({"could", "would", "might", "may", "should", "must", "can", "'d"})
_ALMOST = frozenset({"almost", "nearly", "narrowly"})
_IRREALIS = frozenset(
    """try attempt threaten want plan intend vow aim seek mean hope fear risk avoid prevent
    escape help""".split()
)
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "myself", "yourself"})
_RUNNING_TOTAL = re.compile(
    r"\b(?:this\s+year|year[-\s]to[-\s]date|since\s+(?:January|the\s+"
    r"(?:start|beginning)\s+of\s+the\s+year)|(?:last|this|past)\s+(?:year|decade)|(?:in|of|during)\s+20\d\d"
    r"|homicides|\d+(?:st|nd|rd|th)\s+(?:homicide|killing|murder|shooting|death)"
    r"|(?:in|over|during|within)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:about\s+|nearly\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a\s+few)\s+"
    r"(?:weeks|months|years|decades)"
    r"|a\s+total\s+of|in\s+(?:an)?other\s+(?:shootings?|incidents?|attacks?)|separate\s+(?:shootings|incidents|attacks)"
    r"|previously|so\s+far\s+(?:in|this|during)|since\s+the\s+(?:start|beginning)\s+of\s+the\s+"
    r"(?:war|conflict|invasion|fighting)|(?:in|of|during)\s+the\s+(?:\d+-month\s+|\d+-year\s+)?"
    r"(?:war|conflict|invasion))\b",
    re.IGNORECASE,
)
"""A sentence about a running total or an earlier year, not about one event's toll."""


_PLAYLIST = re.compile(r"\s*\d{1,2}:\d\d\s+\S")
"""A video list left in the body ("1:52 Owner shoots, kills robber"): other stories."""
_HISTORIC_DAYS = 365


def _historic(times: Sequence[tuple[int, int, TimeRef]], published: str | None) -> bool:
    """Does the sentence speak of a time over a year before the report ("in 2009")?"""
    pub = parse_published(published)
    if pub is None:
        return False
    for _, _, ref in times:
        end = ref.end or ref.start
        if end and end < (pub - timedelta(days=_HISTORIC_DAYS)).isoformat():
            return True
    return False


@dataclass(frozen=True, slots=True)
class Found:
    """A measure found in one sentence, before it becomes an :class:`EventMeasure`."""

    measure: str
    value: float
    start: int
    end: int
    bound: Bound = Bound.EQ
    implicit: bool = False
    role: str = "count"
    who: tuple[str, ...] = ()
    verb: int | None = None


def event_id(article_id: str, sentence_index: int, found: Found) -> str:
    return content_hash(
        "event", article_id, str(sentence_index), found.measure, f"{found.start}:{found.end}"
    )[:16]


def find_events(
    doc: Any,
    quantities: Sequence[Quantity],
    times: Sequence[tuple[int, int, TimeRef]],
    *,
    article_id: str,
    sentence_index: int,
    published: str | None,
    attributed_to: tuple[str, ...] = (),
) -> list[EventMeasure]:
    """The event measures one parsed sentence states (see the module docstring)."""
    sentence = str(doc.text)
    if _RUNNING_TOTAL.search(sentence) or _PLAYLIST.match(sentence):
        return []
    if _historic(times, published):
        return []
    found = _merge_patients(_dedupe(_scan(doc, quantities)))
    out: list[EventMeasure] = []
    spans = list(times)
    for f in found:
        time = None
        if spans:
            probe = Quantity(sentence[f.start : f.end], f.start, f.end, f.value)
            time = fact_time(doc, spans, probe, f.verb)
        out.append(
            EventMeasure(
                id=event_id(article_id, sentence_index, f),
                article_id=article_id,
                sentence_index=sentence_index,
                sentence=sentence,
                measure=f.measure,
                value=f.value,
                text=sentence[f.start : f.end],
                start=f.start,
                end=f.end,
                bound=f.bound,
                implicit=f.implicit,
                role=f.role,
                who=f.who,
                time=time,
                attributed_to=attributed_to,
                published=published,
            )
        )
    return out


def _merge_patients(found: list[Found]) -> list[Found]:
    """Measures of one counted phrase: killed and injured of the same figure are
    casualties ("the 16 people hurt or killed"); "shot" gives way to "killed" ("was shot
    and killed" is one death, not a wounding too)."""
    by_span: dict[tuple[int, int], set[str]] = {}
    for f in found:
        by_span.setdefault((f.start, f.end), set()).add(f.measure)
    out: list[Found] = []
    for f in found:
        measures = by_span[(f.start, f.end)]
        if {"killed", "injured"} <= measures:
            if f.measure == "killed":
                out.append(replace(f, measure="casualties"))
            elif f.measure not in ("injured", "shot"):
                out.append(f)
            continue
        if f.measure == "shot" and "killed" in measures:
            continue
        out.append(f)
    return out


def _dedupe(found: Iterable[Found]) -> list[Found]:
    """One measure per (measure, counted phrase): the first (closest) reading wins."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Found] = []
    for f in found:
        key = (f.measure, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ------------------------------------------------------------------ triggers


def _scan(doc: Any, quantities: Sequence[Quantity]) -> Iterable[Found]:
    for tok in doc:
        if tok.pos_ not in _TRIGGER_POS:
            continue  # cheap: triggers are verbs, adjectives, nouns or "fatally"
        trigger = _trigger(tok)
        if trigger is None:
            continue
        measure, kind = trigger
        if _negated(tok) or _irrealis(tok, hoped=kind == "survive"):
            continue
        for patient in _patients(tok, kind):
            yield from _counted(patient, measure, tok, quantities)


_TRIGGER_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN", "PROPN", "ADV"})


def _trigger(tok: Any) -> tuple[str, str] | None:
    """(measure, kind) when ``tok`` says what happened to someone, else ``None``."""
    lemma = str(tok.lemma_).lower()
    low = str(tok.lower_)
    if tok.pos_ == "ADV" and low in _FATAL_ADVERBS:
        return ("killed", "adverb")
    if _adjectival(tok, low):
        return (_ADJECTIVES[low], "adjective")
    if tok.pos_ in ("VERB", "AUX") and lemma in _VERBS:
        if lemma == "shoot" and _fatal(tok):
            return ("killed", "verb")
        return (_VERBS[lemma], "verb")
    if tok.pos_ in ("NOUN", "PROPN") and singular(low) in _NOUNS and tok.dep_ != "compound":
        return (_NOUNS[singular(low)], "noun")
    if low == "condition" and any(
        c.dep_ == "amod" and c.lower_ in _CONDITIONS for c in tok.children
    ):
        return ("injured", "condition")
    if lemma in _SURVIVE and tok.pos_ == "VERB":
        return ("injured", "survive")
    if low in ("life", "lives") and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LIFE_VERBS:
        return ("killed", "life")  # "claimed the life of", "lost his life"
    if tok.pos_ == "NOUN" and lemma in _ACT_NOUNS and _of_person(tok):
        fatal = lemma != "shooting" or any(c.lower_ in ("fatal", "deadly") for c in tok.children)
        return ("killed" if fatal else "shot", "act")  # "the fatal shooting of a teen"
    if lemma in ("strike", "hit") and tok.pos_ == "VERB" and _by_gunfire(tok):
        return ("shot", "verb")  # "a bullet struck the driver"
    return None


_LIFE_VERBS = frozenset({"claim", "take", "lose", "cost"})
_ACT_NOUNS = frozenset({"shooting", "killing", "murder", "slaying", "homicide"})
_GUNFIRE = frozenset("bullet bullets gun gunfire round rounds shot shots pellet fire".split())


def _of_person(tok: Any) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(is_person(o) for o in c.children)
        for c in tok.children
    )


def _by_gunfire(tok: Any) -> bool:
    """Was the striking done by a bullet or a gun ("struck by gunfire", "the gun
    discharged, striking the driver")?"""
    near = list(tok.children)
    if tok.dep_ in ("advcl", "conj") and tok.head.i != tok.i:
        near.extend(tok.head.children)
    for c in near:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _GUNFIRE:
            return True
        if c.dep_ == "agent" and any(o.lower_ in _GUNFIRE for o in c.children):
            return True
    return False


def _adjectival(tok: Any, low: str) -> bool:
    """ "dead", "wounded" used as an adjective ("5 dead", "left eight wounded")."""
    if tok.pos_ not in ("ADJ", "VERB") or low not in _ADJECTIVES or tok.tag_ == "VBD":
        return False
    if tok.pos_ == "ADJ":
        return True
    adjectival = tok.dep_ in ("acl", "amod", "oprd", "acomp", "conj", "ROOT")
    return adjectival and not _has_passive_subject(tok)


def _has_passive_subject(tok: Any) -> bool:
    return any(c.dep_ == "nsubjpass" for c in tok.children)


def _fatal(tok: Any) -> bool:
    """ "fatally shot", "shot dead", "shot to death"."""
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in _FATAL_ADVERBS:
            return True
        if c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ == "dead":
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "death" for o in c.children):
            return True
    return False


def _negated(tok: Any) -> bool:
    """ "were not injured", "was never found dead" (the trigger or its clause is negated)."""
    return any(c.dep_ == "neg" for t in _clause_chain(tok) for c in t.children)


def _irrealis(tok: Any, *, hoped: bool = False) -> bool:
    """ "could have killed", "tried to kill", "to avoid being shot": not something that
    happened. ``hoped``: "expected to survive" says the person was hurt and lives."""
    for t in _clause_chain(tok):
        for c in t.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS:
                return True
            if c.dep_ == "aux" and c.lower_ == "to" and t.pos_ == "VERB" and not hoped:
                return True
            if c.dep_ == "advmod" and c.lower_ in _ALMOST and t.i == tok.i:
                return True  # "was almost killed"
        if t.i != tok.i and t.lemma_.lower() in _IRREALIS:
            return True
    return False


def _clause_chain(tok: Any) -> list[Any]:
    """The trigger and the words it hangs from up to its clause's verb (through
    coordination, predicative complements and infinitives)."""
    chain = [tok]
    while tok.dep_ in ("conj", "acomp", "oprd", "xcomp", "advmod", "pcomp") and tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok)
        if len(chain) > 4:
            break
    if tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and tok.dep_ in ("pobj",):
        chain.append(tok.head.head)
    return chain


# ------------------------------------------------------------------ patients


def _patients(tok: Any, kind: str) -> list[Any]:
    """The phrase(s) the trigger happened to (their head tokens)."""
    if kind == "adverb":
        return _adverb_patients(tok)
    if kind == "noun":
        return _noun_patients(tok)
    if kind == "condition":
        return _clause_subjects(tok)
    if kind == "survive":
        if _has_passive_subject(tok) or any(c.dep_ == "dobj" for c in tok.children):
            return []  # "a handgun was recovered"
        if tok.dep_ == "xcomp":
            return _clause_subjects(tok)  # "he is expected to survive"
        return _subjects_of(tok, ("nsubj",))
    if kind == "life":
        return _life_patients(tok)
    if kind == "act":
        return [
            o
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj" and is_person(o)
        ]
    return _verb_patients(tok)


def _subjects_of(verb: Any, deps: tuple[str, ...] = ("nsubjpass", "nsubj")) -> list[Any]:
    return [c for c in verb.children if c.dep_ in deps]


def _verb_patients(tok: Any) -> list[Any]:
    passive = _subjects_of(tok, ("nsubjpass",))
    if passive:
        return passive
    dep, head, lemma = tok.dep_, tok.head, tok.lemma_.lower()
    if lemma == "die":
        return _subjects_of(tok, ("nsubj",)) or _shared_subject(tok)
    if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in tok.children):
        subj = _subjects_of(tok, ("nsubj",))
        if subj:
            return subj  # "at least six wounded", headline style "Two people killed"
    nominal = head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") or head.like_num
    if dep in ("acl", "amod") and head.i != tok.i and nominal:
        return [head]  # "the five victims killed", "5 dead", "a man dead"
    if dep in ("oprd", "acomp", "xcomp", "advcl") and head.pos_ in ("VERB", "AUX"):
        obj = [c for c in head.children if c.dep_ == "dobj"]
        if obj and head.lemma_.lower() in ("leave", "find"):
            return obj  # "left eight wounded", "found a man dead"
    if dep in ("oprd", "acomp", "xcomp") and head.pos_ in ("VERB", "AUX"):
        subj = _subjects_of(head)
        if subj:
            return subj  # "two people are dead", "a man was found dead"
    if tok.pos_ == "ADJ" or (tok.tag_ == "VBG" and tok.lower_ in _ADJECTIVES):
        return _subjects_of(tok, ("nsubj",)) or _shared_subject(tok)  # "six are missing"
    obj = [c for c in tok.children if c.dep_ == "dobj"]
    if obj:
        if obj[0].lower_ in _REFLEXIVE:
            return _subjects_of(tok, ("nsubj",)) or obj  # "shot himself"
        return obj
    if tok.tag_ == "VBN":
        return _shared_subject(tok)  # "was shot and killed"
    return []


def _shared_subject(tok: Any) -> list[Any]:
    """The subject a coordinated predicate shares with the one it is joined to."""
    if tok.dep_ != "conj" or tok.head.i == tok.i:
        return []
    head = tok.head
    if head.pos_ not in ("VERB", "ADJ", "AUX"):
        return []
    subj = _subjects_of(head)
    if subj:
        return subj
    return _shared_subject(head)


def _adverb_patients(tok: Any) -> list[Any]:
    head = tok.head
    if head.like_num or head.pos_ == "NUM":
        return [head]  # "four people were shot, one fatally"
    if head.pos_ == "VERB" and head.lemma_.lower() in ("shoot", "wound", "injure", "stab"):
        return _verb_patients(head)
    return []


def _suffered(tok: Any) -> bool:
    """Is the noun what someone suffered ("suffered two injuries")?"""
    head = tok.head
    if tok.dep_ == "pobj" and head.head.i != head.i:
        head = head.head
    return bool(head.lemma_.lower() in _SUFFER)


def _life_patients(tok: Any) -> list[Any]:
    """ "claimed the life of X", "took his life", "lost their lives"."""
    verb = tok.head
    if verb.lemma_.lower() == "lose":
        return _subjects_of(verb)
    for c in tok.children:
        if c.dep_ == "poss":
            return [c]
        if c.dep_ == "prep" and c.lower_ == "of":
            return [o for o in c.children if o.dep_ == "pobj"]
    return []


def _noun_patients(tok: Any) -> list[Any]:
    of_people = singular(str(tok.lower_)) != "wound" and not _suffered(tok)
    if of_people and any(
        c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children
    ):
        return [tok]  # "seven deaths", "no injuries" (but "two gunshot wounds" are one man's)
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ("be",) and tok.head.pos_ == "AUX":
        return []
    killed = _NOUNS.get(singular(str(tok.lower_))) == "killed"
    for c in tok.children:
        if not killed:
            break  # "died of his wounds" counts no wounded
        if c.dep_ == "poss" and is_person(c):
            return [c]  # "his death", "Andres' death"
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [o for o in c.children if o.dep_ == "pobj" and is_person(o)]
            if objs:
                return objs  # "the death of a 14-year-old"
    head = tok.head
    if tok.dep_ in ("dobj",) and head.lemma_.lower() in _SUFFER:
        return _subjects_of(head)  # "he suffered injuries"
    if tok.dep_ == "pobj" and head.lower_ in ("for", "from", "with") and head.head.i != head.i:
        verb = head.head
        if verb.lemma_.lower() in _SUFFER | {"hospitalize", "hospitalise", "hospitalized"}:
            return _subjects_of(verb) or _shared_subject(verb)  # "treated for a wound"
    return []


def _clause_subjects(tok: Any) -> list[Any]:
    """ "a boy is in stable condition", "is expected to survive": the clause's subject."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            subj = _subjects_of(t)
            if subj:
                return subj
            if t.dep_ not in ("xcomp", "conj", "advcl", "ccomp"):
                break
    return []


# ------------------------------------------------------------------ counts


def _counted(
    patient: Any, measure: str, trigger: Any, quantities: Sequence[Quantity]
) -> list[Found]:
    verb = _verb_index(trigger)
    nth = ordinal(patient) if measure == "killed" else None
    if nth is not None:  # "a fourth victim has died": four dead
        start, end = phrase_span(patient, [patient])
        return [Found(measure, nth, start, end, Bound.EQ, False, "count", (), verb)]
    phrases = [p for p in (patient, *conjuncts(patient)) if not is_unborn(p)]
    if not phrases:
        return []
    counts = [count_phrase(p, quantities) for p in phrases]
    if any(c is None for c in counts):
        return []
    real = [c for c in counts if c is not None]
    if len(real) == 1:
        value, bound, implicit, who = real[0]
    else:
        if any(c[1] is not Bound.EQ for c in real):
            return []
        value = sum(c[0] for c in real)
        bound, implicit = Bound.EQ, all(c[2] for c in real)
        who = tuple(w for c in real for w in c[3])
    start, end = phrase_span(patient, phrases)
    role = _role(patient, measure, trigger)
    if role == "count" and measure == "injured" and trigger.lower_ == "condition":
        role = "count" if implicit else "subset"  # "two in critical condition": a breakdown
    return [Found(measure, value, start, end, bound, implicit, role, who, verb)]


def _verb_index(trigger: Any) -> int | None:
    t = trigger
    for _ in range(3):
        if t.pos_ in ("VERB", "AUX"):
            return int(t.i)
        if t.head.i == t.i:
            break
        t = t.head
    return None


def _role(patient: Any, measure: str, trigger: Any) -> str:
    """``subset`` for the part of a partitive whose whole is the same measure ("one of
    five people injured", "two of the wounded"), else ``count``."""
    for c in patient.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ != "pobj":
                    continue
                if _trigger(o) is not None and _trigger(o) == (measure, "adjective"):
                    return "subset"
                for oc in o.children:
                    t = _trigger(oc)
                    if t is not None and t[0] == measure and oc.i != trigger.i:
                        return "subset"
    return "count"
