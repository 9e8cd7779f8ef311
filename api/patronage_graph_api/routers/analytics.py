"""Network analytics of a city (or the whole graph): brokerage and centrality."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from patronage_graph.analysis import ACTOR_LABELS, brokerage_table, read_subgraph, summarize
from patronage_graph.analysis.summary import BrokerageRow, CentralityRow

from ..deps import DatabaseDep, DriverDep
from ..models import not_found
from ..params import CityFilter, Evidence, TieKinds

router = APIRouter(prefix="/analytics", tags=["analytics"])
_404 = not_found("city")


@router.get("/brokerage", response_model=list[BrokerageRow], responses=_404)
def brokerage(
    driver: DriverDep,
    db: DatabaseDep,
    city: CityFilter = None,
    tie: TieKinds = None,
    normalized: Annotated[bool, Query(description="ratios to chance expectation")] = False,
    evidence: Evidence = "inferred",
) -> list[BrokerageRow]:
    """Gould–Fernandez brokerage roles between organizational systems, most brokerage first."""
    G = read_subgraph(
        driver, city=city, tie_kinds=tie, labels=ACTOR_LABELS, evidence=evidence, database=db
    )
    return brokerage_table(G, "system", normalized=normalized)


@router.get("/centrality", response_model=list[CentralityRow], responses=_404)
def centrality(
    driver: DriverDep,
    db: DatabaseDep,
    city: CityFilter = None,
    tie: TieKinds = None,
    evidence: Evidence = "inferred",
) -> list[CentralityRow]:
    """Betweenness, Burt's constraint and effective size, and brokerage roles per actor."""
    G = read_subgraph(
        driver, city=city, tie_kinds=tie, labels=ACTOR_LABELS, evidence=evidence, database=db
    )
    return summarize(G)
