"""Answers about the graph itself: entities, neighbours, search hits, subgraphs, counts."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ._base import Result

__all__ = [
    "EntityDetail",
    "GraphCounts",
    "Neighbour",
    "SearchHit",
    "Subgraph",
    "SubgraphNode",
    "SubgraphRel",
]


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
