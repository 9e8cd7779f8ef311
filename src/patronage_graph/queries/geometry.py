"""Node workers, patronage chains and what a node worker depends on.

The criterion lives in ``cypher/geometry/node_workers.cypher``; :func:`dependency`
re-runs it for one worker with each patron left out in turn, so the two can never
disagree.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from ..model import LEVEL_RANK, WORKER_STATUSES
from ..results import ChainHop, Dependency, NodeWorker, PatronEffect, ScoreParts
from ._common import check_page, read_rows, require_entity

__all__ = ["dependency", "node_worker_params", "node_workers", "patronage_chain"]

#: Node workers are among the dismissed; those kept on post are not looked at.
LAID_OFF_STATUSES = [status for status in WORKER_STATUSES if status != "on_post"]


def node_worker_params(**params: Any) -> dict[str, Any]:
    """The full parameter map of ``node_workers.cypher`` (defaults overridden by ``params``)."""
    base: dict[str, Any] = {
        "worker_id": None,
        "city": None,
        "as_of": None,
        "min_systems": 2,
        "excluded": [],
        "statuses": LAID_OFF_STATUSES,
        "level_rank": LEVEL_RANK,
        "only_nodes": True,
        "limit": 50,
        "offset": 0,
    }
    return {**base, **params}


def _node_rows(driver: Driver, database: str, **params: Any) -> list[dict[str, Any]]:
    return read_rows(driver, "node_workers", node_worker_params(**params), database)


def _to_node_worker(row: dict[str, Any]) -> NodeWorker:
    parts = ScoreParts(
        levels_reached=row["levels_reached"],
        top_level=row["top_level"],
        systems=row["systems"],
        sponsored_base=row["sponsored_base"],
        people_placed=row["people_placed"],
    )
    return NodeWorker(
        id=row["id"],
        name=row["name"],
        status=row["status"],
        score=row["score"],
        parts=parts,
        vertical=row["vertical"],
        horizontal=row["horizontal"],
        chain=row["chain"],
        supporters=row["supporters"],
        horizontal_ties=row["horizontal_ties"],
        sources=row["sources"],
    )


def node_workers(
    driver: Driver,
    *,
    city: str | None = None,
    as_of: int | None = None,
    min_systems: int = 2,
    limit: int = 50,
    offset: int = 0,
    database: str = "neo4j",
) -> list[NodeWorker]:
    """Workers at a node of the vertical and horizontal networks, best score first.

    ``city`` is a Jurisdiction id (workers whose firm or venture lies in it or below);
    ``as_of`` ignores patronage dated after that year. See docs/queries.md.

    >>> [w.id for w in node_workers(driver, city="wuhan")][:2]  # doctest: +SKIP
    ['star-fic-restaurant-head', 'star-firegate-manager']
    """
    check_page(limit=limit, offset=offset)
    if city is not None:
        require_entity(driver, city, "city", "Jurisdiction", database)
    rows = _node_rows(
        driver,
        database,
        city=city,
        as_of=as_of,
        min_systems=min_systems,
        limit=limit,
        offset=offset,
    )
    return [_to_node_worker(r) for r in rows]


def patronage_chain(
    driver: Driver, *, worker_id: str, max_hops: int = 8, database: str = "neo4j"
) -> list[ChainHop]:
    """The hops from a worker up through patrons and the command line, with sources.

    Raises :class:`~patronage_graph.errors.NotFoundError` for an unknown worker.
    """
    rows = read_rows(
        driver, "patronage_chain", {"worker_id": worker_id, "max_hops": max_hops}, database
    )
    if not rows:  # only then is it worth a second round trip to tell "unknown" from "alone"
        require_entity(driver, worker_id, "worker", "Worker", database)
    return [ChainHop(**r) for r in rows]


def dependency(
    driver: Driver,
    *,
    worker_id: str,
    min_systems: int = 2,
    database: str = "neo4j",
) -> Dependency:
    """Which single patron's removal would cost the worker node status.

    Each patron (and each office that instructed one) is left out in turn and the
    node-worker criterion is evaluated again; ``critical`` lists those without whom
    the worker is no longer at a node. A worker kept on post is never at a node.
    """
    require_entity(driver, worker_id, "worker", "Worker", database)
    whole = _node_rows(
        driver,
        database,
        worker_id=worker_id,
        min_systems=min_systems,
        only_nodes=False,
    )
    if not whole:
        return Dependency(worker_id=worker_id, is_node=False, critical=[], effects=[])
    row = whole[0]
    candidates = {p["id"]: p for p in [*row["patrons"], *row["supporters"]]}
    effects = [_without(driver, database, worker_id, min_systems, p) for p in candidates.values()]
    return Dependency(
        worker_id=worker_id,
        is_node=row["vertical"] and row["horizontal"],
        critical=[e.patron_id for e in effects if not e.still_node],
        effects=effects,
    )


def _without(
    driver: Driver, database: str, worker_id: str, min_systems: int, patron: dict[str, Any]
) -> PatronEffect:
    rows = _node_rows(
        driver,
        database,
        worker_id=worker_id,
        min_systems=min_systems,
        excluded=[patron["id"]],
        only_nodes=False,
    )
    still = bool(rows) and rows[0]["vertical"] and rows[0]["horizontal"]
    return PatronEffect(
        patron_id=patron["id"],
        patron_name=patron.get("name"),
        still_node=still,
        score_without=rows[0]["score"] if rows else None,
    )
