"""Pages without a browser: self-contained, data escaped, legend from the model, sizes handled."""

from __future__ import annotations

import html as html_lib
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from graphs import HOSTILE, hostile, pyramid, view_graphs

from patronage_graph import model
from patronage_graph.viz import (
    content_security_policy,
    iframe_html,
    render_page,
    show_inline,
)
from patronage_graph.viz.aggregate import aggregate_workers
from patronage_graph.viz.graph import graph_from_rows, graph_from_subgraph
from patronage_graph.viz.index import render_index
from patronage_graph.viz.layout import positions
from patronage_graph.viz.views import ViewRef


@pytest.fixture(scope="module")
def city() -> nx.MultiDiGraph:
    return view_graphs()["city"][0]


def test_a_page_loads_nothing_from_elsewhere(city: nx.MultiDiGraph) -> None:
    html = render_page(city, title="Wuhan", view="city")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html)
    assert not [t for t in tags if re.search(r"\b(?:src|href)\s*=", t)], tags
    assert "<link" not in html
    assert f'content="{content_security_policy()}"' in html_lib.unescape(html)
    assert "connect-src 'none'" in content_security_policy()


def test_the_policy_allows_exactly_the_pages_two_scripts(city: nx.MultiDiGraph) -> None:
    html = render_page(city, title="Wuhan", view="city")
    inline = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(inline) == 2
    assert content_security_policy().count("'sha256-") == 2


@pytest.mark.parametrize("view", list(view_graphs()))
def test_hostile_data_never_appears_as_markup(view: str) -> None:
    G, focus = view_graphs()[view]
    html = render_page(hostile(G), title=HOSTILE[0], view=view, focus=focus)
    for markup in ("<script>window", "<img src=x", "<svg onload", "<a href=", "<b onmouseover"):
        assert markup not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # the heading, as text


def test_the_legend_lists_every_tie_kind_and_only_the_labels_present(
    city: nx.MultiDiGraph,
) -> None:
    html = render_page(city, title="Wuhan", view="city")
    for tie in model.TIE_KINDS:
        assert f'data-tie="{tie}"' in html
    assert ">Worker<" in html.replace("\n", "").replace("</svg>", ">")
    assert "Statistic" not in html.split("<main")[0]


def test_higher_levels_are_drawn_higher(city: nx.MultiDiGraph) -> None:
    pos = positions(city, pyramid=True)
    assert pos["wuhan"][1] < pos["jianghan"][1] < pos["hire-0"][1]
    small = positions(view_graphs()["worker"][0], pyramid=False)
    assert small["labor"][1] < small["firm"][1]


def test_big_pages_fold_plain_workers_and_keep_the_stars() -> None:
    G = pyramid(3000)
    folded, aggregation = aggregate_workers(G, min_nodes=1000)
    assert aggregation is not None and aggregation.workers > 0
    stars = [n for n, d in G.in_degree() if n.startswith("w") and d > 0]
    assert stars and all(s in folded for s in stars)
    counted = [n for n, a in folded.nodes(data=True) if "count" in a]
    assert sum(folded.nodes[n]["count"] for n in counted) == aggregation.workers
    html = render_page(G, title="big", view="city", aggregate_above=1000)
    assert "counted nodes" in html
    assert aggregate_workers(G, min_nodes=10**6) == (G, None)


def test_cypher_rows_become_a_contract_graph() -> None:
    rows = [
        [
            {
                "elementId": "n1",
                "labels": ["Entity", "Person", "Worker"],
                "properties": {"id": "star", "name": "Star"},
            },
            {
                "elementId": "r1",
                "type": "SUPPORTED",
                "start": "n2",
                "end": "n1",
                "properties": {"kind": "loan", "sources": ["s1"]},
            },
            {
                "elementId": "n2",
                "labels": ["Entity", "Organization", "MassOrganization"],
                "properties": {"id": "union", "name": "Union", "system": "trade_union"},
            },
            42,
        ]
    ]
    G = graph_from_rows(rows)
    assert G.nodes["star"]["label"] == "Worker"
    assert G.edges["union", "star", "r1"]["tie"] == "patronage"
    assert "Union" in render_page(G, title="q", view="cypher")


def test_a_subgraph_answer_becomes_a_contract_graph() -> None:
    sub = {
        "nodes": [
            {"id": "a", "labels": ["Entity", "Jurisdiction"], "properties": {"name": "A"}},
            {"id": "b", "labels": ["Entity", "Jurisdiction"], "properties": {"name": "B"}},
        ],
        "relationships": [
            {
                "type": "PART_OF",
                "tie": "vertical",
                "start": "b",
                "end": "a",
                "sources": ["s"],
                "properties": {},
            }
        ],
    }
    G = graph_from_subgraph(sub)
    ((_, _, data),) = G.edges(data=True)
    assert data["sources"] == ["s"] and data["tie"] == "vertical"


def test_show_inline_isolates_the_page_in_a_srcdoc_iframe(city: nx.MultiDiGraph) -> None:
    shown = show_inline(city, title="Wuhan", view="city")
    assert shown.data.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in iframe_html("<p>x</p>")


def test_the_index_escapes_names_and_links_each_page() -> None:
    refs = [ViewRef("worker", "w1", HOSTILE[1]), ViewRef("city", "wuhan", "Wuhan")]
    page = render_index(refs, href=lambda r: r.filename)
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert 'href="worker-w1.html"' in page and 'href="city-wuhan.html"' in page
