"""Running the local server: start it (under its supervisor or not), wait until it
answers, say how it is, stop it, kill it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from ..cypher_registry import registry
from ..errors import LocalServerError, PortInUseError
from .assembly import Progress, neo4j_version, quiet
from .config import ENTRY_POINT, java_command, java_env
from .credentials import ensure_password
from .pids import port_open, terminate, wait_gone
from .supervision import spawn_supervisor

if TYPE_CHECKING:
    from .server import LocalServer

__all__ = ["ServerStatus", "kill", "launch", "log_tail", "server_pid", "start", "status", "stop"]


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    credentials_file: Path
    log_file: Path
    supervisor: str = "not running"

    def describe(self) -> str:
        if not self.running:
            return (
                f"Neo4j is not running (state folder {self.credentials_file.parent})\n"
                f"  Supervisor:  {self.supervisor}"
            )
        return (
            f"Neo4j is running (pid {self.pid})\n"
            f"  Bolt:        {self.bolt_uri}\n"
            f"  Browser:     {self.browser_url}\n"
            f"  Credentials: {self.credentials_file} (user neo4j)\n"
            f"  Log:         {self.log_file}\n"
            f"  Supervisor:  {self.supervisor}"
        )


def server_pid(server: LocalServer) -> int | None:
    """The pid of the server running from ``server``'s state folder, or None."""
    try:
        pid = int(server.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except FileNotFoundError:
        return None
    return pid if ENTRY_POINT in cmdline and str(server.home) in cmdline else None


def status(server: LocalServer) -> ServerStatus:
    pid = server.pid()
    running = pid is not None and port_open(server.bolt_port)
    return ServerStatus(
        running,
        pid,
        server.bolt_uri,
        server.browser_url,
        server.credentials_file,
        server.log_file,
        server.describe_supervisor(),
    )


def start(server: LocalServer, timeout: float, progress: Progress = quiet) -> ServerStatus:
    """Start the server (or reuse the running one) and wait until Bolt answers."""
    if server.pid() is not None or server.supervisor_pid() is not None:
        _wait_for_bolt(server, timeout)
        return server.status()
    for port, name in ((server.bolt_port, "Bolt"), (server.http_port, "HTTP")):
        if port_open(port):
            raise PortInUseError(
                f"port {port} ({name}) on 127.0.0.1 is taken by another process; "
                f"stop it or choose another port (PATRONAGE_{name.upper()}_PORT)"
            )
    server.assemble(progress)
    server.configure()
    ensure_password(server)
    server.stop_marker.unlink(missing_ok=True)
    progress(f"Starting Neo4j {neo4j_version()} on {server.bolt_uri} ...")
    if not server.supervise:
        process = server.launch()
        try:
            _wait_for_bolt(server, timeout, process)
        except LocalServerError:
            terminate(process.pid, 10)
            raise
        return server.status()
    supervisor = spawn_supervisor(server)
    try:
        _wait_for_bolt(server, timeout, supervisor=supervisor)
    except LocalServerError:
        server.stop(timeout=20)
        raise
    return server.status()


def launch(server: LocalServer) -> subprocess.Popen[bytes]:
    """Start the JVM (configured, password set) and record its pid; do not wait."""
    command = java_command(
        server,
        ENTRY_POINT,
        f"--home-dir={server.home}",
        f"--config-dir={server.conf_dir}",
        "--console-mode",
        heap=server.heap,
    )
    server.configure()
    with open(server.log_file, "ab") as log:
        process = subprocess.Popen(
            command,
            env=java_env(server),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server.pid_file.write_text(str(process.pid))
    return process


def _wait_for_bolt(
    server: LocalServer,
    timeout: float,
    process: subprocess.Popen[bytes] | None = None,
    supervisor: subprocess.Popen[bytes] | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise LocalServerError(
                f"Neo4j exited with code {process.returncode} while starting. "
                f"Last lines of {server.log_file}:\n{log_tail(server)}"
            )
        if supervisor is not None and supervisor.poll() is not None:
            code = server.supervisor_state().get("exit_code", supervisor.returncode)
            raise LocalServerError(
                f"Neo4j exited with code {code} while starting. "
                f"Last lines of {server.log_file}:\n{log_tail(server)}\n"
                f"Supervisor log: {server.supervisor_log}"
            )
        if port_open(server.bolt_port) and port_open(server.http_port) and _database_online(server):
            return
        time.sleep(0.25)
    raise LocalServerError(
        f"Neo4j did not answer on Bolt port {server.bolt_port} within {timeout:.0f} s. "
        f"Last lines of {server.log_file}:\n{log_tail(server)}"
    )


def _database_online(server: LocalServer, database: str = "neo4j") -> bool:
    # Bolt opens before the default database has started; until it has, queries
    # fail with "database unavailable". Ready means a query answers.
    try:
        creds = server.credentials()
        with GraphDatabase.driver(creds.uri, auth=(creds.user, creds.password)) as driver:
            driver.execute_query(registry()["ping"].text, database_=database)
        return True
    except neo4j_errors.AuthError as e:
        raise LocalServerError(
            f"the server rejects the password in {server.credentials_file}; restore the "
            "file that belongs to this state folder, or delete the folder to start afresh"
        ) from e
    except (LocalServerError, neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
        return False


def stop(server: LocalServer, timeout: float) -> bool:
    """Stop the server cleanly; returns False when none was running.

    The supervisor is told first (a marker file and SIGTERM), so it stops the
    JVM itself and does not restart it.
    """
    pid = server.pid()
    supervisor = server.supervisor_pid()
    if supervisor is not None:
        server.state_dir.mkdir(parents=True, exist_ok=True)
        server.stop_marker.write_text(str(os.getpid()))
        with contextlib.suppress(ProcessLookupError):
            os.kill(supervisor, signal.SIGTERM)
        if not wait_gone(supervisor, timeout + 10):
            terminate(supervisor, 5)
    if pid is not None:
        terminate(pid, timeout)  # returns at once when the supervisor stopped it
    server.pid_file.unlink(missing_ok=True)
    return pid is not None or supervisor is not None


def kill(server: LocalServer) -> None:
    """Kill the server at once (SIGKILL), as a crash would; for fault tests."""
    pid = server.pid()
    if pid is not None:
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid, 30)


def log_tail(server: LocalServer, lines: int = 25) -> str:
    """The last ``lines`` of the server's console log."""
    if not server.log_file.exists():
        return "(no log yet)"
    return "\n".join(server.log_file.read_text(errors="replace").splitlines()[-lines:])
