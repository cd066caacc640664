"""The SQLite store's reader methods: the web app's lists, searches and neighbours.

Needs: the store's connection with the ``nd_outlet`` SQL function registered
(:func:`register_functions`: the one outlet-naming rule of :mod:`newsdesk.web.names`) and,
for search, the FTS5 index of migration 3 (a plain ``LIKE`` scan without it). Produces:
:class:`SQLiteReading`, mixed into :class:`~newsdesk.store.sqlite.SQLiteStore`, and
:func:`fts_query`, a search as a safe FTS5 query.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from newsdesk.store._base import chunked
from newsdesk.store.reading import (
    MARK_END,
    MARK_START,
    PAGE_SIZE,
    CopyRow,
    Fingerprint,
    OutletRow,
    ReportRow,
    ReuseRow,
    StoreStatus,
    StoryFilter,
    StoryListing,
    StoryRow,
    TextPart,
    search_terms,
    search_words,
    split_marks,
)
from newsdesk.web.names import outlet_name

OUTLET_SQL = (
    "(CASE WHEN trim(COALESCE(a.outlet, '')) != '' THEN trim(a.outlet)"
    " ELSE nd_outlet(a.outlet, a.url) END)"
)
"""The display name of ``articles a`` (:func:`~newsdesk.web.names.outlet_name`), calling
Python only for reports that state no outlet."""


def register_functions(db: sqlite3.Connection) -> None:
    db.create_function("nd_outlet", 2, outlet_name, deterministic=True)


def fts_terms(q: str) -> list[str]:
    """What the reader typed as safe FTS5 terms: each word or quoted phrase quoted (so no
    FTS5 syntax gets through), the last word also matching as a prefix."""
    return ['"' + " ".join(t.words) + '"' + ("*" if t.prefix else "") for t in search_terms(q)]


def fts_query(q: str, op: str = " ") -> str | None:
    """One FTS5 query over :func:`fts_terms`: all of them (``op=" "``) or any (``" OR "``);
    ``None`` if the text holds no word."""
    terms = fts_terms(q)
    return op.join(terms) if terms else None


def _like_terms(q: str) -> list[str]:
    return [
        w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in search_words(q)
    ]


_LIKE = "(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')"
_STORY_OF = "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
_REPORT_SELECT = (
    "SELECT a.id, a.title, a.outlet, a.url, a.published, sa.story_id,"
    " s.title AS story_title FROM articles a"
    " LEFT JOIN story_articles sa ON sa.article_id = a.id"
    " LEFT JOIN stories s ON s.id = sa.story_id"
)


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


def _reuse_rows(found: list[sqlite3.Row]) -> list[ReuseRow]:
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


class SQLiteReading:
    """Reader methods over ``self._db`` (see :class:`~newsdesk.store.Store`)."""

    _db: sqlite3.Connection

    def has_full_text(self) -> bool:
        """Whether the FTS5 index ``articles_fts`` exists (see migration 3)."""
        row = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'"
        ).fetchone()
        return row is not None

    # ------------------------------------------------------------------ conditions

    def _article_conditions(self, f: StoryFilter, words: bool = True) -> tuple[str, list[Any]]:
        """SQL over ``articles a`` for one report matching every filter (and, with
        ``words``, holding every search word)."""
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
            elif self.has_full_text():
                clauses.append(
                    "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                params.append(match)
            else:
                for term in _like_terms(f.q):
                    clauses.append(_LIKE)
                    params += [f"%{term}%", f"%{term}%"]
        return (" AND ".join(clauses) or "1"), params

    def _story_conditions(self, f: StoryFilter) -> tuple[str, list[Any]]:
        """SQL over ``stories s``: the story has a report from the outlet and date range
        asked for, and every search word occurs in its reports (not necessarily one)."""
        where, params = self._article_conditions(f, words=False)
        clauses = [f"s.id IN ({_STORY_OF} WHERE {where})"] if where != "1" else []
        if f.q:
            terms = fts_terms(f.q)
            if not terms:
                clauses.append("0")
            elif self.has_full_text():
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

    def story_listing(self, f: StoryFilter, page_size: int = PAGE_SIZE) -> StoryListing:
        db = self._db
        where, params = self._story_conditions(f)
        picked = f"SELECT s.id FROM stories s WHERE {where}"
        total = int(db.execute(f"SELECT COUNT(*) FROM ({picked})", params).fetchone()[0])
        pages = max(1, -(-total // page_size))
        page = min(f.page, pages)
        # Order every matching story by its newest report's day and its size (indexes and
        # the narrow columns only), then fetch the details of one page of them.
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
                f" JOIN articles a ON a.id = sa.article_id WHERE s.id IN ({marks})"
                " GROUP BY s.id",
                ids,
            )
        }
        rows = [details[i] for i in ids if i in details]
        snippets = self._snippets(f.q, [r["id"] for r in rows]) if f.q else {}
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

    def _snippets(self, q: str, story_ids: list[str]) -> dict[str, tuple[TextPart, ...]]:
        """The best-ranked passage holding any search word, per story (FTS5 ``snippet``)."""
        match = fts_query(q, " OR ")
        if match is None or not story_ids or not self.has_full_text():
            return {}
        marks = ",".join("?" * len(story_ids))
        rows = self._db.execute(
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

    def unclustered(self, f: StoryFilter, limit: int = PAGE_SIZE) -> list[ReportRow]:
        where, params = self._article_conditions(f)
        rows = self._db.execute(
            f"{_REPORT_SELECT} WHERE sa.story_id IS NULL AND {where} ORDER BY a.seq DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return _report_rows(rows)

    # ------------------------------------------------------------------ status, outlets

    def status(self) -> StoreStatus:
        """From indexes and the change counter (migration 4), so every page can afford it."""
        db = self._db
        articles, newest = db.execute("SELECT COUNT(*), MAX(seq) FROM articles").fetchone()
        ingested = db.execute(
            "SELECT ingested_at FROM articles WHERE seq = ?", (newest,)
        ).fetchone()
        stories = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        placed = db.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
        counters = dict(
            db.execute("SELECT name, value FROM counters WHERE name IN ('changes', 'changed_at')")
        )
        last = ingested[0] if ingested else None
        if "changed_at" in counters:
            changed = datetime.fromtimestamp(counters["changed_at"], UTC)
            last = max(last or "", changed.isoformat(timespec="seconds"))
        return StoreStatus(
            articles=articles,
            stories=stories,
            unclustered=articles - placed,
            last_updated=last,
            fingerprint=f"{counters.get('changes', 0)}.{articles}.{newest}.{stories}.{placed}",
        )

    def outlets(self) -> list[OutletRow]:
        rows = self._db.execute(
            f"SELECT {OUTLET_SQL} AS name, COUNT(*) AS n,"
            " COUNT(DISTINCT sa.story_id) AS stories, MAX(a.published) AS last"
            " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"
            " GROUP BY name ORDER BY n DESC, name"
        )
        return [OutletRow(r["name"], r["n"], r["stories"], r["last"]) for r in rows]

    def outlet_reports(self, name: str) -> list[ReportRow]:
        rows = self._db.execute(
            f"{_REPORT_SELECT} WHERE {OUTLET_SQL} = ?"
            " ORDER BY COALESCE(a.published, '') DESC, a.seq DESC",
            (name,),
        ).fetchall()
        return _report_rows(rows)

    # ------------------------------------------------------------------ one article

    def article_story(self, article_id: str) -> tuple[str, str] | None:
        row = self._db.execute(
            "SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id"
            " WHERE sa.article_id = ?",
            (article_id,),
        ).fetchone()
        return (row["id"], row["title"]) if row else None

    def copies_of(self, article_id: str) -> list[CopyRow]:
        rows = self._db.execute(
            "SELECT id, outlet, url, title, duplicate_kind FROM articles"
            " WHERE duplicate_of = ? ORDER BY seq",
            (article_id,),
        )
        return [
            CopyRow(
                r["id"], outlet_name(r["outlet"], r["url"]), r["title"], r["duplicate_kind"] or ""
            )
            for r in rows
        ]

    def reuse_of(self, article_id: str) -> tuple[list[ReuseRow], list[ReuseRow]]:
        mine = self._db.execute(
            "SELECT * FROM paragraph_reuse WHERE article_id = ? ORDER BY paragraph_index",
            (article_id,),
        ).fetchall()
        theirs = self._db.execute(
            "SELECT * FROM paragraph_reuse WHERE original_id = ?"
            " ORDER BY original_paragraph_index, article_id",
            (article_id,),
        ).fetchall()
        return _reuse_rows(mine), _reuse_rows(theirs)

    def labels(self, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for chunk in chunked(list(dict.fromkeys(article_ids))):
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                f"SELECT id, outlet, url, title FROM articles WHERE id IN ({marks})", chunk
            ):
                out[r["id"]] = (outlet_name(r["outlet"], r["url"]), r["title"])
        return out

    def story_fingerprint(self, story_id: str) -> Fingerprint:
        rows = self._db.execute(
            "SELECT a.id, a.duplicate_of,"
            " (SELECT COUNT(*) FROM paragraph_reuse r WHERE r.article_id = a.id)"
            " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY sa.position",
            (story_id,),
        )
        return tuple((r[0], r[1], int(r[2])) for r in rows)
