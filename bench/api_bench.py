"""API benchmark: the same repository calls over HTTP and in-process, side by side.

Starts the API (uvicorn, one process) on 127.0.0.1, then for each target runs a
bounded concurrent load — at most ``--requests`` requests or ``--seconds``
seconds, whichever ends first, on loopback only — and prints p50, p95 and
requests per second for:

* ``GET /workers/{id}/chain`` and ``queries.patronage_chain`` in-process;
* ``GET /node-workers`` and ``queries.node_workers`` in-process.

Beside each rate it prints the CPU milliseconds per request spent by the API
process (uvicorn), by the Neo4j JVM (when it is the local server) and by this
benchmark process (the HTTP client, or the in-process calls), each measured over
the same row. On a shared machine the rates move with the load; the CPU per
request mostly does not, so it is the figure to compare between runs.

In-process calls run on a thread pool of the same concurrency through the same
driver settings, so the ratio of the two p50s is the API's overhead. Targets on
a 2-core machine: overhead at p50 <= 1.5x, chain >= 500 requests/s.

Usage (Neo4j from the usual settings, e.g. the local server; the seed is loaded
when the worker below is missing)::

    python bench/api_bench.py [--concurrency 8] [--seconds 15] [--requests 20000]

The load functions are reused by the slow load test (tests/integration/test_api_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
WORKER = "star-firegate-manager"
LOOPBACK = "127.0.0.1"


@dataclass
class Figures:
    """Latencies (seconds) and errors of one bounded run."""

    label: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0
    cpu_s: dict[str, float] = field(default_factory=dict)  # CPU seconds per process, this row

    def cpu_ms(self, who: str) -> float:
        """CPU milliseconds per answered request spent by process ``who``."""
        done = len(self.latencies) + self.errors
        if who not in self.cpu_s or not done:
            return float("nan")
        return self.cpu_s[who] * 1000 / done

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def line(self) -> str:
        cpu = "".join(f" {self.cpu_ms(who):>8.2f}" for who in CPU_COLUMNS)
        return (
            f"{self.label:<34} {len(self.latencies):>7} {self.errors:>6} "
            f"{self.pct(0.50):>8.2f} {self.pct(0.95):>8.2f} {self.rps:>9.1f}{cpu}"
        )


#: Processes whose CPU is measured per row: the API, the Neo4j JVM, this benchmark.
CPU_COLUMNS = ("api", "jvm", "bench")
HEADER = (
    f"{'target':<34} {'n':>7} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>9}"
    + "".join(f" {who + ' cpu':>8}" for who in CPU_COLUMNS)
)
CPU_NOTE = "cpu columns: CPU ms per request (user + system) of that process over the row"


@contextmanager
def cpu_measured(figures: Figures, processes: dict[str, psutil.Process]) -> Iterator[None]:
    """Record in ``figures.cpu_s`` the CPU seconds each of ``processes`` spent in the block.

    CPU time, not wall time: it does not grow with other processes' load the way
    latencies do, so figures from a busy machine can be compared.
    """

    def used(who: str, process: psutil.Process) -> float:
        # uvicorn --workers: the API's work is done in the children the parent keeps
        total = 0.0
        family = process.children(recursive=True) if who == "api" else []
        for p in [process, *family]:
            with suppress(psutil.NoSuchProcess):
                times = p.cpu_times()
                total += times.user + times.system
        return total

    before = {who: used(who, p) for who, p in processes.items()}
    yield
    for who, process in processes.items():
        figures.cpu_s[who] = used(who, process) - before[who]


# -- HTTP load: a minimal keep-alive HTTP/1.1 client, so the client costs little CPU ------


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length:
        await reader.readexactly(length)
    return status


async def _client(
    port: int,
    paths: list[str],
    deadline: float,
    budget: list[int],
    figures: Figures,
    extra: str = "",
    ok: int = 200,
) -> None:
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    i = 0
    try:
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            path = paths[i % len(paths)]
            i += 1
            began = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}\r\n{extra}\r\n".encode())
            try:
                status = await asyncio.wait_for(_read_response(reader), 30)
            except (OSError, asyncio.IncompleteReadError, TimeoutError):
                figures.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(LOOPBACK, port)
                continue
            figures.statuses[status] = figures.statuses.get(status, 0) + 1
            if status == ok:
                figures.latencies.append(time.perf_counter() - began)
            else:
                figures.errors += 1
    finally:
        writer.close()


def http_load(
    port: int,
    paths: list[str],
    *,
    concurrency: int,
    seconds: float,
    requests: int,
    label: str,
    headers: dict[str, str] | None = None,
    ok: int = 200,
    processes: dict[str, psutil.Process] | None = None,
) -> Figures:
    """GET ``paths`` round-robin from ``concurrency`` connections; bounded in time and count.

    ``headers`` are sent with every request; an answer with status ``ok`` counts as
    a success (e.g. 304 with ``If-None-Match``). The CPU time of ``processes`` over
    the run goes into the figures.
    """
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    if not 1 <= concurrency <= 64:
        raise ValueError("concurrency must be between 1 and 64")
    figures = Figures(label)
    budget = [requests]

    async def main() -> None:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            *(
                _client(port, paths, deadline, budget, figures, extra, ok)
                for _ in range(concurrency)
            )
        )

    began = time.perf_counter()
    # A caller may already run an event loop in this thread (a test session that
    # drives a browser through playwright's sync API does); give ours a thread.
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(main())
        except BaseException as e:  # re-raised in the caller's thread
            failure.append(e)

    worker = threading.Thread(target=run)
    with cpu_measured(figures, processes or {}):
        worker.start()
        worker.join()
    if failure:
        raise failure[0]
    figures.elapsed = time.perf_counter() - began
    return figures


def inprocess_load(
    call: Callable[[], object],
    *,
    concurrency: int,
    seconds: float,
    requests: int,
    label: str,
    processes: dict[str, psutil.Process] | None = None,
) -> Figures:
    """Call ``call`` from ``concurrency`` threads; bounded in time and count.

    The CPU time of ``processes`` over the run goes into the figures.
    """
    figures = Figures(label)
    budget = [requests]
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            began = time.perf_counter()
            try:
                call()
            except Exception:
                figures.errors += 1
                continue
            figures.latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    with cpu_measured(figures, processes or {}), ThreadPoolExecutor(concurrency) as pool:
        for f in [pool.submit(worker) for _ in range(concurrency)]:
            f.result()
    figures.elapsed = time.perf_counter() - began
    return figures


# -- the server under test ------------------------------------------------------------


def free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 10):
        with socket.socket() as s:
            if s.connect_ex((LOOPBACK, port)) != 0:
                return port
    raise RuntimeError(f"no free port in {preferred}..{preferred + 9}")


@contextmanager
def api_server(
    env: dict[str, str], port: int, timeout: float = 60.0, workers: int = 1
) -> Iterator[psutil.Process]:
    """Run the API with uvicorn on 127.0.0.1:``port``; yield its process (for RSS)."""
    command = [
        sys.executable, "-m", "uvicorn", "patronage_graph_api.main:create_app", "--factory",
        "--host", LOOPBACK, "--port", str(port), "--log-level", "warning", "--no-access-log",
        "--workers", str(workers),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=REPO, env={**os.environ, **env})
    try:
        _wait_ready(port, process, timeout)
        yield psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the API exited with {process.returncode}")
        try:
            if httpx.get(f"http://{LOOPBACK}:{port}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the API did not answer on port {port} within {timeout} s")


def warm_up(port: int, paths: list[str], timeout: float = 120.0) -> None:
    """GET each path once, one at a time, so query plans and pools exist before timing.

    The first call of each registered query makes Neo4j plan it; eight first calls at
    once on a busy machine can take longer than a client's patience, which is a fact
    about the cold start, not about the load being measured.
    """
    import httpx

    for path in paths:
        httpx.get(f"http://{LOOPBACK}:{port}{path}", timeout=timeout)


def settings_env(settings: object) -> dict[str, str]:
    """The environment that points a child process at the same Neo4j as ``settings``."""
    from patronage_graph import Settings
    from patronage_graph.neo4j_local import LocalServer

    assert isinstance(settings, Settings)
    if settings.uses_local_server:
        creds = LocalServer.from_settings(settings).credentials()
        uri, user, password = creds.uri, creds.user, creds.password
    else:
        assert settings.neo4j_uri and settings.neo4j_password
        uri, user = settings.neo4j_uri, settings.neo4j_user
        password = settings.neo4j_password.get_secret_value()
    return {
        "NEO4J_URI": uri,
        "NEO4J_USER": user,
        "NEO4J_PASSWORD": password,
        "NEO4J_DATABASE": settings.neo4j_database,
    }


# -- the benchmark ----------------------------------------------------------------------


def neo4j_process(settings: object) -> psutil.Process | None:
    """The local Neo4j server's JVM, or None when Neo4j is elsewhere (its CPU is not seen)."""
    from patronage_graph import Settings
    from patronage_graph.neo4j_local import LocalServer

    assert isinstance(settings, Settings)
    if not settings.uses_local_server:
        return None
    pid = LocalServer.from_settings(settings).pid()
    return psutil.Process(pid) if pid else None


TARGETS = ("chain", "node-workers")


def run(
    concurrency: int,
    seconds: float,
    requests: int,
    port: int,
    worker: str = WORKER,
    targets: tuple[str, ...] = TARGETS,
    api_workers: tuple[int, ...] = (1,),
) -> list[Figures]:
    from patronage_graph import NotFoundError, Settings, create_driver, queries
    from patronage_graph.loader import load_paths
    from patronage_graph_api.neo4j_holder import DRIVER_CONFIG

    settings = Settings()
    env = settings_env(settings)
    driver = create_driver(
        env["NEO4J_URI"], env["NEO4J_USER"], env["NEO4J_PASSWORD"], **DRIVER_CONFIG
    )
    db = env["NEO4J_DATABASE"]
    try:
        try:
            queries.patronage_chain(driver, worker_id=worker, database=db)
        except NotFoundError:
            print(f"{worker} missing: loading seed/ ...", file=sys.stderr)
            load_paths(driver, [REPO / "seed"], database=db)
        port = free_port(port)
        results = []
        cases: list[tuple[str, str, Callable[[], object]]] = [
            (
                "chain",
                f"/workers/{worker}/chain",
                lambda: queries.patronage_chain(driver, worker_id=worker, database=db),
            ),
            ("node-workers", "/node-workers", lambda: queries.node_workers(driver, database=db)),
        ]
        cases = [case for case in cases if case[0] in targets]
        for api_processes in api_workers:
            with api_server(env, port, workers=api_processes) as server:
                processes = {"api": server, "bench": psutil.Process()}
                jvm = neo4j_process(settings)
                if jvm is not None:
                    processes["jvm"] = jvm
                bound = {
                    "concurrency": concurrency,
                    "seconds": seconds,
                    "requests": requests,
                    "processes": processes,
                }
                rss_before = rss(server)
                first = api_processes == api_workers[0]
                tag = f" ({api_processes} API processes)" if len(api_workers) > 1 else ""
                for _, path, _ in cases:  # warm both sides
                    http_load(port, [path], concurrency=2, seconds=2, requests=200, label="warm-up")
                for name, path, call in cases:
                    if first:  # the in-process peer once; each server after it
                        inprocess_load(
                            call, concurrency=2, seconds=2, requests=200, label="warm-up"
                        )
                        results.append(inprocess_load(call, label=f"{name} in-process", **bound))
                    results.append(http_load(port, [path], label=f"GET {path}{tag}", **bound))
                etag = _etag_of(port, f"/workers/{worker}/chain") if "chain" in targets else None
                not_modified = None
                if etag:
                    not_modified = http_load(
                        port,
                        [f"/workers/{worker}/chain"],
                        label=f"chain, If-None-Match: 304{tag}",
                        headers={"If-None-Match": etag, "Accept": "*/*"},  # as httpx asked
                        ok=304,
                        **bound,
                    )
                    results.append(not_modified)
                rss_after = rss(server)
        print(f"\nconcurrency {concurrency}, at most {seconds:g} s or {requests} requests per row")
        print(HEADER)
        for f in results:
            print(f.line())
        if not_modified is None and "chain" in targets:
            print("no ETag: the graph has no generation stamp (load it with the loader)")
        print(CPU_NOTE + ("" if jvm else " (Neo4j is not local: no jvm figure)"))
        peers = {f.label.split(" in-process")[0]: f for f in results if "in-process" in f.label}
        for http in results:
            for name, path, _ in cases:
                if http.label.startswith(f"GET {path}") and name in peers:
                    ratio = http.pct(0.5) / peers[name].pct(0.5)
                    print(f"{http.label}: p50 overhead {ratio:.2f}x the in-process call")
        mib = 2**20
        print(f"API server RSS: {rss_before / mib:.0f} MiB before, {rss_after / mib:.0f} MiB after")
        return results
    finally:
        driver.close()


def rss(server: psutil.Process) -> int:
    """Resident memory of the API: the uvicorn process and any workers it keeps."""
    return sum(p.memory_info().rss for p in [server, *server.children(recursive=True)])


def _etag_of(port: int, path: str) -> str | None:
    import httpx

    etag: str | None = httpx.get(f"http://{LOOPBACK}:{port}{path}", timeout=30).headers.get("etag")
    return etag


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0, help="per row, at most")
    parser.add_argument("--requests", type=int, default=20_000, help="per row, at most")
    parser.add_argument("--port", type=int, default=8013, help="first port tried (loopback)")
    parser.add_argument("--worker", default=WORKER, help="whose chain (e.g. syn1-c0-w0)")
    parser.add_argument(
        "--api-workers",
        default="1",
        help="uvicorn worker processes; a comma-separated list serves once per value, "
        "side by side (e.g. 1,2)",
    )
    parser.add_argument(
        "--targets",
        default=",".join(TARGETS),
        help=f"comma-separated, among {', '.join(TARGETS)} (the 304 row follows chain)",
    )
    args = parser.parse_args()
    targets = tuple(t.strip() for t in args.targets.split(",") if t.strip())
    if not targets or set(targets) - set(TARGETS):
        parser.error(f"--targets: choose among {', '.join(TARGETS)}")
    if args.seconds > 600 or args.requests > 1_000_000:
        parser.error("keep the load bounded: --seconds <= 600 and --requests <= 1000000")
    sys.path.insert(0, str(REPO))
    api_workers = tuple(int(n) for n in args.api_workers.split(","))
    run(args.concurrency, args.seconds, args.requests, args.port, args.worker, targets, api_workers)


if __name__ == "__main__":
    main()
