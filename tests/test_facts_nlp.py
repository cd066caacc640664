"""The facts stage's spaCy pipeline: the fast attribute matching changes no token."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.facts._nlp import MODEL, FastAttributes, _nlp, head_of, parse, parse_many
from newsdesk.sentences import split_sentences

SENTENCES = [
    "The harbour master said on Tuesday that 40 boats sank near the pier.",
    "There's a ferry, isn't there?",
    "Y'all ain't seen nothin' yet, the captain told reporters.",
    "I did it, didn't I? She'd have known what it was.",
    "Whether or not the pier reopens, it is the town's; we've got to try.",
    "  Spaces   around   words .",
    "He gets what he got: the ferry's 2 1/2 tonnes of cargo.",
]


def _plain_pipeline() -> object:
    import spacy

    return spacy.load(MODEL, disable=["ner"])


def _tokens(doc: object) -> list[tuple[str, str, str, str, str, int]]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.head.i) for t in doc]  # type: ignore[attr-defined]


def _same_as_spacy(texts: list[str]) -> None:
    plain = _plain_pipeline()
    fast = _nlp()
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):  # type: ignore[attr-defined]
        assert _tokens(a) == _tokens(b), a.text


def test_fast_attributes_match_spacy_on_tricky_sentences() -> None:
    _same_as_spacy(SENTENCES)


@pytest.mark.slow
def test_fast_attributes_match_spacy_on_real_news(data_dir: Path) -> None:
    root = data_dir / "polnear-train" / "text"
    if not root.is_dir():
        pytest.skip("PolNeAR not found")
    texts = [
        s.text for p in sorted(root.glob("*.txt"))[:15] for s in split_sentences(p.read_text())
    ]
    assert len(texts) > 200
    _same_as_spacy(texts)


def test_fast_attributes_rejects_unknown_pattern_values() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        FastAttributes([{"patterns": [[{"LOWER": {"FUZZY": "x"}}]], "attrs": {}}], {})


def test_parse_is_cached_and_batched() -> None:
    parse_many(SENTENCES[:2])
    doc = parse(SENTENCES[0])
    assert parse(SENTENCES[0]) is doc
    said = next(t for t in doc if t.lower_ == "said")
    assert said.lemma_ == "say" and said.pos_ == "VERB"
    assert head_of(list(doc)).dep_ == "ROOT"
