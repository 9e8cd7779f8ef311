"""Gould–Fernandez brokerage roles: who mediates between which systems.

Gould and Fernandez (1989) count, for each actor ``b``, the open two-paths
``a -> b -> c`` it sits in (``a != c`` and no direct tie ``a -> c``) and name the
role by the groups of the three actors. Here the groups are organizational
systems (*xitong*: labor, finance, trade union, ...), the chapter's "horizontal"
dimension, so a broker between systems is exactly what the chapter's geometry is
about. networkx has no implementation; this one follows the original definitions.

=============== ======================= ========================================
role            groups                  reading
=============== ======================= ========================================
coordinator     A = B = C               mediates inside its own system
itinerant       A = C != B              an outsider mediating inside another
                                        system (Gould & Fernandez: consultant)
representative  A = B != C              speaks for its system to another
gatekeeper      B = C != A              screens what enters its system
liaison         A, B, C all different   links two systems it belongs to neither
=============== ======================= ========================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable
from typing import Any

from .collapse import to_digraph

__all__ = ["ROLES", "brokerage", "expected_brokerage"]

ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

Group = str | Callable[[Any], Hashable | None]


def brokerage(
    G: Any,
    group: Group = "system",
    *,
    tie_kinds: Collection[str] | None = None,
    normalized: bool = False,
) -> dict[Any, dict[str, float]]:
    """Count each node's open two-paths by Gould–Fernandez role.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.MultiDiGraph
        A directed graph; a multigraph is collapsed (one tie per ordered pair,
        ``COLLABORATES_WITH`` in both directions: see :func:`to_digraph`).
    group : str or callable
        Node attribute holding the group (default ``"system"``), or a function
        ``node -> group``. Nodes whose group is ``None`` (people, jurisdictions) are
        left out: the roles are counted on the subgraph of the nodes that have one.
    tie_kinds : collection of str, optional
        Count only ties of these kinds (edge attribute ``tie``).
    normalized : bool
        Divide each count by its expected value under random ties of the same
        density (:func:`expected_brokerage`); 0.0 where the expectation is zero.

    Returns
    -------
    dict
        ``{node: {"coordinator": n, "itinerant": n, "representative": n,
        "gatekeeper": n, "liaison": n, "total": n}}`` for every node with a group,
        zero counts included.

    Examples
    --------
    The finance bureau instructs the labor bureau, which passes it on to the
    union: the labor bureau links two systems it belongs to neither of.

    >>> import networkx as nx
    >>> G = nx.DiGraph([("finance", "labor"), ("labor", "union")])
    >>> nx.set_node_attributes(G, {"finance": "finance", "labor": "labor",
    ...                            "union": "trade_union"}, "system")
    >>> {role: n for role, n in brokerage(G)["labor"].items() if n}
    {'liaison': 1, 'total': 1}

    A direct tie from finance to the union closes the triad: no brokerage.

    >>> G.add_edge("finance", "union")
    >>> brokerage(G)["labor"]["total"]
    0
    """
    D = to_digraph(G, tie_kinds=tie_kinds)
    groups = _groups(D, group)
    counts: dict[Any, dict[str, float]] = {}
    for b, group_b in groups.items():
        roles = Counter(
            _role(groups[a], group_b, groups[c]) for a, c in _open_two_paths(D, b, groups)
        )
        row: dict[str, float] = {role: roles[role] for role in ROLES}
        row["total"] = sum(roles.values())
        counts[b] = row
    if normalized:
        return _normalize(counts, expected_brokerage(D, group))
    return counts


def expected_brokerage(
    G: Any, group: Group = "system", *, tie_kinds: Collection[str] | None = None
) -> dict[Any, dict[str, float]]:
    """Expected role counts if ties fell at random with the graph's density.

    For a broker in group *i* of size ``n_i`` among ``N`` grouped nodes and density
    ``d``, each ordered pair ``(a, c)`` of other nodes forms an open two-path through
    it with probability ``d**2 * (1 - d)``; the pairs that would give each role are
    coordinator ``(n_i-1)(n_i-2)``, itinerant ``sum_j n_j(n_j-1)``, representative
    and gatekeeper ``(n_i-1)(N-n_i)`` each, liaison ``(N-n_i)**2 - sum_j n_j**2``
    (``j`` ranging over the other groups), as in Gould & Fernandez (1989).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 3}, "system")
    >>> round(expected_brokerage(G)["b"]["liaison"], 4)  # d = 2/6; 2 pairs * (1/3)**2 * (2/3)
    0.1481
    """
    D = to_digraph(G, tie_kinds=tie_kinds)
    groups = _groups(D, group)
    N = len(groups)
    if N < 3:
        return {node: dict.fromkeys((*ROLES, "total"), 0.0) for node in groups}
    ties = sum(1 for u, v in D.edges if u in groups and v in groups)
    d = ties / (N * (N - 1))
    p = d * d * (1 - d)
    sizes = Counter(groups.values())
    by_group = {g: _pairs_by_role(n, N, sizes, g) for g, n in sizes.items()}
    expected: dict[Any, dict[str, float]] = {}
    for node, g in groups.items():
        row = {role: p * pairs for role, pairs in by_group[g].items()}
        row["total"] = p * (N - 1) * (N - 2)
        expected[node] = row
    return expected


def _pairs_by_role(n_i: int, N: int, sizes: Counter[Hashable], own: Hashable) -> dict[str, int]:
    others = [n for g, n in sizes.items() if g != own]
    return {
        "coordinator": (n_i - 1) * (n_i - 2),
        "itinerant": sum(n * (n - 1) for n in others),
        "representative": (n_i - 1) * (N - n_i),
        "gatekeeper": (n_i - 1) * (N - n_i),
        "liaison": (N - n_i) ** 2 - sum(n * n for n in others),
    }


def _groups(D: Any, group: Group) -> dict[Any, Hashable]:
    if callable(group):
        found = {node: group(node) for node in D}
    else:
        found = {node: data.get(group) for node, data in D.nodes(data=True)}
    return {node: g for node, g in found.items() if g is not None}


def _open_two_paths(D: Any, b: Any, groups: dict[Any, Hashable]) -> Any:
    """Pairs ``(a, c)`` with ``a -> b -> c``, ``a != c``, no ``a -> c``; all grouped."""
    successors = [c for c in D.successors(b) if c in groups]
    for a in D.predecessors(b):
        if a not in groups:
            continue
        reach = D.succ[a]
        for c in successors:
            if c != a and c not in reach:
                yield a, c


def _role(a: Hashable, b: Hashable, c: Hashable) -> str:
    if a == c:
        return "coordinator" if b == a else "itinerant"
    if b == a:
        return "representative"
    if b == c:
        return "gatekeeper"
    return "liaison"


def _normalize(
    observed: dict[Any, dict[str, float]], expected: dict[Any, dict[str, float]]
) -> dict[Any, dict[str, float]]:
    return {
        node: {
            role: (count / expected[node][role] if expected[node][role] else 0.0)
            for role, count in row.items()
        }
        for node, row in observed.items()
    }
