"""The CREATE-only online writer: for a country loaded into a database known to be empty.

The loader's writer MERGEs, which is right for a researcher's files that may be
loaded twice; a freshly generated country is new by construction, so plain
``CREATE`` (``cypher/synthetic.cypher``) saves a lookup per row. Batches are
grouped by label set and by type and committed one by one; each phase ends with a
new generation stamp, as the loader's loads do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from neo4j import Driver, ManagedTransaction

from .. import model
from ..cypher_registry import registry
from ..database import translate_errors
from ..loader import derive_rel_id
from ..loader.write import stamp_graph
from .records import Node, Record, Rel

__all__ = ["create_records"]

Tick = Callable[[str, int], None]


def _run(driver: Driver, database: str, text: str, params: dict[str, Any]) -> int:
    def work(tx: ManagedTransaction) -> int:
        return int(tx.run(text, params).single(strict=True)["written"])

    with translate_errors(), driver.session(database=database) as session:
        return session.execute_write(work)


def create_records(
    driver: Driver,
    records: Iterable[Record],
    *,
    phase: str,
    database: str = "neo4j",
    batch_size: int = 10_000,
    tick: Tick | None = None,
) -> int:
    """Create the nodes (``phase="nodes"``) or the relationships of ``records``."""
    pending: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    done = 0

    def flush(key: Any) -> None:
        nonlocal done
        rows, pending[key] = pending[key], []
        if phase == "nodes":
            done += _run(
                driver,
                database,
                registry()["synthetic_create_nodes"].text,
                {"rows": rows, "labels": list(key)},
            )
        else:
            text = registry()["synthetic_create_relationships"].render(
                {"rel_type": model.REL_TYPES}, rel_type=key
            )
            done += _run(driver, database, text, {"rows": rows})
        if tick is not None:
            tick(phase, done)

    for record in records:
        if phase == "nodes" and isinstance(record, Node):
            key: Any = record.labels
            pending[key].append(record.props)
        elif phase == "relationships" and isinstance(record, Rel):
            key = record.type
            props = dict(
                record.props,
                tie=model.REL_TYPES[key].tie,
                id=derive_rel_id(key, record.start, record.end, record.props),
            )
            pending[key].append({"start": record.start, "end": record.end, "props": props})
        else:
            continue
        if len(pending[key]) >= batch_size:
            flush(key)
    for key in [k for k, rows in pending.items() if rows]:
        flush(key)
    stamp_graph(driver, database=database)  # as every load does: the API's ETags go stale
    return done
