"""The clean engine: split into units, judge them with the line model, apply the rule tables
to a fixpoint, record removals (and honour what the user asked to keep)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from newsdesk.clean.blocks import body_tables
from newsdesk.clean.context import LOCAL_RULES, find_dek
from newsdesk.clean.frame import ContextRule, Frame
from newsdesk.clean.linemodel import Judgement, LineModel, shipped_model
from newsdesk.clean.page import (
    article_headlines,
    body_headings,
    comment_threads,
    headline_runs,
    page_furniture,
    separator_menus,
)
from newsdesk.clean.rules import INLINE_RULES, DocContext, line_reason
from newsdesk.clean.template import TemplateStats, copy_groups
from newsdesk.clean.text import (
    Line,
    Unit,
    ends_sentence,
    join_text,
    line_key,
    normalize,
    split_lines,
    template_key,
    words,
)
from newsdesk.records import PAGE_TEXT, CleanedText, RawDocument, Removal


@dataclass(frozen=True, slots=True)
class CleanConfig:
    outlet_min_articles: int = 2
    """A candidate line in this many distinct articles of one outlet (near-copies counting
    once) is that outlet's template. Lines shared by different outlets never are."""
    max_template_words: int = 30
    dek_min_words: int = 6
    """An un-punctuated first line of at least this many words is a dek and is kept."""
    copy_min_shared: float = 0.5
    copy_min_words: int = 8
    """Lines of at least this many words identify near-copies when fitting."""
    copy_max_df: int = 50
    line_model: bool = True
    """Judge units with the shipped line model (the body span and page furniture)."""
    page_formats: frozenset[str] = frozenset({"txt", "jsonl"})
    """Formats whose text may be a whole scraped page: only these (and an HTML page taken
    whole, :data:`~newsdesk.records.PAGE_TEXT`) get the page-level judgement (line model,
    comment threads, menus, headline runs). An HTML body was already cut from its page by
    the extractor; the line and local context rules clean it."""
    keep: frozenset[str] = frozenset()
    """What the user keeps: removal reasons that are never applied (``template``), and lines
    that are never removed (compared case- and space-insensitively)."""


CONTEXT_RULES: tuple[ContextRule, ...] = (
    *LOCAL_RULES[:5],
    comment_threads,
    separator_menus,
    headline_runs,
    *LOCAL_RULES[5:],
    page_furniture,
)
"""Applied in this order; each sees the removals of the ones before it."""
PAGE_RULES = frozenset({comment_threads, separator_menus, headline_runs, page_furniture})
"""The rules of :data:`CONTEXT_RULES` applied only to texts that may be whole pages."""


@dataclass(frozen=True, slots=True)
class _Prepared:
    units: tuple[Unit, ...]
    base: tuple[str | None, ...]
    """Reason of the first single-line rule that fires on each unit."""
    inline: tuple[Removal, ...]


def _cut_inline(raw: str, line: Line) -> tuple[list[tuple[int, int]], list[Removal]]:
    found: list[tuple[int, int, str]] = []
    for rule in INLINE_RULES:
        for m in rule.pattern.finditer(raw, line.start, line.end):
            piece = m.group(0)
            start = m.start() + len(piece) - len(piece.lstrip())
            end = m.end() - len(piece) + len(piece.rstrip())
            if end > start:
                found.append((start, end, rule.reason))
    cuts: list[tuple[int, int]] = []
    removals: list[Removal] = []
    for start, end, reason in sorted(found):
        if cuts and start < cuts[-1][1]:
            continue
        cuts.append((start, end))
        removals.append(Removal(raw[start:end], reason, start, end))
    return cuts, removals


def _line_units(raw: str) -> tuple[list[Unit], list[Removal]]:
    units: list[Unit] = []
    removals: list[Removal] = []
    for line in split_lines(raw):
        cuts, found = _cut_inline(raw, line)
        removals.extend(found)
        unit = Unit(line.start, line.end, line.block, "", tuple(cuts))
        text = join_text(raw, unit.kept_spans(raw))
        if text:
            units.append(replace(unit, text=text))
    return units, removals


_CONTINUED = frozenset(
    """a an the of on in at to for and or but nor with by from that which who whom whose as
    than into onto over under after before about between against during without within across
    through per its their his her our your my is are was were be been has have had will would
    could should may might must can not said says""".split()
)
"""A line ending in one of these words (or in a comma or dash) continues on the next line."""


def _open_ended(text: str) -> bool:
    if text[-1] in ",;-–—":
        return True
    last = text.rsplit(None, 1)[-1]
    return last in _CONTINUED


MAX_UNIT_CHARS = 2000
"""A hard-wrapped unit stops growing at this length (keeps the work per line bounded)."""
MAX_CHECKED_MERGE_CHARS = 600
"""Up to this length a merged unit is checked against the line rules before merging (longer
texts are beyond every rule's word limit)."""


def _continues(last: Unit, nxt: Unit, nxt_reason: str | None) -> bool:
    """Is ``nxt`` a hard-wrap continuation of ``last`` (same block, ``last`` unfinished, and
    ``nxt`` starts in lowercase or ``last`` ends open, e.g. with ``the`` or a comma)?"""
    if nxt.block != last.block or ends_sentence(last.text) or last.text.endswith(":"):
        return False
    return nxt_reason is None and (nxt.text[0].islower() or _open_ended(last.text))


def _joined(group: list[Unit]) -> Unit:
    first, last = group[0], group[-1]
    if len(group) == 1:
        return first
    text = normalize(" ".join(u.text for u in group))
    cuts = tuple(c for u in group for c in u.cuts)
    return Unit(first.start, last.end, first.block, text, cuts)


def _merge_wrapped(units: list[Unit], ctx: DocContext) -> tuple[list[Unit], list[str | None]]:
    """Units with hard-wrapped lines merged, and the line-rule reason of each. Every line is
    judged once on its own and a merge at most once more (up to ``MAX_CHECKED_MERGE_CHARS``)."""
    single = [line_reason(u.text, ctx) for u in units]
    groups: list[list[Unit]] = []
    reasons: list[str | None] = []
    size = 0
    for unit, reason in zip(units, single, strict=True):
        if groups and reasons[-1] is None and size + len(unit.text) < MAX_UNIT_CHARS:
            group = groups[-1]
            if _continues(group[-1], unit, reason):
                merged = None
                if size + len(unit.text) < MAX_CHECKED_MERGE_CHARS:
                    merged = line_reason(_joined([*group, unit]).text, ctx)
                if merged is None:
                    group.append(unit)
                    size += len(unit.text) + 1
                    continue
        groups.append([unit])
        reasons.append(reason)
        size = len(unit.text)
    return [_joined(g) for g in groups], reasons


def _prepare(doc: RawDocument, ctx: DocContext) -> _Prepared:
    units, inline = _line_units(doc.text)
    merged, base = _merge_wrapped(units, ctx)
    return _Prepared(tuple(merged), tuple(base), tuple(inline))


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Is ``pos`` inside one of the sorted, disjoint ``spans``?"""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


class Cleaner:
    """Removes scraping debris from article bodies, recording every removal.

    ``fit`` learns which lines are site template from a batch; ``clean`` works without it
    (then only the single-document rules apply).
    """

    def __init__(
        self,
        config: CleanConfig | None = None,
        stats: TemplateStats | None = None,
        model: LineModel | None = None,
    ):
        self.config = config or CleanConfig()
        self.stats = stats if stats is not None else TemplateStats()
        self.model = model if model is not None else (
            shipped_model() if self.config.line_model else None
        )  # fmt: skip
        """The line model (``None``: only the rules judge)."""
        self._prepared: dict[int, tuple[RawDocument, _Prepared]] = {}
        """Units of the last fitted batch, so ``clean`` does not split them again."""

    def fit(self, docs: Sequence[RawDocument]) -> Cleaner:
        """Count candidate template lines over ``docs`` and add them to :attr:`stats`."""
        self.stats = self.stats.merged(self.batch_stats(docs))
        return self

    def batch_stats(self, docs: Sequence[RawDocument]) -> TemplateStats:
        cfg = self.config
        candidates: list[frozenset[str]] = []
        content: list[frozenset[str]] = []
        self._prepared = {}
        for doc in docs:
            prep = _prepare(doc, DocContext.of(doc))
            self._prepared[id(doc)] = (doc, prep)
            free = [u.text for u, r in zip(prep.units, prep.base, strict=True) if r is None]
            candidates.append(frozenset(self._candidate_keys(free)))
            long = (line_key(t) for t in free if len(words(t)) >= cfg.copy_min_words)
            content.append(frozenset(long))
        groups: dict[int, dict[str | None, set[str]]] = defaultdict(lambda: defaultdict(set))
        group_ids = copy_groups(content, cfg.copy_min_shared, cfg.copy_max_df)
        for doc, gid, keys in zip(docs, group_ids, candidates, strict=True):
            groups[gid][doc.outlet] |= keys
        stats = TemplateStats()
        for gid in sorted(groups):
            stats.add_article(groups[gid])
        return stats

    def _candidate_keys(self, texts: Sequence[str]) -> set[str]:
        keys: set[str] = set()
        for text in texts:
            n = len(words(text))
            if 1 <= n <= self.config.max_template_words and not ends_sentence(text):
                keys.add(template_key(text))
        keys.discard("")
        return keys

    def clean(self, doc: RawDocument) -> CleanedText:
        """The body without debris; ``removed`` lists every removed span of ``doc.text``."""
        ctx = DocContext.of(doc)
        cached = self._prepared.get(id(doc))
        prep = cached[1] if cached is not None and cached[0] is doc else _prepare(doc, ctx)
        page = doc.format in self.config.page_formats or PAGE_TEXT in doc.repairs
        reasons = self._decide(prep, ctx, page)
        kept = [u.text for i, u in enumerate(prep.units) if i not in reasons]
        gone = sorted((prep.units[i].start, prep.units[i].end) for i in reasons)
        starts = [start for start, _ in gone]
        removed = [r for r in prep.inline if not _inside(r.start, gone, starts)]
        for i, reason in reasons.items():
            unit = prep.units[i]
            removed.append(Removal(doc.text[unit.start : unit.end], reason, unit.start, unit.end))
        removed.sort(key=lambda r: (r.start, r.end))
        return CleanedText("\n\n".join(kept), tuple(removed))

    def _is_template(self, outlet: str | None) -> _TemplateTest:
        return _TemplateTest(self.stats, outlet, self.config)

    def judge(self, prep: _Prepared) -> Judgement | None:
        """The line model's view of the units (``None`` when it is off or not shipped)."""
        if self.model is None or len(prep.units) < MIN_MODEL_UNITS:
            return None
        return self.model.judge([u.text for u in prep.units], prep.base)

    def _allowed(self, prep: _Prepared, ctx: DocContext, page: bool) -> Callable[[int, str], bool]:
        """What the user's ``keep`` lets the rules remove. A kept reason keeps every unit that
        reason removes without overrides, whatever other rule would remove it next (a byline
        the user keeps is not then taken as page furniture); a kept line is never removed."""
        keep = self.config.keep
        if not keep:
            return lambda i, reason: True
        keys = frozenset(line_key(k) for k in keep)
        default = self._settle(prep, ctx, page, lambda i, reason: True)
        protected = frozenset(
            i for i, unit in enumerate(prep.units)
            if default.get(i) in keep or prep.base[i] in keep or line_key(unit.text) in keys
        )  # fmt: skip
        return lambda i, reason: reason not in keep and i not in protected

    def _decide(self, prep: _Prepared, ctx: DocContext, page: bool) -> dict[int, str]:
        """Apply the context rules until no rule fires on the surviving units (at most
        :data:`MAX_ROUNDS` rounds: no rule feeds on its own removals, so a round only
        follows the neighbourhoods the previous one changed). Headings of the body that a
        soft rule removed are given back and kept from then on."""
        return self._settle(prep, ctx, page, self._allowed(prep, ctx, page))

    def _settle(
        self, prep: _Prepared, ctx: DocContext, page: bool, allowed: Callable[[int, str], bool]
    ) -> dict[int, str]:
        """:meth:`_decide` with the removals ``allowed`` lets through."""
        judgement = self.judge(prep) if page else None
        rules = [r for r in CONTEXT_RULES if page or r not in PAGE_RULES]
        threshold = self.model.threshold if self.model is not None else 1.0
        statement = self.model.statement_threshold if self.model is not None else 1.0
        span = judgement.span if judgement is not None else None
        reasons = {i: r for i, r in enumerate(prep.base) if r is not None and allowed(i, r)}
        seq = list(range(len(prep.units)))
        kept: set[int] = set()
        is_template = self._is_template(ctx.outlet)
        for _ in range(MAX_ROUNDS):
            dek = find_dek(prep.units, seq, reasons, self.config.dek_min_words, span)
            frame = Frame(
                prep.units, seq, reasons, ctx, dek, is_template, judgement, threshold,
                statement, frozenset(kept), page,
            )  # fmt: skip
            fired = False
            for rule in rules:
                found = {i: r for i, r in rule(frame).items() if allowed(i, r)}
                fired = fired or bool(found)
                reasons.update(found)
            given = body_headings(frame)
            if page:
                given |= article_headlines(frame) | body_tables(frame)
            for i in given - kept:
                reasons.pop(i, None)
                kept.add(i)
                fired = True
            survivors = [i for i in seq if i not in reasons]
            if not fired and survivors == seq:
                break
            seq = survivors
        return reasons


MAX_ROUNDS = 8
"""Context rules are re-applied at most this many times (each round is linear)."""
MIN_MODEL_UNITS = 12
"""The line model judges pages (it was trained on whole pages): a shorter text is left to
the rules."""


@dataclass(frozen=True, slots=True)
class _TemplateTest:
    stats: TemplateStats
    outlet: str | None
    config: CleanConfig = field(default_factory=CleanConfig)

    def __call__(self, key: str) -> bool:
        return self.stats.is_template(key, self.outlet, self.config.outlet_min_articles)


def clean_documents(docs: Sequence[RawDocument]) -> list[CleanedText]:
    """Fit a :class:`Cleaner` on the batch, then clean each document."""
    cleaner = Cleaner().fit(docs)
    return [cleaner.clean(doc) for doc in docs]
