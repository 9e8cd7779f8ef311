"""Analytics against the real Neo4j: a small coded city read back and measured.

The graph below is loaded with the project's own loader. Its organizations in the
city ``alpha`` form the six-office graph of ``tests/unit/test_brokerage.py`` plus
a provincial labor bureau above the city bureau, a star worker and her venture;
a second city ``beta`` holds one bureau that must stay out of alpha's subgraph.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from neo4j import Driver
from typer.testing import CliRunner

from patronage_graph import NotFoundError, PatronageGraphError, Settings
from patronage_graph.analysis import (
    ACTOR_LABELS,
    ROLES,
    brokerage,
    brokerage_in_database,
    read_subgraph,
    summarize,
)
from patronage_graph.cli import app
from patronage_graph.loader import load_paths

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]

GRAPH = """
sources:
  - {id: src-test, kind: user, name: Test coding, citation: Hand-coded test city}
nodes:
  - {id: prov, label: Jurisdiction, evidence: stated, name: Test province, level: province}
  - {id: alpha, label: Jurisdiction, evidence: stated, name: Alpha, level: city}
  - {id: alpha-d, label: Jurisdiction, evidence: stated, name: Alpha district, level: district}
  - {id: alpha-s, label: Jurisdiction, evidence: stated, name: Alpha street, level: street}
  - {id: beta, label: Jurisdiction, evidence: stated, name: Beta, level: city}
  - {id: prov-labor, label: StateOrgan, evidence: stated,
     name: Provincial labor bureau, level: province,
     system: labor}
  - {id: F, label: StateOrgan, evidence: stated,
     name: Alpha finance bureau, level: city, system: finance}
  - {id: L1, label: StateOrgan, evidence: stated,
     name: Alpha labor bureau, level: city, system: labor}
  - {id: L2, label: StateOrgan, evidence: stated,
     name: District labor bureau, level: district, system: labor}
  - {id: L3, label: StateOrgan, evidence: stated,
     name: Street labor station, level: street, system: labor}
  - {id: U, label: MassOrganization, evidence: stated,
     name: Alpha trade union, level: city, system: trade_union}
  - {id: W, label: MassOrganization, evidence: stated,
     name: District Women's Federation, level: district,
     system: womens_federation}
  - {id: venture, label: Venture, evidence: stated,
     name: The star's noodle shop, level: street, system: private}
  - {id: beta-labor, label: StateOrgan, evidence: stated,
     name: Beta labor bureau, level: city, system: labor}
  - {id: star, label: Worker, evidence: stated, name: A model worker, status: xiagang}
relationships:
  - {type: PART_OF, from: alpha, to: prov, sources: [src-test], evidence: stated, quote: q}
  - {type: PART_OF, from: beta, to: prov, sources: [src-test], evidence: stated, quote: q}
  - {type: PART_OF, from: alpha-d, to: alpha, sources: [src-test], evidence: stated, quote: q}
  - {type: PART_OF, from: alpha-s, to: alpha-d, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: prov-labor, to: prov, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: F, to: alpha, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: L1, to: alpha, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: U, to: alpha, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: L2, to: alpha-d, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: W, to: alpha-d, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: L3, to: alpha-s, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: venture, to: alpha-s, sources: [src-test], evidence: stated, quote: q}
  - {type: LOCATED_IN, from: beta-labor, to: beta, sources: [src-test], evidence: stated, quote: q}
  - {type: SUPERVISES, from: prov-labor, to: L1, sources: [src-test], evidence: stated, quote: q}
  - {type: SUPERVISES, from: prov-labor, to: beta-labor, sources: [src-test],
     evidence: stated, quote: q}
  - {type: ALLOCATES_QUOTA, from: F, to: L1, quotaKind: reemployment, year: 1998,
     sources: [src-test], evidence: stated, quote: q}
  - {type: SUPERVISES, from: L1, to: L2, sources: [src-test], evidence: stated, quote: q}
  - {type: ALLOCATES_QUOTA, from: L1, to: L2, quotaKind: training, year: 1999,
     sources: [src-test], evidence: stated, quote: q}
  - {type: SUPERVISES, from: L2, to: L3, sources: [src-test], evidence: stated, quote: q}
  - {type: SENDS_LIST, from: L1, to: U, direction: down, purpose: laid-off names,
     sources: [src-test], evidence: stated, quote: q}
  - {type: SENDS_LIST, from: U, to: L3, direction: down, purpose: trainees, sources: [src-test],
     evidence: stated, quote: q}
  - {type: SENDS_LIST, from: L2, to: W, direction: down, purpose: needy women,
     sources: [src-test], evidence: stated, quote: q}
  - {type: COLLABORATES_WITH, from: U, to: W, purpose: job meets, sources: [src-test],
     evidence: inferred, note: "Inferred: both ran the job meets"}
  - {id: union-loan, type: SUPPORTED, from: U, to: star, kind: no_interest_loan, amount: 5000,
     year: 2000, sources: [src-test], evidence: stated, quote: q}
  - {type: FOUNDED, from: star, to: venture, year: 1999, sources: [src-test],
     evidence: stated, quote: q}
"""

# Actors of alpha's subgraph (the rule: organizations located in alpha, its district
# and street, plus their direct neighbours): F, L1, U (city), L2, W (district), L3 and
# the venture (street) = 7 located; neighbours prov-labor (supervises L1) and star
# (supported by U, founded the venture) = 9. beta-labor is a neighbour of prov-labor
# only, which is itself not located in alpha, so it stays out.
ALPHA_ACTORS = {"F", "L1", "L2", "L3", "U", "W", "venture", "prov-labor", "star"}
# Relationships among them: prov-labor->L1, F->L1, L1->L2 (twice: supervision and a
# training quota), L2->L3, L1->U, U->L3, L2->W, U->W, U->star, star->venture = 11.
# LOCATED_IN and PART_OF end at jurisdictions, which are not actors.
ALPHA_RELS = 11


@pytest.fixture
def small_city(empty_db: Driver, tmp_path: Path) -> Driver:
    path = tmp_path / "small_city.yaml"
    path.write_text(GRAPH, encoding="utf-8")
    load_paths(empty_db, [path])
    return empty_db


def test_a_city_subgraph_holds_its_actors_and_their_neighbours(small_city: Driver) -> None:
    G = read_subgraph(small_city, city="alpha", labels=ACTOR_LABELS)
    assert set(G) == ALPHA_ACTORS
    assert G.number_of_edges() == ALPHA_RELS
    # The whole graph adds beta's bureau and prov-labor's tie to it.
    whole = read_subgraph(small_city, labels=ACTOR_LABELS)
    assert set(whole) == ALPHA_ACTORS | {"beta-labor"}
    assert whole.number_of_edges() == ALPHA_RELS + 1


def test_without_a_label_filter_the_pyramid_comes_too(small_city: Driver) -> None:
    G = read_subgraph(small_city, city="alpha")
    # alpha's jurisdictions and the province (alpha PART_OF it) join the actors;
    # the Source node is tied to nothing and beta is no neighbour of alpha's core.
    assert set(G) == ALPHA_ACTORS | {"alpha", "alpha-d", "alpha-s", "prov"}
    # + 7 LOCATED_IN of alpha's organizations, prov-labor LOCATED_IN prov, 3 PART_OF.
    assert G.number_of_edges() == ALPHA_RELS + 7 + 1 + 3


def test_neighbours_are_taken_through_the_selected_ties_only(small_city: Driver) -> None:
    G = read_subgraph(small_city, city="alpha", tie_kinds=["patronage"], labels=ACTOR_LABELS)
    # The seven located organizations, plus the star: the union's loan is alpha's
    # only patronage tie. prov-labor reaches L1 by a vertical tie: not a neighbour.
    assert set(G) == ALPHA_ACTORS - {"prov-labor"}
    assert [(u, v, k) for u, v, k in G.edges(keys=True)] == [("U", "star", "union-loan")]


def test_attributes_survive_the_round_trip(small_city: Driver) -> None:
    G = read_subgraph(small_city, city="alpha", labels=ACTOR_LABELS)
    l1 = G.nodes["L1"]
    assert sorted(l1["labels"]) == ["Entity", "Organization", "StateOrgan"]
    assert (l1["label"], l1["name"], l1["system"], l1["level"]) == (
        "StateOrgan",
        "Alpha labor bureau",
        "labor",
        "city",
    )
    assert G.nodes["star"]["label"] == "Worker" and G.nodes["star"]["status"] == "xiagang"
    loan = G.edges["U", "star", "union-loan"]
    assert loan["type"] == "SUPPORTED" and loan["tie"] == "patronage"
    assert loan["sources"] == ["src-test"]
    assert (loan["kind"], loan["amount"], loan["year"]) == ("no_interest_loan", 5000, 2000)
    # The two ties L1 -> L2 stay two edges, keyed by their relationship ids.
    assert sorted(d["type"] for d in G.get_edge_data("L1", "L2").values()) == [
        "ALLOCATES_QUOTA",
        "SUPERVISES",
    ]


def test_an_unknown_city_is_reported(small_city: Driver) -> None:
    with pytest.raises(NotFoundError, match="no city with id 'gamma'"):
        read_subgraph(small_city, city="gamma")
    with pytest.raises(NotFoundError):
        read_subgraph(small_city, city="alpha-d")  # a district, not a city


def zero_but(**counts: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, 0), **counts, "total": sum(counts.values())}


# The unit test's six offices, worked out there, plus prov-labor -> L1:
#   prov-labor -> L1 -> L2  (no prov-labor -> L2)  labor, labor, labor   coordinator
#   prov-labor -> L1 -> U   (no prov-labor -> U)   labor, labor, union   representative
# The star has no system and is left out, so U -> star -> venture counts for nobody.
EXPECTED = {
    "L1": zero_but(coordinator=1, representative=1, gatekeeper=1, liaison=1),
    "L2": zero_but(coordinator=1, representative=1),
    "U": zero_but(itinerant=1, liaison=2),  # U <-> W: the collaboration runs both ways
    "W": zero_but(liaison=1),
    "F": zero_but(),
    "L3": zero_but(),
    "prov-labor": zero_but(),
    "venture": zero_but(),
}


def test_brokerage_on_the_city_read_back_equals_the_hand_count(small_city: Driver) -> None:
    G = read_subgraph(small_city, city="alpha", labels=ACTOR_LABELS)
    assert brokerage(G) == EXPECTED
    # Brokerage is local: the whole graph adds only beta-labor (no two-path through
    # it), and every organization of alpha keeps its count, since the city cut
    # holds all of their neighbours.
    whole = brokerage(read_subgraph(small_city, labels=ACTOR_LABELS))
    assert whole == {**EXPECTED, "beta-labor": zero_but()}


def test_stated_ties_only_leave_the_inferred_collaboration_out(small_city: Driver) -> None:
    # U <-> W is the only inferred tie: without it W brokers nothing, and the
    # networkx count and the database count still agree.
    G = read_subgraph(small_city, city="alpha", labels=ACTOR_LABELS, evidence="stated")
    assert G.number_of_edges() == ALPHA_RELS - 1
    assert {d["evidence"] for *_, d in G.edges(data=True)} == {"stated"}
    strict = brokerage(G)
    assert strict["W"]["liaison"] == 0 and strict["U"] != EXPECTED["U"]
    nonzero = {node: row for node, row in strict.items() if row["total"]}
    assert brokerage_in_database(small_city, city="alpha", evidence="stated") == nonzero


def test_the_database_counts_the_same_as_networkx(small_city: Driver) -> None:
    # In Neo4j, only organizations located in alpha broker; zero rows are omitted.
    nonzero = {node: row for node, row in EXPECTED.items() if row["total"]}
    assert brokerage_in_database(small_city, city="alpha") == nonzero
    assert brokerage_in_database(small_city) == nonzero  # beta-labor brokers nothing
    # Horizontal ties only: U <-> W is the one tie left; U -> W -> U is no two-path.
    assert brokerage_in_database(small_city, tie_kinds=["horizontal"]) == {}


def test_the_cli_prints_the_same_counts(
    small_city: Driver, cli_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_DATABASE", "neo4j")
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        app, ["analyze", "brokerage", "--city", "alpha", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # Most brokerage first: L1 (4), U (3), L2 (2), W (1).
    assert [row["id"] for row in rows[:4]] == ["L1", "U", "L2", "W"]
    assert rows[0]["liaison"] == 1 and rows[0]["total"] == 4
    centrality = CliRunner().invoke(app, ["analyze", "centrality", "--city", "alpha", "-f", "csv"])
    assert centrality.exit_code == 0, centrality.output
    header, *lines = centrality.stdout.strip().splitlines()
    assert header.startswith("id,name,label,system,betweenness,constraint,effective_size")
    assert len(lines) == len(ALPHA_ACTORS)
    # The default table: one row per organization (people have no system), a legend.
    table = CliRunner().invoke(app, ["analyze", "brokerage", "--city", "alpha"])
    assert table.exit_code == 0, table.output
    assert "liais = liaison" in table.stdout
    assert sum(f"│ {node} " in table.stdout for node in EXPECTED) == len(EXPECTED)


# --- the Wuhan seed ----------------------------------------------------------------
#
# The chapter's geometry: the city labor bureau chairs the leading small group of
# about a dozen departments from different systems and works with each of them
# (finance, tax, the industrial-commercial bureau, the mass organizations, banks,
# media); the trade union works horizontally with banks, the tax office, the ICB,
# schools and the Party committee. Whoever sits between offices of two other systems
# that are not tied to each other is a liaison, so both must be liaison brokers on
# the horizontal ties alone, and the chair must broker across systems more than a
# random network of the same density would let it.


def lsg_chairs(G: nx.MultiDiGraph) -> set[str]:
    """Who chairs a leading small group of several systems, as the graph says (not a
    hard-coded id). A team whose members all share one system (the Qiaokou district
    government's special meeting of its "relevant departments") brokers between none."""

    def systems(team: str) -> set[str]:
        members = [u for u, _, kind in G.in_edges(team, data="type") if kind == "MEMBER_OF"]
        return {G.nodes[u].get("system") for u in members} - {None}

    chairs = {
        u
        for u, v, kind in G.edges(data="type")
        if kind == "CHAIRS"
        and G.nodes[v]["label"] == "LeadingSmallGroup"
        and len(systems(v) - {G.nodes[u].get("system")}) >= 2
    }
    assert chairs, "the seed codes who chairs Wuhan's leading small group"
    return chairs


def test_the_leading_small_groups_chair_is_a_liaison_broker(seeded: Driver) -> None:
    G = read_subgraph(seeded, city="wuhan", labels=ACTOR_LABELS)
    chairs = lsg_chairs(G)
    horizontal = brokerage(
        read_subgraph(seeded, city="wuhan", tie_kinds=["horizontal"], labels=ACTOR_LABELS)
    )
    against_chance = brokerage(G, normalized=True)
    for chair in chairs:
        assert horizontal[chair]["liaison"] > 0
        assert against_chance[chair]["liaison"] > 1


def test_the_trade_union_brokers_between_other_systems(seeded: Driver) -> None:
    H = read_subgraph(seeded, city="wuhan", tie_kinds=["horizontal"], labels=ACTOR_LABELS)
    assert H.nodes["wuhan-trade-union"]["label"] == "MassOrganization"
    assert brokerage(H)["wuhan-trade-union"]["liaison"] > 0


def test_the_chair_spans_structural_holes(seeded: Driver) -> None:
    # Burt: a broker's contacts are not tied to each other, so its constraint is
    # low. The chair must be less constrained than the typical Wuhan organization.
    G = read_subgraph(seeded, city="wuhan", labels=ACTOR_LABELS)
    rows = {row.id: row for row in summarize(G)}
    organizations = sorted(
        row.constraint
        for row in rows.values()
        if row.constraint is not None and "Organization" in G.nodes[row.id]["labels"]
    )
    median = organizations[len(organizations) // 2]
    for chair in lsg_chairs(G):
        constraint = rows[chair].constraint
        assert constraint is not None and constraint < median
    # Every relationship read for the analytics carries its evidence.
    assert all(sources for *_, sources in G.edges(data="sources"))


def test_database_and_networkx_brokerage_agree_on_the_seed(seeded: Driver) -> None:
    # Two independent implementations of one definition: the Cypher count over
    # Wuhan's organizations must equal networkx's on the exported city graph.
    for ties in (None, ["horizontal"], ["vertical", "patronage"]):
        in_db = brokerage_in_database(seeded, city="wuhan", tie_kinds=ties)
        exported = brokerage(
            read_subgraph(seeded, city="wuhan", tie_kinds=ties, labels=ACTOR_LABELS)
        )
        assert in_db, ties
        assert {node: exported[node] for node in in_db} == in_db
    # Over the whole graph the two must agree on every broker, in both directions.
    whole = brokerage(read_subgraph(seeded, labels=ACTOR_LABELS))
    assert brokerage_in_database(seeded) == {n: row for n, row in whole.items() if row["total"]}


def test_an_unknown_tie_kind_is_refused_before_any_read(driver: Driver) -> None:
    with pytest.raises(PatronageGraphError, match=r"unknown tie kind.*'friendship'"):
        read_subgraph(driver, tie_kinds=["friendship"])
