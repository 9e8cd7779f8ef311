"""The chapter's rules: who counts as *xiagang*, what qualifies as a base."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from ..errors import NotFoundError
from ..model import prop_grade
from ..results import BaseCriterion, BaseQualification, Eligibility, Support, WorkforceSummary
from ._common import ALL_STATUSES, Evidence, grades_for, read_rows, require_entity
from .eligibility_rules import judge

__all__ = [
    "BASE_RULES",
    "BASE_SHARE",
    "base_qualification",
    "supporters",
    "workforce_summary",
    "xiagang_eligibility",
]

#: A base must employ at least this share of laid-off workers (chapter, fn 54).
BASE_SHARE = 0.6
_SETS = ("kept_on_post", "genuine_xiagang", "let_go")

#: The facts of ``worker_facts`` read from a node property: fact -> (whose, property).
#: A fact whose property is graded weaker than admitted is read as unknown (None).
_WORKER_FACTS = {
    "started_work": ("worker", "startedWork"),
    "contract": ("worker", "contract"),
    "contract_ends": ("worker", "contractEnds"),
    "separation_reason": ("worker", "separationReason"),
    "labor_relations": ("worker", "laborRelations"),
    "other_work": ("worker", "otherWork"),
    "has_certificate": ("worker", "hasCertificate"),
    "kept_for": ("worker", "keptFor"),
    "disabled": ("worker", "disabled"),
    "firm_ownership": ("firm", "ownership"),
    "firm_status": ("firm", "status"),
}
#: The same for ``base_facts`` (all facts of the venture).
_BASE_FACTS = {
    "employees": "employees",
    "laid_off": "laidOffEmployees",
    "stable_scope": "stableScope",
    "marketable_product": "marketableProduct",
    "has_worksite": "hasWorksite",
}


def _ungraded_out(facts: dict[str, Any], grades: list[str]) -> dict[str, Any]:
    """The worker's facts with every one graded weaker than admitted set to unknown."""
    out = dict(facts)
    gradings: dict[str, dict[str, Any] | None] = {
        "worker": facts.get("worker_grading") or {},
        "firm": facts.get("firm_grading"),
    }
    for fact, (whose, prop) in _WORKER_FACTS.items():
        grading = gradings[whose]
        if grading is not None and prop_grade(grading, prop) not in grades:
            out[fact] = None
    if prop_grade(gradings["worker"] or {}, "separatedYear") not in grades:
        out["separated_year"] = None
    return out


def supporters(
    driver: Driver, *, entity_id: str, evidence: Evidence = "inferred", database: str = "neo4j"
) -> list[Support]:
    """Who supported a worker or venture (a worker's ventures included), with what and when.

    ``evidence`` is the weakest grade of tie admitted; each act carries its grade
    and quote. Raises :class:`~patronage_graph.errors.NotFoundError` for an unknown id.
    """
    grades = grades_for(evidence)
    require_entity(driver, entity_id, "entity", "Entity", database)
    rows = read_rows(driver, "supporters", {"entity_id": entity_id, "grades": grades}, database)
    return [Support(**r) for r in rows]


def xiagang_eligibility(
    driver: Driver,
    *,
    worker_id: str | None = None,
    as_of: int | None = None,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> list[Eligibility]:
    """The chapter's conditions applied to one worker or to every worker.

    ``as_of`` None applies the definition in force from late 2001 (centre admission
    and the allowance required); an earlier year applies the three conditions only.
    ``evidence`` is the weakest grade admitted: ties graded weaker are not read, and
    node facts graded weaker (``generalProps``, ``inferredProps``) count as unknown.
    Each answer says how many of the ties it read carry no year (``undated_ties``).
    """
    grades = grades_for(evidence)
    if worker_id is not None:
        require_entity(driver, worker_id, "worker", "Worker", database)
    params = {"worker_id": worker_id, "statuses": ALL_STATUSES, "grades": grades}
    rows = read_rows(driver, "worker_facts", params, database)
    return [
        judge(_ungraded_out(r, grades), as_of=as_of).model_copy(
            update={"evidence": evidence, "undated_ties": r["undated_ties"]}
        )
        for r in rows
    ]


def workforce_summary(
    driver: Driver,
    *,
    as_of: int | None = None,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> WorkforceSummary:
    """Every worker sorted into the chapter's three sets and never-counted categories."""
    judged = xiagang_eligibility(driver, as_of=as_of, evidence=evidence, database=database)
    sets: dict[str, list[str]] = {name: [] for name in _SETS}
    categories: dict[str, list[str]] = {}
    for e in judged:
        sets[e.set].append(e.worker_id)
        if e.category:
            categories.setdefault(e.category, []).append(e.worker_id)
    eligible = [e.worker_id for e in judged if e.eligible]
    undated = sum(e.undated_ties for e in judged)
    return WorkforceSummary(
        as_of=as_of, sets=sets, categories=categories, eligible=eligible, undated_ties=undated
    )


#: The criteria in the chapter's words (fn 54), each with the rule the answer applies.
BASE_RULES = {
    "laid_off_share": (
        f"at least {BASE_SHARE:.0%} of its employees laid off (laidOffEmployees / employees "
        f">= {BASE_SHARE})"
    ),
    "stable_scope": "a stable business scope",
    "marketable_product": "an item or service with a good market",
    "worksite": "a worksite already",
    "founded_by_state_firm_workers": "initiated by former workers of state-owned enterprises",
}


def _criterion(
    name: str, met: bool | None, value: Any, threshold: float | None = None
) -> BaseCriterion:
    return BaseCriterion(
        name=name, met=met, value=value, threshold=threshold, rule=BASE_RULES[name]
    )


def _criteria(row: dict[str, Any]) -> list[BaseCriterion]:
    employees, laid_off = row["employees"], row["laid_off"]
    share = laid_off / employees if employees and laid_off is not None else None
    founders_ok = bool(row["state_firm_founders"]) if row["founders"] else None
    return [
        _criterion(
            "laid_off_share",
            None if share is None else share >= BASE_SHARE,
            None if share is None else round(share, 3),
            BASE_SHARE,
        ),
        _criterion("stable_scope", row["stable_scope"], row["stable_scope"]),
        _criterion("marketable_product", row["marketable_product"], row["marketable_product"]),
        _criterion("worksite", row["has_worksite"], row["has_worksite"]),
        _criterion(
            "founded_by_state_firm_workers",
            founders_ok,
            row["state_firm_founders"] or row["founders"],
        ),
    ]


def _verdict(missing: list[str], unknown: list[str]) -> bool | None:
    """One failed criterion decides; otherwise an unknown one leaves the answer unknown."""
    if missing:
        return False
    return None if unknown else True


def base_qualification(
    driver: Driver, *, venture_id: str, evidence: Evidence = "inferred", database: str = "neo4j"
) -> BaseQualification:
    """The reemployment-base criteria for a venture, saying what is missing or unknown.

    ``missing`` lists the criteria the venture fails; ``unknown`` those whose facts
    are not in the graph (``met=None``), or are graded weaker than ``evidence``.
    ``qualifies`` is True when every criterion is met, False when one fails, and None
    (unknown) when none fails but some are unknown. Each criterion carries its rule
    and threshold (:data:`BASE_RULES`, :data:`BASE_SHARE`).
    """
    grades = grades_for(evidence)
    rows = read_rows(driver, "base_facts", {"venture_id": venture_id, "grades": grades}, database)
    if not rows:
        raise NotFoundError("venture", venture_id)
    row = dict(rows[0])
    grading = row.get("venture_grading") or {}
    for fact, prop in _BASE_FACTS.items():
        if prop_grade(grading, prop) not in grades:
            row[fact] = None
    criteria = _criteria(row)
    missing = [c.name for c in criteria if c.met is False]
    unknown = [c.name for c in criteria if c.met is None]
    return BaseQualification(
        venture_id=venture_id,
        name=row["name"],
        endorsed=bool(row["is_base"] or row["endorsed_by"]),
        endorsed_by=row["endorsed_by"],
        qualifies=_verdict(missing, unknown),
        criteria=criteria,
        missing=missing,
        unknown=unknown,
        evidence=evidence,
    )
