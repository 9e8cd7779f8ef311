"""The one driver the app holds for its life, opened lazily and reopened on need.

If Neo4j is down when the API starts, the API still starts and answers 503
until Neo4j is back: the holder tries to open the driver again on the next
request (at most once a second). Once open, the driver itself recovers from a
Neo4j restart: a connection that fails is dropped with every other pooled
connection to that server, and idle ones are checked before reuse.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

from neo4j import Driver

from patronage_graph.database import create_driver
from patronage_graph.errors import (
    AuthenticationError,
    DatabaseUnavailable,
    LocalServerError,
    PatronageGraphError,
)
from patronage_graph.neo4j_local import LocalServer
from patronage_graph.settings import Settings

__all__ = ["DRIVER_CONFIG", "HEALTH_DRIVER_CONFIG", "Neo4jHolder"]

#: Driver settings for a server process: fail fast while Neo4j is away (503 within
#: seconds instead of the driver's default 30 s of retries) and check connections
#: that sat idle before reusing them.
DRIVER_CONFIG: dict[str, Any] = {
    "max_transaction_retry_time": 3.0,
    "connection_timeout": 5.0,
    "connection_acquisition_timeout": 5.0,
    "liveness_check_timeout": 10.0,
    "max_connection_pool_size": 64,
}
_RETRY_EVERY_S = 1.0
#: ``GET /health`` has a driver of its own, with a small pool: requests that hold
#: every connection of the main pool (stuck queries) never make it wait.
HEALTH_DRIVER_CONFIG: dict[str, Any] = {
    **DRIVER_CONFIG,
    "max_connection_pool_size": 2,
    "connection_acquisition_timeout": 3.0,
    "max_transaction_retry_time": 0.0,
}


class Neo4jHolder:
    """Opens the driver on first use and keeps it; closed by the app's lifespan."""

    def __init__(self, settings: Settings, driver: Driver | None = None) -> None:
        self._settings = settings
        self._driver = driver
        self._lock = threading.Lock()
        self._failed_at = 0.0
        self._failure: PatronageGraphError | None = None
        self._health_driver: Driver | None = None
        self._health_lock = threading.Lock()

    @property
    def database(self) -> str:
        return self._settings.neo4j_database

    @property
    def current(self) -> Driver | None:
        """The open driver, or None when it has not been opened (yet)."""
        return self._driver

    def get(self) -> Driver:
        """The driver, or :class:`DatabaseUnavailable` while it cannot be opened."""
        driver = self._driver
        if driver is not None:
            return driver
        with self._lock:
            if self._driver is None:
                self._driver = self._open()
            return self._driver

    def _open(self) -> Driver:
        if self._failure is not None and time.monotonic() - self._failed_at < _RETRY_EVERY_S:
            raise self._failure
        try:
            uri, user, password = self._credentials()
            return create_driver(uri, user, password, **DRIVER_CONFIG)
        except (DatabaseUnavailable, AuthenticationError, LocalServerError) as e:
            failure = e if isinstance(e, DatabaseUnavailable) else DatabaseUnavailable(str(e))
            self._failure, self._failed_at = failure, time.monotonic()
            raise failure from e

    def health_driver(self) -> Driver:
        """A second, small driver for ``GET /health`` (opened on first use)."""
        driver = self._health_driver
        if driver is not None:
            return driver
        with self._health_lock:
            if self._health_driver is None:
                try:
                    uri, user, password = self._credentials()
                    self._health_driver = create_driver(uri, user, password, **HEALTH_DRIVER_CONFIG)
                except (AuthenticationError, LocalServerError) as e:
                    raise DatabaseUnavailable(str(e)) from e
            return self._health_driver

    def _credentials(self) -> tuple[str, str, str]:
        s = self._settings
        if not s.uses_local_server:
            assert s.neo4j_uri is not None and s.neo4j_password is not None
            return s.neo4j_uri, s.neo4j_user, s.neo4j_password.get_secret_value()
        creds = LocalServer.from_settings(s).credentials()
        return creds.uri, creds.user, creds.password

    def try_open(self) -> None:
        """Open the driver now if Neo4j answers; stay closed (and quiet) if not."""
        with contextlib.suppress(DatabaseUnavailable):
            self.get()

    def close(self) -> None:
        with self._lock:
            if self._driver is not None:
                self._driver.close()
                self._driver = None
        with self._health_lock:
            if self._health_driver is not None:
                self._health_driver.close()
                self._health_driver = None
