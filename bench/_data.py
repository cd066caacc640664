"""Where the shared benchmark data lives.

In order: ``$NEWSDESK_SHARED`` (a folder holding ``data/`` and ``seeds/``), ``../shared``
beside the checkout, then ``/work/shared``. The first one that exists wins.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    candidates = [Path(p) for p in (os.environ.get("NEWSDESK_SHARED"),) if p]
    candidates += [ROOT.parent / "shared", Path("/work/shared")]
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[0]


DATA = shared_dir() / "data"
SEEDS = shared_dir() / "seeds"
