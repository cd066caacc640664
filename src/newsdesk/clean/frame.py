"""What a context rule sees: the units in play, the reasons decided so far, the document
context and what the line model found.

Needs the cleaner's units and the line model's :class:`~newsdesk.clean.linemodel.Judgement`;
produces :class:`Frame`, the one argument of every context rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdesk.clean.features import Span
from newsdesk.clean.linemodel import Judgement
from newsdesk.clean.rules import DocContext
from newsdesk.clean.text import Unit, ends_sentence, words


@dataclass(frozen=True, slots=True)
class Frame:
    units: Sequence[Unit]
    seq: Sequence[int]
    """Indices of the units in play, in document order."""
    reasons: dict[int, str]
    ctx: DocContext
    protected: int | None
    """The dek/standfirst unit, which the contextual and statistical rules never remove."""
    is_template: Callable[[str], bool]
    judgement: Judgement | None = None
    """What the line model found (``None`` when it is off or found no body)."""
    threshold: float = 1.0
    """A unit outside the body span is furniture when its second-pass probability reaches
    this."""
    statement_threshold: float = 1.0
    """... and a statement (:func:`is_statement`) only when it reaches this (above 1: never)."""
    kept: frozenset[int] = frozenset()
    """Units given back to the body (headings), which no rule removes again."""
    page: bool = True
    """The text may be a whole scraped page (``txt``, ``jsonl``), not an extracted body."""

    def text(self, i: int) -> str:
        return self.units[i].text

    def free(self, i: int) -> bool:
        """Not yet removed, not the protected dek, not given back to the body."""
        return i not in self.reasons and i != self.protected and i not in self.kept

    @property
    def span(self) -> Span | None:
        return self.judgement.span if self.judgement is not None else None

    def in_body(self, i: int) -> bool:
        """Inside the body span (every unit is, when no span was found)."""
        span = self.span
        return span is None or span.contains(i)

    def after_body(self, i: int) -> bool:
        span = self.span
        return span is not None and i > max(b for _, b in (span.main, *span.extra))

    def body_starts(self, i: int) -> bool:
        """The article starts here: ``i`` is the first unit of a body segment, or a unit
        before the body that the line model keeps at even odds (its headline, standfirst)."""
        span, j = self.span, self.judgement
        if span is None or j is None:
            return False
        if any(i == a for a, _ in (span.main, *span.extra)):
            return True
        return not span.contains(i) and float(j.p_outside[i]) < DOUBT

    def furniture(self, i: int) -> bool:
        """Outside the body span and judged page furniture by the line model: at
        :attr:`threshold`, or at the stricter :attr:`statement_threshold` for a statement (a
        sentence, see :func:`is_statement`)."""
        j = self.judgement
        if j is None or self.in_body(i):
            return False
        p = float(j.p_outside[i])
        if p < self.threshold:
            return False
        return p >= self.statement_threshold or not is_statement(self.units[i].text)


def is_statement(text: str) -> bool:
    """A line the line model may not remove: a sentence ending in a full stop (three words or
    more), or any sentence of :data:`STATEMENT_WORDS` words or more. Short exclamations,
    questions and trailing ellipses (``Sign up now!``, ``What is this?``, ``More...``) are
    furniture the model may judge."""
    if not ends_sentence(text):
        return False
    n = len(words(text))
    core = text.rstrip("\"'”’)]")
    if core.endswith(".") and not core.endswith("..."):
        return n >= 3
    return n >= STATEMENT_WORDS


STATEMENT_WORDS = 8
ContextRule = Callable[[Frame], dict[int, str]]
DOUBT = 0.5
"""Outside the body, a unit the line model scores below this as furniture may be the
article's own headline or standfirst: list rules stop there."""
