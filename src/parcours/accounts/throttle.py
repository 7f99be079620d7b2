"""Sign-in throttling: after a few wrong passwords for one e-mail (or from one address), further
tries wait, so that passwords cannot be guessed at the server's speed.

Kept in the process's memory: a restart forgets it, and each worker keeps its own count, which
still caps guessing at a handful of tries per window per worker.
"""

from __future__ import annotations

import threading
import time
from collections import deque

MAX_FAILURES = 5
WINDOW_S = 15 * 60


class SignInThrottle:
    def __init__(self, *, max_failures: int = MAX_FAILURES, window_s: float = WINDOW_S) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def wait_s(self, *keys: str, now: float | None = None) -> float:
        """Seconds before these keys may try again (0 when they may now)."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            waits = [
                self.window_s - (moment - times[0])
                for key in keys
                if len(times := self._recent(key, moment)) >= self.max_failures
            ]
        return max(waits, default=0.0)

    def failed(self, *keys: str, now: float | None = None) -> None:
        moment = time.monotonic() if now is None else now
        with self._lock:
            for key in keys:
                self._recent(key, moment).append(moment)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
