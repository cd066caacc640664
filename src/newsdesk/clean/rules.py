"""Single-line debris rules: each is a named predicate over one normalised line.

:data:`LINE_RULES` is the ordered table (first match wins); :data:`INLINE_RULES` removes a
span *inside* a line (the rest of the line is then judged on its own). Every rule is written
so that it cannot fire on a line built from ordinary lowercase words ending in ``.``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsdesk.clean import patterns as p
from newsdesk.clean.text import TERMINAL, ends_sentence, line_key, mostly_caps, normalize, words
from newsdesk.records import RawDocument


@dataclass(frozen=True, slots=True)
class DocContext:
    """What the rules may know about the document besides the line itself."""

    title_key: str | None = None
    author_keys: frozenset[str] = field(default_factory=frozenset)
    outlet: str | None = None

    @classmethod
    def of(cls, doc: RawDocument) -> DocContext:
        title = line_key(doc.title) if doc.title and doc.title.strip() else None
        authors = frozenset(line_key(a) for a in doc.authors if a.strip())
        return cls(title, authors, doc.outlet)


Predicate = Callable[[str, DocContext], bool]

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True, slots=True)
class LineRule:
    reason: str
    test: Predicate
    """Called with the normalised line text (never empty) and the document context."""


@dataclass(frozen=True, slots=True)
class InlineRule:
    reason: str
    pattern: re.Pattern[str]


# ---------------------------------------------------------------- credits and captions


def _credit_inner(inner: str) -> bool:
    inner = normalize(inner)
    if p.PHOTO_WORD_RE.search(inner) and ("/" in inner or ":" in inner):
        return True
    if p.AGENCY_ONLY_RE.fullmatch(inner):
        return True
    has_agency = p.AGENCY_RE.search(inner) is not None
    return (has_agency and ("/" in inner or " via " in inner)) or bool(p.VIA_CAPS_RE.search(inner))


def _name_like(credit: str) -> bool:
    tokens = words(credit)
    return len(tokens) <= p.MAX_CREDIT_WORDS and all(
        t[0].isupper() or t[0].isdigit() or t.lower() in p.CREDIT_WORDS for t in tokens
    )


def split_credit(text: str) -> tuple[str, str] | None:
    """Split a line that ends with a photo credit into ``(caption, credit)``."""
    if text.endswith(tuple(TERMINAL)):
        return None
    best: int | None = None
    m = p.TRAILING_PAREN_RE.search(text)
    if m and _credit_inner(m.group(1)):
        best = m.start()
    for pattern in p.TRAILING_CREDIT_RES:
        m = pattern.search(text)
        if m and _name_like(m.group(0)) and (best is None or m.start() < best):
            best = m.start()
    if best is None:
        return None
    return text[:best].strip(), text[best:].strip()


def is_photo_credit(text: str, ctx: DocContext) -> bool:
    """The whole line is a credit: ``Copyright NAME/AGENCY``, ``(AP Photo/NAME)``."""
    parts = split_credit(text)
    return parts is not None and not words(parts[0])


def is_caption(text: str, ctx: DocContext) -> bool:
    """A short text followed by a credit: ``Caption words. (NAME/AFP via Getty Images)``; or
    a caption by its shape: ``... in this June 3, 2007 file photo.``, ``STAFF PHOTO BY NAME
    ...``, ``ABOVE: ...``, ``NAME, left, and NAME ...``."""
    parts = split_credit(text)
    if parts is not None and 0 < len(words(parts[0])) <= p.MAX_CAPTION_WORDS:
        return True
    if len(words(text)) > p.MAX_CAPTION_WORDS:
        return False
    if re.search(r"\b(?:said|says|told|tells|added|asked)\b", text):
        return False
    return any(r.match(text) if r.pattern.startswith(("(?:S", "(?:A", ".")) else r.search(text)
               for r in p.CAPTION_SHAPE_RES)  # fmt: skip


# ---------------------------------------------------------------- widgets, ads, loading


def is_share_widget(text: str, ctx: DocContext) -> bool:
    """Only share/comment/UI-button words, glued or not: ``Share this articleComments``."""
    if text[-1] in TERMINAL:
        return False
    unglued = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text).lower()
    if re.search(r"[^\w\s|•·/():,\-]", unglued):
        return False
    tokens = re.findall(r"[a-z]+(?:-[a-z]+)?", unglued)
    if not tokens or len(tokens) > p.MAX_WIDGET_TOKENS:
        return False
    return all(t in p.WIDGET_WORDS for t in tokens) and any(t in p.WIDGET_ANCHORS for t in tokens)


def is_interface_label(text: str) -> bool:
    """A page control: ``Back to top``, ``Print this article``, ``Page 1 of 2``, ``Font:``,
    ``Login or register``, ``[ - ] Text [ + ]``: only control words, numbers and marks,
    with at least one word that only controls use."""
    if text[-1] == "." and not text.endswith("..."):
        return False
    lowered = text.lower()
    if re.search(r"[^\w\s|•·/():,\-\[\]+?!.>»«<&'’]", lowered):
        return False
    tokens = p.UI_TOKEN_RE.findall(lowered)
    if not tokens or len(tokens) > p.MAX_UI_TOKENS:
        return False
    if not all(t in p.UI_WORDS for t in tokens):
        return False
    return any(t in p.UI_ANCHORS for t in tokens) or p.UI_PHRASES.search(lowered) is not None


def _is_interface_label(text: str, ctx: DocContext) -> bool:
    return is_interface_label(text)


def _bare(text: str) -> str:
    return text.strip(" -–—:|*[]()•·").strip()


def is_advertisement(text: str, ctx: DocContext) -> bool:
    """``ADVERTISEMENT``, ``Story continues below advertisement``, ``Sponsored content``."""
    return p.AD_RE.fullmatch(_bare(text)) is not None


def is_loading(text: str, ctx: DocContext) -> bool:
    """``loading…``, ``Loading video``, ``Please wait...``."""
    return p.LOADING_RE.fullmatch(_bare(text)) is not None


# ---------------------------------------------------------------- metadata lines


def is_dateline(text: str, ctx: DocContext) -> bool:
    """A metadata line made only of labels and dates: ``date 2024-01-05 loading…``, or a
    time after an update label: ``Updated at 1:23 p.m.``."""
    if len(words(text)) > p.MAX_DATELINE_WORDS:
        return False
    rest, found = text, 0
    for pattern in p.DATE_RES:
        rest, n = pattern.subn(" ", rest)
        found += n
    if not found and not (p.STAMP_LABEL_RE.match(text) and p.DATE_EXTRA_RES[0].search(text)):
        return False
    for pattern in (*p.DATE_EXTRA_RES, p.AGENCY_RE, *p.DATE_SOURCE_RES):
        rest = pattern.sub(" ", rest)
    return p.DATE_SEPARATORS_RE.sub("", rest) == ""


def _without_dates(text: str) -> str:
    for pattern in (*p.DATE_RES, *p.DATE_TIME_RES):
        text = pattern.sub(" ", text)
    return text


def is_metadata(text: str, ctx: DocContext) -> bool:
    """``Tags: a, b``, ``Filed under: X |``, ``Reading time: 2 minutes``, ``5 min read``."""
    if len(words(text)) > p.MAX_META_WORDS or text.endswith("."):
        return False
    return any(r.fullmatch(text) for r in p.META_LINE_RES)


def _name_tokens_ok(rest: str, allowed_lower: frozenset[str], limit: int) -> bool:
    tokens = [t for t in p.NAME_SPLIT_RE.split(rest.strip(" .()")) if t]
    if not tokens or len(tokens) > limit or not tokens[0][0].isupper():
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in allowed_lower for t in tokens)


def _credit_line(text: str) -> bool:
    """A short line of capitalised words that names a role or ends with a news organisation:
    ``Tom Lee | TV and Radio Writer``, ``Hugh Gentry, Reuters``, ``ELAINE THOMPSON AP``."""
    tokens = [t for t in p.NAME_SPLIT_RE.split(text.strip(" .()")) if t]
    if not 1 <= len(tokens) <= p.MAX_CREDIT_LINE_WORDS or ends_sentence(text):
        return False
    if not all(t[0].isupper() or t.lower() in p.NAME_CONNECTORS for t in tokens):
        return False
    lowered = {t.lower() for t in tokens}
    roles = lowered & {"writer", "reporter", "correspondent", "editor", "columnist"}
    named = lowered - p.NAME_CONNECTORS
    return bool(roles and named) or p.NEWS_ORG_END_RE.search(text) is not None


def is_byline(text: str, ctx: DocContext) -> bool:
    """``By NAME [and NAME] [, ROLE] [, OUTLET] [DATE]``, a line that is just a known author's
    name, a role without a name (``Staff writer``), ``Editor: NAME``, a wire agency alone
    (``Reuters``), or a short credit line (``NAME, AGENCY``, ``NAME | ROLE``)."""
    key = line_key(text)
    if key in ctx.author_keys or any(key == f"by {a}" for a in ctx.author_keys):
        return True
    if p.ROLE_LINE_RE.fullmatch(text) or p.AGENCY_LINE_RE.fullmatch(text):
        return True
    label = p.CREDIT_LABEL_RE.fullmatch(text)
    if label and not ends_sentence(text):
        return _name_tokens_ok(_without_dates(label.group(1)), p.NAME_CONNECTORS, 8)
    m = p.BYLINE_RE.fullmatch(text)
    if not m:
        return _credit_line(text)
    if text.endswith(".") and not re.search(r"\b\w\.$", text):
        return False
    rest = re.sub(r"\((?i:our|staff|special)[^()]{0,40}\)", " ", _without_dates(m.group(1)))
    return _name_tokens_ok(rest, p.NAME_CONNECTORS, p.MAX_BYLINE_TOKENS)


def is_sign_off(text: str, ctx: DocContext) -> bool:
    """Desk codes ``(abc)``, ``ahm/kb (AFP)``, ``Authored by NAME via OUTLET DATE``, ``-30-``."""
    return any(pattern.fullmatch(text) for pattern in p.SIGNOFF_RES)


def is_contributor_credit(text: str, ctx: DocContext) -> bool:
    """``X's A and B contributed to this report.``, ``(Reporting by A; Editing by B)``."""
    if len(words(text)) > p.MAX_CONTRIB_WORDS:
        return False
    if p.CONTRIB_TAIL_RE.search(text):
        return True
    m = p.CONTRIB_LEAD_RE.fullmatch(text)
    return m is not None and _name_tokens_ok(m.group(1), p.CONTRIB_WORDS, p.MAX_CONTRIB_WORDS)


def is_author_bio(text: str, ctx: DocContext) -> bool:
    """``NAME is a writer for OUTLET`` or ``NAME covers/writes about/reports on X for OUTLET``
    (a known author, or with contact details), and a short line with a contact sentence
    (``... Follow him on Twitter @x.``, ``Write to NAME at name@example.com``)."""
    for pattern in (p.BIO_RE, p.BEAT_RE):
        m = pattern.match(text)
        if m and (line_key(m.group("name")) in ctx.author_keys or p.CONTACT_RE.search(text)):
            return True
    if len(words(text)) > p.MAX_CONTACT_WORDS or not p.CONTACT_RE.search(text):
        return False
    return any(
        p.CONTACT_LINE_RE.match(s) and p.CONTACT_RE.search(s) for s in _SENTENCE_BREAK.split(text)
    )


def is_bare_link(text: str, ctx: DocContext) -> bool:
    """A line that is only an address: ``name@example.com``, ``twitter.com/name``, an image
    URL, or an article URL (``https://example.com/news/a-long-article-slug-123``)."""
    return " " not in text and any(r.fullmatch(text) for r in p.BARE_LINK_RES)


def is_rights_notice(text: str, ctx: DocContext) -> bool:
    """``Copyright 2024 OUTLET. All rights reserved.``, the wire redistribution notice and the
    reprint notice (``This copy is for your personal, non-commercial use only.``)."""
    n = len(words(text))
    if n > p.MAX_RIGHTS_WORDS:
        return False
    if p.RIGHTS_RE.search(text):
        return True
    if n > p.MAX_SHORT_RIGHTS_WORDS or p.SHORT_RIGHTS_RE.fullmatch(text) is None:
        return False
    return not ends_sentence(text) or text.lstrip().startswith(("(c)", "(C)", "©"))


# ---------------------------------------------------------------- promos and lists


def is_related_header(text: str) -> bool:
    """``You might also like``, ``Read more``, ``Related``, ``More from OUTLET``."""
    text = text.removesuffix("...").removesuffix("…")
    if not text or ends_sentence(text):
        return False
    bare = _bare(text).rstrip(":").strip()
    return bare.lower() in p.RELATED_HEADERS or p.MORE_FROM_RE.fullmatch(bare) is not None


def is_related(text: str, ctx: DocContext) -> bool:
    """A related-stories header, or an inline ``Read more: HEADLINE`` link."""
    if is_related_header(text):
        return True
    return p.INLINE_RELATED_RE.fullmatch(text) is not None and not text.endswith(".")


def is_promo_headline(text: str, ctx: DocContext) -> bool:
    """An all-caps headline of headline length inside the body, or ``WATCH: headline``.
    Shorter all-caps lines are kept as subheadings; sentences (all-caps ledes) and questions
    are kept, except a question after a kicker (``OUTLET INVESTIGATES: WHO OWNS ...?``)."""
    headline_length = p.MIN_PROMO_WORDS <= len(words(text)) <= p.MAX_PROMO_WORDS
    if ends_sentence(text):
        m = p.KICKER_QUESTION_RE.fullmatch(text) if headline_length else None
        if m is None or not p.MIN_KICKER_WORDS <= len(words(m.group(1))) <= p.MAX_KICKER_WORDS:
            return False
        return mostly_caps(text)
    if p.PROMO_LABEL_RE.fullmatch(text):
        return True
    return headline_length and mostly_caps(text)


def is_call_to_action(text: str, ctx: DocContext) -> bool:
    """``Click here to ...``, ``Sign up for ...``, ``Download the ... app``, and a short line
    with a sentence inviting to a newsletter (``Get the OUTLET's morning newsletter``)."""
    n = len(words(text))
    if n > p.MAX_NEWSLETTER_WORDS:
        return False
    if p.NEWSLETTER_HEADING_RE.fullmatch(text):
        return True
    if n <= p.MAX_CTA_WORDS and p.CTA_RE.search(text):
        return True
    return p.NEWSLETTER_RE.search(text) is not None


def is_title_repeat(text: str, ctx: DocContext) -> bool:
    """The document's own title repeated in the body."""
    return ctx.title_key is not None and line_key(text) == ctx.title_key


LINE_RULES: tuple[LineRule, ...] = (
    LineRule("repeated-line", is_title_repeat),
    LineRule("advertisement", is_advertisement),
    LineRule("loading", is_loading),
    LineRule("share-widget", is_share_widget),
    LineRule("interface-label", _is_interface_label),
    LineRule("dateline", is_dateline),
    LineRule("metadata", is_metadata),
    LineRule("sign-off", is_sign_off),
    LineRule("rights-notice", is_rights_notice),
    LineRule("photo-credit", is_photo_credit),
    LineRule("caption", is_caption),
    LineRule("byline", is_byline),
    LineRule("contributor-credit", is_contributor_credit),
    LineRule("author-bio", is_author_bio),
    LineRule("bare-link", is_bare_link),
    LineRule("related-list", is_related),
    LineRule("promo-headline", is_promo_headline),
    LineRule("call-to-action", is_call_to_action),
)
"""Context-free rules, in priority order."""

INLINE_RULES: tuple[InlineRule, ...] = (
    InlineRule("email-obfuscation", p.EMAIL_OBFUSCATION_RE),
    InlineRule("rights-notice", p.GLUED_NOTICE_RE),
)
"""Spans removed from inside a line, leaving the rest of the line to the line rules."""


def line_reason(text: str, ctx: DocContext) -> str | None:
    """The reason of the first line rule that fires on ``text``, else ``None``."""
    if not text:
        return None
    for rule in LINE_RULES:
        if rule.test(text, ctx):
            return rule.reason
    return None
