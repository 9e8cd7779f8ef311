"""Apply ``cypher/schema.cypher``: a constraint per label and the query indexes."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver, ManagedTransaction

from . import database
from .cypher_registry import registry

__all__ = ["SchemaReport", "apply_schema", "schema_state"]


@dataclass(frozen=True)
class SchemaReport:
    constraints: list[str]
    indexes: list[str]
    created: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.created)


def schema_state(driver: Driver, *, database_name: str = "neo4j") -> tuple[list[str], list[str]]:
    """Names of the constraints and indexes now in the database."""
    constraints = database.read(driver, "show_constraints", database=database_name)
    indexes = database.read(driver, "show_indexes", database=database_name)
    return [r["name"] for r in constraints], [r["name"] for r in indexes]


def _run_statement(tx: ManagedTransaction, statement: str) -> None:
    tx.run(statement).consume()


def apply_schema(
    driver: Driver, *, database_name: str = "neo4j", timeout_s: int = 300
) -> SchemaReport:
    """Create what is missing, wait for indexes to come online, report what was created."""
    before_c, before_i = schema_state(driver, database_name=database_name)
    query = registry()["schema"]
    with database.translate_errors(), driver.session(database=database_name) as session:
        for statement in query.statements():
            # A managed transaction: a transient error (a deadlock with another client
            # creating the same schema on a fresh server) is retried by the driver.
            session.execute_write(_run_statement, statement)
        session.run(registry()["await_indexes"].text, timeout_s=timeout_s).consume()
    after_c, after_i = schema_state(driver, database_name=database_name)
    created = sorted(set(after_c + after_i) - set(before_c + before_i))
    return SchemaReport(after_c, after_i, created)
