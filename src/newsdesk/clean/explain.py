"""Why a span was removed, and how to keep it: the reasons of the clean stage in words, and
cleaning again with the user's overrides.

Needs stored :class:`~newsdesk.records.Article` records (their ``removed`` spans and raw
text); produces :class:`Explanation` lines and re-cleaned articles. The CLI's ``--explain``
and ``--keep`` options are thin layers over :func:`explain` and :func:`reclean`.

An override (``keep``) is either a reason (``template``: that rule is never applied) or the
text of a line (compared case- and space-insensitively: that line is never removed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsdesk.records import Article, RawDocument, Removal

REASONS: dict[str, str] = {
    "repeated-line": "a copy of the title, of the line before it, or of a long sentence "
    "earlier in the text (the first copy is kept)",
    "advertisement": "an advertisement marker (ADVERTISEMENT, Sponsored content, ...)",
    "loading": "a loading placeholder (Loading video...)",
    "share-widget": "share, comment or other social buttons",
    "interface-label": "a page control: Back to top, Print this article, Page 1 of 2, Search",
    "dateline": "a line made only of dates, times and time-stamp labels",
    "metadata": "page metadata: tags, categories, reading time",
    "sign-off": "a desk code or an originally-published-by sign-off",
    "rights-notice": "a copyright, reprint or redistribution notice",
    "photo-credit": "a photo credit",
    "caption": "an image caption (with a credit, or by its shape: file photo, NAME, left, ...)",
    "byline": "a byline or credit line: By NAME, Staff writer, Editor: NAME, an agency alone",
    "contributor-credit": "a contributed-reporting or editing credit",
    "author-bio": "an author biography or contact line",
    "bare-link": "a line that is only an e-mail address, profile or article URL",
    "related-list": "a related-stories header or a run of teaser headlines",
    "promo-headline": "an all-caps promotion of another story, or a WATCH:/VIDEO: teaser",
    "call-to-action": "a call to action: sign up, subscribe, download the app, click here",
    "email-obfuscation": "an e-mail protection notice",
    "image-alt": "image alt text: a short label before a caption, or echoing the paragraph "
    "before it",
    "teaser-headline": "the headline of an embedded video or story, before its caption",
    "template": "a line that recurs in other articles of the same outlet (site template)",
    "comment": "part of a reader comment thread after the article",
    "navigation": "a menu or navigation item outside the article body",
    "page-furniture": "text of the page around the article (the line model judged it outside "
    "the article body by its shape and neighbours)",
}
"""Every removal reason, in words. A reason not listed here is described by its name."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """One removed span: what, where, and why."""

    text: str
    reason: str
    start: int
    end: int
    why: str

    @property
    def keep_hint(self) -> str:
        """The override that would keep this span."""
        return f"--keep {self.reason}"


def describe(reason: str) -> str:
    return REASONS.get(reason, reason.replace("-", " "))


def explain(removed: Iterable[Removal]) -> list[Explanation]:
    """An :class:`Explanation` for every removal, in text order."""
    return [
        Explanation(r.text, r.reason, r.start, r.end, describe(r.reason))
        for r in sorted(removed, key=lambda r: (r.start, r.end))
    ]


def explain_markdown(article: Article) -> str:
    """A Markdown list of what was removed from one article and why."""
    head = f"### Removed from {article.title or article.source}"
    if not article.removed:
        return f"{head}\n\nNothing was removed.\n"
    lines = [head, ""]
    for e in explain(article.removed):
        shown = " ".join(e.text.split())
        shown = shown if len(shown) <= 120 else shown[:117] + "..."
        lines.append(f"- `{e.reason}` [{e.start}:{e.end}] {shown!r}: {e.why} ({e.keep_hint})")
    return "\n".join(lines) + "\n"


def overrides(keep: Iterable[str]) -> frozenset[str]:
    """The user's overrides, with surrounding whitespace dropped and empty ones ignored."""
    return frozenset(k.strip() for k in keep if k.strip())


def reclean(
    articles: Sequence[Article], keep: Iterable[str], stats: object = None
) -> list[Article]:
    """The articles cleaned again from their raw text with ``keep`` honoured (``stats``: the
    store's :class:`~newsdesk.clean.TemplateStats`). Nothing is stored."""
    from newsdesk.clean.cleaner import CleanConfig, Cleaner
    from newsdesk.clean.template import TemplateStats

    config = CleanConfig(keep=overrides(keep))
    cleaner = Cleaner(config, stats if isinstance(stats, TemplateStats) else None)
    out = []
    for a in articles:
        doc = RawDocument(
            a.source, a.format, a.raw_text, a.title or None, a.authors, a.published, a.outlet,
            a.url,
        )  # fmt: skip
        cleaned = cleaner.clean(doc)
        out.append(replace(a, text=cleaned.text, removed=cleaned.removed))
    return out
