"""Tables, schedules and numbered lists of the article body, given back to it.

Needs a :class:`~newsdesk.clean.frame.Frame` after the context rules have run; produces the
units that a soft rule (the line model's page furniture, a menu or a headline run) removed
but that belong to a block of figures standing in the article: a schedule after the last
paragraph (``Saturday`` / ``Seattle at Green Bay, 4:30 p.m.``), a record table
(``1994-1999`` / ``Celtic`` / ``112 (15)``), the rest of a numbered list whose first items
the body kept (``4. NAME``).

A block starts right after a surviving unit of the body (inside the body span, or a prose
paragraph) and runs over removed and surviving short units up to the next prose paragraph,
a unit a hard rule removed (a share widget, a rights notice), a list header or a menu. It is
given back when at least half of its units carry a figure and none of the removed units
reads like a headline, code or a notice (a list of related stories, a script, a copyright
line). Trailing units without a figure are left out (``Story tools`` after a schedule).
"""

from __future__ import annotations

import re

from newsdesk.clean.frame import Frame
from newsdesk.clean.page import is_headline_like, is_separator_menu
from newsdesk.clean.rules import is_related_header
from newsdesk.clean.text import is_prose

GIVE_BACK = frozenset({"navigation", "page-furniture", "related-list"})
"""Removals a block of figures may overrule: judgements by shape and place, not by content."""
MAX_BLOCK_UNITS = 25
MIN_FIGURE_SHARE = 0.5
MIN_BLOCK_UNITS = 2
ANCHOR_WORDS = 8
"""A prose paragraph of this many words outside the span may start a block."""
_FIGURE = re.compile(r"\d")
_NOT_A_CELL = re.compile(r"[{};<>=©]|&(?:lt|gt|amp);|\bcopyright\b", re.I)
"""Code, markup and notices: never a cell of an article's table."""


def _ends_block(f: Frame, i: int) -> bool:
    text = f.text(i)
    if i in f.reasons and f.reasons[i] not in GIVE_BACK:
        return True
    if i not in f.reasons and is_prose(text):
        return True
    return is_related_header(text) or is_separator_menu(text)


def _block(f: Frame, pos: int) -> list[int]:
    """The units after position ``pos`` of the sequence up to the end of the block (one
    more than :data:`MAX_BLOCK_UNITS` when it runs longer)."""
    out: list[int] = []
    for i in f.seq[pos + 1 : pos + 2 + MAX_BLOCK_UNITS]:
        if _ends_block(f, i):
            break
        out.append(i)
    return out


def _is_figures(f: Frame, block: list[int]) -> bool:
    removed = [i for i in block if i in f.reasons]
    if not removed or not MIN_BLOCK_UNITS <= len(block) <= MAX_BLOCK_UNITS:
        return False
    if any(is_headline_like(f.text(i)) or _NOT_A_CELL.search(f.text(i)) for i in removed):
        return False
    figures = sum(1 for i in block if _FIGURE.search(f.text(i)))
    return figures >= MIN_FIGURE_SHARE * len(block)


def _anchor(f: Frame, i: int) -> bool:
    if i in f.reasons:
        return False
    return (f.span is not None and f.in_body(i)) or is_prose(f.text(i), ANCHOR_WORDS)


def body_tables(f: Frame) -> set[int]:
    """Removed units of the blocks of figures that continue the body (module docstring)."""
    if f.span is None:
        return set()
    kept: set[int] = set()
    pos = 0
    while pos < len(f.seq):
        if not _anchor(f, f.seq[pos]):
            pos += 1
            continue
        block = _block(f, pos)
        if len(block) > MAX_BLOCK_UNITS or not _is_figures(f, block):
            pos += 1
            continue
        while block and not _FIGURE.search(f.text(block[-1])):
            block.pop()
        kept.update(i for i in block if i in f.reasons)
        pos += len(block) + 1
    return kept
