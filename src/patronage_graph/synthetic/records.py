"""The generator's output: plain node and relationship records, checked against the model.

A record is what the loader, the CSV writer and the online path all consume::

    Node(label="Worker", props={"id": "syn1-c0-w0", "name": "...", "status": "xiagang"})
    Rel(type="EMPLOYED_BY", start="syn1-c0-w0", end="syn1-c0-e0", props={"since": 1980})

``sources`` and ``id`` of a relationship are filled in by :func:`finish_rel`, so
every relationship points at the synthetic Source node and has a stable id.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .. import model
from ..loader.records import derive_rel_id

__all__ = ["Node", "Record", "Rel", "check_record", "rel_id"]

Props = dict[str, Any]


class Node(NamedTuple):
    label: str
    props: Props
    extra: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label the node carries in Neo4j: its ancestry, then its extra labels."""
        return (*model.ancestry(self.label), *self.extra)


class Rel(NamedTuple):
    type: str
    start: str
    end: str
    props: Props


Record = Node | Rel


def rel_id(rel_type: str, start: str, end: str, props: Props) -> str:
    """A stable id from type, ends and the type's key properties, exactly as the loader's."""
    return derive_rel_id(rel_type, start, end, props)


_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float, int),
    "bool": (bool,),
    "list[str]": (list,),
    "ref": (str,),
    "list[ref]": (list,),
}


def check_record(record: Record) -> list[str]:
    """What is wrong with a record under the model (empty when it fits).

    Used by the unit tests over a whole generated country; the hot path trusts
    the generator so that generating 10^7 workers is not slowed by it.
    """
    if isinstance(record, Node):
        if record.label not in model.NODE_LABELS or model.NODE_LABELS[record.label].extra_only:
            return [f"unknown primary label {record.label}"]
        allowed_extra = set(model.NODE_LABELS[record.label].extra)
        bad = [f"extra label {x} not allowed" for x in record.extra if x not in allowed_extra]
        if record.label != "Source" and record.props.get("evidence") is None:
            bad.append(f"{record.label} {record.props.get('id')} without evidence")
        return bad + _check_props(record.props, _node_props(record))
    if record.type not in model.REL_TYPES:
        return [f"unknown relationship type {record.type}"]
    problems = _check_props(record.props, model.rel_props(record.type))
    if not record.props.get("sources"):
        problems.append(f"{record.type} without sources")
    return problems


def _node_props(node: Node) -> dict[str, model.Prop]:
    props = dict(model.node_props(node.label))
    for extra in node.extra:
        props.update(model.node_props(extra))
    return props


def _check_props(values: Props, allowed: dict[str, model.Prop]) -> list[str]:
    problems = [f"property {k} not in the model" for k in values if k not in allowed]
    problems += [
        f"required {p.name} missing"
        for p in allowed.values()
        if p.required and p.name not in values
    ]
    for name, value in values.items():
        prop = allowed.get(name)
        if prop is None:
            continue
        if not isinstance(value, _TYPES[prop.type]) or (
            prop.type != "bool" and isinstance(value, bool)
        ):
            problems.append(f"{name}={value!r} is not {prop.type}")
        elif prop.allowed is not None and value not in prop.allowed:
            problems.append(f"{name}={value!r} not among {prop.allowed}")
    return problems
