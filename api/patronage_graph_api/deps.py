"""Dependencies shared by the routers, as ``Annotated`` aliases.

Endpoints are plain ``def`` functions: FastAPI runs them in its thread pool,
where the synchronous driver and the repository functions (the same ones the
CLI calls) block a worker thread, not the event loop. See docs/api.md.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import Depends, Request
from neo4j import Driver

from patronage_graph.errors import DatabaseUnavailable
from patronage_graph.settings import Settings

from .availability import Availability
from .neo4j_holder import Neo4jHolder

__all__ = ["DatabaseDep", "DriverDep", "HolderDep", "SettingsDep"]


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_holder(request: Request) -> Neo4jHolder:
    holder: Neo4jHolder = request.app.state.neo4j
    return holder


def get_availability(request: Request) -> Availability:
    availability: Availability = request.app.state.availability
    return availability


async def get_driver(
    request: Request, holder: Annotated[Neo4jHolder, Depends(get_holder)]
) -> AsyncIterator[Driver]:
    """The app's driver; 503 (via the error handlers) while Neo4j is away.

    ``async`` so the common case costs no thread hop; opening the driver blocks,
    so that (rare) case goes to a worker thread. While Neo4j is known to be down
    the 503 comes at once, except for one request a second that tries (see
    :mod:`patronage_graph_api.availability`); a request that ends without error marks
    Neo4j up.
    """
    availability = get_availability(request)
    if not availability.may_try():
        raise DatabaseUnavailable("Neo4j was unreachable moments ago (answering from its state)")
    driver = holder.current
    yield driver if driver is not None else await anyio.to_thread.run_sync(holder.get)
    if availability.down:
        availability.mark_up()


async def get_database(settings: Annotated[Settings, Depends(get_settings)]) -> str:
    return settings.neo4j_database


SettingsDep = Annotated[Settings, Depends(get_settings)]
HolderDep = Annotated[Neo4jHolder, Depends(get_holder)]
DriverDep = Annotated[Driver, Depends(get_driver)]
DatabaseDep = Annotated[str, Depends(get_database)]
