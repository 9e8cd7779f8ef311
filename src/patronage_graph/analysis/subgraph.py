"""The subgraph the analytics measure: read by :func:`patronage_graph.queries.graph.read_graph`.

The analytics are pure functions of the graph contract documented in
:mod:`patronage_graph.queries.graph` (node key = ``id``, ``label`` from
:func:`patronage_graph.model.primary_label`; edge key = the relationship's ``id``
with ``type``, ``tie``, ``sources``, ``evidence``). Which nodes a city's subgraph
holds is documented in ``cypher/analytics.cypher`` and ``docs/analytics.md``.

The label rule is the model's, the same on the pages and in the export:

>>> most_specific_label(["Cadre", "Entity", "Person", "Worker"])
'Worker'
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
from neo4j import Driver

from ..model import primary_label
from ..queries._common import Evidence as _Evidence
from ..queries.graph import (
    ACTOR_LABELS,
    add_edges,
    add_nodes,
    check_tie_kinds,
    read_graph,
    records_to_graph,
)

__all__ = [
    "ACTOR_LABELS",
    "add_edges",
    "add_nodes",
    "check_tie_kinds",
    "most_specific_label",
    "read_subgraph",
    "records_to_graph",
]

#: The one label rule of the model (kept under its old name).
most_specific_label = primary_label


def read_subgraph(
    driver: Driver,
    *,
    city: str | None = None,
    tie_kinds: Collection[str] | None = None,
    labels: Collection[str] | None = None,
    evidence: _Evidence = "inferred",
    database: str = "neo4j",
) -> nx.MultiDiGraph:
    """The whole graph, or one city's neighbourhood, as the analytics read it.

    The same as :func:`~patronage_graph.queries.graph.read_graph` with
    ``scope="neighbourhood"``; ``evidence`` is the weakest grade of tie kept.

    Raises
    ------
    NotFoundError
        ``city`` names no city.
    PatronageGraphError
        ``tie_kinds`` holds something that is not a tie kind, or a bad grade.
    """
    return read_graph(
        driver,
        city=city,
        tie_kinds=tie_kinds,
        labels=labels,
        evidence=evidence,
        database=database,
    )
