"""The one way analytics and network pages read a subgraph out of Neo4j.

The graph contract every consumer relies on (a ``networkx.MultiDiGraph``):

* node key = the node's ``id``; node attributes ``labels`` (list of str),
  ``label`` (the most specific label of the model), ``name`` and every property;
* edge key = the relationship's ``id``; edge attributes ``type``, ``tie``,
  ``sources`` (list of str) and every property.

Which nodes a city's subgraph holds is documented in ``cypher/analytics.cypher``
and ``docs/analytics.md``: the city's jurisdictions and the organizations located in
them, plus their direct neighbours through the selected tie kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

import neo4j
import networkx as nx
from neo4j import Driver

from ..database import read as run_read
from ..errors import NotFoundError, PatronageGraphError
from ..model import NODE_LABELS, REL_TYPES, TIE_KINDS, ancestry

__all__ = ["ACTOR_LABELS", "read_subgraph", "records_to_graph"]

#: Labels of the actors whose network the analytics measure: organizations and people
#: (not jurisdictions, policies, statistics or sources).
ACTOR_LABELS: tuple[str, ...] = ("Organization", "Person")

_ORDER = {name: index for index, name in enumerate(NODE_LABELS)}


def read_subgraph(
    driver: Driver,
    *,
    city: str | None = None,
    tie_kinds: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    database: str = "neo4j",
) -> nx.MultiDiGraph:
    """Read the whole graph, or one city's subgraph, into a ``MultiDiGraph``.

    Parameters
    ----------
    driver : neo4j.Driver
        An open driver.
    city : str, optional
        Id of a ``Jurisdiction {level: 'city'}``; ``None`` reads the whole graph.
    tie_kinds : collection of str, optional
        Keep only relationships of these tie kinds (``vertical``, ``horizontal``,
        ``patronage``, ``employment``); ``None`` keeps all.
    labels : collection of str, optional
        Keep only nodes carrying one of these labels (e.g. :data:`ACTOR_LABELS`);
        ``None`` keeps all.
    database : str
        Name of the Neo4j database.

    Returns
    -------
    networkx.MultiDiGraph
        The subgraph, following the contract in the module docstring.

    Raises
    ------
    NotFoundError
        ``city`` names no city.
    PatronageGraphError
        ``tie_kinds`` holds something that is not a tie kind.
    """
    params: dict[str, Any] = {
        "labels": _list_or_none(labels),
        "tie_kinds": check_tie_kinds(tie_kinds),
    }
    if city is None:
        node_query, rel_query = "analytics_graph_nodes", "analytics_graph_relationships"
        node_params: dict[str, Any] = {"labels": params["labels"]}
    else:
        if not _read(driver, "analytics_city", {"city": city}, database):
            raise NotFoundError("city", city)
        node_query, rel_query = "analytics_city_nodes", "analytics_city_relationships"
        params["city"] = city
        node_params = params
    graph = nx.MultiDiGraph()
    _read(driver, node_query, node_params, database, lambda records: add_nodes(graph, records))
    _read(driver, rel_query, params, database, lambda records: add_edges(graph, records))
    return graph


def records_to_graph(
    nodes: Iterable[Mapping[str, Any]], rels: Iterable[Mapping[str, Any]]
) -> nx.MultiDiGraph:
    """Build the contract graph from node and relationship records.

    ``nodes`` yield ``id``, ``labels``, ``props``; ``rels`` yield ``id``, ``type``,
    ``start``, ``end``, ``props`` (the columns of the ``analytics_*`` queries).
    Relationships whose ends are not among the nodes are left out, so the two
    streams may come from separate reads or from a filtered cut of the graph.

    Examples
    --------
    >>> G = records_to_graph(
    ...     [{"id": "union", "labels": ["Entity", "Organization", "MassOrganization"],
    ...       "props": {"id": "union", "name": "Trade union", "system": "trade_union"}},
    ...      {"id": "star", "labels": ["Entity", "Person", "Worker"],
    ...       "props": {"id": "star", "name": "A model worker", "status": "xiagang"}}],
    ...     [{"id": "r1", "type": "SUPPORTED", "start": "union", "end": "star",
    ...       "props": {"id": "r1", "tie": "patronage", "kind": "loan", "sources": ["s1"]}},
    ...      {"id": "r2", "type": "SPONSORS", "start": "union", "end": "elsewhere",
    ...       "props": {"id": "r2", "tie": "patronage", "sources": ["s1"]}}],
    ... )
    >>> G.nodes["union"]["label"], G.nodes["star"]["label"]
    ('MassOrganization', 'Worker')
    >>> G.edges["union", "star", "r1"]["kind"], G.number_of_edges()
    ('loan', 1)
    """
    graph = nx.MultiDiGraph()
    add_nodes(graph, ((r["id"], r["labels"], r["props"]) for r in nodes))
    add_edges(graph, ((r["id"], r["type"], r["start"], r["end"], r["props"]) for r in rels))
    return graph


def add_nodes(graph: nx.MultiDiGraph, rows: Iterable[Sequence[Any]]) -> None:
    """Add ``(id, labels, props)`` rows to ``graph`` as they arrive (rows may be a stream).

    A Neo4j record of the ``analytics_*_nodes`` queries is such a row: unpacking it
    positionally is several times faster than looking columns up by name.
    """
    graph.add_nodes_from(_node_items(rows))


def add_edges(graph: nx.MultiDiGraph, rows: Iterable[Sequence[Any]]) -> None:
    """Add ``(id, type, start, end, props)`` rows whose two ends are nodes of ``graph``."""
    graph.add_edges_from(_edge_items(graph, rows))


def _node_items(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[Any, dict[str, Any]]]:
    for node_id, labels, props in rows:
        attrs = dict(props or {})
        attrs["labels"] = list(labels)
        attrs["label"] = most_specific_label(labels)
        attrs.setdefault("name", node_id)
        yield node_id, attrs


def _edge_items(
    graph: nx.MultiDiGraph, rows: Iterable[Sequence[Any]]
) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    nodes = graph.nodes
    for rel_id, rel_type, start, end, props in rows:
        if start not in nodes or end not in nodes:
            continue
        attrs = dict(props or {})
        attrs["type"] = rel_type
        attrs["tie"] = attrs.get("tie") or _default_tie(rel_type)
        attrs["sources"] = [str(source) for source in attrs.get("sources") or ()]
        yield start, end, rel_id, attrs


def most_specific_label(labels: Iterable[str]) -> str:
    """The deepest label of the model's hierarchy (ties go to the one declared first).

    >>> most_specific_label(["Entity", "Organization", "Venture", "ReemploymentBase"])
    'ReemploymentBase'
    >>> most_specific_label(["Cadre", "Entity", "Person", "Worker"])
    'Worker'
    """
    return _most_specific(tuple(labels))


@cache  # a graph has few distinct label sets
def _most_specific(labels: tuple[str, ...]) -> str:
    known = [label for label in labels if label in NODE_LABELS]
    if not known:
        return labels[0] if labels else ""
    return max(known, key=lambda label: (_depth(label), -_ORDER[label]))


@cache
def _depth(label: str) -> int:
    return len(ancestry(label))


def _default_tie(rel_type: str) -> str | None:
    rel = REL_TYPES.get(rel_type)
    return rel.tie if rel else None


def _list_or_none(values: Collection[str] | None) -> list[str] | None:
    return None if values is None else list(values)


def check_tie_kinds(tie_kinds: Collection[str] | None) -> list[str] | None:
    """The tie kinds as a list (``None`` stays ``None``); refuse unknown kinds."""
    if tie_kinds is None:
        return None
    unknown = sorted(set(tie_kinds) - set(TIE_KINDS))
    if unknown:
        raise PatronageGraphError(f"unknown tie kind(s) {unknown}; choose from {list(TIE_KINDS)}")
    return list(tie_kinds)


def _read(
    driver: Driver,
    name: str,
    params: Mapping[str, Any],
    database: str,
    consume: Callable[[Iterable[neo4j.Record]], None] | None = None,
) -> Any:
    """Run a registered read; with ``consume``, records stream into it as they arrive."""
    if consume is None:
        return run_read(driver, name, params, database=database)

    def transform(result: neo4j.Result) -> None:
        consume(result)

    return run_read(driver, name, params, database=database, transform=transform)
