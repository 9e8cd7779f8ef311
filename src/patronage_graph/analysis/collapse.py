"""Collapse the multigraph read from Neo4j into the simple graphs measures need.

Between two actors the graph may hold many relationships (a bureau supervises a
firm, allocates it a quota and sends it a name list). Brokerage and betweenness
ask only whether a tie exists; Burt's measures weigh a contact by how much of an
actor's relations go to it. Both collapses count the relationships they merge in
the edge attribute ``weight``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import networkx as nx

__all__ = ["MUTUAL_TYPES", "to_digraph", "to_graph"]

#: Relationship types that mean the same thing read in either direction. The loader
#: stores a collaboration once (``a -[:COLLABORATES_WITH]-> b``); as a directed tie
#: it runs both ways.
MUTUAL_TYPES: tuple[str, ...] = ("COLLABORATES_WITH",)


def to_digraph(
    G: Any,
    *,
    tie_kinds: Collection[str] | None = None,
    mutual_types: Collection[str] = MUTUAL_TYPES,
) -> nx.DiGraph:
    """A simple directed graph: ``u -> v`` when some relationship runs ``u -> v``.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.MultiDiGraph
        Edges may carry ``tie`` (tie kind) and ``type`` (relationship type).
    tie_kinds : collection of str, optional
        Keep only edges whose ``tie`` is one of these; ``None`` keeps every edge.
    mutual_types : collection of str
        Edges of these ``type`` s are added in both directions.

    Returns
    -------
    networkx.DiGraph
        Every node of ``G`` with its attributes; no self-loops; ``weight`` = number
        of relationships merged into the edge.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_edge("bureau", "firm", tie="vertical", type="SUPERVISES")
    0
    >>> M.add_edge("bureau", "firm", tie="vertical", type="SENDS_LIST")
    1
    >>> M.add_edge("union", "bureau", tie="horizontal", type="COLLABORATES_WITH")
    0
    >>> D = to_digraph(M)
    >>> D["bureau"]["firm"]["weight"], D.has_edge("bureau", "union")
    (2, True)
    >>> sorted(to_digraph(M, tie_kinds=["horizontal"]).edges)
    [('bureau', 'union'), ('union', 'bureau')]
    """
    if not G.is_directed():
        raise nx.NetworkXNotImplemented("to_digraph needs a directed graph")
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes(data=True))
    mutual = set(mutual_types)
    for u, v, data in _kept_edges(G, tie_kinds):
        _count(H, u, v)
        if data.get("type") in mutual:
            _count(H, v, u)
    return H


def to_graph(G: Any, *, tie_kinds: Collection[str] | None = None) -> nx.Graph:
    """A simple undirected graph; ``weight`` counts relationships in both directions.

    Examples
    --------
    >>> M = nx.MultiDiGraph()
    >>> M.add_edge("a", "b", tie="patronage")
    0
    >>> M.add_edge("b", "a", tie="employment")
    0
    >>> to_graph(M)["a"]["b"]["weight"], to_graph(M, tie_kinds=["patronage"])["a"]["b"]["weight"]
    (2, 1)
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, _ in _kept_edges(G, tie_kinds):
        _count(H, u, v)
    return H


def _kept_edges(G: Any, tie_kinds: Collection[str] | None) -> Any:
    kinds = None if tie_kinds is None else set(tie_kinds)
    for u, v, data in G.edges(data=True):
        if u != v and (kinds is None or data.get("tie") in kinds):
            yield u, v, data


def _count(H: Any, u: Any, v: Any) -> None:
    if H.has_edge(u, v):
        H[u][v]["weight"] += 1
    else:
        H.add_edge(u, v, weight=1)
