"""The one way from Neo4j to a graph: :func:`read_graph` and the views built on it.

Export (:mod:`patronage_graph.export`), the network pages (:mod:`patronage_graph.viz`)
and the analytics (:mod:`patronage_graph.analysis`) are pure functions of the graph
read here. The graph contract (a ``networkx.MultiDiGraph``):

* node key = the node's ``id``; node attributes ``labels`` (list of str),
  ``label`` (:func:`patronage_graph.model.primary_label`), ``name`` and every property;
* edge key = the relationship's ``id``; edge attributes ``type``, ``tie``,
  ``sources`` (list of str), ``evidence`` (its grade) and every property.

Which nodes a graph holds is set by one of ``city`` (with ``scope``) or ``ids``;
with neither, the whole graph. Relationships are kept only when their grade is
admitted by ``evidence`` (the weakest grade a reader accepts; ``inferred``: all).
Records are streamed into the graph positionally as they arrive: at 10^6 nodes
this is several times faster than building dicts per record.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import neo4j
import networkx as nx
from neo4j import Driver

from .. import model
from ..database import read as run_read
from ..errors import NotFoundError, PatronageGraphError
from ._common import Evidence, grades_for

__all__ = [
    "ACTOR_LABELS",
    "DB_VIEWS",
    "Scope",
    "add_edges",
    "add_nodes",
    "brokerage_counts",
    "check_tie_kinds",
    "find_city",
    "read_graph",
    "read_view",
    "records_to_graph",
    "view_listing",
]

#: Labels of the actors whose network the analytics measure: organizations and people
#: (not jurisdictions, policies, statistics or sources).
ACTOR_LABELS: tuple[str, ...] = ("Organization", "Person")

#: How a city's graph is cut. ``neighbourhood`` (analytics, pages): the city's
#: jurisdictions and the organizations located in them, plus their direct
#: neighbours through the selected tie kinds (``cypher/analytics.cypher``).
#: ``members`` (export): the jurisdictions and organizations, the people with a job,
#: layoff, centre, venture or membership there, and only the ties among all of
#: these (``cypher/export.cypher``).
Scope = Literal["neighbourhood", "members"]

_HOME = ["EMPLOYED_BY", "LAID_OFF_BY", "FOUNDED", "WORKS_AT", "ENROLLED_IN"]
_AFFILIATION = ["EMPLOYED_BY", "MEMBER_OF", "CHAIRS"]
_PEOPLE = ["WORKS_AT", "EMPLOYED_BY", "FOUNDED"]
_ORIGIN = ["LAID_OFF_BY", "ENROLLED_IN", "EMPLOYED_BY"]


def read_graph(
    driver: Driver,
    *,
    city: str | None = None,
    scope: Scope = "neighbourhood",
    ids: Collection[str] | None = None,
    tie_kinds: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> nx.MultiDiGraph:
    """Read the whole graph, a city's part or a set of nodes into a ``MultiDiGraph``.

    Parameters
    ----------
    driver : neo4j.Driver
        An open driver.
    city : str, optional
        Id of a ``Jurisdiction {level: 'city'}``, cut by ``scope``.
    scope : {"neighbourhood", "members"}
        How a city is cut (see :data:`Scope`).
    ids : collection of str, optional
        Exactly these nodes and the ties among them (a page's members).
    tie_kinds : collection of str, optional
        Keep only relationships of these tie kinds; ``None`` keeps all.
    labels : collection of str, optional
        Keep only nodes carrying one of these labels (e.g. :data:`ACTOR_LABELS`).
    evidence : {"stated", "general", "inferred"}
        The weakest grade of relationship kept.
    database : str
        Name of the Neo4j database.

    Raises
    ------
    NotFoundError
        ``city`` names no city.
    PatronageGraphError
        An unknown tie kind or grade.
    """
    grades = grades_for(evidence)
    kinds = check_tie_kinds(tie_kinds)
    wanted = None if labels is None else list(labels)
    graph = nx.MultiDiGraph()
    if ids is not None:
        params: dict[str, Any] = {"ids": list(ids), "grades": grades}
        node_q, rel_q = "viz_nodes", "viz_relationships"
        node_params: dict[str, Any] = {"ids": list(ids)}
    elif city is None:
        params = {"labels": wanted, "tie_kinds": kinds, "grades": grades}
        node_q, rel_q = "analytics_graph_nodes", "analytics_graph_relationships"
        node_params = {"labels": wanted}
    elif scope == "members":
        if not _read(driver, "analytics_city", {"city": city}, database):
            raise NotFoundError("city", city)
        rows = _read(driver, "export_city_nodes", {"city_id": city}, database)
        add_nodes(graph, ((r["id"], r["labels"], r["props"]) for r in rows))
        member_ids = list(graph.nodes)
        _read(
            driver,
            "export_relationships_among",
            {"ids": member_ids, "grades": grades},
            database,
            lambda records: add_edges(graph, records),
        )
        return _filter(graph, kinds, wanted)
    else:
        if not _read(driver, "analytics_city", {"city": city}, database):
            raise NotFoundError("city", city)
        params = {"city": city, "labels": wanted, "tie_kinds": kinds, "grades": grades}
        node_q, rel_q, node_params = "analytics_city_nodes", "analytics_city_relationships", params
    _read(driver, node_q, node_params, database, lambda records: add_nodes(graph, records))
    _read(driver, rel_q, params, database, lambda records: add_edges(graph, records))
    if ids is not None:
        return _filter(graph, kinds, wanted)
    return graph


def _filter(
    graph: nx.MultiDiGraph, kinds: list[str] | None, labels: list[str] | None
) -> nx.MultiDiGraph:
    """Apply tie kinds and labels to a graph read without them (pages, export scope)."""
    if labels is not None:
        graph.remove_nodes_from(
            [n for n, d in graph.nodes(data=True) if not set(d["labels"]) & set(labels)]
        )
    if kinds is not None:
        graph.remove_edges_from(
            [(a, b, k) for a, b, k, d in graph.edges(keys=True, data=True) if d["tie"] not in kinds]
        )
    return graph


def records_to_graph(
    nodes: Iterable[Mapping[str, Any]], rels: Iterable[Mapping[str, Any]]
) -> nx.MultiDiGraph:
    """Build the contract graph from node and relationship records.

    ``nodes`` yield ``id``, ``labels``, ``props``; ``rels`` yield ``id``, ``type``,
    ``start``, ``end``, ``props``. Relationships whose ends are not among the nodes
    are left out.

    >>> G = records_to_graph(
    ...     [{"id": "u", "labels": ["Entity", "Organization", "MassOrganization"],
    ...       "props": {"id": "u", "name": "Trade union", "system": "trade_union"}},
    ...      {"id": "s", "labels": ["Entity", "Person", "Worker", "Cadre"],
    ...       "props": {"id": "s", "name": "A model worker", "status": "xiagang"}}],
    ...     [{"id": "r1", "type": "SUPPORTED", "start": "u", "end": "s",
    ...       "props": {"id": "r1", "tie": "patronage", "kind": "loan", "sources": ["s1"],
    ...                 "evidence": "stated"}}],
    ... )
    >>> G.nodes["u"]["label"], G.nodes["s"]["label"], G.edges["u", "s", "r1"]["evidence"]
    ('MassOrganization', 'Worker', 'stated')
    """
    graph = nx.MultiDiGraph()
    add_nodes(graph, ((r["id"], r["labels"], r["props"]) for r in nodes))
    add_edges(graph, ((r["id"], r["type"], r["start"], r["end"], r["props"]) for r in rels))
    return graph


def add_nodes(graph: nx.MultiDiGraph, rows: Iterable[Sequence[Any]]) -> None:
    """Add ``(id, labels, props)`` rows to ``graph`` as they arrive (rows may be a stream).

    A Neo4j record of the node queries is such a row: unpacking it positionally is
    several times faster than looking columns up by name.
    """
    graph.add_nodes_from(_node_items(rows))


def add_edges(graph: nx.MultiDiGraph, rows: Iterable[Sequence[Any]]) -> None:
    """Add ``(id, type, start, end, props)`` rows whose two ends are nodes of ``graph``."""
    graph.add_edges_from(_edge_items(graph, rows))


def _node_items(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[Any, dict[str, Any]]]:
    primary = model.primary_label
    for node_id, labels, props in rows:
        attrs = dict(props or {})
        attrs["labels"] = list(labels)
        attrs["label"] = primary(labels)
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


def _default_tie(rel_type: str) -> str | None:
    rel = model.REL_TYPES.get(rel_type)
    return rel.tie if rel else None


def check_tie_kinds(tie_kinds: Collection[str] | None) -> list[str] | None:
    """The tie kinds as a list (``None`` stays ``None``); refuse unknown kinds."""
    if tie_kinds is None:
        return None
    unknown = sorted(set(tie_kinds) - set(model.TIE_KINDS))
    if unknown:
        raise PatronageGraphError(
            f"unknown tie kind(s) {unknown}; choose from {list(model.TIE_KINDS)}"
        )
    return list(tie_kinds)


def find_city(driver: Driver, city: str, *, database: str = "neo4j") -> str:
    """The id of the city-level Jurisdiction whose id or name (any case) is ``city``."""
    found = _read(driver, "export_find_city", {"city": city}, database)
    if len(found) == 1:
        return str(found[0]["id"])
    if len(found) > 1:
        ids = ", ".join(r["id"] for r in found)
        raise PatronageGraphError(f"--city {city!r} matches several cities ({ids}); give an id")
    known = ", ".join(
        f"{r['id']} ({r['name']})" for r in _read(driver, "export_cities", {}, database)
    )
    error = NotFoundError("city", city)
    error.args = (
        f"no city-level Jurisdiction with id or name {city!r}; cities in the graph: "
        f"{known or 'none'}",
    )
    raise error


def brokerage_counts(
    driver: Driver,
    *,
    city: str | None = None,
    tie_kinds: Collection[str] | None = None,
    mutual_types: Collection[str] = ("COLLABORATES_WITH",),
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> list[dict[str, Any]]:
    """Gould-Fernandez role counts computed inside Neo4j (``analytics_brokerage``).

    For graphs too large to read; see :func:`patronage_graph.analysis.brokerage_in_database`.
    """
    if city is not None and not _read(driver, "analytics_city", {"city": city}, database):
        raise NotFoundError("city", city)
    params: dict[str, Any] = {
        "city": city,
        "tie_kinds": check_tie_kinds(tie_kinds),
        "mutual_types": list(mutual_types),
        "grades": grades_for(evidence),
    }
    return [r.data() for r in _read(driver, "analytics_brokerage", params, database)]


# --- the pages' views --------------------------------------------------------------

_MEMBERS: dict[str, tuple[str, str, Callable[[str], dict[str, Any]]]] = {
    "worker": (
        "viz_worker_members",
        "worker",
        lambda i: {
            "worker_id": i,
            "home_types": _HOME,
            "affiliation_types": _AFFILIATION,
            "patronage_types": model.rel_types_of("patronage"),
        },
    ),
    "team": (
        "viz_team_members",
        "leading small group",
        lambda i: {"team_id": i, "horizontal_types": model.rel_types_of("horizontal")},
    ),
    "venture": (
        "viz_venture_members",
        "venture",
        lambda i: {
            "venture_id": i,
            "people_types": _PEOPLE,
            "origin_types": _ORIGIN,
            "patronage_types": model.rel_types_of("patronage"),
        },
    ),
}
#: The views read from the database, in the order the index lists them.
DB_VIEWS: tuple[str, ...] = ("city", "worker", "team", "venture")


def read_view(
    driver: Driver,
    view: str,
    id: str,
    *,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> nx.MultiDiGraph:
    """The graph of one page: a city's geometry, or a worker's, team's or venture's members.

    With ``evidence`` stricter than ``inferred``, members left without any admitted
    tie are dropped (the page's focus stays).
    """
    if view == "city":
        return read_graph(driver, city=id, evidence=evidence, database=database)
    if view not in _MEMBERS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(DB_VIEWS)}")
    query, kind, params = _MEMBERS[view]
    member_ids = [r["id"] for r in _read(driver, query, params(id), database) if r["id"]]
    if not member_ids:
        raise NotFoundError(kind, id)
    graph = read_graph(driver, ids=member_ids, evidence=evidence, database=database)
    if evidence != "inferred":
        graph.remove_nodes_from([n for n in list(graph) if n != id and graph.degree(n) == 0])
    return graph


def view_listing(
    driver: Driver, *, database: str = "neo4j", workers: int = 5
) -> list[tuple[str, str, str]]:
    """``(view, id, name)`` of the pages that show the seed's argument: each city, team,
    base and the ``workers`` most patronised workers."""
    patronage = model.rel_types_of("patronage")
    lists: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("city", "viz_cities", {"city_level": "city"}),
        ("team", "viz_team_groups", {}),
        ("venture", "viz_bases", {}),
        ("worker", "viz_patronised_workers", {"patronage_types": patronage, "limit": workers}),
    )
    return [
        (view, r["id"], r["name"] or r["id"])
        for view, query, params in lists
        for r in _read(driver, query, params, database)
    ]


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
