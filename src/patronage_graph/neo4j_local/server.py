""":class:`LocalServer`: where the project's own Neo4j keeps its files and how it runs.

The class holds the settings and the paths; each job is done in its module
(:mod:`.assembly`, :mod:`.config`, :mod:`.credentials`, :mod:`.admin`,
:mod:`.process`, :mod:`.supervision`) and reached through a method here.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..settings import Settings
from . import admin, assembly, config, credentials, process, supervision
from .assembly import Progress, neo4j_version, quiet
from .credentials import Credentials
from .process import ServerStatus

__all__ = ["LocalServer"]


@dataclass(frozen=True)
class LocalServer:
    """The project's own Neo4j: where its files live and how it runs."""

    state_dir: Path
    cache_dir: Path
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "2g"
    pagecache: str = "2g"
    tx_memory: str = "512m"
    #: Run the JVM under :mod:`patronage_graph.supervisor` (restarted when it dies).
    supervise: bool = True
    #: Seconds a transaction may keep running after Neo4j terminated it before the
    #: supervisor restarts the server to free it.
    wedge_grace_s: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalServer:
        return cls(
            state_dir=settings.state_dir,
            cache_dir=settings.cache_dir,
            bolt_port=settings.bolt_port,
            http_port=settings.http_port,
            heap=settings.heap,
            pagecache=settings.pagecache,
            tx_memory=settings.tx_memory,
            supervise=settings.supervise,
            wedge_grace_s=settings.wedge_grace_s,
        )

    @classmethod
    def from_config_file(cls, state_dir: Path) -> LocalServer:
        """The server described by ``<state_dir>/supervisor-config.json`` (see :meth:`start`)."""
        data = json.loads((state_dir / "supervisor-config.json").read_text())
        data["state_dir"] = Path(data["state_dir"])
        data["cache_dir"] = Path(data["cache_dir"])
        return cls(**data)

    # -- paths ---------------------------------------------------------------
    @property
    def home(self) -> Path:
        return self.state_dir / "neo4j"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def lib_dir(self) -> Path:
        return self.cache_dir / f"neo4j-{neo4j_version()}" / "lib"

    @property
    def credentials_file(self) -> Path:
        return self.state_dir / "credentials.json"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def supervisor_log(self) -> Path:
        return self.home / "logs" / "supervisor.log"

    @property
    def supervisor_pid_file(self) -> Path:
        return self.state_dir / "supervisor.pid"

    @property
    def supervisor_state_file(self) -> Path:
        return self.state_dir / "supervisor.json"

    @property
    def stop_marker(self) -> Path:
        return self.state_dir / "stop-requested"

    @property
    def bolt_uri(self) -> str:
        return f"neo4j://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    # -- assembling and configuring (assembly, config, credentials) -----------
    def assemble(self, progress: Progress = quiet) -> Path:
        """Copy the pinned Neo4j jars into the cache; a second call downloads nothing."""
        return assembly.assemble(self.lib_dir, progress)

    def configure(self) -> None:
        """Write neo4j.conf into the state folder (rewritten each start)."""
        config.configure(self)

    def credentials(self) -> Credentials:
        """The Bolt URI and the generated credentials of this server."""
        return credentials.read_credentials(self)

    # -- neo4j-admin (admin) ---------------------------------------------------
    def admin(self, *args: str, quiet: bool = False) -> str:
        """Run ``neo4j-admin`` from the same jars (import, check, set-initial-password)."""
        return admin.run_admin(self, *args, quiet_args=quiet)

    def admin_streaming(self, *args: str, on_line: Progress = quiet) -> None:
        """Run ``neo4j-admin``, passing each output line to ``on_line``."""
        admin.stream_admin(self, *args, on_line=on_line)

    # -- running (process, supervision) ----------------------------------------
    def start(self, timeout: float = 180.0, progress: Progress = quiet) -> ServerStatus:
        """Start the server (or reuse the running one) and wait until Bolt answers.

        With ``supervise`` (the default) the JVM runs under a detached supervisor
        that restarts it when it exits without being asked (see
        :mod:`patronage_graph.supervisor`).
        """
        return process.start(self, timeout, progress)

    def launch(self) -> subprocess.Popen[bytes]:
        """Start the JVM (configured, password set) and record its pid; do not wait."""
        return process.launch(self)

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (its supervisor first); False when none was running."""
        return process.stop(self, timeout)

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would; for fault tests.

        A supervisor, if one runs, starts it again (that is what it is for).
        """
        process.kill(self)

    def pid(self) -> int | None:
        """The pid of this state folder's running server, or None."""
        return process.server_pid(self)

    def status(self) -> ServerStatus:
        return process.status(self)

    def log_tail(self, lines: int = 25) -> str:
        return process.log_tail(self, lines)

    def supervisor_pid(self) -> int | None:
        """The pid of this state folder's supervisor, or None."""
        return supervision.supervisor_pid(self)

    def supervisor_state(self) -> dict[str, object]:
        """The supervisor's last written state (empty when it never ran here)."""
        return supervision.supervisor_state(self)

    def describe_supervisor(self) -> str:
        return supervision.describe_supervisor(self)
