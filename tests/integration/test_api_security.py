"""Hostile input through every parameter, and the headers that keep pages and origins safe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from patronage_graph import Settings, database
from patronage_graph_api.main import create_app

pytestmark = pytest.mark.integration

INJECTIONS = [
    "x' OR 1=1 //",
    "x'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "star-firegate-manager' WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //",
    "') CREATE (:Injected {id: 'pwned'}) //",
    "`) CREATE (:Injected) //",
    "wuhan\\' MERGE (:Injected) //",
    "x\u0000' CALL db.createLabel('Injected') //",
    "*) OR name:* AND NOT (x",
    "1; CREATE (:Injected)",
]
# A valid value for each parameter, so that one hostile value at a time reaches Neo4j.
VALID = {
    "worker_id": "star-firegate-manager",
    "entity_id": "wuhan-labor-bureau",
    "venture_id": "venture-firegate",
    "city_id": "wuhan",
    "q": "fire",
    "kind": "reemployment",
    "year": "1999",
}


def snapshot(driver: Driver) -> dict[str, Any]:
    return {
        name: [r.data() for r in database.read(driver, name)]
        for name in ("api_totals", "label_counts", "rel_type_counts", "show_constraints")
    }


def operations(client: TestClient) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Every GET operation of the API with its parameters, from /openapi.json."""
    for path, item in client.get("/openapi.json").json()["paths"].items():
        if "get" in item:
            yield path, item["get"].get("parameters", [])


def _request(
    client: TestClient, path: str, params: list[dict[str, Any]], target: str, value: str
) -> int:
    query: dict[str, str] = {}
    for p in params:
        given = value if p["name"] == target else VALID.get(p["name"])
        if given is None:
            continue
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", quote(given, safe=""))
        else:
            query[p["name"]] = given
    return client.get(path, params=query).status_code


def test_injection_through_every_parameter_changes_nothing(
    api_client: TestClient, seeded: Driver
) -> None:
    before = snapshot(seeded)
    tried = 0
    for path, params in operations(api_client):
        for target in [p["name"] for p in params]:
            for value in INJECTIONS:
                status = _request(api_client, path, params, target, value)
                assert status < 500, (path, target, value, status)
                tried += 1
    assert tried > 100
    after = snapshot(seeded)
    assert after == before
    assert "Injected" not in {r["label"] for r in after["label_counts"]}


def test_injection_through_cypher_parameters_is_data(
    api_client: TestClient, seeded: Driver
) -> None:
    before = snapshot(seeded)
    for value in INJECTIONS:
        response = api_client.post(
            "/cypher",
            json={
                "query": "MATCH (n:Entity {id: $id}) RETURN n.id AS id",
                "parameters": {"id": value},
            },
        )
        assert response.status_code == 200 and response.json()["rows"] == []
    assert snapshot(seeded) == before


def test_html_carries_a_content_security_policy(api_client: TestClient) -> None:
    page = api_client.get("/")
    policy = page.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    docs = api_client.get("/docs")
    assert "content-security-policy" in docs.headers
    assert api_client.get("/health").headers["x-content-type-options"] == "nosniff"


def test_cors_is_off_unless_configured(api_client: TestClient, neo4j_settings: Settings) -> None:
    preflight = {
        "Origin": "https://elsewhere.example",
        "Access-Control-Request-Method": "GET",
    }
    response = api_client.options("/health", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    response = api_client.get("/health", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers

    settings = neo4j_settings.model_copy(update={"cors_origins": ["https://lab.example"]})
    with TestClient(create_app(settings)) as client:
        allowed = client.options("/health", headers={**preflight, "Origin": "https://lab.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://lab.example"
        other = client.get("/health", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_errors_never_show_the_password_or_a_traceback(
    api_client: TestClient, neo4j_settings: Settings
) -> None:
    assert neo4j_settings.neo4j_password is not None
    password = neo4j_settings.neo4j_password.get_secret_value()
    responses = [
        api_client.post("/cypher", json={"query": "CALL dbms.listConfig()"}),
        api_client.post("/cypher", json={"query": "RETURN $password AS p"}),
        api_client.get("/entities/no-such-entity"),
        api_client.get("/health"),
    ]
    for response in responses:
        assert password not in response.text
        assert "Traceback" not in response.text
