"""Answers that apply the chapter's rules: support given, xiagang eligibility, bases."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ._base import Result

__all__ = ["BaseCriterion", "BaseQualification", "Eligibility", "Support", "WorkforceSummary"]


class Support(Result):
    """One act of support: who gave what to whom, when, on whose instruction."""

    supporter_id: str
    supporter_name: str | None = None
    system: str | None = None
    level: str | None = None
    target_id: str
    type: str
    kind: str | None = None
    amount: float | None = None
    unit: str | None = None
    year: int | None = None
    instructed_by: str | None = None
    instructed_by_name: str | None = None
    description: str | None = None
    evidence: str | None = None
    quote: str | None = None
    sources: list[str] = Field(default_factory=list)


class Eligibility(Result):
    """The chapter's xiagang conditions applied to one worker."""

    worker_id: str
    name: str | None = None
    status: str | None = None
    firm_id: str | None = None
    conditions: dict[str, bool | None]
    failed: list[str] = Field(default_factory=list)
    reason: str | None = None
    eligible: bool
    set: str
    category: str | None = None
    #: Why the May 1998 circular asks that this worker be spared dismissal
    #: (``national_labor_model``, ``provincial_labor_model``, ``disabled``); empty: none.
    protected: list[str] = Field(default_factory=list)
    #: The weakest grade of tie and fact admitted in this answer.
    evidence: str = "inferred"
    #: Ties read (job, centre, ventures, titles) that carry no year: they count for
    #: every ``as_of``, since nothing places them before or after it.
    undated_ties: int = 0

    def rows(self) -> list[dict[str, Any]]:
        d = self.to_dict()
        conditions = d.pop("conditions")
        d["failed"] = ", ".join(d["failed"])
        d["protected"] = ", ".join(d["protected"])
        return [{**d, **conditions}]


class WorkforceSummary(Result):
    """The workforce sorted into the chapter's three sets and never-counted categories."""

    as_of: int | None = None
    sets: dict[str, list[str]]
    categories: dict[str, list[str]]
    eligible: list[str]
    #: Over every worker judged, the ties read that carry no year (see Eligibility).
    undated_ties: int = 0


class BaseCriterion(Result):
    """One reemployment-base criterion, met or not, with the value seen and the rule."""

    name: str
    met: bool | None
    value: Any = None
    #: The bound the value is held to (``laid_off_share``: 0.6); None for yes/no criteria.
    threshold: float | None = None
    #: The criterion in words, as the chapter gives it (fn 54).
    rule: str = ""


class BaseQualification(Result):
    """The reemployment-base criteria applied to a venture."""

    venture_id: str
    name: str | None = None
    endorsed: bool
    endorsed_by: list[str] = Field(default_factory=list)
    #: True when every criterion is met, False when one fails, None (unknown) otherwise.
    qualifies: bool | None
    criteria: list[BaseCriterion]
    missing: list[str] = Field(default_factory=list)
    unknown: list[str] = Field(default_factory=list)
    #: The weakest grade of tie and fact admitted in this answer.
    evidence: str = "inferred"

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"venture_id": self.venture_id, **c.to_dict(), "qualifies": self.qualifies}
            for c in self.criteria
        ]
