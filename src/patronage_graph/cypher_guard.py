"""Researchers' own Cypher, run read-only and bounded (``POST /cypher``).

Three layers, each enough to stop a write on its own where it applies:

1. The query is first ``EXPLAIN``-ed (planned, not run) and the plan is walked:
   a query type other than ``r``, an operator that writes, changes the schema,
   administers the server, reads files or URLs (``LOAD CSV``), commits in batches
   (``CALL {..} IN TRANSACTIONS``), shows or terminates server state (``SHOW``,
   ``TERMINATE``), or calls a procedure outside a small read-only allow-list is
   refused with :class:`~patronage_graph.errors.UnsafeQueryError`.
2. The query then runs in a *read* transaction, so the server itself refuses any
   write that slipped past the plan check.
3. The transaction carries a timeout (Neo4j stops it server-side), at most
   ``max_rows + 1`` records are pulled (the rest are discarded unread) and the
   rows kept are bounded in serialized size; either cap flags ``truncated``.

Values come back as JSON: nodes, relationships and paths as objects, temporal
values as ISO strings, non-finite floats as strings ("NaN", "Infinity").

>>> _procedure_name("db.labels() :: (label :: STRING)")
'db.labels'
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import neo4j
from neo4j import Driver, ManagedTransaction
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

from .cypher_growth import check_plan_growth
from .database import translate_errors
from .errors import DatabaseError, UnsafeQueryError

__all__ = [
    "ALLOWED_PROCEDURES",
    "CypherResult",
    "check_plan",
    "run_readonly",
    "to_json",
]

#: Procedures a researcher may call: they read the schema or search an index.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
    }
)

# Operator families that write, lock, load files, batch-commit, administer or
# reveal server state. Matched as prefixes of the plan's operator names.
_REFUSED_OPERATORS = re.compile(
    r"^(Create|Merge|Set|Remove|Delete|DetachDelete|Foreach|SubqueryForeach|Lock|LoadCSV"
    r"|Transaction|Show|Terminate|Drop|Alter|Grant|Deny|Revoke|Administration|Assert"
    r"|Enable|Disable|Start|Stop|Rename|DoNothing|Wait|Log|Copy|Deallocate)"
)
_PROCEDURE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")

TruncatedBy = Literal["rows", "bytes"]


@dataclass(frozen=True)
class CypherResult:
    """Columns, rows (one list per record, aligned with columns) and truncation."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    truncated_by: TruncatedBy | None = None


def _procedure_name(details: str) -> str:
    match = _PROCEDURE.match(details)
    return match.group(1) if match else details.strip()


def _operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    yield name, plan.get("args") or {}
    for child in plan.get("children") or []:
        yield from _operators(child)


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse a planned query that is not a plain read (see the module docstring)."""
    if not plan:
        raise UnsafeQueryError("refused: Neo4j gave no plan for the query")
    for operator, args in _operators(plan):
        if str(args.get("runtime", "")).upper() in ("SCHEMA", "SYSTEM"):
            raise UnsafeQueryError(f"refused: {operator} is a schema or administration command")
        if operator == "ProcedureCall":
            procedure = _procedure_name(str(args.get("Details", "")))
            if procedure not in ALLOWED_PROCEDURES:
                allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
                raise UnsafeQueryError(
                    f"refused: procedure {procedure!r} is not on the read-only allow-list "
                    f"({allowed})"
                )
        elif _REFUSED_OPERATORS.match(operator):
            raise UnsafeQueryError(
                f"refused: the plan contains {operator}, which writes, reads files, "
                "batches transactions or administers the server"
            )
    if query_type != "r":  # the operators named nothing, but Neo4j says it is no plain read
        kinds = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or server"}
        what = kinds.get(str(query_type), f"is of type {query_type!r}")
        raise UnsafeQueryError(f"refused: the query {what}; only read queries may run here")
    check_plan_growth(str(args.get("Details", "")) for _, args in _operators(plan))


def to_json(value: Any) -> Any:
    """A JSON-safe rendering of any value the driver returns."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": [to_json(c) for c in value]}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, Node):
        props = {k: to_json(v) for k, v in value.items()}
        return {"elementId": value.element_id, "labels": sorted(value.labels), "properties": props}
    if isinstance(value, Relationship):
        return {
            "elementId": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    return str(value)


def _collect(
    result: neo4j.Result, max_rows: int, max_bytes: int
) -> tuple[list[list[Any]], TruncatedBy | None]:
    rows: list[list[Any]] = []
    size = 0
    for record in result:
        if len(rows) >= max_rows:
            return rows, "rows"
        row = [to_json(v) for v in record.values()]
        size += len(json.dumps(row, ensure_ascii=False)) + 1
        if size > max_bytes:
            return rows, "bytes"
        rows.append(row)
    return rows, None


def run_readonly(
    driver: Driver,
    text: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    database: str = "neo4j",
    timeout_s: float = 5.0,
    max_rows: int = 1000,
    max_bytes: int = 8_000_000,
) -> CypherResult:
    """Plan-check ``text``, then run it in a read transaction within the bounds.

    Raises :class:`UnsafeQueryError` for a refused query, and
    :class:`~patronage_graph.errors.DatabaseError` (with Neo4j's code) when Neo4j
    rejects or stops it, e.g. ``Neo.ClientError.Transaction.TransactionTimedOut...``.
    """
    params = dict(parameters or {})

    def work(tx: ManagedTransaction) -> CypherResult:
        # Plan without running: EXPLAIN is the only Cypher this module adds to the text.
        planned = tx.run(_EXPLAIN + text, params).consume()
        check_plan(planned.query_type, planned.plan)
        result = tx.run(text, params)
        columns = list(result.keys())
        rows, truncated_by = _collect(result, max_rows, max_bytes)
        return CypherResult(columns, rows, truncated_by is not None, truncated_by)

    try:
        with (
            translate_errors(),
            driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session,
        ):
            return session.execute_read(neo4j.unit_of_work(timeout=timeout_s)(work))
    except DatabaseError as e:
        if type(e) is DatabaseError and _EXPLAIN in str(e):
            raise DatabaseError(_unprefixed(str(e)), e.code) from e
        raise


_EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line 1, column (\d+) \(offset: (\d+)\)\)")


def _unprefixed(message: str) -> str:
    """Neo4j's error about ``EXPLAIN <query>``, with positions in the user's own text."""
    shift = len(_EXPLAIN)

    def position(m: re.Match[str]) -> str:
        column, offset = int(m.group(1)) - shift, int(m.group(2)) - shift
        return f"(line 1, column {max(column, 1)} (offset: {max(offset, 0)}))"

    lines = _POSITION.sub(position, message).split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + _EXPLAIN):
            lines[i] = '"' + line[1 + shift :]
            if i + 1 < len(lines) and lines[i + 1].startswith(" " * shift):
                lines[i + 1] = lines[i + 1][shift:]
            break
    return "\n".join(lines)
