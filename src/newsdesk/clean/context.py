"""Rules that judge a line by its neighbours or by cross-document statistics.

Each rule takes a :class:`Frame` (the units still in play, in order, and the reasons decided
so far) and returns the new removals it finds. None of them removes a line that ends a
sentence, except the caption-repeat rule (a caption line repeated with its credit appended),
the exact-repeat rule (the first copy is kept), a short question headline (``?``) inside
a related-stories list, and an item of a run of three or more ``- HeadlineSummary`` list items
(a flattened teaser block, whose summaries may end in ``.``). Other lines ending in ``.`` are
never removed by these rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from newsdesk.clean.features import Span
from newsdesk.clean.frame import Frame
from newsdesk.clean.rules import is_related_header, split_credit
from newsdesk.clean.text import (
    CLOSING_QUOTES,
    Unit,
    content_stems,
    ends_sentence,
    is_prose,
    line_key,
    mostly_caps,
    template_key,
    words,
)

CREDIT_REASONS = frozenset({"caption", "photo-credit"})
MAX_LABEL_WORDS = 14
"""Longest un-punctuated line taken for an image alt text or a teaser headline."""
MAX_ALT_WORDS = 5
"""Up to this many words an un-punctuated line before a caption is ``image-alt``, above it
``teaser-headline`` (the headline of an embedded video or story)."""
MAX_ORPHAN_ALT_WORDS = 8
MIN_ORPHAN_ALT_STEMS = 3
"""An orphan alt line has at most this many words and at least this many content words."""
MAX_HEADLINE_WORDS = 25
MAX_QUESTION_HEADLINE_WORDS = 15
MIN_REPEAT_WORDS = 4
"""A line repeated right after itself is removed unless it is a sentence shorter than this."""
MIN_FAR_REPEAT_WORDS = 10
"""A line repeated further away is removed only if it is a sentence of this many words."""


def describes_image(units: Sequence[Unit], line: int, caption: int) -> bool:
    """Is ``line`` (just before the caption unit) the image's alt text or a teaser: in the same
    block as the caption, or with at least half of its content words in the caption?"""
    if units[line].block == units[caption].block:
        return True
    own = content_stems(units[line].text)
    return bool(own) and len(own & content_stems(units[caption].text)) * 2 >= len(own)


def find_dek(
    units: Sequence[Unit],
    seq: Sequence[int],
    reasons: dict[int, str],
    min_words: int,
    span: Span | None = None,
) -> int | None:
    """The first surviving unit (from two units before the body span, when one was found), if
    it is an un-punctuated line of ``min_words`` or more that does not describe the caption or
    credit right after it (alt text is not a dek)."""
    first = span.main[0] - 2 if span is not None else 0
    candidates = [i for i in seq if i >= first]
    for pos, i in enumerate(candidates):
        if i in reasons:
            continue
        text = units[i].text
        if len(words(text)) < min_words or ends_sentence(text):
            return None
        after = candidates[pos + 1] if pos + 1 < len(candidates) else None
        if after is not None and reasons.get(after) in CREDIT_REASONS:
            return None if describes_image(units, i, after) else i
        return i
    return None


def caption_repeats(f: Frame) -> dict[int, str]:
    """A line next to a caption that is that caption without its credit."""
    out: dict[int, str] = {}
    for a, b in pairwise(f.seq):
        for plain, captioned in ((a, b), (b, a)):
            if plain in f.reasons or f.reasons.get(captioned) != "caption":
                continue
            parts = split_credit(f.text(captioned))
            if parts and line_key(parts[0]) == line_key(f.text(plain)):
                out[plain] = "caption"
    return out


def _is_label(text: str) -> bool:
    return 1 <= len(words(text)) <= MAX_LABEL_WORDS and not ends_sentence(text)


def alt_lines(f: Frame) -> dict[int, str]:
    """A short un-punctuated line right before a caption or credit: image alt text
    (``Russian passport``) or the headline of an embedded video/teaser. Only the line that
    was next to the caption in the text: a line is never alt text because the one after it
    was."""
    out: dict[int, str] = {}
    for a, b in pairwise(f.seq):
        if f.reasons.get(a + 1) not in (*CREDIT_REASONS, None) or a + 1 > b:
            continue
        if f.free(a) and f.reasons.get(b) in CREDIT_REASONS and _is_label(f.text(a)):
            short = len(words(f.text(a))) <= MAX_ALT_WORDS
            out[a] = "image-alt" if short else "teaser-headline"
    return out


def orphan_alt_lines(f: Frame) -> dict[int, str]:
    """A short un-punctuated line between two prose paragraphs whose content words all echo
    the paragraph before it: the alt text of an image left without its caption. Subheadings
    (which announce the paragraph after them) and all-caps lines are left alone."""
    out: dict[int, str] = {}
    alive = [i for i in f.seq if i not in f.reasons]
    for before, i, after in zip(alive, alive[1:], alive[2:], strict=False):
        text = f.text(i)
        if not f.free(i) or not 1 <= len(words(text)) <= MAX_ORPHAN_ALT_WORDS:
            continue
        if ends_sentence(text) or text.endswith((":", ",")) or text[0].isdigit():
            continue  # a list item or a table row, not alt text
        if not (is_prose(f.text(before)) and is_prose(f.text(after))) or mostly_caps(text):
            continue
        own = content_stems(text)
        if len(own) >= MIN_ORPHAN_ALT_STEMS and own <= content_stems(f.text(before)):
            out[i] = "image-alt"
    return out


def is_headline(text: str) -> bool:
    """A list item of a related-stories block: a short line that is not a sentence."""
    n = len(words(text))
    core = text.rstrip(CLOSING_QUOTES)
    if not 1 <= n <= MAX_HEADLINE_WORDS or not core or text[0].islower():
        return False
    if core[-1] in "?!":
        return n <= MAX_QUESTION_HEADLINE_WORDS
    return core[-1] not in ".…"


def related_items(f: Frame) -> dict[int, str]:
    """The headline lines after a ``You might also like`` / ``Read more`` header, up to the
    article's own headline or body (where the line model sees the article start)."""
    out: dict[int, str] = {}
    listing = False
    for i in f.seq:
        if is_related_header(f.text(i)):
            listing = True
        elif i in f.reasons:
            continue
        elif listing and f.free(i) and is_headline(f.text(i)) and not f.body_starts(i):
            out[i] = "related-list"
        else:
            listing = False
    return out


GLUED_TEASER_RE = re.compile(
    r"[-•*] (?:\S+ ){2,}\S*[a-z0-9?!’')](?:[A-Z][a-z’']*|[A-Z]\.)(?: \S+){3,}"
)
"""A list item made of a headline glued to its summary: ``- Rams top BearsNeither side ...``
(the markup between them was dropped, so a lowercase letter or ``?`` runs into a capital).
Only in scraped text: a brand written in camel case (``CloudSimple``) looks the same, and
HTML ingest never glues."""
TEASER_ITEM_RE = re.compile(r"[-•*] [^·.!?]{8,140}[^\s·] · [A-Z\"“‘'][^·]{15,}")
"""A list item whose headline and summary HTML ingest joined with `` · ``."""
MIN_TEASER_RUN = 3


def _teaser_item(f: Frame, text: str) -> bool:
    if TEASER_ITEM_RE.fullmatch(text):
        return True
    return f.page and GLUED_TEASER_RE.fullmatch(text) is not None


def glued_teasers(f: Frame) -> dict[int, str]:
    """Runs of three or more list items that are each a headline glued to its summary: a
    related-stories block whose markup was flattened. Single items are never taken."""
    out: dict[int, str] = {}
    run: list[int] = []
    for i in [*f.seq, -1]:
        if i in f.reasons:
            continue
        if i >= 0 and f.free(i) and _teaser_item(f, f.text(i)):
            run.append(i)
            continue
        if len(run) >= MIN_TEASER_RUN:
            out.update(dict.fromkeys(run, "related-list"))
        run = []
    return out


def template_lines(f: Frame) -> dict[int, str]:
    """Lines that recur across articles of the outlet (see
    :class:`~newsdesk.clean.template.TemplateStats`); a line that ends a sentence is never
    template, nor a line of the body that heads a paragraph."""
    out: dict[int, str] = {}
    for pos, i in enumerate(f.seq):
        text = f.text(i)
        if not f.free(i) or ends_sentence(text) or not f.is_template(template_key(text)):
            continue
        after = f.seq[pos + 1] if pos + 1 < len(f.seq) else None
        if f.in_body(i) and after is not None and is_prose(f.text(after)):
            continue  # a heading of the body ("Conclusion", "FAQs") recurring in one outlet
        out[i] = "template"
    return out


def repeated_lines(f: Frame) -> dict[int, str]:
    """A copy of the previous surviving line (unless a short sentence), or a later copy of a
    long sentence anywhere (a duplicated paragraph or a pull quote; not a question, which an
    interview may ask each guest in turn). The first copy is kept."""
    out: dict[int, str] = {}
    seen: set[str] = set()
    previous: str | None = None
    for i in f.seq:
        if i in f.reasons:
            continue
        text = f.text(i)
        key, n = line_key(text), len(words(text))
        adjacent = key == previous and (n >= MIN_REPEAT_WORDS or not ends_sentence(text))
        far = key in seen and n >= MIN_FAR_REPEAT_WORDS and ends_sentence(text)
        far = far and not text.rstrip(CLOSING_QUOTES + ")]").endswith("?")
        if adjacent or far:
            out[i] = "repeated-line"
            continue
        seen.add(key)
        previous = key
    return out


LOCAL_RULES: tuple[Callable[[Frame], dict[int, str]], ...] = (
    caption_repeats,
    alt_lines,
    orphan_alt_lines,
    related_items,
    glued_teasers,
    template_lines,
    repeated_lines,
)
"""The rules of this module, in the order the cleaner applies them."""
