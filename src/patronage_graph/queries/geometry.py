"""Node workers, patronage chains and what a node worker depends on.

The criterion lives in ``cypher/geometry/node_workers.cypher``; :func:`dependency`
re-runs it for one worker with each patron left out in turn, so the two can never
disagree.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from ..model import EVIDENCE_GRADES, LEVEL_RANK, WORKER_STATUSES
from ..results import ChainHop, Dependency, NodeWorker, PatronEffect, ScoreParts, Tie
from ..results.geometry import arrow
from ._common import Evidence, check_page, grades_for, read_rows, require_entity

__all__ = ["dependency", "node_worker_params", "node_workers", "patronage_chain"]

#: Node workers are among the dismissed; those kept on post are not looked at.
LAID_OFF_STATUSES = [status for status in WORKER_STATUSES if status != "on_post"]


def node_worker_params(**params: Any) -> dict[str, Any]:
    """The full parameter map of ``node_workers.cypher`` (defaults overridden by ``params``)."""
    base: dict[str, Any] = {
        "worker_ids": None,
        "city": None,
        "as_of": None,
        "min_systems": 2,
        "excluded": [],
        "statuses": LAID_OFF_STATUSES,
        "level_rank": LEVEL_RANK,
        "only_nodes": True,
        "grades": list(EVIDENCE_GRADES),
        "limit": 50,
        "offset": 0,
    }
    return {**base, **params}


def _node_rows(driver: Driver, database: str, **params: Any) -> list[dict[str, Any]]:
    return read_rows(driver, "node_workers", node_worker_params(**params), database)


def _to_node_worker(row: dict[str, Any], evidence: str, needed: str | None) -> NodeWorker:
    parts = ScoreParts(
        levels_reached=row["levels_reached"],
        top_level=row["top_level"],
        systems=row["systems"],
        sponsored_base=row["sponsored_base"],
        people_placed=row["people_placed"],
    )
    patronage = [Tie(**t) for t in row["patronage_ties"]]
    line = [Tie(**t) for t in row["line_ties"]]
    return NodeWorker(
        id=row["id"],
        name=row["name"],
        status=row["status"],
        score=row["score"],
        parts=parts,
        vertical=row["vertical"],
        horizontal=row["horizontal"],
        # built from the ties, so each entry reads in the tie's own direction
        chain=[arrow(t.start, t.end, t.type, t.kind, t.evidence) for t in [*patronage, *line]],
        supporters=row["supporters"],
        patronage_ties=patronage,
        line_ties=line,
        horizontal_ties=[Tie(**t) for t in row["horizontal_ties"]],
        sources=row["sources"],
        evidence=evidence,
        evidence_needed=needed,
        undated_patronage_ties=row["undated_patronage_ties"],
        undated_horizontal_ties=row["undated_horizontal_ties"],
    )


def _evidence_needed(
    driver: Driver,
    database: str,
    ids: list[str],
    evidence: str,
    min_systems: int,
    as_of: int | None,
) -> dict[str, str]:
    """For each worker (a node at ``evidence``), the strongest grade at which they still are.

    Evaluates the criterion again at ``stated``, then ``general``, up to ``evidence``:
    at most two more round trips for a whole page, anchored on the workers' ids.
    """
    needed: dict[str, str] = {}
    left = list(ids)
    for grade in EVIDENCE_GRADES:
        if not left:
            break
        if grade == evidence:
            needed.update({i: grade for i in left})
            break
        rows = _node_rows(
            driver,
            database,
            worker_ids=left,
            min_systems=min_systems,
            as_of=as_of,
            grades=grades_for(grade),
            limit=len(left),
        )
        for row in rows:
            needed[row["id"]] = grade
        left = [i for i in left if i not in needed]
    return needed


def node_workers(
    driver: Driver,
    *,
    city: str | None = None,
    as_of: int | None = None,
    min_systems: int = 2,
    evidence: Evidence = "inferred",
    limit: int = 50,
    offset: int = 0,
    database: str = "neo4j",
) -> list[NodeWorker]:
    """Workers at a node of the vertical and horizontal networks, best score first.

    ``city`` is a Jurisdiction id (workers whose firm or venture lies in it or below);
    ``as_of`` ignores patronage and horizontal ties dated after that year (undated ones
    count, and each answer says how many: ``undated_patronage_ties``,
    ``undated_horizontal_ties``); ``evidence`` is the weakest
    grade of tie admitted (``stated``, ``general`` or ``inferred``: every tie). Each
    answer says the weakest grade its node status needs (``evidence_needed``).
    See docs/queries.md.

    >>> [w.id for w in node_workers(driver, city="wuhan")][:2]  # doctest: +SKIP
    ['star-fic-restaurant-head', 'star-firegate-manager']
    """
    check_page(limit=limit, offset=offset)
    grades = grades_for(evidence)
    if city is not None:
        require_entity(driver, city, "city", "Jurisdiction", database)
    rows = _node_rows(
        driver,
        database,
        city=city,
        as_of=as_of,
        min_systems=min_systems,
        grades=grades,
        limit=limit,
        offset=offset,
    )
    needed = _evidence_needed(
        driver, database, [r["id"] for r in rows], evidence, min_systems, as_of
    )
    return [_to_node_worker(r, evidence, needed.get(r["id"])) for r in rows]


def patronage_chain(
    driver: Driver,
    *,
    worker_id: str,
    max_hops: int = 8,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> list[ChainHop]:
    """The hops from a worker up through patrons and the command line, with sources.

    Only ties graded ``evidence`` or stronger are followed; each hop carries its
    grade and quote. Raises :class:`~patronage_graph.errors.NotFoundError` for an
    unknown worker.
    """
    params = {"worker_id": worker_id, "max_hops": max_hops, "grades": grades_for(evidence)}
    rows = read_rows(driver, "patronage_chain", params, database)
    if not rows:  # only then is it worth a second round trip to tell "unknown" from "alone"
        require_entity(driver, worker_id, "worker", "Worker", database)
    return [ChainHop(**r) for r in rows]


def dependency(
    driver: Driver,
    *,
    worker_id: str,
    min_systems: int = 2,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> Dependency:
    """Which single patron's removal would cost the worker node status.

    Each patron (and each office that instructed one) is left out in turn and the
    node-worker criterion is evaluated again; ``critical`` lists those without whom
    the worker is no longer at a node. A worker kept on post is never at a node.
    """
    require_entity(driver, worker_id, "worker", "Worker", database)
    grades = grades_for(evidence)
    whole = _node_rows(
        driver,
        database,
        worker_ids=[worker_id],
        min_systems=min_systems,
        grades=grades,
        only_nodes=False,
    )
    if not whole:
        return Dependency(worker_id=worker_id, is_node=False, critical=[], effects=[])
    row = whole[0]
    candidates = {p["id"]: p for p in [*row["patrons"], *row["supporters"]]}
    effects = [
        _without(driver, database, worker_id, min_systems, grades, p) for p in candidates.values()
    ]
    return Dependency(
        worker_id=worker_id,
        is_node=row["vertical"] and row["horizontal"],
        critical=[e.patron_id for e in effects if not e.still_node],
        effects=effects,
    )


def _without(
    driver: Driver,
    database: str,
    worker_id: str,
    min_systems: int,
    grades: list[str],
    patron: dict[str, Any],
) -> PatronEffect:
    rows = _node_rows(
        driver,
        database,
        worker_ids=[worker_id],
        min_systems=min_systems,
        grades=grades,
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
