"""A bounded load on loopback: at least 60 s at the benchmark's concurrency, zero errors,
and the API server's memory levels off instead of growing."""

from __future__ import annotations

import statistics
import threading
import time

import pytest

from bench_module import load_bench
from patronage_graph import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SECONDS = 60.0
CONCURRENCY = 8  # bench/api_bench.py's default
PATHS = [
    "/workers/star-firegate-manager/chain",
    "/node-workers?city=wuhan",
    "/entities/wuhan-labor-bureau",
    "/search?q=union",
    "/workers/worker-fired/eligibility",
    "/health",
]


def test_a_minute_of_load_ends_without_errors_and_without_memory_growth(
    neo4j_settings: Settings, seeded: object
) -> None:
    bench = load_bench()
    port = bench.free_port(8016)
    samples: list[tuple[float, int]] = []
    done = threading.Event()
    with bench.api_server(bench.settings_env(neo4j_settings), port) as server:
        bench.warm_up(port, PATHS)

        def sample() -> None:
            began = time.monotonic()
            while not done.wait(1.0):
                samples.append((time.monotonic() - began, server.memory_info().rss))

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            figures = bench.http_load(
                port,
                PATHS,
                concurrency=CONCURRENCY,
                seconds=SECONDS,
                requests=1_000_000,
                label="mixed",
            )
        finally:
            done.set()
            sampler.join()
    print(f"\n{bench.HEADER}\n{figures.line()}")
    assert figures.elapsed >= SECONDS * 0.95
    assert figures.errors == 0, figures.statuses
    assert len(figures.latencies) > 500
    # The first 15 s warm caches and pools; after that the footprint must level off.
    early = [rss for t, rss in samples if 15 <= t < 30]
    late = [rss for t, rss in samples if t >= SECONDS - 15]
    growth = statistics.median(late) / statistics.median(early)
    print(
        f"RSS median {statistics.median(early) / 2**20:.0f} MiB at 15-30 s, "
        f"{statistics.median(late) / 2**20:.0f} MiB in the last 15 s ({growth:.3f}x)"
    )
    assert growth < 1.10
