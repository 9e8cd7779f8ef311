"""Keeps the local Neo4j running: a small process that restarts it when it dies.

``patronage-graph neo4j start`` starts this supervisor (detached, its pid in
``<state>/supervisor.pid``), and the supervisor starts the JVM as its child. When
the JVM exits without being asked to (SIGKILL, ``-XX:+ExitOnOutOfMemoryError``
after a heap-exhausting query, a crash), the supervisor starts it again after a
backoff (1, 2, 4 … 30 s) and writes one line to ``logs/supervisor.log``.
``neo4j stop`` writes ``<state>/stop-requested`` and signals the supervisor
first, so a stop is never undone.

It is also a watchdog: every few seconds it lists the server's transactions, and
one that Neo4j has marked terminated (its timeout passed, or someone ran
``TERMINATE TRANSACTIONS``) but that is still running ``wedge_grace_s`` seconds
later is a loop that never checks for termination (e.g. ``reduce`` over
``range(1, 5000000000)``). Only a restart frees the core it holds, so the
supervisor restarts the server and says why.

Its state (``running``, ``backoff``, ``stopped``, ``failed``; restarts; the last
exit) is kept in ``<state>/supervisor.json`` for ``neo4j status``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase, Query

from .cypher_registry import registry

__all__ = ["Supervisor", "backoff_delay", "main"]

_POLL_S = 0.5
_WATCH_EVERY_S = 3.0
_MAX_BACKOFF_S = 30.0
_STABLE_S = 120.0  # up this long: the next restart starts the backoff afresh
_MAX_FAILED_STARTS = 5  # consecutive restarts that never opened Bolt: give up


def backoff_delay(attempt: int) -> float:
    """Seconds to wait before restart number ``attempt`` (1, 2, 4 … at most 30).

    >>> [backoff_delay(n) for n in (1, 2, 3, 6, 9)]
    [1.0, 2.0, 4.0, 30.0, 30.0]
    """
    return min(_MAX_BACKOFF_S, 2.0 ** max(attempt - 1, 0))


@dataclass
class Supervisor:
    """Runs one :class:`~patronage_graph.neo4j_local.LocalServer` and keeps it up."""

    server: Any  # LocalServer (imported lazily: neo4j_local imports this module)
    restarts: int = 0
    wedged_restarts: int = 0
    last_exit: str | None = None
    _stopping: bool = False
    _terminated_since: dict[str, float] = field(default_factory=dict)
    _driver: Any = None
    _watch_failures: int = 0

    # -- state, log ------------------------------------------------------------
    def log(self, message: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S%z")
        path: Path = self.server.supervisor_log
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{stamp} supervisor: {message}\n")

    def _state(self, state: str, neo4j_pid: int | None = None, **extra: Any) -> None:
        data = {
            "state": state,
            "pid": os.getpid(),
            "neo4j_pid": neo4j_pid,
            "restarts": self.restarts,
            "wedged_restarts": self.wedged_restarts,
            "last_exit": self.last_exit,
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            **extra,
        }
        path: Path = self.server.supervisor_state_file
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        tmp.replace(path)

    def _stop_requested(self) -> bool:
        return self._stopping or bool(self.server.stop_marker.exists())

    def _on_term(self, _signum: int, _frame: object) -> None:
        self._stopping = True

    # -- the loop ----------------------------------------------------------------
    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._on_term)
        signal.signal(signal.SIGINT, self._on_term)
        self.server.supervisor_pid_file.write_text(str(os.getpid()))
        try:
            return self._loop()
        finally:
            self.server.supervisor_pid_file.unlink(missing_ok=True)

    def _loop(self) -> int:
        failed_starts = 0
        first = True
        attempt = 0
        while True:
            process = self.server.launch()
            launched = time.monotonic()
            self._state("running", process.pid)
            ready, wedged = self._watch(process)
            code = process.wait()
            self.server.pid_file.unlink(missing_ok=True)
            if self._stop_requested():
                self._state("stopped")
                self.log(f"Neo4j (pid {process.pid}) stopped on request")
                return 0
            self.last_exit = wedged or f"exit code {code}"
            if first and not ready:
                self._state("failed", exit_code=code)
                self.log(f"Neo4j exited with code {code} while starting; not restarting")
                return 1
            first = False
            failed_starts = 0 if ready else failed_starts + 1
            if failed_starts >= _MAX_FAILED_STARTS:
                self._state("failed", exit_code=code)
                self.log(
                    f"Neo4j failed to start {failed_starts} times in a row (last exit code "
                    f"{code}); giving up: see {self.server.log_file}"
                )
                return 1
            attempt = 1 if time.monotonic() - launched > _STABLE_S else attempt + 1
            delay = backoff_delay(attempt)
            self.restarts += 1
            self.log(
                f"Neo4j (pid {process.pid}) ended without being asked to ({self.last_exit}); "
                f"restarting in {delay:.0f} s (restart {self.restarts})"
            )
            self._state("backoff", retry_in_s=delay)
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline:
                if self._stop_requested():
                    self._state("stopped")
                    self.log("stop requested during backoff; not restarting")
                    return 0
                time.sleep(_POLL_S)

    def _watch(self, process: subprocess.Popen[bytes]) -> tuple[bool, str | None]:
        """Wait for the JVM to exit; stop it on request or when a transaction is wedged."""
        from .neo4j_local.pids import port_open, terminate

        ready = False
        next_watch = time.monotonic() + _WATCH_EVERY_S
        self._terminated_since.clear()
        self._close_driver()
        while process.poll() is None:
            if self._stop_requested():
                terminate(process.pid, 60)
                return ready, None
            if not ready and port_open(self.server.bolt_port):
                ready = True
            if ready and time.monotonic() >= next_watch:
                next_watch = time.monotonic() + _WATCH_EVERY_S
                wedged = self._wedged()
                if wedged:
                    self.wedged_restarts += 1
                    self.log(f"{wedged}; restarting Neo4j to free it")
                    terminate(process.pid, 15)
                    return ready, "wedged transaction"
            time.sleep(_POLL_S)
        return ready, None

    def _wedged(self) -> str | None:
        """A transaction marked terminated but still running past the grace, described."""
        try:
            rows = self._transactions()
            self._watch_failures = 0
        except Exception as e:  # the server is busy or restarting: look again next round
            self._watch_failures += 1
            if self._watch_failures in (5, 50):
                self.log(f"the watchdog cannot list transactions ({type(e).__name__}: {e})")
            self._close_driver()
            return None
        now = time.monotonic()
        seen = set()
        for row in rows:
            if not str(row["status"]).lower().startswith("terminated"):
                continue
            tx_id = str(row["id"])
            seen.add(tx_id)
            since = self._terminated_since.setdefault(tx_id, now)
            if now - since >= self.server.wedge_grace_s:
                return (
                    f"transaction {tx_id} still runs {now - since:.0f} s after Neo4j "
                    f"terminated it ({row['elapsed_s']} s in all): {row['query']!r}"
                )
        for gone in set(self._terminated_since) - seen:
            del self._terminated_since[gone]
        return None

    def _transactions(self) -> list[dict[str, Any]]:
        if self._driver is None:
            creds = self.server.credentials()
            self._driver = GraphDatabase.driver(
                creds.uri,
                auth=(creds.user, creds.password),
                connection_timeout=10.0,
                connection_acquisition_timeout=10.0,
                max_transaction_retry_time=0.0,
                notifications_min_severity="OFF",
            )
        text = registry()["supervisor_transactions"].text
        records, _, _ = self._driver.execute_query(Query(text, timeout=15.0))
        return [dict(r) for r in records]

    def _close_driver(self) -> None:
        if self._driver is not None:
            with contextlib.suppress(Exception):
                self._driver.close()
            self._driver = None


def main(argv: list[str] | None = None) -> int:
    """``python -m patronage_graph.supervisor STATE_DIR``: supervise that folder's server."""
    from .neo4j_local import LocalServer

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m patronage_graph.supervisor STATE_DIR", file=sys.stderr)
        return 2
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # the watchdog says what matters
    server = LocalServer.from_config_file(Path(args[0]))
    with contextlib.suppress(KeyboardInterrupt):
        return Supervisor(server).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
