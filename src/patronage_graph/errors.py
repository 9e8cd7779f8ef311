"""The project's exceptions.

Every error a user can cause or meet derives from :class:`PatronageGraphError`,
so the CLI and the API can show a clear message instead of a traceback::

    PatronageGraphError
    ├── ConfigError            settings missing or unsafe (e.g. no password)
    ├── LocalServerError       the Maven-assembled Neo4j could not be set up or started
    │   └── PortInUseError     a port the server needs is taken
    ├── DatabaseError          Neo4j refused or failed a query
    │   ├── DatabaseUnavailable  Neo4j cannot be reached (API answers 503)
    │   └── AuthenticationError  wrong user or password
    ├── QueryRegistryError     a cypher/*.cypher file is malformed or a name is unknown
    ├── ValidationError        loader input does not fit the model (carries every problem)
    ├── NotFoundError          an id that is not in the graph
    ├── UnsafeQueryError       ad-hoc Cypher that would write, administer or read files
    ├── DeadlineExceeded       a call Neo4j did not answer within its deadline (API: 504)
    └── TooManyQueries         every slot for ad-hoc Cypher is taken (API: 503)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AuthenticationError",
    "ConfigError",
    "DatabaseError",
    "DatabaseUnavailable",
    "DeadlineExceeded",
    "LocalServerError",
    "NotFoundError",
    "PatronageGraphError",
    "PortInUseError",
    "Problem",
    "QueryRegistryError",
    "TooManyQueries",
    "UnsafeQueryError",
    "ValidationError",
]


class PatronageGraphError(Exception):
    """Base class of every error raised by patronage-graph."""


class ConfigError(PatronageGraphError):
    """Settings are missing, inconsistent or unsafe."""


class LocalServerError(PatronageGraphError):
    """The local Neo4j server could not be assembled, started or stopped."""


class PortInUseError(LocalServerError):
    """A port the local server needs is already taken by another process."""


class DatabaseError(PatronageGraphError):
    """Neo4j refused or failed a query; ``code`` is Neo4j's status code when known."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class DatabaseUnavailable(DatabaseError):
    """Neo4j cannot be reached right now; retry later."""


class AuthenticationError(DatabaseError):
    """Neo4j rejected the user name or password."""


class QueryRegistryError(PatronageGraphError):
    """A Cypher file is malformed, a query name repeats, or a name is unknown."""


class NotFoundError(PatronageGraphError):
    """An id that the graph does not hold."""

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(f"no {kind} with id {id!r}")
        self.kind = kind
        self.id = id


class UnsafeQueryError(PatronageGraphError):
    """Ad-hoc Cypher that would write, administer the server or read files."""


class DeadlineExceeded(PatronageGraphError):
    """Neo4j did not answer a call within its deadline; the caller stopped waiting."""


class TooManyQueries(PatronageGraphError):
    """Every slot for researchers' queries is held by a query still running."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with loader input, located as precisely as known."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


class ValidationError(PatronageGraphError):
    """Loader input does not fit the model; ``problems`` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the input; nothing was written:\n{lines}")
