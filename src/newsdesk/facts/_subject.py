"""Subject and predicate of a quantity: what is counted, and what is said of it.

The subject is the counted noun in a canonical plural form ("troops"; "soldier" and
"soldiers" both give "soldiers"). Generic words for people and a few common synonyms fold
into one class, so that two wordings of one count can align: "patients", "victims",
"residents" and "deaths" count ``people``; "vessels" count ``ships``; "dockworkers" count
``workers`` (the fact's unit folds the same way). For a measure ("90%", "$6bn") the subject
is the thing measured ("90% of its personnel" -> "personnel", "revenue rose 5%" ->
"revenue"); for a number that modifies a noun ("a 72-hour strike", "a new six-year term",
"the 22-month war") it is that noun, and a duration's predicate is ``duration``. Ages ("the
33-year-old actress", "walls 300 years old") get predicate ``age``; magnitudes ("a magnitude
6.1 quake") measure the nearest seismic event with predicate ``magnitude``.

The predicate comes from the dependency parse: words attached to the counted noun ("troops
dead and wounded", "43 injured patients"), its governing words ("have been killed or
injured", "lost ... troops", "were evacuated") and the objects of their prepositions
("moved into shelters", "treated for injuries", "taken to hospital") are mapped through a
synonym table to a canonical predicate (``killed``, ``injured``, ``casualties``,
``evacuated``, ``damaged``, ``destroyed``, ``deployed``, ``arrested``, ``striking``,
``idle``, ...). Killed plus wounded of the *same* figure is ``casualties`` ("1,200 were
killed or wounded"), but "killing 12 and injuring 40" gives 12 killed and 40 injured; people
"lost" are ``casualties``; a count that names its predicate ("seven deaths", "40
injuries") keeps it. "23 of its 38 cars" makes 38 the ``total``. Without a table word the
predicate is the lemma of the governing verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from newsdesk.facts._nlp import head_of, parse
from newsdesk.facts._units import is_age_unit, is_measure_unit, normalize_unit, singular
from newsdesk.records import Quantity

__all__ = ["CANONICAL_PREDICATES", "Frame", "describe", "fold_noun", "plural", "subject_predicate"]

_PREDICATES: dict[str, str] = {}
for _canon, _words in {
    "casualties": "casualty casualties",
    "killed": "kill killed die dead death fatality slay perish",
    "injured": "wound wounded injure injured injury hurt",
    "missing": "missing",
    "mobilised": "mobilise mobilize mobilisation mobilization mobilised mobilized conscript "
    "conscription draft",
    "deployed": "deploy deployment deployed send dispatch station",
    "recruited": "recruit recruitment recruited enlist hire",
    "lost": "lose loss lost",
    "destroyed": "destroy destroyed demolish raze flatten",
    "damaged": "damage damaged",
    "captured": "capture captured seize prisoner captive captivity",
    "arrested": "arrest arrested detain detention imprison",
    "returned": "return release free repatriate swap exchange",
    "evacuated": "evacuate flee displace displaced evacuation evacuee",
    "rescued": "rescue rescued",
    "treated": "treat hospitalise hospitalize hospital",
    "sheltered": "shelter",
    "waiting": "wait queue",
    "striking": "strike striking",
    "idle": "idle",
    "absent": "absent",
    "derailed": "derail",
    "closed": "close shut",
    "fined": "fine fined",
    "demanded": "demand seek want",
    "offered": "offer propose",
    "duration": "last",
    "increased": "rise increase grow climb jump surge gain soar",
    "decreased": "fall drop decline decrease plunge slump sink tumble",
    "cost": "cost pay spend price worth fund allocate budget",
}.items():
    for _w in _words.split():
        _PREDICATES[_w] = _canon

CANONICAL_PREDICATES = frozenset(_PREDICATES.values()) | {"total", "age", "magnitude", "released"}
"""Every canonical predicate this module gives (besides governing-verb lemmas)."""

_WEAK = frozenset({"treated"})
"""Predicates that give way to a more specific one nearby ("treated for injuries")."""

_IDIOMS: dict[tuple[str, str], str] = {
    ("walk", "out"): "striking",
    ("walk", "off"): "striking",
    ("down", "tool"): "striking",
    ("leave", "track"): "derailed",
    ("leave", "rail"): "derailed",
    ("jump", "track"): "derailed",
    ("leave", "home"): "evacuated",
    ("go", "missing"): "missing",
    ("stay", "away"): "absent",
}
"""Verb + particle/object pairs that name a predicate ("walked off the job")."""

_NOUN_PREDICATES = {
    "death": "killed",
    "fatality": "killed",
    "casualty": "casualties",
    "injury": "injured",
    "evacuee": "evacuated",
    "arrest": "arrested",
}
"""Counted nouns that name their own predicate ("seven deaths" = seven people killed)."""

_CLASSES = {
    "people": "people",
    "person": "people",
    "patient": "people",
    "victim": "people",
    "individual": "people",
    "inhabitant": "people",
    "resident": "people",
    "death": "people",
    "fatality": "people",
    "casualty": "people",
    "injury": "people",
    "evacuee": "people",
    "life": "people",
    "vessel": "ship",
    "raise": "rise",
    "hike": "rise",
    "increase": "rise",
    "stoppage": "strike",
    "walkout": "strike",
    "quake": "earthquake",
    "tremor": "earthquake",
    "temblor": "earthquake",
}
"""Words folded into one class so that two wordings of a count can align."""

_SEISMIC = frozenset(
    {"earthquake", "quake", "tremor", "temblor", "aftershock", "shock", "foreshock"}
)

_WORKERS = frozenset("worker employee staff teacher nurse doctor driver miner pilot".split())
_HUMAN = frozenset(
    """troop soldier serviceman servicemen fighter personnel man men woman people person
    civilian child resident citizen member recruit conscript reservist mercenary prisoner
    officer worker employee volunteer refugee patient victim rescuer firefighter""".split()
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
_OBJECT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "npadvmod"})
_TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "min", "s", "decades"})
_TIME_UNITS |= {"ms", "centuries"}


@dataclass(frozen=True, slots=True)
class Frame:
    """What a quantity measures: subject, predicate, the unit to align on, and the verb."""

    subject: str
    predicate: str
    unit: str | None
    verb: int | None = None
    """Token index of the word that carries the fact (for dating it), if any."""


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


def fold_noun(noun: str) -> str:
    """The class a counted noun belongs to ("patients" -> "people", "dockworkers" -> "workers")."""
    words = noun.lower().split()
    if not words:
        return noun
    head = singular(words[-1])
    if head in _CLASSES:
        return plural(_CLASSES[head])
    if len(head) > 6 and head.endswith("worker"):
        return "workers"
    return plural(noun)


def subject_predicate(sentence: str, q: Quantity) -> tuple[str, str]:
    """``(subject, predicate)`` of quantity ``q`` found in ``sentence``."""
    frame = describe(sentence, q)
    return frame.subject, frame.predicate


def describe(sentence: str, q: Quantity) -> Frame:
    """Subject, predicate, alignment unit and carrying verb of ``q`` in ``sentence``."""
    frame = _describe(sentence, q)
    if frame.predicate in ("age", "duration", "magnitude", "total"):
        return frame
    doc = parse(sentence)
    if frame.verb is not None and any(c.dep_ == "neg" for c in doc[frame.verb].children):
        return replace(frame, predicate="not " + frame.predicate)  # "were not injured"
    if frame.predicate in _TOLLS and _RUNNING_TOTAL.search(sentence):
        return replace(frame, predicate=frame.predicate + " to date")  # "so far this year"
    return frame


_TOLLS = frozenset({"killed", "injured", "casualties"})
_RUNNING_TOTAL = re.compile(
    r"\b(?:this\s+year|year[-\s]to[-\s]date|since\s+(?:January|the\s+(?:start|beginning)\s+of"
    r"\s+the\s+year))\b",
    re.I,
)


def _describe(sentence: str, q: Quantity) -> Frame:
    doc = parse(sentence)
    tokens = [t for t in doc if q.start <= t.idx < q.end]
    if not tokens:
        return Frame(_unit_subject(q), "stated", q.unit)
    apposed = _appositive_age(tokens, q)
    if apposed is not None:
        return apposed
    if is_age_unit(q.unit):
        return _age_frame(tokens, q)
    if _PART.match(q.text) and _counted_token(tokens, q) is not None:
        return _part_frame(tokens, q)
    noun = _counted_token(tokens, q)
    if noun is not None:
        return _count_frame(noun, q, sentence)
    if _is_counted_unit(q):  # "2,200 of them" counts the tanks named before
        anchor = head_of(tokens)
        subject = fold_noun(q.unit or "")
        pred, verb = _predicate(anchor, subject)
        return Frame(subject, _total(sentence, q) or pred, subject, verb)
    nominal = _nominal(tokens) if q.unit is None else None
    if nominal is not None:
        return nominal
    return _measure_frame(tokens, q)


_PART = re.compile(r"^\S+\s+of\s", re.IGNORECASE)


def _appositive_age(tokens: list[Any], q: Quantity) -> Frame | None:
    """ "James Doe, 15, was killed", "two men, both 24,": a bare number set off by commas
    after a person is that person's age, never a count."""
    if q.unit is not None and not is_age_unit(q.unit):
        return None  # the quantities stage may already read "Name, 15," as years old
    if len(tokens) != 1 or q.value is None or not 0 < q.value < 120:
        return None
    tok = tokens[0]
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    if before is not None and before.lower_ == "both" and tok.i > 1:
        before = doc[tok.i - 2]
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if before is None or before.text != "," or (after is not None and after.text not in ",;.)"):
        return None
    head = tok.head if tok.head.i < tok.i else doc[before.i - 1]
    if head.pos_ not in ("PROPN", "NOUN", "PRON") or head.i >= tok.i:
        return None
    subject = _proper_name(head) if head.pos_ == "PROPN" else plural(head.text)
    return Frame(subject, "age", "years old")


def _part_frame(tokens: list[Any], q: Quantity) -> Frame:
    """ "23 of its 38 cars were damaged": the part takes its clause's verb; "one of five
    people injured was released": never the predicate of the whole it is part of."""
    anchor = tokens[0]
    subject = fold_noun(q.unit or "")
    pred, verb = _predicate_above(anchor)
    return Frame(subject, pred, subject, verb)


def _predicate_above(anchor: Any) -> tuple[str, int | None]:
    """The predicate of the clause ``anchor`` belongs to, ignoring words inside its phrase."""
    for tok in _clause_path(anchor):
        if tok.pos_ in ("VERB", "AUX"):
            idiom = _idiom(tok)
            word = _word_of(tok)
            return idiom or _PREDICATES.get(word, str(tok.lemma_).lower()), int(tok.i)
    return "stated", None


def _unit_subject(q: Quantity) -> str:
    return normalize_unit(q.unit) if q.unit else "count"


def _is_counted_unit(q: Quantity) -> bool:
    """Is the unit a counted noun ("troops") rather than a symbol ("%", "km", "hours")?"""
    if not q.unit or is_measure_unit(q.unit):
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


_TOTAL_BEFORE = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|hundreds?|thousands?|all|most|some|half)\s+of\s+"
    r"(?:(?:its|their|his|her|our|the|these|those)\s+)?(?:[\w-]+['’]s\s+)?$",
    re.IGNORECASE,
)


def _total(sentence: str, q: Quantity) -> str | None:
    """ "23 of its 38 cars": the second figure is the total the first is part of."""
    return "total" if _TOTAL_BEFORE.search(sentence[: q.start]) else None


# ------------------------------------------------------------------ frames


def _count_frame(noun: Any, q: Quantity, sentence: str) -> Frame:
    subject = fold_noun(noun.text)
    own = _NOUN_PREDICATES.get(singular(noun.lower_))
    pred, verb = _predicate(noun, subject)
    if own is not None and pred not in ("casualties", "killed", "injured"):
        pred = own
    unit = (
        subject
        if q.unit and singular(q.unit.split()[-1].lower()) == singular(noun.lower_)
        else q.unit
    )
    total = _total(sentence, q)
    if total and _own_event(noun, pred):
        total = None  # "one of five people injured": the five are the injured
    return Frame(subject, total or pred, unit, verb)


def _own_event(noun: Any, pred: str) -> bool:
    """Is ``pred`` said of the noun itself ("people injured", "the dead")?"""
    return any(
        c.dep_ in ("acl", "amod", "relcl") and _PREDICATES.get(_word_of(c)) == pred
        for c in noun.children
    )


_NOMINAL = frozenset({"injured", "wounded", "dead", "killed", "missing", "hurt", "evacuated"})


def _nominal(tokens: list[Any]) -> Frame | None:
    """ "the 58 injured", "12 dead": an adjective used as a noun counts people."""
    for tok in tokens:
        if tok.pos_ != "NUM":
            continue
        near = [*tok.children, tok.head]
        for word in near:
            if word.lower_ in _NOMINAL and word.i > tok.i and word.i - tok.i <= 2:
                pred = _PREDICATES.get(word.lower_, word.lower_)
                verb = _fact_verb(tok)
                return Frame("people", pred, "people", verb)
    return None


def _age_frame(tokens: list[Any], q: Quantity) -> Frame:
    """ "the 33-year-old actress" / "walls that are 300 years old": the thing that is aged."""
    anchor = head_of(tokens)
    head = anchor.head
    if head.pos_ in ("NOUN", "PROPN") and head.i > anchor.i:
        return Frame(plural(head.text) if head.pos_ == "NOUN" else head.text, "age", q.unit)
    subject = _clause_subject(anchor)
    return Frame(subject or "age", "age", q.unit, _fact_verb(anchor))


def _clause_subject(anchor: Any) -> str | None:
    for tok in _ancestors(anchor):
        for child in tok.children:
            is_subject = child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN")
            if is_subject and not (child.i <= anchor.i <= child.right_edge.i):
                if child.pos_ == "PROPN":
                    return _proper_name(child)  # "Tessaly Freight", "Route 9"
                return plural(child.text) if child.tag_ == "NNS" else str(child.lemma_)
    return None


def _proper_name(tok: Any) -> str:
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].like_num and doc[end].head.i == tok.i:
        end += 1
    return str(doc[start:end].text)


def _measure_frame(tokens: list[Any], q: Quantity) -> Frame:
    anchor = head_of(tokens)
    if q.unit == "magnitude":
        return Frame(_seismic_subject(anchor), "magnitude", q.unit, _fact_verb(anchor))
    modified = _modified_noun(anchor, tokens)
    if modified is not None:
        subject = _fold_measured(modified)
        if q.unit in _TIME_UNITS:
            return Frame(subject, "duration", q.unit, _fact_verb(modified))
        pred, verb = _predicate(modified, subject)
        return Frame(subject, pred, q.unit, verb)
    toll = _toll(anchor) if q.unit is None else None
    if toll is not None:
        return Frame("people", toll, "people", _fact_verb(anchor))
    subject, stated = _measured(anchor, q)
    if stated is None:
        pred, verb = _predicate(anchor, subject)
    else:
        pred, verb = stated, _fact_verb(anchor)
    if q.unit in _TIME_UNITS and pred in ("stated", "last", "take"):
        pred = "duration"
    return Frame(subject, pred, q.unit, verb)


def _toll(anchor: Any) -> str | None:
    """ "The death toll rose to 14": a toll counts people killed (or killed and injured)."""
    for tok in _ancestors(anchor):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "attr") and child.lemma_.lower() == "toll":
                words = {c.lemma_.lower() for c in child.children}
                return "killed" if words & {"death", "dead", "fatality"} else "casualties"
    return None


def _modified_noun(anchor: Any, tokens: list[Any]) -> Any:
    """The noun a figure modifies: "a 72-hour strike", "a new six-year term", "a 12% rise"."""
    head = anchor.head
    ids = {t.i for t in tokens}
    if head.i == anchor.i or head.i in ids or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.i < anchor.i or anchor.dep_ not in ("amod", "compound", "nummod", "nmod", "quantmod"):
        return None
    return head


def _fold_measured(tok: Any) -> str:
    word = singular(tok.lower_)
    if word in _CLASSES:
        return _CLASSES[word]
    return plural(tok.text) if tok.tag_ == "NNS" else str(tok.lemma_).lower()


def _seismic_subject(anchor: Any) -> str:
    """The quake (or aftershock) a magnitude belongs to: the nearest seismic noun."""
    doc = anchor.doc
    found = [t for t in doc if t.lemma_.lower() in _SEISMIC]
    if not found:
        return "earthquake"
    near = min(found, key=lambda t: (abs(t.i - anchor.i), t.i > anchor.i))
    word = near.lemma_.lower()
    return plural(_CLASSES.get(word, word)) if word != "earthquake" else "earthquakes"


def _measured(anchor: Any, q: Quantity) -> tuple[str, str | None]:
    """What a measure measures: "90% of its personnel", "revenue rose 5%", "estimated the
    cost of the stoppage at $5m" (-> stoppage, cost)."""
    obj = _of_object(anchor)
    if obj is not None:
        return _fold_measured(obj), None
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.lower_ == "of":
        owner = anchor.head.head
        if owner.pos_ == "NOUN" and owner.lemma_.lower() in _PREDICATES:
            pred = _PREDICATES[owner.lemma_.lower()]
            if q.unit == "%" and pred in ("offered", "demanded"):
                return "rise", pred  # "its offer of 4.5%" offers a 4.5% rise
            return _unit_subject(q), pred
    at_object = _at_object(anchor)
    if at_object is not None:
        return at_object
    head = anchor.head
    if head.i != anchor.i and head.pos_ == "NOUN" and head.i > anchor.i:
        return _fold_measured(head), None
    subject = _clause_subject(anchor)
    return (_CLASSES.get(subject, subject) if subject else _unit_subject(q)), None


def _at_object(anchor: Any) -> tuple[str, str | None] | None:
    """ "put the magnitude at 5.4", "estimated the cost of the stoppage at 25 million"."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.lower_ != "at":
        return None
    if prep.head.pos_ == "NOUN":
        dobj = prep.head  # "estimated [the cost of the stoppage at 25 million]"
    elif prep.head.pos_ == "VERB":
        dobj = next((c for c in prep.head.children if c.dep_ == "dobj"), None)
    else:
        return None
    if dobj is None:
        return None
    word = dobj.lemma_.lower()
    of_obj = _of_object(dobj)
    if word in _PREDICATES and of_obj is not None:
        return _fold_measured(of_obj), _PREDICATES[word]
    return _fold_measured(dobj), None


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
    while tok.head.i != tok.i and len(out) < depth:
        tok = tok.head
        out.append(tok)
    return out


def _clause_path(anchor: Any) -> list[Any]:
    """Heads above ``anchor`` up to and including its clause's verb."""
    out: list[Any] = []
    tok = anchor
    while tok.head.i != tok.i and len(out) < 4:
        tok = tok.head
        out.append(tok)
        if tok.pos_ in ("VERB", "AUX"):
            break
    return out


def _fact_verb(anchor: Any) -> int | None:
    path = _clause_path(anchor)
    return path[-1].i if path and path[-1].pos_ in ("VERB", "AUX") else None


# ------------------------------------------------------------------ predicates


def _has_own_figure(verb: Any) -> bool:
    """Does a coordinated verb carry its own figure ("... and injuring 40")?"""
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS and any(t.like_num for t in child.subtree):
            return True
    return False


def _word_of(tok: Any) -> str:
    lemma = str(tok.lemma_).lower()
    if tok.pos_ in ("ADJ", "VERB") and tok.lower_ in _PREDICATES:
        return str(tok.lower_)  # "injured", "dead", "missing"
    return lemma


def _idiom(tok: Any) -> str | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "advmod", "acomp"):
            found = _IDIOMS.get((lemma, child.lower_))
            if found:
                return found
        if child.dep_ in ("dobj", "pobj"):
            found = _IDIOMS.get((lemma, singular(child.lower_)))
            if found:
                return found
        if child.dep_ == "prep":
            for obj in child.children:
                found = _IDIOMS.get((lemma, singular(obj.lower_)))
                if found and obj.dep_ == "pobj":
                    return found
    return None


def _candidates(anchor: Any) -> list[tuple[float, str, Any]]:
    """Words that may say what happened to ``anchor``, with a closeness rank."""
    found: list[tuple[float, str, Any]] = []

    def near(rank: float, tok: Any) -> None:
        idiom = _idiom(tok)
        if idiom is not None:
            found.append((rank - 0.1, idiom, tok))
        found.append((rank, _word_of(tok), tok))
        for g in tok.children:
            if g.dep_ == "conj" and not _has_own_figure(g):
                found.append((rank + 0.2, _word_of(g), g))

    for child in anchor.children:
        if child.dep_ in _NEAR_DEPS:
            near(0.5, child)
        elif child.dep_ == "prep" and child.lower_ != "of":
            found.extend((0.6, _word_of(o), child) for o in child.children if o.dep_ == "pobj")
    path = _clause_path(anchor)
    on_path = {anchor.i} | {t.i for t in path}
    for level, tok in enumerate(path, start=1):
        idiom = _idiom(tok)
        if idiom is not None:
            found.append((level - 0.1, idiom, tok))
        found.append((float(level), _word_of(tok), tok))
        for child in tok.children:
            if child.i in on_path:
                continue
            if child.dep_ == "conj" and _has_own_figure(child):
                continue  # "killing 12 and injuring 40": 40 is another fact
            if child.dep_ in _NEAR_DEPS:
                near(level + 0.5, child)
            elif child.dep_ == "advcl" and child.tag_ == "VBG" and not _has_own_figure(child):
                near(level + 0.8, child)  # "ships were anchored offshore, waiting to berth"
            elif child.dep_ == "prep":
                found.extend(
                    (level + 0.6, _word_of(obj), tok)
                    for obj in child.children
                    if obj.dep_ == "pobj"
                )
    return found


def _predicate(anchor: Any, subject: str) -> tuple[str, int | None]:
    """The canonical predicate of ``anchor`` and the token index of the word carrying it."""
    own = {singular(w) for w in subject.split()}
    mapped = [
        (d, _PREDICATES.get(w, w), tok)
        for d, w, tok in _candidates(anchor)
        if (w in _PREDICATES or w in CANONICAL_PREDICATES) and singular(w) not in own
    ]
    verb = _fact_verb(anchor)
    if not mapped:
        return _governing_verb(anchor), verb
    near = {p for d, p, _ in mapped if d <= 2.5}
    if "killed" in near and "injured" in near:
        return "casualties", verb
    strong = [m for m in mapped if m[1] not in _WEAK and m[0] <= 2.7]
    _, best, tok = min(strong or mapped, key=lambda m: m[0])
    head = singular(subject.split()[-1]) if subject.strip() else ""
    if best == "lost" and head in _HUMAN:
        best = "casualties"
    if best == "returned" and tok.lemma_.lower() == "release" and head not in _HUMAN:
        best = "released"
    if best == "absent" and head in _WORKERS:
        best = "striking"  # "3,150 workers stayed away from the quays"
    carrier = tok.i if tok.pos_ in ("VERB", "AUX") else verb
    return best, carrier


_CUE_VERBS = frozenset({"say", "tell", "report", "claim", "add", "state", "announce"})


def _governing_verb(anchor: Any) -> str:
    for tok in _ancestors(anchor, depth=6):
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in _CUE_VERBS:
            return str(tok.lemma_.lower())
    return "stated"
