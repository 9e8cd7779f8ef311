"""Load a synthetic country through the loader's record-level writer (the online path).

The generator runs twice, once for the nodes and once for the relationships:
it is deterministic, so the second pass names exactly the nodes the first one
wrote, and nothing but one batch is ever held in memory. Batches commit one by
one (``atomic=False``), since a country is too large for one transaction.

With ``writers`` > 1 the MERGE loader runs that many sessions at once, each over
its own part of the cities (:func:`generate_part`); nodes are all written before
any relationship, as with one writer. An interrupted load is partial either way,
and loading again completes it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from neo4j import Driver

from ..loader import NodeRecord, RelRecord, node_record, rel_record, write_records
from ..schema import apply_schema
from .calibration import CALIBRATION, Calibration
from .fast_create import create_records
from .generator import generate, generate_part, shape
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


def node_records(
    workers: int, seed: int, cal: Calibration = CALIBRATION, part: int = 0, parts: int = 1
) -> Iterator[NodeRecord]:
    """The country's nodes as loader records (part ``part`` of ``parts``)."""
    for r in generate_part(workers, seed, part, parts, cal):
        if isinstance(r, Node):
            yield node_record(r.label, r.props, extra=r.extra)


def rel_records(
    workers: int, seed: int, cal: Calibration = CALIBRATION, part: int = 0, parts: int = 1
) -> Iterator[RelRecord]:
    """The country's relationships as loader records (with ``tie`` and a stable ``id``)."""
    for r in generate_part(workers, seed, part, parts, cal):
        if isinstance(r, Rel):
            yield rel_record(r.type, r.start, r.end, r.props)


class _Tally:
    """Progress summed over concurrent writers: each reports its own running count."""

    def __init__(self, progress: Progress | None, parts: int) -> None:
        self.progress = progress
        self.done = [0] * parts
        self.lock = threading.Lock()

    def reporter(self, part: int) -> Callable[[str, int, int | None], None] | None:
        if self.progress is None:
            return None

        def report(phase: str, done: int, _total: int | None) -> None:
            with self.lock:
                self.done[part] = done
                total = sum(self.done)
            assert self.progress is not None
            self.progress(phase, total)

        return report


def _merge_phase(
    driver: Driver,
    workers: int,
    seed: int,
    phase: str,
    *,
    database: str,
    batch_size: int,
    writers: int,
    progress: Progress | None,
    cal: Calibration,
) -> int:
    """One phase ("nodes" or "relationships") through the MERGE loader, ``writers`` at once."""
    tally = _Tally(progress, writers)

    def write(part: int) -> int:
        nodes = phase == "nodes"
        created = write_records(
            driver,
            node_records(workers, seed, cal, part, writers) if nodes else (),
            () if nodes else rel_records(workers, seed, cal, part, writers),
            database=database,
            batch_size=batch_size,
            progress=tally.reporter(part),
            atomic=False,
        ).created
        return created.nodes if nodes else created.relationships

    if writers == 1:
        return write(0)
    with ThreadPoolExecutor(writers, thread_name_prefix="synthetic-load") as pool:
        return sum(pool.map(write, range(writers)))


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
    writers: int = 1,
) -> LoadStats:
    """Generate and write a country into a running database, batch by batch.

    ``method="loader"`` goes through :func:`patronage_graph.loader.write_records`
    (MERGE: safe to repeat); ``"create"`` uses plain CREATE for a database that
    does not yet hold this country (a repeat fails on the id constraint). The
    schema is applied first: every write seeks the ``Entity(id)`` index.
    ``writers`` (MERGE loader only) is how many sessions write at once.
    """
    if writers < 1:
        raise ValueError("writers must be at least 1")
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
        parts = max(1, min(writers, shape(workers, cal).cities))

        def phase(name: str) -> int:
            return _merge_phase(
                driver,
                workers,
                seed,
                name,
                database=database,
                batch_size=batch_size,
                writers=parts,
                progress=progress,
                cal=cal,
            )

        nodes = phase("nodes")
        middle = time.perf_counter()
        rels = phase("relationships")
    end = time.perf_counter()
    return LoadStats(
        nodes, rels, end - began, (("nodes", middle - began), ("relationships", end - middle))
    )
