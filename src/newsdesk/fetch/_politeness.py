"""Per-host pacing: at least a set delay between two requests to the same host.

Needs: the delay, a clock and a sleep function (injected, so a watch can interrupt the
wait and tests can count it). Produces: waits. A host's robots.txt ``Crawl-delay`` can
ask for a longer gap than the default; the caller passes it (already capped).
"""

from __future__ import annotations

import time
from collections.abc import Callable


class HostPacer:
    """Remembers when each host was last asked and waits out the rest of the gap."""

    def __init__(
        self,
        delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str, delay: float | None = None) -> float:
        """Wait until ``host`` may be asked again; return the seconds waited."""
        gap = max(self.delay, delay or 0.0)
        last = self._last.get(host)
        waited = 0.0
        if last is not None:
            waited = last + gap - self._clock()
            if waited > 0:
                self._sleep(waited)
        self._last[host] = self._clock()
        return max(waited, 0.0)
