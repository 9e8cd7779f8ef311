"""Every view opened in headless Chromium: drawn, quiet, offline, and safe with hostile data."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from chromium import PIXELS_AT_NODES, Browser
from graphs import HOSTILE, hostile, pyramid, view_graphs
from pagecheck import NODE_POINTS, PIXEL_AT, assert_clean, assert_drawn, hover_and_click_everything

from patronage_graph.viz import render_page, show_inline
from patronage_graph.viz.style import INFERRED_DASHES

pytestmark = pytest.mark.browser
VIEWS = list(view_graphs())


def _page(tmp_path: Path, name: str, G: nx.MultiDiGraph, **kwargs: object) -> str:
    path = tmp_path / f"{name}.html"
    path.write_text(render_page(G, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path.as_uri()


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_draws_offline_without_errors(
    view: str, browser: Browser, tmp_path: Path, artifacts: Path
) -> None:
    G, focus = view_graphs()[view]
    url = _page(tmp_path, view, G, title=f"Test {view}", view=view, focus=focus)
    with browser.visit(url) as visit:
        visit.page.screenshot(path=str(artifacts / f"view-{view}.png"))
        pixels = assert_drawn(visit)
        assert len(pixels["nodes"]) == G.number_of_nodes(), "a small view fits on screen"
        assert_clean(visit)
        assert visit.page.inner_text("#pg-title") == f"Test {view}"


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_names_and_properties_never_run(
    view: str, browser: Browser, tmp_path: Path, artifacts: Path
) -> None:
    G, focus = view_graphs()[view]
    H = hostile(G)
    title = HOSTILE[0] + HOSTILE[1]
    url = _page(tmp_path, f"hostile-{view}", H, title=title, view=view, focus=focus)
    with browser.visit(url) as visit:
        tips = hover_and_click_everything(visit, list(H.nodes))
        visit.page.screenshot(path=str(artifacts / f"hostile-{view}.png"))
        assert visit.evaluate("() => window.__pwned") is None, "script from the data ran"
        # The user sees the markup as text, in the heading and in the tooltips.
        assert visit.page.inner_text("#pg-title") == title
        assert any("<script>window.__pwned=1</script>" in t for t in tips), tips[:2]
        assert (
            visit.evaluate(
                "() => document.querySelectorAll('#pg-tip *:not(table,tbody,tr,th,td)').length"
            )
            == 0
        )
        assert_drawn(visit)
        assert_clean(visit)


def test_clicking_a_node_greys_out_all_but_its_neighbours(browser: Browser, tmp_path: Path) -> None:
    G, _ = view_graphs()["city"]
    url = _page(tmp_path, "click", G, title="click", view="city")
    with browser.visit(url) as visit:
        before = visit.evaluate(PIXEL_AT, "hire-0")
        points = visit.evaluate(NODE_POINTS, ["union"])
        visit.page.mouse.click(*points["union"])
        visit.page.wait_for_timeout(150)
        highlighted = set(visit.evaluate("() => window.patronageGraph.highlighted"))
        assert highlighted == {"union", *nx.all_neighbors(G, "union")}
        after = visit.evaluate(PIXEL_AT, "hire-0")  # not a neighbour of the union
        assert after[:3] == [221, 221, 221] and before[:3] != after[:3]
        visit.page.mouse.click(5 + 270, 5)  # empty canvas: everything back in colour
        visit.page.wait_for_timeout(150)
        assert visit.evaluate(PIXEL_AT, "hire-0")[:3] == before[:3]


def test_filters_hide_tie_kinds_and_levels(browser: Browser, tmp_path: Path) -> None:
    G, _ = view_graphs()["city"]
    url = _page(tmp_path, "filters", G, title="filters", view="city")
    drawn_edges = "() => window.patronageGraph.network.body.edgeIndices.length"
    drawn_nodes = "() => window.patronageGraph.network.body.nodeIndices"
    with browser.visit(url) as visit:
        all_edges = visit.evaluate(drawn_edges)
        patronage = sum(1 for *_, t in G.edges(data="tie") if t == "patronage")
        visit.page.uncheck("input[data-tie=patronage]")
        assert visit.evaluate(drawn_edges) == all_edges - patronage
        visit.page.uncheck("input[data-band='no level']")
        shown = set(visit.evaluate(drawn_nodes))
        assert "star" not in shown and "labor" in shown
        visit.page.check("input[data-band='no level']")
        assert "star" in set(visit.evaluate(drawn_nodes))


def test_a_5000_node_city_draws(browser: Browser, tmp_path: Path, artifacts: Path) -> None:
    G = pyramid(5000)
    url = _page(tmp_path, "city-5k", G, title="5k", view="city")
    with browser.visit(url) as visit:
        visit.page.screenshot(path=str(artifacts / "city-5k.png"))
        assert visit.evaluate("() => window.patronageGraph.nodes.length") == G.number_of_nodes()
        assert_drawn(visit)
        assert_clean(visit)


def test_a_20000_node_city_is_aggregated_and_says_so(browser: Browser, tmp_path: Path) -> None:
    G = pyramid(20000)
    url = _page(tmp_path, "city-20k", G, title="20k", view="city")
    with browser.visit(url) as visit:
        notice = visit.page.inner_text("#pg-notice")
        assert "counted nodes" in notice and "workers" in notice
        assert visit.evaluate("() => window.patronageGraph.nodes.length") < G.number_of_nodes()
        assert_drawn(visit)
        assert_clean(visit)


def test_the_harness_catches_a_page_that_leaves_the_machine(
    browser: Browser, tmp_path: Path
) -> None:
    """Without this, 'no request left the machine' could pass by never looking."""
    page = tmp_path / "leaky.html"
    page.write_text(
        '<img src="http://example.com/x.png">'
        "<script>window.patronageGraph = {drawn: true}</script>",
        encoding="utf-8",
    )
    with browser.visit(page.as_uri()) as visit:
        visit.page.wait_for_timeout(300)
    assert visit.blocked == ["http://example.com/x.png"]


def test_hovering_a_tie_shows_its_sources_and_what_was_given(
    browser: Browser, tmp_path: Path
) -> None:
    G, _ = view_graphs()["city"]
    url = _page(tmp_path, "hover", G, title="hover", view="city")
    with browser.visit(url) as visit:
        points = visit.evaluate(NODE_POINTS, ["tax", "venture"])
        (x1, y1), (x2, y2) = points["tax"], points["venture"]
        visit.page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
        visit.page.wait_for_timeout(300)
        tip = visit.page.inner_text("#pg-tip")
        assert "SUPPORTED" in tip and "tax_exemption" in tip
        assert "sources" in tip and "src-test" in tip
        # the grade and the quote, the quote's markup shown as text
        assert "evidence\tgeneral" in tip or "evidence general" in tip, tip
        assert 'tax bureaus "exempted" the bases <b>from taxes</b>' in tip


def test_an_inferred_tie_is_dashed_and_the_legend_says_so(browser: Browser, tmp_path: Path) -> None:
    G, _ = view_graphs()["worker"]
    url = _page(tmp_path, "inferred", G, title="inferred", view="worker")
    edges = """() => window.patronageGraph.edges.get().map(
        e => ({type: e.info[0][1], evidence: e.evidence, dashes: e.dashes}))"""
    with browser.visit(url) as visit:
        drawn = visit.evaluate(edges)
        [award] = [e for e in drawn if e["type"] == "AWARDED_TITLE"]
        assert award["evidence"] == "inferred" and award["dashes"] == list(INFERRED_DASHES)
        # a stated tie of the same kind keeps its kind's line
        [loan] = [e for e in drawn if e["type"] == "SUPPORTED" and e["evidence"] == "stated"]
        assert loan["dashes"] != list(INFERRED_DASHES)
        legend = visit.page.inner_text("#pg-evidence")
        assert "inferred" in legend and "dashed" in legend
        assert_drawn(visit)
        assert_clean(visit)


def test_show_inline_draws_inside_its_iframe(browser: Browser, tmp_path: Path) -> None:
    G, _ = view_graphs()["worker"]
    outer = tmp_path / "notebook.html"
    outer.write_text(
        "<!DOCTYPE html><h1>notebook</h1>" + show_inline(G, title="inline", view="worker").data,
        encoding="utf-8",
    )
    page = browser.context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(outer.as_uri())
        frame = page.frames[1]
        frame.wait_for_function("() => window.patronageGraph && window.patronageGraph.drawn")
        painted = frame.evaluate(PIXELS_AT_NODES, 50)["nodes"]
        assert painted and all(p["alpha"] > 0 for p in painted)
        assert frame.inner_text("#pg-title") == "inline"
        assert errors == []
    finally:
        page.close()
