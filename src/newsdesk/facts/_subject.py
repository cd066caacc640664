"""Subject and predicate of a quantity: what is counted, and what is said of it.

The subject is the counted noun in a canonical plural form ("troops"; "soldier" and
"soldiers" both give "soldiers"); for a measure ("90%", "$6bn") it is the thing measured
("90% of its personnel" -> "personnel", "revenue rose 5%" -> "revenue").

The predicate comes from the dependency parse: words attached to the counted noun ("troops
dead and wounded") and its governing words ("have been killed or injured", "lost ...
troops", "deployed ... troops") are mapped through a small synonym table to a canonical
predicate (``casualties``, ``killed``, ``wounded``, ``mobilised``, ``deployed``,
``recruited``, ``lost``, ``captured``, ``returned``, ``evacuated``, ``increased``,
``decreased``, ``cost``). Killed plus wounded is ``casualties``; people "lost" are
``casualties``. Without a table word the predicate is the lemma of the governing verb.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.facts._nlp import parse
from newsdesk.facts._units import normalize_unit, singular
from newsdesk.records import Quantity

__all__ = ["plural", "subject_predicate"]

_PREDICATES: dict[str, str] = {}
for _canon, _words in {
    "casualties": "casualty casualties toll",
    "killed": "kill killed die dead death fatality slay perish",
    "wounded": "wound wounded injure injured injury hurt",
    "mobilised": "mobilise mobilize mobilisation mobilization mobilised mobilized conscript "
    "conscription draft",
    "deployed": "deploy deployment deployed send dispatch station",
    "recruited": "recruit recruitment recruited enlist hire",
    "lost": "lose loss lost destroy destroyed",
    "captured": "capture captured seize detain arrest imprison prisoner captive captivity",
    "returned": "return release free repatriate swap exchange",
    "evacuated": "evacuate flee displace displaced evacuation",
    "increased": "rise increase grow climb jump surge gain soar",
    "decreased": "fall drop decline decrease plunge slump sink tumble",
    "cost": "cost pay spend price worth fund allocate budget",
}.items():
    for _w in _words.split():
        _PREDICATES[_w] = _canon

_HUMAN = frozenset(
    """troop soldier serviceman servicemen fighter personnel man men woman people person
    civilian child resident citizen member recruit conscript reservist mercenary prisoner
    officer worker employee volunteer refugee""".split()
)
_IRREGULAR_PLURAL = {
    "person": "people",
    "people": "people",
    "man": "men",
    "woman": "women",
    "child": "children",
    "personnel": "personnel",
    "staff": "staff",
    "police": "police",
    "serviceman": "servicemen",
}
_COUNT_OF = frozenset(
    "number total share proportion percentage percent part majority minority amount".split()
)
_NEAR_DEPS = frozenset({"conj", "acomp", "oprd", "xcomp", "attr", "amod", "acl", "relcl"})


def plural(noun: str) -> str:
    """The canonical plural of a (possibly plural) noun phrase's last word."""
    words = noun.lower().split()
    if not words:
        return noun
    head = singular(words[-1])
    if head in _IRREGULAR_PLURAL:
        words[-1] = _IRREGULAR_PLURAL[head]
    elif re.search(r"[^aeiou]y$", head):
        words[-1] = head[:-1] + "ies"
    elif head.endswith(("s", "x", "z", "ch", "sh")):
        words[-1] = head + "es"
    elif head[-1:].isalpha():
        words[-1] = head + "s"
    else:
        words[-1] = head
    return " ".join(words)


def subject_predicate(sentence: str, q: Quantity) -> tuple[str, str]:
    """``(subject, predicate)`` of quantity ``q`` found in ``sentence``."""
    doc = parse(sentence)
    tokens = [t for t in doc if q.start <= t.idx < q.end]
    if not tokens:
        return _unit_subject(q), "stated"
    noun = _counted_token(tokens, q)
    anchor = noun if noun is not None else tokens[-1]
    if noun is not None:
        subject = plural(noun.text)
    elif _is_counted_unit(q):
        subject = plural(q.unit or "")  # "2,200 of them" counts the tanks named before
    else:
        subject = _measured(anchor, q)
    return subject, _predicate(anchor, subject)


def _unit_subject(q: Quantity) -> str:
    return normalize_unit(q.unit) if q.unit else "count"


def _is_counted_unit(q: Quantity) -> bool:
    """Is the unit a counted noun ("troops") rather than a symbol ("%", "km")?"""
    if not q.unit:
        return False
    return normalize_unit(q.unit) == " ".join(singular(w) for w in q.unit.split())


def _counted_token(tokens: list[Any], q: Quantity) -> Any:
    """The counted noun inside the span (its unit is a noun, not a symbol like ``%``)."""
    if not q.unit or not _is_counted_unit(q):
        return None
    last = q.unit.split()[-1].lower()
    for tok in reversed(tokens):
        if tok.text.lower() == last and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def _measured(anchor: Any, q: Quantity) -> str:
    """What a measure measures: "90% of its personnel", "a 25% duty", "revenue rose 5%"."""
    obj = _of_object(anchor)
    if obj is not None:
        return plural(obj.text) if obj.pos_ == "NOUN" and obj.tag_ in ("NNS",) else obj.lemma_
    head = anchor.head
    if head is not anchor and head.pos_ == "NOUN" and head.i > anchor.i:
        return str(head.lemma_)
    for tok in _ancestors(anchor):
        for child in tok.children:
            is_subject = child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN")
            if is_subject and not (child.i <= anchor.i <= child.right_edge.i):
                return str(child.lemma_)
    return _unit_subject(q)


def _of_object(tok: Any) -> Any:
    for _ in range(3):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            return None
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return None
        if obj.lemma_.lower() not in _COUNT_OF:
            return obj
        tok = obj
    return None


def _ancestors(tok: Any, depth: int = 4) -> list[Any]:
    out: list[Any] = []
    while tok.head is not tok and len(out) < depth:
        tok = tok.head
        out.append(tok)
    return out


def _clause_path(anchor: Any) -> list[Any]:
    """Heads above ``anchor`` up to and including its clause's verb."""
    out: list[Any] = []
    tok = anchor
    while tok.head is not tok and len(out) < 4:
        tok = tok.head
        out.append(tok)
        if tok.pos_ in ("VERB", "AUX"):
            break
    return out


def _candidates(anchor: Any) -> list[tuple[float, str]]:
    """Words that may say what happened to ``anchor``, with a closeness rank."""
    found: list[tuple[float, str]] = []
    for child in anchor.children:
        if child.dep_ in _NEAR_DEPS:
            found.append((0.5, child.lemma_.lower()))
            found.extend((0.7, g.lemma_.lower()) for g in child.children if g.dep_ == "conj")
    for level, tok in enumerate(_clause_path(anchor), start=1):
        found.append((float(level), tok.lemma_.lower()))
        for child in tok.children:
            if child.dep_ in _NEAR_DEPS and child.i != anchor.i:
                found.append((level + 0.5, child.lemma_.lower()))
                found.extend(
                    (level + 0.7, g.lemma_.lower()) for g in child.children if g.dep_ == "conj"
                )
    return found


def _predicate(anchor: Any, subject: str) -> str:
    mapped = [(d, _PREDICATES[w]) for d, w in _candidates(anchor) if w in _PREDICATES]
    if not mapped:
        return _governing_verb(anchor)
    near = {p for d, p in mapped if d <= 2.5}
    if "killed" in near and "wounded" in near:
        return "casualties"
    best = min(mapped)[1]
    if best == "lost" and singular(subject.split()[-1]) in _HUMAN:
        return "casualties"
    return best


_CUE_VERBS = frozenset({"say", "tell", "report", "claim", "add", "state", "announce"})


def _governing_verb(anchor: Any) -> str:
    for tok in _ancestors(anchor, depth=6):
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in _CUE_VERBS:
            return str(tok.lemma_.lower())
    return "stated"
