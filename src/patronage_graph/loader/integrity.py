"""The acceptance checks of a loaded graph: sourced ties, nothing outside the model.

The parameters come from :mod:`patronage_graph.model`, so the queries in
``cypher/integrity.cypher`` follow any change to the ontology.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from pydantic import BaseModel

from .. import database as db
from .. import model

__all__ = ["IntegrityFinding", "IntegrityReport", "check_integrity"]


class IntegrityFinding(BaseModel):
    """How many graph elements break one rule, with up to 20 examples."""

    check: str
    count: int
    sample: list[str]


class IntegrityReport(BaseModel):
    findings: list[IntegrityFinding]

    @property
    def ok(self) -> bool:
        return all(f.count == 0 for f in self.findings)


def _model_params() -> dict[str, dict[str, Any]]:
    labels = list(model.NODE_LABELS)
    node_props = {
        name: sorted({p.name for p in label.props} | {"id"})
        for name, label in model.NODE_LABELS.items()
    }
    required = {
        name: [p.name for p in label.props if p.required]
        for name, label in model.NODE_LABELS.items()
    }
    rel_props = {name: sorted({*model.rel_props(name), "tie", "id"}) for name in model.REL_TYPES}
    return {
        "integrity_unsourced_relationships": {},
        "integrity_nodes_outside_model": {
            "labels": labels,
            "node_props": node_props,
            "required": required,
        },
        "integrity_relationships_outside_model": {
            "ties": {n: r.tie for n, r in model.REL_TYPES.items()},
            "rel_props": rel_props,
            "starts": {n: list(r.start) for n, r in model.REL_TYPES.items()},
            "ends": {n: list(r.end) for n, r in model.REL_TYPES.items()},
        },
    }


def check_integrity(driver: Driver, *, database: str = "neo4j") -> IntegrityReport:
    """Run every integrity query; ``report.ok`` when the graph fits the model."""
    findings = []
    for name, params in _model_params().items():
        row = db.read(driver, name, params, database=database)[0]
        findings.append(
            IntegrityFinding(
                check=name.removeprefix("integrity_"),
                count=row["count"],
                sample=list(row["sample"]),
            )
        )
    return IntegrityReport(findings=findings)
