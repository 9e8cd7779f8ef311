"""Fold rank-and-file workers into one counted node per firm or venture on very big pages.

A synthetic city holds tens of thousands of workers; drawn one by one they hide the
geometry the page is about. Above ``AGGREGATE_MIN_NODES`` every worker whose only ties
are employment ties becomes part of a counted node attached to the firm or venture it
belongs to. Workers with any patronage or horizontal tie (the chapter's "stars") are
kept: they are the point of the picture. The returned notice says what was folded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx

from .style import AGGREGATE

__all__ = ["AGGREGATE_MIN_NODES", "Aggregation", "aggregate_workers"]

#: Pages with more nodes than this get their plain workers folded.
AGGREGATE_MIN_NODES = 10_000
# Which employment tie names "the firm a worker belongs to", most telling first.
_HOME_TIES = ("WORKS_AT", "FOUNDED", "EMPLOYED_BY", "LAID_OFF_BY", "ENROLLED_IN")


@dataclass(frozen=True)
class Aggregation:
    """What :func:`aggregate_workers` folded: shown on the page as a notice."""

    workers: int
    groups: int

    def notice(self) -> str:
        return (
            f"{self.workers:,} workers with only employment ties are drawn as {self.groups:,} "
            "counted nodes, one per firm or venture (hover one for its count and statuses). "
            "Workers with patronage or horizontal ties are drawn one by one."
        )


def _home(G: nx.MultiDiGraph, worker: Hashable) -> Hashable | None:
    """The firm or venture a plain worker belongs to, or None if the worker is not plain."""
    best: tuple[int, Hashable] | None = None
    for _, target, data in G.out_edges(worker, data=True):
        if data.get("tie") != "employment":
            return None
        rank = _HOME_TIES.index(data["type"]) if data.get("type") in _HOME_TIES else len(_HOME_TIES)
        if best is None or rank < best[0]:
            best = (rank, target)
    if any(data.get("tie") != "employment" for _, _, data in G.in_edges(worker, data=True)):
        return None
    return best[1] if best else None


def aggregate_workers(
    G: nx.MultiDiGraph, *, min_nodes: int = AGGREGATE_MIN_NODES
) -> tuple[nx.MultiDiGraph, Aggregation | None]:
    """Return ``G`` with plain workers folded into counted nodes when ``G`` is big.

    ``G`` itself is not changed. Below ``min_nodes`` it is returned as is, with no notice.
    """
    if G.number_of_nodes() <= min_nodes:
        return G, None
    groups: dict[Hashable, Counter[str]] = defaultdict(Counter)
    folded = []
    for node, attrs in G.nodes(data=True):
        if "Worker" not in attrs.get("labels", ()) or "Cadre" in attrs.get("labels", ()):
            continue
        home = _home(G, node)
        if home is not None:
            groups[home][str(attrs.get("status", "unknown"))] += 1
            folded.append(node)
    if not folded:
        return G, None
    # Copy only what stays: copying all, then removing, costs twice as much at 20k nodes.
    H = nx.MultiDiGraph(G.subgraph(set(G) - set(folded)))
    for home, statuses in groups.items():
        _add_counted(H, home, statuses)
    return H, Aggregation(workers=len(folded), groups=len(groups))


def _add_counted(H: nx.MultiDiGraph, home: Hashable, statuses: Counter[str]) -> None:
    node = f"workers@{home}"
    count = sum(statuses.values())
    H.add_node(
        node,
        labels=[AGGREGATE],
        label=AGGREGATE,
        name=f"{count:,} workers",
        count=count,
        statuses=", ".join(f"{s}: {n}" for s, n in statuses.most_common()),
    )
    H.add_edge(
        node, home, key=f"{node}->", type="EMPLOYED_BY", tie="employment", sources=[], count=count
    )
