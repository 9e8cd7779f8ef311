"""Load YAML files: read, validate everything, then write in one transaction."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from ..errors import Problem, ValidationError
from ._yaml import read_yaml
from .records import NodeRecord, RelRecord
from .records_check import check_document
from .references import check_references, lookup_database
from .report import Counts, LoadReport
from .write import DEFAULT_BATCH, Progress, write_records

__all__ = ["ValidatedInput", "expand_paths", "load_paths", "validate_paths"]

_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ValidatedInput:
    """Records that passed every check, ready for :func:`write_records`."""

    files: list[str]
    nodes: list[NodeRecord]
    rels: list[RelRecord]

    @property
    def counts(self) -> Counts:
        return Counts.of_records(self.nodes, self.rels)


def _display(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def expand_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Files to read: each file given, and every ``*.yaml``/``*.yml`` below each folder."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in _SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(_display(path), None, None, "folder holds no .yaml files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(_display(path), None, None, "no such file or folder"))
    return files, problems


def _sort_key(problem: Problem) -> tuple[str, int]:
    return problem.file, problem.line or 0


def validate_paths(
    paths: Sequence[Path],
    *,
    driver: Driver | None = None,
    database: str = "neo4j",
    progress: Progress | None = None,
) -> ValidatedInput:
    """Read and check every file; raise :class:`ValidationError` listing every problem.

    With a ``driver``, references may point at nodes already in the database,
    and ids already there must mean the same thing (else: a collision problem).
    """
    files, problems = expand_paths(paths)
    nodes: list[NodeRecord] = []
    rels: list[RelRecord] = []
    broken: list[NodeRecord | RelRecord] = []
    for done, path in enumerate(files, start=1):
        data, read_problems = read_yaml(path, _display(path))
        found = check_document(data, _display(path))
        problems += read_problems + found.problems
        nodes += found.nodes
        rels += found.rels
        broken += found.broken
        if progress is not None:
            progress("files", done, len(files))
    state = (
        lookup_database(driver, nodes, rels, database=database, broken=broken) if driver else None
    )
    problems += check_references(nodes, rels, state, broken)
    if problems:
        raise ValidationError(sorted(problems, key=_sort_key))
    return ValidatedInput([_display(p) for p in files], nodes, rels)


def load_paths(
    driver: Driver,
    paths: list[Path],
    *,
    database: str = "neo4j",
    progress: Progress | None = None,
    replace: bool = False,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH,
) -> LoadReport:
    """Validate ``paths`` and write them in one transaction; report counts.

    Nothing is written when any problem is found (:class:`ValidationError`), when
    ``dry_run`` is set, or when the write fails midway. ``replace`` empties the
    database first, in the same transaction.

    >>> report = load_paths(driver, [Path("seed")])           # doctest: +SKIP
    >>> report.in_data.labels["Worker"], report.created.nodes  # doctest: +SKIP
    """
    began = time.monotonic()
    checked = validate_paths(
        paths, driver=None if replace else driver, database=database, progress=progress
    )
    report = LoadReport(
        files=checked.files,
        in_data=checked.counts,
        dry_run=dry_run,
        replaced=replace and not dry_run,
    )
    if not dry_run:
        result = write_records(
            driver,
            checked.nodes,
            checked.rels,
            database=database,
            progress=progress,
            replace=replace,
            batch_size=batch_size,
        )
        report.created = result.created
        report.properties_set = result.properties_set
        report.deleted_nodes = result.deleted_nodes
    report.seconds = round(time.monotonic() - began, 3)
    return report
