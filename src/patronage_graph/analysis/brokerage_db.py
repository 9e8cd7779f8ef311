"""Gould–Fernandez brokerage counted inside Neo4j, for graphs too large to export.

The same definitions as :mod:`.brokerage` (organizations grouped by ``system``,
collaborations mutual, open two-paths only), run as the ``analytics_brokerage``
query of ``cypher/analytics.cypher``: nothing but the counts leaves the database.
"""

from __future__ import annotations

from collections.abc import Collection

from neo4j import Driver

from ..queries._common import Evidence
from ..queries.graph import brokerage_counts
from .brokerage import ROLES
from .collapse import MUTUAL_TYPES

__all__ = ["brokerage_in_database"]


def brokerage_in_database(
    driver: Driver,
    *,
    city: str | None = None,
    tie_kinds: Collection[str] | None = None,
    mutual_types: Collection[str] = MUTUAL_TYPES,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> dict[str, dict[str, int]]:
    """Role counts of every organization that brokers at least one open two-path.

    Parameters
    ----------
    driver : neo4j.Driver
        An open driver.
    city : str, optional
        Count only brokers located in this city (its districts, streets and
        communities included). Their counts are those of the whole graph:
        brokerage depends only on a broker's neighbours and the ties among them.
    tie_kinds : collection of str, optional
        Count only ties of these kinds; ``None``: every kind.
    mutual_types : collection of str
        Relationship types read in both directions (default ``COLLABORATES_WITH``).
    evidence : {"stated", "general", "inferred"}
        The weakest grade of tie counted.
    database : str
        Name of the Neo4j database.

    Returns
    -------
    dict
        ``{organization id: {coordinator, itinerant, representative, gatekeeper,
        liaison, total}}``; organizations with no brokerage are absent (unlike
        :func:`.brokerage`, which reports zeros).
    """
    records = brokerage_counts(
        driver,
        city=city,
        tie_kinds=tie_kinds,
        mutual_types=mutual_types,
        evidence=evidence,
        database=database,
    )
    return {
        record["id"]: {role: int(record[role]) for role in (*ROLES, "total")} for record in records
    }
