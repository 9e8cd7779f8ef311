"""The data of each page, one function per view, all returning a contract graph.

Every function takes a driver and a database name (it never reads settings) and
raises :class:`~patronage_graph.errors.NotFoundError` for an unknown id. The graph
is read by :func:`patronage_graph.queries.graph.read_view` (the one reader); the
pages are pure functions of it. ``evidence`` is the weakest grade of tie drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from neo4j import Driver

from ..queries._common import Evidence
from ..queries.graph import DB_VIEWS, read_view, view_listing

__all__ = [
    "DB_VIEWS",
    "ViewRef",
    "city_graph",
    "main_views",
    "render_view",
    "team_graph",
    "venture_graph",
    "view_graph",
    "worker_graph",
]


def city_graph(
    driver: Driver, *, city_id: str, evidence: Evidence = "inferred", database: str = "neo4j"
) -> nx.MultiDiGraph:
    """A city's whole geometry: its jurisdictions, organizations and their direct neighbours."""
    return read_view(driver, "city", city_id, evidence=evidence, database=database)


def worker_graph(
    driver: Driver, *, worker_id: str, evidence: Evidence = "inferred", database: str = "neo4j"
) -> nx.MultiDiGraph:
    """A worker, their patrons (and what each gave), the chain above, the ties among them."""
    return read_view(driver, "worker", worker_id, evidence=evidence, database=database)


def team_graph(
    driver: Driver, *, team_id: str, evidence: Evidence = "inferred", database: str = "neo4j"
) -> nx.MultiDiGraph:
    """A leading small group (by its id, or every group of a city by the city's id)."""
    return read_view(driver, "team", team_id, evidence=evidence, database=database)


def venture_graph(
    driver: Driver, *, venture_id: str, evidence: Evidence = "inferred", database: str = "neo4j"
) -> nx.MultiDiGraph:
    """A venture, the people placed in it, where they came from and who supported it."""
    return read_view(driver, "venture", venture_id, evidence=evidence, database=database)


#: The graph of one of :data:`DB_VIEWS` (``city``, ``worker``, ``team``, ``venture``).
view_graph = read_view


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
    return [
        ViewRef(view, id, name)
        for view, id, name in view_listing(driver, database=database, workers=workers)
    ]


def render_view(
    driver: Driver,
    view: str,
    id: str,
    *,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> str:
    """The HTML page of one view (what ``patronage-graph viz`` writes and ``GET /viz`` serves)."""
    from .page import VIEWS, render_page

    G = view_graph(driver, view, id, evidence=evidence, database=database)
    name = G.nodes[id].get("name", id) if id in G else id
    focus = id if view in ("worker", "venture") else None
    return render_page(G, title=f"{name}: {VIEWS[view].label}", view=view, focus=focus)
