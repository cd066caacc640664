"""The JSON documents of the web API (``/api/...``), each with a JSON Schema in schema/.

Needs: the web queries' rows and the article view. Produces plain JSON-ready dicts:

* ``/api/stories``: :func:`story_search_document` (``newsdesk-story-search.v1``);
* ``/api/stories/{id}``: the report document of ``brief/render_json`` (``newsdesk-report.v1``),
  served as is by the app;
* ``/api/articles/{id}``: :func:`article_document` (``newsdesk-article.v1``);
* ``/api/status``: :func:`status_document` (``newsdesk-store-status.v1``).
"""

from __future__ import annotations

from typing import Any

from newsdesk.web.article_view import ArticleView, ReuseLink
from newsdesk.web.queries import ReportRow, StoreStatus, StoryFilter, StoryListing, TextPart

SEARCH_SCHEMA_VERSION = "1.0.0"
ARTICLE_SCHEMA_VERSION = "1.0.0"
STATUS_SCHEMA_VERSION = "1.0.0"
SCHEMAS = {
    "stories": "newsdesk-story-search.v1.schema.json",
    "story": "newsdesk-report.v1.schema.json",
    "article": "newsdesk-article.v1.schema.json",
    "status": "newsdesk-store-status.v1.schema.json",
}

Json = dict[str, Any]


def _version() -> str:
    from newsdesk import __version__

    return __version__


def _snippet(parts: tuple[TextPart, ...]) -> list[Json] | None:
    return [{"text": p.text, "match": p.match} for p in parts] if parts else None


def _report_row(r: ReportRow) -> Json:
    return {
        "id": r.id,
        "title": r.title,
        "outlet": r.outlet,
        "published": r.published,
        "url": r.url,
        "story_id": r.story_id,
    }


def status_json(s: StoreStatus) -> Json:
    return {
        "articles": s.articles,
        "stories": s.stories,
        "unclustered": s.unclustered,
        "last_updated": s.last_updated,
        "fingerprint": s.fingerprint,
    }


def status_document(s: StoreStatus) -> Json:
    return {
        "schema_version": STATUS_SCHEMA_VERSION,
        "newsdesk_version": _version(),
        **status_json(s),
    }


def story_search_document(
    f: StoryFilter, listing: StoryListing, unclustered: list[ReportRow], status: StoreStatus
) -> Json:
    return {
        "schema_version": SEARCH_SCHEMA_VERSION,
        "newsdesk_version": _version(),
        "query": {
            "q": f.q,
            "outlet": f.outlet,
            "from": f.date_from or None,
            "to": f.date_to or None,
        },
        "page": listing.page,
        "pages": listing.pages,
        "page_size": listing.page_size,
        "total": listing.total,
        "status": status_json(status),
        "stories": [
            {
                "id": r.id,
                "title": r.title,
                "article_count": r.article_count,
                "outlets": list(r.outlets),
                "first_published": r.first_published,
                "last_published": r.last_published,
                "snippet": _snippet(r.snippet),
            }
            for r in listing.rows
        ],
        "unclustered": [_report_row(r) for r in unclustered],
    }


def article_document(view: ArticleView) -> Json:
    a = view.article
    return {
        "schema_version": ARTICLE_SCHEMA_VERSION,
        "newsdesk_version": _version(),
        "article": {
            "id": a.id,
            "outlet": a.outlet,
            "outlet_name": view.outlet,
            "title": a.title,
            "authors": list(a.authors),
            "published": a.published,
            "source": a.source,
            "url": a.url,
            "format": a.format,
            "story": None if view.story is None else {"id": view.story[0], "title": view.story[1]},
            "text": a.text,
            "raw_text": a.raw_text,
            "removed": [
                {"text": r.text, "reason": r.reason, "start": r.start, "end": r.end}
                for r in a.removed
            ],
            "duplicate_of": a.duplicate_of,
            "duplicate_kind": a.duplicate_kind,
            "copies": [
                {"article_id": c.id, "outlet": c.outlet, "title": c.title, "kind": c.kind}
                for c in view.copies
            ],
            "paragraphs": [
                {
                    "index": p.index,
                    "text": p.text,
                    "sentences": [x.sentence for x in p.pieces if x.sentence is not None],
                    "reused_from": [_reuse(x) for x in p.reused_from],
                    "reused_by": [_reuse(x) for x in p.reused_by],
                }
                for p in view.paragraphs
            ],
        },
    }


def _reuse(link: ReuseLink) -> Json:
    return {
        "article_id": link.article_id,
        "paragraph_index": link.paragraph_index,
        "outlet": link.outlet,
        "similarity": link.similarity,
    }
