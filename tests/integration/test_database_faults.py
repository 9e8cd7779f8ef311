"""Faults under the database: crashes and deadlocks lose nothing committed.

A server of its own (throw-away state folder, ports 7698/7488) is killed with
SIGKILL in the middle of a stream of writes, restarted, and must hold every
batch the client saw committed; `neo4j-admin database check` on the stopped
database must report no inconsistency. Deadlocks are retried by the driver's
transaction functions, and the retried work counts once.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, ManagedTransaction

from patronage_graph import LocalServer, Settings, create_driver
from patronage_graph.cypher_registry import registry
from patronage_graph.database import read

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def crash_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    server = LocalServer(
        state_dir=tmp_path_factory.mktemp("crash"),
        cache_dir=Settings().cache_dir,
        bolt_port=7698,
        http_port=7488,
        heap="512m",
        pagecache="128m",
    )
    server.start()
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
    time.sleep(3.0)
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
