"""What readers of a live store (the web app's pages and API) ask for, and get back.

Needs: nothing but the standard library. Produces: :class:`StoryFilter` (what the reader
asked the story list for), the typed rows the store's reader methods return
(:class:`StoryListing`, :class:`ReportRow`, :class:`StoreStatus`, :class:`OutletRow`,
:class:`CopyRow`, :class:`ReuseRow`), and :func:`search_terms`, the one reading of what a
reader typed into the search box, which each backend turns into its own full-text query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_SIZE = 20
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MARK_START, MARK_END = "\x02", "\x03"
"""Around the matched words of a snippet (control characters never found in stored text)."""


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What the reader asked the story list for. Invalid dates are dropped, not guessed."""

    q: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""
    page: int = 1

    @classmethod
    def parse(cls, params: dict[str, str]) -> StoryFilter:
        def date(name: str) -> str:
            value = params.get(name, "").strip()
            return value if _DATE.match(value) else ""

        try:
            page = max(1, min(int(params.get("page", "1")), 1_000_000))
        except ValueError:
            page = 1
        return cls(
            q=params.get("q", "").strip()[:MAX_QUERY_CHARS],
            outlet=params.get("outlet", "").strip()[:MAX_QUERY_CHARS],
            date_from=date("from"),
            date_to=date("to"),
            page=page,
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.outlet or self.date_from or self.date_to)

    def params(self, page: int | None = None) -> dict[str, str]:
        """Query parameters reproducing this filter (for pagination links)."""
        out = {"q": self.q, "outlet": self.outlet, "from": self.date_from, "to": self.date_to}
        out = {k: v for k, v in out.items() if v}
        if page is not None and page > 1:
            out["page"] = str(page)
        return out


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """One word or quoted phrase of a search (its words in order); ``prefix``: the last
    word also matches as the start of a longer word (the reader may still be typing)."""

    words: tuple[str, ...]
    prefix: bool = False


def search_terms(q: str) -> list[SearchTerm]:
    """What the reader typed as at most :data:`MAX_TERMS` terms: each unquoted word and
    each quoted phrase is one (only its word characters kept, so no query syntax of any
    backend gets through); the last term is a prefix unless the text ends with a quote."""
    terms: list[SearchTerm] = []
    for phrase, word in _TERM.findall(q):
        words = tuple(_WORD.findall(phrase if phrase else word))
        if words:
            terms.append(SearchTerm(words))
    terms = terms[:MAX_TERMS]
    if terms and not q.rstrip().endswith('"'):
        terms[-1] = SearchTerm(terms[-1].words, prefix=True)
    return terms


def search_words(q: str) -> list[str]:
    """Every word of the search, for backends without a full-text index (plain scans)."""
    return [w for t in search_terms(q) for w in t.words][:MAX_TERMS]


@dataclass(frozen=True, slots=True)
class TextPart:
    """A piece of a snippet; ``match`` marks the words the search found."""

    text: str
    match: bool = False


def split_marks(text: str) -> tuple[TextPart, ...]:
    """Cut a snippet at its :data:`MARK_START` / :data:`MARK_END` markers into plain and
    matched parts."""
    parts: list[TextPart] = []
    for i, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", text)):
        if chunk:
            parts.append(TextPart(chunk, match=i % 2 == 1))
    return tuple(parts)


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    article_count: int
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    snippet: tuple[TextPart, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryListing:
    rows: list[StoryRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One report in a list: enough to name and link it."""

    id: str
    title: str
    outlet: str
    published: str | None
    url: str | None
    story_id: str | None = None
    story_title: str | None = None


@dataclass(frozen=True, slots=True)
class StoreStatus:
    articles: int
    stories: int
    unclustered: int
    last_updated: str | None
    """When reports were last added or changed, or stories replaced (UTC, ISO 8601)."""
    fingerprint: str
    """Changes whenever reports, duplicate marks or stories change (for live reloads)."""


@dataclass(frozen=True, slots=True)
class OutletRow:
    name: str
    reports: int
    stories: int
    last_published: str | None


@dataclass(frozen=True, slots=True)
class CopyRow:
    """An article marked as a copy of another."""

    id: str
    outlet: str
    title: str
    kind: str


@dataclass(frozen=True, slots=True)
class ReuseRow:
    """Paragraph ``paragraph_index`` of ``article_id`` reuses ``original_paragraph_index``
    of ``original_id``."""

    article_id: str
    paragraph_index: int
    original_id: str
    original_paragraph_index: int
    similarity: float


Fingerprint = tuple[tuple[str, str | None, int], ...]
"""Per article of a story, in order: (id, duplicate_of, reused paragraphs)."""
