"""Quotas followed down the hierarchy, and the chapter's conflicting layoff counts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from neo4j import Driver

from ..errors import PatronageGraphError
from ..model import QUOTA_KINDS
from ..results import LayoffStatistics, QuotaFlow, QuotaLevel, Statistic
from ._common import read_rows

__all__ = ["flow_levels", "layoff_statistics", "quota_flow"]


def _status(got: list[dict[str, Any]], gave: list[dict[str, Any]]) -> str:
    """The mismatch rule: a holder's allocations must add up to what it received."""
    if not got:
        return "root"
    if not gave:
        return "leaf"
    received, down = _total(got), _total(gave)
    if received is None or down is None:
        return "unknown"  # amounts not on record: the flow is known, the sums are not
    if down == received:
        return "match"
    return "over" if down > received else "under"


def flow_levels(rows: list[dict[str, Any]]) -> list[QuotaLevel]:
    """Each holder of the quota with what it received and passed down, top first.

    Pure: ``rows`` are allocation records (``from_id``, ``to_id``, ``amount``, ...).
    """
    nodes: dict[str, dict[str, Any]] = {}
    got: dict[str, list[dict[str, Any]]] = defaultdict(list)
    gave: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        nodes.setdefault(r["from_id"], {"name": r["from_name"], "level": r["from_level"]})
        nodes.setdefault(r["to_id"], {"name": r["to_name"], "level": r["to_level"]})
        gave[r["from_id"]].append(r)
        got[r["to_id"]].append(r)
    depth = {n: 0 for n in nodes if n not in got}
    frontier = list(depth)
    while frontier:  # breadth-first from the roots; visited nodes are not revisited
        nxt = []
        for n in frontier:
            for r in gave[n]:
                if r["to_id"] not in depth:
                    depth[r["to_id"]] = depth[n] + 1
                    nxt.append(r["to_id"])
        frontier = nxt
    return sorted(
        (_level(n, nodes[n], got[n], gave[n], depth.get(n, -1)) for n in nodes),
        key=lambda q: (q.depth, q.id),
    )


def _total(rels: list[dict[str, Any]]) -> float | None:
    amounts = [r["amount"] for r in rels if r["amount"] is not None]
    return float(sum(amounts)) if amounts else None


def _level(
    node_id: str,
    info: dict[str, Any],
    got: list[dict[str, Any]],
    gave: list[dict[str, Any]],
    depth: int,
) -> QuotaLevel:
    received, down = _total(got), _total(gave)
    diff = None if received is None or down is None else down - received
    sources = sorted({s for r in [*got, *gave] for s in (r["sources"] or [])})
    return QuotaLevel(
        id=node_id,
        name=info["name"],
        level=info["level"],
        depth=depth,
        received=received,
        received_from=[r["from_id"] for r in got],
        allocated_down=down,
        allocated_to=[r["to_id"] for r in gave],
        difference=diff,
        status=_status(got, gave),
        sources=sources,
    )


def quota_flow(
    driver: Driver, *, kind: str, year: int | None = None, database: str = "neo4j"
) -> QuotaFlow:
    """A quota kind and year followed down the hierarchy, with mismatches reported.

    Allocations without a year on record count for every year; ``year`` None takes all.
    """
    if kind not in QUOTA_KINDS:
        raise PatronageGraphError(f"unknown quota kind {kind!r}; one of {', '.join(QUOTA_KINDS)}")
    levels = flow_levels(
        read_rows(driver, "quota_allocations", {"kind": kind, "year": year}, database)
    )
    mismatches = [
        f"{q.id} received {q.received:g} but allocated {q.allocated_down:g} ({q.status})"
        for q in levels
        if q.status in ("over", "under") and q.received is not None and q.allocated_down is not None
    ]
    return QuotaFlow(kind=kind, year=year, levels=levels, mismatches=mismatches)


def layoff_statistics(driver: Driver, *, database: str = "neo4j") -> LayoffStatistics:
    """The published layoff counts side by side, and the gaps derived from them."""
    stats = []
    for r in read_rows(driver, "layoff_statistics", {}, database):
        inputs = {i["id"]: i["value"] for i in r.pop("inputs")}
        stats.append(Statistic(**r, inputs=inputs))
    return LayoffStatistics(
        counts=[s for s in stats if not s.derived], gaps=[s for s in stats if s.derived]
    )
