"""Workers: node workers, a worker's patronage chain, supporters, eligibility, dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from patronage_graph import queries
from patronage_graph.queries.empty import why_no_chain, why_no_node_workers
from patronage_graph.results import (
    Dependency,
    Eligibility,
    NodeWorkerPage,
    PatronageChain,
    Support,
)

from ..deadline import BoundedRoute
from ..deps import DatabaseDep, DriverDep
from ..models import not_found
from ..params import AsOf, CityFilter, EntityId, Evidence, Limit, MinSystems, Offset

router = APIRouter(tags=["workers"], route_class=BoundedRoute)
_404 = not_found("worker")


@router.get("/node-workers", response_model=NodeWorkerPage, responses=_404)
def node_workers(
    driver: DriverDep,
    db: DatabaseDep,
    city: CityFilter = None,
    as_of: AsOf = None,
    min_systems: MinSystems = 2,
    evidence: Evidence = "inferred",
    limit: Limit = 50,
    offset: Offset = 0,
) -> NodeWorkerPage:
    """Workers where the vertical and horizontal networks meet, best score first.

    Each carries its score parts, chain, supporters, horizontal ties and sources.
    Each says the weakest grade its node status needs (``evidence_needed``).
    An unknown ``city`` is a 404; an empty page says why in ``empty_reason`` (no
    worker coded there, or which filter left every worker out).
    """
    workers = queries.node_workers(
        driver,
        city=city,
        as_of=as_of,
        min_systems=min_systems,
        evidence=evidence,
        limit=limit,
        offset=offset,
        database=db,
    )
    if workers:
        return NodeWorkerPage(workers=workers)
    reason = why_no_node_workers(
        driver,
        city=city,
        as_of=as_of,
        min_systems=min_systems,
        evidence=evidence,
        offset=offset,
        database=db,
    )
    return NodeWorkerPage(workers=[], empty_reason=reason)


@router.get("/workers/{worker_id}/chain", response_model=PatronageChain, responses=_404)
def chain(
    worker_id: EntityId,
    driver: DriverDep,
    db: DatabaseDep,
    max_hops: Annotated[int, Query(ge=1, le=12, description="longest chain followed")] = 8,
    evidence: Evidence = "inferred",
) -> PatronageChain:
    """The patronage chain: hop by hop from the worker up to the apex, each with its grade,
    quote, sources and the direction of its tie; an empty chain says why in ``empty_reason``."""
    hops = queries.patronage_chain(
        driver, worker_id=worker_id, max_hops=max_hops, evidence=evidence, database=db
    )
    reason = None if hops else why_no_chain(worker_id, evidence)
    return PatronageChain(worker_id=worker_id, hops=hops, empty_reason=reason)


@router.get("/workers/{worker_id}/supporters", response_model=list[Support], responses=_404)
def supporters(
    worker_id: EntityId, driver: DriverDep, db: DatabaseDep, evidence: Evidence = "inferred"
) -> list[Support]:
    """Who supported the worker (and the worker's ventures), with what, when and on whose word."""
    return queries.supporters(driver, entity_id=worker_id, evidence=evidence, database=db)


@router.get("/workers/{worker_id}/eligibility", response_model=Eligibility, responses=_404)
def eligibility(
    worker_id: EntityId,
    driver: DriverDep,
    db: DatabaseDep,
    as_of: AsOf = None,
    evidence: Evidence = "inferred",
) -> Eligibility:
    """The chapter's xiagang conditions applied to the worker, and which failed.

    Without ``as_of`` the definition in force from late 2001 applies (centre admission
    and allowance required); an earlier year applies the three conditions only.
    """
    return queries.xiagang_eligibility(
        driver, worker_id=worker_id, as_of=as_of, evidence=evidence, database=db
    )[0]


@router.get("/workers/{worker_id}/dependency", response_model=Dependency, responses=_404)
def dependency(
    worker_id: EntityId,
    driver: DriverDep,
    db: DatabaseDep,
    min_systems: MinSystems = 2,
    evidence: Evidence = "inferred",
) -> Dependency:
    """Which single patron's removal would cost the worker node status."""
    return queries.dependency(
        driver, worker_id=worker_id, min_systems=min_systems, evidence=evidence, database=db
    )
