"""The data of each page, read from Neo4j: one function per view, all returning a contract graph.

Every function takes a driver and a database name (it never reads settings) and
raises :class:`~patronage_graph.errors.NotFoundError` for an unknown id. The
queries live in ``cypher/viz.cypher``; the lists of relationship types they need
("which types are patronage") come from the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import Driver

from .. import model
from ..analysis.subgraph import read_subgraph, records_to_graph
from ..database import read
from ..errors import NotFoundError

__all__ = [
    "ViewRef",
    "city_graph",
    "main_views",
    "render_view",
    "team_graph",
    "venture_graph",
    "view_graph",
    "worker_graph",
]

_HOME = ["EMPLOYED_BY", "LAID_OFF_BY", "FOUNDED", "WORKS_AT", "ENROLLED_IN"]
_AFFILIATION = ["EMPLOYED_BY", "MEMBER_OF", "CHAIRS"]
_PEOPLE = ["WORKS_AT", "EMPLOYED_BY", "FOUNDED"]
_ORIGIN = ["LAID_OFF_BY", "ENROLLED_IN", "EMPLOYED_BY"]


def _members_graph(
    driver: Driver, query: str, params: dict[str, Any], database: str, kind: str, id: str
) -> nx.MultiDiGraph:
    ids = [r["id"] for r in read(driver, query, params, database=database) if r["id"]]
    if not ids:
        raise NotFoundError(kind, id)
    nodes = read(driver, "viz_nodes", {"ids": ids}, database=database)
    rels = read(driver, "viz_relationships", {"ids": ids}, database=database)
    return records_to_graph(nodes, rels)


def city_graph(driver: Driver, *, city_id: str, database: str = "neo4j") -> nx.MultiDiGraph:
    """A city's whole geometry: its jurisdictions, organizations and their direct neighbours."""
    return read_subgraph(driver, city=city_id, database=database)


def worker_graph(driver: Driver, *, worker_id: str, database: str = "neo4j") -> nx.MultiDiGraph:
    """A worker, their patrons (and what each gave), the chain above, the ties among them."""
    params = {
        "worker_id": worker_id,
        "home_types": _HOME,
        "affiliation_types": _AFFILIATION,
        "patronage_types": model.rel_types_of("patronage"),
    }
    return _members_graph(driver, "viz_worker_members", params, database, "worker", worker_id)


def team_graph(driver: Driver, *, team_id: str, database: str = "neo4j") -> nx.MultiDiGraph:
    """A leading small group (by its id, or every group of a city by the city's id)."""
    params = {"team_id": team_id, "horizontal_types": model.rel_types_of("horizontal")}
    return _members_graph(
        driver, "viz_team_members", params, database, "leading small group", team_id
    )


def venture_graph(driver: Driver, *, venture_id: str, database: str = "neo4j") -> nx.MultiDiGraph:
    """A venture, the people placed in it, where they came from and who supported it."""
    params = {
        "venture_id": venture_id,
        "people_types": _PEOPLE,
        "origin_types": _ORIGIN,
        "patronage_types": model.rel_types_of("patronage"),
    }
    return _members_graph(driver, "viz_venture_members", params, database, "venture", venture_id)


_READERS: dict[str, Callable[[Driver, str, str], nx.MultiDiGraph]] = {
    "city": lambda d, i, db: city_graph(d, city_id=i, database=db),
    "worker": lambda d, i, db: worker_graph(d, worker_id=i, database=db),
    "team": lambda d, i, db: team_graph(d, team_id=i, database=db),
    "venture": lambda d, i, db: venture_graph(d, venture_id=i, database=db),
}
DB_VIEWS = tuple(_READERS)


def view_graph(driver: Driver, view: str, id: str, *, database: str = "neo4j") -> nx.MultiDiGraph:
    """The graph of one of :data:`DB_VIEWS` (``city``, ``worker``, ``team``, ``venture``)."""
    if view not in _READERS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(DB_VIEWS)}")
    return _READERS[view](driver, id, database)


@dataclass(frozen=True)
class ViewRef:
    """One page worth writing: which view, for which id, and its title."""

    view: str
    id: str
    name: str

    @property
    def filename(self) -> str:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in self.id)
        return f"{self.view}-{safe}.html"


def main_views(driver: Driver, *, database: str = "neo4j", workers: int = 5) -> list[ViewRef]:
    """The pages that show the seed's argument: each city, team, base and top patronised worker."""
    patronage = model.rel_types_of("patronage")
    lists: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("city", "viz_cities", {"city_level": "city"}),
        ("team", "viz_team_groups", {}),
        ("venture", "viz_bases", {}),
        ("worker", "viz_patronised_workers", {"patronage_types": patronage, "limit": workers}),
    )
    refs = []
    for view, query, params in lists:
        for r in read(driver, query, params, database=database):
            refs.append(ViewRef(view, r["id"], r["name"] or r["id"]))
    return refs


def render_view(driver: Driver, view: str, id: str, *, database: str = "neo4j") -> str:
    """The HTML page of one view (what ``patronage-graph viz`` writes and ``GET /viz`` serves)."""
    from .page import VIEWS, render_page

    G = view_graph(driver, view, id, database=database)
    name = G.nodes[id].get("name", id) if id in G else id
    focus = id if view in ("worker", "venture") else None
    return render_page(G, title=f"{name}: {VIEWS[view].label}", view=view, focus=focus)
