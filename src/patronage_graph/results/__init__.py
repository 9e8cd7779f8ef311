"""Typed answers of the repository layer (:mod:`patronage_graph.queries`).

Every answer is a frozen pydantic model: the API serves it as JSON, the CLI prints
it, and notebooks turn it into tidy pandas DataFrames that keep the evidence::

    from patronage_graph.results import to_dataframe
    found = queries.node_workers(driver, city="wuhan")
    to_dataframe(found)                  # one row per worker
    to_dataframe(found, table="ties")    # one row per tie, with grade, quote, source ids

The models are grouped by topic, like :mod:`patronage_graph.queries`: ``geometry``
(node workers, chains), ``rules``, ``quotas``, ``structure``, ``evidence``; the base
class is in ``_base`` and the DataFrames in ``frames``. Import them from here.
"""

from __future__ import annotations

from ._base import Result, SourceRef, Tie
from .evidence import AuditTie, EvidenceCount
from .frames import table_rows, to_dataframe
from .geometry import (
    ChainHop,
    Dependency,
    NodeWorker,
    NodeWorkerPage,
    PatronageChain,
    PatronEffect,
    ScoreParts,
    SupporterBrief,
)
from .quotas import LayoffStatistics, QuotaFlow, QuotaLevel, Statistic
from .rules import BaseCriterion, BaseQualification, Eligibility, Support, WorkforceSummary
from .structure import (
    EntityDetail,
    GraphCounts,
    Neighbour,
    SearchHit,
    Subgraph,
    SubgraphNode,
    SubgraphRel,
)

__all__ = [
    "AuditTie",
    "BaseCriterion",
    "BaseQualification",
    "ChainHop",
    "Dependency",
    "Eligibility",
    "EntityDetail",
    "EvidenceCount",
    "GraphCounts",
    "LayoffStatistics",
    "Neighbour",
    "NodeWorker",
    "NodeWorkerPage",
    "PatronEffect",
    "PatronageChain",
    "QuotaFlow",
    "QuotaLevel",
    "Result",
    "ScoreParts",
    "SearchHit",
    "SourceRef",
    "Statistic",
    "Subgraph",
    "SubgraphNode",
    "SubgraphRel",
    "Support",
    "SupporterBrief",
    "Tie",
    "WorkforceSummary",
    "table_rows",
    "to_dataframe",
]
