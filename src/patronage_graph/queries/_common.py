"""What every repository function shares: running a registered read, checking ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j import Driver, Record

from .. import database as db
from ..errors import NotFoundError, PatronageGraphError
from ..model import EVIDENCE_GRADES, WORKER_STATUSES, EvidenceGrade, admitted_grades

__all__ = ["ALL_STATUSES", "Evidence", "check_page", "grades_for", "read_rows", "require_entity"]

#: The ``evidence`` parameter of every query that reads ties: the weakest grade admitted.
Evidence = EvidenceGrade

#: Every worker status: passing them all lets a query start from the status index.
ALL_STATUSES: list[str] = list(WORKER_STATUSES)


def grades_for(evidence: str) -> list[str]:
    """The ``$grades`` parameter for ``evidence`` (the weakest grade admitted).

    Raises :class:`PatronageGraphError` naming the allowed values for anything else.
    """
    try:
        return list(admitted_grades(evidence))
    except ValueError:
        raise PatronageGraphError(
            f"evidence must be one of {', '.join(EVIDENCE_GRADES)} "
            f"(the weakest grade admitted), got {evidence!r}"
        ) from None


#: Value types a row can hold as they come off the wire, with nothing to convert.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _is_plain(value: Any) -> bool:
    """Whether ``value`` is scalars, lists and maps only (no node, relationship, path, date)."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is list:
        return all(map(_is_plain, value))
    if kind is dict:
        return all(map(_is_plain, value.values()))
    return False


def _as_dict(record: Record) -> dict[str, Any]:
    # Record.data() walks every value through isinstance checks against abstract
    # collections (about 5 ms for a star's 33-hop chain); a row of plain values, as
    # the repository's queries return, needs only its keys. Anything else (a node,
    # a path, a temporal value) still goes through Record.data().
    if all(map(_is_plain, record)):
        return dict(zip(record.keys(), record, strict=True))
    return record.data()


def read_rows(
    driver: Driver, name: str, params: Mapping[str, Any], database: str
) -> list[dict[str, Any]]:
    """Run the registered read query ``name`` and return its records as dicts.

    A node becomes the map of its properties, as :meth:`neo4j.Record.data` does.
    """
    return [_as_dict(record) for record in db.read(driver, name, params, database=database)]


def require_entity(driver: Driver, entity_id: str, kind: str, label: str, database: str) -> None:
    """Raise :class:`NotFoundError` unless a node with ``entity_id`` carries ``label``."""
    rows = read_rows(driver, "entity_exists", {"entity_id": entity_id}, database)
    if not rows or label not in rows[0]["labels"]:
        raise NotFoundError(kind, entity_id)


def check_page(*, limit: int, offset: int, max_limit: int = 1000) -> None:
    """Refuse a page that Neo4j would refuse with a less helpful message."""
    if not 1 <= limit <= max_limit:
        raise PatronageGraphError(f"limit must be between 1 and {max_limit}, got {limit}")
    if offset < 0:
        raise PatronageGraphError(f"offset must be 0 or more, got {offset}")
