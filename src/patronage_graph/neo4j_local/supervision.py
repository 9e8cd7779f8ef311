"""The supervisor process beside the local server: spawning it, and reading its state.

The supervisor itself (what restarts the JVM) is :mod:`patronage_graph.supervisor`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .pids import zombie

if TYPE_CHECKING:
    from .server import LocalServer

__all__ = ["describe_supervisor", "spawn_supervisor", "supervisor_pid", "supervisor_state"]


def supervisor_pid(server: LocalServer) -> int | None:
    """The pid of the supervisor of ``server``'s state folder, or None."""
    try:
        pid = int(server.supervisor_pid_file.read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except (FileNotFoundError, ValueError):
        return None
    alive = "patronage_graph.supervisor" in cmdline and str(server.state_dir) in cmdline
    return pid if alive and not zombie(pid) else None


def supervisor_state(server: LocalServer) -> dict[str, object]:
    """The supervisor's last written state (empty when it never ran here)."""
    try:
        data: dict[str, object] = json.loads(server.supervisor_state_file.read_text())
    except (FileNotFoundError, ValueError):
        return {}
    return data


def describe_supervisor(server: LocalServer) -> str:
    """One line for ``neo4j status``: state, pid, restarts, last exit, log."""
    pid = supervisor_pid(server)
    state = supervisor_state(server)
    restarts = f"{state.get('restarts', 0)} restarts"
    if state.get("wedged_restarts"):
        restarts += f" ({state['wedged_restarts']} for wedged transactions)"
    last = f", last: {state['last_exit']}" if state.get("last_exit") else ""
    if pid is None:
        was = f" (last state: {state['state']})" if state.get("state") else ""
        return f"not running{was}; log {server.supervisor_log}"
    now = state.get("state", "starting")
    return f"{now} (pid {pid}), {restarts}{last}; log {server.supervisor_log}"


def spawn_supervisor(server: LocalServer) -> subprocess.Popen[bytes]:
    """Start the supervisor, detached, on a config file it rebuilds ``server`` from."""
    config = {
        key: str(value) if isinstance(value, Path) else value
        for key, value in dataclasses.asdict(server).items()
    }
    (server.state_dir / "supervisor-config.json").write_text(json.dumps(config))
    server.supervisor_state_file.unlink(missing_ok=True)
    server.supervisor_log.parent.mkdir(parents=True, exist_ok=True)
    with open(server.supervisor_log, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "patronage_graph.supervisor", str(server.state_dir)],
            env=os.environ.copy(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
