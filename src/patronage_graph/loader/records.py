"""Records ready to write: what validation produces and the writer consumes.

A synthetic generator can build these directly with :func:`node_record` and
:func:`rel_record` and stream them into
:func:`patronage_graph.loader.write_records` without going through YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import model

__all__ = ["NodeRecord", "Origin", "Ref", "RelRecord", "derive_rel_id", "node_record", "rel_record"]


@dataclass(frozen=True)
class Origin:
    """Where a record came from, for messages."""

    file: str
    line: int | None


@dataclass(frozen=True)
class Ref:
    """An id a record points at, and where: checked once all records are known."""

    field: str
    target: str
    line: int | None
    #: ``sources`` entries must name a Source; other refs may name any node.
    wants: tuple[str, ...] = ("Entity",)


@dataclass(frozen=True)
class NodeRecord:
    """A node: its full label set (``Entity`` and every ancestor) and its properties."""

    id: str
    labels: tuple[str, ...]
    props: dict[str, Any]
    origin: Origin | None = None
    refs: tuple[Ref, ...] = ()

    @property
    def label_key(self) -> tuple[str, ...]:
        return tuple(sorted(self.labels))


@dataclass(frozen=True)
class RelRecord:
    """A relationship between two node ids; ``props`` holds ``id``, ``tie`` and ``sources``."""

    id: str
    type: str
    start: str
    end: str
    props: dict[str, Any]
    origin: Origin | None = None
    refs: tuple[Ref, ...] = field(default=())

    @property
    def tie(self) -> str:
        return model.REL_TYPES[self.type].tie


def derive_rel_id(rel_type: str, start: str, end: str, props: Mapping[str, Any]) -> str:
    """A stable id from type, ends and the type's key properties.

    >>> derive_rel_id("SUPPORTED", "union", "gate-maker", {"kind": "loan", "year": 2000})
    'union-SUPPORTED->gate-maker#kind=loan'
    """
    key = "".join(
        f"#{name}={props[name]}" for name in model.REL_TYPES[rel_type].key if name in props
    )
    return f"{start}-{rel_type}->{end}{key}"


def full_labels(label: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every label a node of ``label`` (plus ``extra``) carries, most general first."""
    labels: list[str] = []
    for name in (label, *extra):
        labels.extend(a for a in model.ancestry(name) if a not in labels)
    return tuple(labels)


def node_record(
    label: str,
    props: Mapping[str, Any],
    *,
    extra: tuple[str, ...] = (),
    origin: Origin | None = None,
) -> NodeRecord:
    """A node record for already-valid properties (``props`` must hold ``id``)."""
    return NodeRecord(str(props["id"]), full_labels(label, extra), dict(props), origin)


def rel_record(
    rel_type: str, start: str, end: str, props: Mapping[str, Any], *, origin: Origin | None = None
) -> RelRecord:
    """A relationship record: adds ``tie`` and the derived ``id`` when not given."""
    data = dict(props)
    data.setdefault("id", derive_rel_id(rel_type, start, end, data))
    data["tie"] = model.REL_TYPES[rel_type].tie
    return RelRecord(str(data["id"]), rel_type, start, end, data, origin)
