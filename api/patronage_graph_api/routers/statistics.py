"""The chapter's numbers: layoff counts side by side, and quotas down the hierarchy."""

from __future__ import annotations

from fastapi import APIRouter

from patronage_graph import queries
from patronage_graph.results import LayoffStatistics, QuotaFlow

from ..deadline import BoundedRoute
from ..deps import DatabaseDep, DriverDep
from ..params import QuotaKind, Year

router = APIRouter(tags=["statistics"], route_class=BoundedRoute)


@router.get("/statistics/layoffs", response_model=LayoffStatistics)
def layoffs(driver: DriverDep, db: DatabaseDep) -> LayoffStatistics:
    """The conflicting published layoff counts, and the gaps derived from them."""
    return queries.layoff_statistics(driver, database=db)


@router.get("/quotas", response_model=QuotaFlow)
def quotas(kind: QuotaKind, year: Year, driver: DriverDep, db: DatabaseDep) -> QuotaFlow:
    """A quota kind and year followed down the hierarchy, with mismatches reported."""
    return queries.quota_flow(driver, kind=kind, year=year, database=db)
