"""The API's public surface and its safety defaults, without a database."""

from __future__ import annotations

from fastapi.testclient import TestClient

from patronage_graph import Settings
from patronage_graph_api.main import create_app
from patronage_graph_api.security import HTML_CSP

ENDPOINTS = {
    ("get", "/health"),
    ("get", "/node-workers"),
    ("get", "/workers/{worker_id}/chain"),
    ("get", "/workers/{worker_id}/eligibility"),
    ("get", "/workers/{worker_id}/dependency"),
    ("get", "/entities/{entity_id}"),
    ("get", "/search"),
    ("get", "/ventures/{venture_id}/qualification"),
    ("get", "/statistics/layoffs"),
    ("get", "/quotas"),
    ("get", "/analytics/brokerage"),
    ("post", "/cypher"),
    ("get", "/export"),
}


def offline_app() -> TestClient:
    settings = Settings(NEO4J_URI="bolt://127.0.0.1:9", NEO4J_USER="neo4j", NEO4J_PASSWORD="x-y-z")
    return TestClient(create_app(settings), raise_server_exceptions=False)


def test_every_endpoint_of_the_issue_is_documented() -> None:
    with offline_app() as client:
        paths = client.get("/openapi.json").json()["paths"]
    served = {(method, path) for path, item in paths.items() for method in item}
    assert served >= ENDPOINTS
    assert any(path.startswith("/viz/") for path in paths)


def test_every_operation_documents_503_and_its_errors() -> None:
    with offline_app() as client:
        paths = client.get("/openapi.json").json()["paths"]
    for path, item in paths.items():
        for method, operation in item.items():
            assert "503" in operation["responses"], (method, path)
            if "{" in path:
                assert "404" in operation["responses"], (method, path)


def test_the_index_page_is_html_under_a_strict_policy() -> None:
    with offline_app() as client:
        page = client.get("/")
    assert page.headers["content-security-policy"] == HTML_CSP
    assert "'unsafe-inline'" not in HTML_CSP.split("script-src")[1].split(";")[0]
    assert page.headers["x-frame-options"] == "DENY"
    assert "<script" not in page.text


def test_a_page_that_sets_its_own_policy_keeps_it() -> None:
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    from patronage_graph_api.security import SecurityHeaders

    app = FastAPI()

    @app.get("/own", response_class=HTMLResponse)
    def own() -> HTMLResponse:
        return HTMLResponse("<p>x</p>", headers={"Content-Security-Policy": "default-src 'none'"})

    @app.get("/plain", response_class=HTMLResponse)
    def plain() -> str:
        return "<p>x</p>"

    app.add_middleware(SecurityHeaders)
    with TestClient(app) as client:
        own_page, plain_page = client.get("/own"), client.get("/plain")
    assert own_page.headers["content-security-policy"] == "default-src 'none'"
    assert "x-frame-options" not in own_page.headers
    assert plain_page.headers["content-security-policy"] == HTML_CSP
