"""Open a driver from settings: the user's own server, or the local one.

Only the CLI, the API and tests call this; library functions take a driver.
"""

from __future__ import annotations

from collections.abc import Callable

from neo4j import Driver

from .database import create_driver
from .errors import ConfigError
from .neo4j_local import LocalServer
from .settings import Settings

__all__ = ["connect"]


def connect(
    settings: Settings, *, start_local: bool = True, progress: Callable[[str], None] | None = None
) -> Driver:
    """A checked driver for ``NEO4J_URI``, or for the local server (started if needed)."""
    if not settings.uses_local_server:
        assert settings.neo4j_uri is not None and settings.neo4j_password is not None
        return create_driver(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password.get_secret_value()
        )
    server = LocalServer.from_settings(settings)
    if not server.status().running:
        if not start_local:
            raise ConfigError(
                "no Neo4j is running: start the local one with `patronage-graph neo4j start`, "
                "or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD for your own server"
            )
        server.start(progress=progress or (lambda _: None))
    creds = server.credentials()
    return create_driver(creds.uri, creds.user, creds.password)
