"""Betweenness, Burt's constraint and effective size, and the summary table.

Every expected value is worked out by hand in the comments.
"""

from __future__ import annotations

import doctest
import importlib
import math
import random

import networkx as nx
import pytest

from patronage_graph.analysis import betweenness, collapse, constraint, effective_size, summarize


def test_betweenness_counts_shortest_paths_through_an_actor() -> None:
    # Path a - b - c - d: b is on a..c and a..d, c on a..d and b..d.
    G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    raw = betweenness(G, normalized=False)
    assert raw == {"a": 0.0, "b": 2.0, "c": 2.0, "d": 0.0}
    # Undirected normalization divides by the (n-1)(n-2)/2 = 3 pairs of others.
    assert betweenness(G)["b"] == pytest.approx(2 / 3)


def test_betweenness_reads_ties_both_ways_unless_told_otherwise() -> None:
    # Two firms both report to the bureau: undirected, the bureau links them (1
    # pair); directed, no path runs from one firm to the other (0).
    G = nx.MultiDiGraph([("firm1", "bureau"), ("firm2", "bureau")])
    assert betweenness(G, normalized=False)["bureau"] == 1.0
    assert betweenness(G, normalized=False, directed=True)["bureau"] == 0.0


def test_betweenness_keeps_only_the_selected_tie_kinds() -> None:
    # a - b - c through a vertical and a patronage tie; with patronage only, b
    # sits on no path between others.
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", tie="vertical")
    G.add_edge("b", "c", tie="patronage")
    assert betweenness(G, normalized=False)["b"] == 1.0
    assert betweenness(G, normalized=False, tie_kinds=["patronage"])["b"] == 0.0


def test_constraint_is_lower_for_an_actor_whose_contacts_are_apart() -> None:
    # E with contacts A and B, A and B not tied: p = 1/2 each, no indirect paths,
    # c(E) = 2 * (1/2)^2 = 0.5.
    open_pair = nx.MultiDiGraph([("E", "A"), ("E", "B")])
    assert constraint(open_pair)["E"] == pytest.approx(0.5)
    # Tie A - B: for contact A, p(E,A) = 1/2 plus indirect p(E,B) p(B,A) = 1/2 * 1/2,
    # so c(E,A) = (3/4)^2 = 9/16; the same for B: c(E) = 9/8.
    closed = nx.MultiDiGraph([("E", "A"), ("E", "B"), ("A", "B")])
    assert constraint(closed)["E"] == pytest.approx(9 / 8)


def test_constraint_weighs_a_contact_by_the_number_of_relationships() -> None:
    # E -> A twice (supervision and a quota), E -> B once: p(E,A) = 2/3, p(E,B) = 1/3,
    # c(E) = 4/9 + 1/9 = 5/9. Unweighted, both contacts count 1/2: c(E) = 0.5.
    G = nx.MultiDiGraph([("E", "A"), ("E", "A"), ("E", "B")])
    assert constraint(G)["E"] == pytest.approx(5 / 9)
    assert constraint(G, weighted=False)["E"] == pytest.approx(0.5)


def test_effective_size_discounts_redundant_contacts() -> None:
    # Hub with three unconnected contacts: 3 non-redundant contacts.
    G = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("hub", "c")])
    assert effective_size(G)["hub"] == pytest.approx(3.0)
    # Tie a - b, weights all 1. Burt: sum over j of 1 - sum_q p(hub,q) m(j,q), with
    # p = 1/3 and m = 1 for the one shared tie: a and b each lose 1/3, c nothing:
    # 3 - 2/3 = 7/3 (Borgatti's n - 2t/n gives the same when unweighted).
    G.add_edge("a", "b")
    assert effective_size(G)["hub"] == pytest.approx(7 / 3)
    assert effective_size(G, weighted=False)["hub"] == pytest.approx(7 / 3)


def test_summary_table_sorts_by_betweenness_and_marks_what_was_not_measured() -> None:
    # finance -> labor -> union, plus a worker the union supports and an isolated
    # venture. Undirected betweenness (unnormalized pairs through each, n = 5):
    #   labor: finance..union, finance..worker                  = 2
    #   union: finance..worker, labor..worker                   = 2
    # normalized by (n-1)(n-2)/2 = 6: 1/3 each; ties broken by id (labor < union).
    G = nx.MultiDiGraph()
    G.add_node("finance", system="finance", name="Finance Bureau", label="StateOrgan")
    G.add_node("labor", system="labor", name="Labor Bureau", label="StateOrgan")
    G.add_node("union", system="trade_union", name="Trade Union", label="MassOrganization")
    G.add_node("worker", name="A star", label="Worker")
    G.add_node("venture", system="private", name="Idle venture", label="Venture")
    G.add_edge("finance", "labor")
    G.add_edge("labor", "union")
    G.add_edge("union", "worker")
    rows = summarize(G)
    assert [r.id for r in rows[:2]] == ["labor", "union"]
    assert rows[0].betweenness == pytest.approx(1 / 3)
    by_id = {r.id: r for r in rows}
    # labor: finance -> labor -> union is its one open two-path, three systems.
    assert (by_id["labor"].liaison, by_id["labor"].brokerage) == (1, 1)
    # The worker has no system: brokerage not measured, not zero.
    assert by_id["worker"].brokerage is None and by_id["worker"].system is None
    # The isolated venture has no contacts: no constraint, no effective size.
    assert by_id["venture"].constraint is None and by_id["venture"].effective_size is None
    assert by_id["union"].name == "Trade Union" and by_id["union"].label == "MassOrganization"


def test_summary_can_estimate_betweenness_from_a_sample() -> None:
    # A path of 30 offices: sampling all 30 sources is the exact count; sampling 8
    # still gives every actor a row, and the two ends (on no path between others)
    # stay at 0 whichever sources are drawn.
    G = nx.MultiDiGraph(nx.path_graph(30, create_using=nx.DiGraph))
    exact = summarize(G)
    assert summarize(G, sample=30) == exact
    sampled = {row.id: row.betweenness for row in summarize(G, sample=8)}
    assert len(sampled) == 30
    assert sampled["0"] == sampled["29"] == 0.0
    assert max(sampled.values()) > 0


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("weighted", [True, False])
def test_burt_measures_equal_networkx_on_random_graphs(seed: int, weighted: bool) -> None:
    # Our near-linear versions must give networkx's own answers (including NaN for
    # isolates), on graphs with triangles, hubs, parallel ties and isolated actors.
    rng = random.Random(seed)
    M = nx.MultiDiGraph()
    M.add_nodes_from(range(40))  # some stay isolated
    for _ in range(90):
        u, v = rng.randrange(30), rng.randrange(30)
        M.add_edge(u, v if rng.random() < 0.8 else 0)  # node 0 becomes a hub
    H = collapse.to_graph(M)
    weight = "weight" if weighted else None
    for ours, theirs in (
        (constraint(M, weighted=weighted), nx.constraint(H, weight=weight)),
        (effective_size(M, weighted=weighted), nx.effective_size(H, weight=weight)),
    ):
        assert set(ours) == set(theirs)
        for node, value in theirs.items():
            if math.isnan(value):
                assert math.isnan(ours[node]), node
            else:
                assert ours[node] == pytest.approx(value, rel=1e-12), node


@pytest.mark.parametrize("name", ["brokerage", "centrality", "collapse", "subgraph", "summary"])
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(f"patronage_graph.analysis.{name}")
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0
