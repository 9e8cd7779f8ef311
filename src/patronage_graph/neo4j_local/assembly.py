"""The pinned Neo4j release, the Java it needs, and its jars fetched once by Maven."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from ..errors import LocalServerError
from ..resources import resource_path

__all__ = ["Progress", "assemble", "java_major", "neo4j_version", "quiet"]

#: Told one line at a time what a long step is doing.
Progress = Callable[[str], None]


def quiet(_: str) -> None:
    """A :data:`Progress` that says nothing."""


def neo4j_version(pom: Path | None = None) -> str:
    """The Neo4j release pinned in ``neo4j/pom.xml``."""
    text = (pom or resource_path("neo4j/pom.xml")).read_text(encoding="utf-8")
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", text)
    if not match:
        raise LocalServerError("neo4j/pom.xml does not declare <neo4j.version>")
    return match.group(1).strip()


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


def assemble(lib_dir: Path, progress: Progress = quiet) -> Path:
    """Copy the pinned Neo4j jars into ``lib_dir``; a second call downloads nothing."""
    pom = resource_path("neo4j/pom.xml")
    marker = lib_dir.parent / "complete.sha256"
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()
    if marker.exists() and marker.read_text().strip() == digest:
        return lib_dir
    java_major()  # fail early and clearly when Java is missing
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalServerError(
            "Maven (mvn) is not installed; it fetches Neo4j from Maven Central. "
            "Install it (e.g. `apt-get install maven`), or run Neo4j with Docker "
            "(docker compose up) and set NEO4J_URI."
        )
    progress(f"Fetching Neo4j {neo4j_version()} jars with Maven into {lib_dir} ...")
    tmp = lib_dir.with_name("lib.partial")
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
    shutil.rmtree(lib_dir, ignore_errors=True)
    tmp.rename(lib_dir)
    marker.write_text(digest)
    return lib_dir
