"""How the local server is configured: ``neo4j.conf`` and the JVM command line."""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .server import LocalServer

__all__ = ["ADMIN", "ENTRY_POINT", "configure", "java_command", "java_env"]

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
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


def configure(server: LocalServer) -> None:
    """Write neo4j.conf into the state folder (rewritten each start)."""
    home = server.home
    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    server.state_dir.chmod(0o700)
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{server.bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{server.bolt_port}",
        "server.http.listen_address": f"127.0.0.1:{server.http_port}",
        "server.http.advertised_address": f"127.0.0.1:{server.http_port}",
        "server.https.enabled": "false",
        "server.memory.heap.initial_size": server.heap,
        "server.memory.heap.max_size": server.heap,
        "server.memory.pagecache.size": server.pagecache,
        "dbms.security.auth_enabled": "true",
        "dbms.usage_report.enabled": "false",
        # One runaway query (ad-hoc Cypher) must fail alone, not exhaust the heap.
        "db.memory.transaction.max": server.tx_memory,
        # Ad-hoc Cypher must not read the machine's files.
        "dbms.security.allow_csv_import_from_file_urls": "false",
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.lib": str(server.lib_dir),
        "db.tx_log.rotation.retention_policy": "2 files",
    }
    lines = [f"{key}={value}" for key, value in settings.items() if value]
    (server.conf_dir / "neo4j.conf").write_text(
        "# Written by patronage-graph on every start; edit settings, not this file.\n"
        + "\n".join(lines)
        + "\n"
    )


def java_command(server: LocalServer, main: str, *args: str, heap: str | None = None) -> list[str]:
    """``java`` with the server's jars and flags running ``main`` (heap capped if given)."""
    java = shutil.which("java") or "java"
    memory = [f"-Xms{heap}", f"-Xmx{heap}"] if heap else []
    return [java, *memory, *_JVM_FLAGS, "-cp", f"{server.lib_dir}/*", main, *args]


def java_env(server: LocalServer) -> dict[str, str]:
    """The environment Neo4j's own tools read their home and config from."""
    return {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.conf_dir)}
