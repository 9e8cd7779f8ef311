"""Faults under the database: crashes and deadlocks lose nothing committed.

A server of its own (throw-away state folder, ports 7698/7488 unless
``PATRONAGE_FAULT_BOLT_PORT``/``PATRONAGE_FAULT_HTTP_PORT`` say otherwise) is
killed with SIGKILL in the middle of a stream of writes, restarted, and must hold
every batch the client saw committed; `neo4j-admin database check` on the stopped
database must report no inconsistency. Deadlocks are retried by the driver's
transaction functions, and the retried work counts once.

The server runs under its supervisor (as `patronage-graph neo4j start` runs it):
killed with SIGKILL, or by a query that exhausts its heap, it comes back by
itself and the API answers 200 again with nobody typing anything; a query Neo4j
cannot stop ends with a 504 for its client and a restart of the server.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver, ManagedTransaction

from bench_module import load_bench
from patronage_graph import LocalServer, Settings, create_driver
from patronage_graph.cypher_registry import registry
from patronage_graph.database import read

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BOLT_PORT = int(os.environ.get("PATRONAGE_FAULT_BOLT_PORT", "7698"))
HTTP_PORT = int(os.environ.get("PATRONAGE_FAULT_HTTP_PORT", "7488"))
API_PORT = int(os.environ.get("PATRONAGE_FAULT_API_PORT", "8031"))
#: Seconds a terminated transaction may keep running before the supervisor restarts.
WEDGE_GRACE_S = 10.0
#: Seconds a registered endpoint of the crash API waits for Neo4j before its 503.
API_DEADLINE_S = 6.0
#: The issue's promise: 200 again within 60 s of a crash. On a machine so loaded that
#: this server's first start alone took longer, allow twice that first start.
_first_start = [0.0]


def back_within() -> float:
    return max(60.0, 2 * _first_start[0])


@pytest.fixture(scope="module")
def crash_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    server = LocalServer(
        state_dir=tmp_path_factory.mktemp("crash"),
        cache_dir=Settings().cache_dir,
        bolt_port=BOLT_PORT,
        http_port=HTTP_PORT,
        heap="512m",
        pagecache="128m",
        wedge_grace_s=WEDGE_GRACE_S,
    )
    began = time.monotonic()
    server.start()
    _first_start[0] = time.monotonic() - began
    yield server
    server.stop()


def _driver(server: LocalServer) -> Driver:
    creds = server.credentials()
    return create_driver(creds.uri, creds.user, creds.password, max_transaction_retry_time=5.0)


def _write_until_killed(driver: Driver, committed: list[int], stop: threading.Event) -> None:
    query = registry()["fault_write_marker"].text
    batch = 0
    while not stop.is_set():
        batch += 1
        try:
            driver.execute_query(query, batch=batch, size=200)
        except Exception:
            return  # the server died under us: this batch may or may not be in
        committed.append(batch)


def test_kill_9_during_writes_loses_nothing_committed(crash_server: LocalServer) -> None:
    driver = _driver(crash_server)
    committed: list[int] = []
    stop = threading.Event()
    writer = threading.Thread(target=_write_until_killed, args=(driver, committed, stop))
    writer.start()
    # Kill once a few batches are in (on a busy machine the first ones are slow).
    deadline = time.monotonic() + 90
    while len(committed) < 5 and time.monotonic() < deadline and writer.is_alive():
        time.sleep(0.2)
    time.sleep(0.5)
    crash_server.kill()
    stop.set()
    writer.join(timeout=60)
    driver.close()
    assert len(committed) > 3, "the writer should have committed several batches first"

    crash_server.start()
    driver = _driver(crash_server)
    try:
        survived = {r["batch"]: r["nodes"] for r in read(driver, "fault_committed_batches")}
    finally:
        driver.close()
    missing = [b for b in committed if survived.get(b) != 200]
    assert missing == [], f"committed batches lost or partial after the crash: {missing}"
    assert all(n == 200 for n in survived.values()), "a batch was half-written"

    crash_server.stop()
    report = crash_server.admin("database", "check", "neo4j")
    assert "inconsisten" not in report.lower()


def test_deadlocks_are_retried_and_each_write_counts_once(crash_server: LocalServer) -> None:
    crash_server.start()
    driver = _driver(crash_server)
    touch = registry()["fault_touch"].text
    for node in ("lock-a", "lock-b"):
        driver.execute_query(touch, id=node)  # create both first: one touch each
    barrier = threading.Barrier(2, timeout=10)
    attempts = {"t1": 0, "t2": 0}
    errors: list[BaseException] = []

    def work(name: str, first: str, second: str) -> None:
        def unit(tx: ManagedTransaction) -> None:
            attempts[name] += 1
            tx.run(touch, id=first).consume()
            if attempts[name] == 1:
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait()  # both now hold their first lock
            tx.run(touch, id=second).consume()

        try:
            with driver.session() as session:
                session.execute_write(unit)
        except BaseException as e:  # surfaced to the assertion below
            errors.append(e)

    threads = [
        threading.Thread(target=work, args=("t1", "lock-a", "lock-b")),
        threading.Thread(target=work, args=("t2", "lock-b", "lock-a")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    touches = {
        r["id"]: r["touches"] for r in read(driver, "fault_touches", {"ids": ["lock-a", "lock-b"]})
    }
    driver.close()
    assert errors == []
    assert sum(attempts.values()) >= 3, "one transaction should have been retried after a deadlock"
    assert touches == {"lock-a": 3, "lock-b": 3}  # 1 creation + 1 per transaction, none doubled


def test_server_has_a_generated_password_and_logs_never_show_it(crash_server: LocalServer) -> None:
    crash_server.start()
    password = json.loads(crash_server.credentials_file.read_text())["password"]
    assert len(password) >= 24 and password not in {"neo4j", "password"}
    with pytest.raises(Exception, match="rejected"):
        create_driver(crash_server.bolt_uri, "neo4j", "neo4j")
    logs = Path(crash_server.home / "logs")
    for log in logs.glob("*.log"):
        assert password not in log.read_text(errors="replace"), log
    conf = (crash_server.conf_dir / "neo4j.conf").read_text()
    assert password not in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "server.default_listen_address=127.0.0.1" in conf


# -- the server comes back by itself (supervisor), and the API with it ---------------


@pytest.fixture(scope="module")
def crash_api(crash_server: LocalServer) -> Iterator[str]:
    """The API (uvicorn, its own process) in front of the crash server; its base URL."""
    crash_server.start()
    creds = crash_server.credentials()
    bench = load_bench()
    port = bench.free_port(API_PORT)
    env = {
        "NEO4J_URI": creds.uri,
        "NEO4J_USER": creds.user,
        "NEO4J_PASSWORD": creds.password,
        "PATRONAGE_CYPHER_TIMEOUT": "5",
        "PATRONAGE_API_DEADLINE": str(API_DEADLINE_S),
    }
    with bench.api_server(env, port, timeout=120):
        yield f"http://127.0.0.1:{port}"


def _seconds_until_healthy(base: str, since: float, limit: float) -> float:
    """Poll GET /health once a second until 200; seconds since ``since`` (or fail)."""
    with httpx.Client(base_url=base, timeout=10) as client:
        while time.monotonic() - since < limit:
            with contextlib.suppress(httpx.HTTPError):
                if client.get("/health").status_code == 200:
                    return time.monotonic() - since
            time.sleep(1.0)
    pytest.fail(f"the API did not answer 200 within {limit:.0f} s")


def _restarts(server: LocalServer) -> int:
    return int(str(server.supervisor_state().get("restarts", 0)))


def test_neo4j_killed_with_sigkill_comes_back_and_the_api_answers_200(
    crash_server: LocalServer, crash_api: str
) -> None:
    assert httpx.get(f"{crash_api}/health", timeout=10).status_code == 200
    before = _restarts(crash_server)
    pid = crash_server.pid()
    assert pid is not None
    killed = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    took = _seconds_until_healthy(crash_api, killed, back_within())
    print(f"\nSIGKILL: API 200 again after {took:.1f} s (first start took {_first_start[0]:.0f} s)")
    assert crash_server.pid() not in (None, pid)
    assert _restarts(crash_server) == before + 1
    log = crash_server.supervisor_log.read_text()
    assert "exit code -9" in log and "restarting in" in log
    assert "restarts" in crash_server.status().describe()


HEAP_DOUBLING = "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n"
LIST_DOUBLING = "RETURN size(reduce(l = [1], i IN range(1, 40) | l + l)) AS n"


def test_a_heap_exhausting_query_is_refused_and_the_server_that_ran_it_comes_back(
    crash_server: LocalServer, crash_api: str
) -> None:
    # Through the API, both doubling forms are refused before they run.
    for query in (HEAP_DOUBLING, LIST_DOUBLING):
        r = httpx.post(f"{crash_api}/cypher", json={"query": query}, timeout=30)
        assert r.status_code == 400, r.text
        assert "accumulator" in r.json()["detail"], r.text
    # Sent straight over Bolt (no guard), string doubling exhausts the 512 MB heap:
    # the JVM exits and the supervisor starts it again.
    before = _restarts(crash_server)
    creds = crash_server.credentials()
    driver = create_driver(creds.uri, creds.user, creds.password, max_transaction_retry_time=0.0)
    sent = time.monotonic()
    try:
        with pytest.raises(Exception), driver.session() as session:  # noqa: B017
            session.run(HEAP_DOUBLING).consume()  # type: ignore[arg-type]
    finally:
        driver.close()
    took = _seconds_until_healthy(crash_api, sent, back_within())
    print(f"\nheap exhausted: API 200 again after {took:.1f} s")
    assert _restarts(crash_server) == before + 1
    assert "OutOfMemoryError" in crash_server.log_file.read_text(errors="replace")


WEDGE = "RETURN reduce(s = 0, i IN range(1, 5000000000) | s + i) AS s"


def test_a_query_neo4j_cannot_stop_frees_its_client_and_the_server_is_restarted(
    crash_server: LocalServer, crash_api: str
) -> None:
    """Issue 14 §1: reduce over 5·10⁹ values ignores its timeout and TERMINATE."""
    copies = int(os.environ.get("PATRONAGE_FAULT_WEDGE_COPIES", "4"))
    before = int(str(crash_server.supervisor_state().get("wedged_restarts", 0)))
    answers: list[tuple[int, float, str]] = []

    def one() -> None:
        began = time.monotonic()
        r = httpx.post(f"{crash_api}/cypher", json={"query": WEDGE}, timeout=120)
        answers.append((r.status_code, time.monotonic() - began, r.text))

    sent = time.monotonic()
    threads = [threading.Thread(target=one) for _ in range(copies)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(150)
    # Each client is freed at the deadline (5 s timeout + 3 s margin), with the cause.
    assert len(answers) == copies
    for code, seconds, text in answers:
        assert code == 504, text
        assert "PATRONAGE_CYPHER_TIMEOUT" in text and "supervisor" in text
        assert seconds < 40, seconds
    # The supervisor sees the terminated transactions still running and restarts Neo4j.
    deadline = time.monotonic() + WEDGE_GRACE_S + 120
    while time.monotonic() < deadline:
        if int(str(crash_server.supervisor_state().get("wedged_restarts", 0))) > before:
            break
        time.sleep(1)
    took = _seconds_until_healthy(crash_api, sent, WEDGE_GRACE_S + 30 + back_within())
    print(
        f"\n{copies} wedged queries: answers {sorted(round(a[1], 1) for a in answers)} s; "
        f"API 200 again after {took:.1f} s"
    )
    assert int(str(crash_server.supervisor_state().get("wedged_restarts", 0))) > before
    assert "terminated it" in crash_server.supervisor_log.read_text()
    # Nothing of it keeps running: a fresh query answers at once.
    r = httpx.post(f"{crash_api}/cypher", json={"query": "RETURN 1 AS one"}, timeout=30)
    assert r.status_code == 200 and r.json()["rows"] == [[1]]


def test_health_answers_while_50_requests_wait_on_a_server_that_never_answers(
    crash_server: LocalServer, crash_api: str
) -> None:
    """Issue 14 §2: a deadline on every researcher's call, and /health kept apart.

    The JVM is paused (SIGSTOP): it accepts connections but never answers, as a
    parser that overflowed does. 50 queries then wait; each is answered within its
    deadline (504, or 503 when every slot is held), and /health answers meanwhile.
    Registered endpoints asked at the same time answer 503 with Retry-After within
    PATRONAGE_API_DEADLINE, as they do while Neo4j shuts down.
    """
    crash_server.start()
    assert httpx.get(f"{crash_api}/health", timeout=10).status_code == 200
    pid = crash_server.pid()
    assert pid is not None
    answers: list[tuple[int, float, str]] = []
    health: list[tuple[int, float]] = []

    def query() -> None:
        began = time.monotonic()
        try:
            r = httpx.post(f"{crash_api}/cypher", json={"query": "RETURN 1 AS one"}, timeout=60)
            answers.append((r.status_code, time.monotonic() - began, r.text))
        except httpx.HTTPError as e:
            answers.append((-1, time.monotonic() - began, repr(e)))

    registered: list[tuple[int, float, str | None]] = []

    def ask(path: str) -> None:
        began = time.monotonic()
        try:
            r = httpx.get(f"{crash_api}{path}", timeout=60)
            registered.append(
                (r.status_code, time.monotonic() - began, r.headers.get("retry-after"))
            )
        except httpx.HTTPError:
            registered.append((-1, time.monotonic() - began, None))

    paths = ["/workers/star-firegate-manager/chain", "/node-workers", "/entities/wuhan"] * 3
    os.kill(pid, signal.SIGSTOP)
    try:
        threads = [threading.Thread(target=query) for _ in range(50)]
        threads += [threading.Thread(target=ask, args=(p,)) for p in paths]
        for t in threads:
            t.start()
        time.sleep(1.0)
        with httpx.Client(base_url=crash_api, timeout=30) as client:
            for _ in range(3):
                began = time.monotonic()
                r = client.get("/health")
                health.append((r.status_code, time.monotonic() - began))
                time.sleep(1.0)
        for t in threads:
            t.join(90)
    finally:
        os.kill(pid, signal.SIGCONT)
    print(
        f"\n50 queries on a paused server: {sorted(set(a[0] for a in answers))}, "
        f"slowest {max(a[1] for a in answers):.1f} s; /health {health}; "
        f"registered endpoints {sorted((c, round(t, 1)) for c, t, _ in registered)}"
    )
    assert len(answers) == 50
    assert {code for code, _, _ in answers} <= {503, 504}, [
        a for a in answers if a[0] not in (503, 504)
    ]
    assert max(seconds for _, seconds, _ in answers) < 40  # deadline 8 s, plus a busy machine
    assert all(code == 503 and seconds < 15 for code, seconds in health), health
    assert len(registered) == len(paths)
    assert all(code == 503 and retry for code, _, retry in registered), registered
    # within the deadline, plus a busy machine
    assert max(seconds for _, seconds, _ in registered) < API_DEADLINE_S + 20, registered
    took = _seconds_until_healthy(crash_api, time.monotonic(), 60)
    assert took < 60
