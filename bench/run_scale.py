#!/usr/bin/env python
"""How loading and the geometry queries scale with the size of a synthetic country.

    .venv/bin/python bench/run_scale.py --sizes 1e4,1e5,1e6,1e7

For each size (workers): the online loaders (up to ``--online-max``; the MERGE
loader up to ``--loader-max``), then the bulk path (CSV, ``neo4j-admin database
import``, constraints and indexes online), then ``patronage_chain`` (stars and
random workers), ``node_workers`` for one city and ``GET /workers/{id}/chain``.
Generator and online-loader peak RSS come from child processes. Every figure is
printed, with the growth from each size to the next; ``--json`` keeps them.

It runs its own Neo4j (``--state-dir``, ports ``--bolt-port``/``--http-port``) and
REPLACES that server's database: never point it at data you want to keep.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
from _measure import chain_times, http_chain_times, node_worker_times, sample_workers

from patronage_graph import LocalServer, Settings, apply_schema, create_driver
from patronage_graph.synthetic.bulk import IMPORT_HEAP, IMPORT_PAGECACHE, import_csv
from patronage_graph.synthetic.csv_export import CsvSet, write_csv
from patronage_graph.synthetic.csv_parallel import default_processes
from patronage_graph.synthetic.generator import prefix_of

HERE = Path(__file__).resolve().parent
_PEAK = re.compile(r"Peak memory usage:\s*([\d.]+)\s*([KMG]i?B)")


def child(
    *args: str, env: dict[str, str] | None = None, timeout: float | None = None
) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "_synth_child.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"step {args} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def server_env(server: LocalServer) -> dict[str, str]:
    creds = server.credentials()
    return {
        **os.environ,
        "NEO4J_URI": creds.uri,
        "NEO4J_USER": creds.user,
        "NEO4J_PASSWORD": creds.password,
    }


def empty_database(server: LocalServer, work: Path) -> None:
    """Replace the database with an empty one: an import of no rows.

    Faster and safer than deleting a large graph in transactions (which can exceed
    the transaction memory pool on the dense firm nodes).
    """
    empty = work / "csv-empty"
    shutil.rmtree(empty, ignore_errors=True)
    write_csv([], empty)
    (empty / "Source.header.csv").write_text("id:ID,:LABEL\n")
    (empty / "Source.csv").write_text("")
    import_csv(server, CsvSet.from_directory(empty))
    creds = server.credentials()
    driver = create_driver(creds.uri, creds.user, creds.password)
    apply_schema(driver)
    driver.close()


def online(
    server: LocalServer, workers: int, seed: int, method: str, work: Path, writers: int = 1
) -> dict[str, Any]:
    empty_database(server, work)
    step = child("online", str(workers), str(seed), method, str(writers), env=server_env(server))
    step["records_per_s"] = round((step["nodes"] + step["relationships"]) / step["seconds"])
    step["rels_per_s"] = round(step["relationships"] / step["phases"]["relationships"])
    print(
        f"  online/{method} ({writers} writers): {step['records_per_s']:,} records/s, "
        f"{step['rels_per_s']:,} relationships/s, phases {step['phases']}, "
        f"Python CPU {step['python_cpu_s']} s, peak RSS {step['peak_rss_mib']} MiB",
        flush=True,
    )
    return step


def csv_files(workers: int, seed: int, out: Path, processes: int) -> dict[str, Any]:
    """Write the country's CSV with ``processes`` writers, in a child; print its figures."""
    shutil.rmtree(out, ignore_errors=True)
    gen = child("csv", str(workers), str(seed), str(out), str(processes))
    print(
        f"  csv ({processes} processes): {gen['nodes']:,} nodes, {gen['relationships']:,} rels "
        f"in {gen['seconds']:.1f} s; CPU {gen['python_cpu_s']} s main + "
        f"{gen['writers_cpu_s']} s writers; peak RSS {gen['peak_rss_mib']} MiB main, "
        f"{gen['writers_peak_rss_mib']} MiB largest writer",
        flush=True,
    )
    return gen


def bulk(
    server: LocalServer,
    workers: int,
    seed: int,
    work: Path,
    off_heap: str,
    processes: int,
    import_heap: str,
    import_pagecaches: list[str],
) -> dict[str, Any]:
    """CSV, then one import per page cache size (the last one stays), then the schema."""
    out = work / f"csv-{workers}"
    gen = csv_files(workers, seed, out, processes)
    imports: list[dict[str, Any]] = []
    for pagecache in import_pagecaches:
        peaks: list[str] = []
        began = time.perf_counter()
        import_csv(
            server,
            CsvSet.from_directory(out),
            heap=import_heap,
            off_heap=off_heap,
            pagecache=pagecache,
            say=lambda line, peaks=peaks: peaks.extend(
                m.group(1) + m.group(2) for m in [_PEAK.search(line)] if m
            ),
        )
        imported = time.perf_counter()
        imports.append(
            {"pagecache": pagecache, "seconds": round(imported - began, 1), "peak": peaks[-1:]}
        )
        print(
            f"  import (heap {import_heap}, page cache {pagecache}, off-heap {off_heap}): "
            f"{imported - began:.1f} s, importer peak {peaks[-1:]}",
            flush=True,
        )
    creds = server.credentials()
    driver = create_driver(creds.uri, creds.user, creds.password)
    apply_schema(driver, timeout_s=3_600)
    driver.close()
    done = time.perf_counter()
    print(f"  schema: {done - imported:.1f} s (constraints and indexes online)", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    records = gen["nodes"] + gen["relationships"]
    total = gen["seconds"] + (done - began)
    result = {
        "nodes": gen["nodes"],
        "relationships": gen["relationships"],
        "csv_s": round(gen["seconds"], 1),
        "csv_processes": processes,
        "import_s": round(imported - began, 1),
        "schema_s": round(done - imported, 1),
        "total_s": round(total, 1),
        "records_per_s": round(records / total),
        "import_records_per_s": round(records / (imported - began)),
        "generator_peak_rss_mib": gen["peak_rss_mib"],
        "importer_peak": peaks[-1:],
        "imports": imports,
    }
    print(f"  bulk: {result}", flush=True)
    return result


def _node_workers_child(server: LocalServer, seed: int, budget: float) -> dict[str, Any] | None:
    try:
        return child(
            "node_workers",
            "5",
            "0",
            f"{prefix_of(seed)}-c0",
            env=server_env(server),
            timeout=budget,
        )
    except subprocess.TimeoutExpired:
        # The killed child's connection closes; make sure its query stops too.
        server.stop()
        server.start()
        return None


def measure_queries(
    server: LocalServer, workers: int, seed: int, reps: int, http_port: int, nw_budget: float
) -> dict[str, Any]:
    creds = server.credentials()
    driver = create_driver(creds.uri, creds.user, creds.password)
    try:
        sample = sample_workers(driver, workers, seed, 20)
        result = {
            "chain_stars": chain_times(driver, sample["stars"], reps),
            "chain_random": chain_times(driver, sample["random"], reps),
            "node_workers_city": node_worker_times(
                lambda budget: _node_workers_child(server, seed, budget), nw_budget
            ),
        }
    finally:
        driver.close()
    result["http_chain_stars"] = http_chain_times(creds, sample["stars"], reps, http_port)
    pid = server.pid()
    result["server_rss_mib"] = round(psutil.Process(pid).memory_info().rss / 2**20) if pid else None
    for name, figures in result.items():
        print(f"  {name}: {figures}", flush=True)
    return result


def growth(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """p95 ratios from each size to the next (the chain stars, random, HTTP, node_workers)."""
    keys = ("chain_stars", "chain_random", "http_chain_stars", "node_workers_city")
    out = []
    for a, b in itertools.pairwise(rows):
        out.append(
            {
                "from": a["workers"],
                "to": b["workers"],
                **{k: _ratio(b["queries"][k]["p95"], a["queries"][k]["p95"]) for k in keys},
            }
        )
    return out


def _ratio(new: float | None, old: float | None) -> float | None:
    return round(new / old, 2) if new and old else None


def main() -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # the queries' planner notices
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1e4,1e5,1e6", help="workers, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--online-max", type=float, default=1e5, help="largest size loaded online with CREATE"
    )
    parser.add_argument(
        "--loader-max",
        type=float,
        default=1e4,
        help="largest size loaded online through the MERGE loader",
    )
    parser.add_argument(
        "--loader-writers",
        default="1",
        help="concurrent sessions of the MERGE loader, comma-separated: each is run",
    )
    parser.add_argument("--reps", type=int, default=200, help="timed chain queries per size")
    parser.add_argument(
        "--state-dir", type=Path, default=HERE.parent / ".patronage-graph" / "synth-bench"
    )
    parser.add_argument("--bolt-port", type=int, default=7697)
    parser.add_argument("--http-port", type=int, default=7487)
    parser.add_argument("--api-port", type=int, default=8097)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="3g")
    parser.add_argument(
        "--import-memory",
        default="2g",
        help="neo4j-admin import --max-off-heap-memory",
    )
    parser.add_argument(
        "--import-heap", default=IMPORT_HEAP, help="neo4j-admin import's own JVM heap"
    )
    parser.add_argument(
        "--import-pagecache",
        default=IMPORT_PAGECACHE,
        help="neo4j-admin import's own page cache; a comma-separated list imports once per "
        "value, side by side (the last import stays), e.g. 256m,4g",
    )
    parser.add_argument(
        "--csv-processes",
        type=int,
        default=default_processes(),
        help="CSV writer processes for the bulk path (default: one per core)",
    )
    parser.add_argument(
        "--csv-compare",
        action="store_true",
        help="before the bulk path, write the CSV with 1 process and with --csv-processes, "
        "alternately, twice each, and print both",
    )
    parser.add_argument(
        "--csv-only", action="store_true", help="with --csv-compare: only that comparison"
    )
    parser.add_argument(
        "--bulk-only", action="store_true", help="loaders and bulk path only, no queries"
    )
    parser.add_argument("--json", type=Path, default=HERE.parent / "out" / "bench-scale.json")
    parser.add_argument(
        "--node-workers-budget",
        type=float,
        default=300,
        help="seconds allowed for the node_workers runs of one size",
    )
    parser.add_argument("--keep-server", action="store_true")
    parser.add_argument(
        "--online-only",
        action="store_true",
        help="only the online loaders (no bulk import, no queries)",
    )
    args = parser.parse_args()
    server = LocalServer(
        args.state_dir.resolve(),
        Settings().cache_dir,
        args.bolt_port,
        args.http_port,
        args.heap,
        args.pagecache,
    )
    rows = []
    args.json.parent.mkdir(parents=True, exist_ok=True)
    try:
        for workers in (int(float(s)) for s in args.sizes.split(",")):
            print(f"== {workers:,} workers", flush=True)
            row: dict[str, Any] = {"workers": workers, "online": {}}
            if workers <= args.online_max:
                row["online"]["create"] = online(
                    server, workers, args.seed, "create", args.state_dir
                )
            for writers in (int(w) for w in args.loader_writers.split(",")):
                if workers <= args.loader_max:
                    key = "loader" if writers == 1 else f"loader_{writers}_writers"
                    row["online"][key] = online(
                        server, workers, args.seed, "loader", args.state_dir, writers
                    )
            if args.online_only:
                rows.append(row)
                args.json.write_text(json.dumps({"rows": rows}, indent=1))
                continue
            if args.csv_compare:
                row["csv_compare"] = [
                    csv_files(workers, args.seed, args.state_dir / "csv-compare", p)
                    for p in (1, args.csv_processes) * 2
                ]
                shutil.rmtree(args.state_dir / "csv-compare", ignore_errors=True)
                if args.csv_only:
                    rows.append(row)
                    args.json.write_text(json.dumps({"rows": rows}, indent=1))
                    continue
            row["bulk"] = bulk(
                server,
                workers,
                args.seed,
                args.state_dir,
                args.import_memory,
                args.csv_processes,
                args.import_heap,
                args.import_pagecache.split(","),
            )
            for method, step in row["online"].items():
                row["bulk"][f"speedup_vs_{method}"] = round(
                    row["bulk"]["records_per_s"] / step["records_per_s"], 1
                )
            if args.bulk_only:
                rows.append(row)
                args.json.write_text(json.dumps({"rows": rows}, indent=1))
                continue
            row["queries"] = measure_queries(
                server, workers, args.seed, args.reps, args.api_port, args.node_workers_budget
            )
            rows.append(row)
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"rows": rows, "growth": growth(rows)}, indent=1))
    finally:
        if not args.keep_server:
            server.stop()
    print("== growth of p95 from each size to the next")
    for g in [] if args.online_only or args.csv_only or args.bulk_only else growth(rows):
        print(f"  {g}")
    print(f"figures kept in {args.json}")


if __name__ == "__main__":
    main()
