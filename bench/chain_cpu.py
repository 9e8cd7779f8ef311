"""CPU per ``patronage_chain`` call, two query texts and two row readers side by side.

For each variant, ``--concurrency`` threads call the chain of ``--worker`` in turn
and the script prints the CPU milliseconds per call of the Neo4j JVM (the local
server) and of this Python process, and the calls per second. Variants alternate in
``--rounds`` rounds, so a busy machine weighs on all of them alike::

    git show main:cypher/geometry/patronage_chain.cypher > /tmp/chain_main.cypher
    python bench/chain_cpu.py --worker syn1-c0-w0 --old-cypher /tmp/chain_main.cypher

The variants: the registered query or the ``--old-cypher`` text, each read with
``Record.data()`` (the driver's recursive conversion) or with the repository's
``read_rows`` conversion. Every variant must return the same rows; the script
stops if one does not.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

from patronage_graph import Settings, create_driver
from patronage_graph.cypher_registry import registry
from patronage_graph.model import EVIDENCE_GRADES
from patronage_graph.neo4j_local import LocalServer
from patronage_graph.queries._common import _as_dict

Reader = Callable[[Any], dict[str, Any]]
READERS: dict[str, Reader] = {"Record.data()": lambda r: r.data(), "read_rows": _as_dict}


def cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", default="syn1-c0-w0")
    parser.add_argument("--old-cypher", type=Path, help="the query text to compare with")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--calls", type=int, default=200, help="per variant and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    server = LocalServer.from_settings(settings)
    creds, pid = server.credentials(), server.pid()
    if pid is None:
        parser.error("the local Neo4j server is not running (patronage-graph neo4j start)")
    jvm, me = psutil.Process(pid), psutil.Process()
    driver = create_driver(creds.uri, creds.user, creds.password, max_connection_pool_size=64)
    texts = {"new cypher": registry()["patronage_chain"].text}
    if args.old_cypher:
        texts["old cypher"] = args.old_cypher.read_text()
    params = {"worker_id": args.worker, "max_hops": 8, "grades": list(EVIDENCE_GRADES)}

    def call(text: str, read: Reader) -> list[dict[str, Any]]:
        records = driver.execute_query(text, params, routing_="r").records
        return [read(r) for r in records]

    variants = {(t, r): (texts[t], READERS[r]) for t in texts for r in READERS}
    answers = {key: call(*v) for key, v in variants.items()}
    first = next(iter(answers.values()))
    if any(a != first for a in answers.values()):
        raise SystemExit("the variants answer differently: stop")
    totals = {key: [0.0, 0.0, 0.0] for key in variants}  # jvm s, python s, wall s
    with ThreadPoolExecutor(args.concurrency) as pool:
        for _ in range(args.rounds):
            for key, (text, read) in variants.items():
                j0, p0, t0 = cpu(jvm), cpu(me), time.perf_counter()
                list(pool.map(lambda _, t=text, r=read: call(t, r), range(args.calls)))
                for i, v in enumerate((cpu(jvm) - j0, cpu(me) - p0, time.perf_counter() - t0)):
                    totals[key][i] += v
    n = args.calls * args.rounds
    print(
        f"{args.worker}: {len(first)} hops; {n} calls per variant, concurrency {args.concurrency}"
    )
    print(
        f"{'query':<12} {'rows read with':<15} {'jvm ms/call':>12} "
        f"{'python ms/call':>15} {'calls/s':>8}"
    )
    for (t, r), (j, p, wall) in totals.items():
        print(f"{t:<12} {r:<15} {j * 1000 / n:>12.2f} {p * 1000 / n:>15.2f} {n / wall:>8.1f}")
    driver.close()


if __name__ == "__main__":
    main()
