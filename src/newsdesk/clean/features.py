"""Numeric features of a document's units (lines) for the line model: shape and neighbourhood.

Needs the units' texts and their single-line rule reasons; produces float matrices (numpy),
one row per unit, in the column order of :data:`PAGE_FEATURES` (first pass: what a line
looks like and what surrounds it) and :data:`SPAN_FEATURES` (second pass: where it stands
against the article body found from the first pass). The training script
(``bench/train_line_model.py``) and the cleaner both call these functions, so a model is
always fed the features it was trained on.

Also here: the tokens of the bag-of-words line model (:func:`bow_tokens`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from newsdesk.clean.text import content_stems, ends_sentence, line_key, mostly_caps, words

Matrix = npt.NDArray[np.float64]

PROSE_MIN_WORDS = 8
"""A unit of this many words that ends a sentence is prose."""
SHORT_MAX_WORDS = 12
NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
WINDOWS = (2, 5, 10, 20)
FAR = 50.0
"""Distances are capped here."""

_STOPWORDS = frozenset(
    """a an the of on in at to for and or but nor with by from that which who whom whose as
    than into onto over under after before about between against during without within across
    through per its their his her our your my is are was were be been has have had will would
    could should may might must can not said says it this these those there here he she they
    we you i me him them us up out off down also more most very just so all any some no if
    when while where what how then because""".split()
)
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}[:.]\d\d\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.I,
)
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"\s+ago\b|\b(?:yesterday|today) at\b",
    re.I,
)
_SEPARATORS = re.compile(r"[|•·»›]| - | / | :: ")
_LINK = re.compile(r"@|https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.I)
COMMENT_META = re.compile(
    r"(?i:^(?:[-–—•·]\s*)?(?:posted|comment(?:ed)?|written|submitted|sent|added)\s+by\b.{1,80}"
    r"(?:\b(?:on|at)\b|@|\d{1,2}[:.]\d\d|\b(?:19|20)\d\d\b|ago\b)"
    r"|^[-–—?]\s*posted\s+by\s+\S.{0,60}$"
    r"|^(?:reply|reply to this|report(?: abuse| this comment)?|inappropriate\?.*|flag"
    r"|permalink|recommend(?:ed)?|like|\d+\s+(?:likes?|replies|points?|votes?|recommendations?)"
    r"|(?:\d+\s+)?(?:people )?(?:agree|disagree)d?)\s*[.!]?$"
    r"|^[A-Z][\w .'’@-]{0,40}\s(?-i:wrote|says|said)\s*:$)"
)
"""The furniture of a comment thread: ``Posted by NAME on DATE``, ``Reply``, ``12 likes``."""
COMMENT_HEADER = re.compile(
    r"(?i:^(?:\d+\s+)?(?:reader\s+|user\s+|your\s+)?comments?\b(?:\s*\(\d+\))?.{0,30}$"
    r"|^(?:add|post|leave|write|submit)\s+(?:a|your|new)\s+comments?\b.{0,30}$"
    r"|^(?:have your say|join the (?:discussion|conversation)|tell us what you think"
    r"|what do you think\??|\d+\s+responses?\s+to\b.*|discuss this (?:article|story).*)$)"
)
"""A line opening a comment thread: ``5 comments so far``, ``Post a comment``."""

REASON_GROUPS: dict[str, int] = {
    "advertisement": 1, "loading": 1, "share-widget": 2, "interface-label": 2, "navigation": 2,
    "dateline": 3, "metadata": 3, "sign-off": 4, "rights-notice": 4, "photo-credit": 5,
    "caption": 5, "byline": 6, "contributor-credit": 6, "author-bio": 6, "bare-link": 7,
    "related-list": 8, "promo-headline": 8, "call-to-action": 9, "repeated-line": 10,
    "comment": 11,
}  # fmt: skip
"""Single-line rule reasons, grouped, as one categorical feature."""

_SHAPE = (
    "words", "log_chars", "ends_sentence", "ends_colon", "ends_question", "cap_share",
    "stopword_share", "digit_share", "commas_per_word", "separators", "has_date",
    "relative_time", "starts_lower", "starts_digit", "starts_bullet", "all_caps", "copyright",
    "link", "mean_word_length", "edge_pipe", "rule", "repeats", "comment_meta",
    "comment_header", "bow",
)  # fmt: skip
_NEIGHBOUR = ("words", "ends_sentence", "cap_share", "prose", "rule", "separators", "bow")
PAGE_FEATURES: tuple[str, ...] = (
    *_SHAPE,
    "stem_overlap_next_prose",
    "stem_overlap_previous_prose",
    *(f"{name}@{d:+d}" for d in NEIGHBOURS for name in _NEIGHBOUR),
    *(f"{name}~{w}" for w in WINDOWS for name in ("prose_share", "short_share", "bow_mean")),
    "lines_from_prose_above",
    "lines_from_prose_below",
    "relative_position",
    "short_run_length",
    "short_run_position",
    "comment_meta~5",
    "lines_from_comment_header",
)
SPAN_FEATURES: tuple[str, ...] = (
    "p",
    "p_min~2",
    "p_max~2",
    "p_mean~5",
    "span_distance",
    "before_span",
    "in_extra_segment",
    "main_span_units",
    "lead_overlap",
    "span_overlap",
    "candidates_closer",
)


def bow_tokens(text: str) -> list[str]:
    """Lower-cased word tokens and separator marks, then their bigrams."""
    tokens = re.findall(r"\w+|[|©»›•·:@]", text.lower())
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def _shape(text: str, rule: int, repeats: int, bow: float) -> list[float]:
    w = words(text)
    n = len(w)
    stripped = text.rstrip("\"'”’)]")
    return [
        float(n),
        math.log1p(len(text)),
        float(ends_sentence(text)),
        float(text.endswith(":")),
        float(stripped.endswith("?")),
        sum(1 for x in w if x[0].isupper()) / n if n else 0.0,
        sum(1 for x in w if x.lower() in _STOPWORDS) / n if n else 0.0,
        sum(c.isdigit() for c in text) / len(text),
        text.count(",") / (n + 1),
        float(len(_SEPARATORS.findall(text))),
        float(bool(_DATE.search(text))),
        float(bool(_RELATIVE_TIME.search(text))),
        float(text[0].islower()),
        float(text[0].isdigit()),
        float(text[0] in "-•*»·"),
        float(mostly_caps(text)),
        float("©" in text or "copyright" in text.lower()),
        float(bool(_LINK.search(text))),
        sum(len(x) for x in w) / n if n else 0.0,
        float(text.startswith("|") or text.endswith("|")),
        float(rule),
        float(repeats),
        float(bool(COMMENT_META.search(text))),
        float(bool(COMMENT_HEADER.search(text))),
        bow,
    ]


def _distances(flags: Sequence[bool]) -> tuple[list[float], list[float]]:
    """Lines to the nearest flagged line above and below (capped at :data:`FAR`)."""
    m = len(flags)
    up, down = [FAR] * m, [FAR] * m
    last: int | None = None
    for i in range(m):
        if last is not None:
            up[i] = min(FAR, float(i - last))
        if flags[i]:
            last = i
    last = None
    for i in range(m - 1, -1, -1):
        if last is not None:
            down[i] = min(FAR, float(last - i))
        if flags[i]:
            last = i
    return up, down


def _window_mean(values: npt.NDArray[np.float64], w: int) -> npt.NDArray[np.float64]:
    m = len(values)
    cum = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(m)
    lo, hi = np.clip(idx - w, 0, m), np.clip(idx + w + 1, 0, m)
    out: npt.NDArray[np.float64] = (cum[hi] - cum[lo]) / (hi - lo)
    return out


def _overlap(stems: frozenset[str], other: frozenset[str] | None) -> float:
    return len(stems & other) / len(stems) if stems and other else 0.0


def page_features(
    texts: Sequence[str], reasons: Sequence[str | None], bow: Sequence[float]
) -> Matrix:
    """First-pass features (:data:`PAGE_FEATURES`) of every unit."""
    m = len(texts)
    if m == 0:
        return np.zeros((0, len(PAGE_FEATURES)))
    keys = Counter(line_key(t) for t in texts)
    rules = [REASON_GROUPS.get(r or "", 0) for r in reasons]
    shape = np.array(
        [_shape(t, r, keys[line_key(t)], b) for t, r, b in zip(texts, rules, bow, strict=True)]
    )
    n_words = shape[:, 0]
    sentence = shape[:, 2] > 0
    prose = sentence & (n_words >= PROSE_MIN_WORDS)
    short = ~sentence & (n_words <= SHORT_MAX_WORDS)
    stems = [content_stems(t) for t in texts]
    prose_above, prose_below = _distances(list(prose))
    header_above, _ = _distances(list(shape[:, 23] > 0))
    next_prose: list[int | None] = [None] * m
    prev_prose: list[int | None] = [None] * m
    last: int | None = None
    for i in range(m):
        prev_prose[i] = last
        if prose[i]:
            last = i
    last = None
    for i in range(m - 1, -1, -1):
        next_prose[i] = last
        if prose[i]:
            last = i
    run_length = np.zeros(m)
    run_position = np.zeros(m)
    i = 0
    while i < m:
        j = i
        while j < m and short[j] == short[i]:
            j += 1
        if short[i]:
            run_length[i:j] = j - i
            run_position[i:j] = np.arange(j - i)
        i = j
    neighbour_columns = np.column_stack(
        [n_words, sentence, shape[:, 5], prose, shape[:, 20], shape[:, 9], shape[:, 24]]
    ).astype(float)
    blocks = [shape]

    def stems_at(index: int | None) -> frozenset[str] | None:
        return stems[index] if index is not None else None

    overlaps = [
        [_overlap(stems[u], stems_at(next_prose[u])), _overlap(stems[u], stems_at(prev_prose[u]))]
        for u in range(m)
    ]
    blocks.append(np.array(overlaps))
    for d in NEIGHBOURS:
        shifted = np.full((m, neighbour_columns.shape[1]), -1.0)
        lo, hi = max(0, -d), min(m, m - d)
        if hi > lo:
            shifted[lo:hi] = neighbour_columns[lo + d : hi + d]
        blocks.append(shifted)
    for w in WINDOWS:
        blocks.append(
            np.column_stack(
                [
                    _window_mean(prose.astype(float), w),
                    _window_mean(short.astype(float), w),
                    _window_mean(shape[:, 24], w),
                ]
            )
        )
    blocks.append(
        np.column_stack(
            [
                prose_above,
                prose_below,
                np.arange(m) / m,
                run_length,
                run_position,
                _window_mean(shape[:, 22], 5),
                header_above,
            ]
        )
    )
    out = np.hstack(blocks)
    assert out.shape[1] == len(PAGE_FEATURES)
    return out


@dataclass(frozen=True, slots=True)
class Span:
    """The article body as found by the first pass: a main segment of units and any extra
    segments (a body interrupted by a long block of related links), inclusive bounds."""

    main: tuple[int, int]
    extra: tuple[tuple[int, int], ...] = ()

    def contains(self, i: int) -> bool:
        return any(a <= i <= b for a, b in (self.main, *self.extra))

    def distance(self, i: int) -> int:
        """Units between ``i`` and the nearest segment (0 inside one)."""
        return min(max(a - i, i - b, 0) for a, b in (self.main, *self.extra))


def _closer(values: Sequence[float]) -> list[int]:
    """For each position ``i``, how many later positions hold a value at least ``values[i]``
    (0 where ``values[i]`` is 0): a Fenwick tree over value ranks, O(n log n)."""
    ranks = {v: r for r, v in enumerate(sorted(set(values)), 1)}
    tree = [0] * (len(ranks) + 1)
    out = [0] * len(values)
    for seen, i in enumerate(range(len(values) - 1, -1, -1)):
        r = ranks[values[i]]
        below, k = 0, r - 1
        while k > 0:
            below += tree[k]
            k -= k & -k
        out[i] = seen - below if values[i] > 0 else 0
        k = r
        while k < len(tree):
            tree[k] += 1
            k += k & -k
    return out


def span_features(texts: Sequence[str], p: npt.NDArray[np.float64], span: Span) -> Matrix:
    """Second-pass features (:data:`SPAN_FEATURES`): first-pass debris probability around
    each unit and where the unit stands against the body span."""
    m = len(texts)
    a, b = span.main
    stems = [content_stems(t) for t in texts]
    lead: set[str] = set()
    body: set[str] = set()
    taken = 0
    for i in range(a, b + 1):
        body |= stems[i]
        if taken < 3 and ends_sentence(texts[i]) and len(words(texts[i])) >= PROSE_MIN_WORDS:
            lead |= stems[i]
            taken += 1
    lead_stems, body_stems = frozenset(lead), frozenset(body)
    lead_overlap = [_overlap(s, lead_stems) for s in stems]
    closer_counts = _closer(lead_overlap[:a])
    rows = []
    for i in range(m):
        lo, hi = max(0, i - 2), min(m, i + 3)
        closer = closer_counts[i] if i < a else 0
        rows.append(
            [
                p[i],
                float(p[lo:hi].min()),
                float(p[lo:hi].max()),
                float(p[max(0, i - 5) : i + 6].mean()),
                min(FAR, float(span.distance(i))),
                float(i < a),
                float(any(x <= i <= y for x, y in span.extra)),
                float(b - a + 1),
                lead_overlap[i],
                _overlap(stems[i], body_stems),
                float(closer) if i < a else -1.0,
            ]
        )
    return np.array(rows, dtype=float).reshape(m, len(SPAN_FEATURES))
