"""patronage-graph: the geometry of urban political patronage as a Neo4j graph.

The public surface is small and re-exported here; a test pins it.
"""

from __future__ import annotations

from .connect import connect
from .cypher_registry import Query, QueryRegistry, load_registry, registry
from .database import create_driver
from .errors import (
    AuthenticationError,
    ConfigError,
    DatabaseError,
    DatabaseUnavailable,
    LocalServerError,
    NotFoundError,
    PatronageGraphError,
    PortInUseError,
    Problem,
    QueryRegistryError,
    UnsafeQueryError,
    ValidationError,
)
from .loader import LoadReport, load_paths, validate_paths
from .neo4j_local import LocalServer
from .schema import apply_schema
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "AuthenticationError",
    "ConfigError",
    "DatabaseError",
    "DatabaseUnavailable",
    "LoadReport",
    "LocalServer",
    "LocalServerError",
    "NotFoundError",
    "PatronageGraphError",
    "PortInUseError",
    "Problem",
    "Query",
    "QueryRegistry",
    "QueryRegistryError",
    "Settings",
    "UnsafeQueryError",
    "ValidationError",
    "__version__",
    "apply_schema",
    "connect",
    "create_driver",
    "load_paths",
    "load_registry",
    "registry",
    "validate_paths",
]
