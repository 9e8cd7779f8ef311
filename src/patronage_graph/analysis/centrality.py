"""Betweenness and Burt's structural-hole measures on the collapsed graph.

Choice of weights (see ``docs/analytics.md``):

* **betweenness** counts hops: every tie is a channel of the same length, because
  the chapter gives no comparable strength for a quota, a loan and a membership.
  By default the graph is read undirected (lists go down *and* up, favours flow
  to a worker and loyalty back); ``directed=True`` follows the stored direction.
* **constraint** and **effective size** (Burt 1992) use the undirected collapse
  with ``weight`` = the number of relationships between the two actors, in either
  direction: an actor tied to a bureau by supervision, a quota and a name list
  has invested more in it than in a partner met once. ``weighted=False`` treats
  every contact alike.

Isolated actors have no constraint or effective size: ``nan``, as in networkx.
The two Burt measures give exactly networkx's ``constraint`` and
``effective_size`` but run in near-linear time (see ``_burt.py``): networkx's
versions are cubic in an actor's degree, too slow for a national bureau with
thousands of contacts.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import networkx as nx

from ._burt import burt_constraint, burt_effective_size
from .collapse import to_digraph, to_graph

__all__ = ["betweenness", "constraint", "effective_size"]


def betweenness(
    G: Any,
    *,
    tie_kinds: Collection[str] | None = None,
    directed: bool = False,
    normalized: bool = True,
    k: int | None = None,
    seed: int | None = None,
    backend: str | None = None,
) -> dict[Any, float]:
    """Share of shortest paths between other actors that pass through each actor.

    Parameters
    ----------
    G : networkx graph
        Usually the ``MultiDiGraph`` of :func:`read_subgraph`.
    tie_kinds : collection of str, optional
        Keep only ties of these kinds.
    directed : bool
        Follow tie direction (default: a tie is a channel both ways).
    normalized : bool
        Divide by the number of pairs (networkx's normalization).
    k, seed : int, optional
        Estimate from ``k`` sampled sources: for graphs too large for exact counts.
    backend : str, optional
        A networkx backend to dispatch to (``"parallel"`` with nx-parallel,
        ``"cugraph"`` with nx-cugraph); ``None`` follows networkx's configuration.

    Examples
    --------
    A bureau between two firms and a union that knows only the bureau:

    >>> G = nx.MultiDiGraph([("bureau", "firm1"), ("bureau", "firm2"), ("union", "bureau")])
    >>> betweenness(G, normalized=False)["bureau"]  # 3 pairs, each only through it
    3.0
    """
    H = to_digraph(G, tie_kinds=tie_kinds) if directed else to_graph(G, tie_kinds=tie_kinds)
    options: dict[str, Any] = {"backend": backend} if backend else {}
    result: dict[Any, float] = nx.betweenness_centrality(
        H, k=k, normalized=normalized, seed=seed, **options
    )
    return result


def constraint(
    G: Any, *, tie_kinds: Collection[str] | None = None, weighted: bool = True
) -> dict[Any, float]:
    """Burt's constraint: how much an actor's contacts are tied to each other.

    ``c_i = sum_j (p_ij + sum_q p_iq p_qj)**2`` over contacts ``j`` (``q != i, j``),
    ``p_ij`` the share of ``i``'s relationships that go to ``j``. Low constraint:
    contacts in separate worlds, the broker's position.

    Examples
    --------
    A star: the hub's three contacts do not know each other (3 * (1/3)**2); a
    leaf depends on its one contact entirely.

    >>> G = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("hub", "c")])
    >>> c = constraint(G)
    >>> round(c["hub"], 4), c["a"]
    (0.3333, 1.0)
    """
    return burt_constraint(to_graph(G, tie_kinds=tie_kinds), weight=_w(weighted))


def effective_size(
    G: Any, *, tie_kinds: Collection[str] | None = None, weighted: bool = True
) -> dict[Any, float]:
    """Burt's effective size: contacts minus their redundancy with one another.

    Examples
    --------
    A hub with three unconnected contacts has three non-redundant contacts; join
    two of them and each is partly redundant (3 - 2/3 by Borgatti's formula when
    unweighted).

    >>> G = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("hub", "c")])
    >>> effective_size(G)["hub"]
    3.0
    >>> G.add_edge("a", "b")
    0
    >>> round(effective_size(G, weighted=False)["hub"], 4)
    2.3333
    """
    return burt_effective_size(to_graph(G, tie_kinds=tie_kinds), weight=_w(weighted))


def _w(weighted: bool) -> str | None:
    return "weight" if weighted else None
