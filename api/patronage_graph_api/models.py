"""Response and request models that belong to the API alone.

Answers of the repository layer are served with their own models from
:mod:`patronage_graph.results`; these cover health, errors and ``/cypher``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from patronage_graph.cypher_guard import MAX_NESTING, parameter_problem, query_problem

__all__ = [
    "CypherIn",
    "CypherOut",
    "CypherWarningOut",
    "ErrorOut",
    "HealthOut",
    "Neo4jStatus",
    "Responses",
    "Totals",
    "not_found",
]

_MAX_PARAM_DEPTH = 16


class ErrorOut(BaseModel):
    """Every error the API answers with (besides 422, which lists the bad fields)."""

    detail: str
    code: str | None = Field(default=None, description="Neo4j's status code, when it has one")


Responses = dict[int | str, dict[str, Any]]


def not_found(kind: str) -> Responses:
    """The OpenAPI entry of a 404 for an unknown id of ``kind``."""
    return {404: {"model": ErrorOut, "description": f"no {kind} with that id"}}


class Neo4jStatus(BaseModel):
    available: bool
    database: str
    name: str | None = None
    version: str | None = None
    edition: str | None = None


class Totals(BaseModel):
    nodes: int
    relationships: int


class HealthOut(BaseModel):
    status: Literal["ok", "unavailable"]
    version: str = Field(description="the API's version")
    neo4j: Neo4jStatus
    counts: Totals | None = None


def _depth(value: Any, level: int = 0) -> int:
    if level > _MAX_PARAM_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


class CypherIn(BaseModel):
    """A researcher's own read query and its parameters."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (w:Worker {id: $id})<-[r {tie: 'patronage'}]-(p) "
                    "RETURN p.name AS patron, type(r) AS how",
                    "parameters": {"id": "star-firegate-manager"},
                }
            ]
        },
    )

    query: str = Field(
        min_length=1,
        max_length=20_000,
        description=f"one Cypher statement, nested at most {MAX_NESTING} levels deep",
    )
    parameters: dict[str, Any] = Field(
        default_factory=dict,
        description="values for $names (integers within 64 bits, text without lone surrogates)",
    )

    @field_validator("query")
    @classmethod
    def _sendable(cls, value: str) -> str:
        problem = query_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("parameters")
    @classmethod
    def _not_too_deep(cls, value: dict[str, Any]) -> dict[str, Any]:
        if _depth(value) > _MAX_PARAM_DEPTH:
            raise ValueError(f"parameters nest deeper than {_MAX_PARAM_DEPTH} levels")
        problem = parameter_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class CypherWarningOut(BaseModel):
    """A warning Neo4j gave about the query, e.g. a label that is not in the database."""

    code: str = Field(description="Neo4j's GQL status code, e.g. 01N50 (unknown label)")
    category: str = Field(description="e.g. UNRECOGNIZED, DEPRECATION, PERFORMANCE")
    message: str
    line: int | None = Field(default=None, description="where in the query (1-based)")
    column: int | None = None


class CypherOut(BaseModel):
    """Columns, one list per row aligned with them, and whether rows were cut off."""

    columns: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool
    truncated_by: Literal["rows", "bytes"] | None = Field(
        default=None, description="which cap cut the result: the row cap or the size cap"
    )
    warnings: list[CypherWarningOut] = Field(
        default_factory=list,
        description="Neo4j's warnings about the query (why an answer may be empty)",
    )
