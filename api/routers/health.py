"""``GET /health``: is the API up, does Neo4j answer, which version, how big is the graph."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from neo4j import Driver

from patronage_graph import __version__, database
from patronage_graph.errors import DatabaseUnavailable

from ..deps import DatabaseDep, HolderDep
from ..errors import RETRY_AFTER_S
from ..models import HealthOut, Neo4jStatus, Totals

router = APIRouter(tags=["health"])


def _check(driver: Driver, db: str) -> HealthOut:
    component = database.read(driver, "server_version", database=db)[0]
    totals = database.read(driver, "api_totals", database=db)[0]
    return HealthOut(
        status="ok",
        version=__version__,
        neo4j=Neo4jStatus(
            available=True,
            database=db,
            name=component["name"],
            version=component["version"],
            edition=component["edition"],
        ),
        counts=Totals(nodes=totals["nodes"], relationships=totals["relationships"]),
    )


@router.get(
    "/health",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "Neo4j is unavailable"}},
)
def health(holder: HolderDep, db: DatabaseDep, request: Request, response: Response) -> HealthOut:
    """API and Neo4j status, Neo4j's version and the graph's size (503 while Neo4j is away)."""
    availability = request.app.state.availability  # always tried; updates the known state
    try:
        answer = _check(holder.get(), db)
        availability.mark_up()
        return answer
    except DatabaseUnavailable:
        availability.mark_down()
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
        return HealthOut(
            status="unavailable",
            version=__version__,
            neo4j=Neo4jStatus(available=False, database=db),
        )
