"""The client-side deadline on researchers' queries (patronage_graph_api.deadline)."""

from __future__ import annotations

import threading
import time

import pytest

from patronage_graph.errors import DeadlineExceeded, TooManyQueries
from patronage_graph_api.deadline import Deadline, cypher_deadline


def test_a_call_that_never_returns_is_given_up_at_the_deadline() -> None:
    pool = Deadline(2, "test")
    release = threading.Event()
    began = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="within 1 s"):
        pool.call(release.wait, 1.0, "the query")
    assert time.monotonic() - began < 10
    assert pool.busy == 1  # still running in the background
    release.set()
    assert pool.call(lambda: 42, 5.0, "the query") == 42


def test_when_every_slot_is_held_a_new_call_is_refused_not_queued() -> None:
    pool = Deadline(1, "test")
    release = threading.Event()
    with pytest.raises(DeadlineExceeded):
        pool.call(release.wait, 0.5, "the query")
    with pytest.raises(TooManyQueries, match="all 1 slots"):
        pool.call(lambda: 1, 0.5, "the query")
    release.set()


def test_errors_of_the_call_reach_the_caller_and_free_the_slot() -> None:
    pool = Deadline(1, "test")

    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        pool.call(fail, 5.0, "the query")
    assert pool.call(lambda: "ok", 5.0, "the query") == "ok"
    assert cypher_deadline(5.0) > 5.0
