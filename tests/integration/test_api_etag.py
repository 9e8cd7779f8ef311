"""ETag / If-None-Match keyed by the graph's generation stamp (issue 13 §4).

Every load writes a new stamp in its own transaction; a GET whose If-None-Match
names the current ETag is answered 304 without running the endpoint, and a load
makes every earlier ETag stale.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from neo4j import Driver

from patronage_graph import database
from patronage_graph.synthetic.online import load_online

pytestmark = pytest.mark.integration
WORKERS, SEED = 200, 3


def _star(driver: Driver) -> str:
    rows = database.read(driver, "synthetic_star_workers", {"prefix": "syn3-", "limit": 1})
    return str(rows[0]["id"])


def _after_ttl() -> None:
    from patronage_graph_api.etag import STAMP_TTL_S

    time.sleep(STAMP_TTL_S + 0.2)


def test_a_get_is_304_while_the_graph_is_unchanged_and_200_after_a_load(
    empty_db: Driver, api_client: Any
) -> None:
    load_online(empty_db, WORKERS, SEED, method="loader")
    _after_ttl()
    path = f"/workers/{_star(empty_db)}/chain"
    first = api_client.get(path)
    assert first.status_code == 200 and first.json()["hops"]
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"

    again = api_client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    # Another resource, or the same one asked differently, has another ETag.
    other = api_client.get("/node-workers", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    assert "etag" not in api_client.get("/health").headers  # live status is never cached

    # A load (even of the same data) writes a new stamp: the old ETag is stale.
    load_online(empty_db, WORKERS, SEED, method="loader")
    _after_ttl()
    after = api_client.get(path, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.json() == first.json()
    assert after.headers["etag"] != etag


def test_a_graph_written_without_a_load_gets_no_etag(empty_db: Driver, api_client: Any) -> None:
    # written by something other than the loaders (every loader path writes a stamp)
    empty_db.execute_query(
        "CREATE (:Entity:Worker {id: $id, name: 'written by hand', status: 'laid_off'})",
        id="hand-written-worker",
    )
    _after_ttl()
    response = api_client.get("/node-workers")
    assert response.status_code == 200
    assert "etag" not in response.headers


def test_counts_and_exports_leave_the_stamp_out(empty_db: Driver, api_client: Any) -> None:
    stats = load_online(empty_db, WORKERS, SEED, method="loader")
    row = database.read(empty_db, "db_counts")[0]
    assert row["nodes"] == stats.nodes  # the :Meta node is not counted
    health = api_client.get("/health").json()
    assert health["counts"]["nodes"] == stats.nodes
    assert database.read(empty_db, "graph_stamp")[0]["stamp"]
