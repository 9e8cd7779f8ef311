"""The geometry queries on a miniature city whose answers are worked out by hand.

tests/integration/data/queries_town.yaml: a state firm under an industrial bureau
under the city government under a party centre; a labor bureau chairing a small
group with the union and the bureau as members; a bank collaborating with the union.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from patronage_graph import queries
from patronage_graph.errors import NotFoundError, PatronageGraphError
from patronage_graph.loader import load_paths
from patronage_graph.results import to_dataframe

pytestmark = pytest.mark.integration
TOWN = Path(__file__).parent / "data" / "queries_town.yaml"


@pytest.fixture
def town(empty_db: Driver) -> Driver:
    load_paths(empty_db, [TOWN])
    return empty_db


def test_only_the_star_is_at_a_node(town: Driver) -> None:
    [star] = queries.node_workers(town, city="t-city")
    assert star.id == "t-star"
    # supporters: bureau (industry), bank, union, labor bureau (instructed the loan),
    # party centre (the visiting leader's office): five systems
    assert star.parts.systems == 5
    assert star.parts.sponsored_base and star.parts.people_placed == 126
    # levels on the patrons' command lines: city and nation
    assert star.parts.levels_reached == 2 and star.parts.top_level == "nation"
    assert star.score == pytest.approx(2 + 5 + 2 + 2.1, abs=0.01)


def test_one_system_is_not_horizontal(town: Driver) -> None:
    assert queries.node_workers(town, min_systems=6) == []
    [only] = queries.node_workers(town, min_systems=1)
    assert only.id == "t-star"  # t-lone has one system but no tie among its supporters


def test_as_of_drops_later_patronage(town: Driver) -> None:
    # before 1996 only the firm's own recommendation exists: no patron beyond the firm
    assert queries.node_workers(town, as_of=1995) == []


def test_unknown_city_is_not_found(town: Driver) -> None:
    with pytest.raises(NotFoundError, match="nowhere"):
        queries.node_workers(town, city="nowhere")


def test_chain_climbs_to_the_party_centre(town: Driver) -> None:
    chain = queries.patronage_chain(town, worker_id="t-star")
    hops = {(h.from_id, h.to_id, h.type) for h in chain}
    assert ("t-star", "t-ind", "AWARDED_TITLE") in hops
    assert ("t-bank", "t-labor", "INSTRUCTED_BY") in hops
    assert ("t-gov", "t-centre", "SUPERVISES") in hops
    assert all(h.sources for h in chain)
    assert [h.step for h in chain] == sorted(h.step for h in chain)
    assert max(h.step for h in queries.patronage_chain(town, worker_id="t-star", max_hops=2)) == 2


def test_dependency_finds_the_critical_patron(town: Driver) -> None:
    # t-star keeps node status whoever leaves; each patron is tried
    dep = queries.dependency(town, worker_id="t-star")
    assert dep.is_node and dep.critical == []
    assert {e.patron_id for e in dep.effects} >= {"t-ind", "t-bank", "t-union", "t-leader"}
    assert all(e.score_without is not None and e.score_without < 11.1 for e in dep.effects)


def test_eligibility_of_the_town(town: Driver) -> None:
    judged = {e.worker_id: e for e in queries.xiagang_eligibility(town)}
    assert judged["t-plain"].eligible
    assert judged["t-waiting"].reason == "centre_and_allowance"
    assert judged["t-collective"].reason == "state_job"
    assert judged["t-holiday"].reason == "designation"
    assert judged["t-kept"].set == "kept_on_post"
    assert queries.xiagang_eligibility(town, worker_id="t-waiting", as_of=1999)[0].eligible


def test_base_criteria(town: Driver) -> None:
    assert queries.base_qualification(town, venture_id="t-venture").qualifies
    shop = queries.base_qualification(town, venture_id="t-shop")
    assert shop.missing == ["laid_off_share", "worksite"]
    assert shop.unknown == ["marketable_product"]
    assert shop.qualifies is False  # one failed criterion decides, whatever is unknown


def test_quota_mismatch_is_reported(town: Driver) -> None:
    flow = queries.quota_flow(town, kind="reemployment", year=2000)
    bureau = next(q for q in flow.levels if q.id == "t-ind")
    assert (bureau.received, bureau.allocated_down, bureau.status) == (100, 110, "over")
    assert flow.mismatches == ["t-ind received 100 but allocated 110 (over)"]
    assert queries.quota_flow(town, kind="reemployment", year=1999).levels == []
    with pytest.raises(PatronageGraphError, match="unknown quota kind"):
        queries.quota_flow(town, kind="bananas", year=2000)


def test_statistics_and_gaps(town: Driver) -> None:
    stats = queries.layoff_statistics(town)
    # the town's counts are scoped to no nation: none is a national count
    assert stats.counts == [] and stats.gaps == []


def test_supporters_and_dataframe(town: Driver) -> None:
    support = queries.supporters(town, entity_id="t-star")
    loan = next(s for s in support if s.kind == "no_interest_loan")
    assert (loan.supporter_id, loan.instructed_by, loan.amount) == ("t-bank", "t-labor", 50000)
    frame = to_dataframe(support)
    assert len(frame) == len(support) and "instructed_by" in frame.columns
