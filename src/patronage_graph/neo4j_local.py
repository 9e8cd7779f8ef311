"""A Neo4j Community server assembled from Maven Central and run on 127.0.0.1.

No Docker, no download outside Maven: ``neo4j/pom.xml`` pins the release, Maven
copies its jars into a cache once, and the server runs from a state folder that
holds its config, data, logs and a generated password (mode 0600).

>>> server = LocalServer.from_settings(Settings())      # doctest: +SKIP
>>> server.start()                                       # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from .cypher_registry import registry
from .errors import LocalServerError, PortInUseError
from .resources import resource_path
from .settings import Settings

__all__ = ["Credentials", "LocalServer", "ServerStatus", "neo4j_version"]

_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
# Neo4j reaches into these JDK internals; without them Netty and the page cache fail.
_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
)
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def neo4j_version(pom: Path | None = None) -> str:
    """The Neo4j release pinned in ``neo4j/pom.xml``."""
    text = (pom or resource_path("neo4j/pom.xml")).read_text(encoding="utf-8")
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", text)
    if not match:
        raise LocalServerError("neo4j/pom.xml does not declare <neo4j.version>")
    return match.group(1).strip()


@dataclass(frozen=True)
class Credentials:
    uri: str
    user: str
    password: str


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

    # -- assembling ----------------------------------------------------------
    def assemble(self, progress: Progress = _quiet) -> Path:
        """Copy the pinned Neo4j jars into the cache; a second call downloads nothing."""
        pom = resource_path("neo4j/pom.xml")
        marker = self.lib_dir.parent / "complete.sha256"
        digest = hashlib.sha256(pom.read_bytes()).hexdigest()
        if marker.exists() and marker.read_text().strip() == digest:
            return self.lib_dir
        java_major()  # fail early and clearly when Java is missing
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalServerError(
                "Maven (mvn) is not installed; it fetches Neo4j from Maven Central. "
                "Install it (e.g. `apt-get install maven`), or run Neo4j with Docker "
                "(docker compose up) and set NEO4J_URI."
            )
        progress(f"Fetching Neo4j {neo4j_version()} jars with Maven into {self.lib_dir} ...")
        tmp = self.lib_dir.with_name("lib.partial")
        shutil.rmtree(tmp, ignore_errors=True)
        command = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp}",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise LocalServerError(
                f"Maven could not resolve Neo4j {neo4j_version()}:\n{tail}\n"
                "Check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml) "
                "and retry; or use Docker and set NEO4J_URI."
            )
        shutil.rmtree(self.lib_dir, ignore_errors=True)
        tmp.rename(self.lib_dir)
        marker.write_text(digest)
        return self.lib_dir

    def configure(self) -> None:
        """Write neo4j.conf into the state folder (rewritten each start)."""
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.state_dir.chmod(0o700)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{self.http_port}",
            "server.https.enabled": "false",
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.pagecache,
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            # One runaway query (ad-hoc Cypher) must fail alone, not exhaust the heap.
            "db.memory.transaction.max": self.tx_memory,
            # Ad-hoc Cypher must not read the machine's files.
            "dbms.security.allow_csv_import_from_file_urls": "false",
            "server.directories.data": str(self.home / "data"),
            "server.directories.logs": str(self.home / "logs"),
            "server.directories.run": str(self.home / "run"),
            "server.directories.import": str(self.home / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "server.directories.lib": str(self.lib_dir),
            "db.tx_log.rotation.retention_policy": "2 files",
        }
        lines = [f"{key}={value}" for key, value in settings.items() if value]
        (self.conf_dir / "neo4j.conf").write_text(
            "# Written by patronage-graph on every start; edit settings, not this file.\n"
            + "\n".join(lines)
            + "\n"
        )

    def _ensure_password(self) -> None:
        if self.credentials_file.exists():
            return
        if (self.home / "data" / "dbms").exists():
            raise LocalServerError(
                f"{self.home / 'data'} holds a database but {self.credentials_file} is gone; "
                "restore the credentials file or delete the state folder to start afresh"
            )
        password = new_password()
        self.admin("dbms", "set-initial-password", password, quiet=True)
        fd = os.open(self.credentials_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump({"uri": self.bolt_uri, "user": "neo4j", "password": password}, handle)

    def credentials(self) -> Credentials:
        """The Bolt URI and the generated credentials of this server."""
        if not self.credentials_file.exists():
            raise LocalServerError(
                f"no local server credentials at {self.credentials_file}; "
                "run `patronage-graph neo4j start` first"
            )
        data = json.loads(self.credentials_file.read_text())
        return Credentials(uri=self.bolt_uri, user=data["user"], password=data["password"])

    # -- running ---------------------------------------------------------------
    def _java_command(self, main: str, *args: str, heap: str | None = None) -> list[str]:
        java = shutil.which("java") or "java"
        memory = [f"-Xms{heap}", f"-Xmx{heap}"] if heap else []
        return [java, *memory, *_JVM_FLAGS, "-cp", f"{self.lib_dir}/*", main, *args]

    def _env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}

    def admin(self, *args: str, quiet: bool = False) -> str:
        """Run ``neo4j-admin`` from the same jars (import, check, set-initial-password)."""
        self.assemble()
        self.configure()
        command = self._java_command(_ADMIN, *args)
        done = subprocess.run(command, env=self._env(), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
            shown = args[:2] if quiet else args
            raise LocalServerError(f"neo4j-admin {' '.join(shown)} failed:\n{tail}")
        return done.stdout

    def admin_streaming(
        self, *args: str, heap: str | None = None, on_line: Progress = _quiet
    ) -> None:
        """Run ``neo4j-admin`` with a bounded heap, passing each output line to ``on_line``.

        For long runs such as ``database import full``: the user sees the importer's
        own progress, and the JVM heap is capped instead of taking a quarter of RAM.
        """
        self.assemble()
        self.configure()
        command = self._java_command(_ADMIN, *args, heap=heap)
        tail: list[str] = []
        with subprocess.Popen(
            command, env=self._env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as process:
            assert process.stdout is not None
            for line in process.stdout:
                tail = [*tail[-19:], line.rstrip()]
                on_line(line.rstrip())
        if process.returncode != 0:
            raise LocalServerError(f"neo4j-admin {' '.join(args[:3])} failed:\n" + "\n".join(tail))

    def pid(self) -> int | None:
        """The pid of this state folder's running server, or None."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except FileNotFoundError:
            return None
        return pid if _ENTRY_POINT in cmdline and str(self.home) in cmdline else None

    def status(self) -> ServerStatus:
        pid = self.pid()
        running = pid is not None and _port_open(self.bolt_port)
        return ServerStatus(
            running,
            pid,
            self.bolt_uri,
            self.browser_url,
            self.credentials_file,
            self.log_file,
            self.describe_supervisor(),
        )

    def supervisor_pid(self) -> int | None:
        """The pid of this state folder's supervisor, or None."""
        try:
            pid = int(self.supervisor_pid_file.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (FileNotFoundError, ValueError):
            return None
        alive = "patronage_graph.supervisor" in cmdline and str(self.state_dir) in cmdline
        return pid if alive and not _zombie(pid) else None

    def supervisor_state(self) -> dict[str, object]:
        """The supervisor's last written state (empty when it never ran here)."""
        try:
            data: dict[str, object] = json.loads(self.supervisor_state_file.read_text())
        except (FileNotFoundError, ValueError):
            return {}
        return data

    def describe_supervisor(self) -> str:
        pid = self.supervisor_pid()
        state = self.supervisor_state()
        restarts = f"{state.get('restarts', 0)} restarts"
        if state.get("wedged_restarts"):
            restarts += f" ({state['wedged_restarts']} for wedged transactions)"
        last = f", last: {state['last_exit']}" if state.get("last_exit") else ""
        if pid is None:
            was = f" (last state: {state['state']})" if state.get("state") else ""
            return f"not running{was}; log {self.supervisor_log}"
        now = state.get("state", "starting")
        return f"{now} (pid {pid}), {restarts}{last}; log {self.supervisor_log}"

    def start(self, timeout: float = 180.0, progress: Progress = _quiet) -> ServerStatus:
        """Start the server (or reuse the running one) and wait until Bolt answers.

        With ``supervise`` (the default) the JVM runs under a detached supervisor
        that restarts it when it exits without being asked (see
        :mod:`patronage_graph.supervisor`).
        """
        if self.pid() is not None or self.supervisor_pid() is not None:
            self._wait_for_bolt(timeout)
            return self.status()
        for port, name in ((self.bolt_port, "Bolt"), (self.http_port, "HTTP")):
            if _port_open(port):
                raise PortInUseError(
                    f"port {port} ({name}) on 127.0.0.1 is taken by another process; "
                    f"stop it or choose another port (PATRONAGE_{name.upper()}_PORT)"
                )
        self.assemble(progress)
        self.configure()
        self._ensure_password()
        self.stop_marker.unlink(missing_ok=True)
        progress(f"Starting Neo4j {neo4j_version()} on {self.bolt_uri} ...")
        if not self.supervise:
            process = self.launch()
            try:
                self._wait_for_bolt(timeout, process)
            except LocalServerError:
                _terminate(process.pid, 10)
                raise
            return self.status()
        supervisor = self._spawn_supervisor()
        try:
            self._wait_for_bolt(timeout, supervisor=supervisor)
        except LocalServerError:
            self.stop(timeout=20)
            raise
        return self.status()

    def launch(self) -> subprocess.Popen[bytes]:
        """Start the JVM (configured, password set) and record its pid; do not wait."""
        command = self._java_command(
            _ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
            "--console-mode",
            heap=self.heap,
        )
        self.configure()
        with open(self.log_file, "ab") as log:
            process = subprocess.Popen(
                command,
                env=self._env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.pid_file.write_text(str(process.pid))
        return process

    def _spawn_supervisor(self) -> subprocess.Popen[bytes]:
        config = {
            key: str(value) if isinstance(value, Path) else value
            for key, value in dataclasses.asdict(self).items()
        }
        (self.state_dir / "supervisor-config.json").write_text(json.dumps(config))
        self.supervisor_state_file.unlink(missing_ok=True)
        self.supervisor_log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.supervisor_log, "ab") as log:
            return subprocess.Popen(
                [sys.executable, "-m", "patronage_graph.supervisor", str(self.state_dir)],
                env=os.environ.copy(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )

    def _wait_for_bolt(
        self,
        timeout: float,
        process: subprocess.Popen[bytes] | None = None,
        supervisor: subprocess.Popen[bytes] | None = None,
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise LocalServerError(
                    f"Neo4j exited with code {process.returncode} while starting. "
                    f"Last lines of {self.log_file}:\n{self.log_tail()}"
                )
            if supervisor is not None and supervisor.poll() is not None:
                code = self.supervisor_state().get("exit_code", supervisor.returncode)
                raise LocalServerError(
                    f"Neo4j exited with code {code} while starting. "
                    f"Last lines of {self.log_file}:\n{self.log_tail()}\n"
                    f"Supervisor log: {self.supervisor_log}"
                )
            if (
                _port_open(self.bolt_port)
                and _port_open(self.http_port)
                and self._database_online()
            ):
                return
            time.sleep(0.25)
        raise LocalServerError(
            f"Neo4j did not answer on Bolt port {self.bolt_port} within {timeout:.0f} s. "
            f"Last lines of {self.log_file}:\n{self.log_tail()}"
        )

    def _database_online(self, database: str = "neo4j") -> bool:
        # Bolt opens before the default database has started; until it has, queries
        # fail with "database unavailable". Ready means a query answers.
        try:
            creds = self.credentials()
            with GraphDatabase.driver(creds.uri, auth=(creds.user, creds.password)) as driver:
                driver.execute_query(registry()["ping"].text, database_=database)
            return True
        except neo4j_errors.AuthError as e:
            raise LocalServerError(
                f"the server rejects the password in {self.credentials_file}; restore the "
                "file that belongs to this state folder, or delete the folder to start afresh"
            ) from e
        except (LocalServerError, neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
            return False

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly; returns False when none was running.

        The supervisor is told first (a marker file and SIGTERM), so it stops the
        JVM itself and does not restart it.
        """
        pid = self.pid()
        supervisor = self.supervisor_pid()
        if supervisor is not None:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            self.stop_marker.write_text(str(os.getpid()))
            with contextlib.suppress(ProcessLookupError):
                os.kill(supervisor, signal.SIGTERM)
            if not _wait_gone(supervisor, timeout + 10):
                _terminate(supervisor, 5)
        if pid is not None:
            _terminate(pid, timeout)  # returns at once when the supervisor stopped it
        self.pid_file.unlink(missing_ok=True)
        return pid is not None or supervisor is not None

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would; for fault tests.

        A supervisor, if one runs, starts it again (that is what it is for).
        """
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 30)

    def log_tail(self, lines: int = 25) -> str:
        if not self.log_file.exists():
            return "(no log yet)"
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])


def new_password() -> str:
    """A generated password that neo4j-admin cannot mistake for an option.

    ``token_urlsafe`` may begin with ``-`` (1 in 64), which neo4j-admin's argument
    parser reads as an unknown option; a letter in front avoids that.
    """
    return "p" + secrets.token_urlsafe(24)


def java_major() -> int:
    """The major version of the ``java`` on PATH; Neo4j 5.26 needs 17 or 21."""
    java = shutil.which("java")
    if java is None:
        raise LocalServerError(
            "Java is not installed; Neo4j 5.26 needs Java 17 or 21 "
            "(e.g. `apt-get install openjdk-17-jre-headless`), or use Docker and set NEO4J_URI."
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    match = re.search(r'version "(\d+)', out)
    major = int(match.group(1)) if match else 0
    if major < 17:
        raise LocalServerError(f"Neo4j 5.26 needs Java 17 or newer; found: {out.splitlines()[:1]}")
    return major


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _terminate(pid: int, timeout: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not _wait_gone(pid, timeout):
        os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, 10)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2:3] == ["Z"]
    except FileNotFoundError:
        return True


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # Reap it if it is our child, so it does not linger as a zombie.
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                return True
        except ChildProcessError:
            pass
        if not Path(f"/proc/{pid}").exists():
            return True
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2:3] == ["Z"]:
                return True
        except FileNotFoundError:
            return True
        time.sleep(0.2)
    return False
