"""Any graph-shaped result -> the project's graph contract (a ``networkx.MultiDiGraph``).

Two shapes arrive here:

* rows of a Cypher result, as the driver returns them (``neo4j.graph.Node``,
  ``Relationship``, ``Path``) or as ``POST /cypher`` serializes them
  (``{"elementId", "labels", "properties"}`` for a node, ``{"elementId", "type",
  "start", "end", "properties"}`` for a relationship, ``{"nodes", "relationships"}``
  for a path), nested in lists and maps at any depth;
* a :class:`patronage_graph.results.Subgraph` (or its ``to_dict()``).

Nodes are keyed by their ``id`` property (the element id when they have none);
relationships whose two ends are not both in the result are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from ..cypher_guard import to_json
from ..queries.graph import records_to_graph

__all__ = ["graph_from_rows", "graph_from_subgraph"]


def _walk(value: Any, nodes: dict[str, Mapping[str, Any]], rels: list[Mapping[str, Any]]) -> None:
    if isinstance(value, list | tuple):
        for item in value:
            _walk(item, nodes, rels)
    elif isinstance(value, Mapping):
        if "elementId" in value and "labels" in value:
            nodes[str(value["elementId"])] = value
        elif "elementId" in value and {"type", "start", "end"} <= value.keys():
            rels.append(value)
        else:
            for item in value.values():
                _walk(item, nodes, rels)


def graph_from_rows(rows: Iterable[Any]) -> nx.MultiDiGraph:
    """The nodes and relationships found anywhere in ``rows`` of a Cypher result.

    >>> row = {"p": {"nodes": [
    ...     {"elementId": "4:a:1", "labels": ["Entity", "Organization", "MassOrganization"],
    ...      "properties": {"id": "union", "name": "Trade union"}},
    ...     {"elementId": "4:a:2", "labels": ["Entity", "Person", "Worker"],
    ...      "properties": {"id": "star", "name": "A model worker"}}],
    ...   "relationships": [{"elementId": "5:a:9", "type": "SPONSORS", "start": "4:a:1",
    ...      "end": "4:a:2", "properties": {"sources": ["s1"]}}]}}
    >>> G = graph_from_rows([row])
    >>> sorted(G.nodes), G.edges["union", "star", "5:a:9"]["tie"]
    (['star', 'union'], 'patronage')
    """
    nodes: dict[str, Mapping[str, Any]] = {}
    rels: list[Mapping[str, Any]] = []
    _walk(to_json(list(rows)), nodes, rels)
    key = {eid: str(n["properties"].get("id") or eid) for eid, n in nodes.items()}
    return records_to_graph(
        (
            {"id": key[eid], "labels": n["labels"], "props": n["properties"]}
            for eid, n in nodes.items()
        ),
        (
            {
                "id": str(r["properties"].get("id") or r["elementId"]),
                "type": r["type"],
                "start": key.get(str(r["start"]), str(r["start"])),
                "end": key.get(str(r["end"]), str(r["end"])),
                "props": r["properties"],
            }
            for r in rels
        ),
    )


def graph_from_subgraph(subgraph: Any) -> nx.MultiDiGraph:
    """A :class:`~patronage_graph.results.Subgraph` (model or dict) as a contract graph."""
    data = subgraph.to_dict() if hasattr(subgraph, "to_dict") else dict(subgraph)
    rels = []
    for i, r in enumerate(data.get("relationships", [])):
        props = {**r.get("properties", {}), "sources": r.get("sources", [])}
        if r.get("tie"):
            props["tie"] = r["tie"]
        rel_id = r.get("id") or f"{r['start']}-{r['type']}-{r['end']}-{i}"
        rels.append(
            {"id": rel_id, "type": r["type"], "start": r["start"], "end": r["end"], "props": props}
        )
    nodes = (
        {"id": n["id"], "labels": n["labels"], "props": n.get("properties", {})}
        for n in data.get("nodes", [])
    )
    return records_to_graph(nodes, rels)
