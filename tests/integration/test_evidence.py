"""The evidence parameter on the answers: a town whose ties carry known grades.

tests/integration/data/queries_town.yaml grades the first star's award `inferred`,
the leader's visit and the bank's loan `general`; evidence_extra.yaml adds a star
whose ties are all `stated`. See the comments of both files for the worked answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from patronage_graph import queries
from patronage_graph.errors import PatronageGraphError
from patronage_graph.loader import load_paths

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def graded(driver: Driver) -> Driver:
    load_paths(driver, [DATA / "queries_town.yaml", DATA / "evidence_extra.yaml"], replace=True)
    return driver


def test_stated_drops_the_star_that_needs_weaker_ties(graded: Driver) -> None:
    every = {w.id: w for w in queries.node_workers(graded, city="t-city")}
    assert set(every) == {"t-star", "t-star2"}
    assert every["t-star"].evidence_needed == "general"
    assert every["t-star2"].evidence_needed == "stated"
    stated = [w.id for w in queries.node_workers(graded, city="t-city", evidence="stated")]
    assert stated == ["t-star2"]
    general = {w.id for w in queries.node_workers(graded, city="t-city", evidence="general")}
    assert general == {"t-star", "t-star2"}


def test_each_tie_of_a_node_worker_says_its_grade_and_quote(graded: Driver) -> None:
    [star] = [w for w in queries.node_workers(graded, city="t-city") if w.id == "t-star"]
    award = next(t for t in star.patronage_ties if t.type == "AWARDED_TITLE")
    assert award.evidence == "inferred" and award.quote is None
    assert award.note and award.note.startswith("Inferred")
    visit = next(t for t in star.patronage_ties if t.type == "VISITED")
    assert visit.evidence == "general" and visit.quote
    assert all(t.evidence for t in [*star.horizontal_ties, *star.line_ties])
    assert any("[inferred]" in hop for hop in star.chain)
    # at `general` the inferred award is gone from the answer, not merely flagged
    [at_general] = [
        w
        for w in queries.node_workers(graded, city="t-city", evidence="general")
        if w.id == "t-star"
    ]
    assert "AWARDED_TITLE" not in {t.type for t in at_general.patronage_ties}


def test_chain_and_supporters_follow_only_admitted_ties(graded: Driver) -> None:
    every = queries.patronage_chain(graded, worker_id="t-star")
    assert {h.evidence for h in every} >= {"stated", "general", "inferred"}
    assert all(h.quote for h in every if h.evidence in ("stated", "general"))
    stated = queries.patronage_chain(graded, worker_id="t-star", evidence="stated")
    assert stated and {h.evidence for h in stated} == {"stated"}
    assert "t-leader" not in {h.to_id for h in stated}  # the visit is only general
    helpers = {s.supporter_id: s for s in queries.supporters(graded, entity_id="t-star")}
    assert helpers["t-ind"].evidence == "inferred"
    strict = {
        s.supporter_id for s in queries.supporters(graded, entity_id="t-star", evidence="stated")
    }
    assert strict == {"t-firm", "t-union"}  # the bank (general), bureau (inferred) gone


def test_weaker_node_facts_are_unknown_in_eligibility(graded: Driver) -> None:
    # t-plain's contract is graded `general`: at `stated` the state job is unknown
    [plain] = queries.xiagang_eligibility(graded, worker_id="t-plain")
    assert plain.eligible and plain.evidence == "inferred"
    [strict] = queries.xiagang_eligibility(graded, worker_id="t-plain", evidence="stated")
    assert not strict.eligible and strict.reason == "unknown:state_job"
    assert strict.conditions["state_job"] is None


def test_the_may_1998_circular_protects_models_and_the_disabled(graded: Driver) -> None:
    [disabled] = queries.xiagang_eligibility(graded, worker_id="t-disabled")
    assert disabled.protected == ["disabled"]
    [model] = queries.xiagang_eligibility(graded, worker_id="t-prov-model")
    assert model.protected == ["provincial_labor_model"]
    # the title is inferred: a reader admitting only stated ties sees no protection
    [strict] = queries.xiagang_eligibility(graded, worker_id="t-prov-model", evidence="stated")
    assert strict.protected == []
    # a bureau-level model is not protected (the chapter: lesser models could be let go)
    [star] = queries.xiagang_eligibility(graded, worker_id="t-star")
    assert star.protected == []


def test_base_criteria_read_weaker_facts_as_unknown(graded: Driver) -> None:
    # the gate factory's marketable product is inferred
    assert queries.base_qualification(graded, venture_id="t-venture").qualifies is True
    strict = queries.base_qualification(graded, venture_id="t-venture", evidence="general")
    assert strict.unknown == ["marketable_product"] and not strict.qualifies


def test_a_bad_grade_is_refused_naming_the_choices(graded: Driver) -> None:
    with pytest.raises(PatronageGraphError, match="stated, general, inferred"):
        queries.node_workers(graded, evidence="likely")  # type: ignore[arg-type]
