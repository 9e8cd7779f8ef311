"""ETag and If-None-Match on every GET, keyed by the graph's generation stamp.

Every load writes a new stamp into the graph, in the load's own transaction
(``graph_stamp_set`` in ``cypher/load.cypher``). A GET's ETag is that stamp plus a
digest of what was asked (path, query string, ``Accept``, API version), so an
answer stays valid exactly as long as the graph has not been reloaded. A request
whose ``If-None-Match`` names the current ETag gets ``304 Not Modified`` at once,
without running the endpoint; other 200 answers carry the ETag and
``Cache-Control: no-cache`` (clients revalidate every time).

The stamp is read from Neo4j at most once per :data:`STAMP_TTL_S` per process, so
for up to that long after a load (plus one read of the stamp, at most
:data:`STAMP_DEADLINE_S`) an API process may still answer 304 for the old graph.
A graph without a stamp (written by something other than the loaders, or emptied)
gets no ETags at all. ``/health`` is never cached.
"""

from __future__ import annotations

import hashlib
import threading
import time

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from patronage_graph import __version__, database
from patronage_graph.errors import DatabaseUnavailable, PatronageGraphError

from .availability import Availability
from .deadline import ENDPOINT_POOL
from .neo4j_holder import Neo4jHolder

__all__ = ["STAMP_DEADLINE_S", "STAMP_TTL_S", "ETags", "GraphStamp"]

#: Seconds an API process keeps the graph's generation stamp before reading it again.
STAMP_TTL_S = 1.0
#: Seconds a request waits for the stamp before answering without an ETag.
STAMP_DEADLINE_S = 2.0
_UNCACHED = ("/health",)


class GraphStamp:
    """The graph's generation stamp, read at most once per ``ttl`` seconds."""

    def __init__(
        self, holder: Neo4jHolder, availability: Availability, ttl: float = STAMP_TTL_S
    ) -> None:
        self._holder = holder
        self._availability = availability
        self._ttl = ttl
        self._value: str | None = None
        self._read_at = -1e9
        self._lock = threading.Lock()

    def current(self) -> str | None:
        if time.monotonic() - self._read_at < self._ttl:
            return self._value
        if not self._lock.acquire(blocking=False):
            # Another request is reading it: the last value while that read is within
            # its deadline (the TTL stretched by one read), else no ETag. Never a wait:
            # a read that Neo4j does not answer must not hold up every GET.
            recent = time.monotonic() - self._read_at < self._ttl + STAMP_DEADLINE_S
            return self._value if recent else None
        try:
            if time.monotonic() - self._read_at >= self._ttl:
                self._value = self._read()
                self._read_at = time.monotonic()
            return self._value
        finally:
            self._lock.release()

    def _read(self) -> str | None:
        if self._availability.down:
            # Neo4j is known to be away: no ETag, and no 3-7 s connection
            # attempt before the endpoint's own immediate 503.
            return None
        try:
            rows = ENDPOINT_POOL.call(
                lambda: database.read(
                    self._holder.get(), "graph_stamp", database=self._holder.database
                ),
                STAMP_DEADLINE_S,
                "the graph's generation stamp",
            )
        except DatabaseUnavailable:
            self._availability.mark_down()
            return None  # no ETag; the endpoint says 503 at once
        except PatronageGraphError:  # also no answer in time: the endpoint has its own
            return None
        return rows[0]["stamp"] if rows else None

    def fresh(self) -> bool:
        return time.monotonic() - self._read_at < self._ttl


def _etag(stamp: str, scope: Scope) -> bytes:
    headers = dict(scope.get("headers") or [])
    digest = hashlib.sha256()
    for part in (
        __version__.encode(),
        scope["path"].encode(),
        scope.get("query_string", b""),
        headers.get(b"accept", b""),
    ):
        digest.update(part + b"\0")
    return f'W/"{stamp}-{digest.hexdigest()[:20]}"'.encode()


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    tags = [t.strip() for t in if_none_match.split(b",")]
    weak = etag.removeprefix(b"W/")
    return b"*" in tags or any(t.removeprefix(b"W/") == weak for t in tags)


class ETags:
    """Pure ASGI middleware: 304 for a current If-None-Match, an ETag on other 200s."""

    def __init__(self, app: ASGIApp, stamp: GraphStamp) -> None:
        self.app = app
        self.stamp = stamp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or scope["path"] in _UNCACHED
        ):
            await self.app(scope, receive, send)
            return
        stamp = self.stamp.current() if self.stamp.fresh() else None
        if stamp is None and not self.stamp.fresh():
            stamp = await anyio.to_thread.run_sync(self.stamp.current)
        if stamp is None:
            await self.app(scope, receive, send)
            return
        etag = _etag(stamp, scope)
        asked = dict(scope.get("headers") or []).get(b"if-none-match")
        if asked is not None and _matches(asked, etag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [(b"etag", etag), (b"cache-control", b"no-cache")],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_etag(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = list(message.get("headers", []))
                headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_etag)
