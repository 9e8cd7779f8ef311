"""Query-parameter types shared by the routers: bounds and closed vocabularies.

Every bound is checked here, so a bad value is a 422 naming the parameter before
anything reaches Neo4j; the vocabularies come from the model registry.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query

from patronage_graph.model import (
    EVIDENCE_GRADES,
    NODE_LABELS,
    QUOTA_KINDS,
    TIE_KINDS,
    EvidenceGrade,
    TieKind,
)

__all__ = [
    "MAX_LIMIT",
    "AsOf",
    "CityFilter",
    "EntityId",
    "Evidence",
    "Label",
    "Limit",
    "MinSystems",
    "Offset",
    "QuotaKind",
    "TieKinds",
    "Year",
    "one_of",
]

#: Largest page any list endpoint returns.
MAX_LIMIT = 200
_ID = {"min_length": 1, "max_length": 200}


def one_of(values: Any) -> dict[str, Any]:
    """Pattern and schema enum for a closed vocabulary (a tuple of strings)."""
    names = sorted(values)
    return {
        "pattern": "^(" + "|".join(names) + ")$",
        "json_schema_extra": {"enum": names},
    }


EntityId = Annotated[str, Path(description="the entity's id (a readable slug)", **_ID)]
CityFilter = Annotated[str | None, Query(description="a city's Jurisdiction id, e.g. wuhan", **_ID)]
AsOf = Annotated[
    int | None, Query(ge=1949, le=2100, description="ignore what happened after this year")
]
MinSystems = Annotated[
    int, Query(ge=1, le=30, description="distinct systems that must support the worker")
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="rows to skip")]
Label = Annotated[
    str | None, Query(description="only entities with this label", **one_of(NODE_LABELS))
]
Evidence = Annotated[
    EvidenceGrade,
    Query(
        description="the weakest grade of tie admitted: "
        f"{', '.join(EVIDENCE_GRADES)} (inferred: every tie, each labelled with its grade)"
    ),
]
QuotaKind = Annotated[str, Query(description="which quota", **one_of(QUOTA_KINDS))]
Year = Annotated[int, Query(ge=1949, le=2100, description="the year of the quota")]
TieKinds = Annotated[
    list[TieKind] | None,
    Query(alias="tie", description=f"keep only these tie kinds (repeatable): {TIE_KINDS}"),
]
