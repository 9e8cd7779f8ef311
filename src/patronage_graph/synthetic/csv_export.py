"""Write records as ``neo4j-admin database import`` CSV: one header and one data file per kind.

Node files are per primary label (``Worker.header.csv`` + ``Worker.csv``), with
an ``id:ID`` column (stored as the ``id`` property), a ``:LABEL`` column holding
the label's ancestry and extras, and one typed column per model property.
Relationship files are per type, with ``:START_ID``, ``:END_ID``, ``:TYPE``,
``id``, ``tie`` and the type's properties; ``sources:string[]`` is joined with
:data:`ARRAY_DELIMITER`. Rows are written as they come, so memory stays flat.

A label or type may have several data files (``Worker.p0.csv``, ``Worker.p1.csv``,
...), one per part written in parallel (:mod:`.csv_parallel`); the importer takes
them all after the one header.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .. import model
from .records import Node, Record, Rel, rel_id

__all__ = ["ARRAY_DELIMITER", "CsvSet", "write_csv"]

ARRAY_DELIMITER = ";"
_CSV_TYPES = {
    "str": "string",
    "ref": "string",
    "int": "long",
    "float": "double",
    "bool": "boolean",
    "list[str]": "string[]",
    "list[ref]": "string[]",
}


Files = dict[str, tuple[Path, tuple[Path, ...]]]


@dataclass
class CsvSet:
    """The files written, as the importer wants them: (header, data files) per label or type."""

    directory: Path
    nodes: Files = field(default_factory=dict)
    relationships: Files = field(default_factory=dict)
    node_count: int = 0
    rel_count: int = 0

    @classmethod
    def from_directory(cls, directory: Path) -> CsvSet:
        """The files earlier writers left in ``directory`` (counts unknown: 0)."""
        found = cls(directory)
        for head in sorted(directory.glob("*.header.csv")):
            name = head.name.removesuffix(".header.csv")
            data = [p for p in directory.glob(f"{name}.*csv") if p != head]
            # Relationship types are upper case, labels are not (model.py).
            into = found.relationships if name.isupper() else found.nodes
            into[name] = (head, tuple(sorted(data)))
        return found

    def merge(self, other: CsvSet) -> None:
        """Add the files and counts of a part written into the same directory."""
        for mine, theirs in ((self.nodes, other.nodes), (self.relationships, other.relationships)):
            for name, (head, data) in theirs.items():
                mine[name] = (head, tuple(sorted({*mine.get(name, (head, ()))[1], *data})))
        self.node_count += other.node_count
        self.rel_count += other.rel_count

    def import_args(self) -> list[str]:
        """``--nodes=`` and ``--relationships=`` arguments for ``neo4j-admin``."""
        args = [f"--nodes={','.join(map(str, (h, *d)))}" for h, d in self.nodes.values()]
        return args + [
            f"--relationships={','.join(map(str, (h, *d)))}" for h, d in self.relationships.values()
        ]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(value)
    return value


class _Table:
    """One open data file with its column order."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.columns = columns
        self.handle: IO[str] = path.open("w", newline="", encoding="utf-8")
        self.writer = csv.writer(self.handle)

    def row(self, props: dict[str, Any], first: list[Any]) -> None:
        get = props.get
        self.writer.writerow(
            first + [_cell(v) if (v := get(c)) is not None else "" for c in self.columns]
        )


def _node_columns(label: str) -> list[tuple[str, str]]:
    props = dict(model.node_props(label))
    for extra in model.NODE_LABELS[label].extra:
        props.update(model.node_props(extra))
    return [(p.name, _CSV_TYPES[p.type]) for p in props.values() if p.name != "id"]


def _rel_columns(rel_type: str) -> list[tuple[str, str]]:
    return [
        (p.name, _CSV_TYPES[p.type]) for p in model.rel_props(rel_type).values() if p.name != "id"
    ]


def write_csv(
    records: Iterable[Record],
    directory: Path,
    progress: Callable[[int], None] | None = None,
    every: int = 500_000,
    part: str | None = None,
) -> CsvSet:
    """Write every record into ``directory`` (created); returns the files and counts.

    With ``part``, data files are named ``Label.<part>.csv`` so that several writers
    can share the directory; headers are the same whoever writes them.
    """
    directory.mkdir(parents=True, exist_ok=True)
    out = CsvSet(directory)
    suffix = f".{part}.csv" if part is not None else ".csv"
    tables: dict[str, _Table] = {}
    try:
        for n, record in enumerate(records, start=1):
            if isinstance(record, Node):
                _write_node(out, tables, record, suffix)
            else:
                _write_rel(out, tables, record, suffix)
            if progress is not None and n % every == 0:
                progress(n)
    finally:
        for table in tables.values():
            table.handle.close()
    return out


def _open(
    out: CsvSet,
    tables: dict[str, _Table],
    key: str,
    name: str,
    header: list[str],
    columns: list[str],
    into: Files,
    suffix: str,
) -> _Table:
    head, data = out.directory / f"{name}.header.csv", out.directory / f"{name}{suffix}"
    # Parallel writers may write the same header: each writes its own copy, then
    # renames it into place (atomic), so the importer never sees a half-written one.
    scratch = head.with_name(f"{head.name}.{os.getpid()}.tmp")
    with scratch.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(header)
    scratch.replace(head)
    into[name] = (head, (data,))
    tables[key] = _Table(data, columns)
    return tables[key]


def _write_node(out: CsvSet, tables: dict[str, _Table], node: Node, suffix: str) -> None:
    table = tables.get(node.label)
    if table is None:
        cols = _node_columns(node.label)
        table = _open(
            out,
            tables,
            node.label,
            node.label,
            ["id:ID", ":LABEL", *(f"{c}:{t}" for c, t in cols)],
            [c for c, _ in cols],
            out.nodes,
            suffix,
        )
    table.row(node.props, [node.props["id"], ARRAY_DELIMITER.join(node.labels)])
    out.node_count += 1


def _write_rel(out: CsvSet, tables: dict[str, _Table], rel: Rel, suffix: str) -> None:
    key = "rel:" + rel.type
    table = tables.get(key)
    if table is None:
        cols = _rel_columns(rel.type)
        table = _open(
            out,
            tables,
            key,
            rel.type,
            [":START_ID", ":END_ID", ":TYPE", "id", "tie", *(f"{c}:{t}" for c, t in cols)],
            [c for c, _ in cols],
            out.relationships,
            suffix,
        )
    tie = model.REL_TYPES[rel.type].tie
    table.row(
        rel.props,
        [rel.start, rel.end, rel.type, rel_id(rel.type, rel.start, rel.end, rel.props), tie],
    )
    out.rel_count += 1
