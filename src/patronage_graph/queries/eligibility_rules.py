"""The chapter's rules for who counts as *xiagang*, applied to one worker's facts.

Pure functions of the row that ``cypher/geometry/eligibility.cypher`` returns, so
they are tested without a database. Conditions, in the chapter's order:

1. ``state_job`` — a permanent state-sector job begun before the 1986 contract
   system, or a state-firm contract whose term had not ended when the worker left;
2. ``laid_off_for_business_problems`` — let go because of the firm's business
   problems, still keeping "labor relations" with a firm that still exists;
3. ``no_other_work`` — has not found other work;
4. ``centre_and_allowance`` — from late 2001 (``as_of`` None or ≥ 2001): holds the
   *xiagang zheng*, admitted to (not waiting for) a reemployment service centre and
   paid the basic livelihood allowance. It narrows those who meet the others, so it
   is judged only for them.

``protected`` (not a condition) names why the May 1998 circular asks that the
worker be spared: it told the places and levels it reached to "avoid [dismissing]
national- and provincial-level labor models", "among other protected personages,
such as the disabled" (chapter, on the May 1998 circular). The chapter adds that
models of lower rank "could be let go".

``designation`` fails for workers put under a label other than *xiagang* (long
holiday, early retirement, *liangbuzhao*, *tingxin liuzhi*): the chapter says they
were never counted whatever their circumstances.
"""

from __future__ import annotations

from typing import Any

from ..results import Eligibility

__all__ = [
    "CONDITIONS",
    "PROTECTED_TITLE_LEVELS",
    "TIGHTENED_FROM",
    "UNCOUNTED_DESIGNATIONS",
    "judge",
]

#: Model titles whose holders the May 1998 circular protects from dismissal.
PROTECTED_TITLE_LEVELS = {"nation": "national_labor_model", "province": "provincial_labor_model"}

#: Year from which centre admission and the allowance are part of the definition.
TIGHTENED_FROM = 2001
#: Labels other than xiagang that the chapter says were never counted.
UNCOUNTED_DESIGNATIONS = ("long_holiday", "early_retired", "liangbuzhao", "tingxin_liuzhi")
#: Checked in this order; the first that fails is the worker's ``reason``.
CONDITIONS = (
    "designation",
    "state_job",
    "laid_off_for_business_problems",
    "no_other_work",
    "centre_and_allowance",
)
_CONTRACT_SYSTEM = 1986
_FIRM_GONE = {"collapsed": "collapsed_firm", "bankrupt": "collapsed_firm", "merged": "merged_firm"}


def _and(*values: bool | None) -> bool | None:
    """Three-valued AND: False wins, then unknown (None), then True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _state_job(f: dict[str, Any], as_of: int | None) -> bool | None:
    state = None if f["firm_ownership"] is None else f["firm_ownership"] == "state"
    if f["contract"] == "contract":
        # the term must not have run out when the worker was let go (or, with no
        # year of separation on record, by the year judged)
        ref = f["separated_year"] or as_of or TIGHTENED_FROM
        ends = f["contract_ends"]
        running = None if ends is None else ends > ref
        return _and(state, running)
    started = f["started_work"]
    permanent = None if f["contract"] is None else f["contract"] == "permanent"
    early = None if started is None else started < _CONTRACT_SYSTEM
    return _and(state, permanent, early)


def _laid_off(f: dict[str, Any]) -> bool | None:
    if f["status"] == "on_post":
        return False
    reason = f["separation_reason"]
    business = None if reason is None else reason == "business_problems"
    relations = f["labor_relations"]
    firm_exists = None if f["firm_id"] is None else f["firm_status"] not in _FIRM_GONE
    return _and(business, relations, firm_exists)


def _no_other_work(f: dict[str, Any]) -> bool:
    if f["other_work"] is not None:
        return not f["other_work"]
    return f["status"] not in ("reemployed", "self_employed")


def _centre(f: dict[str, Any]) -> bool:
    admitted = f["centre_id"] is not None and not f["centre_waiting"]
    paid = f["centre_allowance"] in ("full", "half")
    return bool(f["has_certificate"]) and admitted and paid


def conditions(facts: dict[str, Any], as_of: int | None) -> dict[str, bool | None]:
    """Each condition's value for one worker: True, False or None (facts missing)."""
    return {
        "designation": facts["status"] not in UNCOUNTED_DESIGNATIONS,
        "state_job": _state_job(facts, as_of),
        "laid_off_for_business_problems": _laid_off(facts),
        "no_other_work": _no_other_work(facts),
        "centre_and_allowance": _centre(facts),
    }


def _category(f: dict[str, Any]) -> str | None:
    """The never-counted category the chapter names, if any."""
    if f["status"] in (*UNCOUNTED_DESIGNATIONS, "fired"):
        return str(f["status"])
    if f["firm_ownership"] == "collective":
        return "collective_firm"
    return _FIRM_GONE.get(f["firm_status"] or "")


def protected(facts: dict[str, Any]) -> list[str]:
    """Why the May 1998 circular asks that this worker be spared dismissal (may be empty)."""
    levels = set(facts.get("title_levels") or ())
    reasons = [name for level, name in PROTECTED_TITLE_LEVELS.items() if level in levels]
    if facts.get("disabled"):
        reasons.append("disabled")
    return reasons


def judge(facts: dict[str, Any], *, as_of: int | None = None) -> Eligibility:
    """Apply the conditions; sort the worker into a set and a never-counted category.

    ``as_of`` None means the rules in force at the end of the chapter's period
    (late 2001 onwards), so centre admission and the allowance are required.
    """
    values = conditions(facts, as_of)
    required = [c for c in CONDITIONS if c != "centre_and_allowance"]
    # The late-2001 rule narrows those who meet the first conditions; a worker who
    # was never laid off cannot be admitted to a centre, so it is not held against them.
    tightened = as_of is None or as_of >= TIGHTENED_FROM
    if tightened and all(values[c] is True for c in required):
        required.append("centre_and_allowance")
    failed = [c for c in required if values[c] is False]
    unknown = [c for c in required if values[c] is None]
    core = _and(
        values["designation"], values["state_job"], values["laid_off_for_business_problems"]
    )
    if facts["status"] == "on_post":
        group = "kept_on_post"
    else:
        group = "genuine_xiagang" if core else "let_go"
    reason = failed[0] if failed else (f"unknown:{unknown[0]}" if unknown else None)
    return Eligibility(
        worker_id=facts["worker_id"],
        name=facts.get("name"),
        status=facts["status"],
        firm_id=facts["firm_id"],
        conditions=values,
        failed=failed,
        reason=reason,
        eligible=not failed and not unknown,
        set=group,
        category=_category(facts),
        protected=protected(facts),
    )
