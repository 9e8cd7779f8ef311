"""Neo4j's last known state, so a request answers 503 at once while Neo4j is down.

Without it, every request while Neo4j is away spends the driver's connection
attempts and retries (3-7 s) before its 503. Here the first request that finds
Neo4j unreachable marks it down; until a request finds it up again, other
requests answer 503 immediately, and one request a second is let through to try
(that one is the probe: it pays the connection attempt, and its success marks
Neo4j up again). ``GET /health`` always tries, and updates the state too.
"""

from __future__ import annotations

import threading
import time

__all__ = ["Availability"]


class Availability:
    """Down since when, and when a request last went through to try."""

    def __init__(self, probe_every_s: float = 1.0) -> None:
        self.probe_every_s = probe_every_s
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._last_try = 0.0

    @property
    def down(self) -> bool:
        return self._down_since is not None

    def mark_down(self) -> None:
        with self._lock:
            if self._down_since is None:
                self._down_since = self._last_try = time.monotonic()

    def mark_up(self) -> None:
        self._down_since = None

    def may_try(self) -> bool:
        """True when Neo4j is up, or when it is this request's turn to probe."""
        if self._down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now - self._last_try >= self.probe_every_s:
                self._last_try = now
                return True
            return False
