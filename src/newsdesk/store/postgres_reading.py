"""The PostgreSQL store's reader methods: the web app's lists, searches and neighbours.

Needs: the schema of :mod:`.postgres_schema` (``articles.search``, a generated tsvector
with a GIN index; ``articles.outlet_name``; the ``nd_changes`` / ``nd_changed_at``
sequences). Produces: :class:`PostgresReading`, mixed into
:class:`~newsdesk.store.postgres.PostgresStore`, and :func:`tsquery_sql`, a search as a
``tsquery`` expression built only from bound parameters.

Searches read the same terms as the SQLite store's (:func:`~.reading.search_terms`): each
word or quoted phrase must occur (English stemming, so ``ferries`` finds ``ferry``), the
last word also as a prefix; snippets come from ``ts_headline`` on the best-ranked report
of each story. Unlike SQLite's FTS5 index, English stop words (``the``, ``of``) are not
indexed, and only the first 100,000 characters of a body are.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import psycopg

from newsdesk.store.postgres_schema import SEARCH_CHARS
from newsdesk.store.reading import (
    MARK_END,
    MARK_START,
    PAGE_SIZE,
    CopyRow,
    Fingerprint,
    OutletRow,
    ReportRow,
    ReuseRow,
    SearchTerm,
    StoreStatus,
    StoryFilter,
    StoryListing,
    StoryRow,
    TextPart,
    search_terms,
    split_marks,
)

PgConnection = psycopg.Connection[dict[str, Any]]
_CONFIG = "'english'::regconfig"
_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=20, MinWords=8, MaxFragments=1"


def _term_sql(term: SearchTerm) -> tuple[str, list[Any]]:
    """One term as a tsquery: its words as a phrase, the last one as a prefix if asked."""
    words = list(term.words)
    if not term.prefix:
        return f"phraseto_tsquery({_CONFIG}, %s)", [" ".join(words)]
    last = f"to_tsquery({_CONFIG}, %s)"
    if len(words) == 1:
        return last, [words[0] + ":*"]
    return (
        f"tsquery_phrase(phraseto_tsquery({_CONFIG}, %s), {last})",
        [" ".join(words[:-1]), words[-1] + ":*"],
    )


def tsquery_sql(terms: Sequence[SearchTerm], op: str = "&&") -> tuple[str, list[Any]]:
    """All (``op="&&"``) or any (``"||"``) of the terms as one tsquery expression."""
    parts = [_term_sql(t) for t in terms]
    return (
        "(" + f" {op} ".join(sql for sql, _ in parts) + ")",
        [p for _, params in parts for p in params],
    )


_STORY_OF = "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
_REPORT_SELECT = (
    "SELECT a.id, a.title, a.outlet_name, a.url, a.published, sa.story_id,"
    " s.title AS story_title FROM articles a"
    " LEFT JOIN story_articles sa ON sa.article_id = a.id"
    " LEFT JOIN stories s ON s.id = sa.story_id"
)


def _article_conditions(f: StoryFilter, words: bool = True) -> tuple[str, list[Any]]:
    """SQL over ``articles a`` for one report matching every filter (and, with ``words``,
    holding every search word)."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.outlet:
        clauses.append("a.outlet_name = %s")
        params.append(f.outlet)
    if f.date_from:
        clauses.append("substr(a.published, 1, 10) >= %s")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("substr(a.published, 1, 10) <= %s")
        params.append(f.date_to)
    if f.q and words:
        terms = search_terms(f.q)
        if not terms:
            clauses.append("FALSE")
        else:
            query, query_params = tsquery_sql(terms)
            clauses.append(f"a.search @@ {query}")
            params += query_params
    return (" AND ".join(clauses) or "TRUE"), params


def _story_conditions(f: StoryFilter) -> tuple[str, list[Any]]:
    """SQL over ``stories s``: the story has a report from the outlet and date range asked
    for, and every search word occurs in its reports (not necessarily the same one)."""
    where, params = _article_conditions(f, words=False)
    clauses = [f"s.id IN ({_STORY_OF} WHERE {where})"] if where != "TRUE" else []
    if f.q:
        terms = search_terms(f.q)
        if not terms:
            clauses.append("FALSE")
        for term in terms:
            query, query_params = tsquery_sql([term])
            clauses.append(f"s.id IN ({_STORY_OF} WHERE a.search @@ {query})")
            params += query_params
    return " AND ".join(clauses) or "TRUE", params


def _report_rows(rows: Sequence[dict[str, Any]]) -> list[ReportRow]:
    return [
        ReportRow(
            id=r["id"],
            title=r["title"],
            outlet=r["outlet_name"],
            published=r["published"],
            url=r["url"],
            story_id=r["story_id"],
            story_title=r["story_title"],
        )
        for r in rows
    ]


def _reuse_rows(rows: Sequence[dict[str, Any]]) -> list[ReuseRow]:
    return [
        ReuseRow(
            r["article_id"],
            r["paragraph_index"],
            r["original_id"],
            r["original_paragraph_index"],
            r["similarity"],
        )
        for r in rows
    ]


class PostgresReading:
    """Reader methods over the store's pool (see :class:`~newsdesk.store.Store`)."""

    def _conn(self) -> AbstractContextManager[PgConnection]:
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[PgConnection]:
        raise NotImplementedError

    def has_full_text(self) -> bool:
        return True

    # ------------------------------------------------------------------ story list

    def story_listing(self, f: StoryFilter, page_size: int = PAGE_SIZE) -> StoryListing:
        where, params = _story_conditions(f)
        picked = f"SELECT s.id FROM stories s WHERE {where}"
        with self._read() as conn:
            found = conn.execute(f"SELECT COUNT(*) AS n FROM ({picked}) p", params).fetchone()
            total = int(found["n"]) if found else 0
            page = min(f.page, max(1, -(-total // page_size)))
            ids = [
                r["story_id"]
                for r in conn.execute(
                    "SELECT sa.story_id, MAX(substr(COALESCE(a.published, ''), 1, 10)) AS day,"
                    " COUNT(*) AS n FROM story_articles sa"
                    " JOIN articles a ON a.id = sa.article_id"
                    f" WHERE sa.story_id IN ({picked}) GROUP BY sa.story_id"
                    " ORDER BY day DESC, n DESC, sa.story_id LIMIT %s OFFSET %s",
                    [*params, page_size, (page - 1) * page_size],
                )
            ]
            details = {
                r["id"]: r
                for r in conn.execute(
                    "SELECT s.id, s.title, COUNT(*) AS n, MIN(a.published) AS first,"
                    " MAX(a.published) AS last, array_agg(DISTINCT a.outlet_name) AS outlets"
                    " FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
                    " JOIN articles a ON a.id = sa.article_id WHERE s.id = ANY(%s)"
                    " GROUP BY s.id",
                    (ids,),
                )
            }
            rows = [details[i] for i in ids if i in details]
            snippets = self._snippets(conn, f.q, [r["id"] for r in rows]) if f.q else {}
        return StoryListing(
            rows=[
                StoryRow(
                    id=r["id"],
                    title=r["title"],
                    article_count=r["n"],
                    outlets=tuple(sorted(r["outlets"])),
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

    @staticmethod
    def _snippets(
        conn: PgConnection, q: str, story_ids: list[str]
    ) -> dict[str, tuple[TextPart, ...]]:
        """The passage around any search word in each story's best-ranked report."""
        terms = search_terms(q)
        if not terms or not story_ids:
            return {}
        query, params = tsquery_sql(terms, "||")
        headline = f"ts_headline({_CONFIG}, {{}}, q.q, %s)"
        rows = conn.execute(
            "WITH q AS (SELECT " + query + " AS q), best AS ("
            " SELECT DISTINCT ON (sa.story_id) sa.story_id, a.title, a.text"
            " FROM story_articles sa JOIN articles a ON a.id = sa.article_id, q"
            " WHERE a.search @@ q.q AND sa.story_id = ANY(%s)"
            " ORDER BY sa.story_id, ts_rank(a.search, q.q) DESC, a.seq)"
            " SELECT best.story_id,"
            f" {headline.format(f'left(best.text, {SEARCH_CHARS})')} AS body,"
            f" {headline.format('best.title')} AS title FROM best, q",
            [*params, story_ids, _HEADLINE, _HEADLINE],
        )
        out: dict[str, tuple[TextPart, ...]] = {}
        for r in rows:  # the body's passage, or the title where only the title matched
            body = split_marks(r["body"])
            out[r["story_id"]] = body if any(p.match for p in body) else split_marks(r["title"])
        return out

    def unclustered(self, f: StoryFilter, limit: int = PAGE_SIZE) -> list[ReportRow]:
        where, params = _article_conditions(f)
        with self._conn() as conn:
            rows = conn.execute(
                f"{_REPORT_SELECT} WHERE sa.story_id IS NULL AND {where}"
                " ORDER BY a.seq DESC LIMIT %s",
                [*params, limit],
            ).fetchall()
        return _report_rows(rows)

    # ------------------------------------------------------------------ status, outlets

    def status(self) -> StoreStatus:
        """One statement (one snapshot); the change counter is two sequences, read
        without a lock."""
        with self._conn() as conn:
            r = conn.execute(
                "SELECT (SELECT COUNT(*) FROM articles) AS articles,"
                " (SELECT MAX(seq) FROM articles) AS newest,"
                " (SELECT ingested_at FROM articles ORDER BY seq DESC LIMIT 1) AS ingested,"
                " (SELECT COUNT(*) FROM stories) AS stories,"
                " (SELECT COUNT(*) FROM story_articles) AS placed,"
                " (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM nd_changes)"
                " AS changes,"
                " (SELECT CASE WHEN is_called THEN last_value END FROM nd_changed_at)"
                " AS changed_at"
            ).fetchone()
        assert r is not None
        last: str | None = r["ingested"]
        if r["changed_at"] is not None:
            changed = datetime.fromtimestamp(r["changed_at"], UTC)
            last = max(last or "", changed.isoformat(timespec="seconds"))
        articles, stories, placed = int(r["articles"]), int(r["stories"]), int(r["placed"])
        return StoreStatus(
            articles=articles,
            stories=stories,
            unclustered=articles - placed,
            last_updated=last,
            fingerprint=f"{r['changes']}.{articles}.{r['newest']}.{stories}.{placed}",
        )

    def outlets(self) -> list[OutletRow]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT a.outlet_name AS name, COUNT(*) AS n,"
                " COUNT(DISTINCT sa.story_id) AS stories, MAX(a.published) AS last"
                " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"
                " GROUP BY a.outlet_name ORDER BY n DESC, name"
            ).fetchall()
        return [OutletRow(r["name"], r["n"], r["stories"], r["last"]) for r in rows]

    def outlet_reports(self, name: str) -> list[ReportRow]:
        with self._conn() as conn:
            rows = conn.execute(
                f"{_REPORT_SELECT} WHERE a.outlet_name = %s"
                " ORDER BY COALESCE(a.published, '') DESC, a.seq DESC",
                (name,),
            ).fetchall()
        return _report_rows(rows)

    # ------------------------------------------------------------------ one article

    def article_story(self, article_id: str) -> tuple[str, str] | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT s.id, s.title FROM story_articles sa JOIN stories s"
                " ON s.id = sa.story_id WHERE sa.article_id = %s",
                (article_id,),
            ).fetchone()
        return (row["id"], row["title"]) if row else None

    def copies_of(self, article_id: str) -> list[CopyRow]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT id, outlet_name, title, duplicate_kind FROM articles"
                " WHERE duplicate_of = %s ORDER BY seq",
                (article_id,),
            ).fetchall()
        return [
            CopyRow(r["id"], r["outlet_name"], r["title"], r["duplicate_kind"] or "") for r in rows
        ]

    def reuse_of(self, article_id: str) -> tuple[list[ReuseRow], list[ReuseRow]]:
        with self._read() as conn:
            mine = conn.execute(
                "SELECT * FROM paragraph_reuse WHERE article_id = %s ORDER BY paragraph_index",
                (article_id,),
            ).fetchall()
            theirs = conn.execute(
                "SELECT * FROM paragraph_reuse WHERE original_id = %s"
                " ORDER BY original_paragraph_index, article_id",
                (article_id,),
            ).fetchall()
        return _reuse_rows(mine), _reuse_rows(theirs)

    def labels(self, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT id, outlet_name, title FROM articles WHERE id = ANY(%s)",
                (list(dict.fromkeys(article_ids)),),
            ).fetchall()
        return {r["id"]: (r["outlet_name"], r["title"]) for r in rows}

    def story_fingerprint(self, story_id: str) -> Fingerprint:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT a.id, a.duplicate_of,"
                " (SELECT COUNT(*) FROM paragraph_reuse r WHERE r.article_id = a.id) AS reused"
                " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
                " WHERE sa.story_id = %s ORDER BY sa.position",
                (story_id,),
            ).fetchall()
        return tuple((r["id"], r["duplicate_of"], int(r["reused"])) for r in rows)
