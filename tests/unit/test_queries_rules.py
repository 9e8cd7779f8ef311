"""The chapter's rules as pure functions: eligibility, quota mismatches, search text."""

from __future__ import annotations

from typing import Any

import pytest

from patronage_graph.errors import PatronageGraphError
from patronage_graph.queries.eligibility_rules import judge
from patronage_graph.queries.quotas import flow_levels
from patronage_graph.queries.structure import escape_lucene
from patronage_graph.results import BaseCriterion, BaseQualification, ChainHop, to_dataframe

GENUINE: dict[str, Any] = {
    "worker_id": "w",
    "name": "W",
    "status": "xiagang",
    "started_work": 1980,
    "contract": "permanent",
    "contract_ends": None,
    "separation_reason": "business_problems",
    "separated_year": 1998,
    "labor_relations": True,
    "other_work": False,
    "has_certificate": True,
    "kept_for": None,
    "firm_id": "f",
    "firm_ownership": "state",
    "firm_status": "operating",
    "centre_id": "c",
    "centre_waiting": False,
    "centre_allowance": "full",
    "has_venture": False,
}


def facts(**changes: Any) -> dict[str, Any]:
    return {**GENUINE, **changes}


def test_genuine_xiagang_meets_every_condition() -> None:
    e = judge(facts())
    assert e.eligible and e.failed == [] and e.set == "genuine_xiagang" and e.category is None


@pytest.mark.parametrize(
    ("changes", "reason", "category"),
    [
        ({"firm_ownership": "collective"}, "state_job", "collective_firm"),
        ({"started_work": 1990}, "state_job", None),
        (
            {"firm_status": "collapsed", "labor_relations": False},
            "laid_off_for_business_problems",
            "collapsed_firm",
        ),
        ({"firm_status": "merged"}, "laid_off_for_business_problems", "merged_firm"),
        (
            {"status": "fired", "separation_reason": "dismissal"},
            "laid_off_for_business_problems",
            "fired",
        ),
        ({"status": "long_holiday"}, "designation", "long_holiday"),
        ({"status": "tingxin_liuzhi"}, "designation", "tingxin_liuzhi"),
        ({"other_work": True}, "no_other_work", None),
        ({"centre_waiting": True, "centre_allowance": "half"}, "centre_and_allowance", None),
        ({"has_certificate": False}, "centre_and_allowance", None),
    ],
)
def test_each_case_fails_one_condition(
    changes: dict[str, Any], reason: str, category: str | None
) -> None:
    e = judge(facts(**changes))
    assert not e.eligible
    assert e.failed == [reason] and e.reason == reason and e.category == category


def test_centre_rule_applies_from_late_2001_only() -> None:
    waiting = facts(centre_id=None, centre_allowance=None)
    assert judge(waiting, as_of=2000).eligible
    assert not judge(waiting, as_of=2001).eligible
    assert not judge(waiting).eligible  # None: the rules in force at the end of the period


def test_kept_on_post_fails_only_being_let_go() -> None:
    e = judge(facts(status="on_post", separation_reason="none", centre_id=None))
    assert e.set == "kept_on_post" and e.failed == ["laid_off_for_business_problems"]


def test_contract_workers_count_while_their_term_runs() -> None:
    running = facts(contract="contract", started_work=1992, contract_ends=2002)
    assert judge(running).conditions["state_job"] is True
    ended = facts(contract="contract", started_work=1990, contract_ends=1997, separated_year=1997)
    assert judge(ended).reason == "state_job"


def test_missing_facts_are_unknown_not_failed() -> None:
    e = judge(facts(started_work=None))
    assert e.conditions["state_job"] is None
    assert not e.eligible and e.failed == [] and e.reason == "unknown:state_job"


def _alloc(a: str, b: str, amount: float | None) -> dict[str, Any]:
    return {
        "from_id": a,
        "from_name": a,
        "from_level": None,
        "to_id": b,
        "to_name": b,
        "to_level": None,
        "amount": amount,
        "unit": None,
        "year": 2000,
        "sources": ["s"],
    }


def test_quota_mismatch_rule() -> None:
    levels = {
        q.id: q
        for q in flow_levels(
            [
                _alloc("city", "bureau", 100),
                _alloc("bureau", "firm-a", 40),
                _alloc("bureau", "firm-b", 50),
                _alloc("city", "district", 30),
                _alloc("district", "street", 30),
                _alloc("street", "rc", None),
            ]
        )
    }
    assert levels["city"].status == "root" and levels["city"].depth == 0
    assert (levels["bureau"].difference, levels["bureau"].status) == (-10, "under")
    assert levels["district"].status == "match"
    assert levels["street"].status == "unknown"  # amount handed down not on record
    assert levels["firm-a"].status == "leaf" and levels["rc"].depth == 3


def test_quota_cycle_terminates() -> None:
    levels = flow_levels([_alloc("a", "b", 1), _alloc("b", "a", 1)])
    assert {q.id for q in levels} == {"a", "b"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade union", "(trade OR trade*) AND (union OR union*)"),
        ('union" OR (*', "(union OR union*) AND (or OR or*)"),
        ("a:b/c~", "(a OR a*) AND (b OR b*) AND (c OR c*)"),
        ("*?", ""),
    ],
)
def test_user_text_never_reaches_lucene_as_syntax(text: str, expected: str) -> None:
    assert escape_lucene(text) == expected


def test_answers_become_dataframes() -> None:
    hop = ChainHop(
        step=1,
        from_id="w",
        to_id="u",
        type="SPONSORS",
        tie="patronage",
        sources=[{"id": "s1", "citation": "interview"}],
        forward=False,
        kind="model worker",
    )
    frame = to_dataframe([hop, hop])
    assert list(frame["sources"]) == [["s1"], ["s1"]] and len(frame) == 2
    # the tie's own direction: the patron u sponsors the worker w
    assert list(frame.loc[0, ["start_id", "end_id"]]) == ["u", "w"]
    assert frame.loc[0, "text"] == "u -SPONSORS (model worker) [inferred]-> w"
    base = BaseQualification(
        venture_id="v",
        endorsed=True,
        qualifies=False,
        criteria=[BaseCriterion(name="worksite", met=False, value=False)],
        missing=["worksite"],
    )
    assert to_dataframe(base).loc[0, "name"] == "worksite"
    assert base.to_dict()["missing"] == ["worksite"]


def test_missing_pandas_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def no_pandas(name: str, *args: Any) -> Any:
        if name == "pandas":
            raise ImportError("no pandas")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", no_pandas)
    with pytest.raises(PatronageGraphError, match="pip install"):
        to_dataframe([])
