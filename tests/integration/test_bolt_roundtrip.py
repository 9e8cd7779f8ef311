"""Write and read through Bolt on the server the test command started."""

from __future__ import annotations

import pytest
from neo4j import Driver

from patronage_graph import Settings, apply_schema, database
from patronage_graph.database import create_driver
from patronage_graph.errors import DatabaseUnavailable
from patronage_graph.model import NODE_LABELS

pytestmark = pytest.mark.integration


def test_constraints_exist_for_every_label_and_init_is_idempotent(driver: Driver) -> None:
    first = apply_schema(driver)
    second = apply_schema(driver)
    assert not second.changed
    assert second.constraints == first.constraints
    rows = database.read(driver, "show_constraints")
    unique_on_id = {
        row["labels"][0]
        for row in rows
        if row["type"] == "UNIQUENESS" and row["properties"] == ["id"]
    }
    assert set(NODE_LABELS) <= unique_on_id


def test_a_write_is_read_back(empty_db: Driver) -> None:
    empty_db.execute_query("CREATE (:Entity:Source {id: $id, name: 'x'})", id="roundtrip")
    assert database.read(empty_db, "label_counts")  # labels visible to the registry's query
    records, _, _ = empty_db.execute_query(
        "MATCH (n:Entity {id: $id}) RETURN n.name AS name", id="roundtrip"
    )
    assert [r["name"] for r in records] == ["x"]


def test_uniqueness_is_enforced(empty_db: Driver) -> None:
    from patronage_graph import DatabaseError

    empty_db.execute_query("CREATE (:Entity:Source {id: 'dup'})")
    with pytest.raises(DatabaseError, match="already exists"), database.translate_errors():
        empty_db.execute_query("CREATE (:Entity:Source {id: 'dup'})")


def test_no_free_connection_in_time_is_unavailable_not_a_bad_request(
    neo4j_settings: Settings,
) -> None:
    """Every pooled connection held: the wait ends as DatabaseUnavailable (the API's 503)."""
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    one = create_driver(
        neo4j_settings.neo4j_uri,
        neo4j_settings.neo4j_user,
        neo4j_settings.neo4j_password.get_secret_value(),
        max_connection_pool_size=1,
        connection_acquisition_timeout=0.5,
    )
    try:
        with one.session(database=neo4j_settings.neo4j_database) as held:
            tx = held.begin_transaction()  # holds the pool's only connection
            try:
                tx.run("RETURN 1").consume()
                with pytest.raises(DatabaseUnavailable, match="gave no connection in time"):
                    database.read(one, "ping", database=neo4j_settings.neo4j_database)
            finally:
                tx.close()
        assert database.read(one, "ping", database=neo4j_settings.neo4j_database)
    finally:
        one.close()
