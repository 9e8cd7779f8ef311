"""Typed answers of the repository layer (:mod:`patronage_graph.queries`).

Every answer is a frozen pydantic model: the API serves it as JSON, the CLI prints
it, and notebooks turn it into a pandas DataFrame::

    from patronage_graph.results import to_dataframe
    df = to_dataframe(queries.node_workers(driver, city="wuhan"))

pandas is an optional extra (``pip install 'patronage-graph[pandas]'``); it is
imported only when a DataFrame is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .errors import PatronageGraphError

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
    "PatronEffect",
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
    "to_dataframe",
]


class Result(BaseModel):
    """Base of every answer: immutable, JSON-ready via :meth:`to_dict`."""

    model_config = ConfigDict(frozen=True)

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain JSON-compatible Python values."""
        return self.model_dump(mode="json")

    def rows(self) -> list[dict[str, Any]]:
        """Flat rows for a table; answers holding lists override this."""
        return [self.to_dict()]


def to_dataframe(answer: Result | Sequence[Result]) -> Any:
    """A pandas DataFrame of one answer's rows or of a list of answers.

    Raises :class:`PatronageGraphError` when pandas is not installed.
    """
    try:
        # imported by name: pandas is optional and ships no type stubs
        pd = importlib.import_module("pandas")
    except ImportError as e:
        raise PatronageGraphError(
            "pandas is not installed: pip install 'patronage-graph[pandas]' to get DataFrames"
        ) from e
    rows = answer.rows() if isinstance(answer, Result) else [r for a in answer for r in a.rows()]
    return pd.DataFrame(rows)


class SourceRef(Result):
    """A piece of evidence, as cited on a hop."""

    id: str
    citation: str | None = None
    footnote: int | None = None
    date: str | None = None


class Tie(Result):
    """A relationship between two entities, with its evidence: grade, quote, sources."""

    start: str
    end: str
    type: str
    tie: str | None = None
    kind: str | None = None
    year: int | None = None
    evidence: str | None = None
    quote: str | None = None
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class AuditTie(Result):
    """One tie drawn for a reader to check: its ends, grade, quote, note and sources."""

    position: int
    id: str | None = None
    type: str
    tie: str | None = None
    start_id: str | None = None
    start_name: str | None = None
    end_id: str | None = None
    end_name: str | None = None
    evidence: str | None = None
    quote: str | None = None
    note: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class EvidenceCount(Result):
    """How many ties of one kind carry one grade."""

    tie: str
    grade: str
    count: int


class SupporterBrief(Result):
    """A patron of a node worker, its system and what it gave."""

    id: str
    name: str | None = None
    system: str | None = None
    level: str | None = None
    gave: list[str] = Field(default_factory=list)


class ScoreParts(Result):
    """The parts of a node worker's score (see docs/queries.md)."""

    levels_reached: int
    top_level: str | None = None
    systems: int
    sponsored_base: bool
    people_placed: int


class NodeWorker(Result):
    """A worker where the vertical and horizontal ties meet, with the evidence."""

    id: str
    name: str | None = None
    status: str | None = None
    score: float
    parts: ScoreParts
    vertical: bool
    horizontal: bool
    chain: list[str] = Field(default_factory=list)
    supporters: list[SupporterBrief] = Field(default_factory=list)
    #: The patronage ties that reach the worker or their ventures (each with its grade).
    patronage_ties: list[Tie] = Field(default_factory=list)
    #: The command line from the highest patron's office down to the patron.
    line_ties: list[Tie] = Field(default_factory=list)
    horizontal_ties: list[Tie] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    #: The weakest grade admitted in this answer (stated, general or inferred).
    evidence: str = "inferred"
    #: The strongest grade at which the worker is still at a node: the weakest grade
    #: a reader must admit to see this worker as a node worker.
    evidence_needed: str | None = None
    #: Of the patronage and horizontal ties counted, how many carry no year: they
    #: count for every ``as_of``, since nothing places them before or after it.
    undated_patronage_ties: int = 0
    undated_horizontal_ties: int = 0

    def rows(self) -> list[dict[str, Any]]:
        # One compact row; the chain and sources in full are in to_dict() / JSON.
        return [
            {
                "id": self.id,
                "status": self.status,
                "score": self.score,
                "evidence_needed": self.evidence_needed,
                **self.parts.to_dict(),
                "supporters": " ".join(s.id for s in self.supporters),
                "horizontal_ties": len(self.horizontal_ties),
                "sources": len(self.sources),
            }
        ]


class ChainHop(Result):
    """One hop of a patronage chain: from, to, type, tie kind, level, sources."""

    step: int
    from_id: str
    from_name: str | None = None
    to_id: str
    to_name: str | None = None
    type: str
    tie: str | None = None
    level: str | None = None
    evidence: str | None = None
    quote: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        d = self.to_dict()
        d["sources"] = ", ".join(s["id"] for s in d["sources"])
        return [d]


class Support(Result):
    """One act of support: who gave what to whom, when, on whose instruction."""

    supporter_id: str
    supporter_name: str | None = None
    system: str | None = None
    level: str | None = None
    target_id: str
    type: str
    kind: str | None = None
    amount: float | None = None
    unit: str | None = None
    year: int | None = None
    instructed_by: str | None = None
    instructed_by_name: str | None = None
    description: str | None = None
    evidence: str | None = None
    quote: str | None = None
    sources: list[str] = Field(default_factory=list)


class Eligibility(Result):
    """The chapter's xiagang conditions applied to one worker."""

    worker_id: str
    name: str | None = None
    status: str | None = None
    firm_id: str | None = None
    conditions: dict[str, bool | None]
    failed: list[str] = Field(default_factory=list)
    reason: str | None = None
    eligible: bool
    set: str
    category: str | None = None
    #: Why the May 1998 circular asks that this worker be spared dismissal
    #: (``national_labor_model``, ``provincial_labor_model``, ``disabled``); empty: none.
    protected: list[str] = Field(default_factory=list)
    #: The weakest grade of tie and fact admitted in this answer.
    evidence: str = "inferred"
    #: Ties read (job, centre, ventures, titles) that carry no year: they count for
    #: every ``as_of``, since nothing places them before or after it.
    undated_ties: int = 0

    def rows(self) -> list[dict[str, Any]]:
        d = self.to_dict()
        conditions = d.pop("conditions")
        d["failed"] = ", ".join(d["failed"])
        d["protected"] = ", ".join(d["protected"])
        return [{**d, **conditions}]


class WorkforceSummary(Result):
    """The workforce sorted into the chapter's three sets and never-counted categories."""

    as_of: int | None = None
    sets: dict[str, list[str]]
    categories: dict[str, list[str]]
    eligible: list[str]
    #: Over every worker judged, the ties read that carry no year (see Eligibility).
    undated_ties: int = 0


class BaseCriterion(Result):
    """One reemployment-base criterion, met or not, with the value seen and the rule."""

    name: str
    met: bool | None
    value: Any = None
    #: The bound the value is held to (``laid_off_share``: 0.6); None for yes/no criteria.
    threshold: float | None = None
    #: The criterion in words, as the chapter gives it (fn 54).
    rule: str = ""


class BaseQualification(Result):
    """The reemployment-base criteria applied to a venture."""

    venture_id: str
    name: str | None = None
    endorsed: bool
    endorsed_by: list[str] = Field(default_factory=list)
    #: True when every criterion is met, False when one fails, None (unknown) otherwise.
    qualifies: bool | None
    criteria: list[BaseCriterion]
    missing: list[str] = Field(default_factory=list)
    unknown: list[str] = Field(default_factory=list)
    #: The weakest grade of tie and fact admitted in this answer.
    evidence: str = "inferred"

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"venture_id": self.venture_id, **c.to_dict(), "qualifies": self.qualifies}
            for c in self.criteria
        ]


class QuotaLevel(Result):
    """One holder of a quota: what it received against what it passed down."""

    id: str
    name: str | None = None
    level: str | None = None
    depth: int
    received: float | None = None
    received_from: list[str] = Field(default_factory=list)
    allocated_down: float | None = None
    allocated_to: list[str] = Field(default_factory=list)
    difference: float | None = None
    status: str
    sources: list[str] = Field(default_factory=list)


class QuotaFlow(Result):
    """A quota kind and year followed down the hierarchy."""

    kind: str
    year: int | None = None
    levels: list[QuotaLevel]
    mismatches: list[str] = Field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [lvl.to_dict() for lvl in self.levels]


class Statistic(Result):
    """A published or derived count, with its sources."""

    id: str
    name: str | None = None
    measure: str
    value: float
    unit: str
    period: str
    reported_by: str | None = None
    derived: bool = False
    derived_from: list[str] = Field(default_factory=list)
    inputs: dict[str, float] = Field(default_factory=dict)
    #: Ids of what the figure counts: the ends of its MEASURES ties.
    measures: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class LayoffStatistics(Result):
    """The conflicting counts side by side, and the gaps derived from them."""

    counts: list[Statistic]
    gaps: list[Statistic]

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for s in [*self.counts, *self.gaps]:
            d = s.to_dict()
            d["sources"] = ", ".join(src["id"] for src in d["sources"])
            out.append(d)
        return out


class SubgraphNode(Result):
    id: str
    labels: list[str]
    properties: dict[str, Any] = Field(default_factory=dict)


class SubgraphRel(Result):
    id: str | None = None
    type: str
    tie: str | None = None
    start: str
    end: str
    sources: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)


class Subgraph(Result):
    """Nodes and relationships, ready for the network pages or networkx."""

    nodes: list[SubgraphNode]
    relationships: list[SubgraphRel]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in r.to_dict().items() if k != "properties"} for r in self.relationships
        ]


class PatronEffect(Result):
    """What removing one patron does to a worker's node status."""

    patron_id: str
    patron_name: str | None = None
    still_node: bool
    score_without: float | None = None


class Dependency(Result):
    """Which single patron's removal would cost the worker node status."""

    worker_id: str
    is_node: bool
    critical: list[str]
    effects: list[PatronEffect]

    def rows(self) -> list[dict[str, Any]]:
        return [{"worker_id": self.worker_id, **e.to_dict()} for e in self.effects]


class Neighbour(Result):
    """A neighbour of an entity, through one relationship."""

    id: str
    name: str | None = None
    labels: list[str] = Field(default_factory=list)
    type: str
    direction: str
    sources: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)


class EntityDetail(Result):
    """An entity's properties and its neighbours grouped by tie kind."""

    id: str
    labels: list[str]
    properties: dict[str, Any]
    neighbours: dict[str, list[Neighbour]]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"tie": tie, **{k: v for k, v in n.to_dict().items() if k != "properties"}}
            for tie, group in self.neighbours.items()
            for n in group
        ]


class SearchHit(Result):
    id: str
    name: str | None = None
    labels: list[str]
    score: float


class GraphCounts(Result):
    """How many nodes and relationships, by label, type and tie kind."""

    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]
    ties: dict[str, int]
