"""Burt's constraint and effective size in time linear in the ties, not cubic in degree.

networkx's ``constraint`` and ``effective_size`` recompute a contact's total
weight for every pair they touch, which costs ``O(deg³)`` per actor: on a
synthetic country with a national bureau of 3,400 contacts they did not finish in
minutes. These versions compute each actor's proportions ``p_ij`` once and find the
indirect paths ``i - q - j`` by intersecting neighbour sets, so the work is
``O(sum over ties of the smaller degree)``. They return exactly what networkx
returns (NaN for isolates); a unit test compares the two on random graphs.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["burt_constraint", "burt_effective_size"]


def _weights(H: Any, weight: str | None) -> dict[Any, dict[Any, float]]:
    return {
        i: {
            j: (float(data.get(weight, 1)) if weight else 1.0) for j, data in nbrs.items() if j != i
        }
        for i, nbrs in H.adj.items()
    }


def _proportions(w: dict[Any, dict[Any, float]]) -> dict[Any, dict[Any, float]]:
    p: dict[Any, dict[Any, float]] = {}
    for i, w_i in w.items():
        total = sum(w_i.values())
        p[i] = {j: x / total for j, x in w_i.items()} if total else {}
    return p


def burt_constraint(H: Any, weight: str | None = "weight") -> dict[Any, float]:
    """``c_i = sum_j (p_ij + sum_q p_iq p_qj)**2`` on an undirected simple graph."""
    p = _proportions(_weights(H, weight))
    result: dict[Any, float] = {}
    for i, p_i in p.items():
        if not p_i:
            result[i] = math.nan
            continue
        indirect = dict.fromkeys(p_i, 0.0)
        for q, p_iq in p_i.items():
            p_q = p[q]
            for j in p_q.keys() & p_i.keys():  # contacts of i that q also reaches
                indirect[j] += p_iq * p_q[j]
        result[i] = sum((p_i[j] + indirect[j]) ** 2 for j in p_i)
    return result


def burt_effective_size(H: Any, weight: str | None = "weight") -> dict[Any, float]:
    """``ES_i = sum_j (1 - sum_q p_iq m_jq)``, ``m_jq = w_jq / max_k w_jk``."""
    w = _weights(H, weight)
    p = _proportions(w)
    strongest = {j: max(w_j.values(), default=0.0) for j, w_j in w.items()}
    result: dict[Any, float] = {}
    for i, p_i in p.items():
        if not p_i:
            result[i] = math.nan
            continue
        size = 0.0
        for j in p_i:
            w_j = w[j]
            shared = w_j.keys() & p_i.keys()
            redundancy = sum(p_i[q] * w_j[q] for q in shared) / strongest[j] if shared else 0.0
            size += 1.0 - redundancy
        result[i] = size
    return result
