"""Rules that judge a unit by where it stands on the page: around or inside the article body.

Needs a :class:`~newsdesk.clean.frame.Frame` (with the line model's judgement when there is
one); every rule returns the removals it finds, keyed by unit index, and
:func:`body_headings` the removed units it gives back to the body.

``comment``
    a comment thread after the article: two or more comment headers or comment furniture
    lines (``Posted by NAME on DATE``, ``Reply``, ``12 likes``) within a few lines of each
    other, with the comments between and right after them;
``navigation``
    a separator menu outside the body (``Home | News | Sport``, ``World > Asia``);
``related-list``
    a run of headline-like lines (short, capitalised, no final period): two or more outside
    the body, three or more of four words or more between paragraphs of the body;
page furniture (the line model)
    a unit outside the body span whose second-pass debris probability reaches the model's
    threshold; named ``comment``, ``navigation`` or ``related-list`` by the tests above, else
    ``page-furniture``.

:func:`body_headings` keeps what the body needs: a heading-shaped unit inside the body
between two prose paragraphs (a subheading, an all-caps heading, ``Conclusion``) is given
back whatever soft rule removed it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from newsdesk.clean.features import COMMENT_HEADER, COMMENT_META
from newsdesk.clean.frame import Frame
from newsdesk.clean.patterns import CTA_RE
from newsdesk.clean.rules import is_related_header
from newsdesk.clean.text import CLOSING_QUOTES, ends_sentence, is_prose, line_key, words

_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\b\d{1,2}:\d\d\b", re.I)
_MENU_SEPARATOR = re.compile(r"\s*[|•·»›]\s*|\s+(?:>|/|::|-|–)\s+")
MAX_MENU_ITEM_WORDS = 5
COMMENT_GAP = 8
"""Comment furniture lines this close together belong to one thread."""
MIN_COMMENT_MARKS = 2
MIN_COMMENT_MARKS_IN_BODY = 3
"""A thread inside the body span needs this many marks (the span may run into comments)."""
MAX_COMMENT_TAIL = 6
"""Comment lines taken after the last mark of a thread."""
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 20
MIN_RUN_OUTSIDE = 2
MIN_RUN_INSIDE = 3
MIN_RUN_INSIDE_WORDS = 4
MAX_HEADING_WORDS = 20

SOFT_REASONS = frozenset(
    {"promo-headline", "template", "related-list", "navigation", "page-furniture"}
)
"""Reasons :func:`body_headings` may overrule for a heading between two body paragraphs."""


def is_separator_menu(text: str) -> bool:
    """Three or more short capitalised items between separators: ``Home | News | Sport``."""
    parts = [p for p in _MENU_SEPARATOR.split(text) if p.strip()]
    if len(parts) < 3 or ends_sentence(text) or any(c.isdigit() for c in text):
        return False  # a table row has figures; a menu has none
    tokens = [w for p in parts for w in words(p)]
    if not tokens or any(len(words(p)) > MAX_MENU_ITEM_WORDS for p in parts):
        return False
    return sum(1 for t in tokens if t[0].isupper()) >= 0.6 * len(tokens)


def is_headline_like(text: str) -> bool:
    """A teaser headline: a few words starting with a capital, no sentence ending, colon,
    bullet or table separator."""
    n = len(words(text))
    core = text.rstrip(CLOSING_QUOTES)
    if not MIN_HEADLINE_WORDS <= n <= MAX_HEADLINE_WORDS or not core:
        return False
    if core[-1] in ".…:;,?!" or text[0] in "-•*·" or "|" in text or _CLOCK.search(text):
        return False  # a sentence, a list item, a table row, a schedule line
    return text[0].isupper() or text[0] in "\"'‘“"


def _mark(text: str) -> bool:
    return bool(COMMENT_META.search(text) or COMMENT_HEADER.search(text))


def comment_threads(f: Frame) -> dict[int, str]:
    """Comment threads after the start of the article body (see the module docstring)."""
    span = f.span
    start = span.main[0] + 3 if span is not None else 0
    seq = [i for i in f.seq if i >= start]
    marks = [pos for pos, i in enumerate(seq) if _mark(f.text(i))]
    out: dict[int, str] = {}
    k = 0
    while k < len(marks):
        j = k
        while j + 1 < len(marks) and marks[j + 1] - marks[j] <= COMMENT_GAP:
            j += 1
        first, last = marks[k], marks[j]
        inside = all(f.in_body(seq[p]) for p in (first, last))
        needed = MIN_COMMENT_MARKS_IN_BODY if inside and span is not None else MIN_COMMENT_MARKS
        if j - k + 1 >= needed:
            end = last
            while end + 1 < len(seq) and end - last < MAX_COMMENT_TAIL:
                nxt = f.text(seq[end + 1])
                if not (ends_sentence(nxt) or len(words(nxt)) > MAX_HEADLINE_WORDS):
                    break
                end += 1
            for pos in range(first, end + 1):
                if f.free(seq[pos]):
                    out[seq[pos]] = "comment"
        k = j + 1
    return out


def separator_menus(f: Frame) -> dict[int, str]:
    """Separator menus outside the body span."""
    return {
        i: "navigation"
        for i in f.seq
        if f.free(i) and not (f.span is not None and f.in_body(i)) and is_separator_menu(f.text(i))
    }


def headline_runs(f: Frame) -> dict[int, str]:
    """Runs of headline-like lines: a related-stories list without (or after) its header."""
    out: dict[int, str] = {}
    run: list[int] = []
    alive = [i for i in f.seq if i not in f.reasons]
    for i in [*alive, -1]:
        if i >= 0 and f.free(i) and is_headline_like(f.text(i)) and not f.body_starts(i):
            run.append(i)
            continue
        if run and i >= 0 and is_prose(f.text(i)) and _roots(f.text(run[-1])) & _roots(f.text(i)):
            run.pop()  # the last one heads the paragraph after it: a subheading
        inside = f.span is None or any(f.in_body(r) for r in run)
        long_enough = all(len(words(f.text(r))) >= MIN_RUN_INSIDE_WORDS for r in run)
        if len(run) >= (MIN_RUN_INSIDE if inside else MIN_RUN_OUTSIDE) and (
            long_enough or not inside
        ):
            out.update(dict.fromkeys(run, "related-list"))
        run = []
    return out


def _furniture_reason(f: Frame, i: int, marks: list[int]) -> str:
    """The name of a furniture unit's kind; ``marks`` are the sorted comment-mark units."""
    text = f.text(i)
    k = bisect_left(marks, i - COMMENT_GAP)
    if f.after_body(i) and k < len(marks) and marks[k] <= i + 1:
        return "comment"
    if is_separator_menu(text) or (len(words(text)) <= 3 and not ends_sentence(text)):
        return "navigation"
    if is_headline_like(text):
        return "related-list"
    return "page-furniture"


def page_furniture(f: Frame) -> dict[int, str]:
    """Units outside the body span that the line model judges page furniture."""
    found = [i for i in f.seq if f.free(i) and f.furniture(i)]
    marks = [j for j in f.seq if _mark(f.text(j))] if found else []
    return {i: _furniture_reason(f, i, marks) for i in found}


_LABEL_PREFIX = re.compile(r"[^:]{2,60}:\s")
GENERIC_HEADING_WORDS = 4
"""A heading this short (``Conclusion``, ``FAQs``, ``Pros and cons``) is kept as it is; a
longer one must share a word with the paragraph it heads (else it is another story's
headline)."""


HEADLINE_LOOKBACK = 6
"""The article's headline is looked for this many units before a start of the body."""
MAX_HEADLINE_SCAN = 30
HEADLINE_BODY_UNITS = 12
LEAD_LOOKBACK = 25
LEAD_MIN_WORDS = 12
MIN_CONTINUATION = 0.25
HARD_REASONS = frozenset(
    {"dateline", "byline", "caption", "photo-credit", "interface-label", "share-widget",
     "advertisement", "loading", "metadata", "bare-link", "rights-notice", "call-to-action",
     "sign-off", "contributor-credit", "author-bio", "repeated-line", "image-alt",
     "comment"}
)  # fmt: skip
"""Reasons that say what a line is, so it cannot be the article's headline."""
MIN_HEADLINE_OVERLAP = 0.4
HEADLINE_DETOUR = 2
"""Datelines and bylines passed over between a headline and the deck line below it."""
MIN_HEADLINE_SHARED = 2


_STOP_ROOTS = frozenset(
    "the and for with from that this have will said says after over into about more than".split()
)


def _roots(text: str) -> frozenset[str]:
    """First four letters of each content word (hyphenated words split): a loose stem that
    lets ``driving`` meet ``driver`` and ``Wrong-way`` meet ``wrong``."""
    parts = (p for w in words(text) for p in re.split(r"[-'’]", w.casefold()))
    return frozenset(p[:4] for p in parts if len(p) >= 3 and p not in _STOP_ROOTS)


def _body_starts(f: Frame) -> dict[int, int]:
    """Where the article body starts, with how far back its heading may be: each segment of
    the span and prose paragraphs shortly before the main segment (a body interrupted by a
    block of links) get :data:`HEADLINE_LOOKBACK`; prose paragraphs after it that continue the
    article (sharing :data:`MIN_CONTINUATION` of their words with it) get one line: a
    subheading right above them."""
    span = f.span
    if span is None:
        return {}
    a, b = span.main
    starts = dict.fromkeys((x for x, _ in (span.main, *span.extra)), HEADLINE_LOOKBACK)
    for i in f.seq:
        if a - LEAD_LOOKBACK <= i < a and is_prose(f.text(i), LEAD_MIN_WORDS):
            starts.setdefault(i, HEADLINE_LOOKBACK)
    body = frozenset().union(*(_roots(f.text(i)) for i in f.seq if a <= i <= b))
    for i in f.seq:
        if b < i <= b + LEAD_LOOKBACK and is_prose(f.text(i), LEAD_MIN_WORDS):
            own = _roots(f.text(i))
            if own and len(own & body) >= MIN_CONTINUATION * len(own):
                starts.setdefault(i, 1)
    return dict(sorted(starts.items()))


def _headline_candidate(f: Frame, i: int) -> bool:
    text = f.text(i)
    if f.reasons.get(i) in HARD_REASONS or text.rstrip(CLOSING_QUOTES).endswith("."):
        return False
    if f.reasons.get(i) == "teaser-headline" and f.ctx.title_key is not None:
        return False  # the document has its own title: a line over an image is alt text
    n = len(words(text))
    return MIN_HEADLINE_WORDS <= n <= MAX_HEADLINE_WORDS and not _LABEL_PREFIX.match(text)


def _prose_roots(f: Frame, from_pos: int) -> frozenset[str]:
    """Word roots of the first :data:`HEADLINE_BODY_UNITS` prose units of the body from a
    position on (units outside the span skipped, but prose shortly before it counted)."""
    roots: set[str] = set()
    taken = 0
    for i in f.seq[from_pos:]:
        if taken >= HEADLINE_BODY_UNITS:
            break
        if is_prose(f.text(i)) and (f.in_body(i) or is_prose(f.text(i), LEAD_MIN_WORDS)):
            roots |= _roots(f.text(i))
            taken += 1
    return frozenset(roots)


def _matches_body(f: Frame, i: int, body: frozenset[str]) -> float | None:
    """Share of the unit's roots found in the body, if it could be the article's headline."""
    if not _headline_candidate(f, i):
        return None
    own = _roots(f.text(i))
    shared = len(own & body)
    if not own or shared < MIN_HEADLINE_SHARED or shared < MIN_HEADLINE_OVERLAP * len(own):
        return None
    return shared / len(own)


def article_headlines(f: Frame) -> set[int]:
    """The article's own headline (and a deck line right after it): a headline-shaped unit
    just before a start of the body, or opening it, sharing its words with the body's first
    paragraphs. Lines removed by a rule that names them (bylines, datelines) or by a soft rule
    (furniture) are passed over when counting how far back to look. Kept whatever soft rule
    removed it."""
    kept: set[int] = set()
    if any(f.reasons.get(i) == "repeated-line" and f.ctx.title_key == line_key(f.text(i))
           for i in f.seq):  # fmt: skip
        return kept  # the headline is the document's known title, repeated in the body
    pos = {i: k for k, i in enumerate(f.seq)}
    for start, lookback in _body_starts(f).items():
        if start not in pos:
            continue
        k = pos[start]
        body = _prose_roots(f, k)
        best: tuple[float, int] | None = None
        back = near = 0
        for i in [*f.seq[k : k + 2], *reversed(f.seq[max(0, k - MAX_HEADLINE_SCAN) : k])]:
            reason = f.reasons.get(i)
            if reason in HARD_REASONS:
                continue
            if i < start:
                if near >= 1 and lookback == 1:
                    break  # a continuation's heading is the line right above it
                near += 1
                if reason is None:
                    back += 1
                    if back > lookback:
                        break
            share = _matches_body(f, i, body)
            if share is None:
                continue
            score = share - 0.05 * (back if i < start else 0)
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            continue
        kept.add(best[1])
        nxt = pos[best[1]] + 1
        if nxt < len(f.seq) and f.seq[nxt] != start and _matches_body(f, f.seq[nxt], body):
            kept.add(f.seq[nxt])
        above = _line_above(f, best[1], pos)
        if above is not None and _heads_deck(f, above, pos) and _matches_body(f, above, body):
            kept.add(above)
    return kept


def _line_above(f: Frame, i: int, pos: dict[int, int]) -> int | None:
    """The unit before ``i`` in the sequence, passing over a dateline or byline (which stand
    between a headline and its deck)."""
    k = pos[i]
    for j in reversed(f.seq[max(0, k - 1 - HEADLINE_DETOUR) : k]):
        if f.reasons.get(j) not in HARD_REASONS:
            return j
    return None


def _heads_deck(f: Frame, i: int, pos: dict[int, int]) -> bool:
    """Could ``i`` be the headline over the deck line below it: headline-shaped, and not the
    last item of a list (the unit above it is neither headline-shaped nor a list header)."""
    if not is_headline_like(f.text(i)):
        return False
    above = _line_above(f, i, pos)
    if above is None:
        return True
    text = f.text(above)
    return not (is_headline_like(text) or is_related_header(text))


def _heading_shaped(text: str) -> bool:
    """Short, no final period, and not a ``LABEL: ...`` line (``Read more: ...``, a promo's
    ``OUTLET INVESTIGATES: ...`` kicker)."""
    n = len(words(text))
    if not 1 <= n <= MAX_HEADING_WORDS or _LABEL_PREFIX.match(text):
        return False
    return not text.rstrip(CLOSING_QUOTES).endswith(".")


def body_headings(f: Frame) -> set[int]:
    """Removed units that are headings of the body: heading-shaped, removed by a soft rule,
    right between two surviving prose units (inside the body span or not: prose around it
    is kept), not a call to action, and either short (a generic heading) or sharing two words
    with the paragraph after it."""
    kept: set[int] = set()
    for before, i, after in zip(f.seq, f.seq[1:], f.seq[2:], strict=False):
        if f.reasons.get(i) not in SOFT_REASONS:
            continue
        if before in f.reasons or after in f.reasons:
            continue
        text = f.text(i)
        if not (_heading_shaped(text) and is_prose(f.text(before)) and is_prose(f.text(after))):
            continue
        if CTA_RE.search(text):
            continue
        shared = len(_roots(text) & _roots(f.text(after)))
        if len(words(text)) <= GENERIC_HEADING_WORDS or shared >= MIN_HEADLINE_SHARED:
            kept.add(i)
    return kept
