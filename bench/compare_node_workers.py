#!/usr/bin/env python
"""Two versions of ``node_workers.cypher`` side by side, on one loaded country.

    .venv/bin/python bench/compare_node_workers.py --old /tmp/node_workers_main.cypher \\
        --bolt-port 7743 --http-port 7744 --calls 30

For the server ``run_scale.py --keep-server`` left. ``--old`` is a file holding the
other version (e.g. ``git show main:cypher/geometry/node_workers.cypher``); the new
one is the registered query. Each call is what ``queries.node_workers(city=c0)``
sends: the city page, then the page's ids again at ``stated`` and ``general`` (its
``evidence_needed``). Calls alternate between the versions after one warm-up call
each, so load on the machine falls on both alike. Prints p50/p95 of the calls, the
db hits of the city query (PROFILE) and whether both return the same rows.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path
from typing import Any

from profile_queries import operators

from patronage_graph import LocalServer, Settings, create_driver
from patronage_graph.cypher_registry import registry
from patronage_graph.model import EVIDENCE_GRADES
from patronage_graph.queries._common import grades_for
from patronage_graph.queries.geometry import node_worker_params
from patronage_graph.synthetic.generator import prefix_of

HERE = Path(__file__).resolve().parent


def run(driver: Any, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with driver.session() as session:
        return [r.data() for r in session.run(text, params)]  # type: ignore[arg-type]


def full_call(driver: Any, text: str, city: str) -> list[dict[str, Any]]:
    """The round trips of ``queries.node_workers(city=city)`` at evidence ``inferred``."""
    rows = run(driver, text, node_worker_params(city=city))
    left = [r["id"] for r in rows]
    for grade in EVIDENCE_GRADES[:-1]:
        if not left:
            break
        found = run(
            driver,
            text,
            node_worker_params(worker_ids=left, grades=grades_for(grade), limit=len(left)),
        )
        left = [i for i in left if i not in {r["id"] for r in found}]
    return rows


#: The columns every version returns with the same meaning.
CORE = ("id", "score", "vertical", "horizontal", "systems", "levels_reached")


def core(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [tuple(r.get(c) for c in CORE) for r in rows]


def db_hits(driver: Any, text: str, params: dict[str, Any]) -> int:
    with driver.session() as session:
        result = session.run("PROFILE " + text, params)  # type: ignore[arg-type]
        list(result)
        summary = result.consume()
    return sum(h for h, _, _ in operators(summary.profile, []))


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=20)
    return f"p50 {statistics.median(samples):.0f} ms, p95 {cuts[18]:.0f} ms (n={len(samples)})"


def main() -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="the other node_workers.cypher")
    parser.add_argument(
        "--state-dir", type=Path, default=HERE.parent / ".patronage-graph" / "synth-bench"
    )
    parser.add_argument("--bolt-port", type=int, default=7697)
    parser.add_argument("--http-port", type=int, default=7487)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    server = LocalServer(
        args.state_dir.resolve(), Settings().cache_dir, args.bolt_port, args.http_port
    )
    creds = server.credentials()
    driver = create_driver(creds.uri, creds.user, creds.password)
    city = f"{prefix_of(args.seed)}-c0"
    texts = {"old": args.old.read_text(), "new": registry()["node_workers"].text}
    try:
        pages = {name: full_call(driver, text, city) for name, text in texts.items()}  # warm-up
        # Columns were added and the chain's form changed since older versions: the
        # answer both must agree on is who is a node worker, in which order, and why.
        print(
            f"same workers, scores and order: {core(pages['old']) == core(pages['new'])} "
            f"({len(pages['new'])} rows); whole rows equal: {pages['old'] == pages['new']}"
        )
        for offset in (50, 100):
            params = node_worker_params(city=city, offset=offset)
            same = core(run(driver, texts["old"], params)) == core(
                run(driver, texts["new"], params)
            )
            print(f"same workers and scores at offset {offset}: {same}")
        for name, text in texts.items():
            print(f"{name}: {db_hits(driver, text, node_worker_params(city=city)):,} db hits")
        samples: dict[str, list[float]] = {name: [] for name in texts}
        for _ in range(args.calls):
            for name, text in texts.items():
                began = time.perf_counter()
                full_call(driver, text, city)
                samples[name].append((time.perf_counter() - began) * 1000)
        for name, figures in samples.items():
            print(f"{name}: node_workers(city={city!r}) {percentiles(figures)}")
    finally:
        driver.close()


if __name__ == "__main__":
    main()
