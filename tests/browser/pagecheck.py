"""What a user would notice on a page, measured in the page (shared by the page tests)."""

from __future__ import annotations

from typing import Any

from chromium import PIXELS_AT_NODES, Visit

# Page coordinates (for the mouse) of nodes, from vis-network's own positions.
NODE_POINTS = """(ids) => {
  const net = window.patronageGraph.network;
  const box = document.getElementById('pg-network').getBoundingClientRect();
  const pos = net.getPositions(ids);
  const out = {};
  for (const id of Object.keys(pos)) {
    const p = net.canvasToDOM(pos[id]);
    out[id] = [box.left + p.x, box.top + p.y];
  }
  return out;
}"""
# Page point of one node where the mouse finds that node and not a neighbour drawn
# over it: the layout may put two nodes on one spot, so such a node is moved into
# the clear above the drawing first. Physics is stopped so positions hold still.
REACHABLE_POINT = """(id) => {
  const net = window.patronageGraph.network;
  const box = document.getElementById('pg-network').getBoundingClientRect();
  net.stopSimulation();
  let p = net.canvasToDOM(net.getPositions([id])[id]);
  if (net.getNodeAt(p) !== id) {
    const all = Object.values(net.getPositions());
    const top = Math.min(...all.map(q => q.y));
    const cx = all.reduce((s, q) => s + q.x, 0) / all.length;
    net.moveNode(id, cx, top - 200);
    net.fit({animation: false});
    p = net.canvasToDOM(net.getPositions([id])[id]);
  }
  return [box.left + p.x, box.top + p.y];
}"""
PIXEL_AT = """(id) => {
  const net = window.patronageGraph.network;
  const canvas = document.querySelector('#pg-network canvas');
  const ratio = canvas.width / canvas.clientWidth;
  const p = net.canvasToDOM(net.getPositions([id])[id]);
  return Array.from(canvas.getContext('2d').getImageData(
    Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data);
}"""


def assert_drawn(visit: Visit, limit: int = 300) -> dict[str, Any]:
    """Nodes are painted where they sit, and the canvas is empty elsewhere."""
    pixels: dict[str, Any] = visit.evaluate(PIXELS_AT_NODES, limit)
    checked = pixels["nodes"]
    assert checked, "no node lies inside the visible canvas"
    painted = [p for p in checked if p["alpha"] > 0]
    assert len(painted) >= 0.9 * len(checked), f"only {len(painted)}/{len(checked)} nodes painted"
    assert pixels["cornerAlpha"] == 0, "the canvas corner is painted: is anything drawn at all?"
    return pixels


def assert_clean(visit: Visit) -> None:
    """No console error, and no request tried to leave the machine."""
    assert visit.console_errors == [], visit.console_errors
    assert visit.blocked == [], f"requests beyond loopback: {visit.blocked}"


def hover_and_click_everything(visit: Visit, ids: list[str]) -> list[str]:
    """Hover every node (collecting the tooltip texts), then click the first one."""
    points = visit.evaluate(NODE_POINTS, ids)
    texts = []
    for node_id in ids:
        if node_id not in points:
            continue
        x, y = visit.evaluate(REACHABLE_POINT, node_id)
        visit.page.mouse.move(x, y)
        visit.page.wait_for_timeout(200)
        texts.append(visit.page.inner_text("#pg-tip"))
    first = next(iter(points.values()))
    visit.page.mouse.click(*first)
    visit.page.wait_for_timeout(100)
    return texts
