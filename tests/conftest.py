"""Shared fixtures: the real Neo4j that the test command starts.

The suite runs its own server (state folder ``.patronage-graph/test``, ports
7688/7475 unless ``PATRONAGE_TEST_*`` say otherwise) so it never touches the
researcher's data on the main server. It starts one if none runs and stops only
what it started. ``NEO4J_URI`` is ignored here on purpose: integration tests
empty the database, so they only ever run against a server the suite controls.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from patronage_graph import LocalServer, Settings, apply_schema, create_driver
from patronage_graph.cypher_registry import registry

REPO = Path(__file__).resolve().parent.parent

# Starlette's TestClient sends "Host: testserver"; the API answers only the host names
# it is configured for (PATRONAGE_API_ALLOWED_HOSTS), so the suite adds that one.
os.environ.setdefault("PATRONAGE_API_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
ARTIFACTS = REPO / "test-artifacts"


def _test_server() -> LocalServer:
    settings = Settings()
    state = Path(os.environ.get("PATRONAGE_TEST_STATE_DIR", REPO / ".patronage-graph" / "test"))
    return LocalServer(
        state_dir=state.resolve(),
        cache_dir=settings.cache_dir,
        bolt_port=int(os.environ.get("PATRONAGE_TEST_BOLT_PORT", "7688")),
        http_port=int(os.environ.get("PATRONAGE_TEST_HTTP_PORT", "7475")),
        heap=os.environ.get("PATRONAGE_TEST_HEAP", "2g"),
        pagecache=os.environ.get("PATRONAGE_TEST_PAGECACHE", "512m"),
    )


@pytest.fixture(scope="session")
def local_server() -> Iterator[LocalServer]:
    """The suite's own local server, started here if it was not running."""
    server = _test_server()
    started = not server.status().running
    server.start()
    yield server
    if started and not os.environ.get("PATRONAGE_TEST_KEEP_SERVER"):
        server.stop()


@pytest.fixture(scope="session")
def neo4j_settings(local_server: LocalServer) -> Settings:
    """Settings pointing at the test server, as the CLI and the API would read them."""
    creds = local_server.credentials()
    return Settings(NEO4J_URI=creds.uri, NEO4J_USER=creds.user, NEO4J_PASSWORD=creds.password)


@pytest.fixture
def cli_env(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The test server in the environment, so the CLI never starts a server of its own."""
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value())
    return neo4j_settings


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    drv = create_driver(
        neo4j_settings.neo4j_uri,
        neo4j_settings.neo4j_user,
        neo4j_settings.neo4j_password.get_secret_value(),
    )
    apply_schema(drv)
    yield drv
    drv.close()


def wipe(driver: Driver) -> None:
    """Delete every node and relationship (the schema stays)."""
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session() as session:
        session.run(registry()["wipe"].text).consume()  # type: ignore[arg-type]


@pytest.fixture
def empty_db(driver: Driver) -> Driver:
    """The test server's database, emptied before the test."""
    wipe(driver)
    return driver


@pytest.fixture(scope="session")
def api_client(neo4j_settings: Settings) -> Iterator[Any]:
    """The HTTP API (``patronage_graph_api.main.create_app``) against the test server,
    in-process."""
    from fastapi.testclient import TestClient

    from patronage_graph_api.main import create_app

    with TestClient(create_app(neo4j_settings), raise_server_exceptions=False) as client:
        yield client


_SEED_COUNTS: dict[str, tuple[int, int]] = {}


def _db_counts(driver: Driver) -> tuple[int, int]:
    from patronage_graph import database

    row = database.read(driver, "db_counts")[0]
    return int(row["nodes"]), int(row["relationships"])


def load_seed(driver: Driver) -> tuple[int, int]:
    """Empty the database and load seed/ in one transaction; return (nodes, relationships)."""
    from patronage_graph.loader import load_paths

    report = load_paths(driver, [REPO / "seed"], replace=True)
    _SEED_COUNTS["seed"] = (report.in_data.nodes, report.in_data.relationships)
    return _SEED_COUNTS["seed"]


@pytest.fixture(scope="session")
def seeded(driver: Driver) -> Driver:
    """The test database holding exactly seed/ (loaded once per session; read-only use).

    Tests that empty the database (``empty_db``) may run in between: the autouse
    guard below reloads the seed before a ``seeded`` test when the counts differ.
    Tests that change the seeded graph use ``reseed`` instead.
    """
    load_seed(driver)
    return driver


@pytest.fixture(autouse=True)
def _seed_intact(request: pytest.FixtureRequest) -> None:
    """Before each test using ``seeded``: reload the seed if the database lost it."""
    if "seeded" not in request.fixturenames:
        return
    driver = request.getfixturevalue("seeded")
    if _db_counts(driver) != _SEED_COUNTS.get("seed"):
        load_seed(driver)


@pytest.fixture
def reseed(seeded: Driver) -> Iterator[Driver]:
    """The seeded database for a test that mutates it; the seed is restored afterwards."""
    yield seeded
    load_seed(seeded)
