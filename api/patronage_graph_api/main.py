"""The FastAPI app: ``create_app(settings)`` builds it, one router per resource.

``patronage-graph serve`` runs it with uvicorn; tests build it against the test
server. The app opens one Neo4j driver for its life (see
:mod:`patronage_graph_api.neo4j_holder`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from patronage_graph import __version__
from patronage_graph.settings import Settings

from .availability import Availability
from .errors import add_error_handlers
from .etag import ETags, GraphStamp
from .models import ErrorOut, Responses
from .neo4j_holder import Neo4jHolder
from .query_params import refuse_unknown_query_params
from .routers import analytics, cypher, entities, export, health, home, statistics, viz, workers
from .security import BodyLimit, SecurityHeaders, TrustedHosts

__all__ = ["create_app"]

#: Threads for the synchronous endpoints; below the driver's pool size so a burst
#: waits for a thread, not for a Neo4j connection.
WORKER_THREADS = 48

_COMMON_ERRORS: Responses = {
    503: {"model": ErrorOut, "description": "Neo4j is unavailable (see Retry-After)"},
}


# Pages answer HTML, their errors JSON: say so, or the docs would claim HTML errors.
_JSON: dict[str, Any] = {"content": {"application/json": {}}}
_PAGE_ERRORS: Responses = {
    404: {"model": ErrorOut, "description": "no entity with that id", **_JSON},
    400: {"model": ErrorOut, "description": "a refused or invalid query", **_JSON},
    422: {"description": "a parameter out of bounds", **_JSON},
    503: {"model": ErrorOut, "description": "Neo4j is unavailable", **_JSON},
}


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API for ``settings`` (read from the environment when not given)."""
    settings = settings or Settings()

    holder = Neo4jHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        await anyio.to_thread.run_sync(holder.try_open)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(holder.close)

    app = FastAPI(
        title="patronage-graph",
        version=__version__,
        summary="The geometry of urban political patronage in China (Solinger 2007) as a graph.",
        lifespan=lifespan,
        responses=_COMMON_ERRORS,
        # every route: a query parameter it does not declare is a 422, not ignored
        dependencies=[Depends(refuse_unknown_query_params)],
    )
    app.state.settings = settings
    app.state.neo4j = holder
    app.state.availability = Availability()
    add_error_handlers(app)
    for module in (home, health, workers, entities, statistics, analytics, export, cypher):
        app.include_router(module.router)
    app.include_router(viz.router, responses=_PAGE_ERRORS)
    app.add_middleware(BodyLimit)
    app.add_middleware(ETags, stamp=GraphStamp(holder, app.state.availability))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(TrustedHosts, allowed_hosts=settings.trusted_hosts)
    app.add_middleware(SecurityHeaders)
    return app
