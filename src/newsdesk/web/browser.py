"""The system's Chromium, driven by Playwright: for the browser tests and the screenshots.

Needs: Playwright from PyPI (the ``browser`` requirements; its own browser downloads are
never used) and Debian's ``chromium`` package at :data:`CHROMIUM`. Produces:
:func:`chromium_missing` (why the browser cannot run here, or ``None``) and
:func:`launch`, a headless Chromium with background networking, updates and sync off, so
it makes no connection but to the pages it is sent to.
"""

from __future__ import annotations

import os
import shutil
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path(os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium"))
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_missing() -> str | None:
    """Why a browser cannot be launched here, or ``None`` if it can."""
    if find_spec("playwright") is None:
        return "Playwright is not installed (make web installs it)"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        found = shutil.which("chromium")
        hint = f" (found {found}; set NEWSDESK_CHROMIUM)" if found else ""
        return f"Chromium is not installed at {CHROMIUM}{hint}: apt-get install chromium"
    return None


def launch(playwright: Playwright) -> Browser:
    """Headless system Chromium."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(ARGS))
