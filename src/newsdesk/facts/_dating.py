"""Which time expression of a sentence dates a fact.

A sentence often holds several times: when the thing happened, when it was said, when
something else happened. A fact takes a time only if that time belongs to it:

* a time attached to a reporting verb ("..., the ministry said on Wednesday", "told the
  Post last month", "the mayor confirmed 7 deaths on Thursday") dates the telling, not the
  fact, and is skipped;
* a possessive time ("after Tuesday night's derailment") dates the noun it modifies;
* when the fact has a verb ("were evacuated", "killing"), the time must attach to that verb,
  to a verb that governs it through clauses ("struck ... on Tuesday, killing 12"; not
  through a noun, "mourned on Thursday the seven killed", nor a clause of another time, "a
  day after a quake killed 7"), or sit inside its subject ("the earthquake of 1987, which
  killed 31"; "the quake that struck on Tuesday killed 19"); a time attached to another
  clause ("... were allowed home on Thursday") is skipped;
* a fact without a verb takes the nearest time, preferring one in the same clause.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.records import Quantity, TimeRef

__all__ = ["REPORTING", "fact_time"]

REPORTING = frozenset(
    """say tell report announce state confirm add claim write tweet testify declare note
    warn estimate insist""".split()
)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|although)\b")

TimeSpan = tuple[int, int, TimeRef]


def fact_time(doc: Any, times: list[TimeSpan], q: Quantity, verb: int | None) -> TimeRef | None:
    """The time of ``times`` (char spans in ``doc``'s text) that dates quantity ``q``."""
    usable = [t for t in times if _kind(doc, t, verb) == "own"]
    return _nearest(doc.text, usable, q) if usable else None


def _span_root(doc: Any, start: int, end: int) -> Any:
    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[-1])


def _attached_verb(tok: Any) -> Any:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _kind(doc: Any, item: TimeSpan, verb: int | None) -> str:
    """``own`` (dates the fact), ``statement`` (dates the telling) or ``other``."""
    root = _span_root(doc, item[0], item[1])
    if root is None:
        return "own"
    while root.dep_ == "compound" and root.head.i != root.i:
        root = root.head  # "Tuesday night's"
    if root.dep_ == "poss" or any(c.dep_ == "case" for c in root.children):
        return "other"
    attached = _attached_verb(root)
    if attached is None:
        return "own"
    if attached.lemma_.lower() in REPORTING:
        return "statement"
    if verb is None or _belongs(doc[verb], attached, root):
        return "own"
    return "other"


_OTHER_TIME = frozenset({"after", "before", "since", "until", "till", "following", "once"})


def _governs(attached: Any, fact_verb: Any) -> bool:
    """Does ``attached`` govern ``fact_verb`` through clauses of the same time?"""
    tok = fact_verb
    while tok.i != attached.i:
        if tok.head.i == tok.i or tok.pos_ not in ("VERB", "AUX"):
            return False
        if any(c.dep_ in ("mark", "prep") and c.lower_ in _OTHER_TIME for c in tok.children):
            return False  # "... a day after an earthquake killed 7"
        tok = tok.head
    return True


def _belongs(fact_verb: Any, attached: Any, root: Any) -> bool:
    if _governs(attached, fact_verb):
        return True  # the fact's verb or a verb governing it
    for child in fact_verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and root.i in {t.i for t in child.subtree}:
            return True  # inside the fact's subject
    if fact_verb.dep_ == "relcl":
        return root.i in {t.i for t in fact_verb.head.subtree}  # the antecedent's time
    return False


def _nearest(sentence: str, times: list[TimeSpan], q: Quantity) -> TimeRef:
    """The time reference closest to ``q``, preferring one in the same clause."""

    def distance(item: TimeSpan) -> int:
        start, end, _ = item
        if end <= q.start:
            gap, size = sentence[end : q.start], q.start - end
        elif start >= q.end:
            gap, size = sentence[q.end : start], start - q.end
        else:
            return 0
        return size + (1000 if _CLAUSE_BREAK.search(gap) else 0)

    return min(times, key=distance)[2]
