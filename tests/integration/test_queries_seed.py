"""The geometry queries on the seed: the chapter's acceptance tests.

The Wuhan stars are node workers with sources on every hop of their chain; no
contrast case is; each contrast case fails the condition the chapter gives for it;
node_workers and patronage_chain start from index seeks, not scans over workers.
"""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from patronage_graph import queries
from patronage_graph.cypher_registry import registry
from patronage_graph.errors import NotFoundError
from patronage_graph.model import EVIDENCE_GRADES
from patronage_graph.queries.geometry import node_worker_params

pytestmark = pytest.mark.integration

STARS = [
    "star-auto-parts-owner",
    "star-fic-restaurant-head",
    "star-enamel-restaurant-workers",
    "star-firegate-manager",
    "star-sanitation-leader",
    "star-jiang-visited",
]
# The condition the chapter gives for each contrast case (docs/queries.md).
CONTRAST_REASONS = {
    "accountant-waiting-center": "centre_and_allowance",
    "worker-collapsed-firm": "laid_off_for_business_problems",
    "worker-merged-firm": "laid_off_for_business_problems",
    "worker-fired": "laid_off_for_business_problems",
    "worker-collective-firm": "state_job",
    "worker-early-retired": "designation",
    "worker-long-holiday": "designation",
    "worker-liangbuzhao": "designation",
    "worker-tingxin-liuzhi": "designation",
    "worker-kept-politics": "laid_off_for_business_problems",
    "worker-kept-power": "laid_off_for_business_problems",
    "worker-kept-talent": "laid_off_for_business_problems",
    "street-vendor-no-patron": "no_other_work",
    "genuine-xiagang-no-patron": None,
}


def test_every_wuhan_star_is_a_node_worker(seeded: Driver) -> None:
    found = {w.id: w for w in queries.node_workers(seeded, city="wuhan", limit=1000)}
    assert set(STARS) <= set(found)
    for star in STARS:
        w = found[star]
        assert w.vertical and w.horizontal and w.parts.systems >= 2
        assert w.sources and w.horizontal_ties


def test_no_contrast_case_is_a_node_worker(seeded: Driver) -> None:
    found = {w.id for w in queries.node_workers(seeded, limit=1000)}
    assert not found & set(CONTRAST_REASONS)


def test_ranking_is_by_score(seeded: Driver) -> None:
    scores = [w.score for w in queries.node_workers(seeded, city="wuhan")]
    assert scores == sorted(scores, reverse=True)
    first_two = queries.node_workers(seeded, city="wuhan", limit=2)
    assert [w.id for w in first_two] == [w.id for w in queries.node_workers(seeded)[:2]]


@pytest.mark.parametrize("star", STARS)
def test_star_chain_has_sources_on_every_hop(seeded: Driver, star: str) -> None:
    chain = queries.patronage_chain(seeded, worker_id=star)
    assert chain and chain[0].from_id == star
    assert all(hop.sources and all(s.citation for s in hop.sources) for hop in chain)
    assert any(hop.tie == "patronage" for hop in chain)


def test_jiang_visited_star_reaches_the_nation(seeded: Driver) -> None:
    chain = queries.patronage_chain(seeded, worker_id="star-jiang-visited")
    assert "nation" in {hop.level for hop in chain}


def test_chain_of_unknown_worker_is_not_found(seeded: Driver) -> None:
    with pytest.raises(NotFoundError, match="no-such-worker"):
        queries.patronage_chain(seeded, worker_id="no-such-worker")


@pytest.mark.parametrize(("worker", "reason"), sorted(CONTRAST_REASONS.items()))
def test_contrast_case_fails_the_chapters_condition(
    seeded: Driver, worker: str, reason: str | None
) -> None:
    [judged] = queries.xiagang_eligibility(seeded, worker_id=worker)
    assert judged.reason == reason
    assert judged.eligible is (reason is None)
    if reason is not None:
        assert reason in judged.failed


def test_accountant_counts_before_the_late_2001_tightening(seeded: Driver) -> None:
    [before] = queries.xiagang_eligibility(
        seeded, worker_id="accountant-waiting-center", as_of=2000
    )
    assert before.eligible


def test_workforce_falls_into_the_three_sets(seeded: Driver) -> None:
    summary = queries.workforce_summary(seeded)
    assert "worker-kept-talent" in summary.sets["kept_on_post"]
    assert "genuine-xiagang-no-patron" in summary.sets["genuine_xiagang"]
    assert "worker-fired" in summary.sets["let_go"]
    assert summary.categories["collective_firm"] == ["worker-collective-firm"]
    assert "genuine-xiagang-no-patron" in summary.eligible
    assert "accountant-waiting-center" not in summary.eligible


def test_dependency_reports_each_patron(seeded: Driver) -> None:
    dep = queries.dependency(seeded, worker_id="star-auto-parts-owner")
    assert dep.is_node
    assert "wuhan-trade-union" in {e.patron_id for e in dep.effects}
    assert set(dep.critical) == {e.patron_id for e in dep.effects if not e.still_node}


def test_supporters_of_the_fic_restaurant(seeded: Driver) -> None:
    support = queries.supporters(seeded, entity_id="venture-fic-restaurant")
    kinds = {s.kind for s in support}
    assert {"loan", "fee_waiver", "placement"} <= kinds
    assert any(s.instructed_by == "wuhan-labor-bureau" for s in support)
    assert all(s.sources for s in support)


def test_firegate_base_says_what_is_missing_or_unknown(seeded: Driver) -> None:
    base = queries.base_qualification(seeded, venture_id="venture-firegate")
    assert base.endorsed and "wuhan-trade-union" in base.endorsed_by
    assert len(base.endorsed_by) == len(set(base.endorsed_by)), base.endorsed_by
    expected = False if base.missing else (None if base.unknown else True)
    assert base.qualifies is expected
    [share] = [c for c in base.criteria if c.name == "laid_off_share"]
    assert share.threshold == 0.6 and "60%" in share.rule
    assert all(c.rule for c in base.criteria)
    met = {c.name for c in base.criteria if c.met}
    assert {"worksite", "stable_scope", "founded_by_state_firm_workers"} <= met


def test_city_subgraphs(seeded: Driver) -> None:
    pyramid = queries.hierarchy(seeded, city="wuhan")
    ids = {n.id for n in pyramid.nodes}
    assert {"wuhan", "wuhan-labor-bureau", "wuchang"} <= ids
    assert all(
        r.tie == "vertical" and r.start in ids and r.end in ids for r in pyramid.relationships
    )
    team = queries.horizontal_team(seeded, city="wuhan")
    assert "wuhan-reemployment-lsg" in {n.id for n in team.nodes}
    assert all(r.tie == "horizontal" for r in team.relationships)


def test_search_and_entity(seeded: Driver) -> None:
    hits = queries.search(seeded, q="trade union", label="MassOrganization")
    assert "wuhan-trade-union" in [h.id for h in hits]
    # Lucene syntax in user input is escaped, not parsed: no error, still a match.
    assert "wuhan-trade-union" in [h.id for h in queries.search(seeded, q="union: (trade")]
    detail = queries.entity(seeded, entity_id="wuhan-trade-union")
    assert "patronage" in detail.neighbours and "horizontal" in detail.neighbours


def test_graph_counts_match_the_model(seeded: Driver) -> None:
    counts = queries.graph_counts(seeded)
    assert counts.labels["Worker"] >= len(STARS) + len(CONTRAST_REASONS)
    assert sum(counts.ties.values()) == counts.relationships


def _operators(plan: Any) -> list[tuple[str, str, int]]:
    ops = [(plan["operatorType"], plan.get("args", {}).get("Details", ""), plan.get("dbHits", 0))]
    for child in plan.get("children", []):
        ops += _operators(child)
    return ops


def _profile(driver: Driver, name: str, params: dict[str, Any]) -> list[tuple[str, str, int]]:
    # PROFILE is a prefix on the registered text: the query itself stays in cypher/.
    with driver.session() as session:
        result = session.run("PROFILE " + registry()[name].text, params)  # type: ignore[arg-type]
        summary = result.consume()
    assert summary.profile is not None
    return _operators(summary.profile)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("node_workers", node_worker_params(city="wuhan")),
        (
            "patronage_chain",
            {"worker_id": "star-firegate-manager", "max_hops": 8, "grades": list(EVIDENCE_GRADES)},
        ),
    ],
)
def test_profile_starts_from_index_seeks(seeded: Driver, name: str, params: dict[str, Any]) -> None:
    ops = _profile(seeded, name, params)
    scans = [o for o in ops if "LabelScan" in o[0] and "Worker" in o[1]]
    assert not scans, f"{name} scans workers: {scans}"
    assert any("IndexSeek" in o[0] for o in ops)
    print(f"{name}: {sum(o[2] for o in ops)} db hits")


def test_as_of_answers_count_the_undated_ties_they_rest_on(seeded: Driver) -> None:
    """Most seed ties carry no year: an as_of answer says how many it counted anyway."""
    workers = queries.node_workers(seeded, city="wuhan", as_of=2000)
    assert workers
    for w in workers:
        assert w.undated_patronage_ties == sum(t.year is None for t in w.patronage_ties), w.id
        assert w.undated_horizontal_ties == sum(t.year is None for t in w.horizontal_ties), w.id
    assert sum(w.undated_patronage_ties for w in workers) > 0
    assert sum(w.undated_horizontal_ties for w in workers) > 0
    # before any dated tie, only the undated ones are left: every counted tie is one
    for w in queries.node_workers(seeded, city="wuhan", as_of=1950):
        assert w.undated_patronage_ties == len(w.patronage_ties) > 0, w.id
    [accountant] = queries.xiagang_eligibility(
        seeded, worker_id="accountant-waiting-center", as_of=2000
    )
    assert accountant.undated_ties >= 1
