"""The pyramid and the teams of a city, one entity in detail, search and counts."""

from __future__ import annotations

import re
from typing import Any

from neo4j import Driver

from ..errors import NotFoundError, PatronageGraphError
from ..model import NODE_LABELS, REL_TYPES
from ..results import EntityDetail, GraphCounts, Neighbour, SearchHit, Subgraph
from ._common import read_rows, require_entity

__all__ = ["entity", "escape_lucene", "graph_counts", "hierarchy", "horizontal_team", "search"]

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_WORD = re.compile(r"\S+")


def _plain(value: Any) -> Any:
    """Neo4j temporal values become ISO strings so every answer is JSON-ready."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _subgraph(driver: Driver, name: str, city: str, database: str) -> Subgraph:
    require_entity(driver, city, "city", "Jurisdiction", database)
    row = read_rows(driver, name, {"city": city}, database)[0]
    return Subgraph(
        nodes=[_plain(n) for n in row["nodes"]],
        relationships=[{**_plain(r), "sources": r["sources"] or []} for r in row["relationships"]],
    )


def hierarchy(driver: Driver, *, city: str, database: str = "neo4j") -> Subgraph:
    """The command pyramid of a city (jurisdiction id) as nodes and vertical ties."""
    return _subgraph(driver, "city_hierarchy", city, database)


def horizontal_team(driver: Driver, *, city: str, database: str = "neo4j") -> Subgraph:
    """The horizontal teams of a city: collaboration, membership and chairing ties."""
    return _subgraph(driver, "city_horizontal_team", city, database)


def entity(
    driver: Driver, *, entity_id: str, max_neighbours: int = 500, database: str = "neo4j"
) -> EntityDetail:
    """An entity's properties and its neighbours grouped by tie kind, with sources."""
    rows = read_rows(
        driver,
        "entity_detail",
        {"entity_id": entity_id, "max_neighbours": max_neighbours},
        database,
    )
    if not rows:
        raise NotFoundError("entity", entity_id)
    row = rows[0]
    groups: dict[str, list[Neighbour]] = {}
    for n in row["neighbours"]:
        tie = n.pop("tie") or "unknown"
        n["sources"] = n["sources"] or []
        groups.setdefault(tie, []).append(Neighbour(**_plain(n)))
    return EntityDetail(
        id=row["id"], labels=row["labels"], properties=_plain(row["properties"]), neighbours=groups
    )


def escape_lucene(text: str) -> str:
    """User text as a safe Lucene query: every word required, whole or as a prefix.

    Lucene's special characters separate words instead of being parsed, and words
    are lower-cased so that ``AND``/``OR``/``NOT`` typed by a user are plain words.
    """
    words = _WORD.findall(_LUCENE_SPECIAL.sub(" ", text).lower())
    return " AND ".join(f"({w} OR {w}*)" for w in words)


def search(
    driver: Driver,
    *,
    q: str,
    label: str | None = None,
    limit: int = 20,
    database: str = "neo4j",
) -> list[SearchHit]:
    """Entities whose name, Chinese name or note matches ``q`` (full-text, ranked)."""
    if label is not None and label not in NODE_LABELS:
        raise PatronageGraphError(f"unknown label {label!r}; one of {', '.join(NODE_LABELS)}")
    if not 1 <= limit <= 1000:
        raise PatronageGraphError(f"limit must be between 1 and 1000, got {limit}")
    query = escape_lucene(q)
    if not query:
        return []
    rows = read_rows(
        driver, "search_entities", {"q": query, "label": label, "limit": limit}, database
    )
    return [SearchHit(**r) for r in rows]


def graph_counts(driver: Driver, *, database: str = "neo4j") -> GraphCounts:
    """Node and relationship counts by label, type and tie kind (from the count store)."""
    row = read_rows(driver, "graph_counts", {}, database)[0]
    types = {t["type"]: t["count"] for t in row["types"] if t["count"]}
    ties: dict[str, int] = {}
    for name, count in types.items():
        tie = REL_TYPES[name].tie if name in REL_TYPES else "unknown"
        ties[tie] = ties.get(tie, 0) + count
    return GraphCounts(
        nodes=row["nodes"] or 0,
        relationships=row["relationships"] or 0,
        labels={x["label"]: x["count"] for x in row["labels"] if x["count"]},
        types=types,
        ties=ties,
    )
