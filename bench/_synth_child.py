"""One measured step of ``run_scale.py``, in its own process so its peak RSS is its own.

    python bench/_synth_child.py csv WORKERS SEED DIR [PROCESSES]
    python bench/_synth_child.py online WORKERS SEED METHOD [WRITERS]  (NEO4J_URI/USER/PASSWORD)
    python bench/_synth_child.py node_workers REPS 0 CITY       (NEO4J_URI/USER/PASSWORD)

Prints one JSON object: the step's figures and ``peak_rss_mib`` (ru_maxrss).
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from pathlib import Path

from neo4j import Driver

from patronage_graph import create_driver, queries
from patronage_graph.synthetic.csv_parallel import write_country_csv
from patronage_graph.synthetic.online import load_online


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def csv_step(workers: int, seed: int, out: Path, processes: int | None) -> dict[str, object]:
    began = time.perf_counter()
    files = write_country_csv(workers, seed, out, processes=processes)
    seconds = time.perf_counter() - began
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "processes": processes,
        "writers_cpu_s": round(children.ru_utime + children.ru_stime, 1),
        "writers_peak_rss_mib": round(children.ru_maxrss / 1024, 1),
        "nodes": files.node_count,
        "relationships": files.rel_count,
        "seconds": seconds,
        "args": files.import_args(),
    }


def online_step(workers: int, seed: int, method: str, writers: int) -> dict[str, object]:
    driver = _driver()
    try:
        stats = load_online(
            driver,
            workers,
            seed,
            method="create" if method == "create" else "loader",
            writers=writers,
        )
    finally:
        driver.close()
    return {
        "nodes": stats.nodes,
        "relationships": stats.relationships,
        "seconds": stats.seconds,
        "phases": dict(stats.phases),
    }


def node_workers_step(reps: int, city: str) -> dict[str, object]:
    """Timed node_workers calls for one city; the first (cold) call is reported apart.

    A child process, so that the benchmark can give up on a call that runs for minutes.
    """
    driver = _driver()
    samples, rows = [], 0
    try:
        for _ in range(reps + 1):
            began = time.perf_counter()
            rows = len(queries.node_workers(driver, city=city, limit=50))
            samples.append((time.perf_counter() - began) * 1000)
    finally:
        driver.close()
    return {"first_ms": samples[0], "samples_ms": samples[1:], "rows": rows}


def _driver() -> Driver:
    return create_driver(
        os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"]
    )


def main() -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # the queries' planner notices
    step, workers, seed, arg = sys.argv[1], int(float(sys.argv[2])), int(sys.argv[3]), sys.argv[4]
    if step == "csv":
        processes = int(sys.argv[5]) if len(sys.argv) > 5 else None
        result = csv_step(workers, seed, Path(arg), processes)
    elif step == "online":
        result = online_step(workers, seed, arg, int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    else:
        result = node_workers_step(workers, arg)
    result["peak_rss_mib"] = round(_peak_rss_mib(), 1)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of this Python process: against the wall time it shows whether the
    # Python side or the database limits the step.
    result["python_cpu_s"] = round(usage.ru_utime + usage.ru_stime, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
