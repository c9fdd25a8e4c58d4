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
REPEAT_S = 0.05  # once the budget is spent, the alarm repeats this often until the block ends


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

    expired = False

    def expire(signum: int, frame: FrameType | None) -> None:
        nonlocal expired
        expired = True
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    # Again every REPEAT_S after the first: an exception raised while Python runs a finalizer (a
    # generator closed, a weak reference's callback) is printed and dropped, so the first alarm
    # may be lost; the next one is not, and the block is never let through as if in time.
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:
        raise TooSlow


def size_label(chars: int) -> str:
    """A length of text for a message: '5.1 MB', '820 kB', '312 characters'."""
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.1f} MB"
    if chars >= 10_000:
        return f"{chars // 1000:,} kB"
    return f"{chars:,} characters"
