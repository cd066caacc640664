"""A time budget for one step of work on one document.

Needs: the number of seconds the step may take.
Produces: :func:`time_budget`, a context manager that raises :class:`BudgetExceeded` inside
the block once the time is up. It arms a ``SIGALRM`` interval timer, so it interrupts only
Python code (a long call into C returns first) and only in the main thread of a process
that has the signal; elsewhere it lets the block run to its end and raises afterwards if
the block went over. The previous handler and timer are restored on the way out.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(Exception):
    """The block ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"took longer than {seconds:g} s")


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the block after ``seconds`` (``<= 0``: no budget)."""
    if seconds <= 0:
        yield
        return
    if not _can_interrupt():
        start = time.monotonic()
        yield
        if time.monotonic() - start > seconds:
            raise BudgetExceeded(seconds)
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
