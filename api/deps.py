"""Dependencies shared by the routers, as ``Annotated`` aliases.

Endpoints are plain ``def`` functions: FastAPI runs them in its thread pool,
where the synchronous driver and the repository functions (the same ones the
CLI calls) block a worker thread, not the event loop. See docs/api.md.
"""

from __future__ import annotations

import secrets
from typing import Annotated

import anyio
from fastapi import Depends, Header, HTTPException, Request, status
from neo4j import Driver

from patronage_graph.settings import Settings

from .neo4j_holder import Neo4jHolder

__all__ = ["DatabaseDep", "DriverDep", "HolderDep", "SettingsDep", "TokenDep"]


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_holder(request: Request) -> Neo4jHolder:
    holder: Neo4jHolder = request.app.state.neo4j
    return holder


async def get_driver(holder: Annotated[Neo4jHolder, Depends(get_holder)]) -> Driver:
    """The app's driver; 503 (via the error handlers) while Neo4j is away.

    ``async`` so the common case costs no thread hop; opening the driver blocks,
    so that (rare) case goes to a worker thread.
    """
    driver = holder.current
    return driver if driver is not None else await anyio.to_thread.run_sync(holder.get)


async def get_database(settings: Annotated[Settings, Depends(get_settings)]) -> str:
    return settings.neo4j_database


async def require_token(
    settings: Annotated[Settings, Depends(get_settings)],
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Endpoints that change data need ``Authorization: Bearer $PATRONAGE_API_TOKEN``."""
    expected = settings.api_token.get_secret_value() if settings.api_token else ""
    if not expected:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "changing data over HTTP is disabled: set PATRONAGE_API_TOKEN to enable it",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid 'Authorization: Bearer <token>' header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


SettingsDep = Annotated[Settings, Depends(get_settings)]
HolderDep = Annotated[Neo4jHolder, Depends(get_holder)]
DriverDep = Annotated[Driver, Depends(get_driver)]
DatabaseDep = Annotated[str, Depends(get_database)]
TokenDep = Annotated[None, Depends(require_token)]
