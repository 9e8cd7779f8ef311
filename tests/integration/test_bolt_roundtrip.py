"""Write and read through Bolt on the server the test command started."""

from __future__ import annotations

import pytest
from neo4j import Driver

from patronage_graph import apply_schema, database
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
