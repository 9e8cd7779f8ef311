"""The seed's views served by the API (and written by the CLI), opened in headless Chromium.

Needs the test Neo4j (the suite starts it) with the seed loaded. The API runs in a
thread on 127.0.0.1; pages are fetched by the browser as a researcher would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
import yaml
from chromium import Browser
from graphs import HOSTILE
from neo4j import Driver
from pagecheck import assert_clean, assert_drawn, hover_and_click_everything

from patronage_graph import Settings
from patronage_graph.loader import load_paths
from patronage_graph.viz.views import ViewRef, main_views

pytestmark = [pytest.mark.browser, pytest.mark.integration]
API_PORT = int(os.environ.get("PATRONAGE_TEST_VIZ_API_PORT", "8021"))


@pytest.fixture(scope="module")
def api_url(seeded: Driver, neo4j_settings: Settings) -> Iterator[str]:
    """The real API (with the pages router) on loopback, in a thread."""
    from patronage_graph_api.main import create_app
    from patronage_graph_api.routers import viz

    app = create_app(neo4j_settings)
    if not any(getattr(r, "path", "").startswith("/viz/") for r in app.routes):
        app.include_router(viz.router)  # until api/patronage_graph_api/main.py includes it
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=API_PORT, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the API did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{API_PORT}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def refs(seeded: Driver) -> list[ViewRef]:
    return main_views(seeded)


def test_the_seed_has_a_page_of_every_kind(refs: list[ViewRef]) -> None:
    assert {r.view for r in refs} == {"city", "team", "venture", "worker"}
    assert "wuhan" in {r.id for r in refs if r.view == "city"}


def test_every_main_view_is_served_drawn_quiet_and_offline(
    api_url: str, refs: list[ViewRef], browser: Browser, artifacts: Path
) -> None:
    for ref in refs:
        url = f"{api_url}/viz/{ref.view}/{ref.id}"
        response = httpx.get(url, timeout=120)
        assert response.status_code == 200, (url, response.text[:300])
        policy = response.headers["content-security-policy"]
        assert "script-src 'sha256-" in policy and "connect-src 'none'" in policy
        with browser.visit(url) as visit:
            visit.page.screenshot(path=str(artifacts / f"served-{ref.filename}.png"))
            assert_drawn(visit)
            assert_clean(visit)
            assert ref.name in visit.page.inner_text("#pg-title") or ref.view == "team"


def test_the_index_links_every_main_view(api_url: str, refs: list[ViewRef]) -> None:
    response = httpx.get(f"{api_url}/viz/", timeout=60)
    assert response.status_code == 200
    assert 'href="/viz/city/wuhan"' in response.text
    assert response.text.count("<li>") == len(refs)


def test_a_citys_teams_are_reached_by_the_city_id(api_url: str) -> None:
    by_city = httpx.get(f"{api_url}/viz/team/wuhan", timeout=60)
    assert by_city.status_code == 200
    assert "Wuhan reemployment leading small group" in by_city.text


def test_an_unknown_id_is_a_404_not_an_empty_page(api_url: str) -> None:
    for view in ("city", "worker", "team", "venture"):
        assert httpx.get(f"{api_url}/viz/{view}/no-such-id", timeout=60).status_code == 404


def test_a_query_result_page(api_url: str, browser: Browser) -> None:
    body = {"query": "MATCH p = (:Worker)<-[:SUPPORTED]-() RETURN p LIMIT 20", "parameters": {}}
    response = httpx.post(f"{api_url}/viz/cypher", json=body, timeout=60)
    assert response.status_code == 200, response.text[:300]
    assert "content-security-policy" in response.headers
    refused = httpx.post(f"{api_url}/viz/cypher", json={"query": "CREATE (n) RETURN n"}, timeout=60)
    assert refused.status_code == 400


def _hostile_file(folder: Path) -> Path:
    """A researcher's file whose names and properties are markup, tied into every view."""
    src = "src-hostile"
    data = {
        "sources": [{"id": src, "kind": "user", "name": HOSTILE[2], "citation": HOSTILE[3]}],
        "nodes": [
            {
                "id": "hostile-org",
                "label": "MassOrganization",
                "name": HOSTILE[0],
                "level": "city",
                "system": "trade_union",
                "note": HOSTILE[1],
                "evidence": "stated",
            },
            {
                "id": "hostile-worker",
                "label": "Worker",
                "name": HOSTILE[1],
                "status": "xiagang",
                "role": HOSTILE[2],
                "note": "href " + HOSTILE[3],
                "evidence": "stated",
            },
        ],
        "relationships": [
            {
                "type": "LOCATED_IN",
                "from": "hostile-org",
                "to": "wuhan",
                "sources": [src],
                "evidence": "stated",
                "quote": HOSTILE[0],
            },
            {
                "type": "MEMBER_OF",
                "from": "hostile-org",
                "to": "wuhan-reemployment-lsg",
                "sources": [src],
                "evidence": "inferred",
                "note": HOSTILE[3],
            },
            {
                "type": "SUPPORTED",
                "from": "hostile-org",
                "to": "hostile-worker",
                "kind": "loan",
                "description": HOSTILE[2],
                "sources": [src],
                "evidence": "stated",
                "quote": HOSTILE[1],
            },
            {
                "type": "SUPPORTED",
                "from": "hostile-org",
                "to": "venture-firegate",
                "kind": "publicity",
                "description": HOSTILE[0],
                "sources": [src],
                "evidence": "general",
                "quote": HOSTILE[2],
            },
        ],
    }
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_hostile_data_in_the_database_never_runs_in_any_view(
    reseed: Driver, api_url: str, browser: Browser, tmp_path: Path, artifacts: Path
) -> None:
    load_paths(reseed, [_hostile_file(tmp_path)])
    pages = {
        "city": "wuhan",
        "team": "wuhan-reemployment-lsg",
        "venture": "venture-firegate",
        "worker": "hostile-worker",
    }
    for view, id in pages.items():
        with browser.visit(f"{api_url}/viz/{view}/{id}") as visit:
            ids = visit.evaluate("() => window.patronageGraph.nodes.getIds()")
            assert "hostile-org" in ids, view
            tips = hover_and_click_everything(visit, ["hostile-org", "hostile-worker"])
            visit.page.screenshot(path=str(artifacts / f"served-hostile-{view}.png"))
            assert visit.evaluate("() => window.__pwned") is None, f"script ran in {view}"
            assert any(HOSTILE[0] in t for t in tips), (view, tips)
            assert_clean(visit)


def test_cli_writes_the_main_views_and_prints_their_paths(
    seeded: Driver, neo4j_settings: Settings, tmp_path: Path, browser: Browser
) -> None:
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
    }
    cli = [str(Path(sys.executable).with_name("patronage-graph"))]
    done = subprocess.run(
        [*cli, "viz", "--all", "-o", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = [Path(line.split()[1]) for line in done.stdout.splitlines() if ".html" in line]
    assert written and all(p.is_file() for p in written)
    assert "/viz/city/wuhan" in done.stdout
    assert 'href="city-wuhan.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")
    one = subprocess.run(
        [*cli, "viz", "worker", "star-firegate-manager", "-o", str(tmp_path / "w.html")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert one.returncode == 0, one.stderr
    with browser.visit((tmp_path / "w.html").as_uri()) as visit:
        assert_drawn(visit)
        assert_clean(visit)
