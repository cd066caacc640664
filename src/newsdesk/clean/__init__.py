"""Clean: remove scraping debris from plain-text article bodies, keeping an audit trail.

Needs: :class:`~newsdesk.records.RawDocument` (``text`` is the body, title already removed).
Produces: :class:`~newsdesk.records.CleanedText` whose ``removed`` holds one
:class:`~newsdesk.records.Removal` per removed span, with ``raw[start:end] == text`` exactly
(spans are trimmed of outer whitespace; a hard-wrapped unit's span includes its newlines; a
removed line is one span, inline removals inside it included).

The cleaned text is the kept units, each whitespace-normalised, joined by blank lines.
Every non-blank input line ends up either in the cleaned text or in a removal.

Rules (each a named function with its reason; general, never per-site):

single line (:data:`~newsdesk.clean.rules.LINE_RULES`, first match wins)
    ``repeated-line`` (the title again), ``advertisement``, ``loading``, ``share-widget``,
    ``dateline``, ``metadata`` (``Tags: ...``, ``5 min read``), ``sign-off``, ``rights-notice``
    (incl. the reprint notice), ``photo-credit``, ``caption``, ``byline``,
    ``contributor-credit``, ``author-bio`` (``NAME is a reporter for X``, ``NAME covers Y for X``,
    contact lines), ``bare-link`` (a line that is only an e-mail, profile, image or article
    URL), ``related-list`` (a header, or ``Read more: X``), ``promo-headline`` (all caps, 8+
    words, not a question unless after a kicker: ``OUTLET INVESTIGATES: WHO ...?``),
    ``call-to-action`` (incl. newsletter invitations)
inside a line (:data:`~newsdesk.clean.rules.INLINE_RULES`)
    ``email-obfuscation``
by context (:data:`~newsdesk.clean.context.CONTEXT_RULES`)
    ``caption`` (a caption repeated with its credit), ``image-alt`` / ``teaser-headline``
    (a short un-punctuated line right before a caption: up to 5 words / more), ``image-alt``
    (an orphan: a short un-punctuated line between two prose paragraphs whose content words
    all echo the paragraph before), ``related-list`` (the headlines after a related header, or
    a run of 3+ list items that are each a headline glued to its summary), ``template``
    (cross-document statistics, see :class:`TemplateStats`), ``repeated-line`` (a copy of the
    previous line, or a far copy of a non-question sentence of 10+ words; the first copy is
    kept)

Hard invariant: a line that ends a sentence is never removed by the contextual or
statistical rules (only by the explicit single-line patterns above, the caption-repeat rule,
the exact-repeat rule which keeps the first copy, and a run of 3+ glued teaser list items).
An un-punctuated first line of six or more words (a dek/standfirst) is protected from the
contextual and statistical rules, unless it describes the caption or credit right after it
(same block, or half its content words in the caption): then it is alt text or a teaser.
Context rules are re-applied to the surviving lines until nothing changes, so cleaning the
cleaned text again removes nothing (without fitted statistics).
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
