"""Pages are built on pyvis's Network (pinned), filled without its quadratic adds."""

from __future__ import annotations

from importlib.metadata import version

import networkx as nx

from patronage_graph.viz.network import network_data, to_network
from patronage_graph.viz.visdata import build


def _chain(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(
            f"o{i}",
            labels=["Organization", "StateOrgan"],
            label="StateOrgan",
            name=f"Office {i}",
            level="city",
            system="labor",
        )
    for i in range(n - 1):
        G.add_edge(
            f"o{i}", f"o{i + 1}", key=f"r{i}", type="SUPERVISES", tie="vertical", sources=["s"]
        )
    return G


def test_pyvis_is_the_pinned_release_the_page_model_was_written_for() -> None:
    assert version("pyvis") == "0.3.2"


def test_network_holds_every_node_and_edge_and_pyvis_reads_them_back() -> None:
    data = build(_chain(30), pyramid=True, focus=None)
    net = to_network(data, heading="<b>thirty</b>")
    page = network_data(net)
    assert [n["id"] for n in page["nodes"]] == [f"o{i}" for i in range(30)]
    assert len(page["edges"]) == 29
    assert page["heading"] == "<b>thirty</b>"  # escaping is the template's job
    net.add_edge("o0", "o29")  # pyvis's own bookkeeping agrees with what we filled
    assert len(net.edges) == 30
