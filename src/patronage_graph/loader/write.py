"""Write records in batched ``UNWIND`` statements inside ONE explicit transaction.

One transaction is what makes a load all or nothing: if the process dies (even
``kill -9``) or a statement fails, Neo4j rolls the transaction back when the
connection drops, and the database is as it was. Nodes are grouped by label set
and relationships by type, so each statement is a single plan that seeks the
``Entity(id)`` index; the relationship type is pasted from the model's whitelist
through the registry's ``{{rel_type}}`` slot (a MERGE with a dynamic type would
scan every relationship).
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction, Transaction

from .. import database as db
from .. import model
from ..cypher_registry import registry
from ..database import translate_errors
from ..errors import Problem, ValidationError
from .records import NodeRecord, RelRecord
from .report import Counts

__all__ = ["DEFAULT_BATCH", "Progress", "WriteResult", "new_stamp", "stamp_graph", "write_records"]

DEFAULT_BATCH = 5_000
#: ``progress(phase, done, total)``: phase is "files" (reading), "delete", "nodes" or
#: "relationships".
Progress = Callable[[str, int, int | None], None]
_Tx = Transaction | ManagedTransaction


def new_stamp() -> str:
    """A fresh graph generation stamp (written with every load; see graph_stamp_set)."""
    return uuid.uuid4().hex


def stamp_graph(driver: Driver, *, database: str = "neo4j") -> None:
    """Give the graph a new generation stamp in a transaction of its own.

    For the load paths that do not write in one transaction (the CREATE path, the
    offline import); the API's ETags key on the stamp.
    """
    db.write(driver, "graph_stamp_set", {"stamp": new_stamp()}, database=database)


class _LazyStamp:
    @property
    def text(self) -> str:
        return registry()["graph_stamp_set"].text


_STAMP = _LazyStamp()


@dataclass
class WriteResult:
    """What the write created (not what it found already there)."""

    created: Counts
    properties_set: int = 0
    deleted_nodes: int = 0


@dataclass
class _Writer:
    run: Callable[[Callable[[_Tx], Any]], Any]
    batch_size: int
    progress: Progress | None
    labels: Counter[tuple[str, ...]] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    properties_set: int = 0
    deleted: int = 0
    done: Counter[str] = field(default_factory=Counter)

    def tick(self, phase: str, count: int, total: int | None) -> None:
        self.done[phase] += count
        if self.progress is not None:
            self.progress(phase, self.done[phase], total)

    def delete_all(self) -> None:
        query = registry()["load_delete_batch"]
        while True:
            records = self.run(lambda tx: list(tx.run(query.text, batch=10_000)))
            deleted = int(records[0]["deleted"]) if records else 0
            if not deleted:
                return
            self.deleted += deleted
            self.tick("delete", deleted, None)

    def node_batch(
        self, labels: tuple[str, ...], rows: list[dict[str, Any]], total: int | None
    ) -> None:
        text = registry()["load_nodes"].text

        def work(tx: _Tx) -> Any:
            result = tx.run(text, rows=rows, labels=list(labels))
            return result.consume().counters

        counters = self.run(work)
        self.labels[labels] += counters.nodes_created
        self.properties_set += counters.properties_set
        self.tick("nodes", len(rows), total)

    def rel_batch(self, rel_type: str, rows: list[dict[str, Any]], total: int | None) -> None:
        text = _rel_text(rel_type)

        def work(tx: _Tx) -> tuple[int, Any]:
            result = tx.run(text, rows=rows)
            written = int(result.single(strict=True)["written"])
            return written, result.consume().counters

        written, counters = self.run(work)
        if written != len(rows):
            raise ValidationError(
                [
                    Problem(
                        "<records>",
                        None,
                        "from/to",
                        f"{len(rows) - written} "
                        f"{rel_type} relationship(s) name an end that is not "
                        "in the database; nothing was written",
                    )
                ]
            )
        self.types[rel_type] += counters.relationships_created
        self.properties_set += counters.properties_set
        self.tick("relationships", len(rows), total)


def _rel_text(rel_type: str) -> str:
    return registry()["load_relationships"].render({"rel_type": model.REL_TYPES}, rel_type=rel_type)


def _total(items: Iterable[Any]) -> int | None:
    return len(items) if isinstance(items, Sized) else None


def _write_all(
    writer: _Writer, nodes: Iterable[NodeRecord], rels: Iterable[RelRecord], replace: bool
) -> None:
    if replace:
        writer.delete_all()
    total = _total(nodes)
    pending: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        rows = pending[node.label_key]
        rows.append({"id": node.id, "props": node.props})
        if len(rows) >= writer.batch_size:
            writer.node_batch(node.label_key, rows, total)
            pending[node.label_key] = []
    for labels, rows in pending.items():
        if rows:
            writer.node_batch(labels, rows, total)
    total = _total(rels)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in rels:
        group = by_type[rel.type]
        group.append({"id": rel.id, "start": rel.start, "end": rel.end, "props": rel.props})
        if len(group) >= writer.batch_size:
            writer.rel_batch(rel.type, group, total)
            by_type[rel.type] = []
    for rel_type, group in by_type.items():
        if group:
            writer.rel_batch(rel_type, group, total)


def write_records(
    driver: Driver,
    nodes: Iterable[NodeRecord],
    rels: Iterable[RelRecord],
    *,
    database: str = "neo4j",
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    replace: bool = False,
    atomic: bool = True,
) -> WriteResult:
    """Write already-validated records; nodes first, then relationships.

    With ``atomic`` (the default) everything runs in one transaction: all or
    nothing. ``atomic=False`` commits each batch on its own (retried by the
    driver; MERGE makes a retry harmless) for inputs too large for one
    transaction's memory: an interrupted load is then partial, and running it
    again completes it. ``replace`` first deletes everything, in the same
    transaction when atomic.
    """
    with (
        translate_errors(f"Neo4j (loading into database {database!r})"),
        driver.session(database=database) as session,
    ):
        if atomic:
            with session.begin_transaction() as tx:
                writer = _Writer(lambda work: work(tx), batch_size, progress)
                _write_all(writer, nodes, rels, replace)
                tx.run(_STAMP.text, stamp=new_stamp()).consume()
                tx.commit()
        else:
            writer = _Writer(session.execute_write, batch_size, progress)
            _write_all(writer, nodes, rels, replace)
            stamp_graph(driver, database=database)
    return WriteResult(
        Counts.of_labels(writer.labels, writer.types), writer.properties_set, writer.deleted
    )
