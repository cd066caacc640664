"""The bounds newsdesk keeps on work and memory, whatever its input.

Needs: nothing (defaults), or the ``NEWSDESK_MAX_TEXT`` environment variable / the CLI's
``--max-text`` option for the one limit users commonly change.
Produces: a :class:`Limits` record that ingest (sizes, depth) and the facts stage (length,
time budget) read. An input past a size or depth limit is an ``error: FILE: too large`` /
``too deeply nested`` line and the rest of the batch goes on; an article past a facts limit
is still stored and briefed, with its analysis truncated or its facts skipped and a note
saying so.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

MIB = 1024 * 1024
MAX_TEXT_ENV = "NEWSDESK_MAX_TEXT"
DEFAULT_MAX_TEXT = 10_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    max_text_chars: int = DEFAULT_MAX_TEXT
    """Longest document text (characters) ingest accepts; a longer document is rejected."""
    max_markup_bytes: int = 10 * MIB
    """Largest HTML page (a file, a WARC record, a JSONL ``html`` field) or feed file that is
    parsed. Parsing costs about 30 bytes of memory per byte of HTML."""
    max_gzip_bytes: int = 1024 * MIB
    """Largest gzip-compressed input file."""
    max_inflated_bytes: int = 4096 * MIB
    """Most bytes one gzip stream may inflate to (a whole ``.jsonl.gz`` or ``.warc.gz``)."""
    max_inflate_ratio: int = 200
    """A gzip stream inflating more than this many times its compressed size (checked once
    past ``ratio_check_bytes``) is a decompression bomb."""
    ratio_check_bytes: int = 16 * MIB
    max_depth: int = 100
    """Deepest nesting of JSON values (a JSONL line) and XML elements (a feed)."""
    analysis_chars: int = 200_000
    """The facts stage, the summary and duplicate detection read at most this many characters
    of an article (cut at a paragraph break; the article is stored and shown whole). The
    summary compares sentences pairwise and MinHash holds a hash per shingle and
    permutation, so their cost would otherwise grow past any bound with one huge article."""
    facts_seconds: float = 20.0
    """Time budget of the facts stage for one article; past it the article's facts are
    skipped with a note (enforced with a timer signal in the main thread)."""

    @property
    def max_record_bytes(self) -> int:
        """Most bytes of one plain-text document (a text file, a JSONL line): four per
        character of the text limit, the most UTF-8 can need."""
        return 4 * self.max_text_chars

    @classmethod
    def from_env(cls, max_text_chars: int | None = None) -> Limits:
        """Defaults, with the text limit from the argument, else ``$NEWSDESK_MAX_TEXT``."""
        if max_text_chars is None:
            raw = os.environ.get(MAX_TEXT_ENV, "").strip()
            max_text_chars = parse_size(raw) if raw else DEFAULT_MAX_TEXT
        if max_text_chars < 1:
            raise ValueError("the text limit must be at least 1 character")
        return cls(max_text_chars=max_text_chars)


_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}


def parse_size(value: str) -> int:
    """``"10000"``, ``"500k"``, ``"10M"`` or ``"10MB"`` as a number of characters."""
    text = value.strip().lower().removesuffix("b")
    unit = text[-1:] if text[-1:] in _UNITS and text[-1:] else ""
    number = text[: len(text) - len(unit)].strip()
    try:
        amount = float(number)
    except ValueError:
        raise ValueError(f"not a size: {value!r} (use e.g. 10000000, 500k or 10M)") from None
    if not math.isfinite(amount) or amount < 1 or amount * _UNITS[unit] > 10**12:
        raise ValueError(f"not a size: {value!r} (use e.g. 10000000, 500k or 10M)")
    return int(amount * _UNITS[unit])
