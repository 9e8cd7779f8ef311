"""POST /cypher: researchers' own Cypher runs read-only, bounded, and changes nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from patronage_graph import Settings, database
from patronage_graph_api.main import create_app

pytestmark = pytest.mark.integration


def snapshot(driver: Driver) -> dict[str, Any]:
    """Everything a write, a schema change or an admin command would alter."""
    return {
        name: [r.data() for r in database.read(driver, name)]
        for name in ("api_totals", "label_counts", "rel_type_counts", "show_constraints")
    } | {"indexes": [r["name"] for r in database.read(driver, "show_indexes")]}


REFUSED = [
    "CREATE (n:Injected {id: 'x'}) RETURN n",
    "MERGE (n:Injected {id: 'x'})",
    "MATCH (n) SET n.touched = true",
    "MATCH (n) SET n:Injected",
    "MATCH (n) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) REMOVE n.name",
    "MATCH (n:Worker) REMOVE n:Worker",
    "MATCH ()-[r]->() DELETE r",
    "FOREACH (i IN range(1, 3) | CREATE (:Injected))",
    "CALL () { CREATE (:Injected) }",
    "MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (n) CALL (n) { RETURN n.id AS id } IN TRANSACTIONS RETURN id",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line",
    "CALL db.createLabel('Injected')",
    "CALL db.createProperty('injected')",
    "CALL db.clearQueryCaches()",
    "CALL dbms.listConfig()",
    "CALL dbms.showCurrentUser()",
    "CALL dbms.components()",
    "CALL db.awaitIndexes(1)",
    "CREATE INDEX injected IF NOT EXISTS FOR (n:Injected) ON (n.x)",
    "CREATE CONSTRAINT injected IF NOT EXISTS FOR (n:Injected) REQUIRE n.id IS UNIQUE",
    "DROP CONSTRAINT entity_id",
    "DROP INDEX worker_status",
    "SHOW USERS",
    "SHOW SETTINGS",
    "SHOW TRANSACTIONS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CREATE DATABASE injected",
    "ALTER USER neo4j SET PASSWORD 'injected-password'",
    "CREATE USER injected SET PASSWORD 'injected-password'",
    "GRANT ROLE admin TO neo4j",
]


@pytest.mark.parametrize("query", REFUSED)
def test_writes_schema_admin_and_file_reads_are_refused_and_change_nothing(
    api_client: TestClient, driver: Driver, query: str
) -> None:
    before = snapshot(driver)
    response = api_client.post("/cypher", json={"query": query})
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["detail"] and body["code"], body
    assert "Traceback" not in response.text
    assert snapshot(driver) == before


def test_refusal_names_what_was_refused(api_client: TestClient) -> None:
    body = api_client.post("/cypher", json={"query": "LOAD CSV FROM 'file:///x' AS l RETURN l"})
    assert "LoadCSV" in body.json()["detail"]
    body = api_client.post("/cypher", json={"query": "CALL dbms.listConfig()"})
    assert "dbms.listConfig" in body.json()["detail"]


def test_a_read_query_returns_columns_and_rows(api_client: TestClient) -> None:
    response = api_client.post(
        "/cypher",
        json={
            "query": "UNWIND $names AS name RETURN name, size(name) AS length ORDER BY length",
            "parameters": {"names": ["Wuhan", "Shenyang"]},
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["name", "length"]
    assert body["rows"] == [["Wuhan", 5], ["Shenyang", 8]]
    assert body["truncated"] is False


def test_allow_listed_procedures_run(api_client: TestClient) -> None:
    response = api_client.post(
        "/cypher", json={"query": "CALL db.labels() YIELD label RETURN label"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["columns"] == ["label"]


def test_nodes_relationships_and_odd_values_come_back_as_json(
    api_client: TestClient, driver: Driver
) -> None:
    response = api_client.post(
        "/cypher",
        json={
            "query": "RETURN 0.0/0.0 AS nan, date('2001-10-01') AS day, point({x: 1, y: 2}) AS p, "
            "{nested: [1, 'two', null]} AS m"
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [
        [
            "NaN",
            "2001-10-01",
            {"srid": 7203, "coordinates": [1.0, 2.0]},
            {"nested": [1, "two", None]},
        ]
    ]


def test_a_huge_result_comes_back_truncated_and_flagged(
    api_client: TestClient, neo4j_settings: Settings
) -> None:
    response = api_client.post("/cypher", json={"query": "UNWIND range(1, 10000000) AS x RETURN x"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["truncated"] is True and body["truncated_by"] == "rows"
    assert body["row_count"] == neo4j_settings.cypher_max_rows == len(body["rows"])


def test_a_result_too_big_to_hold_is_cut_by_size(api_client: TestClient) -> None:
    query = (
        "UNWIND range(1, 900) AS i "
        "RETURN i, reduce(s = '', j IN range(1, 1000) | s + 'xxxxxxxxxx') AS blob"
    )
    body = api_client.post("/cypher", json={"query": query}).json()
    assert body["truncated"] is True and body["truncated_by"] == "bytes"
    assert 0 < body["row_count"] < 900


@pytest.fixture(scope="module")
def impatient_client(neo4j_settings: Settings) -> Iterator[TestClient]:
    settings = neo4j_settings.model_copy(update={"cypher_timeout_s": 1.0})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def test_a_query_running_past_the_limit_is_stopped(impatient_client: TestClient) -> None:
    began = time.monotonic()
    response = impatient_client.post(
        "/cypher",
        json={"query": "UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n"},
    )
    elapsed = time.monotonic() - began
    assert response.status_code == 400, response.text
    body = response.json()
    assert "TransactionTimedOut" in body["code"] and "time limit" in body["detail"]
    assert elapsed < 15


def test_neo4j_errors_come_back_as_400_with_neo4j_code(api_client: TestClient) -> None:
    response = api_client.post("/cypher", json={"query": "MATCH (n) RETURN"})
    assert response.status_code == 400
    assert response.json()["code"] == "Neo.ClientError.Statement.SyntaxError"
    assert "column 17" in response.json()["detail"]  # a position in the researcher's own text
    assert "EXPLAIN" not in response.json()["detail"]
    response = api_client.post("/cypher", json={"query": "RETURN $missing AS x"})
    assert response.status_code == 400
    assert response.json()["code"].startswith("Neo.ClientError.Statement.")


def test_bad_bodies_are_422_naming_the_field(api_client: TestClient) -> None:
    response = api_client.post("/cypher", json={"parameters": {}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "query"]
    response = api_client.post("/cypher", json={"query": "RETURN 1", "params": {}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "params"]
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(40):
        node["x"] = {}
        node = node["x"]
    response = api_client.post("/cypher", json={"query": "RETURN 1", "parameters": deep})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "parameters"]


def test_an_oversized_body_is_refused(api_client: TestClient) -> None:
    response = api_client.post(
        "/cypher", json={"query": "RETURN $x AS x", "parameters": {"x": "y" * 2_000_000}}
    )
    assert response.status_code == 413


@pytest.fixture
def cpu_hog() -> Iterator[None]:
    """One core kept busy for the test (bounded: the loop ends by itself after 3 min)."""
    hog = subprocess.Popen(
        [sys.executable, "-c", "import time\nend = time.monotonic() + 180\n"
         "while time.monotonic() < end: pass"]
    )  # fmt: skip
    try:
        yield
    finally:
        hog.kill()
        hog.wait()


@pytest.fixture(scope="module")
def patient_client(neo4j_settings: Settings) -> Iterator[TestClient]:
    # Long enough that only memory can stop the query below, even on a loaded machine.
    settings = neo4j_settings.model_copy(update={"cypher_timeout_s": 120.0})
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def test_a_query_that_would_exhaust_memory_fails_alone(
    patient_client: TestClient, cpu_hog: None
) -> None:
    # db.memory.transaction.max bounds one transaction; the server must survive it. The
    # query runs once: a retried memory error used to end as "past the time limit".
    began = time.monotonic()
    response = patient_client.post(
        "/cypher", json={"query": "UNWIND range(1, 100000000) AS i RETURN size(collect(i)) AS n"}
    )
    elapsed = time.monotonic() - began
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
    assert "memory" in body["detail"] and "db.memory.transaction.max" in body["detail"]
    assert "retry" not in body["detail"].lower()
    print(f"\nmemory error beside a CPU hog after {elapsed:.1f} s")
    assert patient_client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [[1]]


def test_errors_name_the_setting_to_change_not_neo4js_retry_advice(
    impatient_client: TestClient,
) -> None:
    response = impatient_client.post(
        "/cypher",
        json={"query": "UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n"},
    )
    detail = response.json()["detail"]
    assert "PATRONAGE_CYPHER_TIMEOUT" in detail and "retry" not in detail.lower()
