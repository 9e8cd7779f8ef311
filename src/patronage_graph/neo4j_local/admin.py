"""``neo4j-admin`` run from the server's own jars: import, check, initial password."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from ..errors import LocalServerError
from .assembly import Progress, quiet
from .config import ADMIN, java_command, java_env

if TYPE_CHECKING:
    from .server import LocalServer

__all__ = ["run_admin", "stream_admin"]


def run_admin(server: LocalServer, *args: str, quiet_args: bool = False) -> str:
    """Run ``neo4j-admin ARGS`` to the end and return its output; with ``quiet_args``
    an error names only the first two arguments (one may be a password)."""
    server.assemble()
    server.configure()
    command = java_command(server, ADMIN, *args)
    done = subprocess.run(
        command, env=java_env(server), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        shown = args[:2] if quiet_args else args
        raise LocalServerError(f"neo4j-admin {' '.join(shown)} failed:\n{tail}")
    return done.stdout


def stream_admin(server: LocalServer, *args: str, on_line: Progress = quiet) -> None:
    """Run ``neo4j-admin``, passing each output line to ``on_line``.

    For long runs such as ``database import full``: the user sees the importer's
    own progress. Its memory is not set here: neo4j-admin runs the command in a JVM
    of its own, configured by ``conf/neo4j-admin-<command>.conf`` (see
    :func:`patronage_graph.synthetic.bulk.write_import_memory`).
    """
    server.assemble()
    server.configure()
    command = java_command(server, ADMIN, *args)
    tail: list[str] = []
    with subprocess.Popen(
        command, env=java_env(server), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            tail = [*tail[-19:], line.rstrip()]
            on_line(line.rstrip())
    if process.returncode != 0:
        raise LocalServerError(f"neo4j-admin {' '.join(args[:3])} failed:\n" + "\n".join(tail))
