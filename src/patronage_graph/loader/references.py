"""Checks that need every record at once, and the database: ids and references.

* ids are unique across all files (nodes, and relationships by their stable id);
* every reference (relationship ends, ``ref`` properties, ``sources``) names a node
  in the input or already in the database, with a label the model allows there;
* an id already in the database must mean the same thing: same labels and the
  same properties — otherwise it is reported as a collision, never merged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from neo4j import Driver

from .. import database as db
from .. import model
from ..cypher_registry import Query, registry
from ..errors import Problem
from .records import NodeRecord, Origin, RelRecord, derive_rel_id

__all__ = ["DbState", "check_references", "lookup_database"]

LOOKUP_BATCH = 10_000


@dataclass(frozen=True)
class StoredRel:
    type: str
    start: str
    end: str
    props: dict[str, Any]


@dataclass
class DbState:
    """What the database already holds of the ids the input mentions."""

    nodes: dict[str, tuple[frozenset[str], dict[str, Any]]] = field(default_factory=dict)
    rels: dict[str, StoredRel] = field(default_factory=dict)


def _batches(items: Sequence[Any], size: int = LOOKUP_BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def lookup_database(
    driver: Driver,
    nodes: Sequence[NodeRecord],
    rels: Sequence[RelRecord],
    *,
    database: str = "neo4j",
    broken: Sequence[NodeRecord | RelRecord] = (),
) -> DbState:
    """Fetch the stored nodes and relationships whose ids the input uses."""
    state = DbState()
    records: list[NodeRecord | RelRecord] = [*nodes, *rels, *broken]
    ids = sorted({n.id for n in nodes} | {ref.target for rec in records for ref in rec.refs})
    for batch in _batches(ids):
        for row in db.read(driver, "load_lookup_nodes", {"ids": list(batch)}, database=database):
            state.nodes[row["id"]] = (frozenset(row["labels"]), dict(row["props"]))
    in_db = [r for r in rels if r.start in state.nodes and r.end in state.nodes]
    by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
    for rel in in_db:
        by_type[rel.type].append({"id": rel.id, "start": rel.start, "end": rel.end})
    explicit = [
        {"id": r.id, "start": r.start, "end": r.end}
        for r in in_db
        if r.id != derive_rel_id(r.type, r.start, r.end, r.props)
    ]
    lookups = [(_typed_lookup(rel_type), rows) for rel_type, rows in by_type.items()]
    lookups.append((registry()["load_lookup_relationship_ids"], explicit))
    for query, rows in lookups:
        for batch in _batches(rows):
            for row in db.read(driver, query, {"rows": list(batch)}, database=database):
                state.rels[row["id"]] = StoredRel(
                    row["type"], row["start"], row["end"], dict(row["props"])
                )
    return state


def _typed_lookup(rel_type: str) -> Query:
    """The per-type lookup with its type pasted from the model's whitelist."""
    query = registry()["load_lookup_relationships"]
    text = query.render({"rel_type": model.REL_TYPES}, rel_type=rel_type)
    return replace(query, text=text, template=())


def _where(origin: Origin | None) -> tuple[str, int | None]:
    return (origin.file, origin.line) if origin else ("<records>", None)


def _describe(labels: frozenset[str] | tuple[str, ...]) -> str:
    known = [label for label in labels if label in model.NODE_LABELS]
    deepest = max(known, key=lambda label: len(model.ancestry(label)), default="?")
    return deepest


def _duplicates(records: Sequence[NodeRecord] | Sequence[RelRecord], what: str) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, Origin | None] = {}
    for rec in records:
        if rec.id in first:
            file, line = _where(first[rec.id])
            hint = (
                "give it its own `id` or a key property that tells the two apart"
                if what == "relationship"
                else "ids are unique across all files"
            )
            problems.append(
                Problem(
                    *_where(rec.origin),
                    "id",
                    f"{what} id {rec.id!r} is already used at {file}:{line}; {hint}",
                )
            )
        else:
            first[rec.id] = rec.origin
    return problems


def _known_labels(nodes: Sequence[NodeRecord], state: DbState) -> dict[str, frozenset[str]]:
    known = {node_id: labels for node_id, (labels, _) in state.nodes.items()}
    for node in nodes:
        known.setdefault(node.id, frozenset(node.labels))
    return known


def _dangling(
    records: Sequence[NodeRecord | RelRecord], known: dict[str, frozenset[str]]
) -> list[Problem]:
    problems: list[Problem] = []
    for rec in records:
        file = _where(rec.origin)[0]
        for ref in rec.refs:
            labels = known.get(ref.target)
            if labels is None:
                what = "Source" if ref.wants == ("Source",) else "node"
                problems.append(
                    Problem(
                        file,
                        ref.line,
                        ref.field,
                        f"{ref.target!r} is no {what} "
                        "in the input or the database; add it or fix the id",
                    )
                )
            elif not model.is_a({x for x in labels if x in model.NODE_LABELS}, ref.wants):
                problems.append(
                    Problem(
                        file,
                        ref.line,
                        ref.field,
                        f"{ref.target!r} is a "
                        f"{_describe(labels)}, but {ref.field} here must be "
                        f"{' or '.join(ref.wants)}",
                    )
                )
    return problems


def _collisions(
    nodes: Sequence[NodeRecord], rels: Sequence[RelRecord], state: DbState
) -> list[Problem]:
    problems: list[Problem] = []
    hint = "rename the id in your file, or reload everything with `load --replace`"
    for node in nodes:
        stored = state.nodes.get(node.id)
        if stored is None or (stored[0] == frozenset(node.labels) and stored[1] == node.props):
            continue
        diff = sorted(k for k in {*stored[1], *node.props} if stored[1].get(k) != node.props.get(k))
        what = (
            f"labels {sorted(stored[0])}"
            if stored[0] != frozenset(node.labels)
            else f"different {', '.join(diff)}"
        )
        problems.append(
            Problem(
                *_where(node.origin),
                "id",
                f"id {node.id!r} is already in the database as a different node ({what}); {hint}",
            )
        )
    for rel in rels:
        old = state.rels.get(rel.id)
        if old is not None and (old.type, old.start, old.end, old.props) != (
            rel.type,
            rel.start,
            rel.end,
            rel.props,
        ):
            problems.append(
                Problem(
                    *_where(rel.origin),
                    "id",
                    f"relationship {rel.id!r} is "
                    f"already in the database with other ends or properties; "
                    f"{hint}",
                )
            )
    return problems


def check_references(
    nodes: Sequence[NodeRecord],
    rels: Sequence[RelRecord],
    state: DbState | None = None,
    broken: Sequence[NodeRecord | RelRecord] = (),
) -> list[Problem]:
    """Every cross-record problem: duplicates, dangling references, collisions.

    ``broken`` records (already reported) take part in the id and reference
    checks but not in collisions: their values are incomplete.
    """
    state = state or DbState()
    broken_nodes = [b for b in broken if isinstance(b, NodeRecord)]
    broken_rels = [b for b in broken if isinstance(b, RelRecord) and b.start and b.end]
    known = _known_labels([*nodes, *broken_nodes], state)
    return [
        *_duplicates([*nodes, *broken_nodes], "node"),
        *_duplicates([*rels, *broken_rels], "relationship"),
        *_dangling([*nodes, *rels, *broken], known),
        *_collisions(nodes, rels, state),
    ]
