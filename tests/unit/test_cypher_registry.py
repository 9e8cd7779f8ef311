"""The query registry: every file parses, headers match bodies, duplicates refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from patronage_graph.cypher_registry import load_registry, registry
from patronage_graph.errors import QueryRegistryError
from patronage_graph.model import NODE_LABELS


def test_every_query_declares_exactly_the_params_it_uses() -> None:
    mismatched = {
        q.name: (sorted(q.params), sorted(q.used_params()))
        for q in registry()
        if set(q.params) != q.used_params()
    }
    assert mismatched == {}


def test_every_query_says_what_it_answers() -> None:
    assert [q.name for q in registry() if not q.description] == []


def test_the_registry_holds_the_schema_and_admin_queries() -> None:
    assert {"schema", "ping", "show_constraints", "wipe"} <= set(registry().names())


def test_duplicate_names_are_refused_with_both_places(tmp_path: Path) -> None:
    body = (
        "// name: twice\n// mode: read\n// params: none\n// returns: x\n// Says x.\nRETURN 1 AS x\n"
    )
    (tmp_path / "a.cypher").write_text(body)
    (tmp_path / "b.cypher").write_text(body)
    with pytest.raises(
        QueryRegistryError, match=r"b\.cypher:1: query 'twice' already defined at .*a\.cypher:1"
    ):
        load_registry(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("// name: q\n// params: none\n// returns: x\nRETURN 1", "lacks '// mode:'"),
        ("// name: q\n// mode: delete\n// params: none\n// returns: x\nRETURN 1", "mode must be"),
        ("// name: q\n// mode: read\n// params: none\n// returns: x\n", "has no body"),
        ("RETURN 1\n", "before the first"),
    ],
)
def test_malformed_headers_are_refused_with_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "bad.cypher").write_text(text)
    with pytest.raises(QueryRegistryError, match=message):
        load_registry(tmp_path)


def test_unknown_name_lists_what_exists() -> None:
    with pytest.raises(QueryRegistryError, match=r"no query named 'nope'; known: .*ping"):
        registry()["nope"]


def test_parameters_inside_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    (tmp_path / "q.cypher").write_text(
        "// name: q\n// mode: read\n// params: a\n// returns: x\n// Echo.\n"
        "// not a param: $b\nRETURN $a + '$c' AS x\n"
    )
    assert load_registry(tmp_path)["q"].used_params() == {"a"}


def test_template_slots_accept_only_whitelisted_identifiers(tmp_path: Path) -> None:
    (tmp_path / "t.cypher").write_text(
        "// name: t\n// mode: read\n// params: id\n// returns: n\n// template: label\n// Find.\n"
        "MATCH (n:{{label}} {id: $id}) RETURN n\n"
    )
    query = load_registry(tmp_path)["t"]
    allowed = {"label": NODE_LABELS}
    assert "MATCH (n:Worker {id: $id})" in query.render(allowed, label="Worker")
    with pytest.raises(QueryRegistryError, match="not an allowed label"):
        query.render(allowed, label="Worker) DETACH DELETE (n")
    with pytest.raises(QueryRegistryError, match="needs template slots"):
        query.render(allowed)


def test_schema_splits_into_one_statement_per_constraint_or_index() -> None:
    statements = registry()["schema"].statements()
    assert all(s.startswith("CREATE ") for s in statements)
    assert len([s for s in statements if "CONSTRAINT" in s]) == len(NODE_LABELS)
