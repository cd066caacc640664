"""The newsdesk web app: Starlette routes over a store, pages rendered with Jinja2.

Needs: the ``web`` extra (Starlette, Jinja2, uvicorn to serve it) and a store (a path, or
a ``postgresql://`` URL).
Produces: :func:`create_app`, an ASGI app with

* pages: ``/`` (story list: search, filters, pagination, reports not yet in a story),
  ``/stories/{id}``, ``/articles/{id}``, ``/outlets`` and ``/outlets/{name}``;
* the JSON API: ``/api``, ``/api/stories``, ``/api/stories/{id}``, ``/api/articles/{id}``,
  ``/api/status`` (documents in :mod:`.api`, schemas in schema/);
* one action, ``POST /actions/recluster`` (re-run dedupe and clustering), refused unless
  the request carries the token the app was started with.

The store is read on every request (a SQLite connection per worker thread, or one
PostgreSQL connection pool for all; no snapshot kept), so reports another process adds
show on the next load. Templates autoescape everything;
static files come from the package; :class:`~.security.Guard` adds the security headers
and size limits around it all.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from newsdesk.errors import NotFoundError, StoreError
from newsdesk.store import Store, open_store
from newsdesk.web import api, queries
from newsdesk.web.article_view import article_view
from newsdesk.web.names import http_url
from newsdesk.web.outlet_view import LABEL_NOTES, outlet_view
from newsdesk.web.reports import Memo, ReportCache
from newsdesk.web.security import MAX_BODY, Guard, same_origin, token_ok
from newsdesk.web.story_view import SECTION_TITLES, story_view

HERE = Path(__file__).resolve().parent
LOCAL_HOSTS = ("127.0.0.1", "localhost")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
CHANGES = {
    "first": "first reported",
    "same": "restated",
    "refined": "fits the earlier figure",
    "rose": "rose",
    "fell": "fell",
    "differs": "differs (same day or not comparable)",
}
NOTICES = {
    "reclustered": "Dedupe and clustering were re-run over the whole store.",
}


class StoreProvider:
    """The store named by ``db`` (a path or a ``postgresql://`` URL), opened on first use
    and kept: one per worker thread for SQLite (one connection each), one for all threads
    where the backend pools its connections (PostgreSQL). Each query runs in its own read
    transaction, so every request sees the store as it is now."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()
        self._shared: Store | None = None
        self._lock = threading.Lock()

    def get(self) -> Store:
        if self._shared is not None:
            return self._shared
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            with self._lock:
                if self._shared is not None:
                    return self._shared
                store = open_store(self.db)
                if store.shared_across_threads:
                    self._shared = store
                else:
                    self._local.store = store
        return store


@dataclass(slots=True)
class WebState:
    stores: StoreProvider
    token: str | None
    page_size: int
    poll_seconds: float = 15.0
    """How often open pages ask ``/api/status`` whether the store changed."""
    cache: ReportCache = field(default_factory=ReportCache)
    memo: Memo[Any] = field(default_factory=Memo)
    """Story list pages and the outlet list, keyed by the store's fingerprint."""
    env: jinja2.Environment = field(init=False)

    def listing(self, store: Store, f: queries.StoryFilter) -> queries.StoryListing:
        key = ("listing", store.status().fingerprint, f, self.page_size)
        listing: queries.StoryListing = self.memo.get(
            key, lambda: store.story_listing(f, self.page_size)
        )
        return listing

    def outlets(self, store: Store) -> list[queries.OutletRow]:
        key = ("outlets", store.status().fingerprint)
        rows: list[queries.OutletRow] = self.memo.get(key, store.outlets)
        return rows

    def __post_init__(self) -> None:
        self.env = _environment()


def _when(value: str | None) -> str:
    """``2025-03-11T04:12:00+00:00`` as ``2025-03-11 04:12 UTC``; dates unchanged."""
    if not value:
        return ""
    m = re.match(
        r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]00:?00)?", value
    )
    if m is None:
        return value
    return f"{m.group(1)} {m.group(2)}" + (" UTC" if m.group(3) else "")


def _outlet_href(name: str) -> str:
    return "/outlets/" + quote(name, safe="")


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["when"] = _when
    env.filters["day"] = lambda v: (v or "")[:10]
    env.filters["plural"] = _plural
    env.globals["outlet_href"] = _outlet_href
    env.globals["SECTION_TITLES"] = SECTION_TITLES
    env.globals["LABEL_NOTES"] = LABEL_NOTES
    env.globals["CHANGES"] = CHANGES
    return env


def _state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def _render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    state = _state(request)
    store = state.stores.get()
    html = state.env.get_template(name).render(
        status=store.status(),
        editable=bool(state.token),
        path=request.url.path,
        here="/"
        + request.url.path.lstrip("/")
        + (f"?{request.url.query}" if request.url.query else ""),
        poll_ms=int(state.poll_seconds * 1000),
        **ctx,
    )
    return HTMLResponse(html, status_code=status_code)


def _id(request: Request, key: str) -> str:
    value = str(request.path_params[key])
    if not _ID.match(value):
        raise HTTPException(404, "No such id")
    return value


# ------------------------------------------------------------------ pages


def stories_page(request: Request) -> Response:
    state = _state(request)
    store = state.stores.get()
    f = queries.StoryFilter.parse(dict(request.query_params))
    listing = state.listing(store, f)
    pages = {
        "prev": urlencode(f.params(listing.page - 1)) if listing.page > 1 else None,
        "next": urlencode(f.params(listing.page + 1)) if listing.page < listing.pages else None,
    }
    waiting = listing.page == 1 and store.status().unclustered > 0
    return _render(
        request,
        "stories.html",
        filter=f,
        listing=listing,
        pages=pages,
        unclustered=store.unclustered(f) if waiting else [],
        outlets=state.outlets(store),
        notice=NOTICES.get(request.query_params.get("notice", "")),
    )


def story_page(request: Request) -> Response:
    state = _state(request)
    story_id = _id(request, "story_id")
    cached = state.cache.get(state.stores.get(), story_id)
    if cached.story["id"] != story_id:
        return RedirectResponse(f"/stories/{cached.story['id']}", status_code=301)
    return _render(request, "story.html", story=story_view(cached.story))


def article_page(request: Request) -> Response:
    view = article_view(_state(request).stores.get(), _id(request, "article_id"))
    return _render(request, "article.html", view=view)


def outlets_page(request: Request) -> Response:
    state = _state(request)
    return _render(request, "outlets.html", outlets=state.outlets(state.stores.get()))


def outlet_page(request: Request) -> Response:
    state = _state(request)
    name = str(request.path_params["name"])
    view = outlet_view(state.stores.get(), state.cache, name)
    if view is None:
        raise HTTPException(404, "No outlet of that name in the store")
    return _render(request, "outlet.html", view=view)


# ------------------------------------------------------------------ API


def _json(document: dict[str, Any]) -> JSONResponse:
    return JSONResponse(document)


def api_index(request: Request) -> Response:
    return _json(
        {
            "newsdesk_version": api._version(),
            "endpoints": {
                "/api/stories": "story list: ?q= &outlet= &from=YYYY-MM-DD &to=YYYY-MM-DD &page=",
                "/api/stories/{id}": "one story's report (facts, alignment, brief)",
                "/api/articles/{id}": "one article: cleaned text, debris, copies, reuse",
                "/api/status": "what the store holds and when it last changed",
            },
            "schemas": {f"/api/{k}": v for k, v in api.SCHEMAS.items()},
        }
    )


def api_stories(request: Request) -> Response:
    state = _state(request)
    store = state.stores.get()
    f = queries.StoryFilter.parse(dict(request.query_params))
    listing = state.listing(store, f)
    status = store.status()
    waiting = listing.page == 1 and status.unclustered > 0
    unclustered = store.unclustered(f) if waiting else []
    return _json(api.story_search_document(f, listing, unclustered, status))


def api_story(request: Request) -> Response:
    state = _state(request)
    return _json(state.cache.get(state.stores.get(), _id(request, "story_id")).document)


def api_article(request: Request) -> Response:
    view = article_view(_state(request).stores.get(), _id(request, "article_id"))
    return _json(api.article_document(view))


def api_status(request: Request) -> Response:
    return _json(api.status_document(_state(request).stores.get().status()))


# ------------------------------------------------------------------ actions


def _recluster(stores: StoreProvider) -> None:
    from newsdesk.pipeline import cluster_store, dedupe_store

    store = stores.get()
    with store.updating():
        dedupe_store(store)
        cluster_store(store)


async def recluster(request: Request) -> Response:
    """Re-run dedupe and clustering over the store; needs the editor token."""
    state = _state(request)
    if not same_origin(request.headers):
        raise HTTPException(403, "Cross-site requests cannot change the store")
    body = (await request.body()).decode("utf-8", "replace")
    form = {k: v[0] for k, v in parse_qs(body, max_num_fields=8).items()}
    if not state.token:
        raise HTTPException(403, "This newsdesk is read-only: start it with a token to edit")
    if not token_ok(state.token, request.headers, form):
        raise HTTPException(403, "Wrong or missing token")
    await run_in_threadpool(_recluster, state.stores)
    return RedirectResponse("/?notice=reclustered", status_code=303)


# ------------------------------------------------------------------ errors


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    try:
        return _render(request, "error.html", status_code=status, code=status, message=message)
    except Exception:  # the store itself may be what failed
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return await run_in_threadpool(_error, request, exc.status_code, str(exc.detail))


async def _not_found(request: Request, exc: Exception) -> Response:
    return await run_in_threadpool(_error, request, 404, str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": str(exc), "status": 503}, status_code=503)


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    allowed_hosts: Sequence[str] = LOCAL_HOSTS,
    page_size: int = queries.PAGE_SIZE,
    max_body: int = MAX_BODY,
    poll_seconds: float = 15.0,
) -> ASGIApp:
    """The web app over the store ``db`` names (a path or a ``postgresql://`` URL).
    ``token`` enables the store-changing action;
    without it the app is read-only. Requests must name one of ``allowed_hosts``."""
    state = WebState(StoreProvider(str(db)), token or None, page_size, poll_seconds)
    state.stores.get()  # open (and migrate) the store once before serving
    routes = [
        Route("/", stories_page),
        Route("/stories/{story_id}", story_page),
        Route("/articles/{article_id}", article_page),
        Route("/outlets", outlets_page),
        Route("/outlets/{name:path}", outlet_page),
        Route("/api", api_index),
        Route("/api/stories", api_stories),
        Route("/api/stories/{story_id}", api_story),
        Route("/api/articles/{article_id}", api_article),
        Route("/api/status", api_status),
        Route("/actions/recluster", recluster, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))],
        exception_handlers={
            HTTPException: _http_error,
            NotFoundError: _not_found,
            StoreError: _store_error,
        },
    )
    app.state.web = state
    return Guard(app, max_body=max_body)
