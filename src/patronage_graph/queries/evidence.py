"""Evidence a reader can check: a seeded sample of ties to verify by eye, grade counts.

``patronage-graph audit --sample N --seed S`` prints :func:`audit_sample`;
``patronage-graph check`` adds :func:`evidence_counts` to its integrity table.
"""

from __future__ import annotations

import random

from neo4j import Driver

from ..errors import PatronageGraphError
from ..results import AuditTie, EvidenceCount
from ._common import Evidence, grades_for, read_rows

__all__ = ["audit_sample", "evidence_counts"]


def audit_sample(
    driver: Driver,
    *,
    sample: int = 30,
    seed: int = 1,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> list[AuditTie]:
    """``sample`` ties drawn at random (reproducibly: the same ``seed`` and data give the
    same ties), each with its type, ends, grade, quote, note and cited sources.

    The ties are listed in the order of their stable ids and drawn in Python with
    :class:`random.Random` (``seed``), so the sample does not depend on how Neo4j
    stores them. ``evidence`` limits the draw to ties of that grade or stronger.
    """
    if not 1 <= sample <= 10_000:
        raise PatronageGraphError(f"sample must be between 1 and 10000, got {sample}")
    handles = [
        r["handle"]
        for r in read_rows(driver, "audit_tie_handles", {"grades": grades_for(evidence)}, database)
    ]
    picked = random.Random(seed).sample(handles, min(sample, len(handles)))
    if not picked:
        return []
    return [AuditTie(**r) for r in read_rows(driver, "audit_ties", {"handles": picked}, database)]


def evidence_counts(driver: Driver, *, database: str = "neo4j") -> list[EvidenceCount]:
    """How many ties of each kind carry each grade (one row per kind and grade)."""
    return [EvidenceCount(**r) for r in read_rows(driver, "evidence_counts", {}, database)]
