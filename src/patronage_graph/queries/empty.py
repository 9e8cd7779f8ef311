"""Why an answer is empty: no one coded there, or no one meets which criterion.

An empty list reads the same whether the city holds no coded worker or every worker
there misses one filter; these functions say which, in a sentence the CLI prints and
the API returns as ``empty_reason``. They run only when an answer came back empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import Driver

from ..model import EVIDENCE_GRADES
from ._common import Evidence, grades_for, read_rows
from .geometry import LAID_OFF_STATUSES, node_worker_params

__all__ = ["why_no_chain", "why_no_node_workers"]

#: How many node workers a relaxed filter is allowed to find before "or more".
_PROBE = 200


def _count(n: int) -> str:
    return f"{n}+" if n >= _PROBE else str(n)


def why_no_node_workers(
    driver: Driver,
    *,
    city: str | None = None,
    as_of: int | None = None,
    min_systems: int = 2,
    evidence: Evidence = "inferred",
    offset: int = 0,
    database: str = "neo4j",
) -> str:
    """Why :func:`~patronage_graph.queries.node_workers` found no one, in a sentence.

    Says whether no worker is coded in ``city``, all are kept on post, the page starts
    past the last one, or which filter (``evidence``, ``as_of``, ``min_systems``) left
    everyone out and how many each would admit when relaxed.
    """
    place = f"in {city}" if city else "in the graph"
    coded = {
        r["status"]: r["workers"]
        for r in read_rows(driver, "workers_coded", {"city": city}, database)
    }
    if not coded:
        return f"no worker is coded {place} (no worker's firm or venture lies there)"
    laid_off = sum(n for status, n in coded.items() if status in LAID_OFF_STATUSES)
    if not laid_off:
        return (
            f"the {sum(coded.values())} worker(s) coded {place} are all on post; "
            "node workers are looked for among the laid off"
        )
    given = {
        "city": city,
        "as_of": as_of,
        "min_systems": min_systems,
        "grades": grades_for(evidence),
    }

    def found(**relaxed: Any) -> int:
        params = node_worker_params(**{**given, **relaxed, "limit": _PROBE})
        return len(read_rows(driver, "node_workers", params, database))

    if offset and (n := found()):
        return f"offset {offset} is past the last of the {_count(n)} node worker(s) {place}"
    return _blocking_filter(found, place, evidence, as_of, min_systems) or (
        f"{laid_off} laid-off worker(s) coded {place}, none at a node: none has both a patron "
        "beyond the firm whose command line meets the firm's (vertical) and supporters of "
        f"{min_systems} or more systems tied to each other (horizontal)"
    )


def _blocking_filter(
    found: Callable[..., int], place: str, evidence: str, as_of: int | None, min_systems: int
) -> str | None:
    """The filters that alone leave every node worker out, each with what relaxing it finds."""
    relaxations: list[tuple[str, dict[str, Any], str]] = []
    if evidence != "inferred":
        relaxations.append(
            (f"evidence={evidence}", {"grades": list(EVIDENCE_GRADES)}, "evidence=inferred")
        )
    if as_of is not None:
        relaxations.append((f"as_of={as_of}", {"as_of": None}, "no as_of"))
    if min_systems > 1:
        relaxations.append((f"min_systems={min_systems}", {"min_systems": 1}, "min_systems=1"))
    if not relaxations:
        return None
    reasons = [
        f"{relaxed_how} finds {_count(n)}"
        for _, params, relaxed_how in relaxations
        if (n := found(**params))
    ]
    names = ", ".join(name for name, _, _ in relaxations)
    if reasons:
        return f"no worker {place} is at a node with {names}; " + ", ".join(reasons)
    everything = {k: v for _, params, _ in relaxations for k, v in params.items()}
    if n := found(**everything):
        return (
            f"no worker {place} is at a node with {names}; relaxing them all "
            f"together finds {_count(n)}"
        )
    return None


def why_no_chain(worker_id: str, evidence: str) -> str:
    """Why :func:`~patronage_graph.queries.patronage_chain` of a known worker is empty."""
    graded = "" if evidence == "inferred" else f" graded {evidence} or stronger"
    return f"{worker_id} has no tie{graded} to a patron, a firm or a venture"
