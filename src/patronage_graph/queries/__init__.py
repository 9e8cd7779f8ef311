"""The repository layer: one keyword-only function per query, typed answers.

Every function takes a :class:`neo4j.Driver` and a ``database`` name, runs a named
query from ``cypher/`` and returns models from :mod:`patronage_graph.results`.
The CLI (``patronage-graph query``) and the HTTP API call these same functions::

    from patronage_graph import queries
    for w in queries.node_workers(driver, city="wuhan"):
        print(w.id, w.score, w.parts.systems)
"""

from __future__ import annotations

from .evidence import audit_sample, evidence_counts
from .geometry import dependency, node_workers, patronage_chain
from .quotas import layoff_statistics, quota_flow
from .rules import (
    base_qualification,
    supporters,
    workforce_summary,
    xiagang_eligibility,
)
from .structure import entity, graph_counts, hierarchy, horizontal_team, search

__all__ = [
    "audit_sample",
    "base_qualification",
    "dependency",
    "entity",
    "evidence_counts",
    "graph_counts",
    "hierarchy",
    "horizontal_team",
    "layoff_statistics",
    "node_workers",
    "patronage_chain",
    "quota_flow",
    "search",
    "supporters",
    "workforce_summary",
    "xiagang_eligibility",
]
