"""Gould–Fernandez brokerage on small graphs whose counts are worked out by hand.

Notation in the comments: ``a -> b -> c`` is a two-path through broker ``b``; it
counts only when ``a != c`` and there is no direct tie ``a -> c`` (an open
two-path). Groups are the ``system`` node attribute.
"""

from __future__ import annotations

import networkx as nx
import pytest

from patronage_graph.analysis import ROLES, brokerage, expected_brokerage

ZERO = {**dict.fromkeys(ROLES, 0), "total": 0}


def digraph(edges: list[tuple[str, str]], systems: dict[str, str | None]) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from((node, {"system": system}) for node, system in systems.items())
    G.add_edges_from(edges)
    return G


def only(**counts: int) -> dict[str, int]:
    return {**ZERO, **counts, "total": sum(counts.values())}


@pytest.mark.parametrize(
    ("role", "groups"),
    [
        # (group of a, group of b, group of c) for the single two-path a -> b -> c
        ("coordinator", ("labor", "labor", "labor")),  # all one system
        ("itinerant", ("labor", "trade_union", "labor")),  # outsider inside labor
        ("representative", ("labor", "labor", "finance")),  # labor speaks to finance
        ("gatekeeper", ("finance", "labor", "labor")),  # finance enters labor through b
        ("liaison", ("finance", "labor", "trade_union")),  # b belongs to neither side
    ],
)
def test_one_open_triad_gives_its_broker_exactly_one_role(
    role: str, groups: tuple[str, str, str]
) -> None:
    G = digraph([("a", "b"), ("b", "c")], dict(zip("abc", groups, strict=True)))
    result = brokerage(G)
    assert result["b"] == only(**{role: 1})
    # a has no predecessor and c no successor: neither sits inside a two-path.
    assert result["a"] == ZERO
    assert result["c"] == ZERO


def test_a_closed_triad_yields_no_brokerage() -> None:
    # a -> b -> c, but a -> c also exists: the finance bureau reaches the union
    # directly, so the labor bureau mediates nothing.
    G = digraph(
        [("a", "b"), ("b", "c"), ("a", "c")],
        {"a": "finance", "b": "labor", "c": "trade_union"},
    )
    assert all(row == ZERO for row in brokerage(G).values())


def test_reciprocal_ties_count_each_direction_and_never_a_return_trip() -> None:
    # a <-> b <-> c, a and c not tied. Through b: a -> b -> c and c -> b -> a, both
    # open. a -> b -> a is no two-path (a = c). a's only neighbour is b, so
    # b -> a -> b is excluded too; likewise for c.
    edges = [("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")]
    mixed = brokerage(digraph(edges, {"a": "labor", "b": "labor", "c": "finance"}))
    # a -> b -> c: b shares a's group, c differs: representative.
    # c -> b -> a: b shares the group of the end a, the start c differs: gatekeeper.
    assert mixed["b"] == only(representative=1, gatekeeper=1)
    assert mixed["a"] == ZERO and mixed["c"] == ZERO
    three = brokerage(digraph(edges, {"a": "labor", "b": "trade_union", "c": "finance"}))
    assert three["b"] == only(liaison=2)
    # Tying a <-> c closes both two-paths.
    closed = digraph([*edges, ("a", "c"), ("c", "a")], {"a": "x", "b": "y", "c": "z"})
    assert brokerage(closed)["b"] == ZERO


# Six offices, five systems, every role present (and one reciprocal tie, U <-> W):
#
#   F(finance) -> L1(labor) -> L2(labor) -> L3(labor)
#                 L1 -> U(trade_union) -> L3
#                 U <-> W(womens_federation) <- L2
SIX_SYSTEMS = {
    "F": "finance",
    "L1": "labor",
    "L2": "labor",
    "L3": "labor",
    "U": "trade_union",
    "W": "womens_federation",
}
SIX_EDGES = [
    ("F", "L1"),
    ("L1", "L2"),
    ("L2", "L3"),
    ("L1", "U"),
    ("U", "L3"),
    ("L2", "W"),
    ("U", "W"),
    ("W", "U"),
]


def test_six_offices_with_mixed_roles() -> None:
    result = brokerage(digraph(SIX_EDGES, SIX_SYSTEMS))
    # L1: in {F}, out {L2, U}.
    #   F -> L1 -> L2  (no F -> L2)  finance, labor, labor         gatekeeper
    #   F -> L1 -> U   (no F -> U)   finance, labor, trade_union   liaison
    assert result["L1"] == only(gatekeeper=1, liaison=1)
    # L2: in {L1}, out {L3, W}.
    #   L1 -> L2 -> L3 (no L1 -> L3) labor, labor, labor           coordinator
    #   L1 -> L2 -> W  (no L1 -> W)  labor, labor, womens          representative
    assert result["L2"] == only(coordinator=1, representative=1)
    # U: in {L1, W}, out {L3, W}.
    #   L1 -> U -> L3  (no L1 -> L3) labor, union, labor           itinerant
    #   L1 -> U -> W   (no L1 -> W)  labor, union, womens          liaison
    #   W -> U -> L3   (no W -> L3)  womens, union, labor          liaison
    #   W -> U -> W    a = c: not a two-path
    assert result["U"] == only(itinerant=1, liaison=2)
    # W: in {L2, U}, out {U}.
    #   L2 -> W -> U   (no L2 -> U)  labor, womens, union          liaison
    #   U -> W -> U    a = c: not a two-path
    assert result["W"] == only(liaison=1)
    # F has no predecessor, L3 no successor.
    assert result["F"] == ZERO and result["L3"] == ZERO


def test_a_multigraph_counts_a_pair_once_and_filters_by_tie_kind() -> None:
    M = nx.MultiDiGraph()
    M.add_nodes_from((node, {"system": system}) for node, system in SIX_SYSTEMS.items())
    for u, v in SIX_EDGES:
        M.add_edge(u, v, tie="vertical")
    # A second, patronage tie F -> L1 changes nothing: the pair is already tied.
    M.add_edge("F", "L1", tie="patronage")
    assert brokerage(M) == brokerage(digraph(SIX_EDGES, SIX_SYSTEMS))
    # Keeping only patronage ties leaves the single edge F -> L1: no two-path at all.
    assert all(row == ZERO for row in brokerage(M, tie_kinds=["patronage"]).values())


def test_a_stored_collaboration_runs_both_ways() -> None:
    # The loader stores U -[:COLLABORATES_WITH]-> L once. With F -> L (a quota),
    # L has the successor U only because a collaboration is mutual:
    #   F -> L -> U  (no F -> U)  finance, labor, trade_union  liaison for L.
    M = nx.MultiDiGraph()
    M.add_nodes_from([("F", {"system": "finance"}), ("L", {"system": "labor"})])
    M.add_node("U", system="trade_union")
    M.add_edge("U", "L", type="COLLABORATES_WITH", tie="horizontal")
    M.add_edge("F", "L", type="ALLOCATES_QUOTA", tie="vertical")
    assert brokerage(M)["L"] == only(liaison=1)
    # As a one-way tie of another type, L would have no successor and broker nothing.
    M2 = nx.MultiDiGraph(M)
    M2.remove_edge("U", "L")
    M2.add_edge("U", "L", type="REPORTS_TO", tie="vertical")
    assert brokerage(M2)["L"] == ZERO


def test_nodes_without_a_group_are_left_out_of_the_count() -> None:
    # A worker (no system) between the union and a venture: F -> P -> U would be a
    # two-path, but P has no group, so it is neither counted nor reported.
    G = digraph([("F", "P"), ("P", "U")], {"F": "finance", "P": None, "U": "trade_union"})
    result = brokerage(G)
    assert set(result) == {"F", "U"}
    assert result["F"] == ZERO and result["U"] == ZERO


def test_group_may_be_a_function_of_the_node() -> None:
    # Group by first letter: a1 -> b -> a2 puts b (group b) between two a's: itinerant.
    G = nx.DiGraph([("a1", "b"), ("b", "a2")])
    assert brokerage(G, group=lambda node: node[0])["b"] == only(itinerant=1)


def test_normalized_counts_are_ratios_to_the_random_expectation() -> None:
    # Liaison triad a(x) -> b(y) -> c(z). N = 3, 2 ties of 3*2 possible: d = 1/3.
    # A given ordered pair is an open two-path through b with probability
    # d^2 (1 - d) = 2/27. For b (group size 1) the liaison pairs are (a, c) and
    # (c, a): (N - 1)^2 - (1 + 1) = 2, so E[liaison] = 4/27 and 1 / (4/27) = 6.75.
    G = digraph([("a", "b"), ("b", "c")], {"a": "x", "b": "y", "c": "z"})
    assert expected_brokerage(G)["b"]["liaison"] == pytest.approx(4 / 27)
    ratio = brokerage(G, normalized=True)["b"]
    assert ratio["liaison"] == pytest.approx(6.75)
    # All pairs: (N-1)(N-2) = 2, expected total 4/27 as well; other roles are
    # impossible for b (no other member of y, no group with two members): 0.
    assert ratio["total"] == pytest.approx(6.75)
    assert ratio["coordinator"] == ratio["itinerant"] == 0.0


def test_expected_counts_split_all_pairs_among_the_roles() -> None:
    # Whatever the groups, a broker's five role expectations sum to d^2(1-d)(N-1)(N-2).
    expected = expected_brokerage(digraph(SIX_EDGES, SIX_SYSTEMS))
    for row in expected.values():
        assert sum(row[role] for role in ROLES) == pytest.approx(row["total"])
    # N = 6 and 8 ties: d = 8/30; (N-1)(N-2) = 20 ordered pairs.
    d = 8 / 30
    assert expected["L1"]["total"] == pytest.approx(d * d * (1 - d) * 20)
    # L1 is one of three labor offices: (3-1)(3-2) = 2 coordinator pairs.
    assert expected["L1"]["coordinator"] == pytest.approx(d * d * (1 - d) * 2)


def test_an_undirected_graph_is_refused() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        brokerage(nx.Graph([("a", "b")]))
