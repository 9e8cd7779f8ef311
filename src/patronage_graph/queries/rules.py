"""The chapter's rules: who counts as *xiagang*, what qualifies as a base."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from ..errors import NotFoundError
from ..results import BaseCriterion, BaseQualification, Eligibility, Support, WorkforceSummary
from ._common import ALL_STATUSES, read_rows, require_entity
from .eligibility_rules import judge

__all__ = [
    "BASE_SHARE",
    "base_qualification",
    "supporters",
    "workforce_summary",
    "xiagang_eligibility",
]

#: A base must employ at least this share of laid-off workers (chapter, fn 54).
BASE_SHARE = 0.6
_SETS = ("kept_on_post", "genuine_xiagang", "let_go")


def supporters(driver: Driver, *, entity_id: str, database: str = "neo4j") -> list[Support]:
    """Who supported a worker or venture (a worker's ventures included), with what and when.

    Raises :class:`~patronage_graph.errors.NotFoundError` for an unknown id.
    """
    require_entity(driver, entity_id, "entity", "Entity", database)
    rows = read_rows(driver, "supporters", {"entity_id": entity_id}, database)
    return [Support(**r) for r in rows]


def xiagang_eligibility(
    driver: Driver,
    *,
    worker_id: str | None = None,
    as_of: int | None = None,
    database: str = "neo4j",
) -> list[Eligibility]:
    """The chapter's conditions applied to one worker or to every worker.

    ``as_of`` None applies the definition in force from late 2001 (centre admission
    and the allowance required); an earlier year applies the three conditions only.
    """
    if worker_id is not None:
        require_entity(driver, worker_id, "worker", "Worker", database)
    rows = read_rows(
        driver, "worker_facts", {"worker_id": worker_id, "statuses": ALL_STATUSES}, database
    )
    return [judge(r, as_of=as_of) for r in rows]


def workforce_summary(
    driver: Driver, *, as_of: int | None = None, database: str = "neo4j"
) -> WorkforceSummary:
    """Every worker sorted into the chapter's three sets and never-counted categories."""
    judged = xiagang_eligibility(driver, as_of=as_of, database=database)
    sets: dict[str, list[str]] = {name: [] for name in _SETS}
    categories: dict[str, list[str]] = {}
    for e in judged:
        sets[e.set].append(e.worker_id)
        if e.category:
            categories.setdefault(e.category, []).append(e.worker_id)
    eligible = [e.worker_id for e in judged if e.eligible]
    return WorkforceSummary(as_of=as_of, sets=sets, categories=categories, eligible=eligible)


def _criteria(row: dict[str, Any]) -> list[BaseCriterion]:
    employees, laid_off = row["employees"], row["laid_off"]
    share = laid_off / employees if employees and laid_off is not None else None
    founders_ok = bool(row["state_firm_founders"]) if row["founders"] else None
    return [
        BaseCriterion(
            name="laid_off_share",
            met=None if share is None else share >= BASE_SHARE,
            value=None if share is None else round(share, 3),
        ),
        BaseCriterion(name="stable_scope", met=row["stable_scope"], value=row["stable_scope"]),
        BaseCriterion(
            name="marketable_product",
            met=row["marketable_product"],
            value=row["marketable_product"],
        ),
        BaseCriterion(name="worksite", met=row["has_worksite"], value=row["has_worksite"]),
        BaseCriterion(
            name="founded_by_state_firm_workers",
            met=founders_ok,
            value=row["state_firm_founders"] or row["founders"],
        ),
    ]


def base_qualification(
    driver: Driver, *, venture_id: str, database: str = "neo4j"
) -> BaseQualification:
    """The reemployment-base criteria for a venture, saying what is missing or unknown.

    ``missing`` lists the criteria the venture fails; ``unknown`` those whose facts
    are not in the graph (``met=None``). It qualifies only when every one is met.
    """
    rows = read_rows(driver, "base_facts", {"venture_id": venture_id}, database)
    if not rows:
        raise NotFoundError("venture", venture_id)
    row = rows[0]
    criteria = _criteria(row)
    missing = [c.name for c in criteria if c.met is False]
    unknown = [c.name for c in criteria if c.met is None]
    return BaseQualification(
        venture_id=venture_id,
        name=row["name"],
        endorsed=bool(row["is_base"] or row["endorsed_by"]),
        endorsed_by=row["endorsed_by"],
        qualifies=not missing and not unknown,
        criteria=criteria,
        missing=missing,
        unknown=unknown,
    )
