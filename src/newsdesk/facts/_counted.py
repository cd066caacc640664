"""Who an event measure counts: the number a phrase writes, or the people it names.

Needs: the spaCy token heading a counted phrase (the patient :mod:`._events` found) and
the quantities of its sentence. Produces: a :data:`Count` (value, bound, implicit, who).

* a number, in digits or words, as the quantity scanner reads it (with its bound: "at
  least six"); digits the scanner skipped (dates, clock times, identifiers) are never a
  count; a number that gives an age ("16-year-old", "Doe, 15,") is never one either;
* "nobody", "no one", "no injuries": an explicit zero; "both", "the pair": two;
* a singular person ("a man", "a 16-year-old", "James Doe", "she") counts one,
  ``implicit``; a plural without a number ("people") counts nothing;
* an unborn child or a fetus is never counted ("a mother and her unborn child" = 1);
* ``who``: the names, ages (as numbers: "seven-year-old" = 7), sex and person nouns of
  the phrase, so that :mod:`newsdesk.align._figures` can tell two singletons apart;
  "another man" is marked as someone else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsdesk.facts._numbers import scan_cores
from newsdesk.facts._units import is_age_unit, singular
from newsdesk.records import Bound, Quantity

__all__ = [
    "Count",
    "conjuncts",
    "count_phrase",
    "is_age_number",
    "is_person",
    "is_unborn",
    "ordinal",
    "person_name",
    "phrase_span",
    "who_of",
]

_ZERO = frozenset({"nobody", "none", "noone"})
_PAIR = {"both": 2.0, "pair": 2.0, "couple": 2.0}
_SINGLE_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
_PERSONS = frozenset(
    """man woman boy girl child kid teen teenager toddler baby infant person victim suspect
    gunman shooter officer deputy trooper agent soldier driver passenger pedestrian father
    mother son daughter brother sister husband wife uncle aunt nephew niece cousin
    grandmother grandfather grandson granddaughter parent stepfather stepson boyfriend
    girlfriend fiance fiancee student resident neighbor neighbour friend relative clerk
    employee guard worker customer owner manager cashier teacher student youth juvenile
    adult male female individual robber burglar intruder homeowner tenant roommate
    patron bystander occupant motorist rider cyclist veteran inmate sheriff marshal
    detective sergeant lieutenant captain chief pastor priest coach player athlete
    rapper singer classmate acquaintance partner spouse""".split()
)
"""Nouns for a person (a singular one counts one when no number is written)."""
_MALE = frozenset("man boy he him himself father son brother husband uncle nephew male".split())
_FEMALE = frozenset(
    "woman girl she her herself mother daughter sister wife aunt niece female".split()
)


_ORDINALS = {"second": 2.0, "third": 3.0, "fourth": 4.0, "fifth": 5.0, "sixth": 6.0}


def ordinal(patient: Any) -> float | None:
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in patient.children):
        return None
    for c in patient.children:
        if c.dep_ == "amod" and c.lower_ in _ORDINALS and singular(patient.lower_) in _PERSONS:
            return _ORDINALS[str(c.lower_)]
    return None


def conjuncts(tok: Any) -> list[Any]:
    out = []
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out.append(c)
            out.extend(conjuncts(c))
    return out


def phrase_span(patient: Any, phrases: list[Any]) -> tuple[int, int]:
    toks = [t for p in phrases for t in _phrase_tokens(p)]
    start = min(t.idx for t in toks)
    last = max(toks, key=lambda t: t.idx + len(t.text))
    return int(start), int(last.idx + len(last.text))


def _phrase_tokens(tok: Any) -> list[Any]:
    """The counted phrase: the head with its determiners, numbers and modifiers before it."""
    out = [tok]
    for c in tok.children:
        if c.i < tok.i and c.dep_ in ("det", "nummod", "amod", "compound", "quantmod", "poss"):
            out.extend(t for t in c.subtree)
    return out


Count = tuple[float, Bound, bool, tuple[str, ...]]
"""(value, bound, implicit, who)."""


def count_phrase(tok: Any, quantities: Sequence[Quantity]) -> Count | None:
    low = str(tok.lower_)
    who = who_of(tok)
    if low in _ZERO or (low == "one" and any(c.lower_ == "no" for c in tok.children)):
        return (0.0, Bound.EQ, False, ())
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return (0.0, Bound.EQ, False, ())  # "no injuries", "no other people"
    if tok.like_num or tok.pos_ == "NUM":
        return _number(tok, quantities, who)
    num = [c for c in tok.children if c.dep_ == "nummod" and not is_age_number(c)]
    if num:
        return _number(num[0], quantities, who)
    if low in _PAIR or any(c.lower_ in ("both",) for c in tok.children if c.i < tok.i):
        return (2.0, Bound.EQ, False, who)
    if tok.tag_ in ("NNS", "NNPS") and low not in ("others",):
        return None  # "people were killed": no figure
    if low in _SINGLE_PRONOUNS or (tok.tag_ == "NNP" and person_name(tok) is not None):
        return (1.0, Bound.EQ, True, who)
    if is_person(tok) and tok.tag_ in ("NN", "JJ", "NNP"):
        return (1.0, Bound.EQ, True, who)
    return None


def _number(tok: Any, quantities: Sequence[Quantity], who: tuple[str, ...]) -> Count | None:
    if is_age_number(tok):
        return None
    holding = [q for q in quantities if q.start <= tok.idx < q.end]
    if holding:
        q = max(holding, key=lambda q: q.start)  # the innermost: "five people" in "one of five"
        if is_age_unit(q.unit) or q.value is None or q.value != int(q.value) or q.value < 0:
            return None
        return (float(q.value), q.bound, False, who)
    if any(ch.isdigit() for ch in str(tok.text)):
        return None  # digits the quantity scanner left out: a date, a time, an identifier
    cores = scan_cores(str(tok.text))
    if cores and cores[0].value is not None:
        return (float(cores[0].value), _bound_before(tok), False, who)
    return None


_BOUND_BEFORE = (
    (re.compile(r"\b(?:at\s+least|no\s+fewer\s+than)\s*$", re.I), Bound.GE),
    (re.compile(r"\b(?:more\s+than|over)\s*$", re.I), Bound.GT),
    (re.compile(r"\b(?:at\s+most|up\s+to)\s*$", re.I), Bound.LE),
    (re.compile(r"\b(?:fewer|less)\s+than\s*$", re.I), Bound.LT),
    (
        re.compile(r"\b(?:about|around|nearly|almost|approximately|roughly|some)\s*$", re.I),
        Bound.APPROX,
    ),
)


def _bound_before(tok: Any) -> Bound:
    """The bound words before a number the quantity scanner left alone ("at least six")."""
    before = str(tok.doc.text)[max(0, tok.idx - 24) : tok.idx]
    for rx, bound in _BOUND_BEFORE:
        if rx.search(before):
            return bound
    return Bound.EQ


def is_age_number(tok: Any) -> bool:
    """ "16-year-old", "James Doe, 15,": a number that gives an age."""
    head = tok.head
    if head.lower_ in ("year", "years", "month", "months") and head.i > tok.i:
        return True
    if tok.dep_ in ("appos", "npadvmod", "amod") and head.pos_ in ("PROPN", "NOUN", "PRON"):
        return bool(head.i < tok.i)  # "Doe, 15"
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and str(nxt.lower_) in _AGE_AFTER


_AGE_AFTER = frozenset({"-year", "year", "-years", "yo", "y/o", "yr", "-yr", "yrs", "years-old"})


_UNBORN = frozenset({"fetus", "foetus", "fetuses", "foetuses", "embryo"})


def is_unborn(tok: Any) -> bool:
    """ "her unborn child", "the fetus": not counted as a person killed or hurt (tolls
    count the people born; reports that add the unborn say so apart)."""
    if str(tok.lower_) in _UNBORN:
        return True
    return any(c.dep_ == "amod" and c.lower_ == "unborn" for c in tok.children)


def is_person(tok: Any) -> bool:
    low = singular(str(tok.lower_))
    if low in _PERSONS or str(tok.lower_) in _SINGLE_PRONOUNS:
        return True
    if tok.pos_ == "PROPN":
        return person_name(tok) is not None
    if low == "old" and any(c.lower_ in ("year", "month") for c in tok.subtree):
        return True  # "a 16-year-old"
    return low.endswith("-old")


def who_of(tok: Any) -> tuple[str, ...]:
    """Names, ages, sex and person nouns that describe the counted phrase."""
    near = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "flat", "amod", "nummod", "appos", "npadvmod", "det"):
            near.extend(c.subtree)
    out: list[str] = []
    name = person_name(tok)
    if name:
        out.append("name:" + name)
    for t in sorted(near, key=lambda t: t.i):
        word = singular(str(t.lower_))
        if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.i == tok.i:
            appos = person_name(t)
            if appos:
                out.append("name:" + appos)  # "his cousin, Joshua Hagrin, 17"
        if t.like_num and is_age_number(t):
            cores = scan_cores(str(t.text))
            age = cores[0].value if cores and cores[0].value is not None else None
            out.append("age:" + (f"{age:g}" if age is not None else str(t.text)))
        elif t.dep_ == "det" and t.head.i == tok.i and t.lower_ in ("another", "other"):
            out.append(f"other:{tok.i}")  # "another man": not the one before
        elif word in _MALE or str(t.lower_) in _MALE:
            out.append("sex:m")
        elif word in _FEMALE or str(t.lower_) in _FEMALE:
            out.append("sex:f")
        if word in _PERSONS:
            out.append("noun:" + word)
    return tuple(dict.fromkeys(out))


def person_name(tok: Any) -> str | None:
    """ "Charlotte Zaremba": a person's name (a proper noun and the proper nouns compounded
    with it), never a dateline in capitals ("HAYWARD —") or a place before a noun."""
    if tok.pos_ != "PROPN" or not _name_like(tok):
        return None
    parts = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    words = [t.text for t in sorted([*parts, tok], key=lambda t: t.i) if _name_like(t)]
    return " ".join(words) if words else None


_NOT_NAMES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday related advertisement police
    county city state""".split()
)


def _name_like(tok: Any) -> bool:
    text = str(tok.text)
    if not text[:1].isupper() or (text.isupper() and len(text) > 1):
        return False
    return text.lower() not in _NOT_NAMES
