"""Typed records that pass between pipeline stages.

Every stage takes and returns these dataclasses, never loose tuples or dicts.
The flow is::

    ingest  -> RawDocument
    clean   -> CleanedText (body + Removal list)   -> Article (stored)
    dedupe  -> DuplicateLink (Article.duplicate_of, ParagraphReuse)
    cluster -> Story
    facts   -> Quantity, Attribution, Fact, EventMeasure
    align   -> FactGroup (mentions + label + independent origins), Claim -> ClaimGroup,
               HeadlineFigure (one presented figure per event measure, with its history)
    brief   -> Brief (BriefSentence with SourceRef, the headline figures)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from newsdesk._unicode import utf8

# ---------------------------------------------------------------- ingest / clean


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One report as read from disk, before cleaning.

    ``text`` is the body as plain text (for HTML this is the extractor's output),
    paragraphs separated by blank lines. Metadata fields are ``None``/empty when
    the input does not state them.
    """

    source: str
    """Where it came from: a file path, ``path#line`` for JSONL, ``path#entry`` for feeds."""
    format: str
    """One of ``txt``, ``html``, ``jsonl``, ``feed``, ``warc``."""
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    """ISO 8601 date (``YYYY-MM-DD``) or datetime."""
    outlet: str | None = None
    url: str | None = None
    repairs: tuple[str, ...] = ()
    """What ingest had to repair to read the input (a replaced charset, dropped NUL bytes,
    bytes replaced by U+FFFD, :data:`PAGE_TEXT`); empty when it was read as it is."""


PAGE_TEXT = "whole page text: the extractor found no article body"
"""The repair of an HTML page whose text was taken whole (cleaning then judges it as a page)."""


@dataclass(frozen=True, slots=True)
class Removal:
    """A span the clean stage removed from the body, with the rule that fired."""

    text: str
    reason: str
    start: int
    """Character offset of the span in ``RawDocument.text``."""
    end: int


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Output of the clean stage for one document."""

    text: str
    removed: tuple[Removal, ...] = ()


def content_hash(*parts: str | None) -> str:
    """A stable hex digest of the given parts (``None`` counts as empty).

    Never raises: a lone surrogate hashes as U+FFFD, the character ingest replaces it with."""
    h = hashlib.sha256()
    for p in parts:
        h.update(utf8(p or ""))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(slots=True)
class Article:
    """A cleaned report, as stored. ``id`` is a content hash, so re-ingesting is a no-op."""

    id: str
    source: str
    format: str
    title: str
    raw_text: str
    text: str
    removed: tuple[Removal, ...] = ()
    authors: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    duplicate_of: str | None = None
    """Id of the earlier article this one copies (exact or near duplicate), else ``None``."""
    duplicate_kind: str | None = None
    """``exact`` or ``near`` when ``duplicate_of`` is set."""
    repairs: tuple[str, ...] = ()
    """:attr:`RawDocument.repairs`: what decoding repaired to read the input."""

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


# ---------------------------------------------------------------- dedupe / cluster


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """``article_id`` copies ``original_id`` (the earlier or first-seen one)."""

    article_id: str
    original_id: str
    kind: str
    """``exact`` or ``near``."""
    similarity: float


@dataclass(frozen=True, slots=True)
class ParagraphReuse:
    """A paragraph of ``article_id`` that also appears (near-verbatim) in ``original_id``."""

    article_id: str
    paragraph_index: int
    original_id: str
    original_paragraph_index: int
    similarity: float


@dataclass(slots=True)
class Story:
    """A group of articles that report one event."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One line of the story list."""

    id: str
    title: str
    article_count: int
    outlets: tuple[str, ...]
    first_published: str | None


# ---------------------------------------------------------------- facts


class Bound(StrEnum):
    EQ = "="
    APPROX = "~"
    GT = ">"
    LT = "<"
    GE = ">="
    LE = "<="


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text. Either ``value`` (a point) or ``low``/``high`` (an interval)."""

    text: str
    """The surface span, e.g. ``"300,000-odd troops"``."""
    start: int
    end: int
    """Offsets in the sentence."""
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    """Unit or counted thing: ``troops``, ``%``, ``$``, ``km``."""
    bound: Bound = Bound.EQ

    @property
    def interval(self) -> tuple[float, float]:
        """The range of values this quantity admits (point values give a degenerate range)."""
        lo = self.low if self.low is not None else self.value
        hi = self.high if self.high is not None else self.value
        if lo is None or hi is None:
            raise ValueError(f"quantity {self.text!r} has no value")
        return (lo, hi)


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression, resolved against the publication date where possible."""

    text: str
    start: str | None = None
    """ISO date of the start of the period, if resolved."""
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a statement is attributed to: ``source`` via ``cue``, saying ``content``."""

    source: str
    cue: str
    content: str
    sentence_index: int
    kind: str = "said"
    """``according_to``, ``reports``, ``said``, ``told``, ``citing``, ``translation``, ``wire``,
    or ``stance`` (a position or belief found by the learned cue model: "criticized",
    "called for"; it attributes no fact and makes no primary source)."""
    via: str | None = None
    """Who relayed it: for "a source ... told Reuters", the source is anonymous, via Reuters."""
    source_text: str = ""
    """The source as written ("he", "Ola Brenn, an aide,"); ``source`` is the name it resolves
    to (a pronoun resolves to the person or body it refers to earlier in the article)."""
    recipient: str | None = None
    """Whom it was said to: "X told NBC" -> ``NBC`` (any addressee, outlet or not)."""
    source_span: tuple[int, int] | None = None
    """Character offsets of ``source_text`` in the sentence (``None`` when not in it)."""
    cue_span: tuple[int, int] | None = None
    """Character offsets of the cue in the sentence."""
    content_span: tuple[int, int] | None = None
    """Character offsets of ``content`` in the sentence, when it is one stretch of it."""


@dataclass(frozen=True, slots=True)
class Fact:
    """A checkable quantity statement in one sentence of one article."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    quantity: Quantity
    subject: str
    """The thing measured, e.g. ``troops``."""
    predicate: str
    """What is said of it, e.g. ``dead and wounded``, ``mobilised``."""
    time: TimeRef | None = None
    attributed_to: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventMeasure:
    """One report's statement of an event measure: how many people were killed, injured,
    shot, arrested, ... ("Four people were injured", "a man was shot and killed")."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    measure: str
    """``killed``, ``injured``, ``shot``, ``missing``, ``arrested``, ``evacuated``, ..."""
    value: float
    text: str
    """The counted phrase as written ("four people", "a 16-year-old", "Nobody")."""
    start: int
    end: int
    """Offsets of ``text`` in the sentence."""
    bound: Bound = Bound.EQ
    implicit: bool = False
    """No number is written: a singular phrase counts one ("a man was shot and killed")."""
    role: str = "count"
    """``count`` (a figure of the measure), ``subset`` (part of a larger figure of it: the
    "one" of "one of five people injured") or ``derived`` (computed from other figures)."""
    who: tuple[str, ...] = ()
    """Names, ages and nouns of the counted people (to tell two singletons apart)."""
    time: TimeRef | None = None
    attributed_to: tuple[str, ...] = ()
    published: str | None = None
    """The report's publication date (when the statement was made)."""


class Agreement(StrEnum):
    CORROBORATED = "corroborated"
    SINGLE_ORIGIN = "single-origin"
    COMPATIBLE = "compatible"
    CONFLICTING = "conflicting"
    SINGLE_SOURCE = "single-source"
    UPDATE = "update"
    """Reports differ, but never at the same time: a later report revised the figure."""


@dataclass(slots=True)
class FactGroup:
    """Facts from several articles of a story that state the same thing."""

    id: str
    subject: str
    predicate: str
    label: Agreement
    mentions: list[Fact] = field(default_factory=list)
    independent_origins: int = 1
    origins: list[str] = field(default_factory=list)
    """The independent origins counted (a primary source name or an article id)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement in one sentence of one article (who did what, to whom, when, under which
    condition), figures or not: the unit claim alignment compares across reports."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    terms: tuple[str, ...] = ()
    """The sentence's content words (lower-case, in order, no repeats): what it is about."""
    attributed_to: tuple[str, ...] = ()
    """The sentence's sources, the primary one first (as ``Fact.attributed_to``)."""


@dataclass(slots=True)
class ClaimGroup:
    """Sentences from the reports of a story that state the same thing."""

    id: str
    label: Agreement
    mentions: list[Claim] = field(default_factory=list)
    independent_origins: int = 1
    origins: list[str] = field(default_factory=list)
    """The independent origins counted (a primary source name, an outlet or an article id)."""
    terms: tuple[str, ...] = ()
    """Content words the mentions of different reports share (what ties the group)."""


# ---------------------------------------------------------------- brief


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Points a brief sentence at the article (and sentence) it came from."""

    article_id: str
    outlet: str | None
    sentence_index: int | None = None


class Section(StrEnum):
    """Where a brief sentence belongs."""

    SUMMARY = "summary"
    AGREE = "agree"
    """Where reports agree: corroborated, compatible and single-origin fact groups."""
    DIFFER = "differ"
    """Where they differ: conflicting groups, one sentence per outlet's wording."""
    SINGLE = "single-report"
    """Only in one report."""
    UPDATES = "updates"
    """How figures changed: groups whose figure later reports revised (label ``update``),
    one sentence per report, oldest first."""
    CITATIONS = "citations"
    """Who cites whom: primary sources relied on, and copied text."""


@dataclass(frozen=True, slots=True)
class BriefSentence:
    text: str
    sources: tuple[SourceRef, ...]
    section: Section = Section.SUMMARY
    group_id: str | None = None
    """The fact group this sentence reports (for the agree/differ/single-report sections)."""


@dataclass(frozen=True, slots=True)
class FigureStep:
    """An earlier figure of a headline measure, before a later report revised it."""

    value: float
    text: str
    bound: Bound
    date: str | None
    """Publication date of the earliest report that gave it."""
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class HeadlineFigure:
    """The one figure a story presents for a headline measure (people killed, injured...):
    the most specific and most recent report's, with its evidence and earlier figures."""

    measure: str
    value: float
    text: str
    """The presented wording ("five people", "a man")."""
    label: Agreement
    evidence: tuple[EventMeasure, ...]
    """The statements of the presented figure."""
    bound: Bound = Bound.EQ
    implicit: bool = False
    """Every statement of the figure is an implicit singleton (no number written)."""
    derived: bool = False
    """Computed from other figures ("four shot, one fatally": three injured)."""
    as_of: str | None = None
    """Publication date of the latest report stating the figure."""
    history: tuple[FigureStep, ...] = ()
    """Earlier figures, oldest first, when later reports revised them."""
    disputed: tuple[EventMeasure, ...] = ()
    """Statements made at the same time that disagree with the figure (``conflicting``)."""
    independent_origins: int = 1
    origins: tuple[str, ...] = ()
    note: str = ""
    """One sentence for the reader, e.g. "rose from 1 to 2 on 12 Jan 2017, per WFAA"."""

    @property
    def quantity(self) -> Quantity:
        """The presented figure as a quantity (a count of people)."""
        return Quantity(self.text, 0, len(self.text), self.value, unit="people", bound=self.bound)


@dataclass(slots=True)
class Brief:
    story_id: str
    title: str
    sentences: list[BriefSentence] = field(default_factory=list)
    figures: list[HeadlineFigure] = field(default_factory=list)
    """The story's headline figures (one per event measure), shown before the sections."""


# ---------------------------------------------------------------- report


@dataclass(slots=True)
class ArticleAnalysis:
    """What the facts stage found in one article."""

    article: Article
    facts: list[Fact] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    primary_sources: list[str] = field(default_factory=list)
    events: list[EventMeasure] = field(default_factory=list)
    """Event measures the article states (killed, injured, shot, arrested, ...)."""
    notes: list[str] = field(default_factory=list)
    """What limited the analysis, e.g. a text read only in part or facts skipped past the
    length limit or time budget (empty when the whole article was analysed)."""


@dataclass(slots=True)
class StoryReport:
    """Everything newsdesk knows about one story: the input to every renderer."""

    story: Story
    analyses: list[ArticleAnalysis]
    reuse: list[ParagraphReuse]
    groups: list[FactGroup]
    brief: Brief
    claims: list[ClaimGroup] = field(default_factory=list)
    """Aligned claims (sentences stating the same thing across reports), every label."""
    figures: list[HeadlineFigure] = field(default_factory=list)
    """One presented figure per headline measure of the story."""

    @property
    def articles(self) -> list[Article]:
        return [a.article for a in self.analyses]
