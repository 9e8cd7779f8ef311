"""A deadline on calls into Neo4j, so a query the server never answers frees its client.

Neo4j stops a researcher's query at ``PATRONAGE_CYPHER_TIMEOUT``, but not every
query can be stopped: a ``reduce`` over billions of values never checks for
termination, and a deeply nested expression can overflow the parser, which then
never answers. The driver would wait minutes and end with a false "unavailable".
:class:`Deadline` runs the call on a thread of its own, bounded pool and stops
waiting at the deadline: the client gets a prompt 504 naming the cause, and the
call's thread finishes (or is freed by the supervisor restarting a wedged local
server, see :mod:`patronage_graph.supervisor`) in the background.

A pool has a fixed number of slots; a call that cannot get one within its deadline
is refused with :class:`~patronage_graph.errors.TooManyQueries` (503) instead of
queueing behind calls that may never end. ``GET /health`` has a pool (and a driver)
of its own, so stuck researchers' queries never starve it.

The registered endpoints that answer from a few queries (workers, entities,
statistics, pages) run the same way on a pool of their own (:class:`BoundedRoute`),
under ``PATRONAGE_API_DEADLINE``: while Neo4j is shutting down it can hold a
connection open without answering, and a client would otherwise wait as long as the
shutdown takes. At the deadline the client gets 503 with ``Retry-After``
(:class:`Overdue`). ``/export`` and ``/analytics`` are left unbounded: they compute
over a whole graph, which at 10⁶ workers rightly takes longer than any such deadline.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextvars import ContextVar
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.routing import APIRoute

from patronage_graph.errors import DeadlineExceeded, PatronageGraphError, TooManyQueries
from patronage_graph.settings import Settings

__all__ = [
    "CYPHER_DEADLINE_MARGIN_S",
    "CYPHER_POOL",
    "CYPHER_SLOTS",
    "ENDPOINT_POOL",
    "BoundedRoute",
    "Deadline",
    "Overdue",
    "cypher_deadline",
]

T = TypeVar("T")

#: Seconds the API waits past PATRONAGE_CYPHER_TIMEOUT for Neo4j to stop a query.
CYPHER_DEADLINE_MARGIN_S = 3.0
#: Researchers' queries running at once (each holds a thread and a connection).
CYPHER_SLOTS = 16
#: Registered endpoint calls running at once; with CYPHER_SLOTS, the driver's pool size.
ENDPOINT_SLOTS = 48


class Deadline:
    """A bounded thread pool whose calls the caller waits for at most ``seconds``."""

    def __init__(self, slots: int, name: str) -> None:
        self.slots = slots
        self._pool = ThreadPoolExecutor(max_workers=slots, thread_name_prefix=name)
        self._free = threading.BoundedSemaphore(slots)
        self._busy = 0
        self._lock = threading.Lock()

    @property
    def busy(self) -> int:
        """Calls still running (including those whose caller stopped waiting)."""
        return self._busy

    def _run(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        finally:
            with self._lock:
                self._busy -= 1
            self._free.release()

    def call(self, fn: Callable[[], T], seconds: float, what: str) -> T:
        """``fn()``, or :class:`DeadlineExceeded` once ``seconds`` have passed."""
        began = time.monotonic()
        if not self._free.acquire(timeout=seconds):
            raise TooManyQueries(
                f"all {self.slots} slots for {what} are held by queries that are still "
                f"running; none freed within {seconds:.0f} s, retry later"
            )
        with self._lock:
            self._busy += 1
        future: Future[T] = self._pool.submit(self._run, fn)
        try:
            return future.result(timeout=max(0.0, seconds - (time.monotonic() - began)))
        except FutureTimeout:
            raise DeadlineExceeded(
                f"{what} got no answer from Neo4j within {seconds:.0f} s, so the API stopped "
                "waiting"
            ) from None

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


#: The pool every researcher's query (``POST /cypher``, ``POST /viz/cypher``) runs on.
CYPHER_POOL = Deadline(CYPHER_SLOTS, "cypher")


def cypher_deadline(timeout_s: float) -> float:
    """The client-side deadline of a researcher's query: its Cypher timeout plus a margin."""
    return timeout_s + CYPHER_DEADLINE_MARGIN_S


#: The pool the registered endpoints run on (see :class:`BoundedRoute`).
ENDPOINT_POOL = Deadline(ENDPOINT_SLOTS, "endpoint")


class Overdue(PatronageGraphError):
    """A registered endpoint got no answer from Neo4j within ``PATRONAGE_API_DEADLINE``."""


#: This request's deadline in seconds, set by the route before its endpoint runs.
_seconds: ContextVar[float] = ContextVar(
    "endpoint_deadline_s", default=Settings.model_fields["api_deadline_s"].default
)


def _bounded(endpoint: Callable[..., Any], path: str) -> Callable[..., Any]:
    @functools.wraps(endpoint)  # FastAPI reads the parameters through __wrapped__
    def bounded(*args: Any, **kwargs: Any) -> Any:
        seconds = _seconds.get()
        try:
            return ENDPOINT_POOL.call(lambda: endpoint(*args, **kwargs), seconds, path)
        except DeadlineExceeded:
            raise Overdue(
                f"{path} got no answer from Neo4j within {seconds:g} s "
                "(PATRONAGE_API_DEADLINE); Neo4j may be stopping, restarting or overloaded. "
                "The request goes on in the background; retry later"
            ) from None

    return bounded


class BoundedRoute(APIRoute):
    """A route whose synchronous endpoint answers within the app's ``api_deadline_s``."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _bounded(endpoint, path)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def with_deadline(request: Request) -> Response:
            # read in the endpoint's worker thread: anyio copies the context there
            _seconds.set(request.app.state.settings.api_deadline_s)
            response: Response = await handler(request)
            return response

        return with_deadline
