"""write_records: the path a synthetic generator streams into, without YAML."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from patronage_graph import database
from patronage_graph.loader import NodeRecord, RelRecord, node_record, rel_record, write_records

pytestmark = pytest.mark.integration
N = 2_500


def counts(driver: Driver) -> tuple[int, int]:
    row = database.read(driver, "db_counts")[0]
    return row["nodes"], row["relationships"]


def nodes() -> Iterator[NodeRecord]:
    yield node_record(
        "Source", {"id": "g-src", "name": "Generated", "kind": "synthetic", "citation": "generator"}
    )
    yield node_record(
        "Enterprise",
        {
            "id": "g-firm",
            "name": "Firm",
            "level": "city",
            "system": "industry",
            "ownership": "state",
        },
    )
    for i in range(N):
        extra = ("Cadre",) if i % 10 == 0 else ()
        yield node_record(
            "Worker", {"id": f"g-w{i}", "name": f"W{i}", "status": "xiagang"}, extra=extra
        )


def rels() -> Iterator[RelRecord]:
    for i in range(N):
        yield rel_record("EMPLOYED_BY", f"g-w{i}", "g-firm", {"sources": ["g-src"], "since": 1980})
        yield rel_record("LAID_OFF_BY", f"g-w{i}", "g-firm", {"sources": ["g-src"], "year": 1998})


@pytest.mark.parametrize("atomic", [True, False])
def test_streamed_records_are_written_in_batches_and_rewriting_adds_nothing(
    empty_db: Driver, atomic: bool
) -> None:
    first = write_records(empty_db, nodes(), rels(), batch_size=700, atomic=atomic)
    assert counts(empty_db) == (N + 2, 2 * N)
    assert first.created.labels["Cadre"] == N // 10 and first.created.labels["Worker"] == N
    assert first.created.ties == {"employment": 2 * N}
    again = write_records(empty_db, nodes(), rels(), batch_size=700, atomic=atomic)
    assert again.created.nodes == 0 and again.created.relationships == 0
    assert counts(empty_db) == (N + 2, 2 * N)


def test_progress_is_reported_per_batch(empty_db: Driver) -> None:
    seen: list[tuple[str, int, int | None]] = []
    write_records(
        empty_db,
        list(nodes()),
        list(rels()),
        batch_size=1_000,
        progress=lambda phase, done, total: seen.append((phase, done, total)),
    )
    assert seen[-1] == ("relationships", 2 * N, 2 * N)
    assert ("nodes", N + 2, N + 2) in seen
