"""The store's interface: what the pipeline, the CLI, fetching and the web app may ask of a
store, whichever database holds it.

Needs: records from :mod:`newsdesk.records` and :mod:`newsdesk.store.reading`. Produces:
:class:`Store` (the abstract interface), :class:`FetchState`, and :func:`backend_of`,
which tells from a ``--db`` value which backend opens it: a path is SQLite, a
``postgresql://`` / ``postgres://`` URL is PostgreSQL, and any other ``scheme://`` is a
:class:`~newsdesk.errors.UsageError`.

``Store(db)`` opens the backend ``db`` names (as ``pathlib.Path(...)`` gives a
``PosixPath``), so existing callers keep working; :func:`newsdesk.store.open_store` is the
same, typed. Adding a method: declare it here (abstract), then implement it in
:mod:`.sqlite` and :mod:`.postgres` (with a migration in each if it needs a table).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from newsdesk.errors import UsageError
from newsdesk.records import (
    Article,
    DuplicateLink,
    ParagraphReuse,
    Story,
    StorySummary,
)
from newsdesk.store.reading import (
    PAGE_SIZE,
    CopyRow,
    Fingerprint,
    OutletRow,
    ReportRow,
    ReuseRow,
    StoreStatus,
    StoryFilter,
    StoryListing,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from newsdesk.clean import TemplateStats

Backend = Literal["sqlite", "postgres"]
POSTGRES_SCHEMES = ("postgresql", "postgres")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def backend_of(db: str | Path) -> Backend:
    """Which backend ``db`` names: ``postgres`` for a ``postgresql://`` or ``postgres://``
    URL, ``sqlite`` for anything without a ``scheme://`` (a path). Any other scheme is a
    :class:`UsageError` (it would otherwise become a file named after the URL)."""
    if isinstance(db, Path):
        return "sqlite"
    found = _SCHEME.match(db.strip())
    if found is None:
        return "sqlite"
    scheme = found.group(1).lower()
    if scheme in POSTGRES_SCHEMES:
        return "postgres"
    raise UsageError(
        f"{found.group(0)}...: unsupported store URL scheme {scheme!r}; --db takes a file "
        "path (SQLite) or a postgresql:// URL (PostgreSQL)"
    )


@dataclass(frozen=True, slots=True)
class FetchState:
    """What the last fetch of one URL left behind, for the next conditional GET.

    ``status`` is the last HTTP status (``None`` when no response came: refused, timed
    out, unreachable) and ``error`` the problem met, if any; ``etag``, ``last_modified``
    and ``content_hash`` (SHA-256 of the body) describe the last good response.
    ``fetched_at`` / ``changed_at``: when it was last fetched / last found changed."""

    url: str
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    status: int | None = None
    error: str | None = None
    changed_at: str | None = None


TemplateStatsFor = Callable[[list[str]], "TemplateStats | None"]


class Store(ABC):
    """A newsdesk store. Use as a context manager or call :meth:`close`.

    ``readonly=True`` (the commands that only read) opens an existing store without writing
    anything; a missing store is a :class:`~newsdesk.errors.StoreError`. Otherwise a missing
    store is created (``created`` says so) unless ``create=False``. Something that is not a
    newsdesk store is refused before anything is written to it. Every write is one
    transaction: a failure or a killed process leaves every committed write intact and
    nothing of the rest. Failures of the database become
    :class:`~newsdesk.errors.StoreError` (cannot open: exit 3) or
    :class:`~newsdesk.errors.WriteError` (cannot write: exit 4).
    """

    backend: ClassVar[Backend]
    shared_across_threads: ClassVar[bool] = False
    """Whether one open store may serve several threads at once (a connection pool)."""

    path: Path | str
    """Where the store is, for messages: the file (SQLite) or the server URL without its
    password (PostgreSQL)."""
    readonly: bool
    created: bool

    def __new__(cls, db: str | Path, *args: Any, **kwargs: Any) -> Store:
        if cls is Store:
            cls = _backend_class(backend_of(db))
        return super().__new__(cls)

    # ------------------------------------------------------------------ plumbing

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    @abstractmethod
    def migrations(self) -> list[tuple[int, str]]:
        """The (version, name) of every migration applied to the store, in order."""

    @abstractmethod
    def has_full_text(self) -> bool:
        """Whether searches use a full-text index (else a plain scan)."""

    @abstractmethod
    def integrity_check(self) -> str:
        """``"ok"``, or what is wrong with the stored data."""

    @abstractmethod
    def updating(self) -> AbstractContextManager[bool]:
        """Held while duplicates and stories are recomputed from the whole store, so two
        processes never recompute at once (the second waits, then sees the first's
        result and everything stored meanwhile). It yields whether a recompute is still
        needed for what this store object added: ``False`` when another process's
        recompute, begun after those articles were committed, has taken them in."""

    # ------------------------------------------------------------------ articles

    @abstractmethod
    def add_articles(
        self, articles: Iterable[Article], template_stats: TemplateStatsFor | None = None
    ) -> list[str]:
        """Insert articles in one transaction; return the ids that were new (in the order
        given). An article already stored, also by another process at the same time, is
        left alone and not returned.

        ``template_stats``, given the ids that were new, returns the template-line counts
        those articles add; they are counted in the same transaction, so the statistics
        stay exact whatever else writes at the same time or however the ingest ends."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abstractmethod
    def count_articles(self) -> int: ...

    @abstractmethod
    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """All articles in ingest order, or the given ids in the given order (an unknown
        id is a :class:`~newsdesk.errors.NotFoundError`)."""

    def article(self, article_id: str) -> Article:
        return self.articles([article_id])[0]

    # ------------------------------------------------------------------ clean statistics

    @abstractmethod
    def template_stats(self) -> TemplateStats:
        """The cross-document line counts learnt from every article ingested so far."""

    @abstractmethod
    def add_template_stats(self, delta: TemplateStats) -> None:
        """Add one batch's line counts to the stored ones (in a transaction of its own;
        ingest counts them with their articles instead, see :meth:`add_articles`)."""

    # ------------------------------------------------------------------ dedupe

    @abstractmethod
    def set_duplicates(
        self, links: Sequence[DuplicateLink], reuse: Sequence[ParagraphReuse]
    ) -> None:
        """Replace the duplicate marks and paragraph-reuse table with these results."""

    @abstractmethod
    def paragraph_reuse(self, article_ids: Sequence[str] | None = None) -> list[ParagraphReuse]:
        """Reused paragraphs of the given articles (all when ``None``)."""

    # ------------------------------------------------------------------ stories

    @abstractmethod
    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Replace the story table with a new clustering, atomically (an article is in at
        most one story)."""

    @abstractmethod
    def stories(self) -> list[Story]: ...

    @abstractmethod
    def story_summaries(self) -> list[StorySummary]:
        """Stories with their size, outlets and first publication date, largest first."""

    @abstractmethod
    def story(self, story_id: str) -> Story:
        """A story by id, or by a unique id prefix."""

    # ------------------------------------------------------------------ fetch state

    @abstractmethod
    def fetch_state(self, url: str) -> FetchState | None:
        """The stored state of ``url``'s last fetch, if it was ever fetched."""

    @abstractmethod
    def save_fetch_states(self, states: Iterable[FetchState]) -> None:
        """Insert or replace fetch states, in one transaction."""

    # ------------------------------------------------------------------ readers (web app)

    @abstractmethod
    def status(self) -> StoreStatus:
        """Counts, the last change and a fingerprint that changes whenever reports,
        duplicate marks or stories change; cheap enough for every page."""

    @abstractmethod
    def story_listing(self, f: StoryFilter, page_size: int = PAGE_SIZE) -> StoryListing:
        """Stories matching the filter (outlet, dates, every search word somewhere in the
        story), newest first, then largest; with highlighted snippets when searching."""

    @abstractmethod
    def unclustered(self, f: StoryFilter, limit: int = PAGE_SIZE) -> list[ReportRow]:
        """Reports matching the filter that no story holds yet, newest first."""

    @abstractmethod
    def outlets(self) -> list[OutletRow]:
        """Every outlet with its number of reports and stories, busiest first."""

    @abstractmethod
    def outlet_reports(self, name: str) -> list[ReportRow]:
        """Every report of the outlet shown as ``name``, newest first."""

    @abstractmethod
    def article_story(self, article_id: str) -> tuple[str, str] | None:
        """The (id, title) of the story holding the article, if clustered."""

    @abstractmethod
    def copies_of(self, article_id: str) -> list[CopyRow]:
        """Articles marked as exact or near copies of this one."""

    @abstractmethod
    def reuse_of(self, article_id: str) -> tuple[list[ReuseRow], list[ReuseRow]]:
        """(paragraphs this article reuses, paragraphs other articles reused from it)."""

    @abstractmethod
    def labels(self, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``{article id: (outlet name, title)}`` for naming linked articles."""

    @abstractmethod
    def story_fingerprint(self, story_id: str) -> Fingerprint:
        """The story's article set with each article's duplicate mark and number of reused
        paragraphs: what a story report depends on."""


def _backend_class(backend: Backend) -> type[Store]:
    if backend == "postgres":
        from newsdesk.store.postgres import PostgresStore

        return PostgresStore
    from newsdesk.store.sqlite import SQLiteStore

    return SQLiteStore


def chunked(ids: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    """``ids`` in lists of at most ``size``."""
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
