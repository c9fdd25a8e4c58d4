"""Bounds on the work one input may cost (issue 16): a time budget per article.

Every stage is meant to be linear in the text, and the loader caps the bytes; the budget is the
net under both, for the case nobody foresaw (a pattern that backtracks on some text, an article of
millions of short mentions). It uses SIGALRM, so it works in the main thread of a POSIX process,
which is where articles are processed (the ingesting process, or each worker process); elsewhere
there is no time limit and only the size limits hold. Python's regular expression engine checks
for signals while it matches, so the budget interrupts a runaway pattern too.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

DEFAULT_ARTICLE_SECONDS = 10.0  # real articles take milliseconds; the slowest synthetic ones ~0.1 s


class TooSlow(Exception):
    """The time budget ran out."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise TooSlow inside the block once ``seconds`` have passed (0 or less: no limit)."""
    if seconds <= 0 or not _can_alarm():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def size_label(chars: int) -> str:
    """A length of text for a message: '5.1 MB', '820 kB', '312 characters'."""
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.1f} MB"
    if chars >= 10_000:
        return f"{chars // 1000:,} kB"
    return f"{chars:,} characters"
