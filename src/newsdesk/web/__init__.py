"""newsdesk web: the stories a store holds, as pages a reader can explore and a JSON API.

Needs: the optional ``web`` extra (``pip install -e '.[web]'``: Starlette, Jinja2,
uvicorn), imported only when the app is made. Produces: :func:`create_app` (an ASGI app)
and :func:`serve` (runs it with uvicorn), used by ``newsdesk serve``.

Modules: :mod:`.app` (routes), :mod:`.queries` (what pages ask the store: search,
filters, outlets; the SQL is the store's, one implementation per backend),
:mod:`.reports` (story reports on demand, cached by article set), :mod:`.story_view`,
:mod:`.article_view`, :mod:`.outlet_view` (what each page shows), :mod:`.timeline`
(figures over time), :mod:`.graph` (who cites whom, as SVG), :mod:`.api` (JSON documents),
:mod:`.names` (outlet names, safe links), :mod:`.security` (headers, limits, token),
:mod:`.server` (uvicorn). Templates and static files are package data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.types import ASGIApp

EXTRA_HINT = "the web app needs the 'web' extra: make web (or pip install -e '.[web]')"


def create_app(db: str | Path, **options: Any) -> ASGIApp:
    """See :func:`newsdesk.web.app.create_app`."""
    from newsdesk.web.app import create_app as _create

    return _create(db, **options)


def serve(db: str | Path, **options: Any) -> None:
    """See :func:`newsdesk.web.server.serve`."""
    from newsdesk.web.server import serve as _serve

    _serve(db, **options)


def available() -> bool:
    """Whether the ``web`` extra is installed."""
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in ("starlette", "jinja2", "uvicorn"))


__all__ = ["EXTRA_HINT", "available", "create_app", "serve"]
