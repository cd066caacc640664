"""A learned cue detector for verbs the hand rules of :mod:`._cues` do not list.

Needs: spaCy tokens of a parsed sentence. Produces: :func:`stance_score`, the probability
that a verb is the cue of an attribution in the PolNeAR sense (a statement, belief or
stance of a source: "criticized", "called for", "wants", "struggled to answer"), and
:func:`may_hold_cue`, a cheap test of whether a sentence holds a word the model has seen
as a cue (so that only those sentences need a parse).

The model is a logistic regression over sparse features of the verb and its parse
neighbourhood (:func:`features`), trained on the development part of PolNeAR by
``bench/train_cue_model.py`` and shipped as ``data/cue_model.v1.json``: a version, the
training set's description, its held-out score, the decision threshold, the bias, the
feature weights and the cue words. Loading it needs nothing beyond the standard library.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from newsdesk.facts._cues import governing_verb

__all__ = ["MODEL_PATH", "CueModel", "features", "load_model", "may_hold_cue", "stance_score"]

MODEL_PATH = Path(__file__).with_name("data") / "cue_model.v1.json"
_QUOTES = frozenset({"“", "”", '"', "''", "``"})


def features(tok: Any) -> list[str]:
    """Sparse features of a candidate cue verb: its words, tags, dependency relations and
    those of its head and children, the words around it, and whether it sits in a quote."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    kids = [c for c in tok.children]
    deps = {c.dep_ for c in kids}
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    quotes_before = sum(1 for t in doc[: tok.i] if t.text in _QUOTES)
    out = [
        "bias",
        f"lemma={lemma}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"lemma|dep={lemma}|{tok.dep_}",
        f"head={tok.head.lemma_.lower()}",
        f"head_dep={tok.head.dep_}",
        f"prev={prev}",
        f"next={nxt}",
        f"lemma|next={lemma}|{nxt}",
        f"subj={subj.pos_ if subj is not None else 'none'}",
        f"lemma|subj={lemma}|{subj.pos_ if subj is not None else 'none'}",
        f"in_quote={quotes_before % 2}",
    ]
    out += [f"child={d}" for d in deps]
    out += [f"lemma|child={lemma}|{d}" for d in deps if d in _KEY_DEPS]
    if subj is not None and subj.lower_ in ("i", "we", "you"):
        out.append("subj_first_person")
    if "auxpass" in deps or "nsubjpass" in deps:
        out.append("passive")
    speaker = _subject_of(governing_verb(tok))
    if speaker is not None:
        word = "PROPN" if speaker.pos_ == "PROPN" else speaker.lemma_.lower()
        out.append(f"speaker={word}")
    else:
        out.append("speaker=none")
    return out


def _subject_of(verb: Any) -> Any:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


_KEY_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "nsubj", "advcl", "prt", "dative"})


class CueModel:
    """The shipped weights: ``score(tok)`` is the probability that ``tok`` is a cue."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version: str = data["version"]
        self.threshold: float = float(data["threshold"])
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}
        self.words: frozenset[str] = frozenset(data["words"])
        self.held_out: dict[str, Any] = data.get("held_out", {})

    def score(self, tok: Any) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features(tok))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_model(path: Path = MODEL_PATH) -> CueModel | None:
    """The shipped model, or ``None`` when the file is missing (then only hand rules run)."""
    if not path.is_file():
        return None
    return CueModel(json.loads(path.read_text(encoding="utf-8")))


def stance_score(tok: Any) -> float:
    """Probability that the verb ``tok`` is an attribution cue (0 without a model)."""
    model = load_model()
    if model is None or tok.pos_ != "VERB":
        return 0.0
    return model.score(tok)


_WORD = re.compile(r"[a-z]+")


def may_hold_cue(sentence: str) -> bool:
    """Does the sentence hold a word the model has seen as a cue (worth a parse)?"""
    model = load_model()
    if model is None:
        return False
    return not model.words.isdisjoint(_WORD.findall(sentence.lower()))
