"""Timing helpers for the scale benchmark: percentiles, query samples, the HTTP API."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from neo4j import Driver

from patronage_graph import database, queries
from patronage_graph.neo4j_local import Credentials
from patronage_graph.synthetic.generator import prefix_of, shape


def summary(samples_ms: list[float]) -> dict[str, float]:
    """p50, p95 and max of a list of milliseconds."""
    if len(samples_ms) < 2:
        only = samples_ms[0] if samples_ms else float("nan")
        return {"n": len(samples_ms), "p50": only, "p95": only, "max": only}
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {
        "n": len(samples_ms),
        "p50": round(cuts[49], 2),
        "p95": round(cuts[94], 2),
        "max": round(max(samples_ms), 2),
    }


def timed(call: Callable[[], Any], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        began = time.perf_counter()
        call()
        out.append((time.perf_counter() - began) * 1000)
    return out


def sample_workers(driver: Driver, workers: int, seed: int, count: int) -> dict[str, list[str]]:
    """Stars (founders of ventures: long chains) and workers drawn uniformly (short chains)."""
    rows = database.read(
        driver, "synthetic_star_workers", {"prefix": prefix_of(seed) + "-", "limit": count}
    )
    country, rng = shape(workers), random.Random(99)
    plain = []
    for _ in range(count):
        city = rng.randrange(country.cities)
        plain.append(f"{prefix_of(seed)}-c{city}-w{rng.randrange(country.city_workers(city))}")
    return {"stars": [r["id"] for r in rows], "random": plain}


def chain_times(driver: Driver, ids: list[str], reps: int) -> dict[str, float]:
    """patronage_chain over ``ids`` (one warm-up pass, then ``reps`` timed calls)."""
    for wid in ids:
        queries.patronage_chain(driver, worker_id=wid)
    picks = [ids[i % len(ids)] for i in range(reps)]
    samples = []
    for wid in picks:
        samples += timed(lambda wid=wid: queries.patronage_chain(driver, worker_id=wid), 1)
    return summary(samples)


def node_worker_times(
    run: Callable[[float], dict[str, Any] | None], budget_s: float
) -> dict[str, Any]:
    """node_workers for one city, run by ``run(timeout)`` in a child process.

    ``run`` returns None when the child was stopped at ``budget_s``: the figure is
    then reported as "more than the budget", not as a number.
    """
    step = run(budget_s)
    if step is None:
        return {"n": 0, "p50": None, "p95": None, "timed_out_after_s": budget_s}
    return {
        **summary(step["samples_ms"]),
        "rows": step["rows"],
        "first_ms": round(step["first_ms"], 1),
    }


def http_chain_times(creds: Credentials, ids: list[str], reps: int, port: int) -> dict[str, float]:
    """GET /workers/{id}/chain against ``uvicorn patronage_graph_api.main:create_app``,
    started here."""
    env = {
        **os.environ,
        "NEO4J_URI": creds.uri,
        "NEO4J_USER": creds.user,
        "NEO4J_PASSWORD": creds.password,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "patronage_graph_api.main:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            _wait_http(client)
            for wid in ids:
                client.get(f"/workers/{wid}/chain").raise_for_status()
            samples = []
            for i in range(reps):
                wid = ids[i % len(ids)]
                samples += timed(
                    lambda wid=wid: client.get(f"/workers/{wid}/chain").raise_for_status(), 1
                )
        return summary(samples)
    finally:
        server.terminate()
        server.wait(30)


def _wait_http(client: httpx.Client) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if client.get("/health").status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the API did not answer /health within 60 s")
