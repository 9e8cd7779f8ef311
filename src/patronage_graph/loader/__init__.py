"""The loader: YAML files (or generated records) into Neo4j, validated and atomic.

::

    from patronage_graph.loader import load_paths
    report = load_paths(driver, [Path("seed"), Path("my-interviews")])
    print(report.created.labels)

* :func:`validate_paths` reads and checks files, raising
  :class:`~patronage_graph.errors.ValidationError` with every problem (file, line, field).
* :func:`load_paths` validates, then writes everything in one transaction.
* :func:`write_records` writes already-valid :class:`NodeRecord`/:class:`RelRecord`
  streams (built with :func:`node_record`/:func:`rel_record`) without YAML.
* :func:`check_integrity` runs the acceptance queries of ``cypher/integrity.cypher``.
"""

from __future__ import annotations

from .integrity import IntegrityFinding, IntegrityReport, check_integrity
from .load import ValidatedInput, expand_paths, load_paths, validate_paths
from .records import NodeRecord, Origin, RelRecord, derive_rel_id, node_record, rel_record
from .report import Counts, LoadReport
from .write import DEFAULT_BATCH, Progress, WriteResult, write_records

__all__ = [
    "DEFAULT_BATCH",
    "Counts",
    "IntegrityFinding",
    "IntegrityReport",
    "LoadReport",
    "NodeRecord",
    "Origin",
    "Progress",
    "RelRecord",
    "ValidatedInput",
    "WriteResult",
    "check_integrity",
    "derive_rel_id",
    "expand_paths",
    "load_paths",
    "node_record",
    "rel_record",
    "validate_paths",
    "write_records",
]
