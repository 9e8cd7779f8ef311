"""Positions: administrative level as height, computed in Python so big pages draw at once.

vis-network lays graphs out in the browser with a physics simulation, which stalls
beyond about a thousand nodes. Every page therefore gets its positions here:

* **y** is the node's level band (nation at the top, community at the bottom);
  nodes without a level (people, policies) sit half a band below the levelled
  nodes they are tied to;
* **x** comes from a barycentric ordering of each band under the band above it
  (the pyramid: a district sits under its city, a firm under its bureau) or,
  for small non-pyramid views, from networkx's spring layout.

Small pages (``<= PHYSICS_MAX_NODES``) keep physics on for a short settling run,
with levelled nodes pinned vertically; bigger ones are drawn as placed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping
from statistics import fmean

import networkx as nx

from .. import model

__all__ = [
    "BAND_GAP",
    "NO_LEVEL",
    "PHYSICS_MAX_NODES",
    "band_of",
    "node_ranks",
    "positions",
]

#: Above this many nodes the browser does no physics: positions are final.
PHYSICS_MAX_NODES = 500
#: Vertical distance between two level bands, in vis-network pixels.
BAND_GAP = 260.0
_NODE_GAP = 60.0
_WIDE_GAP = 160.0
_ROW_GAP = 36.0
#: Band key of nodes that carry no administrative level.
NO_LEVEL = "no level"

Position = tuple[float, float]


def band_of(attrs: Mapping[str, object]) -> str:
    """The filter band of a node: its level if it has one from the model, else ``no level``."""
    level = attrs.get("level")
    return level if isinstance(level, str) and level in model.LEVEL_RANK else NO_LEVEL


def node_ranks(G: nx.MultiDiGraph) -> dict[Hashable, float]:
    """Height rank per node: its level's rank, or half a band under its lowest levelled tie."""
    ranks: dict[Hashable, float] = {}
    for node, attrs in G.nodes(data=True):
        band = band_of(attrs)
        if band != NO_LEVEL:
            ranks[node] = float(model.LEVEL_RANK[band])
    for node in G.nodes:
        if node in ranks:
            continue
        near = [ranks[n] for n in nx.all_neighbors(G, node) if n in ranks]
        # Just below its lowest levelled neighbour: a worker hangs under the firm.
        ranks[node] = (min(near) if near else 0.0) - 0.5
    return ranks


def _bands(ranks: Mapping[Hashable, float]) -> list[list[Hashable]]:
    by_rank: dict[float, list[Hashable]] = defaultdict(list)
    for node, rank in ranks.items():
        by_rank[rank].append(node)
    return [by_rank[rank] for rank in sorted(by_rank, reverse=True)]


def _sort_key(G: nx.MultiDiGraph, node: Hashable) -> tuple[str, str]:
    attrs = G.nodes[node]
    return (str(attrs.get("system", "")), str(attrs.get("name", node)))


def _place_band(
    nodes: list[Hashable], y0: float, gap: float
) -> tuple[dict[Hashable, Position], float]:
    """Centre an ordered band on x = 0 as a block of rows; return positions and block height.

    Big bands wrap into a block about four times as wide as tall, filled column by
    column so that left-to-right still follows the band's order (under its parents).
    """
    per_row = max(24, math.ceil(1.5 * math.sqrt(len(nodes))))
    rows = math.ceil(len(nodes) / per_row)
    cols = math.ceil(len(nodes) / rows)
    placed: dict[Hashable, Position] = {}
    for i, node in enumerate(nodes):
        col, row = divmod(i, rows)
        # Odd rows shift by half a gap so labels of neighbouring rows do not overlap.
        shift = gap / 2 if row % 2 else 0.0
        placed[node] = ((col - (cols - 1) / 2) * gap + shift, y0 + row * _ROW_GAP)
    return placed, rows * _ROW_GAP


def _pyramid(G: nx.MultiDiGraph, ranks: Mapping[Hashable, float]) -> dict[Hashable, Position]:
    """Top-down barycentric layout: each band ordered under its neighbours in the bands above."""
    placed: dict[Hashable, Position] = {}
    # Small pages show every name: leave room for it between neighbours.
    gap = _WIDE_GAP if G.number_of_nodes() <= PHYSICS_MAX_NODES else _NODE_GAP
    y = 0.0
    top = max(ranks.values(), default=0.0)
    for band in _bands(ranks):
        rank = ranks[band[0]]
        y = max(y, (top - rank) * BAND_GAP)

        def barycentre(node: Hashable) -> float:
            xs = [placed[n][0] for n in nx.all_neighbors(G, node) if n in placed]
            return fmean(xs) if xs else 0.0

        band.sort(key=lambda n: (barycentre(n), _sort_key(G, n)))
        block, height = _place_band(band, y, gap)
        placed.update(block)
        y += height + BAND_GAP / 2
    return placed


def _spring(G: nx.MultiDiGraph, ranks: Mapping[Hashable, float]) -> dict[Hashable, Position]:
    """networkx spring layout for x; y stays the level band so height still means level."""
    simple = nx.Graph(G)
    raw = nx.spring_layout(simple, seed=7, iterations=60)
    scale = max(300.0, 90.0 * math.sqrt(G.number_of_nodes()))
    top = max(ranks.values(), default=0.0)
    return {n: (float(raw[n][0]) * scale, (top - ranks[n]) * BAND_GAP) for n in G.nodes}


def positions(
    G: nx.MultiDiGraph, *, pyramid: bool, ranks: Mapping[Hashable, float] | None = None
) -> dict[Hashable, Position]:
    """Positions for every node of ``G``.

    ``pyramid`` asks for the level-ordered layout (the city view); otherwise small
    graphs use networkx's spring layout. Graphs above ``PHYSICS_MAX_NODES`` always use
    the pyramid: the spring layout is quadratic without scipy and the bands still read.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("city", level="city"); G.add_node("district", level="district")
    >>> pos = positions(G, pyramid=True)
    >>> pos["city"][1] < pos["district"][1]
    True
    """
    ranks = ranks if ranks is not None else node_ranks(G)
    if not G:
        return {}
    if pyramid or G.number_of_nodes() > PHYSICS_MAX_NODES:
        return _pyramid(G, ranks)
    return _spring(G, ranks)
