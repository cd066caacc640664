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
from newsdesk.clean.text import TERMINAL, ends_sentence, line_key, normalize, words
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
    """A short text followed by a credit: ``Caption words. (NAME/AFP via Getty Images)``."""
    parts = split_credit(text)
    return parts is not None and 0 < len(words(parts[0])) <= p.MAX_CAPTION_WORDS


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
    """A metadata line made only of labels and dates: ``date 2024-01-05 loading…``."""
    if len(words(text)) > p.MAX_DATELINE_WORDS:
        return False
    rest, found = text, 0
    for pattern in p.DATE_RES:
        rest, n = pattern.subn(" ", rest)
        found += n
    if not found:
        return False
    for pattern in p.DATE_EXTRA_RES:
        rest = pattern.sub(" ", rest)
    return p.DATE_SEPARATORS_RE.sub("", rest) == ""


def _name_tokens_ok(rest: str, allowed_lower: frozenset[str], limit: int) -> bool:
    tokens = [t for t in p.NAME_SPLIT_RE.split(rest.strip(" .()")) if t]
    if not tokens or len(tokens) > limit or not tokens[0][0].isupper():
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in allowed_lower for t in tokens)


def is_byline(text: str, ctx: DocContext) -> bool:
    """``By NAME [and NAME] [, OUTLET]``, or a line that is just a known author's name."""
    key = line_key(text)
    if key in ctx.author_keys or any(key == f"by {a}" for a in ctx.author_keys):
        return True
    m = p.BYLINE_RE.fullmatch(text)
    if not m or (text.endswith(".") and not re.search(r"\b\w\.$", text)):
        return False
    return _name_tokens_ok(m.group(1), p.NAME_CONNECTORS, p.MAX_BYLINE_TOKENS)


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
    """``NAME is a writer for OUTLET`` (a known author, or with contact details) and
    ``You can follow him on Twitter @x``."""
    m = p.BIO_RE.match(text)
    if m and (line_key(m.group("name")) in ctx.author_keys or p.CONTACT_RE.search(text)):
        return True
    return (
        p.CONTACT_LINE_RE.match(text) is not None
        and p.CONTACT_RE.search(text) is not None
        and len(words(text)) <= p.MAX_CONTACT_WORDS
    )


def is_rights_notice(text: str, ctx: DocContext) -> bool:
    """``Copyright 2024 OUTLET. All rights reserved.`` and the wire redistribution notice."""
    if len(words(text)) > p.MAX_RIGHTS_WORDS:
        return False
    all_rights, copyright_year, wire = p.RIGHTS_RES
    return bool(all_rights.search(text) or copyright_year.match(text) or wire.match(text))


# ---------------------------------------------------------------- promos and lists


def is_related_header(text: str) -> bool:
    """``You might also like``, ``Read more``, ``Related``, ``More from OUTLET``."""
    if ends_sentence(text):
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
    Shorter all-caps lines are kept as subheadings; sentences (all-caps ledes) are kept."""
    if ends_sentence(text):
        return False
    if p.PROMO_LABEL_RE.fullmatch(text):
        return True
    if text[-1] == "?" or not p.MIN_PROMO_WORDS <= len(words(text)) <= p.MAX_PROMO_WORDS:
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def is_call_to_action(text: str, ctx: DocContext) -> bool:
    """``Click here to ...``, ``Sign up for ...``, ``Download the ... app``."""
    return len(words(text)) <= p.MAX_CTA_WORDS and any(r.match(text) for r in p.CTA_RES)


def is_title_repeat(text: str, ctx: DocContext) -> bool:
    """The document's own title repeated in the body."""
    return ctx.title_key is not None and line_key(text) == ctx.title_key


LINE_RULES: tuple[LineRule, ...] = (
    LineRule("repeated-line", is_title_repeat),
    LineRule("advertisement", is_advertisement),
    LineRule("loading", is_loading),
    LineRule("share-widget", is_share_widget),
    LineRule("dateline", is_dateline),
    LineRule("sign-off", is_sign_off),
    LineRule("rights-notice", is_rights_notice),
    LineRule("photo-credit", is_photo_credit),
    LineRule("caption", is_caption),
    LineRule("byline", is_byline),
    LineRule("contributor-credit", is_contributor_credit),
    LineRule("author-bio", is_author_bio),
    LineRule("related-list", is_related),
    LineRule("promo-headline", is_promo_headline),
    LineRule("call-to-action", is_call_to_action),
)
"""Context-free rules, in priority order."""

INLINE_RULES: tuple[InlineRule, ...] = (InlineRule("email-obfuscation", p.EMAIL_OBFUSCATION_RE),)
"""Spans removed from inside a line, leaving the rest of the line to the line rules."""


def line_reason(text: str, ctx: DocContext) -> str | None:
    """The reason of the first line rule that fires on ``text``, else ``None``."""
    if not text:
        return None
    for rule in LINE_RULES:
        if rule.test(text, ctx):
            return rule.reason
    return None
