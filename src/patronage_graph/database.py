"""Driver creation and the two ways every query runs: read and write.

Reads go through ``execute_query(..., routing_=READ)`` so the same code runs on
one server, a cluster or Aura. Driver errors are re-raised under the project's
own hierarchy, so callers never see a raw traceback from the driver.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, RoutingControl
from neo4j import exceptions as neo4j_errors

from .cypher_registry import Query, registry
from .errors import AuthenticationError, DatabaseError, DatabaseUnavailable

__all__ = [
    "create_driver",
    "read",
    "translate_errors",
    "write",
]

T = TypeVar("T")


def create_driver(uri: str, user: str, password: str, **config: Any) -> Driver:
    """Open a driver and check that the server answers and accepts the credentials."""
    config.setdefault("connection_acquisition_timeout", 10.0)
    config.setdefault("max_connection_lifetime", 300)
    config.setdefault("liveness_check_timeout", 30.0)  # detect stale pooled connections
    config.setdefault("user_agent", "patronage-graph")
    # Planner notices ("label does not exist" on a fresh database) are noise to a
    # researcher and cost a round of work on the server; ask for none.
    config.setdefault("notifications_min_severity", "OFF")
    driver = GraphDatabase.driver(uri, auth=(user, password), **config)
    try:
        with translate_errors(f"Neo4j at {uri}"):
            driver.verify_connectivity()
    except Exception:
        driver.close()
        raise
    return driver


@contextmanager
def translate_errors(where: str = "Neo4j") -> Iterator[None]:
    """Re-raise driver errors as :class:`DatabaseError` and its subclasses."""
    try:
        yield
    except neo4j_errors.AuthError as e:
        raise AuthenticationError(
            f"{where} rejected the user name or password; check NEO4J_USER/NEO4J_PASSWORD "
            "(or the local credentials file)",
            getattr(e, "code", None),
        ) from e
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as e:
        raise DatabaseUnavailable(f"{where} is unreachable: {e}") from e
    except neo4j_errors.ConnectionPoolError as e:
        # Every connection is held by queries the server has not answered (or it
        # accepts connections but never replies): unavailable for now, not a bad request.
        raise DatabaseUnavailable(f"{where} gave no connection in time: {e}") from e
    except neo4j_errors.Neo4jError as e:
        raise DatabaseError(e.message or str(e), e.code) from e
    except neo4j_errors.DriverError as e:
        raise DatabaseError(f"{where}: {e}") from e


def _query(name: str | Query) -> Query:
    return name if isinstance(name, Query) else registry()[name]


def read(
    driver: Driver,
    name: str | Query,
    params: Mapping[str, Any] | None = None,
    *,
    database: str = "neo4j",
    transform: Callable[[neo4j.Result], T] | None = None,
) -> Any:
    """Run a registered read query and return its records (or ``transform(result)``)."""
    query = _query(name)
    return _execute(driver, query, params, database, RoutingControl.READ, transform)


def write(
    driver: Driver,
    name: str | Query,
    params: Mapping[str, Any] | None = None,
    *,
    database: str = "neo4j",
    text: str | None = None,
) -> list[neo4j.Record]:
    """Run a registered write query (``text`` overrides it for rendered templates)."""
    query = _query(name)
    result: list[neo4j.Record] = _execute(
        driver, query, params, database, RoutingControl.WRITE, None, text
    )
    return result


def _execute(
    driver: Driver,
    query: Query,
    params: Mapping[str, Any] | None,
    database: str,
    routing: RoutingControl,
    transform: Callable[[neo4j.Result], T] | None,
    text: str | None = None,
) -> Any:
    with translate_errors():
        if transform is None:
            records, _, _ = driver.execute_query(
                text or query.text, dict(params or {}), database_=database, routing_=routing
            )
            return records
        return driver.execute_query(
            text or query.text,
            dict(params or {}),
            database_=database,
            routing_=routing,
            result_transformer_=transform,
        )
