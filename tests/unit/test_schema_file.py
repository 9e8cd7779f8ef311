"""cypher/schema.cypher holds a uniqueness constraint on `id` for every label of the model."""

from __future__ import annotations

import re

from patronage_graph import model
from patronage_graph.cypher_registry import registry

_UNIQUE = re.compile(
    r"CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", re.I
)


def constrained_labels() -> dict[str, str]:
    return {
        label: name
        for statement in registry()["schema"].statements()
        for name, label in _UNIQUE.findall(statement)
    }


def test_every_model_label_has_a_unique_id_constraint() -> None:
    missing = sorted(set(model.NODE_LABELS) - set(constrained_labels()))
    assert not missing, f"add to cypher/schema.cypher a unique id constraint for {missing}"


def test_no_constraint_names_a_label_outside_the_model() -> None:
    extra = sorted(set(constrained_labels()) - set(model.NODE_LABELS))
    assert not extra, f"cypher/schema.cypher constrains labels the model lacks: {extra}"


def test_every_schema_statement_is_repeatable() -> None:
    for statement in registry()["schema"].statements():
        assert "IF NOT EXISTS" in statement, statement
