"""Tables of the analytics, one row per actor, shared by the API and the CLI."""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

from pydantic import BaseModel

from .brokerage import ROLES, Group, brokerage
from .centrality import betweenness, constraint, effective_size

__all__ = ["BrokerageRow", "CentralityRow", "brokerage_table", "summarize"]


class BrokerageRow(BaseModel):
    """One actor's Gould–Fernandez role counts (ratios to expectation if normalized)."""

    id: str
    name: str
    label: str
    group: str
    coordinator: int | float
    itinerant: int | float
    representative: int | float
    gatekeeper: int | float
    liaison: int | float
    total: int | float


class CentralityRow(BaseModel):
    """One actor's position: betweenness, Burt's measures and brokerage roles.

    Brokerage fields are ``None`` for actors without a group (people, for instance);
    constraint and effective size are ``None`` for isolated actors.
    """

    id: str
    name: str
    label: str
    system: str | None
    betweenness: float
    constraint: float | None
    effective_size: float | None
    coordinator: int | None
    itinerant: int | None
    representative: int | None
    gatekeeper: int | None
    liaison: int | None
    brokerage: int | None


def brokerage_table(
    G: Any,
    group: Group = "system",
    *,
    tie_kinds: Collection[str] | None = None,
    normalized: bool = False,
) -> list[BrokerageRow]:
    """Brokerage rows for every actor with a group, most brokerage first."""
    counts = brokerage(G, group, tie_kinds=tie_kinds, normalized=normalized)
    groups = {node: group(node) for node in counts} if callable(group) else None
    rows = [
        BrokerageRow(
            **_who(G, node),
            group=str(groups[node] if groups else G.nodes[node].get(group)),
            **row,
        )
        for node, row in counts.items()
    ]
    rows.sort(key=lambda r: (-r.total, r.id))
    return rows


def summarize(
    G: Any,
    group: Group = "system",
    *,
    tie_kinds: Collection[str] | None = None,
    weighted: bool = True,
    sample: int | None = None,
    seed: int | None = 1,
) -> list[CentralityRow]:
    """Every actor's betweenness, constraint, effective size and brokerage roles.

    Sorted by betweenness (highest first), then id. The measures are those of
    :mod:`.centrality` and :mod:`.brokerage` with their defaults; ``sample``
    estimates betweenness from that many source actors (chosen with ``seed``),
    for graphs where exact betweenness (one search per actor) is too slow.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("finance", "labor"), ("labor", "union")])
    >>> nx.set_node_attributes(G, {"finance": "finance", "labor": "labor",
    ...                            "union": "trade_union"}, "system")
    >>> top = summarize(G)[0]
    >>> top.id, top.betweenness, top.liaison, top.effective_size
    ('labor', 1.0, 1, 2.0)
    """
    if sample is not None and sample >= G.number_of_nodes():
        sample = None  # sampling every actor is the exact count
    between = betweenness(G, tie_kinds=tie_kinds, k=sample, seed=seed)
    burt = constraint(G, tie_kinds=tie_kinds, weighted=weighted)
    size = effective_size(G, tie_kinds=tie_kinds, weighted=weighted)
    roles = brokerage(G, group, tie_kinds=tie_kinds)
    rows = [
        CentralityRow(
            **_who(G, node),
            system=G.nodes[node].get("system"),
            betweenness=between[node],
            constraint=_number(burt.get(node)),
            effective_size=_number(size.get(node)),
            **_roles(roles.get(node)),
        )
        for node in G
    ]
    rows.sort(key=lambda r: (-r.betweenness, r.id))
    return rows


def _who(G: Any, node: Any) -> dict[str, str]:
    data = G.nodes[node]
    return {
        "id": str(node),
        "name": str(data.get("name", node)),
        "label": str(data.get("label", "")),
    }


def _roles(row: dict[str, float] | None) -> dict[str, int | None]:
    if row is None:
        return {**dict.fromkeys(ROLES), "brokerage": None}
    return {**{role: int(row[role]) for role in ROLES}, "brokerage": int(row["total"])}


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value
