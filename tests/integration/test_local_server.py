"""The Maven-assembled Neo4j: start, answer, serve the Browser, stop cleanly.

These tests drive the real CLI in a throw-away state folder on their own ports,
so they never disturb the suite's server or a researcher's data.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from patronage_graph import AuthenticationError, LocalServer, Settings, create_driver
from patronage_graph.connect import connect

pytestmark = pytest.mark.integration

BOLT, HTTP = (
    int(os.environ.get("PATRONAGE_TEST_CLI_BOLT", "7689")),
    int(os.environ.get("PATRONAGE_TEST_CLI_HTTP", "7476")),
)


def _cli(state: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATRONAGE_STATE_DIR": str(state),
        "PATRONAGE_BOLT_PORT": str(BOLT),
        "PATRONAGE_HTTP_PORT": str(HTTP),
        "PATRONAGE_HEAP": "512m",
        "PATRONAGE_PAGECACHE": "128m",
    }
    env.pop("NEO4J_URI", None)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "patronage_graph.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def _neo4j_pids(state: Path) -> list[str]:
    out = subprocess.run(
        ["pgrep", "-f", f"CommunityEntryPoint.*{state}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return out.split()


@pytest.fixture(scope="module")
def cli_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    state = tmp_path_factory.mktemp("cli-state")
    yield state
    _cli(state, "neo4j", "stop")


def test_start_prints_where_everything_is_and_bolt_answers(cli_state: Path) -> None:
    done = _cli(cli_state, "neo4j", "start")
    assert done.returncode == 0, done.stderr
    assert f"neo4j://127.0.0.1:{BOLT}" in done.stdout
    assert f"http://127.0.0.1:{HTTP}/browser/" in done.stdout
    creds = json.loads((cli_state / "credentials.json").read_text())
    assert (cli_state / "credentials.json").stat().st_mode & 0o777 == 0o600
    assert creds["password"] not in done.stdout + done.stderr
    driver = create_driver(f"neo4j://127.0.0.1:{BOLT}", creds["user"], creds["password"])
    try:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
    finally:
        driver.close()


def test_browser_is_served_on_the_http_port(cli_state: Path) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{HTTP}/browser/", timeout=10) as response:
        assert response.status == 200
        assert "neo4j" in response.read().decode(errors="replace").lower()


def test_server_listens_on_loopback_only(cli_state: Path) -> None:
    addresses = {"127.0.0.1"}
    with contextlib.suppress(OSError):
        addresses.add(socket.gethostbyname(socket.gethostname()))
    for address in addresses - {"127.0.0.1"}:
        with socket.socket() as sock:
            sock.settimeout(1)
            assert sock.connect_ex((address, BOLT)) != 0, f"Bolt reachable on {address}"


def test_second_start_reuses_the_running_server(cli_state: Path) -> None:
    before = _neo4j_pids(cli_state)
    done = _cli(cli_state, "neo4j", "start")
    assert done.returncode == 0, done.stderr
    assert _neo4j_pids(cli_state) == before


def test_wrong_password_gives_a_clear_authentication_error(cli_state: Path) -> None:
    with pytest.raises(AuthenticationError, match="rejected the user name or password"):
        create_driver(f"neo4j://127.0.0.1:{BOLT}", "neo4j", "not-the-password")


def test_a_taken_port_is_a_clear_error_not_a_hang(cli_state: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-state"
    env_state = _cli(other, "neo4j", "start")  # same ports as the running server
    assert env_state.returncode == 1
    assert f"port {BOLT} (Bolt) on 127.0.0.1 is taken" in env_state.stderr


def test_stop_leaves_no_process_and_restart_downloads_nothing(cli_state: Path) -> None:
    done = _cli(cli_state, "neo4j", "stop")
    assert done.returncode == 0 and "stopped" in done.stdout
    assert _neo4j_pids(cli_state) == []
    status = _cli(cli_state, "neo4j", "status")
    assert status.returncode == 3 and "not running" in status.stdout
    # Without Maven on PATH a start can only succeed from the cache.
    java_dir = str(Path(shutil.which("java") or "/usr/bin/java").parent)
    no_maven = f"{Path(sys.executable).parent}:{java_dir}:/bin"
    again = _cli(cli_state, "neo4j", "start", path=no_maven)
    assert again.returncode == 0, again.stderr
    assert "Fetching" not in again.stderr


def test_settings_with_neo4j_uri_use_that_server_and_start_nothing(cli_state: Path) -> None:
    creds = json.loads((cli_state / "credentials.json").read_text())
    settings = Settings(
        NEO4J_URI=f"neo4j://127.0.0.1:{BOLT}",
        NEO4J_PASSWORD=creds["password"],
        PATRONAGE_STATE_DIR=str(cli_state / "never-created"),
    )  # type: ignore[call-arg]
    driver = connect(settings)
    driver.close()
    assert not (cli_state / "never-created").exists()


def test_missing_java_is_reported_with_what_to_install(tmp_path: Path) -> None:
    fresh = LocalServer(state_dir=tmp_path / "s", cache_dir=tmp_path / "cache")
    env_path = os.environ["PATH"]
    os.environ["PATH"] = "/nonexistent"
    try:
        with pytest.raises(Exception, match="Java is not installed"):
            fresh.assemble()
    finally:
        os.environ["PATH"] = env_path
