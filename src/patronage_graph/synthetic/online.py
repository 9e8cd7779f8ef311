"""Load a synthetic country through the loader's record-level writer (the online path).

The generator runs twice, once for the nodes and once for the relationships:
it is deterministic, so the second pass names exactly the nodes the first one
wrote, and nothing but one batch is ever held in memory. Batches commit one by
one (``atomic=False``), since a country is too large for one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from neo4j import Driver

from ..loader import NodeRecord, RelRecord, node_record, rel_record, write_records
from ..schema import apply_schema
from .calibration import CALIBRATION, Calibration
from .fast_create import create_records
from .generator import generate
from .records import Node, Rel

Method = Literal["loader", "create"]

__all__ = ["LoadStats", "Method", "load_online"]

#: ``progress(phase, done)``; phase is "nodes" or "relationships".
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class LoadStats:
    """What a load wrote and how long it took, phase by phase."""

    nodes: int
    relationships: int
    seconds: float
    phases: tuple[tuple[str, float], ...] = ()

    @property
    def records_per_s(self) -> float:
        return (self.nodes + self.relationships) / self.seconds if self.seconds else 0.0

    @property
    def relationships_per_s(self) -> float:
        return self.relationships / self.seconds if self.seconds else 0.0


def node_records(workers: int, seed: int, cal: Calibration = CALIBRATION) -> Iterator[NodeRecord]:
    """The country's nodes as loader records."""
    for r in generate(workers, seed, cal):
        if isinstance(r, Node):
            yield node_record(r.label, r.props, extra=r.extra)


def rel_records(workers: int, seed: int, cal: Calibration = CALIBRATION) -> Iterator[RelRecord]:
    """The country's relationships as loader records (with ``tie`` and a stable ``id``)."""
    for r in generate(workers, seed, cal):
        if isinstance(r, Rel):
            yield rel_record(r.type, r.start, r.end, r.props)


def load_online(
    driver: Driver,
    workers: int,
    seed: int,
    *,
    database: str = "neo4j",
    method: Method = "loader",
    batch_size: int = 10_000,
    progress: Progress | None = None,
    cal: Calibration = CALIBRATION,
) -> LoadStats:
    """Generate and write a country into a running database, batch by batch.

    ``method="loader"`` goes through :func:`patronage_graph.loader.write_records`
    (MERGE: safe to repeat); ``"create"`` uses plain CREATE for a database that
    does not yet hold this country (a repeat fails on the id constraint). The
    schema is applied first: every write seeks the ``Entity(id)`` index.
    """
    apply_schema(driver, database_name=database)
    began = time.perf_counter()
    if method == "create":
        nodes = create_records(
            driver,
            generate(workers, seed, cal),
            phase="nodes",
            database=database,
            batch_size=batch_size,
            tick=progress,
        )
        middle = time.perf_counter()
        rels = create_records(
            driver,
            generate(workers, seed, cal),
            phase="relationships",
            database=database,
            batch_size=batch_size,
            tick=progress,
        )
    else:
        report = None if progress is None else (lambda phase, done, _t: progress(phase, done))
        nodes = write_records(
            driver,
            node_records(workers, seed, cal),
            (),
            database=database,
            batch_size=batch_size,
            progress=report,
            atomic=False,
        ).created.nodes
        middle = time.perf_counter()
        rels = write_records(
            driver,
            (),
            rel_records(workers, seed, cal),
            database=database,
            batch_size=batch_size,
            progress=report,
            atomic=False,
        ).created.relationships
    end = time.perf_counter()
    return LoadStats(
        nodes, rels, end - began, (("nodes", middle - began), ("relationships", end - middle))
    )
