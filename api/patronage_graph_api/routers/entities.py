"""Entities: any node by id, name search, ventures, and a city's two networks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from patronage_graph import queries
from patronage_graph.results import BaseQualification, EntityDetail, SearchHit, Subgraph

from ..deadline import BoundedRoute
from ..deps import DatabaseDep, DriverDep
from ..models import not_found
from ..params import EntityId, Evidence, Label, Limit

router = APIRouter(tags=["entities"], route_class=BoundedRoute)
_404 = not_found("entity")


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses=_404)
def entity(
    entity_id: EntityId,
    driver: DriverDep,
    db: DatabaseDep,
    max_neighbours: Annotated[int, Query(ge=1, le=500, description="neighbours listed")] = 500,
) -> EntityDetail:
    """An entity's properties and its neighbours grouped by tie kind, with sources."""
    return queries.entity(driver, entity_id=entity_id, max_neighbours=max_neighbours, database=db)


@router.get("/search", response_model=list[SearchHit])
def search(
    driver: DriverDep,
    db: DatabaseDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words of a name")],
    label: Label = None,
    limit: Limit = 20,
) -> list[SearchHit]:
    """Entities whose name, Chinese name or note match every word (full-text, ranked)."""
    return queries.search(driver, q=q, label=label, limit=limit, database=db)


@router.get(
    "/ventures/{venture_id}/qualification", response_model=BaseQualification, responses=_404
)
def qualification(
    venture_id: EntityId, driver: DriverDep, db: DatabaseDep, evidence: Evidence = "inferred"
) -> BaseQualification:
    """The reemployment-base criteria applied to a venture: met, failed or unknown."""
    return queries.base_qualification(driver, venture_id=venture_id, evidence=evidence, database=db)


@router.get("/cities/{city_id}/hierarchy", response_model=Subgraph, responses=_404)
def hierarchy(city_id: EntityId, driver: DriverDep, db: DatabaseDep) -> Subgraph:
    """A city's vertical command pyramid: nodes and vertical ties."""
    return queries.hierarchy(driver, city=city_id, database=db)


@router.get("/cities/{city_id}/teams", response_model=Subgraph, responses=_404)
def teams(city_id: EntityId, driver: DriverDep, db: DatabaseDep) -> Subgraph:
    """A city's horizontal teams: collaboration, membership and chairing ties."""
    return queries.horizontal_team(driver, city=city_id, database=db)
