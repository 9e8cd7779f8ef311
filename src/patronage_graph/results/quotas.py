"""Answers about counts: quotas followed down the hierarchy, the layoff statistics."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ._base import Result, SourceRef

__all__ = ["LayoffStatistics", "QuotaFlow", "QuotaLevel", "Statistic"]


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
