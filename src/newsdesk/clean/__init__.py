"""Clean: remove scraping debris from plain-text article bodies, keeping an audit trail.

Needs: :class:`~newsdesk.records.RawDocument` (``text`` is the body, title already removed).
Produces: :class:`~newsdesk.records.CleanedText` whose ``removed`` holds one
:class:`~newsdesk.records.Removal` per removed span, with ``raw[start:end] == text`` exactly
(spans are trimmed of outer whitespace; a hard-wrapped unit's span includes its newlines; a
removed line is one span, inline removals inside it included).

The cleaned text is the kept units, each whitespace-normalised, joined by blank lines.
Every non-blank input line ends up either in the cleaned text or in a removal. Work is
near-linear in the length of the text (units are capped in length and judged once; rule
rounds are bounded).

Rules (each a named function with its reason; general, never per-site):

single line (:data:`~newsdesk.clean.rules.LINE_RULES`, first match wins)
    ``repeated-line`` (the title again), ``advertisement``, ``loading``, ``share-widget``,
    ``interface-label`` (``Back to top``, ``Print this article``, ``Page 1 of 2``),
    ``dateline`` (dates, times, zones, stamp labels, a source domain or agency code),
    ``metadata``, ``sign-off``, ``rights-notice``, ``photo-credit``, ``caption`` (with a
    credit, or by its shape: ``... file photo.``, ``STAFF PHOTO BY``, ``ABOVE:``, ``NAME, left,
    ...``), ``byline`` (``By NAME, ROLE DATE``, ``Staff writer``, ``Editor: NAME``, an agency
    alone, ``NAME, AGENCY``), ``contributor-credit``, ``author-bio``, ``bare-link``,
    ``related-list``, ``promo-headline``, ``call-to-action``
inside a line (:data:`~newsdesk.clean.rules.INLINE_RULES`)
    ``email-obfuscation``; ``rights-notice`` glued after the last sentence of a paragraph
    (only the notice goes)
by context (:mod:`~newsdesk.clean.context`)
    ``caption`` (a caption repeated with its credit), ``image-alt`` / ``teaser-headline``,
    orphan ``image-alt``, ``related-list`` (after a header, up to the article's own start; or
    3+ glued teaser items), ``template`` (per-outlet statistics, see :class:`TemplateStats`:
    a line in 2+ articles of the same outlet; other outlets never count, and a heading of a
    body paragraph is never template), ``repeated-line``
by page (:mod:`~newsdesk.clean.page`; only for texts that may be whole pages: ``txt``,
``jsonl``, or an HTML page taken whole)
    the line model (:mod:`~newsdesk.clean.linemodel`, trained on L3S-GN1 dev pages) finds the
    article body span from each line's shape and neighbours; outside it, ``comment``
    (comment threads), ``navigation`` (separator menus, short labels), ``related-list``
    (runs of headline-like lines) and ``page-furniture``. The article's headline before the
    body is kept.

What the body keeps: a heading between two prose paragraphs (generic, or sharing a word with
the paragraph it heads) is given back whatever soft rule removed it; the line model never
removes a statement (a sentence ending in a full stop, or any sentence of eight words or
more), and the contextual rules never remove a line that ends a sentence except the
caption-repeat, exact-repeat, glued-teaser and comment-thread rules. An un-punctuated first
line of six or more words (a dek) is protected from the contextual and statistical rules
unless it describes the caption after it. Context rules are re-applied to the surviving
lines until nothing changes.

Overrides: :attr:`CleanConfig.keep` holds reasons never applied and line texts never removed
(the CLI's ``--keep``); :mod:`~newsdesk.clean.explain` says why each span went.
"""

from __future__ import annotations

from newsdesk.clean.cleaner import CONTEXT_RULES, CleanConfig, Cleaner, clean_documents
from newsdesk.clean.rules import INLINE_RULES, LINE_RULES, DocContext, line_reason
from newsdesk.clean.template import TemplateStats

__all__ = [
    "CONTEXT_RULES",
    "INLINE_RULES",
    "LINE_RULES",
    "CleanConfig",
    "Cleaner",
    "DocContext",
    "TemplateStats",
    "clean_documents",
    "line_reason",
]
