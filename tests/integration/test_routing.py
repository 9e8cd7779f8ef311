"""Every database access goes through a routing ``neo4j://`` URI, as a cluster or Aura needs.

The local server is always reached with ``neo4j://`` (never ``bolt://``), so the
whole suite already runs with server-side routing; these tests say so explicitly
and check that reads are routed as READ and writes as WRITE.
"""

from __future__ import annotations

import pytest
from neo4j import Driver

from patronage_graph import LocalServer, Settings, connect, database, queries
from patronage_graph.errors import DatabaseError

pytestmark = pytest.mark.integration


def test_the_local_server_is_reached_with_a_routing_uri(
    local_server: LocalServer, neo4j_settings: Settings
) -> None:
    assert local_server.bolt_uri.startswith("neo4j://")
    assert neo4j_settings.neo4j_uri is not None
    assert neo4j_settings.neo4j_uri.startswith("neo4j://")


def test_the_server_hands_out_a_routing_table(driver: Driver, local_server: LocalServer) -> None:
    rows = database.read(driver, "routing_table", {"database": "neo4j"})
    roles = {r["role"]: r["addresses"] for r in rows}
    assert set(roles) == {"READ", "WRITE", "ROUTE"}
    assert all(f"127.0.0.1:{local_server.bolt_port}" in addrs for addrs in roles.values())


def test_reads_are_routed_as_read(empty_db: Driver) -> None:
    # A write sent through the read path is refused by the server: the transaction
    # really was opened in READ access mode, so on a cluster it would go to a reader.
    with pytest.raises(DatabaseError, match=r"(?i)read"):
        database.read(
            empty_db,
            "synthetic_create_nodes",
            {"rows": [{"id": "routing-probe", "name": "probe"}], "labels": ["Source"]},
        )
    assert database.read(empty_db, "db_counts")[0]["nodes"] == 0
    # The same statement through the write path is accepted.
    database.write(
        empty_db,
        "synthetic_create_nodes",
        {
            "rows": [{"id": "routing-probe", "name": "probe", "kind": "user", "citation": "probe"}],
            "labels": ["Source"],
        },
    )
    assert database.read(empty_db, "db_counts")[0]["nodes"] == 1


def test_connect_and_the_query_layer_work_over_the_routing_uri(
    neo4j_settings: Settings, empty_db: Driver
) -> None:
    routed = connect(neo4j_settings, start_local=False)
    try:
        counts = queries.graph_counts(routed)
        assert counts is not None
    finally:
        routed.close()
