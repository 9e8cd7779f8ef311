"""``GET /health``: is the API up, does Neo4j answer, which version, how big is the graph."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from fastapi import APIRouter, Request, Response, status
from neo4j import Driver

from patronage_graph import __version__, database
from patronage_graph.errors import DatabaseError, DatabaseUnavailable

from ..deps import DatabaseDep, HolderDep
from ..errors import RETRY_AFTER_S
from ..models import HealthOut, Neo4jStatus, Totals

router = APIRouter(tags=["health"])

#: Threads of its own: the endpoint never waits behind researchers' queries or the
#: thread pool of the other endpoints (see patronage_graph_api.deadline).
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="health")
#: Seconds /health waits for Neo4j before answering 503 itself.
HEALTH_DEADLINE_S = 4.0


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
async def health(
    holder: HolderDep, db: DatabaseDep, request: Request, response: Response
) -> HealthOut:
    """API and Neo4j status, Neo4j's version and the graph's size (503 while Neo4j is away).

    Answers within a few seconds whatever else the API is doing: it has its own
    threads and its own Neo4j connections, and a Neo4j that does not answer within
    4 s counts as unavailable. Always tried: it updates the known state that lets
    other endpoints answer 503 at once while Neo4j is away.
    """
    availability = request.app.state.availability
    loop = asyncio.get_running_loop()
    try:
        answer = await asyncio.wait_for(
            loop.run_in_executor(_POOL, lambda: _check(holder.health_driver(), db)),
            HEALTH_DEADLINE_S,
        )
        availability.mark_up()
        return answer
    except (DatabaseUnavailable, DatabaseError, TimeoutError) as e:
        if isinstance(e, DatabaseUnavailable):  # a slow answer is not a dead server
            availability.mark_down()
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
        return HealthOut(
            status="unavailable",
            version=__version__,
            neo4j=Neo4jStatus(available=False, database=db),
        )
