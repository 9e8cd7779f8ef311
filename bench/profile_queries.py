#!/usr/bin/env python
"""PROFILE the two benchmarked geometry queries on a loaded synthetic country.

    .venv/bin/python bench/profile_queries.py   # the server run_scale.py --keep-server left

Prints, per query, the total database hits, the rows and the operators with the
most hits: where the time goes when a latency target is missed. The only text
added to the registered query is Cypher's own ``PROFILE`` keyword.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from patronage_graph import LocalServer, Settings, create_driver, database
from patronage_graph.cypher_registry import registry
from patronage_graph.model import EVIDENCE_GRADES
from patronage_graph.queries.geometry import node_worker_params
from patronage_graph.synthetic.generator import prefix_of

HERE = Path(__file__).resolve().parent


def operators(plan: Any, out: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(db hits, rows, operator and details) for every operator of a profiled plan."""
    args = plan.get("args", {})
    out.append(
        (
            int(plan.get("dbHits", 0)),
            int(plan.get("rows", 0)),
            f"{plan['operatorType']} {str(args.get('Details', ''))[:90]}",
        )
    )
    for child in plan.get("children", []):
        operators(child, out)
    return out


def profile(driver: Any, name: str, params: dict[str, Any]) -> None:
    text = "PROFILE " + registry()[name].text
    with driver.session() as session:
        result = session.run(text, params)  # type: ignore[arg-type]
        rows = len(list(result))
        summary = result.consume()
    ops = operators(summary.profile, [])
    print(
        f"== {name}: {rows} rows, {sum(h for h, _, _ in ops):,} db hits, "
        f"{summary.result_available_after + summary.result_consumed_after} ms"
    )
    for hits, count, what in sorted(ops, reverse=True)[:6]:
        print(f"   {hits:>12,} hits {count:>10,} rows  {what}")


def main() -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--state-dir", type=Path, default=HERE.parent / ".patronage-graph" / "synth-bench"
    )
    parser.add_argument("--bolt-port", type=int, default=7697)
    parser.add_argument("--http-port", type=int, default=7487)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--skip-node-workers",
        action="store_true",
        help="node_workers scans every laid-off worker: minutes at 10^7",
    )
    args = parser.parse_args()
    server = LocalServer(
        args.state_dir.resolve(), Settings().cache_dir, args.bolt_port, args.http_port
    )
    creds = server.credentials()
    driver = create_driver(creds.uri, creds.user, creds.password)
    prefix = prefix_of(args.seed)
    star = database.read(driver, "synthetic_star_workers", {"prefix": prefix + "-", "limit": 1})[0][
        "id"
    ]
    grades = list(EVIDENCE_GRADES)
    profile(driver, "patronage_chain", {"worker_id": star, "max_hops": 8, "grades": grades})
    profile(
        driver,
        "patronage_chain",
        {"worker_id": f"{prefix}-c0-w7", "max_hops": 8, "grades": grades},
    )
    if not args.skip_node_workers:
        profile(driver, "node_workers", node_worker_params(city=f"{prefix}-c0"))
    driver.close()


if __name__ == "__main__":
    main()
