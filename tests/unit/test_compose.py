"""docker-compose.yml cannot run here; keep it correct by reading it."""

from __future__ import annotations

from pathlib import Path

import yaml

from patronage_graph.neo4j_local import neo4j_version

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_same_neo4j_release_as_the_local_server() -> None:
    image = _compose()["services"]["neo4j"]["image"]
    assert image == f"neo4j:{neo4j_version()}-community"


def test_api_and_loader_wait_for_a_healthy_neo4j() -> None:
    services = _compose()["services"]
    assert "healthcheck" in services["neo4j"]
    for name in ("api", "loader"):
        assert services[name]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["api"]["depends_on"]["loader"]["condition"] == "service_completed_successfully"


def test_password_comes_from_env_with_no_default_and_ports_bind_loopback() -> None:
    services = _compose()["services"]
    assert services["neo4j"]["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    ports = [p for s in services.values() for p in s.get("ports", [])]
    assert ports and all(p.startswith("127.0.0.1:") for p in ports)
    assert "neo4j-data" in _compose()["volumes"]


def test_the_docker_image_builds_from_files_that_exist() -> None:
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            source = line.split()[1]
            assert (ROOT / source).exists() or source in ("seed",), source
