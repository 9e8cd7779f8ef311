"""Every typed expansion in cypher/ (``-[r:A|B|C]->``) is a set the model names.

A query names in its ``// expands:`` header the tie kind (``model.rel_types_of``) or
the ``+``-joined ``model.REL_GROUPS`` each of its type lists stands for. A type added
to a tie kind then fails here until every query that follows the kind lists it.
"""

from __future__ import annotations

import re

import pytest

from patronage_graph import model
from patronage_graph.cypher_registry import Query, registry

# `[:A|B]`, `[r:A|B*1..3]`, `[r:A|:B {x: 1}]`: a relationship pattern over two types or more.
_TYPED_EXPANSION = re.compile(
    r"\[\s*(?:[A-Za-z_]\w*)?\s*:\s*([A-Z][A-Z0-9_]*(?:\s*\|\s*:?\s*[A-Z][A-Z0-9_]*)+)"
)
_STRINGS_AND_COMMENTS = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S
)


def typed_expansions(cypher: str) -> list[frozenset[str]]:
    """The type sets of the multi-type relationship patterns in ``cypher``."""
    code = _STRINGS_AND_COMMENTS.sub("''", cypher)
    return [
        frozenset(re.split(r"\s*\|\s*:?\s*", m.group(1))) for m in _TYPED_EXPANSION.finditer(code)
    ]


def mismatches(query: Query) -> list[str]:
    """What in ``query`` disagrees with the model: an expansion its header does not
    name, or a header entry no expansion follows."""
    where = f"{query.path.name} {query.name}"
    declared = {entry: model.rel_types_named(entry) for entry in query.expands}
    found = typed_expansions(query.text)
    named = "; ".join(f"{entry} = {_spelled(types)}" for entry, types in declared.items())
    problems = [
        f"{where}: [:{_spelled(types)}] is none of its `// expands:` ({named or 'none'})"
        for types in found
        if types not in declared.values()
    ]
    problems += [
        f"{where}: `// expands: {entry}` but no pattern follows {_spelled(types)}"
        for entry, types in declared.items()
        if types not in found
    ]
    return problems


def _spelled(types: frozenset[str]) -> str:
    return "|".join(sorted(types))


def test_every_typed_expansion_follows_a_set_named_in_its_header() -> None:
    assert [p for q in registry() for p in mismatches(q)] == []


def test_the_check_reads_the_patterns_a_query_writes() -> None:
    chain = registry()["patronage_chain"]
    assert model.rel_types_named("patronage") in typed_expansions(chain.text)
    assert typed_expansions("MATCH (a)-[r:A|:B*1..3 {x: 'C|D'}]->(b) // [:E|F]") == [
        frozenset({"A", "B"})
    ]


def test_a_patronage_type_added_to_the_model_fails_until_the_cypher_lists_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    promoted = model.RelType(
        "PROMOTED", "patronage", "Put up for a post.", ("Person",), ("Person",)
    )
    monkeypatch.setitem(model.REL_TYPES, "PROMOTED", promoted)
    stale = {q.name for q in registry() for p in mismatches(q) if "RECOMMENDED" in p}
    assert {"node_workers", "patronage_chain", "supporters", "cookbook_patrons_of_stars"} <= stale


def test_a_query_naming_an_unknown_group_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown tie kind or relationship group 'jobs'"):
        model.rel_types_named("venture+jobs")


def test_every_group_is_a_proper_subset_of_the_model_that_a_query_uses() -> None:
    kinds = {frozenset(model.rel_types_of(kind)) for kind in model.TIE_KINDS}
    used = {part for q in registry() for entry in q.expands for part in entry.split("+")}
    for group in model.REL_GROUPS.values():
        assert set(group.types) <= set(model.REL_TYPES), group.name
        assert frozenset(group.types) not in kinds, f"{group.name}: name the tie kind instead"
        assert group.name in used, f"{group.name}: no query follows it"
        assert group.why, group.name
