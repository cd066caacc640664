"""Runs the web app with uvicorn, bound to the loopback address unless told otherwise.

Needs: the ``web`` extra and a store path. Produces: :func:`serve`, a running server
(blocks until interrupted), and :func:`running`, the app served from a background thread
for tests and scripts. Requests must name the host the server was bound to (or localhost), which
keeps pages from being read through DNS rebinding; binding to all interfaces
(``0.0.0.0``/``::``) accepts any host name.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from starlette.types import ASGIApp

from newsdesk.web.app import LOCAL_HOSTS, create_app

ANY_HOST = ("0.0.0.0", "::", "")


def allowed_hosts(host: str) -> list[str]:
    if host in ANY_HOST:
        return ["*"]
    return list(dict.fromkeys([*LOCAL_HOSTS, host]))


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    log_level: str = "info",
) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted."""
    import uvicorn

    app = create_app(db, token=token, allowed_hosts=allowed_hosts(host))
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        proxy_headers=False,
        limit_concurrency=64,
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=16 * 1024,
    )


@contextmanager
def running(app: ASGIApp, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``app`` from a background thread while the block runs; yield its base URL.

    ``port=0`` takes a free port from the system. For tests and the screenshot script."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="newsdesk-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the web server did not start on {host}:{port}")
        time.sleep(0.05)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
