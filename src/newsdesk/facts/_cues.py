"""Reporting cues: which verbs attribute a statement, and which uses of them do not.

Needs: spaCy tokens of a parsed sentence (see :mod:`._nlp`). Produces: the kind of a cue
verb (:func:`cue_kind`), whether a cue states something (:func:`is_statement`: not negated,
not a question, not future or hypothetical), the cue's span as written
(:func:`cue_tokens`), and the clause whose subject speaks for a participial cue
(:func:`governing_verb`: ", saying ...", "..., adding that ...").

Cue verbs fall in three groups:

* always cues: "say", "tell", "report", "state", "announce", "declare", "write", "tweet",
  "testify";
* cues with a reported clause or quotation: "claim", "add", "note", "warn", "insist",
  "argue", "explain", "acknowledge", "suggest", "believe", "predict", ... ("the mayor
  warned that ..." but not "the mayor warned residents");
* cues of a figure with an object: "the hospital confirmed seven deaths", "the agency
  put the damage at ...".

Not statements: "did not say", "declined to say", "refused to comment" (negated or
declined), "Did he say ...?" (the cue itself is questioned), "will say", "would say",
"is expected to say", "if she says" (future or hypothetical).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CUE_KINDS",
    "WITH_CLAUSE",
    "cue_kind",
    "cue_tokens",
    "governing_verb",
    "is_statement",
]

CUE_KINDS = {
    "say": "said",
    "tell": "told",
    "report": "reports",
    "state": "said",
    "announce": "said",
    "declare": "said",
    "write": "said",
    "tweet": "said",
    "testify": "said",
}
"""Verbs that attribute whatever follows them, with the ``Attribution.kind`` they give."""

WITH_CLAUSE = frozenset(
    """claim add note warn confirm estimate assess insist deny allege acknowledge explain
    argue predict disclose reveal conclude find stress suggest believe think contend maintain
    recall complain concede admit emphasize emphasise indicate vow promise pledge caution
    boast joke quip remark observe reply respond counter hint speculate agree recount
    assert reiterate affirm tout charge propose concur signal""".split()
)
"""Verbs that attribute a reported clause or quotation ("warned that ...", "“...,” he added")."""

WITH_OBJECT = frozenset({"estimate", "measure", "record", "count", "confirm", "tally"})
"""Verbs whose subject states a figure ("the hospital confirmed seven deaths")."""

_MODALS = frozenset({"will", "would", "shall", "may", "might", "could", "should", "can", "'ll"})
_CONDITIONAL = frozenset({"if", "unless", "whether", "once", "before", "until"})
_GOES_ON = frozenset({"continue", "go", "begin", "start", "proceed", "repeat", "use"})
"""Verbs after which an infinitive cue still states something ("went on to say")."""
_WITHHOLD = frozenset({"decline", "refuse", "fail", "avoid", "dodge", "sidestep"})
"""Verbs that say a source did not state something ("declined to comment")."""
_WH = frozenset({"who", "what", "why", "how", "when", "where", "which", "did", "does", "do"})
_MEDIUM = frozenset({"statement", "interview", "tweet", "email", "post", "letter", "speech"})
_PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "dep"})


def cue_kind(tok: Any) -> str | None:
    """``said``/``told``/``reports`` for a cue verb, ``figure`` for a figure's verb, else None."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    if lemma in CUE_KINDS:
        return CUE_KINDS[lemma]
    if lemma in WITH_CLAUSE and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return "said"
    if lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        return "said" if any(c.dep_ == "ccomp" for c in tok.children) else None
    has_object = any(c.dep_ in ("dobj", "agent") for c in tok.children)
    if lemma in WITH_OBJECT and has_object:
        return "figure"
    if lemma == "put" and has_object and any(c.lower_ == "at" for c in tok.children):
        return "figure"  # "the centre put the magnitude at 5.4"
    return None


def is_statement(verb: Any) -> bool:
    """Does this cue report something said (not "did not say", "Did he say?", "will say")?"""
    if any(c.dep_ == "neg" for c in verb.children) or verb.lemma_.lower() in _WITHHOLD:
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in verb.children):
        return False
    if verb.dep_ == "xcomp" and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_.lower() not in _GOES_ON or not is_statement(head):
            return False  # "declined to say", "is expected to say", "did not want to say"
    return not _questioned(verb)


def _questioned(verb: Any) -> bool:
    """Is the cue's own clause a question ("Did she say ...?", "Who told you that?")."""
    doc = verb.doc
    last = next((t for t in reversed(doc) if t.text not in ("”", '"', "’", "'", ")")), None)
    if last is None or last.text != "?":
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    aux_first = any(
        c.dep_ in ("aux", "auxpass") and subj is not None and c.i < subj.i for c in verb.children
    )
    wh_subject = subj is not None and subj.lower_ in _WH
    first = doc[verb.left_edge.i]
    return aux_first or wh_subject or (first.lower_ in _WH and verb.dep_ == "ROOT")


def governing_verb(verb: Any) -> Any:
    """For a participial cue (", saying ...", "..., adding that ...") the verb whose subject
    speaks; the cue itself otherwise."""
    seen = 0
    while verb.tag_ == "VBG" and verb.dep_ in _PARTICIPLE_DEPS and verb.head.i != verb.i:
        verb = verb.head
        seen += 1
        if seen > 3:
            break
    return verb


def cue_tokens(verb: Any) -> list[Any]:
    """The cue as written: the verb with the auxiliaries and adverbs right before it ("has
    also said") and a following "in a statement/interview"."""
    doc = verb.doc
    start = verb.i
    while (
        start > 0
        and doc[start - 1].head.i == verb.i
        and (
            doc[start - 1].dep_ in ("aux", "auxpass", "advmod", "neg")
            and doc[start - 1].pos_ in ("AUX", "ADV", "PART")
        )
    ):
        start -= 1
    end = verb.i + 1
    said_in = end + 2 < len(doc) and doc[end].lower_ == "in" and doc[end + 1].lower_ in ("a", "an")
    if said_in and doc[end + 2].lower_ in _MEDIUM:
        end += 3  # "said in a statement"
    return list(doc[start:end])
