"""The plan check of POST /cypher, on plans shaped like Neo4j 5.26's (no server needed)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from patronage_graph.cypher_guard import ALLOWED_PROCEDURES, check_plan, to_json
from patronage_graph.errors import UnsafeQueryError


def plan(*operators: str, details: str = "", runtime: str = "SLOTTED") -> dict[str, Any]:
    """A linear plan: ProduceResults over the given operators, innermost last."""
    node: dict[str, Any] | None = None
    for op in reversed(operators):
        node = {
            "operatorType": f"{op}@neo4j",
            "args": {"Details": details},
            "children": [node] if node else [],
        }
    return {
        "operatorType": "ProduceResults@neo4j",
        "args": {"runtime": runtime},
        "children": [node] if node else [],
    }


def test_a_plain_read_passes() -> None:
    check_plan("r", plan("Limit", "Expand(All)", "NodeByLabelScan"))


@pytest.mark.parametrize(
    "operator",
    [
        "Create",
        "Merge",
        "SetProperty",
        "SetLabels",
        "RemoveLabels",
        "Delete",
        "DetachDelete",
        "Foreach",
        "SubqueryForeach",
        "LoadCSV",
        "TransactionApply",
        "TransactionForeach",
        "ShowSettings",
        "ShowTransactions",
        "TerminateTransactions",
        "LockNodes",
    ],
)
def test_writing_loading_and_admin_operators_are_refused_even_in_a_read(operator: str) -> None:
    with pytest.raises(UnsafeQueryError, match=operator):
        check_plan("r", plan("Projection", operator, "AllNodesScan"))


@pytest.mark.parametrize("query_type", ["w", "rw", "s", None])
def test_only_read_query_types_pass(query_type: str | None) -> None:
    with pytest.raises(UnsafeQueryError, match="only read queries"):
        check_plan(query_type, plan("AllNodesScan"))


def test_schema_and_system_runtimes_are_refused() -> None:
    with pytest.raises(UnsafeQueryError, match="schema or administration"):
        check_plan("r", {"operatorType": "CreateIndex@neo4j", "args": {"runtime": "SCHEMA"}})
    with pytest.raises(UnsafeQueryError, match="schema or administration"):
        check_plan(
            "r", {"operatorType": "AdministrationCommand@system", "args": {"runtime": "SYSTEM"}}
        )


def test_procedures_pass_only_from_the_allow_list() -> None:
    for name in ALLOWED_PROCEDURES:
        check_plan("r", plan("ProcedureCall", details=f"{name}($a) :: (x :: STRING)"))
    for name in ("db.createLabel", "dbms.listConfig", "db.awaitIndexes", "apoc.load.json"):
        with pytest.raises(UnsafeQueryError, match=name.replace(".", r"\.")):
            check_plan("r", plan("ProcedureCall", details=f"{name}() :: ()"))


def test_a_missing_plan_is_refused() -> None:
    with pytest.raises(UnsafeQueryError):
        check_plan("r", None)


def test_values_become_json() -> None:
    assert to_json([1, 2.5, math.nan, math.inf, -math.inf, None, "x", b"\x00\xff"]) == [
        1,
        2.5,
        "NaN",
        "Infinity",
        "-Infinity",
        None,
        "x",
        "AP8=",
    ]
    assert to_json({"a": (1, 2)}) == {"a": [1, 2]}


def test_syntax_error_positions_point_into_the_users_own_text() -> None:
    from patronage_graph.cypher_guard import _unprefixed

    neo4j_message = (
        "Invalid input '': expected an expression (line 1, column 25 (offset: 24))\n"
        '"EXPLAIN MATCH (n) RETURN"\n'
        "                         ^"
    )
    assert _unprefixed(neo4j_message) == (
        "Invalid input '': expected an expression (line 1, column 17 (offset: 16))\n"
        '"MATCH (n) RETURN"\n'
        "                 ^"
    )
