"""Every cookbook query (cypher/cookbook/*.cypher) runs against the seed and answers.

The cookbook is what researchers copy from: each query must run on the seed and
return rows, since the seed codes something for every question it asks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from patronage_graph import database
from patronage_graph.cypher_registry import registry

pytestmark = pytest.mark.integration

COOKBOOK = sorted(q.name for q in registry() if q.path.parent.name == "cookbook")
#: Values for the cookbook queries that take parameters.
PARAMS = {
    "worker_id": "star-firegate-manager",
    "grades": ["stated", "general"],
    "entity_id": "venture-firegate",
    "source_id": "src-fn62-wuhan-models",
}


def test_the_cookbook_has_at_least_fifteen_queries() -> None:
    assert len(COOKBOOK) >= 15
    assert all(registry()[name].mode == "read" for name in COOKBOOK)


def test_every_cookbook_query_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "queries.md").read_text()
    assert [name for name in COOKBOOK if name not in docs] == []


@pytest.mark.parametrize("name", COOKBOOK)
def test_cookbook_query_answers_on_the_seed(seeded: Driver, name: str) -> None:
    query = registry()[name]
    rows = database.read(seeded, query, {p: PARAMS[p] for p in query.params})
    assert rows, f"{name} returned no rows on the seed"
    assert list(rows[0].keys()) == list(query.returns)


def test_a_tie_reaches_its_sources_and_a_source_the_ties_citing_it(seeded: Driver) -> None:
    """The two evidence queries agree with each other both ways on the seed."""
    source = PARAMS["source_id"]
    citing = database.read(seeded, "cookbook_ties_citing_source", {"source_id": source})
    assert len(citing) >= 3 and all(r["evidence"] for r in citing)
    for row in citing:
        back = database.read(seeded, "cookbook_tie_sources", {"entity_id": row["start"]})
        assert (row["tie"], source) in {(b["tie"], b["source"]) for b in back}, row["tie"]
    firegate = database.read(seeded, "cookbook_tie_sources", {"entity_id": "venture-firegate"})
    assert firegate and all(r["citation"] for r in firegate)
    assert any(r["type"] == "SPONSORS" and r["start"] == "wuhan-trade-union" for r in firegate)
