"""The web app's own read queries over a :class:`~newsdesk.store.Store`'s connection.

Needs: a store opened with :func:`prepare` (which registers the ``nd_outlet`` SQL function,
the one outlet-naming rule of :mod:`.names`). Produces: typed rows for the pages: the
filtered, paginated story list (FTS5 search with highlighted snippets), the reports not yet
in a story, the store's status, outlets and their reports, and an article's neighbours
(its story, its copies, paragraphs others reused).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsdesk.store import Store
from newsdesk.web.names import outlet_name

PAGE_SIZE = 20
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MARK_START, MARK_END = "\x02", "\x03"


OUTLET_SQL = (
    "(CASE WHEN trim(COALESCE(a.outlet, '')) != '' THEN trim(a.outlet)"
    " ELSE nd_outlet(a.outlet, a.url) END)"
)
"""The display name of ``articles a`` (:func:`~.names.outlet_name`), calling Python only for
reports that state no outlet."""


def prepare(store: Store) -> Store:
    """Register the SQL functions the web queries use on the store's connection."""
    store.connection.create_function("nd_outlet", 2, outlet_name, deterministic=True)
    return store


# ------------------------------------------------------------------ records


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
class TextPart:
    """A piece of a snippet; ``match`` marks the words the search found."""

    text: str
    match: bool = False


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


# ------------------------------------------------------------------ search terms


def fts_terms(q: str) -> list[str]:
    """What the reader typed as safe FTS5 terms: each word or quoted phrase quoted (so no
    FTS5 syntax gets through), the last word also matching as a prefix."""
    terms: list[str] = []
    for phrase, word in _TERM.findall(q):
        words = _WORD.findall(phrase if phrase else word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    terms = terms[:MAX_TERMS]
    if terms and not q.rstrip().endswith('"'):
        terms[-1] += "*"
    return terms


def fts_query(q: str, op: str = " ") -> str | None:
    """One FTS5 query over :func:`fts_terms`: all of them (``op=" "``) or any (``" OR "``);
    ``None`` if the text holds no word."""
    terms = fts_terms(q)
    return op.join(terms) if terms else None


def _like_terms(q: str) -> list[str]:
    words = [w for phrase, word in _TERM.findall(q) for w in _WORD.findall(phrase or word)]
    return [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words][
        :MAX_TERMS
    ]


def _article_conditions(store: Store, f: StoryFilter, words: bool = True) -> tuple[str, list[Any]]:
    """SQL over ``articles a`` for one report matching every filter (and, with ``words``,
    holding every search word)."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.outlet:
        clauses.append(f"{OUTLET_SQL} = ?")
        params.append(f.outlet)
    if f.date_from:
        clauses.append("substr(a.published, 1, 10) >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("substr(a.published, 1, 10) <= ?")
        params.append(f.date_to)
    if f.q and words:
        match = fts_query(f.q)
        if match is None:
            clauses.append("0")
        elif store.has_full_text():
            clauses.append("a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        else:
            for term in _like_terms(f.q):
                clauses.append(_LIKE)
                params += [f"%{term}%", f"%{term}%"]
    return (" AND ".join(clauses) or "1"), params


_LIKE = "(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')"
_STORY_OF = "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"


def _story_conditions(store: Store, f: StoryFilter) -> tuple[str, list[Any]]:
    """SQL over ``stories s``: the story has a report from the outlet and date range asked
    for, and every search word occurs in its reports (not necessarily the same one)."""
    where, params = _article_conditions(store, f, words=False)
    clauses = [f"s.id IN ({_STORY_OF} WHERE {where})"] if where != "1" else []
    if f.q:
        terms = fts_terms(f.q)
        if not terms:
            clauses.append("0")
        elif store.has_full_text():
            for term in terms:
                clauses.append(
                    f"s.id IN ({_STORY_OF} WHERE a.seq IN"
                    " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
                )
                params.append(term)
        else:
            for term in _like_terms(f.q):
                clauses.append(f"s.id IN ({_STORY_OF} WHERE {_LIKE})")
                params += [f"%{term}%", f"%{term}%"]
    return " AND ".join(clauses) or "1", params


# ------------------------------------------------------------------ story list


def story_listing(store: Store, f: StoryFilter, page_size: int = PAGE_SIZE) -> StoryListing:
    """Stories matching the filter (:func:`_story_conditions`): newest first, then largest."""
    db = store.connection
    where, params = _story_conditions(store, f)
    picked = f"SELECT s.id FROM stories s WHERE {where}"
    total = int(db.execute(f"SELECT COUNT(*) FROM ({picked})", params).fetchone()[0])
    pages = max(1, -(-total // page_size))
    page = min(f.page, pages)
    # Order every matching story by its newest report's day and its size (indexes and the
    # narrow columns only), then fetch the details of one page of them.
    ids = [
        r[0]
        for r in db.execute(
            "SELECT sa.story_id, MAX(substr(COALESCE(a.published, ''), 1, 10)) AS day,"
            " COUNT(*) AS n FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            f" WHERE sa.story_id IN ({picked})"
            " GROUP BY sa.story_id ORDER BY day DESC, n DESC, sa.story_id LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        )
    ]
    marks = ",".join("?" * len(ids))
    details = {
        r["id"]: r
        for r in db.execute(
            "SELECT s.id, s.title, COUNT(*) AS n, MIN(a.published) AS first,"
            f" MAX(a.published) AS last, json_group_array(DISTINCT {OUTLET_SQL}) AS outlets"
            " FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
            f" JOIN articles a ON a.id = sa.article_id WHERE s.id IN ({marks}) GROUP BY s.id",
            ids,
        )
    }
    rows = [details[i] for i in ids if i in details]
    snippets = _snippets(store, f.q, [r["id"] for r in rows]) if f.q else {}
    return StoryListing(
        rows=[
            StoryRow(
                id=r["id"],
                title=r["title"],
                article_count=r["n"],
                outlets=tuple(sorted(json.loads(r["outlets"]))),
                first_published=r["first"],
                last_published=r["last"],
                snippet=snippets.get(r["id"], ()),
            )
            for r in rows
        ],
        total=total,
        page=page,
        page_size=page_size,
    )


def split_marks(text: str) -> tuple[TextPart, ...]:
    """Cut an FTS5 snippet at its match markers into plain and matched parts."""
    parts: list[TextPart] = []
    for i, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", text)):
        if chunk:
            parts.append(TextPart(chunk, match=i % 2 == 1))
    return tuple(parts)


def _snippets(store: Store, q: str, story_ids: list[str]) -> dict[str, tuple[TextPart, ...]]:
    """The best-ranked passage holding any search word, per story (FTS5 ``snippet``)."""
    match = fts_query(q, " OR ")
    if match is None or not story_ids or not store.has_full_text():
        return {}
    marks = ",".join("?" * len(story_ids))
    rows = store.connection.execute(
        "SELECT sa.story_id,"
        f" snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', '…', 20) AS snip"
        " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
        " JOIN story_articles sa ON sa.article_id = a.id"
        f" WHERE articles_fts MATCH ? AND sa.story_id IN ({marks})"
        " ORDER BY bm25(articles_fts)",
        [match, *story_ids],
    )
    out: dict[str, tuple[TextPart, ...]] = {}
    for r in rows:
        out.setdefault(r["story_id"], split_marks(r["snip"]))
    return out


def _report_rows(rows: list[sqlite3.Row]) -> list[ReportRow]:
    return [
        ReportRow(
            id=r["id"],
            title=r["title"],
            outlet=outlet_name(r["outlet"], r["url"]),
            published=r["published"],
            url=r["url"],
            story_id=r["story_id"],
            story_title=r["story_title"],
        )
        for r in rows
    ]


_REPORT_SELECT = (
    "SELECT a.id, a.title, a.outlet, a.url, a.published, sa.story_id,"
    " s.title AS story_title FROM articles a"
    " LEFT JOIN story_articles sa ON sa.article_id = a.id"
    " LEFT JOIN stories s ON s.id = sa.story_id"
)


def unclustered(store: Store, f: StoryFilter, limit: int = PAGE_SIZE) -> list[ReportRow]:
    """Reports matching the filter that no story holds yet (ingested since the last
    clustering), newest first."""
    where, params = _article_conditions(store, f)
    rows = store.connection.execute(
        f"{_REPORT_SELECT} WHERE sa.story_id IS NULL AND {where} ORDER BY a.seq DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return _report_rows(rows)


# ------------------------------------------------------------------ status and outlets


def status(store: Store) -> StoreStatus:
    """Counts, the last change and a fingerprint, all from indexes and the change counter
    (migration 4), so every page can afford it."""
    db = store.connection
    articles, newest = db.execute("SELECT COUNT(*), MAX(seq) FROM articles").fetchone()
    ingested = db.execute("SELECT ingested_at FROM articles WHERE seq = ?", (newest,)).fetchone()
    stories = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    placed = db.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
    counters = dict(
        db.execute("SELECT name, value FROM counters WHERE name IN ('changes', 'changed_at')")
    )
    last = ingested[0] if ingested else None
    if "changed_at" in counters:
        changed = datetime.fromtimestamp(counters["changed_at"], UTC).isoformat(timespec="seconds")
        last = max(last or "", changed)
    return StoreStatus(
        articles=articles,
        stories=stories,
        unclustered=articles - placed,
        last_updated=last,
        fingerprint=f"{counters.get('changes', 0)}.{articles}.{newest}.{stories}.{placed}",
    )


def outlets(store: Store) -> list[OutletRow]:
    """Every outlet with its number of reports and stories, busiest first."""
    rows = store.connection.execute(
        f"SELECT {OUTLET_SQL} AS name, COUNT(*) AS n,"
        " COUNT(DISTINCT sa.story_id) AS stories, MAX(a.published) AS last"
        " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"
        " GROUP BY name ORDER BY n DESC, name"
    )
    return [OutletRow(r["name"], r["n"], r["stories"], r["last"]) for r in rows]


def outlet_reports(store: Store, name: str) -> list[ReportRow]:
    """Every report of the outlet shown as ``name``, newest first."""
    rows = store.connection.execute(
        f"{_REPORT_SELECT} WHERE {OUTLET_SQL} = ?"
        " ORDER BY COALESCE(a.published, '') DESC, a.seq DESC",
        (name,),
    ).fetchall()
    return _report_rows(rows)


# ------------------------------------------------------------------ one article


def article_story(store: Store, article_id: str) -> tuple[str, str] | None:
    """The (id, title) of the story holding the article, if clustered."""
    row = store.connection.execute(
        "SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id"
        " WHERE sa.article_id = ?",
        (article_id,),
    ).fetchone()
    return (row["id"], row["title"]) if row else None


def copies_of(store: Store, article_id: str) -> list[CopyRow]:
    """Articles marked as exact or near copies of this one."""
    rows = store.connection.execute(
        "SELECT id, outlet, url, title, duplicate_kind FROM articles"
        " WHERE duplicate_of = ? ORDER BY seq",
        (article_id,),
    )
    return [
        CopyRow(r["id"], outlet_name(r["outlet"], r["url"]), r["title"], r["duplicate_kind"] or "")
        for r in rows
    ]


def reuse_of(store: Store, article_id: str) -> tuple[list[ReuseRow], list[ReuseRow]]:
    """(paragraphs this article reuses, paragraphs other articles reused from it)."""
    db = store.connection
    mine = db.execute(
        "SELECT * FROM paragraph_reuse WHERE article_id = ? ORDER BY paragraph_index",
        (article_id,),
    ).fetchall()
    theirs = db.execute(
        "SELECT * FROM paragraph_reuse WHERE original_id = ?"
        " ORDER BY original_paragraph_index, article_id",
        (article_id,),
    ).fetchall()

    def rows(found: list[sqlite3.Row]) -> list[ReuseRow]:
        return [
            ReuseRow(
                r["article_id"],
                r["paragraph_index"],
                r["original_id"],
                r["original_paragraph_index"],
                r["similarity"],
            )
            for r in found
        ]

    return rows(mine), rows(theirs)


def labels(store: Store, article_ids: list[str]) -> dict[str, tuple[str, str]]:
    """``{article id: (outlet name, title)}`` for naming linked articles."""
    out: dict[str, tuple[str, str]] = {}
    ids = list(dict.fromkeys(article_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.connection.execute(
            f"SELECT id, outlet, url, title FROM articles WHERE id IN ({marks})", chunk
        ):
            out[r["id"]] = (outlet_name(r["outlet"], r["url"]), r["title"])
    return out


Fingerprint = tuple[tuple[str, str | None, int], ...]


def story_fingerprint(store: Store, story_id: str) -> Fingerprint:
    """The story's article set with each article's duplicate mark and number of reused
    paragraphs: what a story report depends on, so the key of a cached one."""
    rows = store.connection.execute(
        "SELECT a.id, a.duplicate_of,"
        " (SELECT COUNT(*) FROM paragraph_reuse r WHERE r.article_id = a.id)"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " WHERE sa.story_id = ? ORDER BY sa.position",
        (story_id,),
    )
    return tuple((r[0], r[1], int(r[2])) for r in rows)
